package htmltext

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// generatedPages are the pages of "ingest bench --html" (seed 1): the HTML
// stage of the end-to-end benchmark, without the files, facts or SQLite.
func generatedPages(n int) [][]byte {
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = benchgen.Generate(1, i, true).Bytes
	}
	return pages
}

// BenchmarkExtractGenerated is Extract over the generated news pages.
func BenchmarkExtractGenerated(b *testing.B) {
	pages := generatedPages(100)
	benchPages(b, pages, func(raw []byte) error {
		_, err := Extract(context.Background(), raw, "text/html", "")
		return err
	})
}

// BenchmarkTrafilaturaGenerated is the baseline of "ingest bench --html":
// go-trafilatura alone on the same pages, with the options bench uses.
func BenchmarkTrafilaturaGenerated(b *testing.B) {
	pages := generatedPages(100)
	benchPages(b, pages, func(raw []byte) error {
		_, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{
			EnableFallback: true, ExcludeComments: true, HtmlDateMode: trafilatura.Fast,
		})
		return err
	})
}

// BenchmarkTrafilaturaDocumentGenerated is the baseline without the
// charset detection trafilatura.Extract does on every page (go-shiori/dom's
// Parse runs gogs/chardet even on valid UTF-8, as htmltext does not):
// parsing and ExtractDocument with the fallback.
func BenchmarkTrafilaturaDocumentGenerated(b *testing.B) {
	pages := generatedPages(100)
	benchPages(b, pages, func(raw []byte) error {
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		_, err = trafilatura.ExtractDocument(doc, trafilatura.Options{
			EnableFallback: true, ExcludeComments: true, HtmlDateMode: trafilatura.Fast,
		})
		return err
	})
}

func benchPages(b *testing.B, pages [][]byte, f func([]byte) error) {
	var total int
	for _, p := range pages {
		total += len(p)
	}
	b.SetBytes(int64(total / len(pages)))
	cpu := startCPU()
	i := 0
	for b.Loop() {
		if err := f(pages[i%len(pages)]); err != nil {
			b.Fatalf("page %d: %v", i%len(pages), err)
		}
		i++
	}
	cpu.report(b)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// cpuClock measures the process's CPU time (user and system, all threads,
// the garbage collector's included) over a benchmark: on a machine shared
// with other work it varies far less than the wall time ns/op.
type cpuClock time.Duration

func startCPU() cpuClock { return cpuClock(cpuTime()) }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-time.Duration(c))/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTrafilaturaNoFallbackGenerated is go-trafilatura alone without
// its fallback extractors: the floor for Extract, which runs them only
// where they can change the result.
func BenchmarkTrafilaturaNoFallbackGenerated(b *testing.B) {
	pages := generatedPages(100)
	benchPages(b, pages, func(raw []byte) error {
		_, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{
			ExcludeComments: true, HtmlDateMode: trafilatura.Fast,
		})
		return err
	})
}
