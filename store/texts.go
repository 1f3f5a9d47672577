package store

import (
	"context"
	"database/sql"
	"fmt"
)

// textsStore is the Go part of migration 18: each article's text moves
// from articles (text_z, text_size) to article_texts, and claim_stats
// keeps its company as an id in companies, the market-wide claims' ”
// as id 0. Tables already changed are left as they are, so the migration
// can be applied again.
func textsStore(ctx context.Context, tx *sql.Tx) error {
	has := func(table, col string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx,
			`SELECT count(*) FROM pragma_table_xinfo(?) WHERE name = ?`, table, col).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("read columns of %s: %w", table, err)
		}
		return n > 0, nil
	}
	inline, err := has("articles", "text_z")
	if err != nil {
		return err
	}
	if inline {
		// No view reads articles (applyMigration dropped them all) and
		// no trigger watches the two columns, which SQLite checks on
		// DROP COLUMN.
		for _, q := range []string{
			`CREATE TABLE IF NOT EXISTS article_texts (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    text_size   INTEGER NOT NULL, -- the text's length in bytes (sqlar's sz)
    text_z      BLOB NOT NULL     -- the text zlib-compressed, or as it is when that is not smaller (sqlar's data)
)`,
			`INSERT INTO article_texts (article_id, text_size, text_z)
				SELECT id, text_size, text_z FROM articles ORDER BY id
				ON CONFLICT (article_id) DO NOTHING`,
			`ALTER TABLE articles DROP COLUMN text_z`,
			`ALTER TABLE articles DROP COLUMN text_size`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("article texts in their own table: %w", err)
			}
		}
	}
	var companyType string
	if err := tx.QueryRowContext(ctx,
		`SELECT upper(type) FROM pragma_table_info('claim_stats') WHERE name = 'company'`).Scan(&companyType); err != nil {
		return fmt.Errorf("read columns of claim_stats: %w", err)
	}
	if companyType == "INTEGER" {
		return nil
	}
	for _, q := range []string{
		// '' is the market-wide claims' company; a store with a company
		// named '' (none: facts keep NULL) keeps that id.
		`INSERT INTO companies (id, name) VALUES (0, '') ON CONFLICT DO NOTHING`,
		// Corrected names are claims' companies too.
		`INSERT INTO companies (name) SELECT DISTINCT company FROM claim_stats ORDER BY company ON CONFLICT DO NOTHING`,
		`CREATE TABLE claim_stats_coded (
    company             INTEGER NOT NULL, -- companies; 0 ('') for a market-wide figure
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
    confidence          INTEGER NOT NULL, -- the best citation's, in thousandths
    fact                INTEGER NOT NULL, -- the example quote's fact
    review              TEXT,             -- rejected, confirmed, corrected or NULL
    PRIMARY KEY (company, type, last_seen DESC, claim_id)
) WITHOUT ROWID`,
		`INSERT INTO claim_stats_coded SELECT (SELECT c.id FROM companies c WHERE c.name = s.company), type, last_seen, claim_id,
			value, scope, country, facility, status, year, amount, currency, usd, label, first_seen,
			citations, sources, confidence, fact, review
		FROM claim_stats s ORDER BY 1, type, last_seen DESC, claim_id`,
		`DROP TABLE claim_stats`,
		`ALTER TABLE claim_stats_coded RENAME TO claim_stats`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("claim_stats' company as an id: %w", err)
		}
	}
	return nil
}
