package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

func TestRuns(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	tests := []struct {
		name       string
		counts     RunCounts
		wantStatus string
	}{
		{"clean", RunCounts{FilesSeen: 10, ArticlesNew: 7, ArticlesUpdated: 2, ArticlesUnchanged: 1, Facts: 42}, "ok"},
		{"some failed", RunCounts{FilesSeen: 3, ArticlesNew: 1, Skipped: 1, Failed: 1}, "partial"},
		{"stopped", RunCounts{FilesSeen: 1, Error: "disk full"}, "failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := db.StartRun(ctx, "ingest", []string{"--dir", "articles/", tt.name})
			if err != nil {
				t.Fatal(err)
			}
			var status string
			if err := db.sql.QueryRow("SELECT status FROM runs WHERE id = ?", id).Scan(&status); err != nil || status != "running" {
				t.Errorf("status before finish = %q, %v; want running", status, err)
			}
			if err := db.FinishRun(ctx, id, tt.counts); err != nil {
				t.Fatal(err)
			}
			var (
				got     RunCounts
				errText sql.NullString
				args    string
			)
			err = db.sql.QueryRow(`SELECT status, error, args, files, new, updated, unchanged, facts, skipped, failed
				FROM run_log WHERE id = ? AND seconds IS NOT NULL`, id).Scan(
				&status, &errText, &args, &got.FilesSeen, &got.ArticlesNew, &got.ArticlesUpdated,
				&got.ArticlesUnchanged, &got.Facts, &got.Skipped, &got.Failed)
			if err != nil {
				t.Fatal(err)
			}
			got.Error = errText.String
			if got != tt.counts {
				t.Errorf("counts = %+v, want %+v", got, tt.counts)
			}
			if status != tt.wantStatus {
				t.Errorf("status = %q, want %q", status, tt.wantStatus)
			}
			if want := `["--dir","articles/","` + tt.name + `"]`; args != want {
				t.Errorf("args = %s, want %s", args, want)
			}
		})
	}
	if err := db.FinishRun(ctx, 9999, RunCounts{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishRun(missing) = %v, want ErrNotFound", err)
	}
	if id, err := db.StartRun(ctx, "export", nil); err != nil {
		t.Error(err)
	} else if n := queryInt(t, db, "SELECT count(*) FROM runs WHERE id = ? AND args = '[]'", id); n != 1 {
		t.Error("nil args not stored as []")
	}
}

func TestFailures(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	run1, err := db.StartRun(ctx, "ingest", nil)
	if err != nil {
		t.Fatal(err)
	}
	run2, err := db.StartRun(ctx, "ingest", nil)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		source, stage, reason string
		attempts              int
		run                   int64
	}
	steps := []struct {
		name string
		do   func() error
		open []want // Failures() after the step, most recent first
	}{
		{"first failure", func() error { return db.RecordFailure(ctx, run1, "a.html", "fetch", "timeout") },
			[]want{{"a.html", "fetch", "timeout", 1, run1}}},
		{"same source again", func() error { return db.RecordFailure(ctx, run2, "a.html", "text", "no main text") },
			[]want{{"a.html", "text", "no main text", 2, run2}}},
		{"another source, no run", func() error { return db.RecordFailure(ctx, 0, "b.html", "extract", "panic") },
			[]want{{"b.html", "extract", "panic", 1, 0}, {"a.html", "text", "no main text", 2, run2}}},
		{"a succeeds", func() error { return db.ResolveFailure(ctx, "a.html") },
			[]want{{"b.html", "extract", "panic", 1, 0}}},
		{"resolving twice or unknown is harmless", func() error {
			if err := db.ResolveFailure(ctx, "a.html"); err != nil {
				return err
			}
			return db.ResolveFailure(ctx, "never-failed.html")
		}, []want{{"b.html", "extract", "panic", 1, 0}}},
		{"a fails anew: attempts restart", func() error { return db.RecordFailure(ctx, run2, "a.html", "fetch", "404") },
			[]want{{"a.html", "fetch", "404", 1, run2}, {"b.html", "extract", "panic", 1, 0}}},
	}
	for _, s := range steps {
		// Timestamps have millisecond resolution; keep "most recent" distinct.
		time.Sleep(2 * time.Millisecond)
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got, err := db.Failures(ctx)
		if err != nil {
			t.Fatalf("%s: Failures: %v", s.name, err)
		}
		if len(got) != len(s.open) {
			t.Fatalf("%s: %d open failures %+v, want %d", s.name, len(got), got, len(s.open))
		}
		for i, w := range s.open {
			g := got[i]
			if g.Source != w.source || g.Stage != w.stage || g.Reason != w.reason || g.Attempts != w.attempts || g.LastRunID != w.run {
				t.Errorf("%s: failure %d = %+v, want %+v", s.name, i, g, w)
			}
			if g.FirstSeen.IsZero() || g.LastSeen.Before(g.FirstSeen) {
				t.Errorf("%s: %s seen %v..%v", s.name, g.Source, g.FirstSeen, g.LastSeen)
			}
		}
		if n := queryInt(t, db, "SELECT count(*) FROM open_failures"); n != len(s.open) {
			t.Errorf("%s: open_failures has %d rows, want %d", s.name, n, len(s.open))
		}
	}
	// a.html's first failure was resolved, so its open failure started later.
	got, _ := db.Failures(ctx)
	if !got[0].FirstSeen.After(got[1].FirstSeen) {
		t.Errorf("a.html first_seen %v not reset after resolution (b.html %v)", got[0].FirstSeen, got[1].FirstSeen)
	}
	// Deleting a run keeps the failure and forgets the run.
	if _, err := db.sql.Exec("DELETE FROM runs WHERE id = ?", run2); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM failures WHERE source = 'a.html' AND last_run_id IS NULL"); n != 1 {
		t.Error("deleting a run did not clear last_run_id")
	}
}
