// Package crawltest checks a crawl.Store implementation against the
// contract the crawl relies on, so the in-memory store and the SQLite
// store are held to the same rules.
package crawltest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/feed"
)

// Seeder is what the contract tests need beyond crawl.Store to set up a
// case. A database store can satisfy it with a small test adapter.
type Seeder interface {
	// AddFeed subscribes to a feed that has never been checked.
	AddFeed(ctx context.Context, url string) error
	// AddArticle stores an article (any content) under url.
	AddArticle(ctx context.Context, url string) error
}

// t0 is whole seconds: stores need keep times only to the second.
var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// StoreContract runs the contract tests. newStore must return an empty
// store, fresh for each call, that also implements Seeder.
func StoreContract(t *testing.T, newStore func(t *testing.T) crawl.Store) {
	open := func(t *testing.T) (crawl.Store, Seeder) {
		t.Helper()
		s := newStore(t)
		seed, ok := s.(Seeder)
		if !ok {
			t.Fatalf("%T does not implement crawltest.Seeder", s)
		}
		return s, seed
	}
	ctx := context.Background()
	lease := func(owner string, now time.Time) crawl.Lease {
		return crawl.Lease{Owner: owner, Now: now, Until: now.Add(time.Minute)}
	}

	t.Run("DueFeeds", func(t *testing.T) {
		s, seed := open(t)
		must(t, seed.AddFeed(ctx, "https://a.example/feed"))
		must(t, seed.AddFeed(ctx, "https://b.example/feed"))
		feeds, err := s.DueFeeds(ctx, t0)
		must(t, err)
		if len(feeds) != 2 {
			t.Fatalf("DueFeeds = %+v, want both new feeds", feeds)
		}

		f, ok, err := s.ClaimFeed(ctx, "https://a.example/feed", lease("r1", t0))
		must(t, err)
		if !ok || f.URL != "https://a.example/feed" {
			t.Fatalf("ClaimFeed = %+v, %v", f, ok)
		}
		f.NextCheck = t0.Add(time.Hour)
		must(t, s.SaveFeed(ctx, f, "r1"))
		feeds, err = s.DueFeeds(ctx, t0.Add(30*time.Minute))
		must(t, err)
		if len(feeds) != 1 || feeds[0].URL != "https://b.example/feed" {
			t.Fatalf("DueFeeds before NextCheck = %+v, want only b", feeds)
		}
		feeds, err = s.DueFeeds(ctx, t0.Add(time.Hour))
		must(t, err)
		if len(feeds) != 2 {
			t.Fatalf("DueFeeds at NextCheck = %+v, want both", feeds)
		}
	})

	t.Run("SaveFeedRoundTrip", func(t *testing.T) {
		s, seed := open(t)
		must(t, seed.AddFeed(ctx, "https://a.example/feed"))
		_, ok, err := s.ClaimFeed(ctx, "https://a.example/feed", lease("r1", t0))
		must(t, err)
		if !ok {
			t.Fatal("ClaimFeed refused a new feed")
		}
		want := crawl.Feed{
			URL: "https://a.example/feed", Title: "A feed", ETag: `W/"x1"`,
			LastModified: "Sat, 01 Mar 2025 11:00:00 GMT", BodyHash: "abc123",
			LastStatus: 503, LastError: "HTTP 503", ErrorCount: 2,
			LastCheck: t0, LastSuccess: t0.Add(-time.Hour), NextCheck: t0.Add(2 * time.Hour),
		}
		must(t, s.SaveFeed(ctx, want, "r1"))
		got, ok, err := s.ClaimFeed(ctx, want.URL, lease("r2", t0.Add(3*time.Hour)))
		must(t, err)
		if !ok {
			t.Fatal("ClaimFeed refused a saved, due feed")
		}
		if err := sameFeed(got, want); err != nil {
			t.Fatal(err)
		}
		feeds, err := s.DueFeeds(ctx, t0.Add(3*time.Hour))
		must(t, err)
		if len(feeds) != 1 {
			t.Fatalf("DueFeeds = %+v", feeds)
		}
		if err := sameFeed(feeds[0], want); err != nil {
			t.Fatalf("DueFeeds: %v", err)
		}
	})

	t.Run("FeedLease", func(t *testing.T) {
		s, seed := open(t)
		const u = "https://a.example/feed"
		must(t, seed.AddFeed(ctx, u))
		claim := func(owner string, now time.Time) bool {
			t.Helper()
			_, ok, err := s.ClaimFeed(ctx, u, lease(owner, now))
			must(t, err)
			return ok
		}
		if !claim("r1", t0) {
			t.Fatal("first claim refused")
		}
		if claim("r2", t0.Add(30*time.Second)) {
			t.Fatal("second owner granted a live lease")
		}
		if !claim("r1", t0.Add(30*time.Second)) {
			t.Fatal("owner refused its own lease")
		}
		// r1's renewed lease runs to t0+90s.
		if !claim("r2", t0.Add(2*time.Minute)) {
			t.Fatal("expired lease not taken over")
		}
		if err := s.SaveFeed(ctx, crawl.Feed{URL: u, Title: "stale"}, "r1"); !errors.Is(err, crawl.ErrLeaseLost) {
			t.Fatalf("SaveFeed by the previous owner: err = %v, want ErrLeaseLost", err)
		}
		if err := s.SaveFeed(ctx, crawl.Feed{URL: u}, "r2"); err != nil {
			t.Fatalf("SaveFeed by the owner: %v", err)
		}
		if err := s.SaveFeed(ctx, crawl.Feed{URL: u}, "r2"); !errors.Is(err, crawl.ErrLeaseLost) {
			t.Fatalf("SaveFeed after release: err = %v, want ErrLeaseLost", err)
		}
		if !claim("r3", t0.Add(2*time.Minute)) {
			t.Fatal("released feed not claimable")
		}
		if _, ok, err := s.ClaimFeed(ctx, "https://missing.example/feed", lease("r1", t0)); err != nil || ok {
			t.Fatalf("ClaimFeed of an unknown feed = %v, %v; want false, nil", ok, err)
		}
	})

	t.Run("ClaimFeedIgnoreDue", func(t *testing.T) {
		s, seed := open(t)
		const u = "https://a.example/feed"
		must(t, seed.AddFeed(ctx, u))
		f, _, err := s.ClaimFeed(ctx, u, lease("r1", t0))
		must(t, err)
		f.LastCheck, f.NextCheck = t0, t0.Add(time.Hour)
		must(t, s.SaveFeed(ctx, f, "r1"))
		if _, ok, err := s.ClaimFeed(ctx, u, lease("r2", t0.Add(time.Minute))); err != nil || ok {
			t.Fatalf("ClaimFeed of a feed not due = %v, %v; want false", ok, err)
		}
		force := lease("r2", t0.Add(time.Minute))
		force.IgnoreDue = true
		got, ok, err := s.ClaimFeed(ctx, u, force)
		must(t, err)
		if !ok || !got.NextCheck.Equal(t0.Add(time.Hour)) {
			t.Fatalf("ClaimFeed with IgnoreDue = %+v, %v; want granted with its NextCheck", got, ok)
		}
		other := lease("r3", t0.Add(90*time.Second))
		other.IgnoreDue = true
		if _, ok, err := s.ClaimFeed(ctx, u, other); err != nil || ok {
			t.Fatalf("IgnoreDue claim over a live lease = %v, %v; want false", ok, err)
		}
	})

	t.Run("FeedLeaseExpiredButUntaken", func(t *testing.T) {
		s, seed := open(t)
		const u = "https://a.example/feed"
		must(t, seed.AddFeed(ctx, u))
		f, _, err := s.ClaimFeed(ctx, u, lease("r1", t0))
		must(t, err)
		f.Title = "late but fine"
		if err := s.SaveFeed(ctx, f, "r1"); err != nil {
			t.Fatalf("SaveFeed after expiry with no new owner: %v", err)
		}
	})

	t.Run("ConcurrentFeedClaims", func(t *testing.T) {
		s, seed := open(t)
		const u = "https://a.example/feed"
		must(t, seed.AddFeed(ctx, u))
		exactlyOneClaim(t, func(owner string) (bool, error) {
			_, ok, err := s.ClaimFeed(ctx, u, lease(owner, t0))
			return ok, err
		})
	})

	t.Run("HasArticle", func(t *testing.T) {
		s, seed := open(t)
		must(t, seed.AddArticle(ctx, "https://a.example/post"))
		for u, want := range map[string]bool{"https://a.example/post": true, "https://a.example/other": false} {
			got, err := s.HasArticle(ctx, u)
			must(t, err)
			if got != want {
				t.Errorf("HasArticle(%s) = %v, want %v", u, got, want)
			}
		}
	})

	item := crawl.Item{
		URL:     "https://a.example/post",
		FeedURL: "https://a.example/feed",
		Entry: feed.Item{
			Title: "AWS opens region", Link: "https://a.example/post?utm_source=rss",
			GUID: "guid-1", Published: t0.Add(-24 * time.Hour),
		},
	}

	t.Run("ItemLease", func(t *testing.T) {
		s, _ := open(t)
		attempts, ok, err := s.ClaimItem(ctx, item, lease("r1", t0))
		must(t, err)
		if !ok || attempts != 0 {
			t.Fatalf("first ClaimItem = %d, %v", attempts, ok)
		}
		if _, ok, _ := s.ClaimItem(ctx, item, lease("r2", t0.Add(30*time.Second))); ok {
			t.Fatal("second owner granted a live item lease")
		}
		if _, ok, _ := s.ClaimItem(ctx, item, lease("r1", t0.Add(30*time.Second))); !ok {
			t.Fatal("owner refused its own item lease")
		}
		if due, _ := s.DueItems(ctx, t0.Add(30*time.Second), 0); len(due) != 0 {
			t.Fatalf("leased item listed as due: %+v", due)
		}
		if _, ok, _ := s.ClaimItem(ctx, item, lease("r2", t0.Add(5*time.Minute))); !ok {
			t.Fatal("expired item lease not taken over")
		}
		if err := s.ReleaseItem(ctx, item.URL, "r1"); !errors.Is(err, crawl.ErrLeaseLost) {
			t.Fatalf("ReleaseItem by previous owner: err = %v, want ErrLeaseLost", err)
		}
		if err := s.FailItem(ctx, crawl.ItemFailure{URL: item.URL, Reason: "x", Attempts: 1, NextRetry: t0}, "r1"); !errors.Is(err, crawl.ErrLeaseLost) {
			t.Fatalf("FailItem by previous owner: err = %v, want ErrLeaseLost", err)
		}
		must(t, s.CompleteItem(ctx, item.URL, "r2"))
		for _, owner := range []string{"r1", "r2", "r3"} {
			if _, ok, _ := s.ClaimItem(ctx, item, lease(owner, t0.Add(time.Hour))); ok {
				t.Fatalf("completed item granted to %s", owner)
			}
		}
		if due, _ := s.DueItems(ctx, t0.Add(time.Hour), 0); len(due) != 0 {
			t.Fatalf("completed item listed as due: %+v", due)
		}
	})

	t.Run("ItemRetryAndGiveUp", func(t *testing.T) {
		s, _ := open(t)
		_, ok, err := s.ClaimItem(ctx, item, lease("r1", t0))
		must(t, err)
		if !ok {
			t.Fatal("ClaimItem refused")
		}
		must(t, s.FailItem(ctx, crawl.ItemFailure{URL: item.URL, Reason: "HTTP 500", Attempts: 1, NextRetry: t0.Add(time.Hour)}, "r1"))

		if _, ok, _ := s.ClaimItem(ctx, item, lease("r2", t0.Add(59*time.Minute))); ok {
			t.Fatal("item granted before NextRetry")
		}
		if due, _ := s.DueItems(ctx, t0.Add(59*time.Minute), 0); len(due) != 0 {
			t.Fatalf("item due before NextRetry: %+v", due)
		}
		due, err := s.DueItems(ctx, t0.Add(time.Hour), 0)
		must(t, err)
		if len(due) != 1 {
			t.Fatalf("DueItems at NextRetry = %+v, want the item", due)
		}
		if err := sameItem(due[0], item); err != nil {
			t.Fatal(err)
		}

		// A later sighting through another feed keeps the first metadata.
		other := item
		other.FeedURL = "https://b.example/feed"
		other.Entry.Title = "changed"
		attempts, ok, err := s.ClaimItem(ctx, other, lease("r2", t0.Add(time.Hour)))
		must(t, err)
		if !ok || attempts != 1 {
			t.Fatalf("ClaimItem after NextRetry = %d, %v; want 1, true", attempts, ok)
		}
		must(t, s.FailItem(ctx, crawl.ItemFailure{URL: item.URL, Reason: "HTTP 404", Attempts: 2}, "r2"))
		if _, ok, _ := s.ClaimItem(ctx, item, lease("r3", t0.Add(1000*time.Hour))); ok {
			t.Fatal("given-up item granted")
		}
		if due, _ := s.DueItems(ctx, t0.Add(1000*time.Hour), 0); len(due) != 0 {
			t.Fatalf("given-up item listed as due: %+v", due)
		}
	})

	t.Run("ItemRelease", func(t *testing.T) {
		s, _ := open(t)
		_, _, err := s.ClaimItem(ctx, item, lease("r1", t0))
		must(t, err)
		must(t, s.FailItem(ctx, crawl.ItemFailure{URL: item.URL, Reason: "timeout", Attempts: 1, NextRetry: t0.Add(time.Minute)}, "r1"))
		_, ok, err := s.ClaimItem(ctx, item, lease("r1", t0.Add(time.Minute)))
		must(t, err)
		if !ok {
			t.Fatal("ClaimItem refused at NextRetry")
		}
		must(t, s.ReleaseItem(ctx, item.URL, "r1"))
		due, err := s.DueItems(ctx, t0.Add(time.Minute), 0)
		must(t, err)
		if len(due) != 1 {
			t.Fatalf("released item not due: %+v", due)
		}
		attempts, ok, err := s.ClaimItem(ctx, item, lease("r2", t0.Add(time.Minute)))
		must(t, err)
		if !ok || attempts != 1 {
			t.Fatalf("ClaimItem after release = %d, %v; want 1, true (attempts unchanged)", attempts, ok)
		}
	})

	t.Run("DueItemsOrderAndLimit", func(t *testing.T) {
		s, _ := open(t)
		for i, delay := range []time.Duration{3, 1, 2} {
			it := item
			it.URL = fmt.Sprintf("https://a.example/p%d", i)
			_, _, err := s.ClaimItem(ctx, it, lease("r1", t0))
			must(t, err)
			must(t, s.FailItem(ctx, crawl.ItemFailure{URL: it.URL, Reason: "x", Attempts: 1, NextRetry: t0.Add(delay * time.Minute)}, "r1"))
		}
		due, err := s.DueItems(ctx, t0.Add(time.Hour), 2)
		must(t, err)
		if len(due) != 2 || due[0].URL != "https://a.example/p1" || due[1].URL != "https://a.example/p2" {
			t.Fatalf("DueItems(limit 2) = %+v, want p1, p2", due)
		}
	})

	t.Run("ConcurrentItemClaims", func(t *testing.T) {
		s, _ := open(t)
		exactlyOneClaim(t, func(owner string) (bool, error) {
			_, ok, err := s.ClaimItem(ctx, item, lease(owner, t0))
			return ok, err
		})
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sameFeed(got, want crawl.Feed) error {
	if got.URL != want.URL || got.Title != want.Title || got.ETag != want.ETag ||
		got.LastModified != want.LastModified || got.BodyHash != want.BodyHash ||
		got.LastStatus != want.LastStatus || got.LastError != want.LastError ||
		got.ErrorCount != want.ErrorCount || !got.LastCheck.Equal(want.LastCheck) ||
		!got.LastSuccess.Equal(want.LastSuccess) || !got.NextCheck.Equal(want.NextCheck) {
		return fmt.Errorf("feed state\n got %+v\nwant %+v", got, want)
	}
	return nil
}

func sameItem(got, want crawl.Item) error {
	if got.URL != want.URL || got.FeedURL != want.FeedURL || got.Entry.Title != want.Entry.Title ||
		got.Entry.Link != want.Entry.Link || got.Entry.GUID != want.Entry.GUID ||
		!got.Entry.Published.Equal(want.Entry.Published) {
		return fmt.Errorf("item\n got %+v\nwant %+v", got, want)
	}
	return nil
}

// exactlyOneClaim runs 16 claimants at once and checks that one wins.
func exactlyOneClaim(t *testing.T, claim func(owner string) (bool, error)) {
	t.Helper()
	var granted atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			ok, err := claim(fmt.Sprintf("r%d", i))
			if err != nil {
				t.Error(err)
			}
			if ok {
				granted.Add(1)
			}
		})
	}
	wg.Wait()
	if n := granted.Load(); n != 1 {
		t.Fatalf("%d concurrent claims granted, want 1", n)
	}
}
