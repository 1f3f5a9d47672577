package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/crawl/crawltest"
	"github.com/cloudfacts/ingest/feed"
)

// seeded adds what crawltest.Seeder needs beyond *DB: storing an article
// under a URL.
type seeded struct{ *DB }

func (s seeded) AddArticle(ctx context.Context, url string) error {
	_, err := s.SaveArticle(ctx, &article.Article{Source: url, URL: url, Text: "Some text."}, nil, "test")
	return err
}

func TestStoreContract(t *testing.T) {
	crawltest.StoreContract(t, func(t *testing.T) crawl.Store {
		db, _ := openTest(t)
		return seeded{db}
	})
}

// Two handles on one file, as two cron runs have: claims stay exclusive
// and nothing fails with "database is locked".
func TestStoreContractAcrossHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "facts.db")
	var dbs []*DB
	for range 4 {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	var subs []feed.Subscription
	for _, u := range []string{"https://a.example/feed", "https://b.example/feed", "https://c.example/feed"} {
		subs = append(subs, feed.Subscription{URL: u})
	}
	if _, err := dbs[0].AddFeeds(ctx, subs); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var mu sync.Mutex
	grants := map[string]int{}
	var wg sync.WaitGroup
	for i, db := range dbs {
		for j := range 8 {
			wg.Go(func() {
				owner := string(rune('a'+i)) + string(rune('0'+j))
				l := crawl.Lease{Owner: owner, Now: now, Until: now.Add(time.Minute)}
				for _, s := range subs {
					if _, ok, err := db.ClaimFeed(ctx, s.URL, l); err != nil {
						t.Error(err)
					} else if ok {
						mu.Lock()
						grants[s.URL]++
						mu.Unlock()
					}
				}
				for k := range 5 {
					it := crawl.Item{URL: "https://a.example/p" + string(rune('0'+k)), FeedURL: subs[0].URL}
					if _, ok, err := db.ClaimItem(ctx, it, l); err != nil {
						t.Error(err)
					} else if ok {
						mu.Lock()
						grants[it.URL]++
						mu.Unlock()
						if err := db.CompleteItem(ctx, it.URL, owner); err != nil {
							t.Error(err)
						}
					}
				}
			})
		}
	}
	wg.Wait()
	if len(grants) != 8 {
		t.Errorf("granted %v, want 3 feeds and 5 items", grants)
	}
	for u, n := range grants {
		if n != 1 {
			t.Errorf("%s granted %d times, want once", u, n)
		}
	}
}

func TestFeedsAddListRemoveReset(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	added, err := db.AddFeeds(ctx, []feed.Subscription{
		{URL: "https://a.example/feed", Title: "A", Category: "Cloud/AWS"},
		{URL: "https://b.example/feed"},
	})
	if err != nil || added != 2 {
		t.Fatalf("AddFeeds = %d, %v; want 2", added, err)
	}
	// Again, with a new category for one: nothing added, category updated.
	added, err = db.AddFeeds(ctx, []feed.Subscription{{URL: "https://b.example/feed", Category: "News"}, {URL: "https://a.example/feed"}})
	if err != nil || added != 0 {
		t.Fatalf("AddFeeds again = %d, %v; want 0", added, err)
	}
	feeds, err := db.ListFeeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0].URL != "https://a.example/feed" || feeds[0].Title != "A" ||
		feeds[0].Category != "Cloud/AWS" || feeds[1].Category != "News" || feeds[0].AddedAt.IsZero() {
		t.Fatalf("ListFeeds = %+v", feeds)
	}

	// Three failed checks disable a; the failure is listed in open_failures.
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	const a = "https://a.example/feed"
	for i := range 3 {
		now := t0.Add(time.Duration(i) * time.Hour)
		f, ok, err := db.ClaimFeed(ctx, a, crawl.Lease{Owner: "r", Now: now, Until: now.Add(time.Minute)})
		if err != nil || !ok {
			t.Fatalf("ClaimFeed %d = %v, %v", i, ok, err)
		}
		f.LastCheck, f.LastError, f.LastStatus, f.ErrorCount = now, "HTTP 500", 500, i+1
		f.NextCheck = now.Add(time.Hour)
		if err := db.SaveFeed(ctx, f, "r"); err != nil {
			t.Fatal(err)
		}
	}
	if got := queryInt(t, db, `SELECT attempts FROM open_failures WHERE source = ? AND stage = 'feed'`, a); got != 3 {
		t.Errorf("open_failures attempts = %d, want 3", got)
	}
	var status string
	if err := db.sql.QueryRow(`SELECT status FROM feed_status WHERE url = ?`, a).Scan(&status); err != nil || status != "disabled" {
		t.Errorf("feed_status = %q, %v; want disabled", status, err)
	}
	// Giving a feed back unchanged records no new failure.
	f, _, _ := db.ClaimFeed(ctx, a, crawl.Lease{Owner: "r", Now: t0.Add(5 * time.Hour), Until: t0.Add(6 * time.Hour)})
	if err := db.SaveFeed(ctx, f, "r"); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT attempts FROM open_failures WHERE source = ?`, a); got != 3 {
		t.Errorf("after give-back, attempts = %d, want 3", got)
	}

	if ok, err := db.ResetFeed(ctx, a); err != nil || !ok {
		t.Fatalf("ResetFeed = %v, %v", ok, err)
	}
	if ok, err := db.ResetFeed(ctx, "https://missing.example/feed"); err != nil || ok {
		t.Fatalf("ResetFeed(missing) = %v, %v; want false", ok, err)
	}
	due, err := db.DueFeeds(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].URL != a || due[0].ErrorCount != 0 || due[0].LastError != "HTTP 500" {
		t.Fatalf("DueFeeds after reset = %+v; want a due, count 0, last error kept", due)
	}
	if n, err := db.ResetFeeds(ctx); err != nil || n != 2 {
		t.Fatalf("ResetFeeds = %d, %v", n, err)
	}

	// A successful check resolves the open failure.
	f, _, _ = db.ClaimFeed(ctx, a, crawl.Lease{Owner: "r", Now: t0.Add(7 * time.Hour), Until: t0.Add(8 * time.Hour)})
	f.LastCheck, f.LastSuccess, f.LastError, f.LastStatus, f.ErrorCount = t0.Add(7*time.Hour), t0.Add(7*time.Hour), "", 200, 0
	if err := db.SaveFeed(ctx, f, "r"); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM open_failures WHERE source = ?`, a); got != 0 {
		t.Errorf("open failure not resolved by a successful check")
	}

	if ok, err := db.RemoveFeed(ctx, a); err != nil || !ok {
		t.Fatalf("RemoveFeed = %v, %v", ok, err)
	}
	if ok, err := db.RemoveFeed(ctx, a); err != nil || ok {
		t.Fatalf("RemoveFeed again = %v, %v; want false", ok, err)
	}
	if feeds, _ := db.ListFeeds(ctx); len(feeds) != 1 {
		t.Fatalf("after remove: %+v", feeds)
	}
}

