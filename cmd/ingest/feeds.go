package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/feed"
	"github.com/cloudfacts/ingest/fetch"
	"github.com/cloudfacts/ingest/store"
)

var cmdFeeds = &command{
	name:  "feeds",
	usage: "feeds [--db FILE] [--allow-private] add URL... | import FILE | list [--format table|json|csv] | remove URL... | reset URL...|--all",
	short: "manage the feeds that crawl reads",
	long: `Feeds manages the subscribed feeds, kept in the database so that a cron
line needs only "ingest crawl --db FILE".

  add URL...      subscribe to feeds (RSS, Atom or JSON Feed URLs). Each
                  URL is fetched: a web page (HTML) is replaced by the
                  first feed it advertises (<link rel="alternate"
                  type="application/rss+xml|atom+xml|feed+json">), and
                  one that advertises none is an error; a URL that cannot
                  be fetched now is subscribed as given, with a warning.
  import FILE     subscribe to every feed of an OPML file (nested folders
                  become the category, "Cloud/AWS") or of a text file with
                  one URL per line, where # starts a comment; - reads
                  standard input. Importing again updates titles and
                  categories and adds nothing twice.
  list            each feed with its status (new, ok, failing, disabled),
                  last HTTP status, last success, consecutive errors, next
                  check, pages seen and stored, and the last error;
                  --format json writes one JSON array of objects, csv a
                  header row and one row per feed
  remove URL...   unsubscribe; the articles stay
  reset URL...    forget a feed's consecutive failures and check it on the
                  next crawl: a feed that failed --failure-threshold times
                  in a row is skipped until reset. --all resets every feed.`,
	run: runFeeds,
}

func runFeeds(ctx context.Context, c *command, e *env, args []string) int {
	e = redactEnv(e) // feed URLs may carry passwords: none is printed
	opts, pos, code := c.parse(e, args)
	if code >= 0 {
		return code
	}
	code = exitOK
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "ingest feeds: "+format+"\n", a...)
		fmt.Fprintf(e.stderr, "usage: ingest %s\n", c.usage)
		return exitUsage
	}
	if len(pos) == 0 {
		return usageErr("no subcommand")
	}
	sub, rest := pos[0], pos[1:]
	switch sub {
	case "add", "remove":
		if len(rest) == 0 {
			return usageErr("%s: no URL given", sub)
		}
	case "import":
		if len(rest) != 1 {
			return usageErr("import takes one FILE")
		}
	case "list":
		if len(rest) > 0 {
			return usageErr("list: unexpected argument %q", rest[0])
		}
	case "reset":
		if opts.all == (len(rest) > 0) {
			return usageErr("reset takes URLs or --all")
		}
	default:
		return usageErr("unknown subcommand %q", sub)
	}
	if opts.all && sub != "reset" {
		return usageErr("--all is for reset")
	}
	if opts.format != "" && (sub != "list" || !validListFormat(opts.format)) {
		return usageErr("--format is for list, and must be table, json or csv")
	}
	var subs []feed.Subscription
	switch sub {
	case "add":
		// The text-list reader checks that each is an absolute http(s) URL.
		var err error
		subs, err = feed.ImportList(strings.NewReader(strings.Join(rest, "\n")))
		if err != nil {
			return usageErr("%v", err)
		}
		var ok bool
		subs, ok = discover(ctx, e, opts, subs)
		if !ok {
			code = exitFailed
		}
	case "import":
		var err error
		subs, err = readList(rest[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
			return exitFailed
		}
	}

	// Only subscribing creates a database: elsewhere a missing one is
	// most likely a mistyped --db.
	openDB := store.OpenExisting
	switch sub {
	case "add", "import":
		openDB = store.Open
	case "list":
		openDB = store.OpenReadOnly
	}
	db, err := openDB(ctx, opts.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	switch sub {
	case "add", "import":
		added, err := db.AddFeeds(ctx, subs)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "%d feeds added, %d already subscribed\n", added, len(subs)-added)
		return code
	case "list":
		feeds, err := db.ListFeeds(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
			return exitFailed
		}
		if opts.format != "" && opts.format != "table" {
			if err := writeFeeds(e.stdout, opts.format, feeds, opts.crawl.FailureThreshold); err != nil {
				fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
				return exitFailed
			}
			return exitOK
		}
		printFeeds(e.stdout, feeds, opts.crawl.FailureThreshold, time.Now())
	case "remove", "reset":
		return feedsEach(ctx, e, db, sub, rest, opts.all)
	}
	return exitOK
}

// feedsEach removes or resets feeds; a URL that is not subscribed is an
// error (exit 1) after the others are done.
func feedsEach(ctx context.Context, e *env, db *store.DB, sub string, urls []string, all bool) int {
	if all {
		n, err := db.ResetFeeds(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "%s reset\n", plural(n, "feed"))
		return exitOK
	}
	code := exitOK
	for _, u := range urls {
		var (
			ok  bool
			err error
		)
		if sub == "remove" {
			ok, err = db.RemoveFeed(ctx, u)
		} else {
			ok, err = db.ResetFeed(ctx, u)
		}
		switch {
		case err != nil:
			fmt.Fprintf(e.stderr, "ingest feeds: %v\n", err)
			return exitFailed
		case !ok:
			fmt.Fprintf(e.stderr, "ingest feeds %s: %s is not subscribed\n", sub, u)
			code = exitFailed
		}
	}
	return code
}

