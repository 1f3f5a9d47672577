// Package pipeline runs articles through text extraction, fact extraction
// and storage: fetch -> text -> extract -> store. It walks folders for
// `ingest run`, re-reads stored articles for `ingest reextract`, and
// processes single fetched pages for `ingest crawl`.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/store"
)

// Pipeline holds what every article needs: the store and the extractor,
// both loaded once.
type Pipeline struct {
	DB        *store.DB
	Extractor *extract.Extractor
	Limits    extract.Limits // per article; zero means extract.DefaultLimits
	Logger    *slog.Logger
	Workers   int // parallel text+fact extraction; 0 means GOMAXPROCS
	// Progress, when set, is called by Run from one goroutine as files are
	// done (stored, unchanged or failed): done of total, facts written.
	Progress func(done, total, facts int)

	synd syndication // fingerprints of the stored articles, loaded on first use
}

// Summary is what a run did.
type Summary struct {
	Files   int // supported files found
	Skipped int // entries not read: other file types, and anything not a regular file
	Skips   []Skip
	saved
	Failed   int
	Failures []Failure
	// Truncated are articles stored with the facts read before the
	// extraction limits cut them; each is also an open failure (stage
	// "extract", reason "truncated: ...").
	Truncated []Failure
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

// result is one file after loading and extraction, waiting to be stored.
type result struct {
	path      string
	art       *article.Article
	facts     []extract.Fact
	extracted bool   // false when the stored facts are current and kept
	truncated string // why extraction stopped early, "" when it did not
	stage     string
	err       error
}

// Run ingests files and folders. One broken file is recorded as a failure
// with its reason and the run goes on; the error returned is only for a run
// that could not work at all (an input path that does not exist, a broken
// database) or was cancelled. Only regular files are read: other entries
// are skipped and counted (see Walk), and a folder that cannot be read is
// recorded as a failure (stage "walk") while the walk goes on.
func (p *Pipeline) Run(ctx context.Context, runID int64, paths []string) (Summary, error) {
	var sum Summary
	l, err := Walk(paths)
	if err != nil {
		return sum, err
	}
	files := l.Files
	sum.Files, sum.Skipped, sum.Skips = len(files), len(l.Skipped), l.Skipped
	for _, s := range l.Skipped {
		p.logger().Debug("skipped", "source", s.Path, "kind", s.Kind)
	}
	for _, s := range l.Links {
		p.logger().Debug("following symlink", "source", s.Path, "target", s.Kind)
	}
	p.settleWalk(ctx, runID, &sum, l)
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
		if storeErr == nil && ctx.Err() != nil {
			storeErr = ctx.Err() // interrupted: what is left is not a failure
		}
		if storeErr != nil {
			continue // drain
		}
		if r.err != nil {
			p.fail(ctx, runID, &sum, r.path, r.stage, r.err)
			p.progress(&sum)
			continue
		}
		if listed := l.Listed[r.path]; listed != "" && r.art.URL == "" {
			// Adopt what an earlier version stored under the path as
			// listed (relative, through a symlink).
			if err := p.DB.AdoptSource(ctx, listed, r.art.Source); err != nil {
				p.logger().Warn("adopting the article stored under its listed path", "source", r.path, "listed", listed, "err", err)
			}
		}
		res, nfacts, err := p.save(ctx, r.art, r.facts)
		if err != nil {
			if ctx.Err() != nil {
				storeErr = ctx.Err()
				continue
			}
			p.fail(ctx, runID, &sum, r.path, "store", err)
			p.progress(&sum)
			continue
		}
		sum.add(res, nfacts)
		p.progress(&sum)
		p.settle(ctx, runID, &sum, r.path, r.extracted, r.truncated)
		p.logger().Debug("stored", "source", r.path, "outcome", res.Outcome.String(), "facts", nfacts)
	}
	if storeErr == nil {
		storeErr = ctx.Err()
	}
	return sum, storeErr
}

// settleWalk records the folders that could not be read and clears the
// walk failures of those read this time.
func (p *Pipeline) settleWalk(ctx context.Context, runID int64, sum *Summary, l Listing) {
	failed := map[string]bool{}
	for _, f := range l.Errors {
		failed[f.Source] = true
		p.fail(ctx, runID, sum, f.Source, f.Stage, f.Err)
	}
	open, err := p.DB.Failures(ctx)
	if err != nil {
		p.logger().Warn("listing open failures", "err", err)
		return
	}
	walked := map[string]bool{}
	for _, f := range l.Folders {
		walked[f] = true
	}
	for _, f := range open {
		if f.Stage == "walk" && walked[f.Source] && !failed[f.Source] {
			if err := p.DB.ResolveFailure(ctx, f.Source); err != nil {
				p.logger().Warn("clearing old failure", "source", f.Source, "err", err)
			}
		}
	}
}

