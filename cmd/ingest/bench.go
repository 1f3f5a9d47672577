package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jdkato/prose/v3"
	"github.com/markusmobius/go-trafilatura"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

var cmdBench = &command{
	name:  "bench",
	usage: "bench [-n N] [--html] [--seed S] [--workers N] [--json]",
	short: "measure throughput on a generated corpus",
	long: `Bench generates a corpus of N synthetic news articles (deterministic given
--seed; .txt files with front matter, or HTML pages wrapped in a news site's
markup with --html) in a temporary folder, ingests it into a fresh temporary
database through the same pipeline as "ingest run" (read, text, facts,
committed in SQLite), and prints:

  articles/s, MB/s and facts/s   over the wall time of the run
  CPU / wall                     user+sys CPU time of the process over wall time
  peak RSS                       the process's maximum resident set size
  DB per 1,000 articles          the database file's size after the run

In the same run, on the same input and with the same number of workers, it
times prose/v3's full document pipeline (prose.NewDocument: segmentation,
tokenization, tagging and entity extraction) over each article's text and,
with --html, go-trafilatura's extraction alone over each page, and prints
ingest's throughput as a ratio to theirs. The corpus and the database are
deleted afterwards.`,
	run: runBench,
}

type benchOptions struct {
	n          int
	html, json bool
	seed       uint64
}

func benchFlags(fs *flag.FlagSet, opts *options) {
	fs.IntVar(&opts.bench.n, "n", 1000, "number of articles to generate")
	fs.BoolVar(&opts.bench.html, "html", false, "generate HTML pages instead of .txt articles")
	fs.Uint64Var(&opts.bench.seed, "seed", 1, "corpus `seed`: the same seed gives the same corpus")
	fs.BoolVar(&opts.bench.json, "json", false, "print the results as one JSON object")
	fs.IntVar(&opts.workers, "workers", runtime.GOMAXPROCS(0), "articles processed in parallel, by ingest and by the baselines")
}

// benchResult is what bench prints; the JSON names are stable.
type benchResult struct {
	Articles       int     `json:"articles"`
	HTML           bool    `json:"html"`
	Seed           uint64  `json:"seed"`
	Workers        int     `json:"workers"`
	CPUs           int     `json:"cpus"`
	InputBytes     int64   `json:"input_bytes"`
	Facts          int     `json:"facts"`
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_sec"`
	MBPerSec       float64 `json:"mb_per_sec"`
	FactsPerSec    float64 `json:"facts_per_sec"`
	CPUPerWall     float64 `json:"cpu_per_wall"`
	PeakRSSMB      float64 `json:"peak_rss_mb"`
	DBBytesPer1000 int64   `json:"db_bytes_per_1000_articles"`

	ProseSeconds        float64 `json:"prose_seconds"`
	ProseArticlesPerSec float64 `json:"prose_articles_per_sec"`
	VsProse             float64 `json:"ingest_vs_prose"`
	ProseCPUSeconds     float64 `json:"prose_cpu_seconds"`
	VsProseCPU          float64 `json:"ingest_vs_prose_cpu"`

	TrafilaturaSeconds        float64 `json:"trafilatura_seconds,omitempty"`
	TrafilaturaArticlesPerSec float64 `json:"trafilatura_articles_per_sec,omitempty"`
	VsTrafilatura             float64 `json:"ingest_vs_trafilatura,omitempty"`
	// The same comparison in CPU time per article, which other processes
	// on a busy machine disturb far less than wall time.
	CPUSeconds            float64 `json:"cpu_seconds"`
	TrafilaturaCPUSeconds float64 `json:"trafilatura_cpu_seconds,omitempty"`
	VsTrafilaturaCPU      float64 `json:"ingest_vs_trafilatura_cpu,omitempty"`
}

