// Command ingest turns news articles about cloud and AI infrastructure into
// cited facts in SQLite.
//
//	ingest run [--db FILE] PATH...      ingest saved articles (.txt .md .html)
//	ingest reextract [--db FILE]        re-run the extractors over stored articles
//	ingest export [--db FILE] [--format jsonl|csv] [-o FILE]
//	ingest failures [--db FILE] [--format table|json|csv]   list inputs that failed and why
//	ingest feeds add|import|list|remove|reset   manage the feeds crawl reads
//	ingest crawl [--db FILE] [flags]    fetch new articles from due feeds (cron)
//	ingest claims [--db FILE] [filters] list claims with citations and sources counted
//	ingest why CLAIM                    a claim's citations
//	ingest reject|confirm|correct CLAIM review a claim; kept across reextract and run
//	ingest timeline PROVIDER            a provider's counts over time and facility status
//	ingest conflicts                    claims that contradict each other
//	ingest show ARTICLE                 an article with its cited sentences marked
//	ingest report [-o FILE]             a self-contained HTML report
//	ingest bench [-n N] [--html]        measure throughput on a generated corpus
//	ingest version                      print the versions of ingest, its extractor and libraries
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/store"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // the command ran, but some input failed (or the command itself failed)
	exitUsage  = 2
)

// command is one subcommand, in the manner of cmd/go.
type command struct {
	name  string
	usage string // the line after "ingest "
	short string
	long  string
	run   func(ctx context.Context, c *command, e *env, args []string) int
}

// env is what a command may touch: its streams and environment, so tests can
// run main without a process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []*command {
	return []*command{cmdRun, cmdReextract, cmdExport, cmdFailures, cmdFeeds, cmdCrawl,
		cmdClaims, cmdWhy, cmdReject, cmdConfirm, cmdCorrect, cmdTimeline, cmdConflicts, cmdShow, cmdReport, cmdBench, cmdVersion}
}

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// sets one. It is a ceiling, not what paces the collector: the live heap
// of a text run is some 25 MB when it starts and 30 MB after 100,000
// articles (the extractor's patterns and models, the gazetteer, the
// articles in flight, the fingerprint index, the list of files;
// INGEST_HEAPPROFILE shows them), so GOGC's goal of twice that stays well
// below the limit and a collection comes every 25 to 30 MB allocated,
// however long the run. The limit holds what GOGC alone would let grow
// past 150 MiB resident (HTML pages parsed by several workers, a very
// long article). When the live heap was 50 to 65 MB, most of it compiled
// patterns of a date parser no text run uses, the goal ran into this
// limit and the collector ran ever more often as a run went on.
const memoryLimit = 96 << 20

// boundedCommands are the long-running ones the limit is for; a read
// command whose live heap is larger (a report over a big store) would
// only spend more time collecting under it.
var boundedCommands = map[string]bool{"run": true, "crawl": true, "reextract": true, "bench": true}

