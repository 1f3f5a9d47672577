package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/cloudfacts/ingest/store"
)

// claimOptions are the flags of claims, why, reject, confirm and correct.
type claimOptions struct {
	all   bool     // claims: rejected claims too
	limit int      // claims: at most this many (0: all); -1 when not given
	why   string   // reject, confirm, correct: the reason
	sets  setFlags // correct: field=value
}

// setFlags collects repeated --set field=value flags.
type setFlags [][2]string

func (s *setFlags) String() string { return "" }

func (s *setFlags) Set(v string) error {
	field, value, ok := strings.Cut(v, "=")
	field = strings.TrimSpace(field)
	if !ok || field == "" {
		return fmt.Errorf("want field=value, not %q", v)
	}
	*s = append(*s, [2]string{field, value})
	return nil
}

// claimFlags adds the flags of the claim commands to fs.
func claimFlags(name string, fs *flag.FlagSet, opts *options) {
	switch name {
	case "claims":
		fs.StringVar(&opts.format, "format", "table", "output `format`: table, json (one JSON array) or csv")
		fs.BoolVar(&opts.claims.all, "all", false, "include rejected claims")
		fs.IntVar(&opts.claims.limit, "limit", -1, "show at most `N` claims, in the listing's order (0: all; default 100 for the table, all for json and csv)")
		fs.StringVar(&opts.filter.providers, "provider", "", "only claims about these `companies` (comma-separated, case-insensitive)")
		fs.StringVar(&opts.filter.types, "type", "", "only claims of these `types` (comma-separated: "+strings.Join(store.FactTypes(), ", ")+")")
		fs.StringVar(&opts.filter.countries, "country", "", "only claims in these `countries` (comma-separated ISO codes: an expansion's country or a count's scope)")
		fs.StringVar(&opts.filter.since, "since", "", "only claims last published on or after this `date` (YYYY-MM-DD)")
		fs.Float64Var(&opts.filter.minConfidence, "min-confidence", 0, "only claims whose best citation has at least this `confidence` (0 to 1)")
	case "why":
		fs.StringVar(&opts.format, "format", "table", "output `format`: table, json (one JSON array of citations) or csv")
	case "reject":
		fs.StringVar(&opts.claims.why, "why", "", "why the claim is wrong (required)")
	case "confirm":
		fs.StringVar(&opts.claims.why, "why", "", "a note: how it was checked")
	case "correct":
		fs.Var(&opts.claims.sets, "set", "`field=value` to set (repeatable): "+strings.Join(store.CorrectableFields, ", "))
		fs.StringVar(&opts.claims.why, "why", "", "why the claim was corrected")
	}
}

var cmdClaims = &command{
	name:  "claims",
	usage: "claims [--db FILE] [--provider P] [--type T] [--country C] [--since DATE] [--min-confidence X] [--all] [--limit N] [--format table|json|csv]",
	short: "list claims: each fact once, with its citations and sources counted",
	long: `Claims lists one row per claim (a provider's fact: a count, an expansion,
an amount) however many sentences state it: its stable id, company, type,
what it says (corrections applied), when it was first and last published,
its citations, its independent sources (distinct sites, a syndicated copy
counting as its original's site), the best confidence and the review
(rejected, confirmed or corrected). Rejected claims are left out unless
--all. The table shows the first 100 claims (--limit); json and csv give
all. The table fits the terminal (100 columns when not a terminal);
"ingest why CLAIM" shows a claim's citations.`,
	run: runClaims,
}