func runBench(ctx context.Context, c *command, e *env, args []string) int {
	opts, code := c.parseNoArgs(e, args)
	if code >= 0 {
		return code
	}
	o := opts.bench
	if o.n < 1 {
		return c.usageError(e, "-n must be at least 1, not %d", o.n)
	}
	if opts.workers < 1 {
		return c.usageError(e, "--workers must be at least 1, not %d", opts.workers)
	}
	res, err := bench(ctx, o, opts.workers, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest bench: %v\n", err)
		return exitFailed
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(res)
		return exitOK
	}
	printBench(e.stdout, res)
	return exitOK
}

func bench(ctx context.Context, o benchOptions, workers int, stderr io.Writer) (*benchResult, error) {
	tmp, err := os.MkdirTemp("", "ingest-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	corpus := filepath.Join(tmp, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		return nil, err
	}
	res := &benchResult{Articles: o.n, HTML: o.html, Seed: o.seed, Workers: workers, CPUs: runtime.NumCPU()}
	// The corpus is written, not held: a 100,000-article run would
	// otherwise count it in the peak RSS.
	var files []string
	for i := range o.n {
		a := benchgen.Generate(o.seed, i, o.html)
		p := filepath.Join(corpus, a.Name)
		if err := os.WriteFile(p, a.Bytes, 0o644); err != nil {
			return nil, err
		}
		files = append(files, p)
		res.InputBytes += int64(len(a.Bytes))
	}

	dbPath := filepath.Join(tmp, "bench.db")
	p, db, err := open(ctx, dbPath, logger(&env{stderr: stderr}, false))
	if err != nil {
		return nil, err
	}
	p.Workers = workers
	runID, err := db.StartRun(ctx, "bench", []string{corpus})
	if err != nil {
		db.Close()
		return nil, err
	}
	// Measured: the run itself (files read, text, facts, commits), not the
	// generation or the loading of the models.
	runtime.GC()
	cpu0 := cpuTime()
	start := time.Now()
	sum, err := p.Run(ctx, runID, []string{corpus})
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	rss := peakRSS()
	if err == nil && sum.Failed > 0 {
		err = fmt.Errorf("%d articles failed, the first %s: %v", sum.Failed, sum.Failures[0].Source, sum.Failures[0].Err)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	res.Facts = sum.Facts
	res.Seconds = wall.Seconds()
	res.ArticlesPerSec = float64(sum.New) / res.Seconds
	res.MBPerSec = float64(res.InputBytes) / 1e6 / res.Seconds
	res.FactsPerSec = float64(sum.Facts) / res.Seconds
	res.CPUSeconds = cpu.Seconds()
	res.CPUPerWall = cpu.Seconds() / res.Seconds
	res.PeakRSSMB = float64(rss) / (1 << 20)
	var dbBytes int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(dbPath + suffix); err == nil {
			dbBytes += fi.Size()
		}
	}
	res.DBBytesPer1000 = dbBytes * 1000 / int64(o.n)

	// The baselines read the same files with the same parallelism, under
	// Go's default collector: main's memory limit is for ingest.
	debug.SetMemoryLimit(math.MaxInt64)
	runtime.GC()
	proseCPU0 := cpuTime()
	proseTime, err := eachFile(ctx, files, workers, func(path string, raw []byte) error {
		_, err := prose.NewDocument(articleText(raw, o.html, path, o.seed))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("prose: %w", err)
	}
	res.ProseCPUSeconds = (cpuTime() - proseCPU0).Seconds()
	res.ProseSeconds = proseTime.Seconds()
	res.ProseArticlesPerSec = float64(o.n) / res.ProseSeconds
	res.VsProse = res.ArticlesPerSec / res.ProseArticlesPerSec
	res.VsProseCPU = res.ProseCPUSeconds / float64(o.n) / (res.CPUSeconds / float64(sum.New))
	if o.html {
		// The options whose result htmltext gives (it runs the fallback only
		// on the pages where it can change the result), so that the
		// comparison is with the same extraction ingest does.
		runtime.GC()
		cpu0 := cpuTime()
		tt, err := eachFile(ctx, files, workers, func(_ string, raw []byte) error {
			_, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{
				EnableFallback: true, ExcludeComments: true, HtmlDateMode: trafilatura.Fast,
			})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("trafilatura: %w", err)
		}
		res.TrafilaturaCPUSeconds = (cpuTime() - cpu0).Seconds()
		res.TrafilaturaSeconds = tt.Seconds()
		res.TrafilaturaArticlesPerSec = float64(o.n) / res.TrafilaturaSeconds
		res.VsTrafilatura = res.ArticlesPerSec / res.TrafilaturaArticlesPerSec
		// Both read the same o.n files; ingest's time counts only the
		// articles it stored.
		res.VsTrafilaturaCPU = res.TrafilaturaCPUSeconds / float64(o.n) / (res.CPUSeconds / float64(sum.New))
	}
	return res, nil
}

// articleText is the text prose reads: the article without its front
// matter; for an HTML page, the text the generator wrapped in it (prose
// reads text, not markup).
func articleText(raw []byte, isHTML bool, path string, seed uint64) string {
	if isHTML {
		var i int
		fmt.Sscanf(filepath.Base(path), "%d", &i)
		return benchgen.Generate(seed, i, false).Text
	}
	s := string(raw)
	if rest, ok := bytes.CutPrefix(raw, []byte("---\n")); ok {
		if _, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			s = string(after)
		}
	}
	return s
}