func main() {
	if os.Getenv("GOMEMLIMIT") == "" && len(os.Args) > 1 && boundedCommands[os.Args[1]] {
		debug.SetMemoryLimit(memoryLimit)
	}
	stopProfiles := func() {}
	if prefix := os.Getenv(heapProfileEnv); prefix != "" {
		stopProfiles = startHeapProfiles(prefix, heapProfileEvery, func(err error) { fmt.Fprintln(os.Stderr, "ingest:", err) })
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	stopProfiles()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 2 {
			fmt.Fprintf(e.stderr, "ingest help: too many arguments\nusage: ingest help [COMMAND]\n")
			return exitUsage
		}
		if len(args) == 2 {
			for _, c := range commands() {
				if c.name == args[1] {
					c.help(e.stdout, nil)
					return exitOK
				}
			}
			fmt.Fprintf(e.stderr, "ingest help: unknown command %q\n\n", args[1])
			usage(e.stderr)
			return exitUsage
		}
		usage(e.stdout)
		return exitOK
	case "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, c, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "ingest: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `ingest turns news articles about cloud and AI infrastructure (regions,
availability zones, data centers, investments) into cited facts in SQLite.

Usage:
  ingest <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, `
The database is --db FILE, else $INGEST_DB, else ./ingest.db.
Run "ingest help <command>" or "ingest <command> --help" for its flags.
`)
}

func (c *command) help(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: ingest %s\n\n%s\n", c.usage, c.long)
	if fs == nil {
		fs = c.flags(nil)
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// flags builds the command's flag set; opts receives the parsed values.
func (c *command) flags(opts *options) *flag.FlagSet {
	if opts == nil {
		opts = &options{}
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.name == "version" {
		return fs
	}
	if c.name == "bench" {
		benchFlags(fs, opts)
		return fs
	}
	fs.StringVar(&opts.db, "db", "", "SQLite database `file` (default $INGEST_DB, else ingest.db)")
	switch c.name {
	case "run", "reextract", "crawl":
		fs.BoolVar(&opts.verbose, "v", false, "log each article and decision to stderr")
	}
	switch c.name {
	case "run":
		fs.IntVar(&opts.workers, "workers", runtime.GOMAXPROCS(0), "articles extracted in parallel, at least 1; the default is the number of CPUs")
		fetchFlags(fs, &opts.crawl)
	case "export":
		fs.StringVar(&opts.format, "format", "jsonl", "output `format`: jsonl or csv")
		fs.StringVar(&opts.output, "o", "", "write to `file` instead of standard output")
		fs.StringVar(&opts.filter.providers, "provider", "", "only facts about these `companies` (comma-separated, case-insensitive)")
		fs.StringVar(&opts.filter.types, "type", "", "only facts of these `types` (comma-separated: "+strings.Join(store.FactTypes(), ", ")+")")
		fs.StringVar(&opts.filter.countries, "country", "", "only facts in these `countries` (comma-separated ISO codes: an expansion's country or a count's scope)")
		fs.StringVar(&opts.filter.since, "since", "", "only facts from articles published on or after this `date` (YYYY-MM-DD)")
		fs.Float64Var(&opts.filter.minConfidence, "min-confidence", 0, "only facts with at least this `confidence` (0 to 1)")
		fs.BoolVar(&opts.filter.all, "all", false, "include the facts of rejected claims, with a field review (rejected, confirmed, corrected or null)")
	case "failures":
		fs.StringVar(&opts.format, "format", "table", "output `format`: table, json (one JSON array) or csv")
	case "feeds":
		fs.BoolVar(&opts.all, "all", false, "reset: every feed")
		fs.IntVar(&opts.crawl.FailureThreshold, "failure-threshold", 3, "list: consecutive failures that disable a feed")
		fs.StringVar(&opts.format, "format", "", "list: output `format`: table (the default), json (one JSON array) or csv")
		fetchFlags(fs, &opts.crawl)
	case "crawl":
		crawlFlags(fs, &opts.crawl)
	case "claims", "why", "reject", "confirm", "correct":
		claimFlags(c.name, fs, opts)
	case "report":
		fs.StringVar(&opts.output, "o", "report.html", "write the HTML page to `file`")
	}
	return fs
}

type options struct {
	db      string
	verbose bool
	workers int
	format  string
	output  string
	all     bool          // feeds reset --all
	crawl   crawl.Options // crawl, and feeds list's failure threshold
	filter  exportFlags   // export, claims
	claims  claimOptions  // claims, why, reject, confirm, correct
	bench   benchOptions
}

// exportFlags are export's filters as typed.
type exportFlags struct {
	providers, types, countries, since string
	minConfidence                      float64
	all                                bool // export --all: rejected claims too
}

// parseNoArgs is parse for a command that takes flags only.
func (c *command) parseNoArgs(e *env, args []string) (*options, int) {
	opts, rest, code := c.parse(e, args)
	if code < 0 && len(rest) > 0 {
		fmt.Fprintf(e.stderr, "ingest %s: unexpected argument %q\nusage: ingest %s\n", c.name, rest[0], c.usage)
		return nil, exitUsage
	}
	return opts, code
}

// parse parses flags that may come before or after the positional arguments
// ("ingest run testdata/articles --db x.db" works as well).
func (c *command) parse(e *env, args []string) (*options, []string, int) {
	opts := &options{}
	fs := c.flags(opts)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.help(e.stdout, fs)
				return nil, nil, exitOK
			}
			fmt.Fprintf(e.stderr, "ingest %s: %v\n", c.name, err)
			fmt.Fprintf(e.stderr, "usage: ingest %s\n", c.usage)
			return nil, nil, exitUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if opts.db == "" {
		opts.db = e.getenv("INGEST_DB")
	}
	if opts.db == "" {
		opts.db = "ingest.db"
	}
	return opts, pos, -1
}

// usageError reports a usage error of c and returns exitUsage.
func (c *command) usageError(e *env, format string, a ...any) int {
	fmt.Fprintf(e.stderr, "ingest %s: %s\n", c.name, fmt.Sprintf(format, a...))
	fmt.Fprintf(e.stderr, "usage: ingest %s\n", c.usage)
	return exitUsage
}

// plural is n with word, in the plural unless n is 1: "1 file", "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
