package htmltext

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchDir is the shared article-extraction benchmark (scrapinghub's 181
// pages), relative to this package's directory.
const benchDir = "../../shared/benchmarks/article-extraction"

type benchPage struct {
	id, url string
	html    []byte
	want    string
}

func loadBenchmark(tb testing.TB) []benchPage {
	tb.Helper()
	pages, ok := tryLoadBenchmark(tb)
	if !ok {
		tb.Skipf("benchmark data not present at %s", benchDir)
	}
	return pages
}

// tryLoadBenchmark is loadBenchmark for tests that do more than the
// benchmark: false when the data is absent.
func tryLoadBenchmark(tb testing.TB) ([]benchPage, bool) {
	tb.Helper()
	gt, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if os.IsNotExist(err) {
		return nil, false
	}
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		tb.Fatal(err)
	}
	var pages []benchPage
	for id, t := range truth {
		f, err := os.Open(filepath.Join(benchDir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", id, err)
		}
		pages = append(pages, benchPage{id: id, url: t.URL, html: b, want: t.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b benchPage) int { return strings.Compare(a.id, b.id) })
	return pages, true
}

// wordRE is Python's \w+ as the benchmark's scorer uses it.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingles returns the multiset of 4-token shingles, or the whole token list
// as one shingle when there are fewer than four tokens (as the reference
// scorer does).
func shingles(text string) map[string]int {
	toks := wordRE.FindAllString(text, -1)
	out := map[string]int{}
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		sh := toks[i:min(i+n, len(toks))]
		if len(sh) > 0 {
			out[strings.Join(sh, "\x00")]++
		}
	}
	return out
}

func shingleMatch(want, got string) (tp, fp, fn int) {
	w, g := shingles(want), shingles(got)
	for k, gc := range g {
		wc := w[k]
		tp += min(gc, wc)
		fp += max(0, gc-wc)
	}
	for k, wc := range w {
		fn += max(0, wc-g[k])
	}
	return tp, fp, fn
}

func TestShingleMatch(t *testing.T) {
	tests := []struct {
		want, got  string
		tp, fp, fn int
	}{
		{"a b c d e", "a b c d e", 2, 0, 0},
		{"a b c d e", "a b c d", 1, 0, 1},
		{"a b c d", "x a b c d y", 1, 2, 0},
		{"a b", "a b", 1, 0, 0},
		{"a b c d", "", 0, 0, 1},
	}
	for _, tt := range tests {
		tp, fp, fn := shingleMatch(tt.want, tt.got)
		if tp != tt.tp || fp != tt.fp || fn != tt.fn {
			t.Errorf("shingleMatch(%q, %q) = %d,%d,%d, want %d,%d,%d", tt.want, tt.got, tp, fp, fn, tt.tp, tt.fp, tt.fn)
		}
	}
}

// TestBenchmarkArticleExtraction scores Extract on the shared benchmark with
// its own metric: mean per-page shingle precision and recall.
func TestBenchmarkArticleExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every benchmark page; skipped with -short")
	}
	pages := loadBenchmark(t)
	ctx := context.Background()
	type score struct {
		p, r   float64
		hasP   bool
		exact  bool
		failed error
	}
	scores := make([]score, len(pages))
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range pages {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			pg := pages[i]
			var got string
			p, err := Extract(ctx, pg.html, "", pg.url)
			if err != nil {
				scores[i].failed = err
			} else {
				got = p.Text
			}
			tp, fp, fn := shingleMatch(pg.want, got)
			s := &scores[i]
			if tp+fp > 0 {
				s.p, s.hasP = float64(tp)/float64(tp+fp), true
			}
			if tp+fn > 0 {
				s.r = float64(tp) / float64(tp+fn)
			}
			s.exact = slices.Equal(wordRE.FindAllString(pg.want, -1), wordRE.FindAllString(got, -1))
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	var sumP, sumR float64
	var nP, exact int
	for i, s := range scores {
		if s.failed != nil {
			t.Logf("page %s: %v", pages[i].id, s.failed)
		}
		if s.hasP {
			sumP += s.p
			nP++
		}
		sumR += s.r
		if s.exact {
			exact++
		}
	}
	prec := sumP / float64(max(nP, 1))
	rec := sumR / float64(len(scores))
	f1 := 2 * prec * rec / (prec + rec)
	t.Logf("%d pages in %v: precision %.3f recall %.3f F1 %.3f accuracy %.3f",
		len(pages), elapsed.Round(time.Millisecond), prec, rec, f1, float64(exact)/float64(len(scores)))
	if f1 < 0.93 {
		t.Errorf("F1 %.3f below 0.93", f1)
	}
}

// BenchmarkExtract reports throughput over the benchmark pages.
func BenchmarkExtract(b *testing.B) {
	pages := loadBenchmark(b)
	var total int
	for _, p := range pages {
		total += len(p.html)
	}
	b.SetBytes(int64(total / len(pages)))
	ctx := context.Background()
	cpu := startCPU()
	i := 0
	for b.Loop() {
		pg := pages[i%len(pages)]
		// A page that yields no text still costs a full extraction, so it
		// counts as a page processed.
		_, _ = Extract(ctx, pg.html, "", pg.url)
		i++
	}
	cpu.report(b)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
