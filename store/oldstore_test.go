package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// storeAt makes a new store as the program of migration version made one:
// the real migrations 1 to version, applied by the code Open runs
// (applyMigrations), so a test of a migration starts from the schema
// users' stores have rather than a copy of it in test code. It has none
// of the views that program made after its migrations: from migration 15
// on each migration drops every view first (viewsFileVersion). The test
// writes its rows through the handle with SQL of that version, closes
// it, and opens the path with Open to migrate it.
func storeAt(t *testing.T, version int) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "facts.db")
	raw, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	if err := newDB(raw, path, false).applyMigrations(context.Background(), version); err != nil {
		t.Fatalf("store at version %d: %v", version, err)
	}
	var v int
	if err := raw.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != version {
		t.Fatalf("store at version %d: user_version %d, %v", version, v, err)
	}
	return raw, path
}

// execAll runs each statement on db, stopping the test at the first
// that fails.
func execAll(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.300s: %v", q, err)
		}
	}
}

// copyAt writes every article, fact, rule, company, correction, claim
// summary and conflict of the store at cur (made by this program) into
// old, a store at version (storeAt, 1 to 17), with that version's plain
// SQL: each value in the form that version's program wrote it (names
// before codes, hex claim ids, confidences as REALs, dates as text,
// text uncompressed or inline, hashes in hex). The ids stay, so the two
// stores can be compared row for row once old is migrated. It copies no
// feeds, runs or failures, and fails when cur has any.
func copyAt(t *testing.T, old *sql.DB, version int, cur string) {
	t.Helper()
	ctx := context.Background()
	conn, err := old.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	at := func(v int, then, before string) string {
		if version >= v {
			return then
		}
		return before
	}
	names := func(col string, names []string) string {
		e := "CASE " + col
		for i, n := range names {
			e += fmt.Sprintf(" WHEN %d THEN '%s'", i+1, n)
		}
		return at(16, col, e+" END")
	}
	hexID := func(col string) string { return at(17, col, "printf('%012x', "+col+")") }
	fraction := func(col string) string { return at(17, col, col+" / 1000.0") }
	text := `(SELECT CAST(sqlar_uncompress(x.text_z, x.text_size) AS TEXT) FROM cur.article_texts x WHERE x.article_id = a.id)`
	day := func(col string) string { return at(16, col, "date("+col+" + 2440587.5)") }

	// Columns of that version, and the expression of each from cur.
	type col struct{ name, expr string }
	cols := func(cs ...col) (string, string) {
		var n, e []string
		for _, c := range cs {
			if c.name != "" {
				n, e = append(n, c.name), append(e, c.expr)
			}
		}
		return strings.Join(n, ", "), strings.Join(e, ", ")
	}
	from := func(v int, c col) col {
		if version < v {
			return col{}
		}
		return c
	}
	until := func(v int, c col) col { // the last version with the column is v-1
		if version >= v {
			return col{}
		}
		return c
	}
	insert := func(table, from string, cs ...col) string {
		n, e := cols(cs...)
		return "INSERT INTO " + table + " (" + n + ") SELECT " + e + " FROM " + from
	}
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE `+quoteSQL(cur)+` AS cur`); err != nil {
		t.Fatal(err)
	}
	var others int
	if err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cur.feeds) + (SELECT count(*) FROM cur.feed_items)
		+ (SELECT count(*) FROM cur.runs) + (SELECT count(*) FROM cur.failures)`).Scan(&others); err != nil || others != 0 {
		t.Fatalf("copy at version %d: %d feeds, items, runs or failures not copied (%v)", version, others, err)
	}
	var stmts []string
	if version >= 15 {
		stmts = append(stmts, `INSERT INTO rules SELECT * FROM cur.rules`)
	}
	if version >= 17 {
		// At 17, companies named the facts' companies only.
		stmts = append(stmts, `INSERT INTO companies SELECT * FROM cur.companies WHERE id IN (SELECT company FROM cur.facts)`)
	}
	stmts = append(stmts,
		insert("articles", "cur.articles a ORDER BY a.id",
			col{"id", "a.id"}, col{"key", "a.key"}, col{"source", "a.source"},
			until(17, col{"url", "a.url"}), from(17, col{"has_url", "a.has_url"}),
			col{"title", "a.title"}, col{"site", "a.site"}, col{"published", "a.published"}, col{"language", "a.language"},
			col{"content_hash", "lower(hex(a.content_hash))"},
			until(15, col{"text", text}),
			from(15, col{"text_z", "(SELECT x.text_z FROM cur.article_texts x WHERE x.article_id = a.id)"}),
			from(15, col{"text_size", "(SELECT x.text_size FROM cur.article_texts x WHERE x.article_id = a.id)"}),
			col{"feed_url", "a.feed_url"}, col{"feed_guid", "a.feed_guid"}, col{"feed_title", "a.feed_title"},
			col{"extractor_version", "a.extractor_version"}, col{"first_seen", "a.first_seen"},
			col{"updated_at", "a.updated_at"}, from(4, col{"file_modified", "a.file_modified"})),
		insert("facts", "cur.facts f JOIN cur.articles a ON a.id = f.article_id ORDER BY f.id",
			col{"id", "f.id"}, col{"article_id", "f.article_id"}, col{"type", names("f.type", typeNames)},
			col{"company", at(17, "f.company", "(SELECT c.name FROM cur.companies c WHERE c.id = f.company)")},
			until(13, col{"quote", "substr(" + text + ", f.start_offset + 1, f.end_offset - f.start_offset)"}),
			until(13, col{"extractor_version", "a.extractor_version"}),
			col{"start_offset", "f.start_offset"}, col{"end_offset", "f.end_offset"},
			until(15, col{"rule", "(SELECT r.name FROM cur.rules r WHERE r.id = f.rule_id)"}),
			from(15, col{"rule_id", "f.rule_id"}),
			col{"confidence", fraction("f.confidence")}, col{"value", "f.value"}, col{"scope", "f.scope"},
			col{"qualifier", "f.qualifier"}, col{"country", "f.country"}, col{"city", "f.city"},
			col{"facility", names("f.facility", facilityNames)}, col{"status", names("f.status", statusNames)},
			col{"ordinal", "f.ordinal"}, col{"year", "f.year"}, col{"amount", "f.amount"}, col{"currency", "f.currency"},
			col{"usd", "f.usd"}, col{"period", "f.period"}, col{"label", "f.label"},
			from(9, col{"claim_id", hexID("f.claim_id")})))
	if version >= 8 {
		stmts = append(stmts, `INSERT INTO article_fingerprints SELECT * FROM cur.article_fingerprints`)
	}
	if version >= 9 {
		stmts = append(stmts, `INSERT INTO corrections (id, claim_id, action, field, value, reason, created_at)
			SELECT id, claim_id, action, field, value, reason, created_at FROM cur.corrections ORDER BY id`)
	}
	if version >= 13 {
		// The triggers marked every claim written above: cur's are
		// stored, as in a store between runs.
		stmts = append(stmts, `DELETE FROM claim_dirty`,
			`INSERT INTO claim_dirty SELECT `+hexID("claim_id")+` FROM cur.claim_dirty`,
			insert("claim_stats", "cur.claim_stats s",
				col{"company", at(18, "s.company", "(SELECT c.name FROM cur.companies c WHERE c.id = s.company)")},
				col{"type", names("s.type", typeNames)},
				col{"last_seen", at(16, "s.last_seen", "CASE WHEN s.last_seen > -1000000 THEN date(s.last_seen + 2440587.5) ELSE '' END")},
				col{"claim_id", hexID("s.claim_id")}, col{"value", "s.value"}, col{"scope", "s.scope"}, col{"country", "s.country"},
				col{"facility", names("s.facility", facilityNames)}, col{"status", names("s.status", statusNames)},
				col{"year", "s.year"}, col{"amount", "s.amount"}, col{"currency", "s.currency"}, col{"usd", "s.usd"},
				col{"label", "s.label"}, col{"first_seen", day("s.first_seen")}, col{"citations", "s.citations"},
				col{"sources", "s.sources"}, col{"confidence", fraction("s.confidence")}, col{"fact", "s.fact"},
				col{"review", "s.review"}))
	}
	if version >= 14 {
		// In words, as the view conflicts read them from 0014 to 0017;
		// with each fact's source until 0016.
		source := func(fact string) string {
			return at(16, "NULL", "(SELECT coalesce(a.url, a.source) FROM cur.facts g JOIN cur.articles a ON a.id = g.article_id WHERE g.id = "+fact+")")
		}
		stmts = append(stmts, `DELETE FROM conflict_cache`, `INSERT INTO conflict_cache SELECT
			CASE c.kind WHEN 1 THEN 'same date' WHEN 2 THEN 'dropped' WHEN 3 THEN 'USD differs' END,
			(SELECT co.name FROM cur.companies co WHERE co.id = c.provider),
			CASE WHEN c.kind = 3
				THEN (SELECT 'USD equivalent of ' || printf('%,d', f.amount) || ' ' || f.currency FROM cur.facts f WHERE f.id = c.fact_1)
				ELSE CASE c.type WHEN 6 THEN 'regions' WHEN 1 THEN 'availability zones' ELSE 'data centers' END || coalesce(' (' || c.scope || ')', '') END,
			c.value_1, date(c.date_1 + 2440587.5), c.value_2, date(c.date_2 + 2440587.5), c.fact_1, c.fact_2,
			`+source("c.fact_1")+`, `+source("c.fact_2")+`
			FROM cur.conflict_cache c ORDER BY c.rowid`)
	}
	if version >= 15 {
		stmts = append(stmts, `DELETE FROM claim_mark`, `INSERT INTO claim_mark SELECT * FROM cur.claim_mark`)
	}
	stmts = append(stmts, `DETACH DATABASE cur`)
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("copy at version %d: %.300s: %v", version, q, err)
		}
	}
}

