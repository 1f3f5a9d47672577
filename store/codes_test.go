package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// revertTo15 turns the store into what main wrote at schema 15: facts and
// claim_stats with names, not codes, claim_stats with dates as text, no
// fact_codes and no schema_views, and the triggers of migration 15 (its
// SQL, which can be applied again). It has no views: the runner drops them
// all from migration 15 on (viewsFileVersion), so a store at 15 migrates
// the same with or without the views main made. Tests of older migrations
// start from it.
func revertTo15(t *testing.T, conn *sql.Conn) {
	t.Helper()
	revertTo16(t, conn)
	ctx := context.Background()
	decode := func(col string, names []string) string {
		e := "CASE " + col
		for i, n := range names {
			e += fmt.Sprintf(" WHEN %d THEN '%s'", i+1, n)
		}
		return e + " END"
	}
	body, err := migrationFiles.ReadFile("migrations/0015_compact_store.sql")
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`PRAGMA legacy_alter_table = ON`}
	rows, err := conn.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'view'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, `DROP VIEW `+v)
	}
	rows.Close()
	stmts = append(stmts,
		`CREATE TABLE facts15 (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type              TEXT NOT NULL CHECK (type IN (
                          'region_count', 'az_count', 'datacenter_count',
                          'expansion', 'investment', 'money')),
    company           TEXT,
    start_offset      INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset        INTEGER NOT NULL CHECK (end_offset >= start_offset),
    confidence        REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    value             INTEGER,
    scope             TEXT,
    qualifier         TEXT,
    country           TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    city              TEXT,
    facility          TEXT CHECK (facility IS NULL OR facility IN (
                          'region', 'data_center', 'availability_zone', 'edge_location',
                          'local_zone', 'service_center', 'other')),
    status            TEXT CHECK (status IS NULL OR status IN ('planned', 'launched', 'closed')),
    ordinal           INTEGER,
    year              INTEGER,
    amount            NUMERIC,
    currency          TEXT,
    usd               NUMERIC,
    period            TEXT,
    label             TEXT CHECK (label IS NULL OR label IN (
                          'revenue', 'market_spend', 'capex', 'bond', 'market_value', 'other'))
, claim_id TEXT, rule_id INTEGER REFERENCES rules (id))`,
		`INSERT INTO facts15 SELECT id, article_id, `+decode("type", typeNames)+`, company, start_offset, end_offset,
			confidence, value, scope, qualifier, country, city, `+decode("facility", facilityNames)+`,
			`+decode("status", statusNames)+`, ordinal, year, amount, currency, usd, period, label, claim_id, rule_id FROM facts`,
		`DROP TABLE facts`, `ALTER TABLE facts15 RENAME TO facts`,
		`CREATE INDEX facts_article ON facts (article_id, start_offset)`,
		`CREATE INDEX facts_company_type ON facts (company, type)`,
		`CREATE INDEX facts_claim ON facts (claim_id)`,
		`CREATE INDEX facts_investment ON facts (company, currency, amount) WHERE type = 'investment'`,
		`CREATE INDEX facts_closed ON facts (company, country) WHERE type = 'expansion' AND status = 'closed'`,
		`CREATE TRIGGER facts_claim_delete AFTER DELETE ON facts BEGIN
			INSERT INTO claim_dirty VALUES (OLD.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TABLE claim_stats15 (company TEXT NOT NULL, type TEXT NOT NULL, last_seen TEXT NOT NULL, claim_id TEXT NOT NULL,
			value INTEGER, scope TEXT, country TEXT, facility TEXT, status TEXT, year INTEGER, amount NUMERIC, currency TEXT,
			usd NUMERIC, label TEXT, first_seen TEXT, citations INTEGER NOT NULL, sources INTEGER NOT NULL,
			confidence REAL NOT NULL, fact INTEGER NOT NULL, review TEXT,
			PRIMARY KEY (company, type, last_seen DESC, claim_id)) WITHOUT ROWID`,
		`INSERT INTO claim_stats15 SELECT company, `+decode("type", typeNames)+`,
			CASE WHEN last_seen > -1000000 THEN date(last_seen + 2440587.5) ELSE '' END, claim_id, value, scope, country,
			`+decode("facility", facilityNames)+`, `+decode("status", statusNames)+`, year, amount, currency, usd, label,
			date(first_seen + 2440587.5), citations, sources, confidence, fact, review FROM claim_stats`,
		`DROP TABLE claim_stats`, `ALTER TABLE claim_stats15 RENAME TO claim_stats`,
		`CREATE UNIQUE INDEX claim_stats_claim ON claim_stats (claim_id)`,
		`CREATE INDEX claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL`,
		`UPDATE conflict_cache SET
			source_1 = (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id WHERE g.id = fact_1),
			source_2 = (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id WHERE g.id = fact_2)`,
		`DROP TABLE fact_codes`, `DROP TABLE schema_views`,
		string(body),
		`PRAGMA user_version = 15`, `PRAGMA legacy_alter_table = OFF`)
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.200s: %v", q, err)
		}
	}
}

// TestMigration16FromVersion15 opens a store as main wrote it at schema
// 15 (names in facts and claim_stats, views from the migrations): the
// migration codes both tables without losing a fact or a claim, the
// exports and the claim list are byte for byte what they were, nothing
// waits to be refreshed, and it can be applied again.
func TestMigration16FromVersion15(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	// A conflict: a count that drops.
	for i, value := range []int{40, 38} {
		text := fmt.Sprintf("Oracle now operates %d cloud regions worldwide.", value)
		a := article.Article{Source: fmt.Sprintf("oracle-%d.txt", i), Title: "Oracle", Text: text,
			Published: time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC)}
		f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: value,
			Scope: "global", Rule: "count/number-unit"})
		if _, err := db.SaveArticle(ctx, &a, []extract.Fact{f}, "v1"); err != nil {
			t.Fatal(err)
		}
	}
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
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	revertTo15(t, conn)
	conn.Close()
	stored15 := queryInt(t, db, `SELECT count(*) FROM claim_stats`)
	if n := queryInt(t, db, `SELECT count(*) FROM facts WHERE type = 'expansion' AND status IS NOT NULL`); n == 0 {
		t.Fatal("schema 15 store without named expansion facts")
	}
	db.Close()

	if stored15 == 0 {
		t.Fatal("no claim_stats rows at schema 15")
	}
	for _, pass := range []string{"migrated", "applied again"} {
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
		if _, err := db.sql.Exec(`PRAGMA user_version = 15`); err != nil {
			t.Fatal(err)
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
