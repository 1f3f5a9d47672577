package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/fetch"

	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/pipeline"
	"github.com/cloudfacts/ingest/store"
)

var cmdRun = &command{
	name:  "run",
	usage: "run [--db FILE] [--workers N] [--allow-private] [-v] PATH|URL|-...",
	short: "ingest articles from files, folders and web pages",
	long: `Run reads each PATH, a file or a folder searched recursively, and ingests
every .txt, .md, .html and .htm file in it; other files are skipped and
counted. Only regular files are read: named pipes, sockets, devices and
dangling symlinks are skipped, counted and never opened; a symlink to a
file is followed. A folder that cannot be read is recorded as a failure
and the rest is read. A .txt or .md file may open with a front-matter block:

    ---
    url: https://example.com/news/1
    title: Provider opens region
    site: Example News
    published: 2025-03-01
    ---

Without one, the file name and modification time stand in.

A URL (http:// or https://) is fetched as "ingest crawl" fetches a page
(robots.txt, --user-agent, --timeout, --max-body; loopback and private
addresses are refused unless --allow-private) and stored as a crawled page
is: its <link rel=canonical> is its URL, and a page that is not an article
(a tag or category page, very short text) fails. "-" reads a list of paths
and URLs from standard input, one per line, # starting a comment. Files and
URLs may be mixed in one run.

Articles are identified by canonical URL, else path: running the same
command twice adds nothing, and an article whose text changed has its facts
replaced. A file that cannot be read is recorded in the failures table with
its reason and the run goes on; it is tried again on the next run.

On a terminal, a progress line on standard error shows the files done, the
facts written, the rate and the time left; nothing is drawn when standard
error is not a terminal (cron, a pipe, a file).

Exit status: 0 if every input was ingested, 1 if any failed, 2 for a usage
error.`,
	run: runRun,
}

