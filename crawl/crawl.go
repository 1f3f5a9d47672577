package crawl

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/feed"
	"github.com/cloudfacts/ingest/fetch"
	"github.com/cloudfacts/ingest/urlnorm"
)

// Options configure one run. Zero values mean the defaults noted.
type Options struct {
	UserAgent      string        // fetch.DefaultUserAgent
	AllowPrivate   bool          // let feeds and pages live on private or loopback addresses
	PerHost        int           // 2 requests in flight per host
	Global         int           // 16 requests in flight overall, and as many feeds at once
	Timeout        time.Duration // 30 s per request, redirects and body included
	ConnectTimeout time.Duration // 10 s
	MaxBody        int64         // 15 MiB

	// MaxDuration stops the run cleanly once elapsed; 0 means no limit.
	MaxDuration time.Duration
	// MinInterval is the least time between two checks of one feed, 10
	// minutes: overlapping or back-to-back runs do not fetch it twice. A
	// negative value means none: a feed is due again on the next run.
	MinInterval time.Duration
	// IgnoreSchedule checks every feed in this run, whatever its next
	// check time (`ingest crawl --now`). Feeds disabled by failures stay
	// skipped, and another run's lease is still respected.
	IgnoreSchedule bool
	// FailureThreshold consecutive failures disable a feed until reset, 3.
	FailureThreshold int
	// MaxAttempts failed fetches of a page before it is given up, 5.
	MaxAttempts int
	// RetryBase is the wait after a page's first failure, 30 minutes,
	// doubling with each further failure up to a day.
	RetryBase time.Duration
	// PageTimeout bounds the processing of one fetched page (text and fact
	// extraction, storing), 60 s. A page that takes longer fails with that
	// reason and is retried with backoff like any other failed page.
	PageTimeout time.Duration

	Logger *slog.Logger     // slog.Default()
	Now    func() time.Time // time.Now; tests move the clock
	Client *fetch.Client    // built from the fields above when nil
}

