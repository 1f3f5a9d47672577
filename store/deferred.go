package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
)

// deferredIndexes are the indexes of facts that no write of a run reads:
// the review reads' (by company and type, by claim, investments,
// closures). A run into a store without facts makes them once at its end
// (CREATE INDEX sorts the facts and writes full pages) instead of
// inserting into them fact by fact: their keys come in no order, so over
// 100,000 articles every fact dirtied pages of B-trees larger than the
// writer's page cache, and random insertion left their pages a tenth
// empty. The statements are migration 0017's, word for word (a test
// holds them to it).
var deferredIndexes = []string{
	`CREATE INDEX IF NOT EXISTS facts_company_type ON facts (company, type)`,
	`CREATE INDEX IF NOT EXISTS facts_claim ON facts (claim_id)`,
	`CREATE INDEX IF NOT EXISTS facts_investment ON facts (company, currency, amount)
    WHERE type = 4`,
	`CREATE INDEX IF NOT EXISTS facts_closed ON facts (company, country)
    WHERE type = 3 AND status = 1`,
}

// deferredIndexNames are the names of deferredIndexes, in order.
var deferredIndexNames = []string{"facts_company_type", "facts_claim", "facts_investment", "facts_closed"}

// deferIndexes drops deferredIndexes when the store has no fact: the
// first batch of a handle calls it on the write connection, before its
// transaction. makeIndexes makes them again; until it runs (FinishRun,
// Close, or the next Open for writing after a crash) the review reads
// are slow, not wrong.
func (db *DB) deferIndexes(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM facts)`).Scan(&empty); err != nil {
		return err
	}
	if !empty {
		return nil
	}
	for _, name := range deferredIndexNames {
		// name is one of this file's.
		if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS `+name); err != nil {
			return err
		}
	}
	slog.DebugContext(ctx, "indexes of facts deferred to the end of the run", "database", db.path)
	if err := tx.Commit(); err != nil {
		return err
	}
	db.deferred.Store(true)
	return nil
}

// makeIndexes makes the deferredIndexes that are missing: nothing when
// they are there. While another process's run is running (it deferred
// them, and makes them at its end) it leaves them to that run: CREATE
// INDEX over a large store holds the write lock for longer than the
// run's batches wait for it (busy_timeout).
func (db *DB) makeIndexes(ctx context.Context) error {
	var missing int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM json_each(?) j
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = j.value)`,
		jsonArray(deferredIndexNames)).Scan(&missing); err != nil {
		return fmt.Errorf("database %s: indexes: %w", db.path, err)
	}
	if missing == 0 {
		return nil
	}
	if !db.deferred.Load() {
		var running bool
		if err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM runs WHERE status = 'running')`).Scan(&running); err != nil {
			return fmt.Errorf("database %s: indexes: %w", db.path, err)
		}
		if running {
			slog.DebugContext(ctx, "indexes left to the run that deferred them", "database", db.path)
			return nil
		}
	}
	// SQLite's sorter gets a helper thread (PRAGMA threads = 1), so the
	// index builds use the second core the workers have left. The sixth
	// stop tried it when a run's heap was twice today's and the run's end
	// came to 158 MiB resident; see README (Performance) for today's.
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("database %s: make indexes: %w", db.path, hint(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `PRAGMA threads = 1`); err != nil {
		return fmt.Errorf("database %s: make indexes: %w", db.path, hint(err))
	}
	for _, q := range deferredIndexes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("database %s: make indexes: %w", db.path, hint(err))
		}
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA threads = 0`); err != nil {
		return fmt.Errorf("database %s: make indexes: %w", db.path, hint(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("database %s: make indexes: %w", db.path, hint(err))
	}
	db.deferred.Store(false)
	return nil
}

// jsonArray is names as a JSON array of strings (names are identifiers).
func jsonArray(names []string) string {
	s := "["
	for i, n := range names {
		if i > 0 {
			s += ","
		}
		s += `"` + n + `"`
	}
	return s + "]"
}
