package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/cloudfacts/ingest/store"
)

var cmdReextract = &command{
	name:  "reextract",
	usage: "reextract [--db FILE] [-v]",
	short: "run the current extractors again over every stored article",
	long: `Reextract runs the current extractor rules over the text of every stored
article, without reading the sources again, and replaces each article's facts
(recording the extractor version used). Use it after upgrading, so that a
rule fix reaches old articles.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		p, db, err := open(ctx, opts.db, logger(e, opts.verbose))
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest reextract: %v\n", err)
			return exitFailed
		}
		defer db.Close()
		runID, err := db.StartRun(ctx, "reextract", nil)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest reextract: %v\n", err)
			return exitFailed
		}
		sum, err := p.Reextract(ctx)
		counts := store.RunCounts{ArticlesUpdated: sum.Updated, Facts: sum.Facts, Failed: sum.Failed}
		if err != nil {
			counts.Error = err.Error()
		}
		_ = db.FinishRun(context.WithoutCancel(ctx), runID, counts)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest reextract: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "%d articles re-extracted, %d facts, %d failed\n", sum.Updated, sum.Facts, sum.Failed)
		if sum.Failed > 0 {
			return exitFailed
		}
		return exitOK
	},
}

var cmdExport = &command{
	name:  "export",
	usage: "export [--db FILE] [--format jsonl|csv] [-o FILE]",
	short: "write every fact as JSON Lines or CSV",
	long: `Export writes every stored fact, one per line (JSONL, the fact model of
spec/facts.md with url, title, published, start, end, rule and confidence)
or one per row (CSV with a header row), to standard output or -o FILE.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		if opts.format != "jsonl" && opts.format != "csv" {
			fmt.Fprintf(e.stderr, "ingest export: --format must be jsonl or csv, not %q\n", opts.format)
			return exitUsage
		}
		if _, err := os.Stat(opts.db); err != nil {
			fmt.Fprintf(e.stderr, "ingest export: database %s: %v\n", opts.db, err)
			return exitFailed
		}
		db, err := store.Open(ctx, opts.db)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest export: %v\n", err)
			return exitFailed
		}
		defer db.Close()
		var w io.Writer = e.stdout
		var f *os.File
		if opts.output != "" {
			f, err = os.Create(opts.output)
			if err != nil {
				fmt.Fprintf(e.stderr, "ingest export: %v\n", err)
				return exitFailed
			}
			w = f
		}
		err = db.Export(ctx, w, opts.format)
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest export: %v\n", err)
			return exitFailed
		}
		return exitOK
	},
}

var cmdFailures = &command{
	name:  "failures",
	usage: "failures [--db FILE]",
	short: "list inputs that failed and have not succeeded since",
	long:  `Failures lists every source that failed, the stage, the last reason and how often.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		db, err := store.Open(ctx, opts.db)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest failures: %v\n", err)
			return exitFailed
		}
		defer db.Close()
		fs, err := db.Failures(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest failures: %v\n", err)
			return exitFailed
		}
		for _, f := range fs {
			fmt.Fprintf(e.stdout, "%s\t%s\t%d attempts\t%s\n", f.Source, f.Stage, f.Attempts, f.Reason)
		}
		return exitOK
	},
}

func logger(e *env, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}
