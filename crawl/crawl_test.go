package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/fetch"
)

func TestFeedFormats(t *testing.T) {
	tests := []struct {
		file, contentType string
		want              map[string]string // article path -> item title
	}{
		{"rss091.xml", "application/rss+xml", map[string]string{"/articles/rss091-1": "Region in Mexico", "/articles/rss091-2": "Relative link"}},
		{"rss10.rdf", "application/rdf+xml", map[string]string{"/articles/rdf-1": "Belgrade region"}},
		{"rss20.xml", "application/rss+xml; charset=utf-8", map[string]string{"/articles/rss20-1": "German data centers"}},
		{"atom.xml", "application/atom+xml", map[string]string{"/articles/atom-1": "Taiwan region"}},
		{"feed.json", "application/feed+json", map[string]string{"/articles/json-1": "Mumbai MZR"}},
		{"windows1252.xml", "text/xml", map[string]string{"/articles/cp1252-1": "Région à Paris – €1bn"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile("testdata/formats/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			site := newSite(t)
			site.feed("/feed", tt.contentType, string(body))
			site.articles()
			store, c := NewMemStore(), newClock()
			proc := newRecorder(store)
			addFeeds(t, store, site.url("/feed"))

			sum := mustRun(t, store, proc, testOptions(c))
			if sum.FeedsChecked != 1 || sum.FeedsFailed != 0 || sum.ItemsNew != len(tt.want) || sum.ItemsFailed != 0 {
				t.Errorf("summary %+v, want 1 feed and %d new items", sum, len(tt.want))
			}
			for path, title := range tt.want {
				pages := proc.pages[site.url(path)]
				if len(pages) != 1 {
					t.Errorf("%s processed %d times, want once", path, len(pages))
					continue
				}
				pg := pages[0]
				if pg.Item.Title != title || pg.FeedURL != site.url("/feed") || !bytes.Contains(pg.Body, []byte(path)) {
					t.Errorf("page %s: item %+v, feed %s", path, pg.Item, pg.FeedURL)
				}
				if !strings.HasPrefix(pg.ContentType, "text/html") || pg.FinalURL != site.url(path) {
					t.Errorf("page %s: content type %q, final URL %q", path, pg.ContentType, pg.FinalURL)
				}
			}
			f, _ := store.Feed(site.url("/feed"))
			if f.Title == "" || f.ETag == "" || f.LastStatus != 200 || !f.LastSuccess.Equal(c.Now()) {
				t.Errorf("feed state %+v", f)
			}
		})
	}
}

// TestFeedItemMetadata checks that the feed's GUID and date reach the
// processor, which prefers them to what the page says.
func TestFeedItemMetadata(t *testing.T) {
	body, _ := os.ReadFile("testdata/formats/rss20.xml")
	site := newSite(t)
	site.feed("/feed", "application/rss+xml", string(body))
	site.articles()
	store := NewMemStore()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))
	mustRun(t, store, proc, testOptions(newClock()))

	pages := proc.pages[site.url("/articles/rss20-1")]
	if len(pages) != 1 {
		t.Fatalf("pages = %+v", proc.pages)
	}
	it := pages[0].Item
	want := time.Date(2024, 2, 15, 10, 0, 0, 0, time.UTC)
	if it.GUID != "rss20-guid-1" || !it.Published.Equal(want) || !strings.Contains(it.Link, "utm_source=rss") {
		t.Errorf("item = %+v", it)
	}
	if site.hit("/articles/rss20-1") != 1 {
		t.Errorf("article fetched as %v, want its canonical URL without tracking parameters", site.hits)
	}
}

