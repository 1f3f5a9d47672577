package crawl

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a loopback web server that counts what the crawler does to it:
// requests per path, requests in flight per Host header, open connections.
type site struct {
	t   *testing.T
	srv *httptest.Server
	mux *http.ServeMux

	mu        sync.Mutex
	hits      map[string]int // path and query
	inflight  map[string]int // Host header without port
	peak      map[string]int
	conns     int
	peakConns int
	// articleDelay holds each article response, so that concurrent
	// requests overlap in time however fast the machine answers.
	articleDelay time.Duration
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{
		t:        t,
		mux:      http.NewServeMux(),
		hits:     make(map[string]int),
		inflight: make(map[string]int),
		peak:     make(map[string]int),
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch st {
		case http.StateNew:
			s.conns++
			s.peakConns = max(s.peakConns, s.conns)
		case http.StateClosed, http.StateHijacked:
			s.conns--
		}
	}
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	host, _, _ := net.SplitHostPort(r.Host)
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	s.inflight[host]++
	s.peak[host] = max(s.peak[host], s.inflight[host])
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inflight[host]--
		s.mu.Unlock()
	}()
	s.mux.ServeHTTP(w, r)
}

// url returns the site's URL for path, reached as 127.0.0.1.
func (s *site) url(path string) string { return s.srv.URL + path }

// alias returns the URL for path reached as "localhost": a second host
// for per-host limits, served by the same server.
func (s *site) alias(path string) string {
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	return "http://localhost:" + port + path
}

func (s *site) hit(requestURI string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[requestURI]
}

func (s *site) hitsWithPrefix(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, v := range s.hits {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// feed serves body at path with an ETag, answering 304 to a matching
// If-None-Match. {{BASE}} in body becomes the site's URL.
func (s *site) feed(path, contentType, body string) {
	etag := fmt.Sprintf(`"%x"`, len(body)+len(path))
	s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, strings.ReplaceAll(body, "{{BASE}}", s.srv.URL))
	})
}

// articles serves an HTML page for every path under /articles/.
func (s *site) articles() {
	s.mux.HandleFunc("/articles/", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(s.articleDelay)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><p>Article %s.</p></body></html>", r.URL.Path, r.URL.Path)
	})
}

// rss returns an RSS 2.0 feed linking to links.
func rss(links ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title><link>{{BASE}}/</link>`)
	for i, l := range links {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s</link><guid>g-%s</guid><pubDate>Mon, 03 Feb 2025 10:%02d:00 GMT</pubDate></item>",
			i, html.EscapeString(l), html.EscapeString(l), i%60)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// recorder is a Processor that stores every page under its URL.
type recorder struct {
	store *MemStore

	mu    sync.Mutex
	pages map[string][]Page
	fail  func(Page) error
}

func newRecorder(s *MemStore) *recorder {
	return &recorder{store: s, pages: make(map[string][]Page)}
}

func (p *recorder) Process(ctx context.Context, pg Page) error {
	p.mu.Lock()
	fail := p.fail
	p.mu.Unlock()
	if fail != nil {
		if err := fail(pg); err != nil {
			return err
		}
	}
	p.mu.Lock()
	p.pages[pg.URL] = append(p.pages[pg.URL], pg)
	p.mu.Unlock()
	return p.store.AddArticle(ctx, pg.URL)
}

func (p *recorder) count() (pages, processed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, ps := range p.pages {
		processed += len(ps)
	}
	return len(p.pages), processed
}

// clock is a settable time source for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func testOptions(c *clock) Options {
	return Options{
		AllowPrivate: true,
		Timeout:      2 * time.Second,
		Logger:       slog.New(slog.DiscardHandler),
		Now:          c.Now,
	}
}

func mustRun(t *testing.T, s Store, p Processor, opts Options) Summary {
	t.Helper()
	sum, err := Run(context.Background(), s, p, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func addFeeds(t *testing.T, s *MemStore, urls ...string) {
	t.Helper()
	for _, u := range urls {
		if err := s.AddFeed(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
}
