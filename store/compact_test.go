package store

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/extract"
)

// TestCompressText checks the stored form of article text: compressed
// when that is smaller, else as it is, and read back either way; quotes
// sliced as SQLite's substr slices them.
func TestCompressText(t *testing.T) {
	tests := []struct {
		name, text string
		raw        bool // stored as it is
	}{
		{"empty", "", true},
		{"short", "Hi.", true},
		{"repetitive", strings.Repeat("Alibaba Cloud opens a region. ", 40), false},
		{"non-ASCII", strings.Repeat(textAlibaba, 3), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := compressText([]byte(tt.text))
			if raw := bytes.Equal(z, []byte(tt.text)); raw != tt.raw {
				t.Errorf("stored as it is = %v, want %v (%d of %d bytes)", raw, tt.raw, len(z), len(tt.text))
			}
			got, err := articleText(z, int64(len(tt.text)))
			if err != nil || got != tt.text {
				t.Errorf("articleText = %.40q, %v; want %.40q", got, err, tt.text)
			}
		})
	}
	if _, err := articleText(compressText([]byte(strings.Repeat("ab", 100))), 150); err == nil {
		t.Error("articleText with a wrong size: no error")
	}
}

// TestSubstrChars compares substrChars with SQLite's substr, also on
// bytes that are not UTF-8.
func TestSubstrChars(t *testing.T) {
	db, _ := openTest(t)
	texts := []string{textAlibaba, "a\x80b\xc3\xa9c\xe2\x82", "🚀🚀x", ""}
	for _, text := range texts {
		n := int64(len(text)) + 2
		for start := int64(0); start < n; start++ {
			for end := start; end < n; end++ {
				var want string
				if err := db.sql.QueryRow(`SELECT substr(CAST(? AS TEXT), ? + 1, ? - ?)`, []byte(text), start, end, start).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if got := substrChars(text, start, end); got != want {
					t.Fatalf("substrChars(%q, %d, %d) = %q, want %q", text, start, end, got, want)
				}
			}
		}
	}
}

// TestMigration15FromVersion14 opens a store made at schema 14 by the
// real migrations (text in articles.text, rule names in facts.rule) and
// one made at 8, both holding what this program stores from the fixture:
// migration 15 compresses the text and moves the rules without losing
// anything, and gives the freed pages back.
func TestMigration15FromVersion14(t *testing.T) {
	ctx := context.Background()
	cur, curPath := openTest(t)
	seed(t, cur)
	var before bytes.Buffer
	if err := cur.Export(ctx, &before, FormatJSONL); err != nil {
		t.Fatal(err)
	}
	// As a store of schema 14 is between runs: every claim stored.
	if err := cur.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}

	for _, version := range []int{14, 8} {
		raw, path := storeAt(t, version)
		copyAt(t, raw, version, curPath)
		raw.Close()
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open at version %d: %v", version, err)
		}
		var after bytes.Buffer
		if err := db.Export(ctx, &after, FormatJSONL); err != nil {
			t.Fatal(err)
		}
		if after.String() != before.String() {
			t.Errorf("from version %d: export after migration 15 differs:\n%s\nwant\n%s", version, after.String(), before.String())
		}
		for q, want := range map[string]int{
			`SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'text'`: 0,
			`SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'rule'`:    0,
			`SELECT count(*) FROM facts WHERE rule_id IS NULL`:                       0,
			`SELECT count(*) FROM claims_waiting`:                                    0,
		} {
			if got := queryInt(t, db, q); got != want {
				t.Errorf("from version %d: %s = %d, want %d", version, q, got, want)
			}
		}
		if version == 14 {
			if n := queryInt(t, db, `PRAGMA freelist_count`); n != 0 {
				t.Errorf("%d free pages after migration 15, want 0 (VACUUM)", n)
			}
		}
		db.Close()
	}
}

