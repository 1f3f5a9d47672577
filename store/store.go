// Package store keeps articles, the facts read from them, runs and failures
// in one SQLite file. The schema and its views (claims, expansions,
// footprint, counts, money_facts, summary, open_failures, run_log) are meant
// to be read by analysts in the sqlite3 shell.
//
// Several processes may use one file at once: connections run in WAL mode
// with a busy timeout, and every write transaction begins IMMEDIATE so a
// writer waits for the lock instead of failing on a lock upgrade.
package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"sync/atomic"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is an open fact store. It is safe for concurrent use.
type DB struct {
	sql      *sql.DB
	path     string // for error messages
	readOnly bool   // OpenReadOnly: Close writes nothing
	// writer holds the connection batches write on while no batch is
	// open (nil until the first batch): see Begin.
	writer chan *sql.Conn
	// deferChecked: the first batch has looked whether the store has
	// facts (deferIndexes; read and set under the writer token).
	deferChecked bool
	// deferred: it dropped the deferred indexes, and makeIndexes has not
	// made them yet.
	deferred atomic.Bool
	// resummarize: this handle's migration left every claim waiting
	// (migration 19), for open to store them again.
	resummarize bool
}

func newDB(db *sql.DB, path string, readOnly bool) *DB {
	s := &DB{sql: db, path: path, readOnly: readOnly, writer: make(chan *sql.Conn, 1)}
	s.writer <- nil
	return s
}

// ErrNotFound is returned when an article id does not exist.
var ErrNotFound = errors.New("store: not found")

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are applied in order; migration i brings user_version to i+1.
// Never edit or reorder an applied migration: append a new file instead.
var migrations = []string{
	"migrations/0001_schema.sql",
	"migrations/0002_views.sql",
	"migrations/0003_feeds.sql",
	"migrations/0004_file_modified.sql",
	"migrations/0005_canonical_paths.sql",
	"migrations/0006_runs_and_redaction.sql",
	"migrations/0007_readable_redaction.sql",
	"migrations/0008_syndication.sql",
	"migrations/0009_claims.sql",
	"migrations/0010_timelines.sql",
	"migrations/0011_review_indexes.sql",
	"migrations/0012_fast_review.sql",
	"migrations/0013_lean_facts.sql",
	"migrations/0014_conflict_cache.sql",
	"migrations/0015_compact_store.sql",
	"migrations/0016_codes.sql",
	"migrations/0017_lean.sql",
	"migrations/0018_texts.sql",
	"migrations/0019_claims_by_key.sql",
}

// stampFormat is how the store writes its own timestamps (UTC): ISO 8601
// with fixed-width milliseconds, so text order is time order.
const stampFormat = "2006-01-02T15:04:05.000Z07:00"

// timeFormat parses stamps and writes and parses published dates, which keep
// the article's own UTC offset.
const timeFormat = time.RFC3339

// Open opens (creating if needed) the store at path and brings its schema up
// to date. It is for commands that write new data (run, crawl, feeds add);
// the others use OpenExisting or OpenReadOnly, so that a mistyped path is an
// error rather than a new empty database.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, modeCreate)
}

// OpenExisting opens the store at path for reading and writing, like Open,
// but fails with an error wrapping ErrNoDatabase when the file does not
// exist.
func OpenExisting(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, modeExisting)
}

// OpenReadOnly opens an existing store for reading only (SQLite's
// mode=ro): nothing is written, so it works on a file in a folder the user
// cannot write to. Only a store whose schema is older than this program's is
// opened for writing, to migrate it, as OpenExisting does.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, modeReadOnly)
}

// ErrNoDatabase is wrapped by the error of OpenExisting and OpenReadOnly for
// a path where there is no file.
var ErrNoDatabase = errors.New("does not exist")

type openMode int

const (
	modeCreate openMode = iota
	modeExisting
	modeReadOnly
)

func open(ctx context.Context, path string, mode openMode) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	if mode != modeCreate {
		st, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("database %s %w", path, ErrNoDatabase)
		case err != nil:
			return nil, fmt.Errorf("database %s: %w", path, err)
		case st.IsDir():
			return nil, fmt.Errorf("database %s: is a folder", path)
		}
	}
	if mode == modeReadOnly {
		return openReadOnly(ctx, path)
	}
	if mode == modeCreate {
		if err := createPrivate(path); err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	s := newDB(db, path, false)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, hint(err))
	}
	// A command that writes is where a dead run is noticed: its row stops
	// saying "running".
	if n, err := s.MarkAbandoned(ctx); err != nil {
		db.Close()
		return nil, err
	} else if n > 0 {
		slog.DebugContext(ctx, "marked runs abandoned: their processes are gone", "runs", n)
	}
	// A run that deferred indexes (deferIndexes) and died left them to
	// the next command that writes.
	if err := s.makeIndexes(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if s.resummarize {
		// Once, as a migration's work: the views would compute every
		// claim afresh on every read until the next writer closes. A
		// failure loses nothing: the claims stay waiting for that close.
		if err := s.RefreshClaims(ctx); err != nil {
			slog.WarnContext(ctx, "claims left to refresh", "database", path, "err", hint(err))
		}
	}
	return s, nil
}

