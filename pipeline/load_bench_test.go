package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
	i := 0
	for b.Loop() {
		if _, err := LoadFile(ctx, paths[i%len(paths)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
