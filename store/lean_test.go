package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// TestMigration17FromVersion16 opens a store made at schema 16 by the
// real migrations and holding what this program stores from a few
// articles, written as main wrote them at 16 (company names in facts,
// claim ids in hex, confidences as REALs, each URL twice): the migration
// keeps every fact, claim, citation, conflict and correction (the
// exports, the claim list, every claim's citations and corrections are
// byte for byte this program's from the same articles), nothing waits to
// be refreshed, the confidences are thousandths and the URL is stored
// once, the schema is a new store's, a review made after it sticks, and
// it can be applied again.
func TestMigration17FromVersion16(t *testing.T) {
	ctx := context.Background()
	// The store this program writes from the articles: what the
	// migrated one must give.
	db, curPath := openTest(t)
	seed(t, db)
	// A count that drops (a conflict); an article fetched from its own
	// canonical URL (key, source and URL one string), with a confidence
	// in thousandths.
	saveDroppingCount(t, db, 0.855, func(i int, a *article.Article) {
		if i == 1 {
			a.Source = "https://news.example/oracle-38"
			a.URL = a.Source
		}
	})
	var expansion, last string
	if err := db.sql.QueryRow(`SELECT printf('%012x', claim_id) FROM facts WHERE type = 3 ORDER BY id LIMIT 1`).Scan(&expansion); err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRow(`SELECT printf('%012x', claim_id) FROM facts ORDER BY id DESC LIMIT 1`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		claim, action string
		fields        [][2]string
	}{
		{expansion, ActionCorrect, [][2]string{{"status", "closed"}, {"year", "2024"}}},
		{expansion, ActionConfirm, nil},
		{last, ActionReject, nil},
	} {
		if err := db.Review(ctx, r.claim, r.action, "test", r.fields); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	outputs := func(db *DB) (jsonl, csv, claims, citations string) {
		t.Helper()
		var conflicts string
		if err := db.sql.QueryRow(`SELECT coalesce(group_concat(json_array(kind, provider, what, value_1, date_1, value_2, date_2,
			fact_1, fact_2, source_1, source_2), char(10)), '') FROM conflicts`).Scan(&conflicts); err != nil {
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
		var cit strings.Builder
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
			fmt.Fprintf(&cit, "%+v\n%+v\n%+v\n", one, ct, cr)
		}
		return j.String(), c.String(), fmt.Sprintf("%+v\n%s", cs, conflicts), cit.String()
	}
	wantJSONL, wantCSV, wantClaims, wantCitations := outputs(db)
	for _, s := range []string{"closed", "rejected", "confirmed", "dropped", "0.855", "https://news.example/oracle-38"} {
		if !strings.Contains(wantClaims+wantCitations, s) {
			t.Fatalf("the seed's claims and citations lack %q:\n%s\n%s", s, wantClaims, wantCitations)
		}
	}
	raw, path := storeAt(t, 16)
	copyAt(t, raw, 16, curPath)
	at16 := &DB{sql: raw}
	stored16 := queryInt(t, at16, `SELECT count(*) FROM claim_stats`)
	for q, want := range map[string]int{
		`SELECT count(*) FROM facts WHERE typeof(confidence) <> 'real'`:              0,
		`SELECT count(*) FROM facts WHERE length(claim_id) <> 12`:                    0,
		`SELECT count(*) FROM articles WHERE url IS NOT NULL`:                        2,
		`SELECT count(*) FROM sqlite_master WHERE name = 'articles_url'`:             1,
		`SELECT count(*) FROM pragma_table_xinfo('articles') WHERE name = 'has_url'`: 0,
	} {
		if got := queryInt(t, at16, q); got != want {
			t.Fatalf("at schema 16: %s = %d, want %d", q, got, want)
		}
	}
	raw.Close()
	if stored16 == 0 {
		t.Fatal("no claim_stats rows at schema 16")
	}

	reviews := 4 // rows of corrections
	for _, pass := range []string{"migrated", "applied again"} {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("%s: open: %v", pass, err)
		}
		jsonl, csv, claims, citations := outputs(db)
		if jsonl != wantJSONL {
			t.Errorf("%s: JSONL export differs:\n%s\nwant\n%s", pass, jsonl, wantJSONL)
		}
		if csv != wantCSV {
			t.Errorf("%s: CSV export differs:\n%s\nwant\n%s", pass, csv, wantCSV)
		}
		if claims != wantClaims {
			t.Errorf("%s: claims differ:\n%s\nwant\n%s", pass, claims, wantClaims)
		}
		if citations != wantCitations {
			t.Errorf("%s: citations or corrections differ:\n%s\nwant\n%s", pass, citations, wantCitations)
		}
		sameSchema(t, pass, db)
		for q, want := range map[string]int{
			`SELECT count(*) FROM claims_waiting`:                                              0,
			`SELECT count(*) FROM claim_stats`:                                                 stored16,
			`SELECT count(*) FROM facts WHERE typeof(confidence) <> 'integer'`:                 0,
			`SELECT count(*) FROM claim_stats WHERE typeof(confidence) <> 'integer'`:           0,
			`SELECT count(*) FROM facts WHERE typeof(claim_id) <> 'integer'`:                   0,
			`SELECT count(*) FROM claim_stats WHERE typeof(claim_id) <> 'integer'`:             0,
			`SELECT count(*) FROM claim_dirty WHERE typeof(claim_id) <> 'integer'`:             0,
			`SELECT count(*) FROM facts WHERE confidence = 855`:                                2,
			`SELECT count(*) FROM articles WHERE has_url`:                                      2,
			`SELECT count(*) FROM articles WHERE url IS NOT NULL AND url = key`:                2,
			`SELECT count(*) FROM sqlite_master WHERE name = 'articles_url'`:                   0,
			`SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'url'`:            0, // not stored
			`SELECT count(*) FROM pragma_table_xinfo('articles') WHERE name = 'url'`:           1, // but there
			`SELECT count(*) FROM corrections WHERE claim_num IN (SELECT claim_id FROM facts)`: reviews,
		} {
			if got := queryInt(t, db, q); got != want {
				t.Errorf("%s: %s = %d, want %d", pass, q, got, want)
			}
		}
		for _, u := range []string{"https://news.example/oracle-38", "https://example.com/alibaba-mexico", "https://example.org/market?id=7"} {
			if ok, err := db.HasArticle(ctx, u); err != nil || !ok {
				t.Errorf("%s: HasArticle(%s) = %v, %v; want true", pass, u, ok, err)
			}
		}
		if pass == "migrated" {
			// A review after the migration: the claim id users see is the
			// one stored, and the claim list shows it.
			if err := db.Review(ctx, expansion, ActionCorrect, "after", [][2]string{{"year", "2023"}}); err != nil {
				t.Fatal(err)
			}
			if err := db.RefreshClaims(ctx); err != nil {
				t.Fatal(err)
			}
			c, err := db.ClaimByID(ctx, expansion)
			if err != nil || c.Year.Int64 != 2023 || c.Review != "corrected" {
				t.Errorf("after a correction: claim %s = %+v, %v; want year 2023, corrected", expansion, c, err)
			}
			wantJSONL, wantCSV, wantClaims, wantCitations = outputs(db)
			reviews++
		}
		if _, err := db.sql.Exec(`PRAGMA user_version = 16`); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

// TestClaimNum holds the three forms of a claim id to one another: the
// number the store keeps (ClaimNum), the id users see (ClaimID, and the
// views' printf('%012x', …)) and the number SQL reads from an id
// (claimNumSQL, corrections.claim_num), for ids at both ends of the range.
func TestClaimNum(t *testing.T) {
	db, _ := openTest(t)
	facts := []extract.Fact{
		{Type: extract.TypeExpansion, Company: "Oracle", Country: "CL", Facility: extract.FacilityRegion, Status: extract.StatusPlanned},
		{Type: extract.TypeRegionCount, Company: "Alibaba Cloud", Value: 29, Scope: "global"},
		{Type: extract.TypeInvestment, Company: "Microsoft", Amount: 3.2e9, Currency: "USD"},
	}
	for i := range 200 {
		facts = append(facts, extract.Fact{Type: extract.TypeRegionCount, Company: "P", Value: i, Scope: "global"})
	}
	var high, low bool
	for _, f := range facts {
		id, num := ClaimID(f), ClaimNum(f)
		high, low = high || id[0] >= '8', low || id[0] < '8'
		if got := fmt.Sprintf("%012x", num); got != id {
			t.Errorf("%s: ClaimNum %d is %s in hex, want %s", ClaimKey(f), num, got, id)
		}
		var fromSQL int64
		var shown string
		if err := db.sql.QueryRow(`SELECT `+claimNumSQL("?1")+`, printf('%012x', `+claimNumSQL("?1")+`)`, id).Scan(&fromSQL, &shown); err != nil {
			t.Fatal(err)
		}
		if fromSQL != num || shown != id {
			t.Errorf("%s: SQL reads %s as %d (%s), want %d", ClaimKey(f), id, fromSQL, shown, num)
		}
		if n, canon, err := parseClaimID(" " + strings.ToUpper(id) + " "); err != nil || n != num || canon != id {
			t.Errorf("parseClaimID(%s) = %d, %q, %v; want %d, %q", id, n, canon, err, num, id)
		}
	}
	if !high || !low {
		t.Errorf("ids not from both halves of the range (high %v, low %v)", high, low)
	}
	for _, bad := range []string{"", "f5e2dfafe7e", "f5e2dfafe7e2a", "g5e2dfafe7e2", "-5e2dfafe7e2"} {
		if _, _, err := parseClaimID(bad); !errors.Is(err, ErrNoClaim) {
			t.Errorf("parseClaimID(%q) = %v, want ErrNoClaim", bad, err)
		}
	}
}