// settle updates the failures of a source just stored: a truncated
// extraction is recorded (stage "extract"), a complete one clears any open
// failure, and kept facts (extraction skipped) clear all but a truncation,
// which still holds for them.
func (p *Pipeline) settle(ctx context.Context, runID int64, sum *Summary, source string, extracted bool, truncated string) {
	var err error
	switch {
	case truncated != "":
		reason := "truncated: " + truncated
		sum.Truncated = append(sum.Truncated, Failure{Source: source, Stage: "extract", Err: errors.New(reason)})
		// The caller reports sum.Truncated; this is for -v traces.
		p.logger().Debug("article truncated", "source", source, "reason", truncated)
		err = p.DB.RecordFailure(ctx, runID, source, "extract", reason)
	case extracted:
		err = p.DB.ResolveFailure(ctx, source)
	default:
		err = p.DB.ResolveFailureExcept(ctx, source, "extract")
	}
	if err != nil {
		p.logger().Warn("updating the failures of a stored article", "source", source, "err", err)
	}
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
	if err := ctx.Err(); err != nil {
		r.stage, r.err = "read", err
		return r
	}
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
	x, err := p.Extract(ctx, a)
	if err != nil {
		r.stage, r.err = "extract", err
		return r
	}
	r.facts, r.truncated, r.extracted = x.Facts, x.Truncated, true
	return r
}

// Extract runs the extractor over one article within p.Limits. It stops
// with ctx's error when ctx is cancelled; Result.Truncated says what the
// limits cut.
func (p *Pipeline) Extract(ctx context.Context, a *article.Article) (extract.Result, error) {
	text := a.Text
	if len(text) > maxExtractText {
		cut := maxExtractText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] // offsets into a prefix are offsets into the text
	}
	doc := extract.Document{Text: text, Published: a.Published}
	r, err := p.Extractor.ExtractContext(ctx, doc, p.Limits)
	if err == nil && r.Truncated == "" && len(text) < len(a.Text) {
		r.Truncated = fmt.Sprintf("text limit %d bytes reached (the text has %d)", len(text), len(a.Text))
	}
	return r, err
}

// maxExtractText bounds the text one extraction reads; the whole text is
// stored. Splitting a text into sentences cannot be interrupted, so this
// bounds the time a cancelled run waits; 4 MiB of news is some 40,000
// sentences, far past extract.DefaultLimits' 5,000, so only a text of
// mostly blank space reaches it first.
const maxExtractText = 4 << 20

// Process extracts and stores one article that arrived some other way (a
// crawled page). An article cut by the extraction limits is stored with
// the facts read and recorded as a failure (stage "extract", reason
// "truncated: ...") under a.Source.
func (p *Pipeline) Process(ctx context.Context, a *article.Article) (store.SaveResult, int, error) {
	x, err := p.Extract(ctx, a)
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	res, nfacts, err := p.save(ctx, a, x.Facts)
	if err != nil {
		return res, 0, err
	}
	if x.Truncated != "" {
		p.logger().Warn("article truncated", "source", a.Source, "reason", x.Truncated)
		err = p.DB.RecordFailure(ctx, 0, a.Source, "extract", "truncated: "+x.Truncated)
	} else {
		err = p.DB.ResolveFailureStage(ctx, a.Source, "extract")
	}
	if err != nil {
		p.logger().Warn("updating the failures of a stored article", "source", a.Source, "err", err)
	}
	return res, nfacts, nil
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
		x, err := p.Extract(ctx, &a)
		if err != nil {
			return err // cancelled
		}
		n, err := p.reextractFacts(ctx, id, &a, x.Facts) // an exact copy keeps none
		if err != nil {
			p.fail(ctx, 0, &sum, a.Source, "store", err)
			return nil
		}
		sum.Updated++
		sum.Facts += n
		if x.Truncated != "" {
			p.logger().Warn("article truncated", "source", a.Source, "reason", x.Truncated)
			p.settle(ctx, 0, &sum, a.Source, true, x.Truncated)
		} else if err := p.DB.ResolveFailureStage(ctx, a.Source, "extract"); err != nil {
			p.logger().Warn("clearing an old truncation", "source", a.Source, "err", err)
		}
		return nil
	})
	p.logger().Debug("reextract done", "articles", sum.Files, "elapsed", time.Since(start))
	return sum, err
}
