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
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/fetch"
	"github.com/cloudfacts/ingest/simhash"
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
	fp        uint64 // the SimHash of art.Text
	facts     []extract.Fact
	extracted bool   // false when the stored facts are current and kept
	truncated string // why extraction stopped early, "" when it did not
	stage     string
	err       error
}

// Batching: the writer commits every batchSize articles or batchTime after
// a batch began, whichever comes first. A crash loses at most one batch,
// which the next run reads again; the write lock is held no longer than a
// batch, so other writers wait for at most about that.
const (
	batchSize = 256
	batchTime = 100 * time.Millisecond
)

// resultBuffer is how many extracted articles may wait for the writer: the
// workers go on while it commits or checkpoints, and memory stays bounded.
const resultBuffer = 64

// Run ingests files and folders. One broken file is recorded as a failure
// with its reason and the run goes on; the error returned is only for a run
// that could not work at all (an input path that does not exist, a broken
// database) or was cancelled. Only regular files are read: other entries
// are skipped and counted (see Walk), and a folder that cannot be read is
// recorded as a failure (stage "walk") while the walk goes on.
//
// Workers (p.Workers) load files and extract facts; one writer stores the
// results in batches (see batchSize), so memory stays flat however many
// files: only the walk's list of paths grows with them (packed, see paths).
func (p *Pipeline) Run(ctx context.Context, runID int64, paths []string) (Summary, error) {
	var sum Summary
	l, err := Walk(paths)
	if err != nil {
		return sum, err
	}
	files := packPaths(l.Files)
	l.Files = nil // the strings go; the run reads the packed copy
	sum.Files, sum.Skipped, sum.Skips = files.len(), len(l.Skipped), l.Skipped
	for _, s := range l.Skipped {
		p.logger().Debug("skipped", "source", s.Path, "kind", s.Kind)
	}
	for _, s := range l.Links {
		p.logger().Debug("following symlink", "source", s.Path, "target", s.Kind)
	}
	w := &writer{p: p, ctx: ctx, runID: runID, sum: &sum}
	if err := w.loadOpen(); err != nil {
		return sum, err
	}
	defer w.rollback()
	w.settleWalk(l)
	if err := w.commit(); err != nil {
		return sum, err
	}
	p.progress(&sum)

	jobs := make(chan string)
	results := make(chan result, resultBuffer)
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
		for i := range files.len() {
			select {
			case jobs <- files.at(i):
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// One writer: SQLite serialises writes anyway, and results arrive as
	// soon as any worker is done.
	var (
		storeErr error
		timer    = time.NewTimer(batchTime)
		due      <-chan time.Time // batchTime after the open batch began
	)
	timer.Stop()
	commit := func() {
		due = nil
		if err := w.commit(); err != nil && storeErr == nil {
			storeErr = err
		}
	}
	for open := true; open; {
		select {
		case r, ok := <-results:
			if !ok {
				open = false
				break
			}
			if storeErr == nil && ctx.Err() != nil {
				storeErr = ctx.Err() // interrupted: what is left is not a failure
				commit()             // what is stored so far is complete
			}
			if storeErr != nil {
				continue // drain
			}
			began := w.b == nil
			w.store(r, l.Listed[r.path])
			if began && w.b != nil {
				timer.Reset(batchTime)
				due = timer.C
			}
			if w.n >= batchSize {
				commit()
			}
		case <-due:
			commit()
		}
	}
	commit()
	if storeErr == nil {
		storeErr = ctx.Err()
	}
	return sum, storeErr
}

// paths is a list of paths held as one string and where each ends: the
// list of a folder run is held for the whole run, and as a slice of
// strings it was one heap object per file (40 bytes each, 4 MB at 100,000
// files) for the garbage collector to scan on every cycle.
type paths struct {
	all  string
	ends []int
}

func packPaths(list []string) paths {
	n := 0
	for _, p := range list {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	ends := make([]int, len(list))
	for i, p := range list {
		b.WriteString(p)
		ends[i] = b.Len()
	}
	return paths{all: b.String(), ends: ends}
}

func (ps paths) len() int { return len(ps.ends) }

// at is path i, a part of ps.all (no copy).
func (ps paths) at(i int) string {
	start := 0
	if i > 0 {
		start = ps.ends[i-1]
	}
	return ps.all[start:ps.ends[i]]
}

// writer is Run's one writer: it stores results in batches, and keeps the
// failures table up to date in the same transactions.
type writer struct {
	p     *Pipeline
	ctx   context.Context
	runID int64
	sum   *Summary
	// open are the sources with an open failure when the run began, and
	// those recorded since, by stage ("" when not known): a stored article
	// that is not among them has no failure to resolve, and no statement
	// is run for it.
	open map[string]string
	b    *store.Batch // nil between batches; p.synd.mu is held while set
	n    int          // articles in b
	mark mark         // sum when b began
}

// mark is what a Summary held before a batch, restored when the batch
// cannot be committed.
type mark struct {
	saved
	failed, failures, truncated int
}

func (w *writer) loadOpen() error {
	open, err := w.p.DB.Failures(w.ctx)
	if err != nil {
		return err
	}
	w.open = make(map[string]string, len(open))
	for _, f := range open {
		w.open[f.Source] = f.Stage
	}
	return nil
}

// begin starts a batch unless one is open.
func (w *writer) begin() error {
	if w.b != nil {
		return nil
	}
	p := w.p
	p.synd.mu.Lock()
	b, err := p.DB.Begin(context.WithoutCancel(w.ctx))
	if err == nil {
		if err = p.catchUp(w.ctx, b); err != nil {
			b.Rollback()
		}
	}
	if err != nil {
		p.synd.mu.Unlock()
		return err
	}
	w.b, w.n = b, 0
	w.mark = mark{saved: w.sum.saved, failed: w.sum.Failed, failures: len(w.sum.Failures), truncated: len(w.sum.Truncated)}
	return nil
}

// commit commits the open batch, if any. When that fails, nothing in it
// was stored: the summary forgets it, and the run stops with the error.
func (w *writer) commit() error {
	if w.b == nil {
		return nil
	}
	p := w.p
	defer p.synd.mu.Unlock()
	err := w.b.Commit()
	w.b = nil
	if err != nil {
		p.forget()
		m := w.mark
		w.sum.saved, w.sum.Failed = m.saved, m.failed
		w.sum.Failures, w.sum.Truncated = w.sum.Failures[:m.failures], w.sum.Truncated[:m.truncated]
		p.progress(w.sum)
		return fmt.Errorf("storing the last %d articles: %w", w.n, err)
	}
	return nil
}

// rollback discards a batch left open (Run returning early).
func (w *writer) rollback() {
	if w.b != nil {
		w.b.Rollback()
		w.b = nil
		w.p.forget()
		w.p.synd.mu.Unlock()
	}
}

// store stores one result, or records its failure, in the open batch.
// listed is the path the walk listed it under when that is not its source.
func (w *writer) store(r result, listed string) {
	ctx, p := w.ctx, w.p
	if err := w.begin(); err != nil {
		// The database is locked or broken: recorded as a failed save
		// would be, if it can be.
		if r.err != nil {
			p.fail(ctx, w.runID, w.sum, r.path, r.stage, r.err)
		} else {
			p.fail(ctx, w.runID, w.sum, r.path, "store", err)
		}
		p.progress(w.sum)
		return
	}
	w.n++
	if r.err != nil {
		w.fail(r.path, r.stage, r.err)
		p.progress(w.sum)
		return
	}
	if listed != "" && r.art.URL == "" {
		// Adopt what an earlier version stored under the path as
		// listed (relative, through a symlink).
		if err := w.b.AdoptSource(ctx, listed, r.art.Source); err != nil {
			p.logger().Warn("adopting the article stored under its listed path", "source", r.path, "listed", listed, "err", err)
		} else if _, ok := w.open[fetch.Redact(listed)]; ok {
			delete(w.open, fetch.Redact(listed))
			w.open[fetch.Redact(r.art.Source)] = "" // moved or resolved: not known which
		}
	}
	res, nfacts, err := p.save(ctx, w.b, r.art, r.fp, r.facts)
	if err != nil {
		w.fail(r.path, "store", err)
		p.progress(w.sum)
		return
	}
	w.sum.add(res, nfacts)
	p.progress(w.sum)
	w.settle(r.path, r.extracted, r.truncated)
	p.logger().Debug("stored", "source", r.path, "outcome", res.Outcome.String(), "facts", nfacts)
}

// settleWalk records the folders that could not be read and clears the
// walk failures of those read this time.
func (w *writer) settleWalk(l Listing) {
	failed := map[string]bool{}
	for _, f := range l.Errors {
		failed[f.Source] = true
	}
	walked := map[string]bool{}
	for _, f := range l.Folders {
		walked[f] = true
	}
	var resolve []string
	for source, stage := range w.open {
		if stage == "walk" && walked[source] && !failed[source] {
			resolve = append(resolve, source)
		}
	}
	if len(l.Errors) == 0 && len(resolve) == 0 {
		return
	}
	if err := w.begin(); err != nil {
		w.p.logger().Warn("recording the folders read", "err", err)
		for _, f := range l.Errors {
			w.p.fail(w.ctx, w.runID, w.sum, f.Source, f.Stage, f.Err)
		}
		return
	}
	for _, f := range l.Errors {
		w.fail(f.Source, f.Stage, f.Err)
	}
	for _, source := range resolve {
		if err := w.b.ResolveFailure(w.ctx, source); err != nil {
			w.p.logger().Warn("clearing old failure", "source", source, "err", err)
		} else {
			delete(w.open, source)
		}
	}
}

// settle updates the failures of a source just stored: a truncated
// extraction is recorded (stage "extract"), a complete one clears any open
// failure, and kept facts (extraction skipped) clear all but a truncation,
// which still holds for them. A source with no open failure needs nothing.
func (w *writer) settle(source string, extracted bool, truncated string) {
	ctx := w.ctx
	key := fetch.Redact(source) // as the failures table has it
	stage, open := w.open[key]
	var err error
	switch {
	case truncated != "":
		reason := "truncated: " + truncated
		w.sum.Truncated = append(w.sum.Truncated, Failure{Source: source, Stage: "extract", Err: errors.New(reason)})
		// The caller reports sum.Truncated; this is for -v traces.
		w.p.logger().Debug("article truncated", "source", source, "reason", truncated)
		if err = w.b.RecordFailure(ctx, w.runID, source, "extract", reason); err == nil {
			w.open[key] = "extract"
		}
	case !open:
	case extracted:
		if err = w.b.ResolveFailure(ctx, source); err == nil {
			delete(w.open, key)
		}
	case stage != "extract":
		if err = w.b.ResolveFailureExcept(ctx, source, "extract"); err == nil && stage != "" {
			delete(w.open, key)
		}
	}
	if err != nil {
		w.p.logger().Warn("updating the failures of a stored article", "source", source, "err", err)
	}
}

// fail records that source failed, in the open batch.
func (w *writer) fail(source, stage string, err error) {
	w.p.count(w.sum, source, stage, err)
	if rerr := w.b.RecordFailure(w.ctx, w.runID, source, stage, err.Error()); rerr != nil {
		w.p.logger().Error("recording failure", "source", source, "err", rerr)
		return
	}
	w.open[fetch.Redact(source)] = stage
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

// fail records that source failed, on its own (not in a batch).
func (p *Pipeline) fail(ctx context.Context, runID int64, sum *Summary, source, stage string, err error) {
	p.count(sum, source, stage, err)
	if rerr := p.DB.RecordFailure(ctx, runID, source, stage, err.Error()); rerr != nil {
		p.logger().Error("recording failure", "source", source, "err", rerr)
	}
}

// count counts a failure in sum.
func (p *Pipeline) count(sum *Summary, source, stage string, err error) {
	sum.Failed++
	sum.Failures = append(sum.Failures, Failure{Source: source, Stage: stage, Err: err})
	// The caller reports failures to the user; this is for -v traces.
	p.logger().Debug("input failed", "source", source, "stage", stage, "err", err)
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
	// The fingerprint is taken here rather than in the one writer, which
	// every article waits for; after the extraction, which a cancelled
	// run stops.
	same, err := p.DB.ArticleUnchanged(ctx, a, extract.Version)
	if err == nil && same {
		r.fp = simhash.Fingerprint(a.Text)
		return r // SaveArticle will report it unchanged without facts
	}
	x, err := p.Extract(ctx, a)
	if err != nil {
		r.stage, r.err = "extract", err
		return r
	}
	r.facts, r.truncated, r.extracted = x.Facts, x.Truncated, true
	r.fp = simhash.Fingerprint(a.Text)
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
	fp := simhash.Fingerprint(a.Text)
	var (
		res    store.SaveResult
		nfacts int
	)
	err = p.inBatch(ctx, func(b *store.Batch) error {
		var err error
		if res, nfacts, err = p.save(ctx, b, a, fp, x.Facts); err != nil {
			return err
		}
		if x.Truncated != "" {
			p.logger().Warn("article truncated", "source", a.Source, "reason", x.Truncated)
			err = b.RecordFailure(ctx, 0, a.Source, "extract", "truncated: "+x.Truncated)
		} else {
			err = b.ResolveFailureStage(ctx, a.Source, "extract")
		}
		if err != nil {
			p.logger().Warn("updating the failures of a stored article", "source", a.Source, "err", err)
		}
		return nil
	})
	if err != nil {
		return res, 0, err
	}
	return res, nfacts, nil
}

// inBatch runs f in a batch of its own, with the fingerprint index held
// and caught up, and commits it.
func (p *Pipeline) inBatch(ctx context.Context, f func(b *store.Batch) error) error {
	p.synd.mu.Lock()
	defer p.synd.mu.Unlock()
	b, err := p.DB.Begin(ctx)
	if err != nil {
		return err
	}
	defer b.Rollback()
	if err := p.catchUp(ctx, b); err != nil {
		return err
	}
	err = f(b)
	if err == nil {
		err = b.Commit()
	}
	if err != nil {
		p.forget() // it may hold fingerprints that were not stored
	}
	return err
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
		var n int
		err = p.inBatch(ctx, func(b *store.Batch) error {
			var err error
			if n, err = p.reextractFacts(ctx, b, id, &a, x.Facts); err != nil { // an exact copy keeps none
				return err
			}
			if x.Truncated != "" {
				reason := "truncated: " + x.Truncated
				p.logger().Warn("article truncated", "source", a.Source, "reason", x.Truncated)
				if err := b.RecordFailure(ctx, 0, a.Source, "extract", reason); err != nil {
					p.logger().Warn("updating the failures of a stored article", "source", a.Source, "err", err)
				}
			} else if err := b.ResolveFailureStage(ctx, a.Source, "extract"); err != nil {
				p.logger().Warn("clearing an old truncation", "source", a.Source, "err", err)
			}
			return nil
		})
		if err != nil {
			p.fail(ctx, 0, &sum, a.Source, "store", err)
			return nil
		}
		sum.Updated++
		sum.Facts += n
		if x.Truncated != "" {
			sum.Truncated = append(sum.Truncated, Failure{Source: a.Source, Stage: "extract", Err: errors.New("truncated: " + x.Truncated)})
		}
		return nil
	})
	p.logger().Debug("reextract done", "articles", sum.Files, "elapsed", time.Since(start))
	return sum, err
}
