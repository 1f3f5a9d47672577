package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// revertTo16 turns the store into what main wrote at schema 16: company
// names in facts (no companies), claim ids as hex text in facts,
// claim_stats, claim_dirty and (no claim_num) corrections, confidences
// as REALs in facts and claim_stats, and articles.url a
// stored column with its index (articles_url) and 0013's trigger watching
// it. It has no views: the runner drops them all before migration 17
// (viewsFileVersion), and views.sql makes them after it.
func revertTo16(t *testing.T, conn *sql.Conn) {
	t.Helper()
	ctx := context.Background()
	revertTo17(t, conn)
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
		`CREATE TABLE facts16 (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type              INTEGER NOT NULL CHECK (type BETWEEN 1 AND 6),
    company           TEXT,
    start_offset      INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset        INTEGER NOT NULL CHECK (end_offset >= start_offset),
    confidence        REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    value             INTEGER,
    scope             TEXT,
    qualifier         TEXT,
    country           TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    city              TEXT,
    facility          INTEGER CHECK (facility BETWEEN 1 AND 7),
    status            INTEGER CHECK (status BETWEEN 1 AND 3),
    ordinal           INTEGER,
    year              INTEGER,
    amount            NUMERIC,
    currency          TEXT,
    usd               NUMERIC,
    period            TEXT,
    label             TEXT CHECK (label IS NULL OR label IN (
                          'revenue', 'market_spend', 'capex', 'bond', 'market_value', 'other')),
    claim_id          TEXT,
    rule_id           INTEGER REFERENCES rules (id))`,
		`INSERT INTO facts16 SELECT id, article_id, type, (SELECT c.name FROM companies c WHERE c.id = company), start_offset, end_offset, confidence / 1000.0,
			value, scope, qualifier, country, city, facility, status, ordinal, year, amount, currency, usd, period, label,
			printf('%012x', claim_id), rule_id FROM facts`,
		`DROP TRIGGER facts_claim_delete`, `DROP TRIGGER facts_claim_update`, `DROP TRIGGER facts_claim_insert`,
		`DROP TABLE facts`, `ALTER TABLE facts16 RENAME TO facts`, `DROP TABLE companies`,
		`CREATE INDEX facts_article ON facts (article_id, start_offset)`,
		`CREATE INDEX facts_company_type ON facts (company, type)`,
		`CREATE INDEX facts_claim ON facts (claim_id)`,
		`CREATE INDEX facts_investment ON facts (company, currency, amount) WHERE type = 4`,
		`CREATE INDEX facts_closed ON facts (company, country) WHERE type = 3 AND status = 1`,
		`CREATE TRIGGER facts_claim_delete AFTER DELETE ON facts BEGIN
			INSERT INTO claim_dirty VALUES (OLD.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TRIGGER facts_claim_update AFTER UPDATE ON facts BEGIN
			INSERT INTO claim_dirty VALUES (OLD.claim_id), (NEW.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TRIGGER facts_claim_insert AFTER INSERT ON facts
		WHEN NEW.id <= (SELECT fact_id FROM claim_mark) BEGIN
			INSERT INTO claim_dirty VALUES (NEW.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TABLE claim_stats16 (company TEXT NOT NULL, type INTEGER NOT NULL, last_seen INTEGER NOT NULL, claim_id TEXT NOT NULL,
			value INTEGER, scope TEXT, country TEXT, facility INTEGER, status INTEGER, year INTEGER, amount NUMERIC, currency TEXT,
			usd NUMERIC, label TEXT, first_seen INTEGER, citations INTEGER NOT NULL, sources INTEGER NOT NULL,
			confidence REAL NOT NULL, fact INTEGER NOT NULL, review TEXT,
			PRIMARY KEY (company, type, last_seen DESC, claim_id)) WITHOUT ROWID`,
		`INSERT INTO claim_stats16 SELECT company, type, last_seen, printf('%012x', claim_id), value, scope, country, facility, status,
			year, amount, currency, usd, label, first_seen, citations, sources, confidence / 1000.0, fact, review FROM claim_stats`,
		`DROP TABLE claim_stats`, `ALTER TABLE claim_stats16 RENAME TO claim_stats`,
		`CREATE UNIQUE INDEX claim_stats_claim ON claim_stats (claim_id)`,
		`CREATE INDEX claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL`,
		`CREATE TABLE claim_dirty16 (claim_id TEXT PRIMARY KEY) WITHOUT ROWID`,
		`INSERT INTO claim_dirty16 SELECT printf('%012x', claim_id) FROM claim_dirty`,
		`DROP TABLE claim_dirty`, `ALTER TABLE claim_dirty16 RENAME TO claim_dirty`,
		`DROP INDEX corrections_claim_num`,
		`DROP TRIGGER corrections_claim_insert`, `DROP TRIGGER corrections_claim_delete`, `DROP TRIGGER corrections_claim_update`,
		`ALTER TABLE corrections DROP COLUMN claim_num`,
		`CREATE TRIGGER corrections_claim_insert AFTER INSERT ON corrections BEGIN
			INSERT INTO claim_dirty VALUES (NEW.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TRIGGER corrections_claim_delete AFTER DELETE ON corrections BEGIN
			INSERT INTO claim_dirty VALUES (OLD.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`CREATE TRIGGER corrections_claim_update AFTER UPDATE ON corrections BEGIN
			INSERT INTO claim_dirty VALUES (OLD.claim_id), (NEW.claim_id) ON CONFLICT DO NOTHING;
		END`,
		`DROP TRIGGER articles_claim_update`,
		`ALTER TABLE articles DROP COLUMN url`,
		`ALTER TABLE articles ADD COLUMN url TEXT`,
		`UPDATE articles SET url = key WHERE has_url`,
		`ALTER TABLE articles DROP COLUMN has_url`,
		`CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL`,
		`CREATE INDEX articles_published ON articles (published)`,
		`CREATE TRIGGER articles_claim_update AFTER UPDATE OF published, site, url, source ON articles BEGIN
			INSERT INTO claim_dirty
				SELECT claim_id FROM (
					SELECT claim_id FROM facts WHERE article_id = NEW.id
					UNION SELECT f.claim_id FROM article_fingerprints fp JOIN facts f ON f.article_id = fp.article_id
						  WHERE fp.duplicate_of = NEW.id) WHERE true
				ON CONFLICT DO NOTHING;
		END`,
		`PRAGMA user_version = 16`, `PRAGMA legacy_alter_table = OFF`)
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.200s: %v", q, err)
		}
	}
}

// TestMigration17FromVersion16 opens a store as main wrote it at schema
// 16 (confidences as REALs, each URL twice): the migration keeps every
// fact, claim, citation, conflict and correction (the exports, the claim
// list, every claim's citations and corrections are byte for byte what
// they were), nothing waits to be refreshed, the confidences are
// thousandths and the URL is stored once, a review made after it sticks,
// and it can be applied again.
func TestMigration17FromVersion16(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	// A count that drops (a conflict); an article fetched from its own
	// canonical URL (key, source and URL one string), with a confidence
	// in thousandths.
	for i, value := range []int{40, 38} {
		text := fmt.Sprintf("Oracle now operates %d cloud regions worldwide.", value)
		a := article.Article{Source: fmt.Sprintf("oracle-%d.txt", i), Title: "Oracle", Text: text,
			Published: time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC)}
		if i == 1 {
			a.Source = "https://news.example/oracle-38"
			a.URL = a.Source
		}
		f := cite(t, text, text, extract.Fact{Type: extract.TypeRegionCount, Company: "Oracle", Value: value,
			Scope: "global", Rule: "count/number-unit", Confidence: 0.855})
		if _, err := db.SaveArticle(ctx, &a, []extract.Fact{f}, "v1"); err != nil {
			t.Fatal(err)
		}
	}
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
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	revertTo16(t, conn)
	conn.Close()
	stored16 := queryInt(t, db, `SELECT count(*) FROM claim_stats`)
	for q, want := range map[string]int{
		`SELECT count(*) FROM facts WHERE typeof(confidence) <> 'real'`:              0,
		`SELECT count(*) FROM facts WHERE length(claim_id) <> 12`:                    0,
		`SELECT count(*) FROM articles WHERE url IS NOT NULL`:                        2,
		`SELECT count(*) FROM sqlite_master WHERE name = 'articles_url'`:             1,
		`SELECT count(*) FROM pragma_table_xinfo('articles') WHERE name = 'has_url'`: 0,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Fatalf("at schema 16: %s = %d, want %d", q, got, want)
		}
	}
	db.Close()
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
