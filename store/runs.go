package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/cloudfacts/ingest/fetch"
)

// RunCounts is what a run did, recorded by FinishRun.
type RunCounts struct {
	FilesSeen         int
	ArticlesNew       int
	ArticlesUpdated   int
	ArticlesUnchanged int
	Facts             int
	Skipped           int
	Failed            int
	// Error is set when the run stopped early; "" for a run that finished.
	Error string
	// Interrupted is set when a signal stopped the run; its status is then
	// "interrupted" whatever Error says.
	Interrupted bool
}

// status is the run's status as the runs table names it.
func (c RunCounts) status() string {
	switch {
	case c.Interrupted:
		return "interrupted"
	case c.Error != "":
		return "failed"
	case c.Failed > 0:
		return "partial"
	}
	return "ok"
}

// Failure is a source that failed and has not succeeded since.
type Failure struct {
	Source    string
	Stage     string // fetch, text, extract, store, ...
	Reason    string // the last error
	Attempts  int    // failures since the source last succeeded
	FirstSeen time.Time
	LastSeen  time.Time
	LastRunID int64 // 0 when not recorded
}

// StartRun records the start of a command, with this process's id and host
// (see MarkAbandoned), and returns the run's id.
func (db *DB) StartRun(ctx context.Context, command string, args []string) (int64, error) {
	if args == nil {
		args = []string{}
	}
	argsJSON, err := json.Marshal(args)
	if err != nil {
		return 0, fmt.Errorf("database %s: encode run args: %w", db.path, err)
	}
	var id int64
	err = db.sql.QueryRowContext(ctx,
		`INSERT INTO runs (command, args, started_at, pid, host) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		command, string(argsJSON), now(), os.Getpid(), hostname(),
	).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("database %s: record the start of %q: %w", db.path, command, hint(err))
	}
	return id, nil
}

// FinishRun records a run's counts and end time. Its status becomes "ok",
// "partial" (some items failed), "failed" (c.Error is set) or
// "interrupted" (c.Interrupted).
func (db *DB) FinishRun(ctx context.Context, runID int64, c RunCounts) error {
	res, err := db.sql.ExecContext(ctx, `
		UPDATE runs SET finished_at = ?, status = ?, error = ?,
			files_seen = ?, articles_new = ?, articles_updated = ?,
			articles_unchanged = ?, facts = ?, skipped = ?, failed = ?
		WHERE id = ?`,
		now(), c.status(), nullString(c.Error),
		c.FilesSeen, c.ArticlesNew, c.ArticlesUpdated,
		c.ArticlesUnchanged, c.Facts, c.Skipped, c.Failed,
		runID)
	if err != nil {
		return fmt.Errorf("database %s: record the end of run %d: %w", db.path, runID, hint(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("database %s: record the end of run %d: %w", db.path, runID, ErrNotFound)
	}
	// The indexes a run into an empty store deferred, made before the
	// statistics are taken.
	if err := db.makeIndexes(ctx); err != nil {
		return err
	}
	// A large run changes what the query planner should know of the
	// tables: refresh all the statistics, not only what PRAGMA optimize
	// (on Close) finds stale.
	if c.ArticlesNew+c.ArticlesUpdated >= AnalyzeAfter {
		return db.Analyze(ctx)
	}
	return nil
}

// AnalyzeAfter is how many new or updated articles make FinishRun run
// ANALYZE.
const AnalyzeAfter = 1000

// Analyze gathers the statistics the query planner chooses indexes by
// (ANALYZE): a second or so for 100,000 articles.
func (db *DB) Analyze(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("database %s: analyze: %w", db.path, hint(err))
	}
	return nil
}

// MarkAbandoned marks as "abandoned" the runs still "running" that were
// started on this host by a process that no longer exists (killed, crashed,
// the machine rebooted), and returns how many it marked. Commands that write
// call it when they open the database, so run_log never shows a dead run as
// running. Runs of other hosts are left alone: their processes cannot be
// seen from here.
func (db *DB) MarkAbandoned(ctx context.Context) (int, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT id, pid FROM runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL`, hostname())
	if err != nil {
		return 0, fmt.Errorf("database %s: list running runs: %w", db.path, hint(err))
	}
	var gone []int64
	for rows.Next() {
		var id, pid int64
		if err := rows.Scan(&id, &pid); err != nil {
			rows.Close()
			return 0, fmt.Errorf("database %s: list running runs: %w", db.path, err)
		}
		if !processAlive(int(pid)) {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("database %s: list running runs: %w", db.path, err)
	}
	n := 0
	for _, id := range gone {
		res, err := db.sql.ExecContext(ctx,
			`UPDATE runs SET status = 'abandoned', error = 'its process ended without finishing the run'
			WHERE id = ? AND status = 'running'`, id)
		if err != nil {
			return n, fmt.Errorf("database %s: mark run %d abandoned: %w", db.path, id, hint(err))
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n++
		}
	}
	return n, nil
}

// hostname names this host in runs.host; "" when it cannot be read.
func hostname() string {
	h, _ := os.Hostname()
	return h
}

// processAlive reports whether a process with this id exists on this host.
// A process of another user counts (EPERM): it exists.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// RecordFailure records that source failed at stage. A source that already
// has an open failure gets its attempts counted up and its reason replaced;
// one whose earlier failure was resolved starts again at one attempt.
// runID 0 records no run.
func (db *DB) RecordFailure(ctx context.Context, runID int64, source, stage, reason string) error {
	return recordFailure(ctx, db.sql, runID, source, stage, reason)
}

// RecordFailure is DB.RecordFailure in the batch.
func (b *Batch) RecordFailure(ctx context.Context, runID int64, source, stage, reason string) error {
	return recordFailure(ctx, b.q, runID, source, stage, reason)
}

// execer is a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func recordFailure(ctx context.Context, ex execer, runID int64, source, stage, reason string) error {
	// A URL's password never reaches the failures table.
	source, reason = fetch.Redact(source), fetch.RedactText(reason)
	var run any
	if runID != 0 {
		run = runID
	}
	ts := now()
	_, err := ex.ExecContext(ctx, `
		INSERT INTO failures (source, stage, reason, attempts, first_seen, last_seen, last_run_id)
		VALUES (?1, ?2, ?3, 1, ?4, ?4, ?5)
		ON CONFLICT (source) DO UPDATE SET
			stage = excluded.stage,
			reason = excluded.reason,
			attempts = CASE WHEN resolved_at IS NULL THEN attempts + 1 ELSE 1 END,
			first_seen = CASE WHEN resolved_at IS NULL THEN first_seen ELSE excluded.first_seen END,
			last_seen = excluded.last_seen,
			last_run_id = excluded.last_run_id,
			resolved_at = NULL`,
		source, stage, reason, ts, run)
	if err != nil {
		return fmt.Errorf("store: record failure of %s: %w", source, err) // source is redacted
	}
	return nil
}

