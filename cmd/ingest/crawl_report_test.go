package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// A run in which every feed failed is not quiet: one line on stderr with
// the counts and where to look; the run still completed (exit 0). feeds
// list shows the end of the error, the cause, not a prefix.
func TestCrawlEveryFeedFailedSaysSo(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/a/rather/long/path/to/the/feeds/of/this/site/which/goes/on/feed.xml"
	dead.Close() // connection refused from now on
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", deadURL, "--db", dbPath)

	code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private")
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != exitOK || out != "" || len(lines) != 1 ||
		!strings.Contains(errs, "every feed and page failed: 1 of 1 feeds") || !strings.Contains(errs, "ingest feeds list") {
		t.Fatalf("crawl with every feed failing: exit %d, stdout %q, stderr %q; want exit 0 and one line saying so", code, out, errs)
	}
	list := mustIngest(t, "feeds", "list", "--db", dbPath)
	if !strings.Contains(list, "connection refused") {
		t.Errorf("feeds list does not show the cause (connection refused):\n%s", list)
	}

	// A loopback feed without --allow-private: blocked, and the list says
	// which flag allows it.
	site := newNewsSite(t)
	dbPath = filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", site.url("/feed.xml"), "--db", dbPath)
	if code, _, errs := ingest(t, "crawl", "--db", dbPath); code != exitOK || !strings.Contains(errs, "every feed and page failed") {
		t.Errorf("crawl of a blocked feed: exit %d, stderr %q", code, errs)
	}
	list = mustIngest(t, "feeds", "list", "--db", dbPath)
	if !strings.Contains(list, "is private or loopback (--allow-private allows it)") {
		t.Errorf("feeds list does not show the blocked address and the flag:\n%s", list)
	}

	// Partly working runs stay quiet.
	dbPath = filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "feeds", "add", deadURL, site.url("/feed.xml"), "--db", dbPath)
	if code, out, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private"); code != exitOK || out != "" || errs != "" {
		t.Errorf("crawl with one feed working: exit %d, stdout %q, stderr %q; want silence", code, out, errs)
	}
}

func TestErrorCauseKeepsTheEnd(t *testing.T) {
	msg := "GET http://news.example.com/feeds/cloud/all-the-news/feed.xml: dial tcp 203.0.113.7:443: connect: connection refused"
	got := errorCause(msg, 80)
	if !strings.HasSuffix(got, "connect: connection refused") || len([]rune(got)) > 80 || !strings.HasPrefix(got, "...") {
		t.Errorf("errorCause = %q", got)
	}
	if got := errorCause("HTTP 500", 80); got != "HTTP 500" {
		t.Errorf("short message changed: %q", got)
	}
}

// --now checks a feed that is not due; -v says which feeds are not due
// and when; --min-interval 0 is accepted and makes a feed due every run.
func TestCrawlNowIgnoresSchedule(t *testing.T) {
	site := newNewsSite(t)
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	feedURL := site.url("/feed.xml")
	mustIngest(t, "feeds", "add", feedURL, "--db", dbPath)
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if n := site.count("/feed.xml"); n != 1 {
		t.Fatalf("feed requested %d times by the first run, want 1", n)
	}
	code, _, errs := ingest(t, "crawl", "--db", dbPath, "--allow-private", "-v")
	if code != exitOK || site.count("/feed.xml") != 1 {
		t.Fatalf("feed requested before it was due (exit %d)", code)
	}
	if !strings.Contains(errs, "feed not due") || !strings.Contains(errs, feedURL) || !strings.Contains(errs, "next_check=") {
		t.Errorf("-v does not say the feed is not due and when:\n%s", errs)
	}
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private", "--now")
	if n := site.count("/feed.xml"); n != 2 {
		t.Errorf("--now: feed requested %d times in all, want 2", n)
	}
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private", "--now", "--min-interval", "0")
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private", "--min-interval", "0")
	if n := site.count("/feed.xml"); n != 4 {
		t.Errorf("--min-interval 0: feed requested %d times in all, want 4", n)
	}
	if code, _, _ := ingest(t, "crawl", "--db", dbPath, "--min-interval", "-1s"); code != exitUsage {
		t.Errorf("--min-interval -1s: exit %d, want %d", code, exitUsage)
	}
}