// quoteSQL quotes s as an SQL string literal.
func quoteSQL(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// schemaOf lists db's tables, indexes, views and triggers with their SQL,
// runs of white space made one space: a migrated store must end with the
// schema a new one has.
func schemaOf(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, table, q string
		if err := rows.Scan(&typ, &name, &table, &q); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s on %s: %s\n", typ, name, table, strings.Join(strings.Fields(q), " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// newSchema is the schema of a new store of this program.
func newSchema(t *testing.T) string {
	t.Helper()
	db, _ := openTest(t)
	return schemaOf(t, db.sql)
}

// sameSchema fails the test when db's schema is not a new store's, and
// says what differs.
func sameSchema(t *testing.T, what string, db *DB) {
	t.Helper()
	got, want := schemaOf(t, db.sql), newSchema(t)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for _, l := range gl {
		if !slices.Contains(wl, l) {
			t.Errorf("%s: schema has %.300s", what, l)
		}
	}
	for _, l := range wl {
		if !slices.Contains(gl, l) {
			t.Errorf("%s: schema lacks %.300s", what, l)
		}
	}
}

// TestMigratedSchemaIsNew opens a store made at every earlier version:
// once migrated, its tables, indexes, views and triggers are a new
// store's, statement for statement.
func TestMigratedSchemaIsNew(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < len(migrations); v++ {
		old, path := storeAt(t, v)
		old.Close()
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("from version %d: %v", v, err)
		}
		sameSchema(t, fmt.Sprintf("from version %d", v), db)
		db.Close()
	}
}

// saveDroppingCount stores what the migration tests start from besides
// seed: two articles whose Oracle region counts drop from 40 to 38 (a
// conflict), with facts of confidence conf; adjust, when not nil, may
// change article i before it is saved.
func saveDroppingCount(t *testing.T, db *DB, conf float64, adjust func(i int, a *article.Article)) {
	t.Helper()
	for i, value := range []int{40, 38} {
		text := fmt.Sprintf("Oracle now operates %d cloud regions worldwide.", value)
		a := article.Article{Source: fmt.Sprintf("oracle-%d.txt", i), Title: "Oracle", Text: text,
			Published: time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC)}
		if adjust != nil {
			adjust(i, &a)
		}
		f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: value,
			Scope: "global", Rule: "count/number-unit", Confidence: conf})
		if _, err := db.SaveArticle(context.Background(), &a, []extract.Fact{f}, "v1"); err != nil {
			t.Fatal(err)
		}
	}
}
