package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// Fact types, facility kinds and statuses are stored as small integers
// (migration 0016): their position in these lists plus one. The lists are
// in alphabetical order, so ORDER BY, min() and max() over the codes give
// what they gave over the names. views.sql names them with CASE
// expressions, and the table fact_codes lists them for the sqlite3 shell;
// TestFactCodes holds the three to each other.
var (
	typeNames     = []string{"az_count", "datacenter_count", "expansion", "investment", "money", "region_count"}
	facilityNames = []string{"availability_zone", "data_center", "edge_location", "local_zone", "other", "region", "service_center"}
	statusNames   = []string{"closed", "launched", "planned"}
)

// codeOf returns the code of name in names, nil for "" (NULL). A name the
// store does not know is returned as it is, for the table's CHECK
// constraint to refuse, as it refused such names before migration 0016.
func codeOf(names []string, name string) any {
	if name == "" {
		return nil
	}
	if i := slices.Index(names, name); i >= 0 {
		return i + 1
	}
	return name
}

// caseCode is an SQL expression giving the code of the name in col, NULL
// for NULL or a name not in names (names are this file's, not input).
func caseCode(col string, names []string) string {
	e := "CASE " + col
	for i, n := range names {
		e += fmt.Sprintf(" WHEN '%s' THEN %d", n, i+1)
	}
	return e + " END"
}

// codeStore is the Go part of migration 16: facts and claim_stats keep
// type, facility and status as codes, and claim_stats its dates as days. SQLite cannot change a column's
// type, so each table is made again, as SQLite's documentation says
// (create, copy, drop, rename), its indexes and triggers by the
// migration's SQL. A table whose type column is already INTEGER is left
// as it is, so the migration can be applied again.
func codeStore(ctx context.Context, tx *sql.Tx) error {
	declared := func(table string) (string, error) {
		var t string
		err := tx.QueryRowContext(ctx,
			`SELECT upper(type) FROM pragma_table_info(?) WHERE name = 'type'`, table).Scan(&t)
		if err != nil {
			return "", fmt.Errorf("read columns of %s: %w", table, err)
		}
		return t, nil
	}
	typ, err := declared("facts")
	if err != nil {
		return err
	}
	if typ != "INTEGER" {
		for _, q := range []string{
			`CREATE TABLE facts_coded (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type              INTEGER NOT NULL CHECK (type BETWEEN 1 AND 6), -- fact_codes
    company           TEXT,
    start_offset      INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset        INTEGER NOT NULL CHECK (end_offset >= start_offset),
    confidence        REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    -- count facts
    value             INTEGER,
    scope             TEXT,
    qualifier         TEXT,                 -- also investment and money
    -- expansion facts
    country           TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    city              TEXT,
    facility          INTEGER CHECK (facility BETWEEN 1 AND 7), -- fact_codes
    status            INTEGER CHECK (status BETWEEN 1 AND 3),   -- fact_codes
    ordinal           INTEGER,
    year              INTEGER,
    -- investment and money facts; NUMERIC keeps whole amounts as integers,
    -- which the shell prints without a trailing ".0"
    amount            NUMERIC,
    currency          TEXT,
    usd               NUMERIC,
    period            TEXT,
    label             TEXT CHECK (label IS NULL OR label IN (
                          'revenue', 'market_spend', 'capex', 'bond', 'market_value', 'other')),
    claim_id          TEXT,
    rule_id           INTEGER REFERENCES rules (id)
)`,
			`INSERT INTO facts_coded (id, article_id, type, company, start_offset, end_offset, confidence,
				value, scope, qualifier, country, city, facility, status, ordinal, year,
				amount, currency, usd, period, label, claim_id, rule_id)
			SELECT id, article_id, ` + caseCode("type", typeNames) + `, company, start_offset, end_offset, confidence,
				value, scope, qualifier, country, city, ` + caseCode("facility", facilityNames) + `, ` +
				caseCode("status", statusNames) + `, ordinal, year,
				amount, currency, usd, period, label, claim_id, rule_id
			FROM facts ORDER BY id`,
			// Its triggers go with it: dropping facts deletes its rows,
			// which would mark every claim.
			`DROP TRIGGER IF EXISTS facts_claim_delete`,
			`DROP TRIGGER IF EXISTS facts_claim_update`,
			`DROP TRIGGER IF EXISTS facts_claim_insert`,
			`DROP TABLE facts`,
			`ALTER TABLE facts_coded RENAME TO facts`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("code facts: %w", err)
			}
		}
	}
	if typ, err = declared("claim_stats"); err != nil {
		return err
	}
	if typ != "INTEGER" {
		for _, q := range []string{
			`CREATE TABLE claim_stats_coded (
    company    TEXT NOT NULL,    -- '' for a market-wide figure
    type       INTEGER NOT NULL, -- fact_codes
    last_seen  INTEGER NOT NULL, -- the latest dated citation, days since 1970-01-01; -1000000 if none
    claim_id   TEXT NOT NULL,
    value      INTEGER,
    scope      TEXT,
    country    TEXT,
    facility   INTEGER,          -- fact_codes
    status     INTEGER,          -- fact_codes
    year       INTEGER,
    amount     NUMERIC,
    currency   TEXT,
    usd        NUMERIC,
    label      TEXT,
    first_seen INTEGER,          -- the earliest dated citation, days since 1970-01-01
    citations  INTEGER NOT NULL,
    sources    INTEGER NOT NULL,
    confidence REAL NOT NULL,    -- the best citation's
    fact       INTEGER NOT NULL, -- the example quote's fact
    review     TEXT,             -- rejected, confirmed, corrected or NULL
    PRIMARY KEY (company, type, last_seen DESC, claim_id)
) WITHOUT ROWID`,
			// A claim whose stored (corrected) facility or status is no
			// known name is computed again from its facts.
			`INSERT INTO claim_dirty SELECT claim_id FROM claim_stats
				WHERE (facility IS NOT NULL AND ` + caseCode("facility", facilityNames) + ` IS NULL)
				   OR (status IS NOT NULL AND ` + caseCode("status", statusNames) + ` IS NULL)
				   OR ` + caseCode("type", typeNames) + ` IS NULL
				ON CONFLICT DO NOTHING`,
			`INSERT INTO claim_stats_coded SELECT company, ` + caseCode("type", typeNames) + `,
				coalesce(CAST(julianday(nullif(last_seen, '')) - 2440587.5 AS INTEGER), -1000000), claim_id,
				value, scope, country, ` + caseCode("facility", facilityNames) + `, ` + caseCode("status", statusNames) + `,
				year, amount, currency, usd, label, CAST(julianday(first_seen) - 2440587.5 AS INTEGER),
				citations, sources, confidence, fact, review
			FROM claim_stats WHERE claim_id NOT IN (SELECT claim_id FROM claim_dirty)`,
			`DROP TABLE claim_stats`,
			`ALTER TABLE claim_stats_coded RENAME TO claim_stats`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("code claim_stats: %w", err)
			}
		}
	}
	return nil
}