// TestSecondRunFetchesNothing crawls one site twice: the second run gets
// 304 for the feed with validators, the same bytes for the one without,
// re-parses neither and fetches no article again.
func TestSecondRunFetchesNothing(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.feed("/etag-feed", "application/rss+xml", rss("/articles/a", "/articles/b", "/articles/c"))
	plain := rss("/articles/c", "/articles/d")
	site.mux.HandleFunc("/plain-feed", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.ReplaceAll(plain, "{{BASE}}", site.srv.URL))
	})
	site.mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow:\n")
	})
	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/etag-feed"), site.url("/plain-feed"))

	first := mustRun(t, store, proc, testOptions(c))
	if first.ItemsNew != 4 || first.FeedsChecked != 2 || first.FeedsUnchanged != 0 {
		t.Fatalf("first run: %+v", first)
	}
	articleHits := site.hitsWithPrefix("/articles/")
	robotsHits := site.hit("/robots.txt")
	if articleHits != 4 {
		t.Fatalf("first run fetched %d articles, want 4: %v", articleHits, site.hits)
	}

	// Before MinInterval: nothing is due, nothing is requested.
	c.advance(time.Minute)
	early := mustRun(t, store, proc, testOptions(c))
	if early != (Summary{}) || site.hit("/etag-feed") != 1 {
		t.Fatalf("run before MinInterval: %+v, feed hits %d", early, site.hit("/etag-feed"))
	}

	c.advance(15 * time.Minute)
	second := mustRun(t, store, proc, testOptions(c))
	if second.FeedsChecked != 2 || second.FeedsUnchanged != 2 || second.ItemsNew != 0 || second.ItemsSkipped != 0 {
		t.Errorf("second run: %+v, want both feeds unchanged and no items looked at", second)
	}
	if n := site.hitsWithPrefix("/articles/"); n != articleHits {
		t.Errorf("second run fetched %d articles again", n-articleHits)
	}
	if n := site.hit("/robots.txt"); n != robotsHits {
		t.Errorf("second run fetched robots.txt with no page to fetch")
	}
	if site.hit("/etag-feed") != 2 || site.hit("/plain-feed") != 2 {
		t.Errorf("feed hits: %v", site.hits)
	}
	if _, processed := proc.count(); processed != 4 {
		t.Errorf("%d pages processed over two runs, want 4", processed)
	}
}

func TestSameArticleTwoURLs(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.feed("/feed1", "application/rss+xml", rss("/articles/story?utm_source=feed1&utm_medium=rss", "/articles/only1"))
	site.feed("/feed2", "application/rss+xml", rss("/articles/story?fbclid=XYZ&gclid=1#comments", "{{BASE}}/articles/story"))
	store := NewMemStore()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed1"), site.url("/feed2"))

	sum := mustRun(t, store, proc, testOptions(newClock()))
	if sum.ItemsNew != 2 {
		t.Errorf("summary %+v, want 2 new items", sum)
	}
	if n := site.hitsWithPrefix("/articles/story"); n != 1 {
		t.Errorf("story fetched %d times: %v", n, site.hits)
	}
	if pages := proc.pages[site.url("/articles/story")]; len(pages) != 1 {
		t.Errorf("story processed %d times under its canonical URL; pages: %v", len(pages), proc.pages)
	}
}

func TestArticleStoredElsewhereIsNotFetched(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.feed("/feed", "application/rss+xml", rss("/articles/known?utm_campaign=x", "/articles/new"))
	store := NewMemStore()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))
	store.AddArticle(context.Background(), site.url("/articles/known"))

	sum := mustRun(t, store, proc, testOptions(newClock()))
	if sum.ItemsNew != 1 || sum.ItemsSkipped != 1 || site.hitsWithPrefix("/articles/known") != 0 {
		t.Errorf("summary %+v, hits %v", sum, site.hits)
	}
}