// createPrivate creates a missing database file readable and writable by
// its owner only (0600, narrowed further by the umask), before SQLite opens
// it: the database holds feed URLs, which may carry credentials, and SQLite
// gives its -wal and -shm files the main file's mode. An existing file is
// left as it is.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil
	case err != nil:
		return err
	}
	return f.Close()
}

// openReadOnly opens path with mode=ro. A database in WAL mode needs its
// -shm file to be read; when that cannot be created (the folder is not
// writable) and does not exist, no writer has the file open, and it is read
// as immutable.
func openReadOnly(ctx context.Context, path string) (*DB, error) {
	var (
		db  *sql.DB
		v   int
		err error
	)
	for _, immutable := range []bool{false, true} {
		db, err = sql.Open("sqlite", readOnlyDSN(path, immutable))
		if err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
		if err == nil {
			break
		}
		db.Close()
		var se *sqlite.Error
		if immutable || !errors.As(err, &se) || se.Code() != sqlite3.SQLITE_READONLY_DIRECTORY {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
	}
	switch {
	case v < len(migrations):
		// An older schema: upgrade it, which needs write access.
		db.Close()
		return open(ctx, path, modeExisting)
	case v > len(migrations):
		db.Close()
		return nil, fmt.Errorf("database %s: schema version %d is newer than this program knows (%d)", path, v, len(migrations))
	}
	// Views made from another views.sql are made again, which needs write
	// access; without it (a folder the user cannot write to) the store's
	// own views, of the same schema, serve.
	if h, err := storedViewsHash(ctx, db); err == nil && h != viewsHash {
		if w, err := open(ctx, path, modeExisting); err == nil {
			w.Close()
		} else {
			slog.DebugContext(ctx, "views left as they are", "database", path, "err", err)
		}
	}
	return newDB(db, path, true), nil
}

// hint adds the likely cause to SQLite's terse read-only errors.
func hint(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_READONLY {
		return fmt.Errorf("%w (is the file, and its folder, writable?)", err)
	}
	return err
}

// dsn builds a file: URI so that any path (spaces, '?', '#') reaches SQLite
// intact, with pragmas that every pooled connection applies on connect.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + url.PathEscape(path) + "?" + q.Encode()
}

// readOnlyDSN is dsn for OpenReadOnly: no journal-mode change, which would
// write, and query_only as a second guard.
func readOnlyDSN(path string, immutable bool) string {
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	return "file:" + url.PathEscape(path) + "?" + q.Encode()
}

// Close closes the database. A handle opened for writing first runs
// PRAGMA optimize, which re-analyzes the tables whose statistics are stale
// or missing (cheap: usually nothing to do; bounded by analysis_limit), so
// that the planner keeps choosing the review indexes.
//
// First it stores the claims written through it, or by any other
// process, since claim_stats was last brought up to date (RefreshClaims).
func (db *DB) Close() error {
	select {
	case c := <-db.writer:
		if c != nil {
			c.Close()
		}
	default: // a batch is open: its connection closes with the pool
	}
	var err error
	if !db.readOnly {
		// The claims' refresh reads facts by claim.
		if e := db.makeIndexes(context.Background()); e != nil {
			slog.Warn("indexes not made", "err", e)
		}
		// A refresh that fails (another process holds the lock past the
		// busy timeout) loses nothing: the views compute the claims left
		// in claim_dirty, and the next writer's Close stores them.
		if e := db.RefreshClaims(context.Background()); e != nil {
			slog.Warn("claims left to refresh", "database", db.path, "err", hint(e))
		}
		_, err = db.sql.Exec("PRAGMA analysis_limit = 1000; PRAGMA optimize")
		if err != nil {
			err = fmt.Errorf("database %s: optimize: %w", db.path, hint(err))
		}
	}
	return errors.Join(err, db.sql.Close())
}