// TestClaimBulkStats checks that claim_dirty_stats gives the same rows
// whichever way claim_refresh_plan has it read the facts: all claims
// waiting (one ordered read of facts, as after a large run) and each claim
// waiting alone (through facts_claim).
func TestClaimBulkStats(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	seed(t, db)
	if _, err := db.sql.Exec(`
		INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			SELECT printf('%012x', claim_id), 'correct', 'year', '2031', 'test', '2026-01-01T00:00:00.000Z' FROM facts ORDER BY id LIMIT 1;
		INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			SELECT printf('%012x', claim_id), 'correct', 'facility', 'region', 'test', '2026-01-01T00:00:00.000Z' FROM facts WHERE type = 3 ORDER BY id LIMIT 1;
		INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			SELECT printf('%012x', claim_id), 'reject', NULL, NULL, 'test', '2026-01-01T00:00:00.000Z' FROM facts ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	const row = `json_array(company, type, last_seen, claim_id, value, scope,
		country, facility, status, year, amount, currency, usd, label, first_seen, citations, sources, confidence, fact, review)`
	var claims []string
	rows, err := db.sql.Query(`SELECT DISTINCT claim_id FROM facts ORDER BY claim_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		claims = append(claims, c)
	}
	rows.Close()
	var alone []string
	for _, c := range claims {
		if _, err := db.sql.Exec(`DELETE FROM claim_dirty; INSERT INTO claim_dirty VALUES (?)`, c); err != nil {
			t.Fatal(err)
		}
		if queryInt(t, db, `SELECT bulk FROM claim_refresh_plan`) != 0 {
			t.Fatal("one claim waiting: claim_refresh_plan reads every fact")
		}
		var r string
		if err := db.sql.QueryRow(`SELECT ` + row + ` FROM claim_dirty_stats`).Scan(&r); err != nil {
			t.Fatalf("claim %s alone: %v", c, err)
		}
		alone = append(alone, r)
	}
	if _, err := db.sql.Exec(`INSERT INTO claim_dirty SELECT claim_id FROM facts WHERE true ON CONFLICT DO NOTHING`); err != nil {
		t.Fatal(err)
	}
	if queryInt(t, db, `SELECT bulk FROM claim_refresh_plan`) != 1 {
		t.Fatal("every claim waiting: claim_refresh_plan reads claim by claim")
	}
	var bulk string
	if err := db.sql.QueryRow(`SELECT group_concat(r, char(10)) FROM (SELECT ` + row + ` AS r FROM claim_dirty_stats ORDER BY claim_id)`).Scan(&bulk); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(alone, "\n")
	if n := len(alone); n < 5 || !strings.Contains(want, "rejected") || !strings.Contains(want, "2031") {
		t.Fatalf("claims one by one: %d rows, want the seed's claims with a rejection and a correction:\n%s", n, want)
	}
	if bulk != want {
		t.Errorf("claim_dirty_stats, every claim waiting:\n%s\nwant (each alone)\n%s", bulk, want)
	}
	// Each claim's example is its best citation, of equals the one of the
	// smallest article key, then the first in the text: not by id, which
	// follows the order the articles were stored in.
	if n := queryInt(t, db, `SELECT count(*) FROM claim_stats s WHERE s.fact IS NOT (SELECT x.id FROM facts x
		JOIN articles a ON a.id = x.article_id WHERE x.claim_id = s.claim_id
		ORDER BY x.confidence DESC, a.key, x.start_offset, x.id LIMIT 1)`); n != 0 {
		t.Errorf("%d claims' example is not their best citation", n)
	}
	// Every fact above the mark (a first import): every fact read, none
	// looked up in claims_waiting; the same rows.
	if _, err := db.sql.Exec(`DELETE FROM claim_dirty; UPDATE claim_mark SET fact_id = 0`); err != nil {
		t.Fatal(err)
	}
	if queryInt(t, db, `SELECT bulk AND every FROM claim_refresh_plan`) != 1 {
		t.Fatal("every fact above the mark: claim_refresh_plan does not say every")
	}
	var every string
	if err := db.sql.QueryRow(`SELECT group_concat(r, char(10)) FROM (SELECT ` + row + ` AS r FROM claim_dirty_stats ORDER BY claim_id)`).Scan(&every); err != nil {
		t.Fatal(err)
	}
	if every != want {
		t.Errorf("claim_dirty_stats, every fact above the mark:\n%s\nwant (each alone)\n%s", every, want)
	}
	// And both are what claim_stats stored.
	var stored string
	if err := db.sql.QueryRow(`SELECT group_concat(r, char(10)) FROM (SELECT ` + row + ` AS r FROM (SELECT co.name AS company, s.type, s.last_seen, s.claim_id, s.value, s.scope,
		s.country, s.facility, s.status, s.year, s.amount, s.currency, s.usd, s.label, s.first_seen, s.citations, s.sources,
		s.confidence, s.fact, s.review FROM claim_stats s JOIN companies co ON co.id = s.company) ORDER BY claim_id)`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != want {
		t.Errorf("claim_stats:\n%s\nwant\n%s", stored, want)
	}
}

// TestClaimMarkReusedIDs: facts written after RefreshClaims are waiting
// claims by their id, above claim_mark; a fact given the id of a deleted
// one (at or below the mark) is noted in claim_dirty by the trigger. Both
// show in the claim views before RefreshClaims and in claim_stats after.
func TestClaimMarkReusedIDs(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	ids := seed(t, db)
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	fx := fixture(t)
	last := fx[len(fx)-1]
	mark := queryInt(t, db, `SELECT fact_id FROM claim_mark`)
	if max := queryInt(t, db, `SELECT max(id) FROM facts`); mark != max || mark == 0 {
		t.Fatalf("claim_mark %d after RefreshClaims, want the highest fact id %d", mark, max)
	}
	// The last article's facts are the highest ids: replaced, the new
	// ones take the same ids, and claims no fact named before.
	facts := append([]extract.Fact(nil), last.facts...)
	for i := range facts {
		facts[i].Confidence = 0.5
		facts[i].Country, facts[i].Scope = "FR", "FR"
		facts[i].Value += 1000
		facts[i].Amount += 1000
		if ClaimID(facts[i]) == ClaimID(last.facts[i]) {
			t.Fatalf("fact %d keeps its claim: the test needs new claims", i)
		}
	}
	if len(facts) == 0 {
		t.Fatal("the last article has no facts")
	}
	if err := db.ReplaceFacts(ctx, ids[len(ids)-1], facts, "v2"); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM facts WHERE id > ?`, mark); n != 0 {
		t.Fatalf("%d new facts above the mark: the test needs ids used again", n)
	}
	want := func(phase string) {
		t.Helper()
		for _, f := range facts {
			claim := ClaimID(f)
			c, err := db.ClaimByID(ctx, claim)
			if err != nil || c.Confidence != 0.5 {
				t.Errorf("%s: claim %s = %+v, %v; want it, confidence 0.5", phase, claim, c, err)
			}
		}
		if n, m := queryInt(t, db, `SELECT count(*) FROM claim_list_all`), queryInt(t, db, `SELECT count(DISTINCT claim_id) FROM facts`); n != m {
			t.Errorf("%s: %d claims listed, facts cite %d", phase, n, m)
		}
	}
	want("waiting")
	if err := db.RefreshClaims(ctx); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM claims_waiting`); n != 0 {
		t.Errorf("%d claims waiting after RefreshClaims", n)
	}
	want("stored")
}
