package store

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestMigration16FromVersion15 opens a store made at schema 15 by the
// real migrations and holding what this program stores from a few
// articles, written as main wrote them at 15 (names in facts and
// claim_stats, dates as text, each conflict's sources): the migration
// codes both tables without losing a fact or a claim, the exports and
// the claim list are byte for byte this program's from the same
// articles, nothing waits to be refreshed, the schema is a new store's,
// and it opens again unchanged. (It cannot be applied again to a store
// of 18, whose conflict_cache keeps no sources for its SQL to clear.)
func TestMigration16FromVersion15(t *testing.T) {
	ctx := context.Background()
	// The store this program writes from the articles: what the
	// migrated one must give.
	db, curPath := openTest(t)
	seed(t, db)
	// A conflict: a count that drops.
	saveDroppingCount(t, db, 0, nil)
	// A correction that claim_stats stores, and one rejection.
	if _, err := db.sql.Exec(`
		INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			SELECT printf('%012x', claim_id), 'correct', 'status', 'closed', 'test', '2026-01-01T00:00:00.000Z' FROM facts WHERE type = 3 ORDER BY id LIMIT 1;
		INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			SELECT printf('%012x', claim_id), 'reject', NULL, NULL, 'test', '2026-01-01T00:00:00.000Z' FROM facts ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	outputs := func(db *DB) (string, string, string) {
		t.Helper()
		var conflicts string
		if err := db.sql.QueryRow(`SELECT coalesce(group_concat(json_array(kind, provider, what, value_1, date_1, value_2, date_2,
			fact_1, fact_2, source_1, source_2), char(10)), '') FROM conflicts`).Scan(&conflicts); err != nil {
			t.Fatal(err)
		}
		var jsonl, csv bytes.Buffer
		if err := db.Export(ctx, &jsonl, FormatJSONL); err != nil {
			t.Fatal(err)
		}
		if err := db.ExportFiltered(ctx, &csv, FormatCSV, ExportFilter{All: true}); err != nil {
			t.Fatal(err)
		}
		claims, err := db.Claims(ctx, ClaimFilter{All: true})
		if err != nil {
			t.Fatal(err)
		}
		return jsonl.String(), csv.String(), fmt.Sprintf("%+v\n%s", claims, conflicts)
	}
	wantJSONL, wantCSV, wantClaims := outputs(db)
	if !strings.Contains(wantClaims, "closed") || !strings.Contains(wantClaims, "rejected") || !strings.Contains(wantClaims, "dropped") {
		t.Fatalf("the seed's claims lack the correction, the rejection or a conflict:\n%s", wantClaims)
	}
	raw, path := storeAt(t, 15)
	copyAt(t, raw, 15, curPath)
	at15 := &DB{sql: raw}
	stored15 := queryInt(t, at15, `SELECT count(*) FROM claim_stats`)
	if n := queryInt(t, at15, `SELECT count(*) FROM facts WHERE type = 'expansion' AND status IS NOT NULL`); n == 0 {
		t.Fatal("schema 15 store without named expansion facts")
	}
	raw.Close()

	if stored15 == 0 {
		t.Fatal("no claim_stats rows at schema 15")
	}
	for _, pass := range []string{"migrated", "opened again"} {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("%s: open: %v", pass, err)
		}
		jsonl, csv, claims := outputs(db)
		if jsonl != wantJSONL {
			t.Errorf("%s: JSONL export differs:\n%s\nwant\n%s", pass, jsonl, wantJSONL)
		}
		if csv != wantCSV {
			t.Errorf("%s: CSV export differs:\n%s\nwant\n%s", pass, csv, wantCSV)
		}
		if claims != wantClaims {
			t.Errorf("%s: claims differ:\n%s\nwant\n%s", pass, claims, wantClaims)
		}
		sameSchema(t, pass, db)
		for q, want := range map[string]int{
			`SELECT count(*) FROM claims_waiting`:                              0,
			`SELECT count(*) FROM claim_stats`:                                 stored15,
			`SELECT count(*) FROM facts WHERE typeof(type) <> 'integer'`:       0,
			`SELECT count(*) FROM claim_stats WHERE typeof(type) <> 'integer'`: 0,
			`SELECT count(*) FROM facts WHERE typeof(status) = 'text'`:         0,
			`SELECT count(*) FROM fact_codes`:                                  len(typeNames) + len(facilityNames) + len(statusNames),
			// No sources kept (migration 18 dropped the columns).
			`SELECT count(*) FROM pragma_table_info('conflict_cache') WHERE name LIKE 'source%'`: 0,
		} {
			if got := queryInt(t, db, q); got != want {
				t.Errorf("%s: %s = %d, want %d", pass, q, got, want)
			}
		}
		db.Close()
	}
}

// TestFactCodes holds the codes to one another: Go's lists (codes.go),
// the table fact_codes (migration 16) and the CASE expressions of
// views.sql, which must name every code as the lists do.
func TestFactCodes(t *testing.T) {
	db, _ := openTest(t)
	lists := map[string][]string{"type": typeNames, "facility": facilityNames, "status": statusNames}
	for field, names := range lists {
		for i, n := range names {
			if i > 0 && names[i-1] >= n {
				t.Errorf("%s codes not in alphabetical order: %q before %q", field, names[i-1], n)
			}
			var got string
			if err := db.sql.QueryRow(`SELECT name FROM fact_codes WHERE field = ? AND code = ?`, field, i+1).Scan(&got); err != nil || got != n {
				t.Errorf("fact_codes %s %d = %q, %v; want %q", field, i+1, got, err, n)
			}
		}
		if n := queryInt(t, db, `SELECT count(*) FROM fact_codes WHERE field = ?`, field); n != len(names) {
			t.Errorf("fact_codes has %d %s codes, want %d", n, field, len(names))
		}
	}
	// Every CASE of views.sql that pairs a code with a name the lists
	// know pairs them as the lists do (the ranks of facility_status, a
	// CASE of rank, are not codes).
	block := regexp.MustCompile(`CASE ([\w.]+)((?:\s+WHEN \S+ THEN \S+)+)`)
	pair := regexp.MustCompile(`WHEN (\d+) THEN '([a-z_]+)'|WHEN '([a-z_]+)' THEN (\d+)`)
	codes := map[string]int{}
	for _, names := range lists {
		for i, n := range names {
			codes[n] = i + 1
		}
	}
	seen := 0
	for _, b := range block.FindAllStringSubmatch(viewsSQL, -1) {
		if strings.Contains(b[1], "rank") {
			continue
		}
		for _, m := range pair.FindAllStringSubmatch(b[2], -1) {
			code, name := m[1], m[2]
			if code == "" {
				code, name = m[4], m[3]
			}
			want, ok := codes[name]
			if !ok {
				continue // a label ("regions"), not a code's name
			}
			if code != fmt.Sprint(want) {
				t.Errorf("views.sql pairs %s with %q, whose code is %d", code, name, want)
			}
			seen++
		}
	}
	if seen < 40 {
		t.Errorf("found %d code pairs in views.sql: the pattern misses them", seen)
	}
}

// TestViewsMadeAgain: views made from another text of views.sql (a store
// written by another build of the same schema) are dropped and made again
// from this one by the next open, read-only included; views of this text
// are left as they are.
func TestViewsMadeAgain(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	views := queryInt(t, db, `SELECT count(*) FROM sqlite_master WHERE type = 'view'`)
	if _, err := db.sql.Exec(`DROP VIEW claim_list; CREATE VIEW stale AS SELECT 1; UPDATE schema_views SET hash = 'other'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n := queryInt(t, ro, `SELECT count(*) FROM sqlite_master WHERE type = 'view'`); n != views {
		t.Errorf("%d views after opening, want %d", n, views)
	}
	if n := queryInt(t, ro, `SELECT count(*) FROM sqlite_master WHERE name = 'stale'`); n != 0 {
		t.Error("a view views.sql does not define survived")
	}
	if n := queryInt(t, ro, `SELECT count(*) FROM claim_list`); n == 0 {
		t.Error("claim_list not made again")
	}
	var h string
	if err := ro.sql.QueryRow(`SELECT hash FROM schema_views`).Scan(&h); err != nil || h != viewsHash {
		t.Errorf("schema_views hash %q, %v; want views.sql's", h, err)
	}
}
