package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

func TestSaveArticleSequence(t *testing.T) {
	ctx := context.Background()
	const text1 = "Oracle opened a cloud region in Madrid. Oracle has 50 regions."
	const text2 = "Oracle opened a cloud region in Madrid, Spain. Oracle has 51 regions."
	f1 := []extract.Fact{
		cite(t, text1, "Oracle opened a cloud region in Madrid.", extract.Fact{Type: extract.TypeExpansion, Company: "Oracle",
			Country: "ES", City: "Madrid", Facility: extract.FacilityRegion, Status: extract.StatusLaunched}),
		cite(t, text1, "Oracle has 50 regions.", extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: 50, Scope: "global"}),
	}
	f2 := []extract.Fact{
		cite(t, text2, "Oracle has 51 regions.", extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: 51, Scope: "global"}),
	}
	steps := []struct {
		name      string
		text      string
		facts     []extract.Fact
		version   string
		want      Outcome
		wantFacts int
		wantValue int // value of the region_count fact after the step
	}{
		{"first save", text1, f1, "v1", Inserted, 2, 50},
		{"same again", text1, f1, "v1", Unchanged, 2, 50},
		{"same text, facts ignored when unchanged", text1, f2[:0], "v1", Unchanged, 2, 50},
		{"changed text", text2, f2, "v1", Updated, 1, 51},
		{"newer extractor", text2, f2, "v2", Updated, 1, 51},
		{"back to old text", text1, f1, "v2", Updated, 2, 50},
	}
	db, _ := openTest(t)
	var (
		id             int64
		firstSeen, was string
	)
	for _, s := range steps {
		a := &article.Article{Source: "a.md", URL: "https://example.com/oracle", Title: "Oracle", Text: s.text}
		res, err := db.SaveArticle(ctx, a, s.facts, s.version)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if res.Outcome != s.want {
			t.Errorf("%s: outcome %v, want %v", s.name, res.Outcome, s.want)
		}
		if id == 0 {
			id = res.ArticleID
		} else if res.ArticleID != id {
			t.Errorf("%s: article id %d, want %d", s.name, res.ArticleID, id)
		}
		if n := queryInt(t, db, "SELECT count(*) FROM articles"); n != 1 {
			t.Errorf("%s: %d articles, want 1", s.name, n)
		}
		if err := db.sql.QueryRow("SELECT first_seen FROM articles").Scan(&was); err != nil {
			t.Fatal(err)
		}
		if firstSeen == "" {
			firstSeen = was
		} else if was != firstSeen {
			t.Errorf("%s: first_seen moved from %s to %s", s.name, firstSeen, was)
		}
		if n := queryInt(t, db, "SELECT count(*) FROM facts WHERE article_id = ?", id); n != s.wantFacts {
			t.Errorf("%s: %d facts, want %d", s.name, n, s.wantFacts)
		}
		if v := queryInt(t, db, "SELECT value FROM facts_reviewed WHERE type = 'region_count'"); v != s.wantValue {
			t.Errorf("%s: region count %d, want %d", s.name, v, s.wantValue)
		}
		if n := queryInt(t, db, "SELECT count(*) FROM facts_reviewed WHERE extractor_version <> ?", s.version); n != 0 && s.want != Unchanged {
			t.Errorf("%s: %d facts of another extractor version", s.name, n)
		}
		unchanged, err := db.ArticleUnchanged(ctx, a, s.version)
		if err != nil || !unchanged {
			t.Errorf("%s: ArticleUnchanged = %v, %v; want true", s.name, unchanged, err)
		}
	}
	for _, tt := range []struct{ key, text, version string }{
		{"https://example.com/other", text1, "v2"},
		{"https://example.com/oracle", text2, "v2"},
		{"https://example.com/oracle", text1, "v1"},
	} {
		a := &article.Article{URL: tt.key, Text: tt.text}
		if unchanged, err := db.ArticleUnchanged(ctx, a, tt.version); err != nil || unchanged {
			t.Errorf("ArticleUnchanged(%s, %.8s, %s) = %v, %v; want false", tt.key, tt.text, tt.version, unchanged, err)
		}
	}
}

