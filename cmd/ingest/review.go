package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/report"
	"github.com/cloudfacts/ingest/store"
)

// Review commands (issue 10): timeline, conflicts, show, report. All open
// the database read-only.

var cmdTimeline = &command{
	name:  "timeline",
	usage: "timeline [--db FILE] PROVIDER",
	short: "show a provider's counts over time and its facilities' status",
	long: `Timeline shows, for one provider, every region, availability-zone and
data-center count in publication order (scope by scope, with the change and
the source of each value), then the latest status of each facility by
country with its history ("planned 2024-05 → launched 2025-02").

PROVIDER is matched without regard to case, and may be an alias the
extractor knows ("AWS" for Amazon Web Services, "Aliyun" for Alibaba Cloud).
The views count_timeline and facility_status hold the same rows.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, pos, code := c.parse(e, args)
		if code >= 0 {
			return code
		}
		if len(pos) != 1 {
			return c.usageError(e, "want one provider")
		}
		db, ok := openReview(ctx, c, e, opts)
		if !ok {
			return exitFailed
		}
		defer db.Close()
		provider, err := resolveProvider(ctx, db, pos[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest timeline: %v\n", err)
			return exitFailed
		}
		counts, err := db.CountTimeline(ctx, provider)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest timeline: %v\n", err)
			return exitFailed
		}
		facilities, err := db.FacilityStatus(ctx, provider)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest timeline: %v\n", err)
			return exitFailed
		}
		writeTimeline(e.stdout, provider, counts, facilities)
		return exitOK
	},
}

var cmdConflicts = &command{
	name:  "conflicts",
	usage: "conflicts [--db FILE]",
	short: "list claims that contradict each other",
	long: `Conflicts lists pairs of claims that cannot both be right, each with both
values, dates, sources and quotes:

  same date       one provider, count type and scope with different values
                  in articles of the same date
  dropped         a count lower than the one reported before it, with no
                  closure by the provider reported in between
  USD differs     one investment (provider, currency and amount) given USD
                  equivalents more than 1% apart

The view conflicts holds the same rows.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		db, ok := openReview(ctx, c, e, opts)
		if !ok {
			return exitFailed
		}
		defer db.Close()
		cs, err := db.Conflicts(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest conflicts: %v\n", err)
			return exitFailed
		}
		if len(cs) == 0 {
			fmt.Fprintln(e.stdout, "no conflicts")
			return exitOK
		}
		for i, k := range cs {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintf(e.stdout, "%s — %s: %s\n", k.Provider, k.What, k.Kind)
			fmt.Fprintf(e.stdout, "  %-16s %s  %s (fact %d)\n    »%s«\n", conflictValue(k.Kind, k.Value1), orUndated(k.Date1), k.Source1, k.Fact1, k.Quote1)
			fmt.Fprintf(e.stdout, "  %-16s %s  %s (fact %d)\n    »%s«\n", conflictValue(k.Kind, k.Value2), orUndated(k.Date2), k.Source2, k.Fact2, k.Quote2)
		}
		return exitOK
	},
}

var cmdShow = &command{
	name:  "show",
	usage: "show [--db FILE] ARTICLE",
	short: "print an article with its cited sentences marked, and its facts",
	long: `Show prints one article: its title, source and date, its text with every
cited sentence marked (»…« followed by the numbers of its facts; bold on a
terminal), and then its facts. ARTICLE is the article's id (the article
column of the views), its file path or its URL.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, pos, code := c.parse(e, args)
		if code >= 0 {
			return code
		}
		if len(pos) != 1 {
			return c.usageError(e, "want one article (id, path or URL)")
		}
		db, ok := openReview(ctx, c, e, opts)
		if !ok {
			return exitFailed
		}
		defer db.Close()
		a, err := db.FindArticle(ctx, pos[0])
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(e.stderr, "ingest show: no article %q (give its id, path or URL)\n", pos[0])
			return exitFailed
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest show: %v\n", err)
			return exitFailed
		}
		writeArticle(e.stdout, a, isTerminal(e.stdout))
		return exitOK
	},
}

var cmdReport = &command{
	name:  "report",
	usage: "report [--db FILE] [-o FILE]",
	short: "write a self-contained HTML report of facilities, counts, money and conflicts",
	long: `Report writes one self-contained HTML page (inline CSS and SVG, no scripts
and no requests): a provider × country matrix of launched, planned and
closed facilities, charts of region and availability-zone counts over
time, money figures and conflicts. Every figure links to its quote and
source further down the page.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		if opts.output == "" {
			return c.usageError(e, "-o must name a file")
		}
		db, ok := openReview(ctx, c, e, opts)
		if !ok {
			return exitFailed
		}
		defer db.Close()
		d, err := report.Load(ctx, db)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest report: %v\n", err)
			return exitFailed
		}
		// Write beside the target and rename, so a failed run leaves no
		// half page.
		tmp, err := os.CreateTemp(filepath.Dir(opts.output), ".report-*.html")
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest report: %v\n", err)
			return exitFailed
		}
		err = report.Write(tmp, d)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), opts.output)
		}
		if err != nil {
			os.Remove(tmp.Name())
			fmt.Fprintf(e.stderr, "ingest report: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "wrote %s: %d facilities, %s, %s\n", opts.output,
			len(d.Facilities), plural(len(d.Timeline), "count"), plural(len(d.Conflicts), "conflict"))
		return exitOK
	},
}

