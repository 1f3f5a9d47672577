package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// BenchmarkLoadFileHTML is the HTML stage of "ingest run": LoadFile on the
// generated pages of "ingest bench --html" (file read, charset, main text
// and metadata), without the facts or the database.
func BenchmarkLoadFileHTML(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	var total int
	for i := range 100 {
		a := benchgen.Generate(1, i, true)
		p := filepath.Join(dir, a.Name)
		if err := os.WriteFile(p, a.Bytes, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
		total += len(a.Bytes)
	}
	b.SetBytes(int64(total / len(paths)))
	ctx := context.Background()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		if _, err := LoadFile(ctx, paths[i%len(paths)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// CPU time varies far less than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