// ResolveFailure marks the open failure of source, if any, as resolved: the
// source has since been processed successfully.
func (db *DB) ResolveFailure(ctx context.Context, source string) error {
	return resolveFailure(ctx, db.sql, source)
}

// ResolveFailure is DB.ResolveFailure in the batch.
func (b *Batch) ResolveFailure(ctx context.Context, source string) error {
	return resolveFailure(ctx, b.q, source)
}

func resolveFailure(ctx context.Context, ex execer, source string) error {
	source = fetch.Redact(source) // as recordFailure stored it
	_, err := ex.ExecContext(ctx,
		`UPDATE failures SET resolved_at = ? WHERE source = ? AND resolved_at IS NULL`,
		now(), source)
	if err != nil {
		return fmt.Errorf("store: resolve failure of %s: %w", source, err) // source is redacted
	}
	return nil
}

// Failures returns the open (unresolved) failures, most recent first.
// Resolved ones stay in the failures table as history.
func (db *DB) Failures(ctx context.Context) ([]Failure, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT source, stage, reason, attempts, first_seen, last_seen, last_run_id
		FROM failures WHERE resolved_at IS NULL
		ORDER BY last_seen DESC, source`)
	if err != nil {
		return nil, fmt.Errorf("database %s: list failures: %w", db.path, err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var (
			f           Failure
			first, last string
			run         sql.NullInt64
		)
		if err := rows.Scan(&f.Source, &f.Stage, &f.Reason, &f.Attempts, &first, &last, &run); err != nil {
			return nil, fmt.Errorf("store: read failure: %w", err)
		}
		if f.FirstSeen, err = time.Parse(timeFormat, first); err != nil {
			return nil, fmt.Errorf("store: failure %s: first_seen: %w", f.Source, err)
		}
		if f.LastSeen, err = time.Parse(timeFormat, last); err != nil {
			return nil, fmt.Errorf("store: failure %s: last_seen: %w", f.Source, err)
		}
		f.LastRunID = run.Int64
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("database %s: list failures: %w", db.path, err)
	}
	return out, nil
}
