package store

import (
	"context"
	"fmt"
	"testing"
)

// TestDeferredIndexes: the first batch into a store without facts drops
// the indexes no write reads (deferredIndexes); FinishRun, Close and the
// next Open for writing (after a run that died) make them again, the
// same as the migrations made them; another process's command leaves
// them to a run still running. A store with facts keeps them.
func TestDeferredIndexes(t *testing.T) {
	ctx := context.Background()
	indexes := func(db *DB) string {
		t.Helper()
		var s string
		if err := db.sql.QueryRow(`SELECT coalesce(group_concat(name || ': ' || sql, char(10)), '') FROM
			(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts' ORDER BY name)`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	missing := func(db *DB) int {
		t.Helper()
		return queryInt(t, db, fmt.Sprintf(`SELECT %d - count(*) FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))`,
			len(deferredIndexNames)), jsonArray(deferredIndexNames))
	}
	for _, end := range []string{"FinishRun", "Close", "crash"} {
		t.Run(end, func(t *testing.T) {
			db, path := openTest(t)
			want := indexes(db)
			if missing(db) != 0 {
				t.Fatalf("a new store lacks indexes:\n%s", want)
			}
			run, err := db.StartRun(ctx, "run", nil)
			if err != nil {
				t.Fatal(err)
			}
			seed(t, db)
			if n := missing(db); n != len(deferredIndexes) {
				t.Fatalf("after the first batch into an empty store %d indexes are missing, want %d:\n%s", n, len(deferredIndexes), indexes(db))
			}
			// Another command opened meanwhile leaves them to the run.
			other, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := other.Close(); err != nil {
				t.Fatal(err)
			}
			if n := missing(db); n != len(deferredIndexes) {
				t.Errorf("another command made %d indexes while the run runs", len(deferredIndexes)-n)
			}
			// Slower without them, not wrong.
			if n := queryInt(t, db, `SELECT count(*) FROM count_timeline WHERE provider = 'Alibaba Cloud'`); n == 0 {
				t.Error("count_timeline without its index lists nothing")
			}
			switch end {
			case "FinishRun":
				if err := db.FinishRun(ctx, run, RunCounts{ArticlesNew: 3}); err != nil {
					t.Fatal(err)
				}
				if got := indexes(db); got != want {
					t.Errorf("after FinishRun:\n%s\nwant\n%s", got, want)
				}
			case "crash":
				// The run's process is gone (MarkAbandoned sees no such
				// pid) and never closed the store.
				if _, err := db.sql.Exec(`UPDATE runs SET pid = 2147483646 WHERE id = ?`, run); err != nil {
					t.Fatal(err)
				}
				db.sql.Close()
			default:
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
			}
			db2, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			if got := indexes(db2); got != want {
				t.Errorf("reopened after %s:\n%s\nwant\n%s", end, got, want)
			}
			// A store with facts keeps its indexes through a batch.
			seed(t, db2)
			if n := missing(db2); n != 0 {
				t.Errorf("a batch into a store with facts dropped %d indexes", n)
			}
		})
	}
}
