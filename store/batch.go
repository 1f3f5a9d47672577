package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
)

// Batch is one write transaction that many articles are saved in: a run
// commits every few hundred articles rather than each one, and prepares
// each statement once per batch rather than once per article. Each
// article's writes are a unit of their own (a savepoint: see Do), so one
// article that cannot be stored costs only itself; a crash loses at most
// what the batch has not committed, and an article is committed with its
// facts or not at all.
//
// A Batch holds SQLite's write lock from Begin to Commit or Rollback:
// other writers, in this process or another, wait for it (busy_timeout),
// so keep batches short. It is not safe for concurrent use.
//
// Its statements run to completion when ctx is cancelled: an interrupted
// write inside a transaction may roll back the whole transaction, which
// would lose the articles stored before it. The caller checks ctx between
// articles and commits what it has.
type Batch struct {
	db   *DB
	conn *sql.Conn // db's write connection, returned to db.writer when done
	q    *cachedTx
}

// Begin starts a batch (BEGIN IMMEDIATE: the write lock is taken now). It
// fails with ctx's error when ctx is already done; later cancellation of
// ctx neither interrupts nor rolls back the batch.
//
// Batches of one DB are written on one connection of its own, one batch at
// a time (Begin waits for the open one to end), so that its page cache
// stays warm from one batch to the next; the other connections keep
// SQLite's small default cache.
func (db *DB) Begin(ctx context.Context) (*Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var conn *sql.Conn
	select {
	case conn = <-db.writer:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx = context.WithoutCancel(ctx)
	if conn == nil {
		c, err := db.writeConn(ctx)
		if err != nil {
			db.writer <- nil
			return nil, fmt.Errorf("database %s: %w", db.path, hint(err))
		}
		conn = c
		if !db.deferChecked {
			db.deferChecked = true
			if err := db.deferIndexes(ctx, conn); err != nil {
				slog.WarnContext(ctx, "indexes not deferred", "database", db.path, "err", hint(err))
			}
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		// A connection that cannot begin is not kept: the next batch
		// opens another.
		conn.Close()
		db.writer <- nil
		return nil, fmt.Errorf("database %s: begin: %w", db.path, hint(err))
	}
	return &Batch{db: db, conn: conn, q: &cachedTx{tx: tx, stmts: map[string]*sql.Stmt{}}}, nil
}

// Write connection settings. The statement journal of the per-article
// savepoints stays in memory rather than in a temporary file (written to
// for every page an article changes: a fifth of the writer's time over
// 10,000 articles). The page cache, held from one batch to the next, is
// 4 MiB (SQLite's default is 2). 16 MiB cut the saves' CPU by a fifth in
// BenchmarkSaveArticleBatch over 30,000 articles, but end to end
// ("ingest bench -n 10000", quiet machine) it raised peak RSS from 134 to
// 154 MiB, over the 150 MiB budget, for no measurable throughput (612 vs
// 592 articles/s). Checkpoints come every 4,000 pages (16 MB) of WAL
// rather than every 1,000: a page written by several batches is copied to
// the database once.
const writeConnPragmas = `PRAGMA cache_size = -4096; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 4000`

func (db *DB) writeConn(ctx context.Context) (*sql.Conn, error) {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := c.ExecContext(ctx, writeConnPragmas); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Commit commits what the batch's units wrote. The batch cannot be used
// afterwards.
func (b *Batch) Commit() error {
	if b.q.err == errBatchDone {
		return sql.ErrTxDone
	}
	if err := b.q.err; err != nil {
		b.Rollback()
		return fmt.Errorf("database %s: batch not committed: %w", b.db.path, err)
	}
	if err := b.q.writeTexts(context.Background()); err != nil {
		b.q.fail(err)
		b.Rollback()
		return fmt.Errorf("database %s: batch not committed: %w", b.db.path, err)
	}
	b.q.err = errBatchDone
	err := b.q.tx.Commit()
	b.db.writer <- b.conn
	if err != nil {
		return fmt.Errorf("database %s: commit: %w", b.db.path, hint(err))
	}
	return nil
}

// Rollback discards what the batch wrote. It may be called after Commit
// (as a deferred clean-up), when it does nothing.
func (b *Batch) Rollback() error {
	if b.q.err == errBatchDone {
		return nil
	}
	b.q.err = errBatchDone
	err := b.q.tx.Rollback()
	b.db.writer <- b.conn
	if err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("database %s: rollback: %w", b.db.path, err)
	}
	return nil
}

var errBatchDone = errors.New("the batch was committed or rolled back")

// Do runs f as one unit of the batch: when f returns an error, what f
// wrote is rolled back (to a savepoint) and the batch goes on without it.
// Do returns f's error. When the rollback itself fails, SQLite has given
// up the whole transaction (a full disk, an I/O error): Do returns both
// errors and Commit fails.
func (b *Batch) Do(ctx context.Context, f func() error) error {
	if _, err := b.q.ExecContext(ctx, "SAVEPOINT unit"); err != nil {
		return b.q.fail(fmt.Errorf("store: savepoint: %w", err))
	}
	texts := len(b.q.texts)
	ferr := f()
	if ferr == nil {
		if _, err := b.q.ExecContext(ctx, "RELEASE unit"); err != nil {
			return b.q.fail(fmt.Errorf("store: release savepoint: %w", err))
		}
		return nil
	}
	// Rule and company ids looked up in the unit may be rolled back with
	// it, and its texts are not written.
	b.q.rules, b.q.companies = nil, nil
	b.q.texts = b.q.texts[:texts]
	_, err := b.q.ExecContext(ctx, "ROLLBACK TO unit")
	if err == nil {
		_, err = b.q.ExecContext(ctx, "RELEASE unit")
	}
	if err != nil {
		return errors.Join(ferr, b.q.fail(fmt.Errorf("store: roll back to savepoint: %w", err)))
	}
	return ferr
}

// cachedTx runs statements in a transaction, each prepared once for the
// transaction's life (database/sql closes them with it). Its statements
// are never interrupted: see Batch.
type cachedTx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// rules are the ids of the rule names (table rules) known to exist in
	// the transaction.
	rules map[string]int64
	// companies are the ids of the company names (table companies),
	// likewise.
	companies map[string]int64
	// texts are the texts of the articles saved in the transaction,
	// written when it commits (writeTexts, textpack.go).
	texts []pendingText
	// err is set when the transaction cannot be committed: no statement
	// runs after it (SQLite may have rolled the transaction back, and the
	// connection would write outside it).
	err error
}

// fail marks the transaction as unusable and returns err.
func (c *cachedTx) fail(err error) error {
	if c.err == nil {
		c.err = err
	}
	return err
}

// querier is what the store's reads and writes run on: the pool (*sql.DB)
// or a batch's transaction (*cachedTx). Reads of one row go through
// queryRow.
type querier interface {
	execer
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// PrepareContext returns query prepared in the transaction, once: the
// statement is the transaction's, which closes it; the caller must not.
func (c *cachedTx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	ctx = context.WithoutCancel(ctx)
	if c.err != nil {
		return nil, fmt.Errorf("store: batch unusable: %w", c.err)
	}
	if s, ok := c.stmts[query]; ok {
		return s, nil
	}
	s, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = s
	return s, nil
}

func (c *cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx)
	s, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (c *cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = context.WithoutCancel(ctx)
	s, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// rowScanner is a row: a *sql.Row, or errRow.
type rowScanner interface {
	Scan(dest ...any) error
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// queryRow runs a query that returns at most one row: on the pool, or in
// a batch, prepared once per batch.
func queryRow(ctx context.Context, q querier, query string, args ...any) rowScanner {
	c, ok := q.(*cachedTx)
	if !ok {
		return q.(interface {
			QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
		}).QueryRowContext(ctx, query, args...) // *sql.DB, *sql.Tx
	}
	ctx = context.WithoutCancel(ctx)
	s, err := c.PrepareContext(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return s.QueryRowContext(ctx, args...)
}

// inBatch runs f in a batch of its own and commits it: the single-article
// writes of DB (SaveArticle, ReplaceFacts, ...).
func (db *DB) inBatch(ctx context.Context, f func(b *Batch) error) error {
	b, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	defer b.Rollback()
	if err := f(b); err != nil {
		return err
	}
	return b.Commit()
}
