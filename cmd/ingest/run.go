package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/pipeline"
	"github.com/cloudfacts/ingest/store"
)

var cmdRun = &command{
	name:  "run",
	usage: "run [--db FILE] [--workers N] [-v] PATH...",
	short: "ingest saved articles from files and folders",
	long: `Run reads each PATH, a file or a folder searched recursively, and ingests
every .txt, .md, .html and .htm file in it; other files are skipped and
counted. A .txt or .md file may open with a front-matter block:

    ---
    url: https://example.com/news/1
    title: Provider opens region
    site: Example News
    published: 2025-03-01
    ---

Without one, the file name and modification time stand in.

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
	opts, paths, code := c.parse(e, args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
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
	runID, err := db.StartRun(ctx, "run", paths)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest run: %v\n", err)
		return exitFailed
	}
	sum, runErr := p.Run(ctx, runID, paths)
	bar.clear()
	counts := store.RunCounts{
		FilesSeen: sum.Files + sum.Skipped, ArticlesNew: sum.New, ArticlesUpdated: sum.Updated,
		ArticlesUnchanged: sum.Unchanged, Facts: sum.Facts, Skipped: sum.Skipped, Failed: sum.Failed,
	}
	if runErr != nil {
		counts.Error = runErr.Error()
	}
	// Record the run even when interrupted: a new context, since ctx may be
	// the cancelled one.
	if err := db.FinishRun(context.WithoutCancel(ctx), runID, counts); err != nil {
		fmt.Fprintf(e.stderr, "ingest run: recording run: %v\n", err)
	}
	// The numbers run_log shows: files counts the skipped ones too.
	fmt.Fprintf(e.stdout, "%s: %d new, %d updated, %d unchanged, %d failed, %d skipped (not .txt/.md/.html); %s written to %s in %s\n",
		plural(counts.FilesSeen, "file"), counts.ArticlesNew, counts.ArticlesUpdated, counts.ArticlesUnchanged,
		counts.Failed, counts.Skipped, plural(counts.Facts, "fact"), opts.db, time.Since(start).Round(time.Millisecond))
	for _, f := range sum.Failures {
		fmt.Fprintf(e.stderr, "failed: %s (%s): %v\n", f.Source, f.Stage, f.Err)
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
