package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// TestMigration18FromVersion17 opens a store made at schema 17 by the
// real migrations and holding what this program stores from a few
// articles, written as main wrote them at 17 (each article's text in
// articles, claim_stats' company a name, one of them corrected to a name
// no fact has): the migration keeps every article's text, fact, claim,
// citation, conflict and correction (the exports, the claim list, every
// claim's citations and corrections are byte for byte this program's
// from the same articles), nothing waits to be refreshed, the texts are
// in article_texts and the companies ids, the schema is a new store's, a
// review made after it sticks, and it can be applied again.
func TestMigration18FromVersion17(t *testing.T) {
	ctx := context.Background()
	// The store this program writes from the articles: what the
	// migrated one must give.
	db, curPath := openTest(t)
	seed(t, db)
	saveDroppingCount(t, db, 0.855, nil)
	claimOf := func(q string) string {
		t.Helper()
		var id string
		if err := db.sql.QueryRow(q).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	expansion := claimOf(`SELECT printf('%012x', claim_id) FROM facts WHERE type = 3 ORDER BY id LIMIT 1`)
	last := claimOf(`SELECT printf('%012x', claim_id) FROM facts ORDER BY id DESC LIMIT 1`)
	money := claimOf(`SELECT printf('%012x', claim_id) FROM facts WHERE type = 4 ORDER BY id LIMIT 1`)
	for _, r := range []struct {
		claim, action string
		fields        [][2]string
	}{
		{expansion, ActionCorrect, [][2]string{{"status", "closed"}, {"year", "2024"}}},
		{last, ActionReject, nil},
		// A name no fact has: claim_stats keeps it, and lists it in its
		// order.
		{money, ActionCorrect, [][2]string{{"company", "Aardvark Cloud"}}},
	} {
		if err := db.Review(ctx, r.claim, r.action, "test", r.fields); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	outputs := func(db *DB) string {
		t.Helper()
		var conflicts, texts string
		if err := db.sql.QueryRow(`SELECT coalesce(group_concat(json_array(kind, provider, what, value_1, date_1, value_2, date_2,
			fact_1, fact_2, source_1, source_2), char(10)), '') FROM conflicts`).Scan(&conflicts); err != nil {
			t.Fatal(err)
		}
		if err := db.sql.QueryRow(`SELECT group_concat(json_array(id, key, content_hash, text), char(10)) FROM article_text`).Scan(&texts); err != nil {
			t.Fatal(err)
		}
		var j, c bytes.Buffer
		if err := db.Export(ctx, &j, FormatJSONL); err != nil {
			t.Fatal(err)
		}
		if err := db.ExportFiltered(ctx, &c, FormatCSV, ExportFilter{All: true}); err != nil {
			t.Fatal(err)
		}
		cs, err := db.Claims(ctx, ClaimFilter{All: true})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		fmt.Fprintf(&out, "%s\n%s\n%+v\n%s\n%s\n", j.String(), c.String(), cs, conflicts, texts)
		for _, c := range cs {
			one, err := db.ClaimByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			ct, err := db.Citations(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			cr, err := db.Corrections(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%+v\n%+v\n%+v\n", one, ct, cr)
		}
		return out.String()
	}
	want := outputs(db)
	for _, s := range []string{"closed", "rejected", "dropped", "Aardvark Cloud", "Querétaro", "Oracle now operates 40"} {
		if !strings.Contains(want, s) {
			t.Fatalf("the seed's outputs lack %q:\n%s", s, want)
		}
	}
	if i, j := strings.Index(want, "Company:Aardvark Cloud"), strings.Index(want, "Company:Alibaba Cloud"); i < 0 || j < 0 || i > j {
		t.Fatalf("the corrected company is not listed first:\n%s", want)
	}
	articles := queryInt(t, db, `SELECT count(*) FROM articles`)
	raw, path := storeAt(t, 17)
	copyAt(t, raw, 17, curPath)
	at17 := &DB{sql: raw}
	stored17 := queryInt(t, at17, `SELECT count(*) FROM claim_stats`)
	for q, want := range map[string]int{
		`SELECT count(*) FROM sqlite_master WHERE name = 'article_texts'`:                                 0,
		`SELECT count(*) FROM articles WHERE length(text_z) > 0 AND text_size > 0`:                        articles,
		`SELECT count(*) FROM claim_stats WHERE typeof(company) <> 'text'`:                                0,
		`SELECT count(*) FROM claim_stats WHERE company = 'Aardvark Cloud'`:                               1,
		`SELECT count(*) FROM companies WHERE name IN ('', 'Aardvark Cloud')`:                             0,
		`SELECT count(*) FROM articles WHERE typeof(content_hash) = 'text' AND length(content_hash) = 64`: articles,
	} {
		if got := queryInt(t, at17, q); got != want {
			t.Fatalf("at schema 17: %s = %d, want %d", q, got, want)
		}
	}
	raw.Close()

	for _, pass := range []string{"migrated", "applied again"} {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("%s: open: %v", pass, err)
		}
		if got := outputs(db); got != want {
			t.Errorf("%s: outputs differ:\n%s\nwant\n%s", pass, got, want)
		}
		sameSchema(t, pass, db)
		for q, want := range map[string]int{
			`SELECT count(*) FROM claims_waiting`:                                                                                                0,
			`SELECT count(*) FROM claim_stats`:                                                                                                   stored17,
			`SELECT count(*) FROM article_texts`:                                                                                                 articles,
			`SELECT count(*) FROM pragma_table_info('articles') WHERE name LIKE 'text%'`:                                                         0,
			`SELECT count(*) FROM claim_stats WHERE typeof(company) <> 'integer'`:                                                                0,
			`SELECT count(*) FROM claim_stats WHERE company NOT IN (SELECT id FROM companies)`:                                                   0,
			`SELECT count(*) FROM companies WHERE id = 0 AND name = ''`:                                                                          1,
			`SELECT count(*) FROM articles WHERE typeof(content_hash) = 'blob' AND length(content_hash) = 32`:                                    articles,
			`SELECT count(*) FROM sqlite_master WHERE name = 'article_fingerprints_duplicate_of' AND sql LIKE '%WHERE duplicate_of IS NOT NULL'`: 1,
		} {
			if got := queryInt(t, db, q); got != want {
				t.Errorf("%s: %s = %d, want %d", pass, q, got, want)
			}
		}
		// An article stored before is unchanged by its content hash.
		for _, f := range fixture(t) {
			if same, err := db.ArticleUnchanged(ctx, &f.a, "v1"); err != nil || !same {
				t.Errorf("%s: %s unchanged = %v, %v; want true", pass, f.a.Source, same, err)
			}
		}
		if pass == "migrated" {
			// A review after the migration, and an article written:
			// both show.
			if err := db.Review(ctx, expansion, ActionCorrect, "after", [][2]string{{"company", "Zeta Cloud"}}); err != nil {
				t.Fatal(err)
			}
			text := "Oracle now operates 41 cloud regions worldwide."
			a := article.Article{Source: "oracle-2.txt", Title: "Oracle", Text: text,
				Published: time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)}
			f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: 41,
				Scope: "global", Rule: "count/number-unit", Confidence: 0.9})
			if _, err := db.SaveArticle(ctx, &a, []extract.Fact{f}, "v1"); err != nil {
				t.Fatal(err)
			}
			if err := db.RefreshClaims(ctx); err != nil {
				t.Fatal(err)
			}
			c, err := db.ClaimByID(ctx, expansion)
			if err != nil || c.Company != "Zeta Cloud" || c.Review != "corrected" {
				t.Errorf("after a correction: claim %s = %+v, %v; want company Zeta Cloud, corrected", expansion, c, err)
			}
			want = outputs(db)
			if !strings.Contains(want, "Oracle now operates 41") {
				t.Errorf("the article written after the migration is not listed:\n%s", want)
			}
			articles++
			stored17++ // the 41 regions
		}
		if _, err := db.sql.Exec(`PRAGMA user_version = 17`); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}