// TestBrokenFeeds runs every kind of broken feed through one crawl and
// checks each is recorded with a reason while the others succeed.
func TestBrokenFeeds(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.feed("/good", "application/rss+xml", rss("/articles/good"))
	site.feed("/broken-xml", "application/rss+xml",
		`<?xml version="1.0"?><rss version="2.0"><channel><title>Half</title>
<item><title>Kept</title><link>{{BASE}}/articles/kept</link></item>
<item><title>Cut <![CDATA[ never closed`)
	site.mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/good"></head><body>Home</body></html>`)
	})
	site.mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) })
	site.mux.HandleFunc("/404", http.NotFound)
	site.mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	site.mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	site.mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<item>"), 10000)
		for n := 0; n < 200<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 32<<20))
	zw.Close()
	site.mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	site.mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	site.mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	})
	site.mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7200")
		w.WriteHeader(http.StatusTooManyRequests)
	})

	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	broken := map[string]string{ // path -> what LastError must mention
		"/html":      "not a feed",
		"/500":       "500",
		"/404":       "404",
		"/loop":      fetch.ErrRedirectLoop.Error(),
		"/huge":      fetch.ErrTooLarge.Error(),
		"/gzip-bomb": fetch.ErrTooLarge.Error(),
		"/hang":      fetch.ErrTimeout.Error(),
		"/reset":     "/reset",
		"/429":       "429",
	}
	addFeeds(t, store, site.url("/good"), site.url("/broken-xml"))
	for path := range broken {
		addFeeds(t, store, site.url(path))
	}
	opts := testOptions(c)
	// Long enough to inflate the bomb under the race detector; /hang
	// costs this much.
	opts.Timeout = time.Second
	opts.MaxBody = 4 << 20

	start := time.Now()
	sum := mustRun(t, store, proc, opts)
	t.Logf("first run took %v: %+v", time.Since(start), sum)
	if sum.FeedsFailed != len(broken) || sum.FeedsChecked != len(broken)+2 || sum.ItemsNew != 2 {
		t.Errorf("summary %+v, want %d failed feeds and 2 new items", sum, len(broken))
	}
	if _, ok := proc.pages[site.url("/articles/kept")]; !ok {
		t.Error("the valid item before broken XML was not processed")
	}
	for path, reason := range broken {
		f, _ := store.Feed(site.url(path))
		if !strings.Contains(f.LastError, reason) {
			t.Errorf("%s: LastError %q, want it to mention %q", path, f.LastError, reason)
		}
		wantCount := 1
		if path == "/429" {
			wantCount = 0 // asked to wait, not broken
			if want := c.Now().Add(2 * time.Hour); f.NextCheck.Before(want.Add(-time.Minute)) || f.NextCheck.After(want.Add(time.Minute)) {
				t.Errorf("/429: NextCheck %v, want about %v", f.NextCheck, want)
			}
		}
		if f.ErrorCount != wantCount {
			t.Errorf("%s: ErrorCount %d, want %d", path, f.ErrorCount, wantCount)
		}
	}
	for path, status := range map[string]int{"/500": 500, "/404": 404, "/429": 429, "/html": 200, "/hang": 0} {
		if f, _ := store.Feed(site.url(path)); f.LastStatus != status {
			t.Errorf("%s: LastStatus %d, want %d", path, f.LastStatus, status)
		}
	}

	// Two more failures disable /500; /429 is not asked again before its
	// Retry-After.
	c.advance(30 * time.Minute)
	mustRun(t, store, proc, opts)
	c.advance(89 * time.Minute)
	if f, _ := store.Feed(site.url("/429")); !f.NextCheck.After(c.Now()) {
		t.Fatalf("/429 due at %v, before its Retry-After", f.NextCheck)
	}
	mustRun(t, store, proc, opts)
	if n := site.hit("/429"); n != 1 {
		t.Errorf("/429 requested %d times before Retry-After passed", n)
	}
	f, _ := store.Feed(site.url("/500"))
	if f.ErrorCount != 3 || site.hit("/500") != 3 {
		t.Fatalf("/500 after three runs: %+v, hits %d", f, site.hit("/500"))
	}
	c.advance(24 * time.Hour)
	sum = mustRun(t, store, proc, opts)
	if site.hit("/500") != 3 {
		t.Error("disabled feed /500 was requested again")
	}
	if sum.FeedsSkipped < 1 {
		t.Errorf("summary %+v, want disabled feeds counted as skipped", sum)
	}
}

func TestRobotsDisallow(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /articles/private/\n")
	})
	site.feed("/feed", "application/rss+xml", rss("/articles/private/secret", "/articles/public"))
	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))

	sum := mustRun(t, store, proc, testOptions(c))
	if sum.ItemsNew != 1 || sum.ItemsFailed != 1 {
		t.Errorf("summary %+v", sum)
	}
	if site.hitsWithPrefix("/articles/private/") != 0 {
		t.Error("disallowed page was fetched")
	}
	// Disallowed pages are given up, not retried.
	c.advance(1000 * time.Hour)
	if due, _ := store.DueItems(context.Background(), c.Now(), 0); len(due) != 0 {
		t.Errorf("disallowed page due for retry: %+v", due)
	}
}

