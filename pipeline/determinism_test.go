package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/internal/benchgen"
)

// orderCorpus is the same articles every time: generated ones, whose
// claims are cited by several articles of one confidence (so the example
// quote has equals to choose from) and whose counts conflict, and a story
// told four times: on site One, on site Two with Two's boilerplate around
// it (a syndicated copy), under a third URL word for word and dated
// first (an exact copy, the original of both), and by another article of
// site Two that repeats its fact sentence. Which of them is an original
// decides the story's claim's independent sources.
func orderCorpus(t *testing.T, p *Pipeline) []benchgen.Article {
	t.Helper()
	var arts []benchgen.Article
	for i := range 240 {
		arts = append(arts, benchgen.Generate(11, i, false))
	}
	// A generated article with a fact for the story.
	var story, sentence string
	for i := 1000; story == ""; i++ {
		g := benchgen.Generate(11, i, false)
		r, err := p.Extract(context.Background(), &article.Article{Source: g.Name, Text: g.Text})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Facts) > 0 {
			story, sentence = g.Text, r.Facts[0].Quote
		}
	}
	other := benchgen.Generate(11, 2000, false).Text
	doc := func(name, url, site, published, text string) benchgen.Article {
		fm := fmt.Sprintf("---\nurl: %s\ntitle: Story %s\nsite: %s\npublished: %s\n---\n", url, name, site, published)
		return benchgen.Article{Name: name + ".txt", Text: text, Bytes: []byte(fm + text)}
	}
	return append(arts,
		doc("story-one", "https://one.example/story", "One", "2024-05-02", story),
		doc("story-two", "https://two.example/story", "Two", "2024-05-03",
			"Home | News | Cloud | AI | Data Centers\nSubscribe\nBy Wire Staff\n"+
				"Share this article on LinkedIn, X and Facebook\n"+story+
				"\nRelated stories\nSign up for our free daily newsletter to get the latest data center news.\n"),
		doc("story-wire", "https://wire.example/story", "Wire", "2024-05-01", story),
		doc("story-echo", "https://two.example/echo", "Two", "2024-05-04", other+"\n"+sentence+"\n"),
	)
}

// claimDump is every claim summary of the store at dbPath, rows sorted,
// with fact and article ids (which follow the order the articles were
// stored in) given as the article's key and the quote's offsets.
func claimDump(t *testing.T, dbPath string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fact := func(col string) string {
		return `(SELECT a.key || '@' || x.start_offset || '-' || x.end_offset FROM facts x JOIN articles a ON a.id = x.article_id WHERE x.id = ` + col + `)`
	}
	queries := map[string]string{
		"claim_list_all": `SELECT * FROM claim_list_all`,
		"claim_stats": `SELECT co.name, s.type, s.last_seen, s.claim_id, s.citations, s.sources, s.confidence, ` + fact("s.fact") +
			` FROM claim_stats s JOIN companies co ON co.id = s.company`,
		"citations": `SELECT * FROM citations`,
		"conflicts": `SELECT kind, provider, what, value_1, date_1, value_2, date_2, ` + fact("fact_1") + `, ` + fact("fact_2") +
			`, source_1, source_2 FROM conflicts`,
		"count_timeline": `SELECT provider, count, scope, published, value, change, qualifier, step, ` + fact("fact") +
			`, title, source, quote FROM count_timeline`,
		"facility_status": `SELECT provider, country, facility, status, since, last_reported, history, claims, articles, ` +
			fact("fact") + `, quote, source FROM facility_status`,
		"links": `SELECT a.key, o.key FROM article_fingerprints f JOIN articles a ON a.id = f.article_id
			LEFT JOIN articles o ON o.id = f.duplicate_of`,
		"facts": `SELECT a.key, count(f.id) FROM articles a LEFT JOIN facts f ON f.article_id = a.id GROUP BY a.key`,
	}
	out := map[string][]string{}
	for name, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var lines []string
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprint(&b, v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		if name != "citations" && name != "conflicts" && name != "count_timeline" {
			// The views' own order is part of what is compared
			// where they give one; these are sets.
			slices.Sort(lines)
		}
		out[name] = lines
	}
	return out
}

