package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/fetch"
	"github.com/cloudfacts/ingest/pipeline"
	"github.com/cloudfacts/ingest/store"
)

var cmdCrawl = &command{
	name:  "crawl",
	usage: "crawl [--db FILE] [--now] [--max-duration D] [--user-agent UA] [--allow-private] [-v] [flags]",
	short: "fetch new articles from the feeds that are due (for cron)",
	long: `Crawl checks the subscribed feeds that are due (see "ingest feeds"), fetches
the page of each item not seen before, and stores its text and facts as
"ingest run" does, with the item's title, GUID and date (the feed's date is
preferred to the page's).

Item URLs are canonicalised (tracking parameters, fragments, default ports
removed) and a page's <link rel=canonical> decides the article's URL, so an
article reached through two feeds is stored once, and an article already
stored is never fetched again. Feeds are fetched with their ETag and
Last-Modified, and a feed whose body has not changed is not parsed again.

A failed feed or page is recorded with its reason (the feeds list, the
crawl_queue and open_failures views); a feed failing --failure-threshold
times in a row is skipped until "ingest feeds reset"; a failed page is
retried on later runs after --retry-base, doubling each time, up to
--max-attempts. Pages honour robots.txt; at most --per-host requests run at
once per host.

A feed is checked at most every --min-interval (0: on every run); --now
checks every feed in this run whatever its next check time (feeds disabled
by failures stay skipped until reset). -v says which feeds are not due and
when they will be.

Made for cron: overlapping runs on one database share the work through
leases in the database and never process a feed or an article twice;
--max-duration stops a run cleanly, leaving the rest for the next. Nothing
is printed on success, even when some sites failed; when every feed and page
the run tried failed (the network may be down, or every feed is blocked),
one line on stderr says so. -v prints every decision and a summary. Exit
status: 0 when the run completed, even if every site failed (the failures
are recorded and the next run tries again); 1 when the run itself could not
work (the database) or was interrupted; 2 for a usage error.`,
	run: runCrawl,
}

// crawlFlags declares the crawl's flags into o, with the defaults of
// crawl.Options.
func crawlFlags(fs *flag.FlagSet, o *crawl.Options) {
	fetchFlags(fs, o)
	fs.DurationVar(&o.MaxDuration, "max-duration", 0, "stop cleanly after this `duration` (0: no limit); the next run continues")
	fs.IntVar(&o.PerHost, "per-host", 2, "requests in flight per host")
	fs.IntVar(&o.Global, "global", 16, "requests in flight overall, and feeds crawled at once")
	fs.DurationVar(&o.ConnectTimeout, "connect-timeout", 10*time.Second, "time allowed to connect")
	fs.DurationVar(&o.MinInterval, "min-interval", 10*time.Minute, "least time between two checks of one feed (0: none)")
	fs.BoolVar(&o.IgnoreSchedule, "now", false, "check every feed in this run, whatever its next check time and --min-interval")
	fs.IntVar(&o.FailureThreshold, "failure-threshold", 3, "consecutive failures that disable a feed until \"ingest feeds reset\"")
	fs.IntVar(&o.MaxAttempts, "max-attempts", 5, "failed fetches of a page before it is given up")
	fs.DurationVar(&o.PageTimeout, "page-timeout", 60*time.Second, "time allowed to process one fetched page (text, facts, storing); a page that takes longer fails and is retried later")
	fs.DurationVar(&o.RetryBase, "retry-base", 30*time.Minute, "wait after a page's first failure, doubled with each further failure up to a day")
}

func checkCrawlOptions(o crawl.Options) error {
	switch {
	case o.MaxDuration < 0:
		return errors.New("--max-duration must not be negative")
	case o.PerHost < 1 || o.Global < 1:
		return errors.New("--per-host and --global must be at least 1")
	case o.Timeout <= 0 || o.ConnectTimeout <= 0:
		return errors.New("--timeout and --connect-timeout must be positive")
	case o.MaxBody <= 0:
		return errors.New("--max-body must be positive")
	case o.MinInterval < 0:
		return errors.New("--min-interval must not be negative")
	case o.RetryBase <= 0:
		return errors.New("--retry-base must be positive")
	case o.PageTimeout <= 0:
		return errors.New("--page-timeout must be positive")
	case o.FailureThreshold < 1 || o.MaxAttempts < 1:
		return errors.New("--failure-threshold and --max-attempts must be at least 1")
	case o.UserAgent == "":
		return errors.New("--user-agent must not be empty")
	}
	return nil
}