func openReview(ctx context.Context, c *command, e *env, opts *options) (*store.DB, bool) {
	db, err := store.OpenReadOnly(ctx, opts.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest %s: %v\n", c.name, err)
		return nil, false
	}
	return db, true
}

// resolveProvider finds the stored provider name: the name itself in any
// case, else the provider an alias stands for.
func resolveProvider(ctx context.Context, db *store.DB, name string) (string, error) {
	known, err := db.Providers(ctx)
	if err != nil {
		return "", err
	}
	for _, k := range known {
		if strings.EqualFold(k, strings.TrimSpace(name)) {
			return k, nil
		}
	}
	if canon, ok := extract.ProviderName(name); ok {
		for _, k := range known {
			if k == canon {
				return k, nil
			}
		}
		return "", fmt.Errorf("no facts about %s (%q)", canon, name)
	}
	return "", fmt.Errorf("no facts about %q; providers: %s", name, strings.Join(known, ", "))
}

func writeTimeline(w io.Writer, provider string, counts []store.TimelineRow, facilities []store.FacilityRow) {
	fmt.Fprintln(w, provider)
	for i := 0; i < len(counts); {
		j := i
		for j < len(counts) && counts[j].Count == counts[i].Count && counts[j].Scope == counts[i].Scope {
			j++
		}
		group := counts[i:j]
		var seq []string
		for k, r := range group {
			if k == 0 || r.Value != group[k-1].Value {
				seq = append(seq, fmt.Sprint(r.Value))
			}
		}
		scope := group[0].Scope
		if scope == "" {
			scope = "scope not stated"
		}
		fmt.Fprintf(w, "\n%s (%s): %s\n", group[0].Count, scope, strings.Join(seq, " → "))
		for _, r := range group {
			change := ""
			if r.Change.Valid {
				change = fmt.Sprintf("%+d", r.Change.Int64)
			}
			value := fmt.Sprint(r.Value)
			if r.Qualifier != "" {
				value = r.Qualifier + " " + value
			}
			fmt.Fprintf(w, "  %-10s  %8s  %4s  %s (fact %d)\n", orUndated(r.Published), value, change, r.Source, r.Fact)
		}
		i = j
	}
	if len(counts) == 0 {
		fmt.Fprintln(w, "\nno counts")
	}
	fmt.Fprintln(w, "\nfacilities (latest status):")
	if len(facilities) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, f := range facilities {
		fmt.Fprintf(w, "  %s  %-17s  %-8s  since %-10s  %s\n", f.Country, f.Facility, f.Status, orUndated(f.Since), f.History)
	}
}

func orUndated(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

func conflictValue(kind string, v float64) string {
	if kind == "USD differs" {
		return "USD " + report.Money(v)
	}
	return fmt.Sprintf("%g", v)
}

// writeArticle prints a's text with its cited spans marked (»…«[n,m], or
// bold with the numbers dimmed on a terminal) and then its facts.
func writeArticle(w io.Writer, a *store.ArticleView, ansi bool) {
	fmt.Fprintf(w, "%s\n", orDefault(a.Title, "(untitled)"))
	fmt.Fprintf(w, "article %d · %s", a.ID, a.Source)
	if a.URL != "" && a.URL != a.Source {
		fmt.Fprintf(w, " · %s", a.URL)
	}
	fmt.Fprintf(w, " · published %s\n\n", orUndated(a.Published))
	text := []rune(a.Text)
	// Merge overlapping citations into spans, each with its facts' numbers.
	type span struct {
		start, end int
		nums       []string
	}
	var spans []span
	for i, f := range a.Facts {
		if f.Start < 0 || f.End > len(text) || f.Start > f.End {
			continue
		}
		n := fmt.Sprint(i + 1)
		if k := len(spans) - 1; k >= 0 && f.Start < spans[k].end {
			spans[k].end = max(spans[k].end, f.End)
			spans[k].nums = append(spans[k].nums, n)
			continue
		}
		spans = append(spans, span{f.Start, f.End, []string{n}})
	}
	open, close, numOpen, numClose := "»", "«", "[", "]"
	if ansi {
		open, close, numOpen, numClose = "\x1b[1;4m", "\x1b[0m", "\x1b[2m[", "]\x1b[0m"
	}
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		b.WriteString(string(text[pos:s.start]))
		b.WriteString(open)
		b.WriteString(string(text[s.start:s.end]))
		b.WriteString(close)
		b.WriteString(numOpen + strings.Join(s.nums, ",") + numClose)
		pos = s.end
	}
	b.WriteString(string(text[pos:]))
	fmt.Fprintln(w, strings.TrimRight(b.String(), "\n"))
	fmt.Fprintf(w, "\n%s:\n", plural(len(a.Facts), "fact"))
	for i, f := range a.Facts {
		who := orDefault(f.Provider, "(market)")
		status := ""
		if f.Status != "" {
			status = ", " + f.Status
		}
		fmt.Fprintf(w, "  [%d] %s: %s%s  (%s, fact %d, confidence %.2f)\n", i+1, who, f.What, status, f.Type, f.ID, f.Confidence)
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