func TestUnsafeLinksAreRefused(t *testing.T) {
	site := newSite(t)
	site.feed("/feed", "application/rss+xml", rss(
		"http://169.254.169.254/latest/meta-data/iam",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"file:///etc/passwd",
		"javascript:alert(1)",
	))
	store := NewMemStore()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))
	// AllowPrivate lets the test site be crawled; metadata addresses stay
	// refused.
	sum := mustRun(t, store, proc, testOptions(newClock()))
	if sum.ItemsNew != 0 || sum.ItemsFailed != 2 {
		t.Errorf("summary %+v, want the two metadata links failed and the rest dropped", sum)
	}
	for u, it := range store.items {
		if !it.gaveUp || !strings.Contains(it.reason, "blocked") {
			t.Errorf("%s: gave up %v, reason %q", u, it.gaveUp, it.reason)
		}
	}

	// Without AllowPrivate the loopback feed itself is refused.
	store2 := NewMemStore()
	addFeeds(t, store2, site.url("/feed"))
	opts := testOptions(newClock())
	opts.AllowPrivate = false
	sum = mustRun(t, store2, newRecorder(store2), opts)
	f, _ := store2.Feed(site.url("/feed"))
	if sum.FeedsFailed != 1 || !strings.Contains(f.LastError, fetch.ErrBlockedAddress.Error()) {
		t.Errorf("summary %+v, LastError %q", sum, f.LastError)
	}
}

// TestPageRetries covers backoff after a failed page, retry without the
// feed (which answers 304 by then), giving up after MaxAttempts, and
// giving up at once on a 404.
func TestPageRetries(t *testing.T) {
	site := newSite(t)
	var mu sync.Mutex
	flaky := 0
	site.mux.HandleFunc("/articles/flaky", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		flaky++
		n := flaky
		mu.Unlock()
		if n <= 2 {
			http.Error(w, "try later", http.StatusBadGateway)
			return
		}
		fmt.Fprint(w, "<html><body>finally</body></html>")
	})
	site.mux.HandleFunc("/articles/down", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) })
	site.mux.HandleFunc("/articles/gone", http.NotFound)
	site.feed("/feed", "application/rss+xml", rss("/articles/flaky", "/articles/down", "/articles/gone"))
	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))
	opts := testOptions(c)
	opts.MaxAttempts = 3
	opts.RetryBase = time.Hour

	sum := mustRun(t, store, proc, opts)
	if sum.ItemsFailed != 3 {
		t.Fatalf("first run %+v", sum)
	}
	// Within the backoff: feed is 304, pages are not due.
	c.advance(30 * time.Minute)
	mustRun(t, store, proc, opts)
	if site.hit("/articles/flaky") != 1 || site.hit("/articles/down") != 1 {
		t.Fatalf("pages retried before their backoff: %v", site.hits)
	}
	// attempt 2 at +1h: both fail again; next wait is 2h.
	c.advance(31 * time.Minute)
	mustRun(t, store, proc, opts)
	c.advance(2*time.Hour + time.Minute)
	sum = mustRun(t, store, proc, opts)
	if sum.ItemsNew != 1 || len(proc.pages[site.url("/articles/flaky")]) != 1 {
		t.Errorf("flaky page not stored on its third attempt: %+v", sum)
	}
	if got := site.hit("/articles/down"); got != 3 {
		t.Errorf("/articles/down requested %d times, want MaxAttempts=3", got)
	}
	c.advance(100 * time.Hour)
	mustRun(t, store, proc, opts)
	if site.hit("/articles/down") != 3 || site.hit("/articles/gone") != 1 {
		t.Errorf("given-up pages requested again: %v", site.hits)
	}
}