// eachFile reads every file and calls f on it from workers goroutines,
// returning the wall time.
func eachFile(ctx context.Context, files []string, workers int, f func(path string, raw []byte) error) (time.Duration, error) {
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		once     sync.Once
	)
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				raw, err := os.ReadFile(files[i])
				if err == nil {
					err = f(files[i], raw)
				}
				if err != nil {
					once.Do(func() { firstErr = fmt.Errorf("%s: %w", filepath.Base(files[i]), err) })
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return time.Since(start), firstErr
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's maximum resident set size in bytes (Linux
// reports kilobytes).
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return int64(ru.Maxrss) * 1024
}

func printBench(w io.Writer, r *benchResult) {
	kind := "text"
	if r.HTML {
		kind = "HTML"
	}
	fmt.Fprintf(w, "ingest bench: %d %s articles (seed %d, %.1f MB), %d workers on %d CPUs\n\n",
		r.Articles, kind, r.Seed, float64(r.InputBytes)/1e6, r.Workers, r.CPUs)
	row := func(name, value string) { fmt.Fprintf(w, "  %-32s %10s\n", name, value) }
	row("wall time", fmt.Sprintf("%.2f s", r.Seconds))
	row("articles/s", fmt.Sprintf("%.1f", r.ArticlesPerSec))
	row("MB/s", fmt.Sprintf("%.2f", r.MBPerSec))
	row("facts/s", fmt.Sprintf("%.0f", r.FactsPerSec))
	row("facts", fmt.Sprint(r.Facts))
	row("CPU / wall", fmt.Sprintf("%.2f", r.CPUPerWall))
	row("peak RSS", fmt.Sprintf("%.0f MB", r.PeakRSSMB))
	row("DB per 1,000 articles", fmt.Sprintf("%.1f MB", float64(r.DBBytesPer1000)/1e6))
	row("prose full pipeline articles/s", fmt.Sprintf("%.1f", r.ProseArticlesPerSec))
	if r.HTML {
		row("trafilatura alone articles/s", fmt.Sprintf("%.1f", r.TrafilaturaArticlesPerSec))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "ingest vs prose full pipeline: %.2f× (CPU time per article: %.2f×)\n", r.VsProse, r.VsProseCPU)
	if r.HTML {
		fmt.Fprintf(w, "ingest (HTML) vs trafilatura alone: %.2f× (CPU time per article: %.2f×)\n", r.VsTrafilatura, r.VsTrafilaturaCPU)
	}
}