func runCrawl(ctx context.Context, c *command, e *env, args []string) int {
	e = redactEnv(e) // feed and page URLs may carry passwords: none is printed
	opts, code := c.parseNoArgs(e, args)
	if code >= 0 {
		return code
	}
	if err := checkCrawlOptions(opts.crawl); err != nil {
		fmt.Fprintf(e.stderr, "ingest crawl: %v\n", err)
		return exitUsage
	}
	// Quiet unless -v: failed sites are recorded in the database, and cron
	// mails whatever is printed. Only a failure of the run itself shows.
	level := slog.LevelError
	if opts.verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: fetch.RedactAttr}))

	start := time.Now()
	p, db, err := open(ctx, opts.db, log)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest crawl: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	feeds, err := db.ListFeeds(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest crawl: %v\n", err)
		return exitFailed
	}
	if len(feeds) == 0 {
		// Most likely a wrong --db: say so even without -v.
		fmt.Fprintf(e.stderr, "ingest crawl: no feeds in %s; add some with \"ingest feeds add\"\n", opts.db)
		return exitOK
	}
	runID, err := db.StartRun(ctx, "crawl", args)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest crawl: %v\n", err)
		return exitFailed
	}

	proc := &pipeline.CrawlProcessor{Pipeline: p}
	o := opts.crawl
	o.Logger = log
	if o.MinInterval == 0 {
		o.MinInterval = -1 // crawl.Options: none; its zero value is the default
	}
	sum, runErr := crawl.Run(ctx, db, proc, o)
	ps := proc.Summary()
	counts := store.RunCounts{
		FilesSeen:         sum.ItemsNew + sum.ItemsFailed,
		ArticlesNew:       ps.New,
		ArticlesUpdated:   ps.Updated,
		ArticlesUnchanged: ps.Unchanged + ps.Duplicates,
		Facts:             ps.Facts,
		Skipped:           sum.ItemsSkipped,
		Failed:            sum.ItemsFailed + sum.FeedsFailed,
	}
	interrupted := ctx.Err() != nil // a signal, not --max-duration
	counts.Interrupted = interrupted
	switch {
	case runErr != nil:
		counts.Error = fetch.RedactText(runErr.Error())
	case interrupted:
		counts.Error = "interrupted"
	}
	if err := db.FinishRun(context.WithoutCancel(ctx), runID, counts); err != nil && runErr == nil {
		runErr = err
	}
	if opts.verbose {
		stopped := ""
		switch {
		case interrupted:
			stopped = "; interrupted"
		case sum.Interrupted:
			stopped = "; stopped early"
		}
		links := ""
		if sum.LinksSkipped > 0 {
			links = fmt.Sprintf(" (%d links not web pages: javascript:, data:, mailto:...)", sum.LinksSkipped)
		}
		fmt.Fprintf(e.stdout, "feeds: %d checked, %d unchanged, %d failed, %d skipped; pages: %d stored (%d facts), %d failed, %d skipped%s%s in %s\n",
			sum.FeedsChecked, sum.FeedsUnchanged, sum.FeedsFailed, sum.FeedsSkipped,
			ps.New+ps.Updated, ps.Facts, sum.ItemsFailed, sum.ItemsSkipped+ps.Duplicates,
			links, stopped, time.Since(start).Round(time.Millisecond))
	}
	if runErr != nil {
		fmt.Fprintf(e.stderr, "ingest crawl: %v\n", runErr)
		return exitFailed
	}
	if msg := allFailed(sum); msg != "" {
		// Not quiet: a run in which nothing worked is not a success, even
		// though it completed (exit 0: the failures are recorded and the
		// next run tries again).
		fmt.Fprintf(e.stderr, "ingest crawl: %s; see \"ingest feeds list --db %s\"\n", msg, opts.db)
	}
	if interrupted {
		fmt.Fprintln(e.stderr, "ingest crawl: interrupted")
		return exitFailed
	}
	return exitOK
}

// allFailed describes a run in which every feed checked and every page
// fetched failed, or returns "" when something worked or nothing was
// tried.
func allFailed(sum crawl.Summary) string {
	pages := sum.ItemsNew + sum.ItemsFailed
	tried := sum.FeedsChecked + pages
	if tried == 0 || sum.FeedsFailed+sum.ItemsFailed < tried {
		return ""
	}
	return fmt.Sprintf("every feed and page failed: %d of %d feeds, %d of %d pages",
		sum.FeedsFailed, sum.FeedsChecked, sum.ItemsFailed, pages)
}