func runRun(ctx context.Context, c *command, e *env, args []string) int {
	opts, inputs, code := c.parse(e, args)
	if code >= 0 {
		return code
	}
	paths, urls, err := splitInputs(inputs)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest run: %v\n", err)
		return exitFailed
	}
	if len(paths)+len(urls) == 0 {
		fmt.Fprintln(e.stderr, "ingest run: no PATH given")
		fmt.Fprintf(e.stderr, "usage: ingest %s\n", c.usage)
		return exitUsage
	}
	if opts.workers < 1 {
		return c.usageError(e, "--workers must be at least 1, not %d", opts.workers)
	}
	log := logger(e, opts.verbose)
	p, db, err := open(ctx, opts.db, log)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest run: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	p.Workers = opts.workers
	// -v logs every article to stderr: that is the progress then.
	bar := newProgress(e.stderr, !opts.verbose)
	p.Progress = bar.update

	start := time.Now()
	runID, err := db.StartRun(ctx, "run", append(paths, urls...))
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest run: %v\n", err)
		return exitFailed
	}
	var (
		sum    pipeline.Summary
		runErr error
	)
	if len(paths) > 0 {
		sum, runErr = p.Run(ctx, runID, paths)
	}
	if len(urls) > 0 && runErr == nil {
		sum, runErr = runURLs(ctx, p, runID, opts, urls, sum)
	}
	bar.clear()
	counts := store.RunCounts{
		FilesSeen: sum.Files + sum.Skipped, ArticlesNew: sum.New, ArticlesUpdated: sum.Updated,
		ArticlesUnchanged: sum.Unchanged, Facts: sum.Facts, Skipped: sum.Skipped, Failed: sum.Failed,
	}
	if runErr != nil {
		counts.Error = runErr.Error()
	}
	counts.Interrupted = ctx.Err() != nil // a signal
	// Record the run even when interrupted: a new context, since ctx may be
	// the cancelled one.
	if err := db.FinishRun(context.WithoutCancel(ctx), runID, counts); err != nil {
		fmt.Fprintf(e.stderr, "ingest run: recording run: %v\n", err)
	}
	// The numbers run_log shows: files counts the skipped ones too.
	seen := plural(counts.FilesSeen, "file")
	if len(urls) > 0 {
		seen = fmt.Sprintf("%d files and pages", counts.FilesSeen)
	}
	stopped := ""
	if counts.Interrupted {
		stopped = "; interrupted"
	}
	fmt.Fprintf(e.stdout, "%s: %d new, %d updated, %d unchanged, %d failed, %d skipped (%s); %s written to %s in %s%s\n",
		seen, counts.ArticlesNew, counts.ArticlesUpdated, counts.ArticlesUnchanged,
		counts.Failed, counts.Skipped, skipKinds(sum.Skips), plural(counts.Facts, "fact"), opts.db, time.Since(start).Round(time.Millisecond), stopped)
	for _, f := range sum.Failures {
		fmt.Fprintf(e.stderr, "failed: %s (%s): %v\n", f.Source, f.Stage, f.Err)
	}
	for _, f := range sum.Truncated {
		fmt.Fprintf(e.stderr, "stored in part: %s: %v\n", f.Source, f.Err)
	}
	if runErr != nil {
		fmt.Fprintf(e.stderr, "ingest run: %v\n", runErr)
		return exitFailed
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// open opens the database and loads the extractor.
func open(ctx context.Context, path string, log *slog.Logger) (*pipeline.Pipeline, *store.DB, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	x, err := extract.New()
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return &pipeline.Pipeline{DB: db, Extractor: x, Logger: log}, db, nil
}

// stdin is what "ingest run -" reads; tests replace it.
var stdin io.Reader = os.Stdin

// fetchFlags declares the flags of every command that fetches (run with
// URLs, feeds add, crawl), with the crawl's defaults.
func fetchFlags(fs *flag.FlagSet, o *crawl.Options) {
	fs.StringVar(&o.UserAgent, "user-agent", fetch.DefaultUserAgent, "User-Agent `header`; name a contact URL or address")
	fs.BoolVar(&o.AllowPrivate, "allow-private", false, "allow feeds and pages on loopback and private addresses (off: refused, as link-local and metadata addresses always are)")
	fs.DurationVar(&o.Timeout, "timeout", 30*time.Second, "time allowed for one request, redirects and body included")
	fs.Int64Var(&o.MaxBody, "max-body", 15<<20, "largest response body in `bytes`, after decompression")
}

// newClient is the fetch client of run and feeds add.
func newClient(o crawl.Options, log *slog.Logger) *fetch.Client {
	return fetch.New(fetch.Config{
		UserAgent: o.UserAgent, Timeout: o.Timeout, MaxBody: o.MaxBody,
		AllowPrivate: o.AllowPrivate, Logger: log,
	})
}

// splitInputs expands "-" into the list read from standard input and
// separates URLs from paths.
func splitInputs(inputs []string) (paths, urls []string, err error) {
	for _, in := range inputs {
		list := []string{in}
		if in == "-" {
			if list, err = pipeline.ReadInputs(stdin); err != nil {
				return nil, nil, err
			}
		}
		for _, s := range list {
			if pipeline.IsURL(s) {
				urls = append(urls, s)
			} else {
				paths = append(paths, s)
			}
		}
	}
	return paths, urls, nil
}

// runURLs fetches and stores urls, adding their counts to sum.
func runURLs(ctx context.Context, p *pipeline.Pipeline, runID int64, opts *options, urls []string, sum pipeline.Summary) (pipeline.Summary, error) {
	client := newClient(opts.crawl, p.Logger)
	defer client.CloseIdleConnections()
	us, err := p.RunURLs(ctx, runID, client, urls)
	sum.Files += us.Files
	sum.New += us.New
	sum.Updated += us.Updated
	sum.Unchanged += us.Unchanged
	sum.Facts += us.Facts
	sum.Failed += us.Failed
	sum.Failures = append(sum.Failures, us.Failures...)
	return sum, err
}

// skipKinds says what was skipped: "not .txt/.md/.html" for other file
// types, then the other kinds with their counts ("1 named pipe").
func skipKinds(skips []pipeline.Skip) string {
	n := map[string]int{}
	var kinds []string
	for _, s := range skips {
		if s.Kind != "unsupported" && n[s.Kind] == 0 {
			kinds = append(kinds, s.Kind)
		}
		n[s.Kind]++
	}
	out := []string{"not .txt/.md/.html"}
	if n["unsupported"] > 0 && len(kinds) > 0 {
		out[0] = fmt.Sprintf("%d not .txt/.md/.html", n["unsupported"])
	}
	if n["unsupported"] == 0 && len(kinds) > 0 {
		out = nil
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		out = append(out, fmt.Sprintf("%d %s", n[k], k))
	}
	return strings.Join(out, ", ")
}