func runClaims(ctx context.Context, c *command, e *env, args []string) int {
	opts, code := c.parseNoArgs(e, args)
	if code >= 0 {
		return code
	}
	if !validListFormat(opts.format) {
		return c.usageError(e, "--format must be table, json or csv, not %q", opts.format)
	}
	ef, err := opts.filter.parse()
	if err != nil {
		return c.usageError(e, "%v", err)
	}
	db, err := store.OpenReadOnly(ctx, opts.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest claims: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	// A table is read by a person: the first page of a large store, not
	// all of it (the listing reads claim_stats in its order, so a page
	// costs what it shows).
	limit := opts.claims.limit
	switch {
	case limit < -1:
		return c.usageError(e, "--limit must be 0 or more, not %d", limit)
	case limit == -1 && opts.format == "table":
		limit = defaultClaimsLimit
	case limit == -1:
		limit = 0
	}
	claims, err := db.Claims(ctx, store.ClaimFilter{Providers: ef.Providers, Types: ef.Types, Countries: ef.Countries,
		Since: ef.Since, MinConfidence: ef.MinConfidence, All: opts.claims.all, Limit: limit})
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest claims: %v\n", err)
		return exitFailed
	}
	if opts.format != "table" {
		cols := []string{"claim", "company", "type", "what", "value", "scope", "country", "facility", "status", "year",
			"amount", "currency", "usd", "first_seen", "last_seen", "citations", "sources", "confidence", "quote", "review"}
		rows := make([][]any, len(claims))
		for i, cl := range claims {
			rows[i] = []any{cl.ID, nilIfEmpty(cl.Company), cl.Type, cl.What, sqlValue(cl.Value), nilIfEmpty(cl.Scope),
				nilIfEmpty(cl.Country), nilIfEmpty(cl.Facility), nilIfEmpty(cl.Status), sqlValue(cl.Year),
				sqlValue(cl.Amount), nilIfEmpty(cl.Currency), sqlValue(cl.USD), nilIfEmpty(cl.FirstSeen), nilIfEmpty(cl.LastSeen),
				cl.Citations, cl.Sources, cl.Confidence, cl.Quote, nilIfEmpty(cl.Review)}
		}
		if err := writeRows(e.stdout, opts.format, cols, rows); err != nil {
			fmt.Fprintf(e.stderr, "ingest claims: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	header := []string{"CLAIM", "COMPANY", "WHAT", "FIRST", "LAST", "CITES", "SRCS", "CONF", "REVIEW", "QUOTE"}
	rows := make([][]string, len(claims))
	for i, cl := range claims {
		rows[i] = []string{cl.ID, cl.Company, cl.What, cl.FirstSeen, cl.LastSeen, strconv.Itoa(cl.Citations),
			strconv.Itoa(cl.Sources), strconv.FormatFloat(cl.Confidence, 'f', 2, 64), cl.Review, oneLine(cl.Quote)}
	}
	// QUOTE gives way first (and goes below 12 characters), then
	// COMPANY and WHAT.
	writeTable(e.stdout, termWidth(e.stdout), header, rows, []shrinkCol{{9, 12}, {1, 12}, {2, 24}})
	if limit > 0 && len(claims) == limit {
		fmt.Fprintf(e.stderr, "ingest claims: the first %d claims; --limit N shows more, --limit 0 all\n", limit)
	}
	return exitOK
}

// defaultClaimsLimit is how many claims the table shows without --limit.
const defaultClaimsLimit = 100

var cmdWhy = &command{
	name:  "why",
	usage: "why [--db FILE] [--format table|json|csv] CLAIM",
	short: "show a claim's citations: each sentence with its rule, confidence and source",
	long: `Why shows one claim (as "ingest claims" lists it, rejected or not), the
analyst's corrections of it, and every citation: the sentence, the rule that
read it, its confidence, the article's title, site, date and URL, and the
original when the article is a syndicated copy.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		opts, pos, code := c.parse(e, args)
		if code >= 0 {
			return code
		}
		if len(pos) != 1 {
			return c.usageError(e, "want one claim id")
		}
		if !validListFormat(opts.format) {
			return c.usageError(e, "--format must be table, json or csv, not %q", opts.format)
		}
		db, err := store.OpenReadOnly(ctx, opts.db)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest why: %v\n", err)
			return exitFailed
		}
		defer db.Close()
		cl, err := db.ClaimByID(ctx, pos[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest why: %v\n", err)
			return exitFailed
		}
		cites, err := db.Citations(ctx, cl.ID)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest why: %v\n", err)
			return exitFailed
		}
		if opts.format != "table" {
			cols := []string{"claim", "title", "site", "published", "quote", "start", "end", "rule", "confidence", "url", "copy_of"}
			rows := make([][]any, len(cites))
			for i, ct := range cites {
				rows[i] = []any{cl.ID, ct.Title, nilIfEmpty(ct.Site), nilIfEmpty(ct.Published), ct.Quote, ct.Start, ct.End,
					ct.Rule, ct.Confidence, ct.URL, nilIfEmpty(ct.CopyOf)}
			}
			if err := writeRows(e.stdout, opts.format, cols, rows); err != nil {
				fmt.Fprintf(e.stderr, "ingest why: %v\n", err)
				return exitFailed
			}
			return exitOK
		}
		corrs, err := db.Corrections(ctx, cl.ID)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest why: %v\n", err)
			return exitFailed
		}
		w := e.stdout
		fmt.Fprintf(w, "claim %s: %s %s: %s\n", cl.ID, orDash(cl.Company), cl.Type, cl.What)
		fmt.Fprintf(w, "%s from %s, first published %s, last %s, best confidence %.2f",
			plural(cl.Citations, "citation"), plural(cl.Sources, "independent source"),
			orDash(cl.FirstSeen), orDash(cl.LastSeen), cl.Confidence)
		if cl.Review != "" {
			fmt.Fprintf(w, ", %s", cl.Review)
		}
		fmt.Fprintln(w)
		for _, co := range corrs {
			what := co.Action
			if co.Field != "" {
				what += " " + co.Field + "=" + co.Value
			}
			if co.Reason != "" {
				what += ": " + co.Reason
			}
			fmt.Fprintf(w, "  %s %s\n", co.At, what)
		}
		for i, ct := range cites {
			fmt.Fprintf(w, "\n%d. %s (confidence %.2f)\n", i+1, ct.Rule, ct.Confidence)
			fmt.Fprintf(w, "   %q\n", ct.Quote)
			src := ct.Title
			if ct.Site != "" {
				src += ", " + ct.Site
			}
			if ct.Published != "" {
				src += ", " + ct.Published
			}
			fmt.Fprintf(w, "   %s\n   %s [%d:%d]\n", src, ct.URL, ct.Start, ct.End)
			if ct.CopyOf != "" {
				fmt.Fprintf(w, "   a copy of %s\n", ct.CopyOf)
			}
		}
		return exitOK
	},
}

var cmdReject = &command{
	name:  "reject",
	usage: "reject [--db FILE] --why TEXT CLAIM...",
	short: "mark claims wrong: they leave the views and export, across reextract and run",
	long: `Reject records that claims are wrong, with the reason. A rejected claim
leaves the views (claims, claim_list, expansions, counts, money_facts) and
export (export --all keeps it, marked); it stays rejected across reextract
and new runs, since its id comes from what it says. "ingest confirm CLAIM"
undoes it.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		return runReview(ctx, c, e, args, store.ActionReject)
	},
}

var cmdConfirm = &command{
	name:  "confirm",
	usage: "confirm [--db FILE] [--why TEXT] CLAIM...",
	short: "mark claims checked and right (undoes a reject)",
	long:  `Confirm records that claims were checked and are right; the views show them as confirmed.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		return runReview(ctx, c, e, args, store.ActionConfirm)
	},
}

var cmdCorrect = &command{
	name:  "correct",
	usage: "correct [--db FILE] --set FIELD=VALUE... [--why TEXT] CLAIM",
	short: "correct a claim's fields (status=closed, country=IE, year=2026...)",
	long: `Correct sets fields of a claim, as every view and export then show it, for
all its citations, across reextract and new runs. --set may be repeated:
--set status=closed --set year=2026. Fields: ` + strings.Join(store.CorrectableFields, ", ") + `.
The claim keeps its id.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		return runReview(ctx, c, e, args, store.ActionCorrect)
	},
}

func runReview(ctx context.Context, c *command, e *env, args []string, action string) int {
	opts, pos, code := c.parse(e, args)
	if code >= 0 {
		return code
	}
	if len(pos) == 0 {
		return c.usageError(e, "want a claim id")
	}
	switch action {
	case store.ActionReject:
		if strings.TrimSpace(opts.claims.why) == "" {
			return c.usageError(e, "--why is required: say why the claim is wrong")
		}
	case store.ActionCorrect:
		if len(pos) > 1 {
			return c.usageError(e, "want one claim id")
		}
		if len(opts.claims.sets) == 0 {
			return c.usageError(e, "want at least one --set field=value")
		}
		for _, fv := range opts.claims.sets {
			if _, err := store.CheckCorrection(fv[0], fv[1]); err != nil {
				return c.usageError(e, "--set: %v", err)
			}
		}
	}
	db, err := store.OpenExisting(ctx, opts.db)
	if err != nil {
		fmt.Fprintf(e.stderr, "ingest %s: %v\n", c.name, err)
		return exitFailed
	}
	defer db.Close()
	failed := false
	for _, id := range pos {
		if err := db.Review(ctx, id, action, opts.claims.why, opts.claims.sets); err != nil {
			if errors.Is(err, store.ErrNoClaim) {
				err = fmt.Errorf("%w (ingest claims --all lists the claim ids)", err)
			}
			fmt.Fprintf(e.stderr, "ingest %s: %v\n", c.name, err)
			failed = true
			continue
		}
		cl, err := db.ClaimByID(ctx, id)
		if err != nil {
			fmt.Fprintf(e.stderr, "ingest %s: %v\n", c.name, err)
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "%s %s: %s %s: %s\n", cl.ID, cl.Review, orDash(cl.Company), cl.Type, cl.What)
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// termWidth is the width of w when it is a terminal, else 100 columns.
func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 20 {
			return width
		}
	}
	return 100
}

// shrinkCol is a column writeTable may narrow, down to min characters; the
// last column, narrowed below min, is left out.
type shrinkCol struct{ col, min int }

// writeTable writes rows as columns aligned with spaces in at most width
// characters: when they do not fit, the columns in shrink are narrowed, in
// order, and their cells cut with "…".
func writeTable(w io.Writer, width int, header []string, rows [][]string, shrink []shrinkCol) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	total := func() int {
		n := 2 * (len(widths) - 1)
		for _, x := range widths {
			n += x
		}
		return n
	}
	last := len(header) - 1
	for _, s := range shrink {
		if over := total() - width; over > 0 && s.col < len(widths) {
			narrow := widths[s.col] - over
			if s.col == last && narrow < s.min {
				widths = widths[:last] // too narrow to read: left out
				continue
			}
			widths[s.col] = max(min(s.min, widths[s.col]), narrow)
		}
	}
	line := func(cells []string) {
		cells = cells[:len(widths)]
		var b strings.Builder
		for i, cell := range cells {
			cell = cut(cell, widths[i])
			b.WriteString(cell)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
}

// cut shortens s to n characters, the last one "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// oneLine joins the lines and runs of spaces of s.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// sqlValue is a sql.Null* as a value for writeRows: nil when null, and a
// whole float as an int64, so that CSV shows 3200000000, not 3.2e+09.
func sqlValue(n driver.Valuer) any {
	v, _ := n.Value()
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f)
	}
	return v
}
