package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"fmt"
	"log/slog"
)

// viewsSQL defines every view of the store, once. Migrations change
// tables only: after them, a store whose views were made from another
// text of views.sql (or by the migrations themselves, before there was a
// views.sql) has every view dropped and made again from this one.
//
//go:embed views.sql
var viewsSQL string

// viewsHash identifies the text of views.sql; schema_views keeps the hash
// of the text the store's views were made from.
var viewsHash = func() string {
	sum := sha256.Sum256([]byte(viewsSQL))
	return hex.EncodeToString(sum[:])
}()

// storedViewsHash returns the hash of the views.sql the store's views were
// made from, "" when they were not (a store older than views.sql).
func storedViewsHash(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (string, error) {
	var n int
	if err := q.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_views'`).Scan(&n); err != nil {
		return "", fmt.Errorf("read views version: %w", err)
	}
	if n == 0 {
		return "", nil
	}
	var h string
	if err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT hash FROM schema_views), '')`).Scan(&h); err != nil {
		return "", fmt.Errorf("read views version: %w", err)
	}
	return h, nil
}

// applyViews makes the store's views from views.sql unless they were made
// from this text already, in one IMMEDIATE transaction that reads the
// hash again: of two processes opening a store at once, the second finds
// nothing to do. After migrations (force) it makes them whatever the hash
// says: a migration applied again (a store whose user_version was set
// back) may have dropped them, or made those of its own time.
func (db *DB) applyViews(ctx context.Context, force bool) error {
	if h, err := storedViewsHash(ctx, db.sql); err != nil {
		return err
	} else if h == viewsHash && !force {
		return nil
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin views: %w", err)
	}
	defer tx.Rollback()
	if h, err := storedViewsHash(ctx, tx); err != nil {
		return err
	} else if h == viewsHash && !force {
		return nil
	}
	if err := dropAllViews(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, viewsSQL); err != nil {
		return fmt.Errorf("create views: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_views (hash TEXT NOT NULL);
		DELETE FROM schema_views;
		INSERT INTO schema_views (hash) VALUES (?)`, viewsHash); err != nil {
		return fmt.Errorf("record views version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit views: %w", err)
	}
	slog.DebugContext(ctx, "made the views", "database", db.path)
	return nil
}

// dropAllViews drops every view: views.sql makes them again. Migrations
// from viewsFileVersion on call it first, so that no view stands in the
// way of a table they change.
func dropAllViews(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'view'`)
	if err != nil {
		return fmt.Errorf("list views: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("list views: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list views: %w", err)
	}
	for _, n := range names {
		// n is a view's name as SQLite keeps it: quoted as an identifier.
		if _, err := tx.ExecContext(ctx, `DROP VIEW IF EXISTS "`+n+`"`); err != nil {
			return fmt.Errorf("drop view %s: %w", n, err)
		}
	}
	return nil
}

// viewsFileVersion is the first migration that finds no view
// (applyMigration drops them all first): 16, written after views.sql, and
// 15, whose statements read no view (its copies of the views were taken
// out once views.sql made them). Migrations before it read views in their
// own statements (0013 fills claim_stats from claim_dirty_stats, 0014
// conflict_cache from conflicts_live) and keep them.
const viewsFileVersion = 15
