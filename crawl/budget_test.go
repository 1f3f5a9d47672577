package crawl

import (
	"context"
	"strings"
	"testing"
	"time"
)

// stuck is a Processor that takes far longer than any budget and ignores
// its context, as a pathological page in a slow extractor would.
type stuck struct{ d time.Duration }

func (s stuck) Process(context.Context, Page) error {
	time.Sleep(s.d)
	return nil
}

// --max-duration holds whatever a page's processing does: the run ends
// soon after it, and the page is left to be retried.
func TestMaxDurationHoldsAgainstSlowProcessor(t *testing.T) {
	site := newSite(t)
	site.feed("/feed", "application/rss+xml", rss("/articles/1"))
	site.articles()
	store, c := NewMemStore(), newClock()
	addFeeds(t, store, site.url("/feed"))

	opts := testOptions(c)
	opts.MaxDuration = 500 * time.Millisecond
	start := time.Now()
	sum, err := Run(context.Background(), store, stuck{30 * time.Second}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("run took %v with MaxDuration 500ms", d)
	}
	if !sum.Interrupted || sum.ItemsFailed != 0 || sum.ItemsNew != 0 {
		t.Errorf("summary %+v, want an interrupted run with the page unfinished", sum)
	}
	items, err := store.DueItems(context.Background(), c.Now(), 0)
	if err != nil || len(items) != 1 {
		t.Fatalf("due items %v (%v), want the page retryable now", items, err)
	}
}

// A page that takes longer than PageTimeout fails with that reason and is
// backed off like any failed page; the run goes on.
func TestPageTimeout(t *testing.T) {
	site := newSite(t)
	site.feed("/feed", "application/rss+xml", rss("/articles/1"))
	site.articles()
	store, c := NewMemStore(), newClock()
	addFeeds(t, store, site.url("/feed"))

	opts := testOptions(c)
	opts.PageTimeout = 300 * time.Millisecond
	start := time.Now()
	sum := mustRun(t, store, stuck{30 * time.Second}, opts)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("run took %v with PageTimeout 300ms", d)
	}
	if sum.ItemsFailed != 1 || sum.Interrupted {
		t.Fatalf("summary %+v, want one failed page", sum)
	}
	it := store.items[site.url("/articles/1")]
	if it == nil || it.reason != "page took longer than 300ms to process" || it.gaveUp || !it.nextRetry.After(c.Now()) {
		t.Fatalf("item %+v, want a retryable failure with the timeout as reason", it)
	}
	if got := seconds(60 * time.Second); got != "60s" {
		t.Errorf("seconds(60s) = %q", got)
	}
}

// Items whose links are javascript:, data: or mailto: are counted, not
// dropped silently.
func TestUnfetchableLinksCounted(t *testing.T) {
	site := newSite(t)
	site.feed("/feed", "application/rss+xml", rss("/articles/1", "javascript:void(0)", "data:text/html,"+strings.Repeat("x", 500), "mailto:news@example.com"))
	site.articles()
	store, c := NewMemStore(), newClock()
	addFeeds(t, store, site.url("/feed"))
	sum := mustRun(t, store, newRecorder(store), testOptions(c))
	if sum.ItemsNew != 1 || sum.LinksSkipped != 3 || sum.ItemsSkipped != 3 {
		t.Errorf("summary %+v, want 1 new and 3 links skipped", sum)
	}
}
