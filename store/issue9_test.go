package store

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/crawl"
)

// The database and its -wal and -shm files are private to their owner,
// whatever the umask allows beyond 0600.
func TestOpenCreatesPrivateFiles(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "facts.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.StartRun(ctx, "test", nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m&0o077 != 0 {
			t.Errorf("%s: mode %v, want no access for group and others", filepath.Base(p), m)
		}
	}
}

func TestRunStatusInterruptedAndAbandoned(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	id, err := db.StartRun(ctx, "run", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(ctx, id, RunCounts{Interrupted: true, Error: "context canceled"}); err != nil {
		t.Fatal(err)
	}
	if got := runStatus(t, db, id); got != "interrupted" {
		t.Errorf("status = %q, want interrupted", got)
	}

	// A process that has exited, one alive (ours), one on another host.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	host, _ := os.Hostname()
	insert := func(pid int, host string) int64 {
		var id int64
		err := db.sql.QueryRowContext(ctx, `INSERT INTO runs (command, started_at, pid, host) VALUES ('crawl', ?, ?, ?) RETURNING id`,
			now(), pid, host).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	dead := insert(cmd.Process.Pid, host)
	alive := insert(os.Getpid(), host)
	elsewhere := insert(cmd.Process.Pid, host+"-other")
	db.Close()

	db2, err := Open(ctx, path) // any command that writes
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	for id, want := range map[int64]string{dead: "abandoned", alive: "running", elsewhere: "running"} {
		if got := runStatus(t, db2, id); got != want {
			t.Errorf("run %d: status = %q, want %q", id, got, want)
		}
	}
	var pid sql.NullInt64
	var h sql.NullString
	if err := db2.sql.QueryRow(`SELECT pid, host FROM runs WHERE id = ?`, id).Scan(&pid, &h); err != nil {
		t.Fatal(err)
	}
	if pid.Int64 != int64(os.Getpid()) || h.String != host {
		t.Errorf("run recorded pid %v host %v, want %d %q", pid, h, os.Getpid(), host)
	}
}

func runStatus(t *testing.T, db *DB, id int64) string {
	t.Helper()
	var s string
	if err := db.sql.QueryRow(`SELECT status FROM run_log WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// A feed or page URL's password is in the feeds table (it is fetched with
// it) and nowhere shown: failures, feed_status, crawl_queue, last errors.
func TestURLPasswordsRedacted(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const feedURL = "https://reader:s3cret@feeds.example.com/rss"
	const pageURL = "https://reader:s3cret@news.example.com/a/1"
	if err := db.AddFeed(ctx, feedURL); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	f, ok, err := db.ClaimFeed(ctx, feedURL, crawl.Lease{Owner: "o", Now: now, Until: now.Add(time.Minute)})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	f.LastError = "GET " + feedURL + ": connection refused"
	f.ErrorCount = 1
	if err := db.SaveFeed(ctx, f, "o"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.ClaimItem(ctx, crawl.Item{URL: pageURL, FeedURL: feedURL}, crawl.Lease{Owner: "o", Now: now, Until: now.Add(time.Minute)}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := db.FailItem(ctx, crawl.ItemFailure{URL: pageURL, Reason: pageURL + ": HTTP 500", Attempts: 1, NextRetry: now.Add(time.Hour)}, "o"); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordFailure(ctx, 0, pageURL+"?x=1", "fetch", "fetching "+pageURL+"?x=1 failed"); err != nil {
		t.Fatal(err)
	}

	var stored string
	if err := db.sql.QueryRow(`SELECT url FROM feeds`).Scan(&stored); err != nil || stored != feedURL {
		t.Errorf("feeds.url = %q (%v), want the URL as given", stored, err)
	}
	for _, q := range []string{
		`SELECT url || ' ' || coalesce(last_error, '') FROM feed_status`,
		`SELECT url || ' ' || feed_url || ' ' || coalesce(last_error, '') FROM crawl_queue`,
		`SELECT source || ' ' || reason FROM failures`,
		`SELECT coalesce(last_error, '') FROM feeds`,
		`SELECT coalesce(last_error, '') FROM feed_items`,
	} {
		rows, err := db.sql.Query(q)
		if err != nil {
			t.Fatal(q, err)
		}
		n := 0
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			n++
			if strings.Contains(s, "s3cret") {
				t.Errorf("%s: %q shows the password", q, s)
			}
			if strings.Contains(s, "@") && !strings.Contains(s, "reader:***@") {
				t.Errorf("%s: %q, want reader:***@", q, s)
			}
		}
		rows.Close()
		if n == 0 {
			t.Errorf("%s: no rows", q)
		}
	}
	// The page's failure is resolved under its redacted source.
	if err := db.ResolveFailure(ctx, pageURL+"?x=1"); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM open_failures WHERE stage = 'fetch'`); n != 0 {
		t.Errorf("open fetch failures = %d after resolving", n)
	}
}