func (o Options) withDefaults() Options {
	switch {
	case o.MinInterval == 0:
		o.MinInterval = 10 * time.Minute
	case o.MinInterval < 0:
		o.MinInterval = 0
	}
	if o.FailureThreshold <= 0 {
		o.FailureThreshold = 3
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 30 * time.Minute
	}
	if o.Global <= 0 {
		o.Global = 16
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = 60 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Summary counts what a run did.
type Summary struct {
	FeedsChecked   int // requested, whatever the outcome
	FeedsUnchanged int // answered 304, or sent the same body as last time
	FeedsFailed    int
	FeedsSkipped   int // disabled by failures, or being crawled by another run
	ItemsNew       int // fetched and processed
	ItemsSkipped   int // already stored, claimed elsewhere, or waiting to be retried
	ItemsFailed    int
	// LinksSkipped counts feed items whose link is no web page
	// (javascript:, data:, mailto:...); they are in ItemsSkipped too.
	LinksSkipped int
	Interrupted  bool // MaxDuration or the caller's context ended the run early
}

const (
	itemLease      = 15 * time.Minute
	maxRetryDelay  = 24 * time.Hour
	bookkeepingFor = 10 * time.Second
)

var errMaxDuration = errors.New("crawl: --max-duration reached")

// Run crawls the due feeds of s once, then retries due pages. It returns
// an error only when the run itself could not work (the store failed);
// sites that fail are recorded and counted, not returned.
func Run(ctx context.Context, s Store, p Processor, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	r := &run{
		store:   s,
		proc:    p,
		opts:    opts,
		log:     opts.Logger,
		owner:   newOwner(),
		claimed: make(map[string]bool),
		coolOff: make(map[string]time.Time),
	}
	r.client = opts.Client
	if r.client == nil {
		r.client = fetch.New(fetch.Config{
			UserAgent:      opts.UserAgent,
			ConnectTimeout: opts.ConnectTimeout,
			Timeout:        opts.Timeout,
			MaxBody:        opts.MaxBody,
			PerHost:        opts.PerHost,
			Global:         opts.Global,
			AllowPrivate:   opts.AllowPrivate,
			Logger:         opts.Logger,
		})
		defer r.client.CloseIdleConnections()
	}
	if opts.MaxDuration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, opts.MaxDuration, errMaxDuration)
		defer cancel()
	}
	start := time.Now()
	r.log.Debug("crawl started", "owner", r.owner)

	feeds, err := r.dueFeeds(ctx)
	if err != nil {
		return r.sum, err
	}
	r.parallel(ctx, len(feeds), func(i int) { r.crawlFeed(ctx, feeds[i]) })

	if ctx.Err() == nil {
		// Pages that failed before, or that a dead run left claimed, and
		// which the feeds may no longer list.
		items, err := s.DueItems(ctx, opts.Now(), 0)
		if err != nil {
			r.storeFailed(fmt.Errorf("listing due items: %w", err))
		}
		r.parallel(ctx, len(items), func(i int) { r.crawlItem(ctx, items[i]) })
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Interrupted = ctx.Err() != nil
	r.log.Debug("crawl finished", "owner", r.owner, "duration_ms", time.Since(start).Milliseconds(),
		"feeds_checked", r.sum.FeedsChecked, "feeds_unchanged", r.sum.FeedsUnchanged,
		"feeds_failed", r.sum.FeedsFailed, "feeds_skipped", r.sum.FeedsSkipped,
		"items_new", r.sum.ItemsNew, "items_skipped", r.sum.ItemsSkipped, "items_failed", r.sum.ItemsFailed,
		"links_skipped", r.sum.LinksSkipped,
		"interrupted", r.sum.Interrupted)
	if r.sum.Interrupted {
		r.log.Info("crawl stopped early", "reason", context.Cause(ctx))
	}
	if r.storeErr != nil {
		return r.sum, fmt.Errorf("crawl: store: %w", r.storeErr)
	}
	return r.sum, nil
}

// farFuture is a time after every feed's next check: DueFeeds at it lists
// every feed.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// dueFeeds returns the feeds this run checks: those due now, or every
// feed under IgnoreSchedule. It logs (Debug) each feed that is not due and
// when it will be.
func (r *run) dueFeeds(ctx context.Context) ([]Feed, error) {
	now := r.opts.Now()
	all, err := r.store.DueFeeds(ctx, farFuture)
	if err != nil {
		return nil, fmt.Errorf("crawl: listing due feeds: %w", err)
	}
	var due []Feed
	for _, f := range all {
		switch {
		case !f.NextCheck.After(now):
			due = append(due, f)
		case r.opts.IgnoreSchedule:
			r.log.Debug("feed not due, checked anyway (--now)", "feed_url", f.URL, "next_check", f.NextCheck)
			due = append(due, f)
		default:
			r.log.Debug("feed not due", "feed_url", f.URL, "next_check", f.NextCheck)
		}
	}
	return due, nil
}

type run struct {
	store  Store
	proc   Processor
	opts   Options
	log    *slog.Logger
	owner  string
	client *fetch.Client

	mu       sync.Mutex
	sum      Summary
	storeErr error
	claimed  map[string]bool      // item URLs this run has taken, so two feeds of one run do not both fetch one page
	coolOff  map[string]time.Time // host -> when it asked us to come back
}

// parallel runs job(0..n-1) on up to Options.Global goroutines, starting
// no new job once ctx is done.
func (r *run) parallel(ctx context.Context, n int, job func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, r.opts.Global) {
		wg.Go(func() {
			for i := range next {
				job(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

func (r *run) count(f func(*Summary)) {
	r.mu.Lock()
	f(&r.sum)
	r.mu.Unlock()
}

// storeFailed keeps the first store error for Run to return; lost leases
// are not store failures.
func (r *run) storeFailed(err error) {
	if errors.Is(err, ErrLeaseLost) {
		r.log.Debug("lease lost", "error", err)
		return
	}
	r.log.Error("store", "error", err)
	r.mu.Lock()
	if r.storeErr == nil {
		r.storeErr = err
	}
	r.mu.Unlock()
}

// bookkeeping returns a context for recording an outcome: it outlives the
// run's cancellation briefly, so a run stopped by MaxDuration still gives
// back its leases.
func bookkeeping(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), bookkeepingFor)
}

func (r *run) crawlFeed(ctx context.Context, due Feed) {
	log := r.log.With("feed_url", due.URL)
	if due.ErrorCount >= r.opts.FailureThreshold {
		log.Debug("feed skipped: disabled after consecutive failures", "error_count", due.ErrorCount)
		r.count(func(s *Summary) { s.FeedsSkipped++ })
		return
	}
	now := r.opts.Now()
	f, ok, err := r.store.ClaimFeed(ctx, due.URL, Lease{Owner: r.owner, Now: now, Until: now.Add(r.feedLease()), IgnoreDue: r.opts.IgnoreSchedule})
	if err != nil {
		r.storeFailed(fmt.Errorf("claiming feed %s: %w", due.URL, err))
		return
	}
	if !ok {
		log.Debug("feed skipped: claimed by another run or no longer due")
		r.count(func(s *Summary) { s.FeedsSkipped++ })
		return
	}
	r.count(func(s *Summary) { s.FeedsChecked++ })
	claimed := f

	resp, err := r.client.Get(ctx, f.URL, fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if err == nil && resp.NotModified {
		log.Debug("feed unchanged", "status", resp.Status)
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		r.feedSucceeded(ctx, &f, resp.Status, now)
		r.count(func(s *Summary) { s.FeedsUnchanged++ })
		return
	}
	if err != nil {
		if ctx.Err() != nil {
			r.giveBack(ctx, claimed)
			return
		}
		var se *fetch.StatusError
		status := 0
		if errors.As(err, &se) {
			status = se.Code
		}
		r.feedFailed(ctx, &f, err, status, now, log)
		return
	}
	sum := sha256.Sum256(resp.Body)
	hash := hex.EncodeToString(sum[:])
	if hash == f.BodyHash {
		// Servers without validators send the same bytes again; every item
		// in them already has an outcome, so there is nothing to parse.
		log.Debug("feed unchanged: same body as last time", "status", resp.Status)
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		r.feedSucceeded(ctx, &f, resp.Status, now)
		r.count(func(s *Summary) { s.FeedsUnchanged++ })
		return
	}
	parsed, err := feed.Parse(resp.Body, resp.ContentType, resp.FinalURL)
	if err != nil {
		r.feedFailed(ctx, &f, fmt.Errorf("%s: %w", resp.FinalURL, err), resp.Status, now, log)
		return
	}
	if parsed.Partial {
		log.Warn("feed is broken after its first items; keeping those", "items", len(parsed.Items))
	}
	for _, it := range parsed.Unfetchable {
		log.Debug("item skipped: its link is not a web page", "scheme", scheme(it.Link),
			"link", shorten(it.Link, 80), "title", it.Title)
		r.count(func(s *Summary) { s.ItemsSkipped++; s.LinksSkipped++ })
	}

	complete := true
	for _, it := range parsed.Items {
		if ctx.Err() != nil {
			complete = false
			break
		}
		link, err := urlnorm.Canonical(it.Link)
		if err != nil {
			log.Debug("item skipped: bad link", "link", it.Link, "error", err)
			r.count(func(s *Summary) { s.ItemsSkipped++ })
			continue
		}
		if !r.crawlItem(ctx, Item{URL: link, FeedURL: f.URL, Entry: it}) {
			complete = false
		}
	}
	if !complete {
		// New validators would make the next run see 304 and never meet
		// the items not yet handled; keep the old ones.
		r.giveBack(ctx, claimed)
		return
	}
	f.ETag, f.LastModified, f.BodyHash = resp.ETag, resp.LastModified, hash
	if f.Title == "" {
		f.Title = parsed.Title
	}
	r.feedSucceeded(ctx, &f, resp.Status, now)
}

// feedLease covers the longest a run may spend on one feed.
func (r *run) feedLease() time.Duration {
	if r.opts.MaxDuration > 0 {
		return r.opts.MaxDuration + time.Minute
	}
	return time.Hour
}

func (r *run) feedSucceeded(ctx context.Context, f *Feed, status int, now time.Time) {
	f.LastStatus, f.LastError, f.ErrorCount = status, "", 0
	f.LastCheck, f.LastSuccess = now, now
	f.NextCheck = now.Add(r.opts.MinInterval)
	r.saveFeed(ctx, *f)
}

// feedFailed records a failed check; status is the HTTP status received,
// 0 when there was none.
func (r *run) feedFailed(ctx context.Context, f *Feed, err error, status int, now time.Time, log *slog.Logger) {
	r.count(func(s *Summary) { s.FeedsFailed++ })
	f.LastCheck, f.LastError, f.LastStatus = now, err.Error(), status
	var se *fetch.StatusError
	if errors.As(err, &se) && !se.RetryAfter.IsZero() {
		// The site told us when to come back; that is not a broken feed.
		f.NextCheck = maxTime(r.retryAt(se), now.Add(r.opts.MinInterval))
		log.Info("feed asked us to wait", "status", se.Code, "next_check", f.NextCheck)
	} else {
		f.ErrorCount++
		// Doubling the wait makes FailureThreshold failures span a real
		// outage rather than three quick runs.
		f.NextCheck = now.Add(backoff(r.opts.MinInterval, f.ErrorCount-1))
		if f.ErrorCount >= r.opts.FailureThreshold {
			log.Warn("feed disabled after consecutive failures; `ingest feeds reset` enables it",
				"error_count", f.ErrorCount, "error", err)
		} else {
			log.Warn("feed failed", "error_count", f.ErrorCount, "error", err, "next_check", f.NextCheck)
		}
	}
	r.saveFeed(ctx, *f)
}

func (r *run) saveFeed(ctx context.Context, f Feed) {
	bctx, cancel := bookkeeping(ctx)
	defer cancel()
	if err := r.store.SaveFeed(bctx, f, r.owner); err != nil {
		r.storeFailed(fmt.Errorf("saving feed %s: %w", f.URL, err))
	}
}

// giveBack releases a feed without recording a check.
func (r *run) giveBack(ctx context.Context, claimed Feed) {
	r.log.Debug("feed given back unfinished", "feed_url", claimed.URL)
	r.saveFeed(ctx, claimed)
}

// crawlItem fetches and processes one page unless it is known, claimed
// elsewhere or waiting for a retry. It returns false when the item was left
// without a recorded outcome (the run was stopped, or the store failed),
// so its feed must be read again.
func (r *run) crawlItem(ctx context.Context, it Item) bool {
	log := r.log.With("url", it.URL, "feed_url", it.FeedURL)
	r.mu.Lock()
	dup := r.claimed[it.URL]
	r.claimed[it.URL] = true
	r.mu.Unlock()
	if dup {
		r.count(func(s *Summary) { s.ItemsSkipped++ })
		return true
	}

	stored, err := r.store.HasArticle(ctx, it.URL)
	if err != nil {
		return r.itemStoreErr(ctx, fmt.Errorf("looking up %s: %w", it.URL, err))
	}
	if stored {
		log.Debug("item skipped: article already stored")
		r.count(func(s *Summary) { s.ItemsSkipped++ })
		return true
	}
	now := r.opts.Now()
	attempts, ok, err := r.store.ClaimItem(ctx, it, Lease{Owner: r.owner, Now: now, Until: now.Add(itemLease)})
	if err != nil {
		return r.itemStoreErr(ctx, fmt.Errorf("claiming %s: %w", it.URL, err))
	}
	if !ok {
		log.Debug("item skipped: done, given up, waiting for retry, or claimed by another run")
		r.count(func(s *Summary) { s.ItemsSkipped++ })
		return true
	}

	host := hostOf(it.URL)
	r.mu.Lock()
	until := r.coolOff[host]
	r.mu.Unlock()
	if until.After(now) {
		// Not an attempt: the host asked for a pause earlier in this run.
		log.Debug("item deferred: host asked us to wait", "retry_at", until)
		r.recordFailure(ctx, ItemFailure{URL: it.URL, Reason: "host asked to wait", Attempts: attempts, NextRetry: until})
		r.count(func(s *Summary) { s.ItemsSkipped++ })
		return true
	}

	err = r.fetchAndProcess(ctx, it)
	if err == nil {
		bctx, cancel := bookkeeping(ctx)
		defer cancel()
		if err := r.store.CompleteItem(bctx, it.URL, r.owner); err != nil {
			r.storeFailed(fmt.Errorf("completing %s: %w", it.URL, err))
			return false
		}
		r.count(func(s *Summary) { s.ItemsNew++ })
		return true
	}
	if ctx.Err() != nil {
		bctx, cancel := bookkeeping(ctx)
		defer cancel()
		if err := r.store.ReleaseItem(bctx, it.URL, r.owner); err != nil {
			r.storeFailed(fmt.Errorf("releasing %s: %w", it.URL, err))
		}
		return false
	}

	f := ItemFailure{URL: it.URL, Reason: err.Error(), Attempts: attempts + 1}
	var se *fetch.StatusError
	switch {
	case permanent(err) || f.Attempts >= r.opts.MaxAttempts:
		// NextRetry stays zero: given up.
	case errors.As(err, &se) && !se.RetryAfter.IsZero():
		f.NextRetry = r.retryAt(se)
		r.mu.Lock()
		r.coolOff[host] = maxTime(r.coolOff[host], f.NextRetry)
		r.mu.Unlock()
	default:
		f.NextRetry = now.Add(min(backoff(r.opts.RetryBase, attempts), maxRetryDelay))
	}
	log.Info("page failed", "error", err, "attempts", f.Attempts, "gave_up", f.NextRetry.IsZero(), "retry_at", f.NextRetry)
	r.count(func(s *Summary) { s.ItemsFailed++ })
	return r.recordFailure(ctx, f)
}

func (r *run) fetchAndProcess(ctx context.Context, it Item) error {
	allowed, err := r.client.Allowed(ctx, it.URL)
	if err != nil {
		return err
	}
	if !allowed {
		return fmt.Errorf("%s: %w", it.URL, fetch.ErrRobotsDisallowed)
	}
	resp, err := r.client.Get(ctx, it.URL, fetch.Conditional{})
	if err != nil {
		return err
	}
	return r.process(ctx, Page{
		URL:         it.URL,
		FinalURL:    resp.FinalURL,
		Body:        resp.Body,
		ContentType: resp.ContentType,
		Item:        it.Entry,
		FeedURL:     it.FeedURL,
	})
}

// errPageTimeout is the cause of a page's context when PageTimeout ends it.
var errPageTimeout = errors.New("crawl: page timeout")

// processGrace is how long a processor whose context ended may take to
// return (and roll back) before the crawl stops waiting for it.
const processGrace = time.Second

// process runs the Processor on page within PageTimeout and the run's own
// deadline. The crawl keeps its time budgets even if a processor ignores
// its context: after a short grace it stops waiting, and the page counts
// as failed (its timeout) or unfinished (the run stopped); the processor's
// goroutine is left to end on its own.
func (r *run) process(ctx context.Context, page Page) error {
	pctx, cancel := context.WithTimeoutCause(ctx, r.opts.PageTimeout, errPageTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- r.proc.Process(pctx, page) }()
	var err error
	select {
	case err = <-done:
	case <-pctx.Done():
		select {
		case err = <-done:
		case <-time.After(processGrace):
			err = context.Cause(pctx)
			r.log.Warn("page processing did not stop in time; no longer waiting for it", "url", page.URL)
		}
	}
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(pctx), errPageTimeout) {
		return fmt.Errorf("page took longer than %s to process", seconds(r.opts.PageTimeout))
	}
	return err
}

// seconds writes d as "60s" rather than "1m0s" when it is whole seconds.
func seconds(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

func scheme(link string) string {
	if i := strings.Index(link, ":"); i > 0 && i < 32 {
		return strings.ToLower(link[:i])
	}
	return ""
}

// shorten cuts s to n bytes (a data: URL may be megabytes) at a rune
// boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func (r *run) recordFailure(ctx context.Context, f ItemFailure) bool {
	bctx, cancel := bookkeeping(ctx)
	defer cancel()
	if err := r.store.FailItem(bctx, f, r.owner); err != nil {
		r.storeFailed(fmt.Errorf("recording failure of %s: %w", f.URL, err))
		return errors.Is(err, ErrLeaseLost)
	}
	return true
}

func (r *run) itemStoreErr(ctx context.Context, err error) bool {
	if ctx.Err() == nil {
		r.storeFailed(err)
	}
	return false
}

// retryAt moves the server's Retry-After, which fetch reads against the
// wall clock, onto the run's clock (Options.Now).
func (r *run) retryAt(se *fetch.StatusError) time.Time {
	return r.opts.Now().Add(time.Until(se.RetryAfter).Round(time.Second))
}

// permanent reports failures that another attempt will not fix.
func permanent(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		switch se.Code {
		case 408, 425, 429:
			return false
		}
		return se.Code >= 400 && se.Code < 500
	}
	for _, target := range []error{
		ErrPermanent, fetch.ErrRobotsDisallowed, fetch.ErrTooLarge, fetch.ErrBlockedAddress,
		fetch.ErrUnsupportedScheme, fetch.ErrRedirectLoop, fetch.ErrTooManyRedirects,
		fetch.ErrUnsupportedEncoding,
	} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// backoff returns base·2^n without overflowing.
func backoff(base time.Duration, n int) time.Duration {
	d := base
	for range max(n, 0) {
		if d > maxRetryDelay {
			return maxRetryDelay
		}
		d *= 2
	}
	return d
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func newOwner() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
