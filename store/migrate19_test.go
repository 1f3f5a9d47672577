package store

import (
	"context"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// TestMigration19FromVersion18 opens a store as main left it at schema 18,
// where a claim's example quote was its best citation of the smallest
// fact id (the first stored): after the migration the example is the one
// of the smallest article key, as a fresh summary has it, nothing waits,
// a rejection made before still holds, and the migration can be applied
// again.
func TestMigration19FromVersion18(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	// One claim, two citations of one confidence: the later key stored
	// first.
	for _, a := range []struct{ key, text string }{
		{"z-stored-first.txt", "Oracle now operates 41 cloud regions worldwide."},
		{"a-stored-second.txt", "Oracle said on Monday that it now runs 41 cloud regions worldwide."},
	} {
		art := article.Article{Source: a.key, Title: "Oracle", Text: a.text, Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
		f := cite(t, a.text, a.text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: 41,
			Scope: "global", Rule: "count/number-unit", Confidence: 0.9})
		if _, err := db.SaveArticle(ctx, &art, []extract.Fact{f}, "v1"); err != nil {
			t.Fatal(err)
		}
	}
	var claim, rejected string
	if err := db.sql.QueryRow(`SELECT printf('%012x', claim_id) FROM facts ORDER BY id DESC LIMIT 1`).Scan(&claim); err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRow(`SELECT printf('%012x', claim_id) FROM facts ORDER BY id LIMIT 1`).Scan(&rejected); err != nil {
		t.Fatal(err)
	}
	if err := db.Review(ctx, rejected, ActionReject, "test", nil); err != nil {
		t.Fatal(err)
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	quote := func(db *DB) string {
		t.Helper()
		c, err := db.ClaimByID(ctx, claim)
		if err != nil {
			t.Fatal(err)
		}
		return c.Quote
	}
	const want = "Oracle said on Monday that it now runs 41 cloud regions worldwide."
	if q := quote(db); q != want {
		t.Fatalf("example %q, want %q (the smaller key's)", q, want)
	}
	fresh, err := db.Claims(ctx, ClaimFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}

	// Schema 18 as main left it: each claim's example its best citation's
	// of the smallest id.
	for _, q := range []string{
		`UPDATE claim_stats SET fact = (SELECT min(x.id) FROM facts x WHERE x.claim_id = claim_stats.claim_id
			AND x.confidence = claim_stats.confidence)`,
		`PRAGMA user_version = 18`,
	} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if q := quote(db); q == want {
		t.Fatal("schema 18's example is already the smaller key's: the test proves nothing")
	}
	db.Close()

	for _, pass := range []string{"migrated", "applied again"} {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if v := queryInt(t, db, `PRAGMA user_version`); v != len(migrations) {
			t.Errorf("%s: user_version %d, want %d", pass, v, len(migrations))
		}
		if n := queryInt(t, db, `SELECT count(*) FROM claims_waiting`); n != 0 {
			t.Errorf("%s: %d claims waiting, want 0 (stored again when opened)", pass, n)
		}
		if q := quote(db); q != want {
			t.Errorf("%s: example %q, want %q", pass, q, want)
		}
		got, err := db.Claims(ctx, ClaimFilter{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(fresh) {
			t.Fatalf("%s: %d claims, want %d", pass, len(got), len(fresh))
		}
		for i := range got {
			if got[i] != fresh[i] {
				t.Errorf("%s: claim %d\n got  %+v\n want %+v", pass, i, got[i], fresh[i])
			}
		}
		if c, err := db.ClaimByID(ctx, rejected); err != nil || c.Review != "rejected" {
			t.Errorf("%s: the rejected claim %s: %+v, %v", pass, rejected, c, err)
		}
		if _, err := db.sql.Exec(`PRAGMA user_version = 18`); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}