// Failed pages show in open_failures and crawl_queue; completing one
// resolves it; HasArticle finds an article by key, canonical URL or source.
func TestItemFailuresAndHasArticle(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	it := crawl.Item{URL: "https://a.example/post", FeedURL: "https://a.example/feed",
		Entry: feed.Item{Title: "T", Link: "https://a.example/post?utm_source=x", GUID: "g", Published: t0}}
	l := crawl.Lease{Owner: "r", Now: t0, Until: t0.Add(time.Minute)}
	if _, ok, err := db.ClaimItem(ctx, it, l); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := db.FailItem(ctx, crawl.ItemFailure{URL: it.URL, Reason: "HTTP 503", Attempts: 1, NextRetry: t0.Add(time.Hour)}, "r"); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM open_failures WHERE source = ? AND stage = 'page' AND reason = 'HTTP 503'`, it.URL); got != 1 {
		t.Errorf("page failure not in open_failures")
	}
	if got := queryInt(t, db, `SELECT attempts FROM crawl_queue WHERE url = ? AND state = 'failed'`, it.URL); got != 1 {
		t.Errorf("crawl_queue attempts = %d", got)
	}
	// Deferred without an attempt: not another failure.
	l.Now, l.Until = t0.Add(time.Hour), t0.Add(2*time.Hour)
	if _, ok, err := db.ClaimItem(ctx, it, l); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := db.FailItem(ctx, crawl.ItemFailure{URL: it.URL, Reason: "host asked to wait", Attempts: 1, NextRetry: t0.Add(2 * time.Hour)}, "r"); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT attempts FROM open_failures WHERE source = ?`, it.URL); got != 1 {
		t.Errorf("deferral counted as a failure: attempts = %d", got)
	}
	if err := db.CompleteItem(ctx, it.URL, "other"); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM open_failures WHERE source = ?`, it.URL); got != 0 {
		t.Errorf("completed page still in open_failures")
	}
	if err := db.ReleaseItem(ctx, it.URL, "r"); !errors.Is(err, crawl.ErrLeaseLost) {
		t.Errorf("ReleaseItem of a completed item: %v, want ErrLeaseLost", err)
	}

	a := &article.Article{Source: "https://a.example/amp/post", URL: "https://a.example/post-canonical", Text: "x"}
	if _, err := db.SaveArticle(ctx, a, nil, "test"); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{
		"https://a.example/post-canonical": true, "https://a.example/amp/post": true, "https://a.example/none": false,
	} {
		if got, err := db.HasArticle(ctx, u); err != nil || got != want {
			t.Errorf("HasArticle(%s) = %v, %v; want %v", u, got, err, want)
		}
	}
}