// A save that fails part-way leaves the previous article and facts intact.
func TestSaveArticleIsAtomic(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const text = "Google Cloud launched a region in Berlin. It has 40 regions."
	good := []extract.Fact{
		cite(t, text, "It has 40 regions.", extract.Fact{Type: extract.TypeRegionCount, Company: "Google Cloud", Value: 40, Scope: "global"}),
	}
	a := &article.Article{Source: "g.md", Text: text, Title: "before"}
	if _, err := db.SaveArticle(ctx, a, good, "v1"); err != nil {
		t.Fatal(err)
	}
	const newText = text + " More text."
	const byteText = "Ünïcödé: AWS has 33 regions."
	tests := []struct {
		name  string
		text  string // newText when ""
		facts []extract.Fact
		want  string // in the error
	}{
		{"CHECK on type after a good fact", "", []extract.Fact{
			cite(t, newText, "It has 40 regions.", extract.Fact{Type: extract.TypeRegionCount, Value: 40}),
			cite(t, newText, "More text.", extract.Fact{Type: "rumour"}),
		}, "CHECK"},
		{"CHECK on status", "", []extract.Fact{
			cite(t, newText, "More text.", extract.Fact{Type: extract.TypeExpansion, Country: "DE", Facility: "region", Status: "rumoured"}),
		}, "CHECK"},
		{"CHECK on country", "", []extract.Fact{
			cite(t, newText, "More text.", extract.Fact{Type: extract.TypeExpansion, Country: "Germany", Facility: "region", Status: "planned"}),
		}, "CHECK"},
		{"quote not at offsets", "", []extract.Fact{
			{Type: extract.TypeRegionCount, Quote: "It has 40 regions.", Start: 0, End: 18, Confidence: 1},
		}, "not the quote"},
		{"offsets past the end", "", []extract.Fact{
			{Type: extract.TypeRegionCount, Quote: "x", Start: 500, End: 501, Confidence: 1},
		}, "outside text"},
		{"NUL in text", "Azure has\x00 60 regions.", []extract.Fact{
			cite(t, "Azure has\x00 60 regions.", "60 regions.", extract.Fact{Type: extract.TypeRegionCount, Value: 60}),
		}, "NUL"},
		{"byte offsets instead of code points", byteText, []extract.Fact{
			{Type: extract.TypeRegionCount, Quote: "AWS has 33 regions.",
				Start: strings.Index(byteText, "AWS"), End: len(byteText), Confidence: 1},
		}, "outside text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &article.Article{Source: "g.md", Text: newText, Title: "after"}
			if tt.text != "" {
				b.Text = tt.text
			}
			_, err := db.SaveArticle(ctx, b, tt.facts, "v1")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SaveArticle error = %v, want one containing %q", err, tt.want)
			}
			var title string
			if err := db.sql.QueryRow("SELECT title FROM articles").Scan(&title); err != nil || title != "before" {
				t.Errorf("article title = %q, %v; want the old row kept", title, err)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM facts WHERE value = 40 AND company = (SELECT id FROM companies WHERE name = 'Google Cloud')"); n != 1 {
				t.Errorf("old fact count = %d, want 1", n)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM facts"); n != 1 {
				t.Errorf("facts = %d, want 1", n)
			}
		})
	}
	if _, err := db.SaveArticle(ctx, &article.Article{Text: "no key"}, nil, "v1"); err == nil {
		t.Error("SaveArticle of an article without key succeeded")
	}
}