// migrate applies the missing migrations, each in its own IMMEDIATE
// transaction that re-reads user_version: when two processes open a fresh
// file at once, the second waits for the first and then finds nothing to do.
func (db *DB) migrate(ctx context.Context) error {
	// A current schema needs no write transaction at all.
	var current int
	if err := retryBusy(ctx, func() error {
		return db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current)
	}); err != nil {
		return fmt.Errorf("read user_version: %w", err)
	}
	if current == len(migrations) {
		return db.applyViews(ctx, false)
	}
	if err := db.applyMigrations(ctx, len(migrations)); err != nil {
		return err
	}
	var v int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read user_version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d)", v, len(migrations))
	}
	if err := db.applyViews(ctx, current < len(migrations)); err != nil {
		return err
	}
	db.resummarize = current > 0 && current < claimsByKeyVersion && v >= claimsByKeyVersion
	if current > 0 && (current < compactVersion && v >= compactVersion || current < leanVersion && v >= leanVersion ||
		current < textsVersion && v >= textsVersion) {
		db.vacuum(ctx)
	}
	return nil
}

// applyMigrations applies the missing migrations up to version, in
// order. migrate applies them all; tests stop earlier to get a store as a
// program of that version left it, made by the same code.
func (db *DB) applyMigrations(ctx context.Context, version int) error {
	for i, name := range migrations[:version] {
		if err := db.applyMigration(ctx, i+1, name); err != nil {
			return err
		}
	}
	return nil
}

// compactVersion is the migration that compresses article text: it
// leaves the pages of the uncompressed text free, about half the file.
const compactVersion = 15

// leanVersion is the migration that makes facts and claim_stats again,
// smaller: the old tables' pages are left free.
const leanVersion = 17

// textsVersion is the migration that moves article text to a table of
// its own and makes claim_stats again: the old pages are left free.
const textsVersion = 18

// claimsByKeyVersion is the migration that leaves every claim waiting,
// to be summarized again by the views' stable tie-breaks.
const claimsByKeyVersion = 19

// vacuum gives a store's free pages back to the file system, once, after
// migration 15, 17 or 18. It may fail (another process has the store open):
// nothing is lost, the free pages are used again as the store grows.
func (db *DB) vacuum(ctx context.Context) {
	slog.DebugContext(ctx, "compacting the database after its migration", "database", db.path)
	if _, err := db.sql.ExecContext(ctx, "VACUUM"); err != nil {
		slog.WarnContext(ctx, "database not compacted", "database", db.path, "err", hint(err))
	}
}

// retryBusy runs f again while SQLite answers SQLITE_BUSY without having
// waited: a connection that finds a fresh file being switched to WAL by
// another process gets BUSY at once, busy_timeout notwithstanding. It gives
// up after about ten seconds, like the busy timeout.
func retryBusy(ctx context.Context, f func() error) error {
	delay := 5 * time.Millisecond
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := f()
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(delay):
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

func (db *DB) applyMigration(ctx context.Context, version int, name string) error {
	body, err := migrationFiles.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	// Migrations 16 to 18 make tables again (create, copy, drop, rename)
	// while triggers of other tables name the one dropped in between
	// (articles_claim_update reads facts): SQLite's ALTER TABLE RENAME
	// checks every trigger and view and would refuse.
	// legacy_alter_table skips that check; no migration renames a table
	// that something else names.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin %s: %w", name, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA legacy_alter_table = ON"); err != nil {
		return fmt.Errorf("begin %s: %w", name, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA legacy_alter_table = OFF")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin %s: %w", name, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read user_version: %w", err)
	}
	if current >= version {
		return nil
	}
	if current != version-1 {
		return fmt.Errorf("schema version %d cannot take %s", current, name)
	}
	// Views are views.sql's: made again after the migrations.
	if version >= viewsFileVersion {
		if err := dropAllViews(ctx, tx); err != nil {
			return fmt.Errorf("apply %s: %w", name, err)
		}
	}
	// A migration's Go part (migrationHooks) runs first, in its transaction.
	if hook := migrationHooks[version]; hook != nil {
		if err := hook(ctx, tx); err != nil {
			return fmt.Errorf("apply %s: %w", name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	// PRAGMA takes no bound parameters; version is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return fmt.Errorf("set user_version %d: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit %s: %w", name, err)
	}
	// Debug: commands are quiet on success (cron mails whatever they print).
	slog.DebugContext(ctx, "applied migration", "migration", name, "user_version", version)
	return nil
}

// ContentHash is the hash the store keeps of an article's text: when it and
// the extractor version are unchanged, the article need not be re-extracted.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// hashBytes is a ContentHash as articles.content_hash keeps it: its 32
// bytes (migration 18; the views show it in hex, as before). A string
// that is not hex stays as it is, and matches nothing stored.
func hashBytes(hash string) any {
	b, err := hex.DecodeString(hash)
	if err != nil {
		return hash
	}
	return b
}

func now() string {
	return time.Now().UTC().Format(stampFormat)
}

// nullString maps "" to NULL, the fact model's "unset".
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullFloat(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}
