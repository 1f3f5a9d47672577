package store

import (
	"context"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/fetch"
)

// redactionCases are URLs as a feed or page may be given, and how the
// feed_status and crawl_queue views show them.
var redactionCases = []struct{ url, shown string }{
	{"https://reader:s3cret@feeds.example.com/rss", "https://reader:***@feeds.example.com/rss"},
	{"https://reader@feeds.example.com/rss", "https://reader@feeds.example.com/rss"}, // no password
	{"https://feeds.example.com/a@b:c/rss", "https://feeds.example.com/a@b:c/rss"},   // "@" in the path only
	{"https://reader:s3cret@feeds.example.com:8443/rss?x=1", "https://reader:***@feeds.example.com:8443/rss?x=1"},
	{"https://reader:s3cret@[2001:db8::1]:8443/rss", "https://reader:***@[2001:db8::1]:8443/rss"},
	{"https://[2001:db8::1]:8443/a@b", "https://[2001:db8::1]:8443/a@b"},
	{"https://reader:s3c@ret@feeds.example.com", "https://reader:***@feeds.example.com"}, // the last "@" ends it
	{"https://reader:@feeds.example.com/rss", "https://reader:***@feeds.example.com/rss"},
	{"https://feeds.example.com/rss", "https://feeds.example.com/rss"},
}

// The views show a URL as fetch.Redact prints it.
func TestViewsRedactLikeFetch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for i, tc := range redactionCases {
		if got := fetch.Redact(tc.url); got != tc.shown {
			t.Errorf("fetch.Redact(%q) = %q, want %q", tc.url, got, tc.shown)
		}
		if err := db.AddFeed(ctx, tc.url); err != nil {
			t.Fatal(err)
		}
		// A page with the feed's URL and a path of its own, listed by it.
		page := tc.url + "#item"
		if _, err := db.sql.Exec(`INSERT INTO feed_items (url, feed_url, first_seen, updated_at) VALUES (?, ?, ?, ?)`,
			page, tc.url, now(), now()); err != nil {
			t.Fatal(i, err)
		}
	}
	for _, tc := range redactionCases {
		var feedShown, pageShown, pageFeed string
		if err := db.sql.QueryRow(`SELECT url FROM feed_status WHERE url = ?`, tc.shown).Scan(&feedShown); err != nil {
			t.Errorf("feed_status: no url %q for %q: %v", tc.shown, tc.url, err)
		}
		if err := db.sql.QueryRow(`SELECT url, feed_url FROM crawl_queue WHERE feed_url = ?`, tc.shown).Scan(&pageShown, &pageFeed); err != nil {
			t.Errorf("crawl_queue: no feed_url %q for %q: %v", tc.shown, tc.url, err)
			continue
		}
		if want := fetch.Redact(tc.url + "#item"); pageShown != want {
			t.Errorf("crawl_queue url = %q, want %q", pageShown, want)
		}
	}
	// A removed feed's items still show its URL redacted.
	const shownAs = `SELECT count(*) FROM crawl_queue WHERE feed_url = ?`
	before := queryInt(t, db, shownAs, redactionCases[0].shown)
	if _, err := db.RemoveFeed(ctx, redactionCases[0].url); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, shownAs, redactionCases[0].shown); n != before {
		t.Errorf("%d queued pages show the redacted feed URL after it was removed, %d before", n, before)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM crawl_queue WHERE url || feed_url LIKE '%s3c%'`); n != 0 {
		t.Errorf("crawl_queue shows a password in %d rows", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM feed_status`); n != len(redactionCases)-1 {
		t.Errorf("feed_status has %d rows, want %d", n, len(redactionCases)-1)
	}
}

// A database at version 6 (its views and text redacted as "user:xxxxx@")
// migrates to 7: the views are the readable ones, and a failure recorded
// before is resolved under its source as the program now redacts it.
func TestMigration7FromVersion6(t *testing.T) {
	ctx := context.Background()
	const feedURL = "https://reader:s3cret@feeds.example.com/rss"
	// A feed and a failure as 0006's program wrote them, text redacted
	// as "user:xxxxx@", and 0006's views.
	old, path := storeAt(t, 6)
	execAll(t, old, `INSERT INTO feeds (url, added_at, last_error)
		VALUES ('`+feedURL+`', '2025-01-01T00:00:00.000Z', 'GET https://reader:xxxxx@feeds.example.com/rss: HTTP 500')`,
		`INSERT INTO failures (source, stage, reason, first_seen, last_seen)
		VALUES ('https://reader:xxxxx@feeds.example.com/rss', 'fetch', 'GET https://reader:xxxxx@feeds.example.com/rss: HTTP 500', '2025-01-01', '2025-01-01')`)
	var old6 string
	if err := old.QueryRow(`SELECT url FROM feed_status`).Scan(&old6); err != nil || old6 != "https://reader:xxxxx@feeds.example.com/rss" {
		t.Fatalf("version 6 feed_status url = %q (%v)", old6, err)
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := queryInt(t, db, "PRAGMA user_version"); v != len(migrations) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
	var url, lastError string
	if err := db.sql.QueryRow(`SELECT url, last_error FROM feed_status`).Scan(&url, &lastError); err != nil {
		t.Fatal(err)
	}
	if url != "https://reader:***@feeds.example.com/rss" || lastError != "GET https://reader:***@feeds.example.com/rss: HTTP 500" {
		t.Errorf("feed_status: %q, %q", url, lastError)
	}
	var schema string
	if err := db.sql.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'feed_status'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(schema, "xxxxx") || len(schema) > 1000 {
		t.Errorf("feed_status is not 0007's:\n%s", schema)
	}
	if err := db.ResolveFailure(ctx, feedURL); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM open_failures`); n != 0 {
		t.Errorf("%d open failures after resolving the feed recorded before the migration", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM failures WHERE source || reason LIKE '%xxxxx%'`); n != 0 {
		t.Errorf("%d failures still say xxxxx", n)
	}
}
