// Package pipeline runs articles through text extraction, fact extraction
// and storage: fetch -> text -> extract -> store. It walks folders for
// `ingest run`, re-reads stored articles for `ingest reextract`, and
// processes single fetched pages for `ingest crawl`.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/store"
)

// Pipeline holds what every article needs: the store and the extractor,
// both loaded once.
type Pipeline struct {
	DB        *store.DB
	Extractor *extract.Extractor
	Logger    *slog.Logger
	Workers   int // parallel text+fact extraction; 0 means GOMAXPROCS
	// Progress, when set, is called by Run from one goroutine as files are
	// done (stored, unchanged or failed): done of total, facts written.
	Progress func(done, total, facts int)
}

// Summary is what a run did.
type Summary struct {
	Files   int // supported files found
	Skipped int // files of other types
	saved
	Failed   int
	Failures []Failure
}

// Failure is one input that could not be processed, and why.
type Failure struct {
	Source string
	Stage  string
	Err    error
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (p *Pipeline) workers() int {
	if p.Workers > 0 {
		return p.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Files lists the supported files under paths (files or folders, walked
// recursively) in a stable order, and counts the others.
func Files(paths []string) (files []string, skipped int, err error) {
	seen := map[string]bool{}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, 0, fmt.Errorf("input %s: %w", root, err)
		}
		if !st.IsDir() {
			if !Supported(root) {
				skipped++
				continue
			}
			if !seen[root] {
				seen[root] = true
				files = append(files, root)
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && len(d.Name()) > 1 && d.Name()[0] == '.' {
					return filepath.SkipDir // .git and the like
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if !Supported(path) {
				skipped++
				return nil
			}
			if !seen[path] {
				seen[path] = true
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, 0, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	sort.Strings(files)
	return files, skipped, nil
}

// result is one file after loading and extraction, waiting to be stored.
type result struct {
	path  string
	art   *article.Article
	facts []extract.Fact
	stage string
	err   error
}

// Run ingests files and folders. One broken file is recorded as a failure
// with its reason and the run goes on; the error returned is only for a run
// that could not work at all (an unreadable input path, a broken database).
func (p *Pipeline) Run(ctx context.Context, runID int64, paths []string) (Summary, error) {
	var sum Summary
	files, skipped, err := Files(paths)
	if err != nil {
		return sum, err
	}
	sum.Files, sum.Skipped = len(files), skipped
	p.progress(&sum)

	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for range p.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				results <- p.prepare(ctx, path)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// One writer: SQLite serialises writes anyway, and results arrive as
	// soon as any worker is done, so memory stays flat.
	var storeErr error
	for r := range results {
		if storeErr != nil {
			continue // drain
		}
		if r.err != nil {
			p.fail(ctx, runID, &sum, r.path, r.stage, r.err)
			p.progress(&sum)
			continue
		}
		res, err := p.DB.SaveArticle(ctx, r.art, r.facts, extract.Version)
		if err != nil {
			if ctx.Err() != nil {
				storeErr = ctx.Err()
				continue
			}
			p.fail(ctx, runID, &sum, r.path, "store", err)
			p.progress(&sum)
			continue
		}
		sum.add(res, len(r.facts))
		p.progress(&sum)
		if err := p.DB.ResolveFailure(ctx, r.path); err != nil {
			p.logger().Warn("clearing old failure", "source", r.path, "err", err)
		}
		p.logger().Debug("stored", "source", r.path, "outcome", res.Outcome.String(), "facts", len(r.facts))
	}
	if storeErr == nil {
		storeErr = ctx.Err()
	}
	return sum, storeErr
}

func (p *Pipeline) progress(sum *Summary) {
	if p.Progress != nil {
		p.Progress(sum.New+sum.Updated+sum.Unchanged+sum.Failed, sum.Files, sum.Facts)
	}
}

// saved counts what one save did; Summary and CrawlSummary share it.
type saved struct {
	New, Updated, Unchanged int
	Facts                   int // facts written
}

func (s *saved) add(res store.SaveResult, facts int) {
	switch res.Outcome {
	case store.Inserted:
		s.New++
		s.Facts += facts
	case store.Updated:
		s.Updated++
		s.Facts += facts
	case store.Unchanged:
		s.Unchanged++
	}
}

func (p *Pipeline) fail(ctx context.Context, runID int64, sum *Summary, source, stage string, err error) {
	sum.Failed++
	sum.Failures = append(sum.Failures, Failure{Source: source, Stage: stage, Err: err})
	// The caller reports failures to the user; this is for -v traces.
	p.logger().Debug("input failed", "source", source, "stage", stage, "err", err)
	if rerr := p.DB.RecordFailure(ctx, runID, source, stage, err.Error()); rerr != nil {
		p.logger().Error("recording failure", "source", source, "err", rerr)
	}
}

// prepare loads one file and extracts its facts, unless the store already
// holds the same text under the current extractor version.
func (p *Pipeline) prepare(ctx context.Context, path string) (r result) {
	r.path = path
	defer func() {
		// A defect in one extractor rule must cost one article, not the run.
		if v := recover(); v != nil {
			r.stage, r.err = "extract", fmt.Errorf("internal error: %v", v)
		}
	}()
	a, err := LoadFile(ctx, path)
	if err != nil {
		r.stage, r.err = "read", err
		if errors.Is(err, ErrUnsupported) {
			r.stage = "type"
		}
		return r
	}
	r.art = a
	same, err := p.DB.ArticleUnchanged(ctx, a, extract.Version)
	if err == nil && same {
		return r // SaveArticle will report it unchanged without facts
	}
	r.facts = p.Extract(a)
	return r
}

// Extract runs the extractor over one article.
func (p *Pipeline) Extract(a *article.Article) []extract.Fact {
	doc := extract.Document{Text: a.Text, Published: a.Published}
	return p.Extractor.Extract(doc)
}

// Process extracts and stores one article that arrived some other way (a
// crawled page).
func (p *Pipeline) Process(ctx context.Context, a *article.Article) (store.SaveResult, int, error) {
	facts := p.Extract(a)
	res, err := p.DB.SaveArticle(ctx, a, facts, extract.Version)
	return res, len(facts), err
}

// Reextract runs the current extractor over every stored article, without
// reading the sources, and replaces their facts.
func (p *Pipeline) Reextract(ctx context.Context) (Summary, error) {
	var sum Summary
	start := time.Now()
	// EachArticle pages through the store and holds no read open while
	// the callback writes, so memory stays flat however many articles.
	err := p.DB.EachArticle(ctx, func(id int64, a article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum.Files++
		facts := p.Extract(&a)
		if err := p.DB.ReplaceFacts(ctx, id, facts, extract.Version); err != nil {
			p.fail(ctx, 0, &sum, a.Source, "store", err)
			return nil
		}
		sum.Updated++
		sum.Facts += len(facts)
		return nil
	})
	p.logger().Debug("reextract done", "articles", sum.Files, "elapsed", time.Since(start))
	return sum, err
}