func TestProcessorPermanentError(t *testing.T) {
	site := newSite(t)
	site.articles()
	site.feed("/feed", "application/rss+xml", rss("/articles/video"))
	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	proc.fail = func(Page) error { return fmt.Errorf("no article text: %w", ErrPermanent) }
	addFeeds(t, store, site.url("/feed"))
	sum := mustRun(t, store, proc, testOptions(c))
	if sum.ItemsFailed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	c.advance(1000 * time.Hour)
	if due, _ := store.DueItems(context.Background(), c.Now(), 0); len(due) != 0 {
		t.Errorf("permanently failed page due again: %+v", due)
	}
}

// TestPageRetryAfterPausesHost: a 429 on one page defers the host's other
// pages in this run without counting an attempt against them.
func TestPageRetryAfterPausesHost(t *testing.T) {
	site := newSite(t)
	site.mux.HandleFunc("/articles/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	site.feed("/feed", "application/rss+xml", rss("/articles/1", "/articles/2", "/articles/3"))
	store, c := NewMemStore(), newClock()
	addFeeds(t, store, site.url("/feed"))
	sum := mustRun(t, store, newRecorder(store), testOptions(c))
	if got := site.hitsWithPrefix("/articles/"); got != 1 {
		t.Errorf("%d article requests after a 429, want 1", got)
	}
	if sum.ItemsFailed != 1 || sum.ItemsSkipped != 2 {
		t.Errorf("summary %+v", sum)
	}
	for u, it := range store.items {
		if it.nextRetry.Before(c.Now().Add(10*time.Minute)) || it.gaveUp {
			t.Errorf("%s: next retry %v, gave up %v", u, it.nextRetry, it.gaveUp)
		}
		if strings.HasSuffix(u, "/2") && it.attempts != 0 {
			t.Errorf("%s: deferral counted as attempt %d", u, it.attempts)
		}
	}
}

// TestOverlappingRuns starts two crawls at once on one store: both
// succeed and every article is fetched and processed once.
func TestOverlappingRuns(t *testing.T) {
	site := newSite(t)
	site.mux.HandleFunc("/articles/", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond)
		fmt.Fprintf(w, "<html><body>%s</body></html>", r.URL.Path)
	})
	store := NewMemStore()
	proc := newRecorder(store)
	const feeds, items = 10, 10
	for f := range feeds {
		var links []string
		for i := range items {
			// Neighbouring feeds share half their items.
			links = append(links, fmt.Sprintf("/articles/%d", (f*items/2+i)%(feeds*items)))
		}
		site.feed(fmt.Sprintf("/feed/%d", f), "application/rss+xml", rss(links...))
		addFeeds(t, store, site.url(fmt.Sprintf("/feed/%d", f)))
	}
	c := newClock()
	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	for i := range sums {
		wg.Go(func() {
			opts := testOptions(c)
			opts.Global = 4
			var err error
			sums[i], err = Run(context.Background(), store, proc, opts)
			if err != nil {
				t.Errorf("run %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	pages, processed := proc.count()
	t.Logf("runs: %+v / %+v; %d pages", sums[0], sums[1], pages)
	if pages != processed {
		t.Errorf("%d pages processed %d times", pages, processed)
	}
	if got := sums[0].ItemsNew + sums[1].ItemsNew; got != pages {
		t.Errorf("ItemsNew %d, pages %d", got, pages)
	}
	for f := range feeds {
		if n := site.hit(fmt.Sprintf("/feed/%d", f)); n != 1 {
			t.Errorf("feed %d fetched %d times", f, n)
		}
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for k, n := range site.hits {
		if strings.HasPrefix(k, "/articles/") && n != 1 {
			t.Errorf("%s fetched %d times", k, n)
		}
	}
}

// TestMaxDuration stops a run mid-feed: leases come back, the feed keeps
// its old validators, and the next run finishes the job with every page
// processed once.
func TestMaxDuration(t *testing.T) {
	site := newSite(t)
	site.mux.HandleFunc("/articles/", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(100 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, "<html><body>slow</body></html>")
	})
	var links []string
	for i := range 10 {
		links = append(links, fmt.Sprintf("/articles/%d", i))
	}
	site.feed("/feed", "application/rss+xml", rss(links...))
	store, c := NewMemStore(), newClock()
	proc := newRecorder(store)
	addFeeds(t, store, site.url("/feed"))

	opts := testOptions(c)
	opts.MaxDuration = 250 * time.Millisecond
	start := time.Now()
	sum, err := Run(context.Background(), store, proc, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("run took %v with MaxDuration 250ms", d)
	}
	if !sum.Interrupted || sum.ItemsNew == 0 || sum.ItemsNew >= 10 || sum.ItemsFailed != 0 {
		t.Fatalf("summary %+v, want an interrupted run with some items done", sum)
	}
	f, _ := store.Feed(site.url("/feed"))
	if f.ETag != "" || f.ErrorCount != 0 || !f.NextCheck.IsZero() {
		t.Errorf("interrupted feed state %+v: want it untouched", f)
	}
	if _, ok, _ := store.ClaimFeed(context.Background(), f.URL, Lease{Owner: "other", Now: c.Now(), Until: c.Now().Add(time.Minute)}); !ok {
		t.Error("feed lease not given back")
	}
	store.SaveFeed(context.Background(), f, "other")

	sum2 := mustRun(t, store, proc, testOptions(c))
	pages, processed := proc.count()
	if pages != 10 || processed != 10 || sum.ItemsNew+sum2.ItemsNew != 10 {
		t.Errorf("after two runs: %d pages, %d processed; summaries %+v %+v", pages, processed, sum, sum2)
	}
}

// TestStoreFailureFailsRun: the run itself cannot work without its store.
func TestStoreFailureFailsRun(t *testing.T) {
	_, err := Run(context.Background(), brokenStore{NewMemStore()}, newRecorder(NewMemStore()), testOptions(newClock()))
	if err == nil {
		t.Fatal("Run succeeded with a broken store")
	}
}

type brokenStore struct{ *MemStore }

func (brokenStore) DueFeeds(context.Context, time.Time) ([]Feed, error) {
	return nil, errors.New("disk I/O error")
}

// TestLoad crawls 200 feeds of 20 items each. Feeds are served as
// 127.0.0.1 and articles as localhost, so two hosts share one server that
// counts requests in flight per host and open connections.
func TestLoad(t *testing.T) {
	const feeds, items, perHost = 200, 20, 2
	site := newSite(t)
	site.articles()
	// Without a delay a fast machine can answer each article before the
	// next request starts, and the per-host limit is never seen reached.
	site.articleDelay = time.Millisecond
	store := NewMemStore()
	proc := newRecorder(store)
	for f := range feeds {
		links := make([]string, items)
		for i := range items {
			links[i] = site.alias(fmt.Sprintf("/articles/%d/%d", f, i))
		}
		path := fmt.Sprintf("/feeds/%d", f)
		site.feed(path, "application/rss+xml", rss(links...))
		addFeeds(t, store, site.url(path))
	}
	opts := testOptions(newClock())
	opts.PerHost = perHost
	opts.Global = 16

	start := time.Now()
	sum := mustRun(t, store, proc, opts)
	elapsed := time.Since(start)
	t.Logf("%d feeds x %d items crawled in %v: %+v; peak in flight %v, peak open connections %d",
		feeds, items, elapsed, sum, site.peak, site.peakConns)

	if sum.FeedsChecked != feeds || sum.ItemsNew != feeds*items || sum.FeedsFailed+sum.ItemsFailed != 0 {
		t.Errorf("summary %+v", sum)
	}
	if n := site.hitsWithPrefix("/articles/"); n != feeds*items {
		t.Errorf("%d article requests, want %d", n, feeds*items)
	}
	for host, p := range site.peak {
		if p > perHost {
			t.Errorf("%s: %d requests in flight, limit %d", host, p, perHost)
		}
	}
	if p := site.peak["localhost"]; p < perHost {
		t.Errorf("articles: peak %d in flight, the per-host limit was never reached: no parallelism", p)
	}
	if site.peakConns > 2*perHost {
		t.Errorf("%d connections open at once to 2 hosts, limit %d each", site.peakConns, perHost)
	}
}
