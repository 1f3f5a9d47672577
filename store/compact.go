package store

import (
	"context"
	"database/sql"
	"fmt"
)

// compactStore is the Go part of migration 15: article text compressed
// (articles.text becomes text_z and text_size, see sqlar.go) and each
// fact's rule name kept once in rules (facts.rule becomes rule_id). Parts
// already done are skipped, so the migration can be applied again. The
// views that read facts or articles are dropped first and created again by
// the migration's SQL.
func compactStore(ctx context.Context, tx *sql.Tx) error {
	has := func(table, col string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx,
			`SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("read columns of %s: %w", table, err)
		}
		return n > 0, nil
	}
	// SQLite checks the views at the second DROP COLUMN; applyMigration
	// has dropped them all (viewsFileVersion), so none reads a dropped
	// column.
	text, err := has("articles", "text")
	if err != nil {
		return err
	}
	if text {
		z, err := has("articles", "text_z")
		if err != nil {
			return err
		}
		if !z {
			if _, err := tx.ExecContext(ctx, `
				ALTER TABLE articles ADD COLUMN text_z BLOB NOT NULL DEFAULT x'';
				ALTER TABLE articles ADD COLUMN text_size INTEGER NOT NULL DEFAULT 0`); err != nil {
				return fmt.Errorf("add articles.text_z: %w", err)
			}
		}
		// sqlar_compress is this program's (sqlar.go); no trigger
		// watches these columns.
		if _, err := tx.ExecContext(ctx, `
			UPDATE articles SET text_z = sqlar_compress(CAST(text AS BLOB)), text_size = length(CAST(text AS BLOB));
			ALTER TABLE articles DROP COLUMN text`); err != nil {
			return fmt.Errorf("compress article text: %w", err)
		}
	}
	rule, err := has("facts", "rule")
	if err != nil {
		return err
	}
	if rule {
		id, err := has("facts", "rule_id")
		if err != nil {
			return err
		}
		if !id {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE facts ADD COLUMN rule_id INTEGER REFERENCES rules (id)`); err != nil {
				return fmt.Errorf("add facts.rule_id: %w", err)
			}
		}
		// Setting rule_id changes no claim: the trigger that would mark
		// every claim for recomputing goes while it is set (the
		// migration's SQL creates it again).
		for _, q := range []string{
			`CREATE TABLE IF NOT EXISTS rules (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`,
			`INSERT INTO rules (name) SELECT DISTINCT rule FROM facts
				WHERE rule IS NOT NULL AND rule NOT IN (SELECT name FROM rules) ORDER BY rule`,
			`DROP TRIGGER IF EXISTS facts_claim_update`,
			`UPDATE facts SET rule_id = (SELECT r.id FROM rules r WHERE r.name = facts.rule)`,
			`ALTER TABLE facts DROP COLUMN rule`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("move fact rules to rules: %s: %w", q, err)
			}
		}
	}
	return nil
}