// TestClaimSummariesIgnoreArrivalOrder stores the same articles in
// different orders (one worker, the files named so that the walk takes
// them in that order; each article's key is its front matter's URL, the
// same in every store) and compares every claim summary row for row:
// the claims' example quotes and independent sources, the citations'
// order, the conflicts, timelines and facility statuses, the copies'
// links and which copy holds the facts. Before, ties went to the smallest
// fact or article id, the order of arrival.
func TestClaimSummariesIgnoreArrivalOrder(t *testing.T) {
	ctx := context.Background()
	p0, _ := newPipeline(t)
	arts := orderCorpus(t, p0)
	n := len(arts)
	orders := []struct {
		name string
		pos  func(i int) int // the place of article i in the walk
	}{
		{"stored as listed", func(i int) int { return i }},
		{"reversed", func(i int) int { return n - 1 - i }},
		{"odd ones first", func(i int) int { return (i%2)*n + i }},
		{"copies first, reversed", func(i int) int {
			if i >= n-4 {
				return n - 1 - i
			}
			return n + i
		}},
	}
	var want map[string][]string
	for _, o := range orders {
		t.Run(o.name, func(t *testing.T) {
			p, dbPath := newPipeline(t)
			p.Workers = 1 // arrival in walk order
			dir := t.TempDir()
			for i, a := range arts {
				write(t, filepath.Join(dir, fmt.Sprintf("%06d-%s", o.pos(i), a.Name)), string(a.Bytes))
			}
			ingest(t, p, dir)
			review(t, p, dbPath)
			live := claimDump(t, dbPath) // claims waiting: computed afresh
			if err := p.DB.RefreshClaims(ctx); err != nil {
				t.Fatal(err)
			}
			got := claimDump(t, dbPath) // as claim_stats and conflict_cache keep them
			for name := range got {
				// claim_stats is filled by the refresh: the views read
				// claim_dirty_stats until then.
				if name != "claim_stats" && !slices.Equal(live[name], got[name]) {
					t.Errorf("%s: live and stored differ", name)
				}
			}
			if len(got["claim_list_all"]) < 100 || len(got["conflicts"]) == 0 {
				t.Fatalf("corpus too thin: %d claims, %d conflicts", len(got["claim_list_all"]), len(got["conflicts"]))
			}
			if want == nil {
				want = got
				checkStoryLinks(t, got)
				if all := strings.Join(got["claim_list_all"], "\n"); !strings.Contains(all, "|rejected|") ||
					!strings.Contains(all, "|2030|") || !strings.Contains(all, "|confirmed|") {
					t.Errorf("claim_list_all: the verdicts are missing")
				}
				return
			}
			for name, w := range want {
				g := got[name]
				if slices.Equal(g, w) {
					continue
				}
				diffs := 0
				for i := 0; i < max(len(g), len(w)) && diffs < 3; i++ {
					var gl, wl string
					if i < len(g) {
						gl = g[i]
					}
					if i < len(w) {
						wl = w[i]
					}
					if gl != wl {
						t.Errorf("%s row %d:\n got  %s\n want %s", name, i, gl, wl)
						diffs++
					}
				}
			}
		})
	}
}

// review rejects, corrects and confirms the first three claims by id (ids
// are the claims' keys' hashes, the same in every store): verdicts are
// part of every summary, and must apply whatever the order.
func review(t *testing.T, p *Pipeline, dbPath string) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	rows, err := db.Query(`SELECT DISTINCT printf('%012x', claim_id) FROM facts ORDER BY claim_id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != 3 {
		t.Fatalf("claims %q, want 3", ids)
	}
	for i, r := range []struct {
		action string
		fields [][2]string
	}{{"reject", nil}, {"correct", [][2]string{{"year", "2030"}}}, {"confirm", nil}} {
		if err := p.DB.Review(ctx, ids[i], r.action, "checked", r.fields); err != nil {
			t.Fatal(err)
		}
	}
}

// checkStoryLinks checks the story's copies: the exact copy dated first is
// the original of both and holds the facts.
func checkStoryLinks(t *testing.T, d map[string][]string) {
	t.Helper()
	for _, want := range []string{
		"https://one.example/story|https://wire.example/story",
		"https://two.example/story|https://wire.example/story",
		"https://wire.example/story|<nil>",
	} {
		if !slices.Contains(d["links"], want) {
			t.Errorf("links: no %s in %q", want, filter(d["links"], "story"))
		}
	}
	if !slices.Contains(d["facts"], "https://one.example/story|0") || slices.Contains(d["facts"], "https://wire.example/story|0") {
		t.Errorf("facts: %q, want the wire's story to hold them, not its exact copy", filter(d["facts"], "story"))
	}
}

func filter(lines []string, sub string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return out
}

// TestCopiesFollowADateChange re-dates the story's exact copy after the
// others: stored again, it is an exact copy of the story of site One,
// which takes its facts over and becomes the original of the three, as in
// a store made afresh from the changed files.
func TestCopiesFollowADateChange(t *testing.T) {
	ctx := context.Background()
	p, dbPath := newPipeline(t)
	p.Workers = 1
	arts := orderCorpus(t, p)
	dir := t.TempDir()
	for i, a := range arts {
		write(t, filepath.Join(dir, fmt.Sprintf("%06d-%s", i, a.Name)), string(a.Bytes))
	}
	ingest(t, p, dir)
	wire := len(arts) - 2 // story-wire
	redated := strings.Replace(string(arts[wire].Bytes), "published: 2024-05-01", "published: 2024-05-09", 1)
	write(t, filepath.Join(dir, fmt.Sprintf("%06d-%s", wire, arts[wire].Name)), redated)
	if sum := ingest(t, p, dir); sum.Updated != 1 {
		t.Fatalf("second run: %+v, want the re-dated article updated", sum)
	}
	if err := p.DB.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	got := claimDump(t, dbPath)

	fresh, freshPath := newPipeline(t)
	fresh.Workers = 1
	ingest(t, fresh, dir)
	if err := fresh.DB.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	want := claimDump(t, freshPath)
	for _, l := range []string{"https://two.example/story|https://one.example/story", "https://wire.example/story|https://one.example/story", "https://one.example/story|<nil>"} {
		if !slices.Contains(want["links"], l) {
			t.Errorf("fresh store: no link %s in %q", l, filter(want["links"], "story"))
		}
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("%s after the date changed differs from a fresh store:\n got  %q\n want %q", name, filter(got[name], "story"), filter(w, "story"))
		}
	}
}
