package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// TestConflictsStoredAndLive checks that the conflicts view gives the same
// rows computed live (claims not yet refreshed) and from conflict_cache
// (after RefreshClaims), and that a write makes it live again at once, so
// it is never stale.
func TestConflictsStoredAndLive(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	save := func(src string, day int, value int) int64 {
		text := fmt.Sprintf("Oracle now operates %d cloud regions worldwide.", value)
		a := article.Article{Source: src, Title: src, Text: text,
			Published: time.Date(2025, 1, day, 0, 0, 0, 0, time.UTC)}
		f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: value,
			Scope: "global", Rule: "count/number-unit"})
		res, err := db.SaveArticle(ctx, &a, []extract.Fact{f}, "v1")
		if err != nil {
			t.Fatal(err)
		}
		return res.ArticleID
	}
	rows := func() []string {
		t.Helper()
		r, err := db.sql.QueryContext(ctx, `SELECT kind || ' ' || value_1 || ' ' || value_2 FROM conflicts`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var s string
			if err := r.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	save("a", 10, 50)
	save("b", 10, 52)
	save("c", 20, 45)
	if queryInt(t, db, `SELECT count(*) FROM claims_waiting`) == 0 || queryInt(t, db, `SELECT pending FROM claims_pending`) != 1 {
		t.Fatal("no claim waiting after writes")
	}
	live := rows()
	want := []string{"dropped 50 45", "dropped 52 45", "same date 50 52"}
	if !reflect.DeepEqual(live, want) {
		t.Fatalf("live conflicts %q, want %q", live, want)
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM claims_waiting`); n != 0 {
		t.Fatalf("%d claims still waiting after RefreshClaims", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM conflict_cache`); n != len(want) {
		t.Fatalf("conflict_cache holds %d rows, want %d", n, len(want))
	}
	if stored := rows(); !reflect.DeepEqual(stored, live) {
		t.Errorf("stored conflicts %q, live %q", stored, live)
	}
	// A new article that changes the conflicts: the view is live again
	// before any refresh.
	save("d", 20, 52)
	got := rows()
	wantAfter := []string{"dropped 50 45", "dropped 52 45", "same date 50 52", "same date 45 52"}
	if !reflect.DeepEqual(got, wantAfter) {
		t.Errorf("after a write: conflicts %q, want %q", got, wantAfter)
	}
}
