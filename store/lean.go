package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

// permille is how facts.confidence and claim_stats.confidence keep a
// confidence (migration 17): an integer in thousandths, 2 bytes where a
// REAL takes 8. The rules give
// confidences in hundredths (extract's round2), so nothing is rounded; the
// views divide by 1000.0, which gives back the same float64 (both sides
// are the correctly rounded quotient of two exact integers).
func permille(c float64) int64 {
	return int64(math.Round(c * 1000))
}

// claimNumSQL is an SQL expression giving the number of the claim id in
// col: its 12 hex digits (lower case, as ClaimID writes them) read as a
// number, what ClaimNum gives; an id that is a number already stays.
// SQLite reads no hex text, so each digit is looked up.
func claimNumSQL(col string) string {
	e := fmt.Sprintf("CASE WHEN typeof(%s) = 'integer' THEN %s ELSE (", col, col)
	for k := 0; k < ClaimIDLen; k++ {
		if k > 0 {
			e += " | "
		}
		e += fmt.Sprintf("((instr('0123456789abcdef', substr(%s, %d, 1)) - 1) << %d)", col, k+1, 4*(ClaimIDLen-1-k))
	}
	return e + ") END"
}

// leanStore is the Go part of migration 17: facts keeps its company as
// an id in companies (each name once, as rules keeps rule names); facts,
// claim_stats and claim_dirty keep claim ids as numbers (ClaimNum), corrections gives
// the number of the id it keeps in a virtual column (claim_num); facts
// and claim_stats keep their confidence in thousandths (an INTEGER column
// of the same name), and articles
// keeps a canonical URL once: articles.url becomes a virtual column,
// the key when has_url says the article has one (Article.Key is the
// URL when there is one), so the URL and its index (articles_url) are no
// longer stored twice. Tables already changed are left as they are, so
// the migration can be applied again; the SQL part gives facts and
// claim_stats back their indexes and triggers.
func leanStore(ctx context.Context, tx *sql.Tx) error {
	has := func(table, col string) (bool, error) {
		var n int
		// table_xinfo: generated columns too.
		err := tx.QueryRowContext(ctx,
			`SELECT count(*) FROM pragma_table_xinfo(?) WHERE name = ?`, table, col).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("read columns of %s: %w", table, err)
		}
		return n > 0, nil
	}
	// Old migrations applied again (a store whose user_version was set
	// back) read facts.confidence and claim_stats.confidence: the columns
	// keep their names, and a table whose confidence is declared INTEGER
	// is in thousandths already.
	// (Migration 9 applied again adds claim_id as TEXT to a facts whose
	// confidence is in thousandths.)
	declared := func(table, col string) (string, error) {
		var t string
		err := tx.QueryRowContext(ctx,
			`SELECT upper(type) FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&t)
		if err != nil {
			return "", fmt.Errorf("read columns of %s: %w", table, err)
		}
		return t, nil
	}
	// lean says whether table's claim_id and confidence are numbers
	// already, and gives the expression of its confidence in thousandths.
	lean := func(table string) (bool, string, error) {
		conf, err := declared(table, "confidence")
		if err != nil {
			return false, "", err
		}
		claim, err := declared(table, "claim_id")
		if err != nil {
			return false, "", err
		}
		if conf == "INTEGER" {
			return claim == "INTEGER", "confidence", nil
		}
		return false, "CAST(round(confidence * 1000) AS INTEGER)", nil
	}
	done, conf, err := lean("facts")
	if err != nil {
		return err
	}
	company, err := declared("facts", "company")
	if err != nil {
		return err
	}
	companyExpr := "company"
	if company != "INTEGER" {
		done = false
		// Each company name once; ids in name order, for a store's
		// first reader, though nothing depends on it (names may come
		// later in any order).
		if _, err := tx.ExecContext(ctx, `
			CREATE TABLE IF NOT EXISTS companies (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
			INSERT INTO companies (name) SELECT DISTINCT company FROM facts WHERE company IS NOT NULL ORDER BY company
				ON CONFLICT DO NOTHING`); err != nil {
			return fmt.Errorf("companies: %w", err)
		}
		companyExpr = "(SELECT c.id FROM companies c WHERE c.name = facts.company)"
	}
	if !done {
		for _, q := range []string{
			`CREATE TABLE facts_lean (
    id                  INTEGER PRIMARY KEY,
    article_id          INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type                INTEGER NOT NULL CHECK (type BETWEEN 1 AND 6), -- fact_codes
    company             INTEGER REFERENCES companies (id),
    start_offset        INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset          INTEGER NOT NULL CHECK (end_offset >= start_offset),
    confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 1000), -- 0.85 is 850
    -- count facts
    value               INTEGER,
    scope               TEXT,
    qualifier           TEXT,                 -- also investment and money
    -- expansion facts
    country             TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    city                TEXT,
    facility            INTEGER CHECK (facility BETWEEN 1 AND 7), -- fact_codes
    status              INTEGER CHECK (status BETWEEN 1 AND 3),   -- fact_codes
    ordinal             INTEGER,
    year                INTEGER,
    -- investment and money facts; NUMERIC keeps whole amounts as integers,
    -- which the shell prints without a trailing ".0"
    amount              NUMERIC,
    currency            TEXT,
    usd                 NUMERIC,
    period              TEXT,
    label               TEXT CHECK (label IS NULL OR label IN (
                            'revenue', 'market_spend', 'capex', 'bond', 'market_value', 'other')),
    claim_id            INTEGER,              -- the claim id's 12 hex digits as a number
    rule_id             INTEGER REFERENCES rules (id)
)`,
			`INSERT INTO facts_lean (id, article_id, type, company, start_offset, end_offset, confidence,
				value, scope, qualifier, country, city, facility, status, ordinal, year,
				amount, currency, usd, period, label, claim_id, rule_id)
			SELECT id, article_id, type, ` + companyExpr + `, start_offset, end_offset, ` + conf + `,
				value, scope, qualifier, country, city, facility, status, ordinal, year,
				amount, currency, usd, period, label, ` + claimNumSQL("claim_id") + `, rule_id
			FROM facts ORDER BY id`,
			// Its triggers go with it: dropping facts deletes its rows,
			// which would mark every claim.
			`DROP TRIGGER IF EXISTS facts_claim_delete`,
			`DROP TRIGGER IF EXISTS facts_claim_update`,
			`DROP TRIGGER IF EXISTS facts_claim_insert`,
			`DROP TABLE facts`,
			`ALTER TABLE facts_lean RENAME TO facts`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("facts in thousandths: %w", err)
			}
		}
	}
	if done, conf, err = lean("claim_stats"); err != nil {
		return err
	}
	if !done {
		for _, q := range []string{
			`CREATE TABLE claim_stats_lean (
    company             TEXT NOT NULL,    -- '' for a market-wide figure
    type                INTEGER NOT NULL, -- fact_codes
    last_seen           INTEGER NOT NULL, -- the latest dated citation, days since 1970-01-01; -1000000 if none
    claim_id            INTEGER NOT NULL, -- the claim id's 12 hex digits as a number
    value               INTEGER,
    scope               TEXT,
    country             TEXT,
    facility            INTEGER,          -- fact_codes
    status              INTEGER,          -- fact_codes
    year                INTEGER,
    amount              NUMERIC,
    currency            TEXT,
    usd                 NUMERIC,
    label               TEXT,
    first_seen          INTEGER,          -- the earliest dated citation, days since 1970-01-01
    citations           INTEGER NOT NULL,
    sources             INTEGER NOT NULL,
    confidence INTEGER NOT NULL, -- the best citation's, in thousandths
    fact                INTEGER NOT NULL, -- the example quote's fact
    review              TEXT,             -- rejected, confirmed, corrected or NULL
    PRIMARY KEY (company, type, last_seen DESC, claim_id)
) WITHOUT ROWID`,
			`INSERT INTO claim_stats_lean SELECT company, type, last_seen, ` + claimNumSQL("claim_id") + `,
				value, scope, country, facility, status, year, amount, currency, usd, label, first_seen,
				citations, sources, ` + conf + `, fact, review
			FROM claim_stats`,
			`DROP TABLE claim_stats`,
			`ALTER TABLE claim_stats_lean RENAME TO claim_stats`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("claim_stats in thousandths: %w", err)
			}
		}
	}
	// claim_dirty holds numbers like the tables it names claims of;
	// corrections keeps the id as typed (hex, what users join on) and
	// gives the number in a virtual column, claim_num, for the views and
	// triggers to join on.
	numbered, err := has("corrections", "claim_num")
	if err != nil {
		return err
	}
	if !numbered {
		for _, q := range []string{
			// WITHOUT ROWID, as before: migration 14, applied again,
			// marks the conflicts with a claim '' for a while.
			`CREATE TABLE claim_dirty_lean (claim_id INTEGER PRIMARY KEY) WITHOUT ROWID`,
			`INSERT INTO claim_dirty_lean SELECT ` + claimNumSQL("claim_id") + ` FROM claim_dirty WHERE claim_id IS NOT NULL ON CONFLICT DO NOTHING`,
			`DROP TABLE claim_dirty`,
			`ALTER TABLE claim_dirty_lean RENAME TO claim_dirty`,
			`ALTER TABLE corrections ADD COLUMN claim_num INTEGER GENERATED ALWAYS AS (` + claimNumSQL("claim_id") + `) VIRTUAL`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("claim ids as numbers: %w", err)
			}
		}
	}
	urlOnce, err := has("articles", "has_url")
	if err != nil {
		return err
	}
	if !urlOnce {
		// An article's key is its URL when it has one (Article.Key); a
		// store where some row says otherwise was not written by this
		// program, and its URL would be lost.
		var odd int
		if err := tx.QueryRowContext(ctx,
			`SELECT count(*) FROM articles WHERE url IS NOT NULL AND url <> key`).Scan(&odd); err != nil {
			return fmt.Errorf("articles' URLs: %w", err)
		}
		if odd > 0 {
			return fmt.Errorf("articles' URLs: %d articles have a URL that is not their key", odd)
		}
		for _, q := range []string{
			// The trigger and the index name url; made again below and
			// in the SQL part (the index no longer: key's serves).
			`DROP TRIGGER IF EXISTS articles_claim_update`,
			`DROP INDEX IF EXISTS articles_url`,
			`ALTER TABLE articles ADD COLUMN has_url INTEGER NOT NULL DEFAULT 0 CHECK (has_url IN (0, 1))`,
			`UPDATE articles SET has_url = 1 WHERE url IS NOT NULL`,
			`ALTER TABLE articles DROP COLUMN url`,
			`ALTER TABLE articles ADD COLUMN url TEXT GENERATED ALWAYS AS (CASE WHEN has_url THEN key END) VIRTUAL`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("articles' URLs once: %w", err)
			}
		}
	}
	return nil
}
