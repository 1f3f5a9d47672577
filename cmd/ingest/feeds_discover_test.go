package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// feeds add given a web page subscribes to the feed it advertises.
func TestFeedsAddDiscoversAdvertisedFeed(t *testing.T) {
	site := newNewsSite(t)
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/blog/":
			// Relative href, resolved against the page; a second feed.
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Blog</title>
<link rel="alternate" type="application/rss+xml" href="feed.xml">
<link rel="alternate" type="application/atom+xml" href="%s">
</head><body><p>Posts</p></body></html>`, site.url("/cloud.xml"))
		case "/plain":
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Plain</title></head><body><p>No feeds here.</p></body></html>`)
		case "/blog/feed.xml":
			http.Redirect(w, r, site.url("/feed.xml"), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer pages.Close()
	dbPath := filepath.Join(t.TempDir(), "ingest.db")

	code, out, errs := ingest(t, "feeds", "add", "--allow-private", "--db", dbPath, pages.URL+"/blog/")
	want := pages.URL + "/blog/feed.xml"
	if code != exitOK || !strings.Contains(out, "subscribing to its feed "+want) || !strings.Contains(out, "first of 2") ||
		!strings.Contains(out, "1 feeds added") {
		t.Fatalf("feeds add PAGE: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM feeds WHERE url = ?`, want); n != 1 {
		t.Errorf("discovered feed %s not subscribed", want)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM feeds`); n != 1 {
		t.Errorf("%d feeds subscribed, want only the discovered one", n)
	}

	// A page advertising no feed: a clear error, nothing subscribed.
	code, _, errs = ingest(t, "feeds", "add", "--allow-private", "--db", dbPath, pages.URL+"/plain")
	if code != exitFailed || !strings.Contains(errs, "is not a feed") || !strings.Contains(errs, "advertises none") {
		t.Errorf("feeds add of a page without feeds: exit %d, stderr %q", code, errs)
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM feeds WHERE url = ?`, pages.URL+"/plain"); n != 0 {
		t.Error("a page without feeds was subscribed")
	}

	// A feed is subscribed as given, silently.
	code, out, errs = ingest(t, "feeds", "add", "--allow-private", "--db", dbPath, site.url("/cloud.xml"))
	if code != exitOK || errs != "" || out != "1 feeds added, 0 already subscribed\n" {
		t.Errorf("feeds add FEED: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// One that cannot be checked now is subscribed as given, with a warning.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/feed.xml"
	dead.Close()
	code, _, errs = ingest(t, "feeds", "add", "--allow-private", "--db", dbPath, deadURL)
	if code != exitOK || !strings.Contains(errs, "connection refused") || !strings.Contains(errs, "subscribed as given") {
		t.Errorf("feeds add of an unreachable URL: exit %d, stderr %q", code, errs)
	}
	// The discovered feed crawls.
	mustIngest(t, "crawl", "--db", dbPath, "--allow-private")
	if n := queryDB(t, dbPath, `SELECT count(*) FROM articles`); n != 3 {
		t.Errorf("%d articles after crawling the discovered feed, want 3", n)
	}
}
