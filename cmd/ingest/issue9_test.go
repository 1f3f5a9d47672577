package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A feed URL with a password is fetched with it and shown nowhere: not in
// -v logs, the summary, feeds list (every format), failures, the views.
func TestCrawlRedactsURLPasswords(t *testing.T) {
	site := newNewsSite(t)
	site.status["/down.xml"] = http.StatusInternalServerError
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	withPass := func(path string) string {
		return strings.Replace(site.url(path), "http://", "http://reader:s3cret@", 1)
	}
	var all strings.Builder
	collect := func(args ...string) {
		code, out, errs := ingest(t, append(args, "--db", dbPath)...)
		fmt.Fprintf(&all, "$ %s (exit %d)\n%s%s", args[0], code, out, errs)
	}
	collect("feeds", "add", "--allow-private", withPass("/feed.xml"), withPass("/down.xml"))
	collect("crawl", "--allow-private", "-v")
	for _, f := range []string{"table", "json", "csv"} {
		collect("feeds", "list", "--format", f)
		collect("failures", "--format", f)
	}
	text := all.String()
	if strings.Contains(text, "s3cret") {
		t.Errorf("the password was printed:\n%s", text)
	}
	if !strings.Contains(text, "reader:***@") {
		t.Errorf("no redacted URL printed:\n%s", text)
	}
	if strings.Contains(text, "xxxxx") {
		t.Errorf("a URL redacted as net/url's Redacted does, not as user:***@:\n%s", text)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 2 {
		t.Errorf("%d articles stored, want 2 (the feed fetched with its credentials)", n)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM feeds WHERE url LIKE '%reader:s3cret@%'`); n != 2 {
		t.Errorf("%d feeds stored with their URL as given, want 2", n)
	}
	for _, q := range []string{
		`SELECT count(*) FROM failures WHERE source || reason LIKE '%s3cret%'`,
		`SELECT count(*) FROM feed_status WHERE url || coalesce(last_error, '') LIKE '%s3cret%'`,
		`SELECT count(*) FROM crawl_queue WHERE url || coalesce(feed_url, '') || coalesce(last_error, '') LIKE '%s3cret%'`,
		`SELECT count(*) FROM run_log WHERE coalesce(error, '') || args LIKE '%s3cret%'`,
	} {
		if n := queryDB(t, dbPath, q); n != 0 {
			t.Errorf("%s = %d", q, n)
		}
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM failures WHERE source LIKE '%reader:***@%'`); n != 1 {
		t.Errorf("%d failures under the redacted feed URL, want 1", n)
	}
}

// hugePage serves one article whose text is a single comma-joined line
// that takes the extractor many seconds.
func hugePage(t *testing.T) *httptest.Server {
	t.Helper()
	parts := make([]string, 60000)
	for i := range parts {
		parts[i] = "Oracle opened a region in Chile for $1 billion"
	}
	page := "<html><head><title>Long</title></head><body><article><h1>Long</h1><p>" + strings.Join(parts, ", ") + ".</p></article></body></html>"
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Long</title><link>%s/news/long</link></item></channel></rss>`, srv.URL)
		case "/news/long":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// --max-duration holds whatever a page contains, and --page-timeout fails
// a page that takes too long, to be retried later. Run as processes: the
// extraction abandoned in the background ends with its process.
func TestCrawlTimeBudgetsAgainstSlowPage(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	bin := binary(t)
	srv := hugePage(t)
	crawl := func(dbPath string, args ...string) (time.Duration, string) {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(bin, append([]string{"crawl", "--db", dbPath, "--allow-private", "-v"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("crawl %v: %v\n%s", args, err, out)
		}
		return time.Since(start), string(out)
	}

	dir := t.TempDir()
	db1 := filepath.Join(dir, "budget.db")
	mustIngest(t, "feeds", "add", "--allow-private", "--db", db1, srv.URL+"/feed.xml")
	d, out := crawl(db1, "--max-duration", "3s")
	if d > 8*time.Second || !strings.Contains(out, "stopped early") {
		t.Errorf("crawl --max-duration 3s took %s:\n%s", d, out)
	}
	if n := queryDB(t, db1, `SELECT count(*) FROM crawl_queue WHERE state = 'pending' AND attempts = 0 AND leased_until IS NULL`); n != 1 {
		t.Errorf("the page is not left retryable (%d)", n)
	}

	db2 := filepath.Join(dir, "page.db")
	mustIngest(t, "feeds", "add", "--allow-private", "--db", db2, srv.URL+"/feed.xml")
	d, out = crawl(db2, "--page-timeout", "2s")
	if d > 8*time.Second {
		t.Errorf("crawl --page-timeout 2s took %s:\n%s", d, out)
	}
	if n := queryDB(t, db2, `SELECT count(*) FROM crawl_queue WHERE state = 'failed' AND attempts = 1 AND next_retry IS NOT NULL
		AND last_error = 'page took longer than 2s to process'`); n != 1 {
		t.Errorf("the page is not failed with its timeout and a retry:\n%s", out)
	}
	if n := queryDB(t, db2, `SELECT count(*) FROM open_failures WHERE reason = 'page took longer than 2s to process'`); n != 1 {
		t.Error("no failure recorded for the slow page")
	}
}

// A signal (a cancelled context) is recorded as "interrupted", for run and
// crawl, and run's summary says so.
func TestInterruptedRunsRecorded(t *testing.T) {
	site := newNewsSite(t)
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", "--allow-private", "--db", dbPath, site.url("/feed.xml"))
	site.delay = 1500 * time.Millisecond // pages hang past the "signal"
	for _, args := range [][]string{
		{"run", "--db", dbPath, "--allow-private", site.url("/news/google-mexico")},
		{"crawl", "--db", dbPath, "--allow-private"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		var out, errb bytes.Buffer
		code := run(ctx, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}, args)
		if code != exitFailed {
			t.Errorf("%s: exit %d, want %d", args[0], code, exitFailed)
		}
		if args[0] == "run" && !strings.Contains(out.String(), "interrupted") {
			t.Errorf("run's summary does not say it was interrupted: %q", out.String())
		}
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM run_log WHERE status = 'interrupted'`); n != 2 {
		t.Errorf("%d interrupted runs recorded, want 2", n)
	}
}
