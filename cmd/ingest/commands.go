package main

import (
	"github.com/cloudfacts/ingest/fetch"

	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/pipeline"
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
		db, err := store.OpenExisting(ctx, opts.db)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest reextract: %v\n", err)
			return exitFailed
		}
		defer db.Close()
		x, err := extract.New()
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest reextract: %v\n", err)
			return exitFailed
		}
		p := &pipeline.Pipeline{DB: db, Extractor: x, Logger: logger(e, opts.verbose)}
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
		fmt.Fprintf(e.stdout, "%s re-extracted, %s, %d failed\n", plural(sum.Updated, "article"), plural(sum.Facts, "fact"), sum.Failed)
		if sum.Failed > 0 {
			return exitFailed
		}
		return exitOK
	},
}

var cmdExport = &command{
	name:  "export",
	usage: "export [--db FILE] [--format jsonl|csv] [-o FILE] [--provider P] [--type T] [--country CC] [--since DATE] [--min-confidence X] [--all]",
	short: "write the facts as JSON Lines or CSV",
	long: `Export writes every stored fact, one per line (JSONL, the fact model of
spec/facts.md with url, title, published, start, end, rule and confidence)
or one per row (CSV with a header row), to standard output or -o FILE.

The filters select facts; all that are given must hold. --provider, --type
and --country take comma-separated lists; --country matches an expansion's
country or a count's scope; --since keeps facts of articles published on or
after DATE (articles without a date are left out).

Facts of rejected claims (ingest reject) are left out, unless --all, which
adds a field review to every fact: rejected, confirmed, corrected or null.
Corrections (ingest correct) are applied.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		if opts.format != "jsonl" && opts.format != "csv" {
			return c.usageError(e, "--format must be jsonl or csv, not %q", opts.format)
		}
		filter, err := opts.filter.parse()
		if err != nil {
			return c.usageError(e, "%v", err)
		}
		db, err := store.OpenReadOnly(ctx, opts.db)
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
		err = db.ExportFiltered(ctx, w, opts.format, filter)
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
	usage: "failures [--db FILE] [--format table|json|csv]",
	short: "list inputs that failed and have not succeeded since",
	long: `Failures lists every source that failed and has not succeeded since: the
source, the stage, how often it failed and the last reason, most recent
first. --format json writes one JSON array of objects (source, stage,
reason, attempts, first_seen, last_seen, last_run_id); csv writes the same
fields with a header row.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		if !validListFormat(opts.format) {
			return c.usageError(e, "--format must be table, json or csv, not %q", opts.format)
		}
		db, err := store.OpenReadOnly(ctx, opts.db)
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
		if opts.format != "table" {
			cols := []string{"source", "stage", "reason", "attempts", "first_seen", "last_seen", "last_run_id"}
			rows := make([][]any, len(fs))
			for i, f := range fs {
				var run any
				if f.LastRunID != 0 {
					run = f.LastRunID
				}
				rows[i] = []any{f.Source, f.Stage, f.Reason, f.Attempts, f.FirstSeen, f.LastSeen, run}
			}
			if err := writeRows(e.stdout, opts.format, cols, rows); err != nil {
				fmt.Fprintf(e.stderr, "ingest failures: %v\n", err)
				return exitFailed
			}
			return exitOK
		}
		for _, f := range fs {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", f.Source, f.Stage, plural(f.Attempts, "attempt"), f.Reason)
		}
		return exitOK
	},
}

func logger(e *env, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: fetch.RedactAttr}))
}

// parse checks export's filters and turns them into a store.ExportFilter.
func (f exportFlags) parse() (store.ExportFilter, error) {
	out := store.ExportFilter{
		Providers: splitList(f.providers),
		Types:     splitList(f.types),
		Countries: splitList(f.countries),
	}
	known := store.FactTypes()
	for _, t := range out.Types {
		if !slices.Contains(known, t) {
			return out, fmt.Errorf("--type: unknown fact type %q (want %s)", t, strings.Join(known, ", "))
		}
	}
	for _, c := range out.Countries {
		if len(c) != 2 || strings.Trim(strings.ToUpper(c), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return out, fmt.Errorf("--country: %q is not a two-letter ISO 3166-1 code", c)
		}
	}
	if f.since != "" {
		d, err := time.Parse("2006-01-02", f.since)
		if err != nil {
			return out, fmt.Errorf("--since: %q is not a date (YYYY-MM-DD)", f.since)
		}
		out.Since = d.Format("2006-01-02")
	}
	if f.minConfidence < 0 || f.minConfidence > 1 || math.IsNaN(f.minConfidence) {
		return out, fmt.Errorf("--min-confidence must be between 0 and 1, not %v", f.minConfidence)
	}
	out.MinConfidence = f.minConfidence
	out.All = f.all
	return out, nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