// The quote offsets must select the quote inside sqlite itself.
func TestOffsetsMatchSQLiteSubstr(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	if n := queryInt(t, db, "SELECT count(*) FROM facts"); n == 0 {
		t.Fatal("no facts seeded")
	}
	// The store keeps no copy of the quote: substr must give back the
	// quote the extractor cited (the fixture's, by rule).
	quotes := map[string]string{}
	for _, fx := range fixture(t) {
		for _, f := range fx.facts {
			quotes[f.Rule] = f.Quote
		}
	}
	rows, err := db.sql.Query(`
		SELECT f.id, f.rule, substr(a.text, f.start_offset + 1, f.end_offset - f.start_offset), f.start_offset
		FROM facts_reviewed f JOIN article_text a ON a.id = f.article_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	nonASCII, later := 0, 0
	for rows.Next() {
		var (
			id, start int64
			rule, got string
		)
		if err := rows.Scan(&id, &rule, &got, &start); err != nil {
			t.Fatal(err)
		}
		quote, ok := quotes[rule]
		if !ok || got != quote {
			t.Errorf("fact %d (%s): substr = %q, quote %q", id, rule, got, quote)
		}
		if start > 0 {
			later++
		}
		if len(quote) != len([]rune(quote)) {
			nonASCII++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if nonASCII == 0 {
		t.Error("fixture has no non-ASCII quote; the test would not catch byte offsets")
	}
	// The fixture text has non-ASCII before the quotes too.
	if later == 0 {
		t.Error("no quote after the start of its text was checked")
	}
}

func TestForeignKeyCascade(t *testing.T) {
	db, _ := openTest(t)
	ids := seed(t, db)
	before := queryInt(t, db, "SELECT count(*) FROM facts")
	own := queryInt(t, db, "SELECT count(*) FROM facts WHERE article_id = ?", ids[0])
	if own == 0 {
		t.Fatal("first fixture article has no facts")
	}
	if _, err := db.sql.Exec("DELETE FROM articles WHERE id = ?", ids[0]); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM facts"); n != before-own {
		t.Errorf("facts after delete = %d, want %d", n, before-own)
	}
	_, err := db.sql.Exec(`INSERT INTO facts (article_id, type, start_offset, end_offset, confidence, claim_id)
		VALUES (9999, 5, 0, 1, 1, 'x')`) // 5: money
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("fact for a missing article: err = %v, want a FOREIGN KEY error", err)
	}
}

func TestEachArticleAndReplaceFacts(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	ids := seed(t, db)
	// More than one batch, so the walk pages.
	const extra = eachBatch + 5
	for i := range extra {
		a := &article.Article{Source: fmt.Sprintf("bulk/%03d.txt", i), Text: fmt.Sprintf("Article %d.", i)}
		if _, err := db.SaveArticle(ctx, a, nil, "v1"); err != nil {
			t.Fatal(err)
		}
	}
	want := fixture(t)
	var seen []int64
	err := db.EachArticle(ctx, func(id int64, a article.Article) error {
		seen = append(seen, id)
		if i := len(seen) - 1; i < len(want) {
			w := want[i].a
			if !a.Published.Equal(w.Published) {
				t.Errorf("article %d: published %v, want %v", id, a.Published, w.Published)
			}
			a.Published, w.Published = time.Time{}, time.Time{}
			if a != w {
				t.Errorf("article %d round trip:\n got %+v\nwant %+v", id, a, w)
			}
		}
		// Writing while walking must not deadlock or fail.
		return db.ReplaceFacts(ctx, id, nil, "v2")
	})
	if err != nil {
		t.Fatalf("EachArticle: %v", err)
	}
	if len(seen) != len(want)+extra {
		t.Errorf("walked %d articles, want %d", len(seen), len(want)+extra)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Fatalf("ids out of order: %v", seen[:i+1])
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM facts"); n != 0 {
		t.Errorf("facts after ReplaceFacts(nil) = %d, want 0", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM articles WHERE extractor_version <> 'v2'"); n != 0 {
		t.Errorf("%d articles kept the old extractor version", n)
	}

	// Replacing with real facts, then a stop from fn.
	fx := want[0]
	if err := db.ReplaceFacts(ctx, ids[0], fx.facts, "v3"); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM facts_reviewed WHERE article_id = ? AND extractor_version = 'v3'", ids[0]); n != len(fx.facts) {
		t.Errorf("facts after ReplaceFacts = %d, want %d", n, len(fx.facts))
	}
	// The article is now unchanged only for v3.
	if u, _ := db.ArticleUnchanged(ctx, &fx.a, "v3"); !u {
		t.Error("article not unchanged under the version ReplaceFacts recorded")
	}
	stop := errors.New("stop")
	calls := 0
	if err := db.EachArticle(ctx, func(int64, article.Article) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachArticle with failing fn: err %v after %d calls, want stop after 1", err, calls)
	}
	if err := db.ReplaceFacts(ctx, 424242, nil, "v1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReplaceFacts(missing) = %v, want ErrNotFound", err)
	}
	bad := []extract.Fact{{Type: extract.TypeMoney, Quote: "nope", Start: 0, End: 4, Confidence: 1}}
	if err := db.ReplaceFacts(ctx, ids[0], bad, "v4"); err == nil {
		t.Error("ReplaceFacts with a misplaced quote succeeded")
	}
	if n := queryInt(t, db, "SELECT count(*) FROM facts WHERE article_id = ?", ids[0]); n != len(fx.facts) {
		t.Errorf("failed ReplaceFacts changed facts: %d, want %d", n, len(fx.facts))
	}
}

// Two handles on one file, as two processes would have, writing at once.
func TestConcurrentWritersOnOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var dbs []*DB
	for range 2 {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs = append(dbs, db)
	}
	const workers, perWorker = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, len(dbs)*workers*perWorker*2)
	for d, db := range dbs {
		for w := range workers {
			wg.Go(func() {
				run, err := db.StartRun(ctx, "ingest", []string{fmt.Sprint(d, w)})
				if err != nil {
					errs <- err
					return
				}
				for i := range perWorker {
					text := fmt.Sprintf("Huawei Cloud has %d regions.", i+1)
					a := &article.Article{Source: fmt.Sprintf("db%d/w%d/%d", d, w, i), Text: text}
					f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Huawei Cloud", Value: i + 1})
					if _, err := db.SaveArticle(ctx, a, []extract.Fact{f}, "v1"); err != nil {
						errs <- err
					}
					// Contended upserts of one row.
					if err := db.RecordFailure(ctx, run, "shared-source", "fetch", "timeout"); err != nil {
						errs <- err
					}
				}
				errs <- db.FinishRun(ctx, run, RunCounts{ArticlesNew: perWorker})
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	total := len(dbs) * workers * perWorker
	if n := queryInt(t, dbs[0], "SELECT count(*) FROM articles"); n != total {
		t.Errorf("articles = %d, want %d", n, total)
	}
	if n := queryInt(t, dbs[1], "SELECT count(*) FROM facts"); n != total {
		t.Errorf("facts = %d, want %d", n, total)
	}
	if n := queryInt(t, dbs[0], "SELECT attempts FROM failures WHERE source = 'shared-source'"); n != total {
		t.Errorf("attempts = %d, want %d", n, total)
	}
}

// The facts depend on the text, the extractor and the publication date:
// a new date replaces them, a new title or file time only rewrites the
// article row, so a later run refreshes what an earlier one got wrong.
func TestSaveArticleMetadataChanges(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const text = "Oracle has 50 regions."
	facts := []extract.Fact{cite(t, text, "Oracle has 50 regions.", extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: 50, Scope: "global"})}
	a := &article.Article{Source: "a.txt", Title: "a", Text: text, FileModified: time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)}
	if _, err := db.SaveArticle(ctx, a, facts, "v1"); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name      string
		change    func(*article.Article)
		unchanged bool // ArticleUnchanged before the save
		facts     []extract.Fact
		want      Outcome
		wantFacts int
	}{
		{"same", func(*article.Article) {}, true, nil, Unchanged, 1},
		{"better title keeps facts", func(a *article.Article) { a.Title = "Oracle now has 50 regions" }, true, nil, Updated, 1},
		{"file touched", func(a *article.Article) { a.FileModified = a.FileModified.Add(time.Hour) }, true, nil, Updated, 1},
		{"a publication date replaces facts", func(a *article.Article) { a.Published = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC) }, false, facts, Updated, 1},
		{"date removed", func(a *article.Article) { a.Published = time.Time{} }, false, nil, Updated, 0},
	}
	for _, s := range steps {
		s.change(a)
		if u, err := db.ArticleUnchanged(ctx, a, "v1"); err != nil || u != s.unchanged {
			t.Errorf("%s: ArticleUnchanged = %v, %v; want %v", s.name, u, err, s.unchanged)
		}
		res, err := db.SaveArticle(ctx, a, s.facts, "v1")
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != s.want {
			t.Errorf("%s: outcome %v, want %v", s.name, res.Outcome, s.want)
		}
		if n := queryInt(t, db, "SELECT count(*) FROM facts"); n != s.wantFacts {
			t.Errorf("%s: %d facts, want %d", s.name, n, s.wantFacts)
		}
	}
	var title, modified string
	if err := db.sql.QueryRow("SELECT title, file_modified FROM articles").Scan(&title, &modified); err != nil {
		t.Fatal(err)
	}
	if title != "Oracle now has 50 regions" || modified != "2021-06-01T13:00:00Z" {
		t.Errorf("title %q, file_modified %q", title, modified)
	}
}

// A crawl may fetch an article's AMP page and its canonical page at the
// same time; whichever is stored first, the canonical page's metadata wins.
func TestSaveAlternate(t *testing.T) {
	ctx := context.Background()
	const text = "Oracle will open a cloud region in Chile."
	canonical := func() *article.Article {
		return &article.Article{Source: "https://n.example/oracle", URL: "https://n.example/oracle", FeedGUID: "cw-oracle", FeedTitle: "Oracle (feed)", Text: text}
	}
	amp := func() *article.Article {
		return &article.Article{Source: "https://n.example/amp/oracle", URL: "https://n.example/oracle", FeedGUID: "cw-amp", FeedTitle: "amp (feed)", Text: text}
	}
	for _, tc := range []struct {
		name  string
		steps []func(*DB) (SaveResult, error)
		want  []Outcome
	}{
		{"canonical first", []func(*DB) (SaveResult, error){
			func(db *DB) (SaveResult, error) { return db.SaveArticle(ctx, canonical(), nil, "v1") },
			func(db *DB) (SaveResult, error) { return db.SaveAlternate(ctx, amp(), nil, "v1") },
		}, []Outcome{Inserted, Present}},
		{"alternate first", []func(*DB) (SaveResult, error){
			func(db *DB) (SaveResult, error) { return db.SaveAlternate(ctx, amp(), nil, "v1") },
			func(db *DB) (SaveResult, error) { return db.SaveArticle(ctx, canonical(), nil, "v1") },
			func(db *DB) (SaveResult, error) { return db.SaveAlternate(ctx, amp(), nil, "v1") },
		}, []Outcome{Inserted, Updated, Present}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTest(t)
			for i, step := range tc.steps {
				res, err := step(db)
				if err != nil {
					t.Fatal(err)
				}
				if res.Outcome != tc.want[i] {
					t.Errorf("step %d: outcome %v, want %v", i, res.Outcome, tc.want[i])
				}
			}
			var source, guid, title string
			if err := db.sql.QueryRow("SELECT source, feed_guid, feed_title FROM articles").Scan(&source, &guid, &title); err != nil {
				t.Fatal(err)
			}
			if source != "https://n.example/oracle" || guid != "cw-oracle" || title != "Oracle (feed)" {
				t.Errorf("stored source %q, GUID %q, feed title %q; want the canonical page's", source, guid, title)
			}
		})
	}
}