// discover fetches each URL given to "feeds add" and replaces a web page
// by the first feed it advertises, saying so. A page that advertises no
// feed is reported and left out (ok false); a URL that cannot be fetched
// or parsed now is kept as given, with a warning, so that feeds can be
// added offline and the crawl records what goes wrong.
func discover(ctx context.Context, e *env, opts *options, subs []feed.Subscription) (_ []feed.Subscription, ok bool) {
	client := newClient(opts.crawl, logger(e, opts.verbose))
	defer client.CloseIdleConnections()
	ok = true
	out := subs[:0]
	for _, s := range subs {
		resp, err := client.Get(ctx, s.URL, fetch.Conditional{})
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest feeds add: %s: not checked: %s; subscribed as given\n", s.URL, errorCause(err.Error(), 100))
			out = append(out, s)
			continue
		}
		_, err = feed.Parse(resp.Body, resp.ContentType, resp.FinalURL)
		if err == nil || !errors.Is(err, feed.ErrNotAFeed) {
			if err != nil {
				fmt.Fprintf(e.stderr, "ingest feeds add: %s: %v; subscribed as given\n", s.URL, err)
			}
			out = append(out, s)
			continue
		}
		alts, _ := feed.Discover(resp.Body, resp.ContentType, resp.FinalURL)
		if len(alts) == 0 {
			fmt.Fprintf(e.stderr, "ingest feeds add: %s is not a feed (RSS, Atom or JSON Feed), and advertises none (no <link rel=\"alternate\" type=\"application/rss+xml\"> or the like); not subscribed\n", s.URL)
			ok = false
			continue
		}
		more := ""
		if len(alts) > 1 {
			more = fmt.Sprintf(" (the first of %d it advertises; the others: %s)", len(alts), strings.Join(alts[1:], ", "))
		}
		fmt.Fprintf(e.stdout, "%s is a web page; subscribing to its feed %s%s\n", s.URL, alts[0], more)
		s.URL = alts[0]
		out = append(out, s)
	}
	return out, ok
}

func readList(path string) ([]feed.Subscription, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	subs, err := feed.ImportList(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return subs, nil
}

// feedState is a feed's status as `feeds list` and the feed_status view
// name it.
func feedState(f store.FeedInfo, threshold int) string {
	switch {
	case f.LastCheck.IsZero():
		return "new"
	case f.ErrorCount >= threshold:
		return "disabled"
	case f.ErrorCount > 0:
		return "failing"
	}
	return "ok"
}

func printFeeds(w io.Writer, feeds []store.FeedInfo, threshold int, now time.Time) {
	if threshold <= 0 {
		threshold = 3
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tCATEGORY\tSTATUS\tHTTP\tLAST SUCCESS\tERRORS\tNEXT CHECK\tPAGES\tLAST ERROR")
	for _, f := range feeds {
		state := feedState(f, threshold)
		next := "now"
		switch {
		case state == "disabled":
			next = "after reset"
		case f.NextCheck.After(now):
			next = clock(f.NextCheck)
		}
		status := "-"
		if f.LastStatus != 0 {
			status = fmt.Sprint(f.LastStatus)
		}
		lastErr := errorCause(fetch.RedactText(f.LastError), 80)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d/%d\t%s\n",
			fetch.Redact(f.URL), orDash(f.Category), state, status, clock(f.LastSuccess), f.ErrorCount, next,
			f.Done, f.Items, orDash(lastErr))
	}
	tw.Flush()
}

// writeFeeds writes feeds list as json or csv (see writeRows).
func writeFeeds(w io.Writer, format string, feeds []store.FeedInfo, threshold int) error {
	if threshold <= 0 {
		threshold = 3
	}
	cols := []string{"url", "title", "category", "status", "http_status", "last_check", "last_success",
		"errors", "next_check", "pages_seen", "pages_done", "last_error", "added_at"}
	rows := make([][]any, len(feeds))
	for i, f := range feeds {
		var status any
		if f.LastStatus != 0 {
			status = f.LastStatus
		}
		rows[i] = []any{fetch.Redact(f.URL), f.Title, f.Category, feedState(f, threshold), status, f.LastCheck, f.LastSuccess,
			f.ErrorCount, f.NextCheck, f.Items, f.Done, fetch.RedactText(f.LastError), f.AddedAt}
	}
	return writeRows(w, format, cols, rows)
}

// errorCause shortens an error message to about width runes by keeping
// its end, where the cause is ("connection refused", "127.0.0.1 is private
// or loopback"): whole ": "-separated parts are dropped from the front
// (the URL is in its own column). A feed refused as private gets the flag
// that allows it.
func errorCause(msg string, width int) string {
	hint := ""
	if strings.Contains(msg, "is private or loopback") {
		hint = " (--allow-private allows it)"
	}
	if utf8.RuneCountInString(msg) > width {
		parts := strings.Split(msg, ": ")
		i := len(parts) - 1
		n := utf8.RuneCountInString(parts[i])
		for i > 0 && n+2+utf8.RuneCountInString(parts[i-1]) <= width-3 {
			i--
			n += 2 + utf8.RuneCountInString(parts[i])
		}
		msg = "..." + strings.Join(parts[i:], ": ")
	}
	return msg + hint
}

func clock(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
