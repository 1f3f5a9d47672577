package fetch

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

func TestAllowed(t *testing.T) {
	const rules = `User-agent: *
Disallow: /private/

User-agent: test-bot
Disallow: /news/draft
Allow: /
`
	tests := []struct {
		name     string
		status   int
		body     string
		path     string
		allowed  bool
		wantsErr bool
	}{
		{"own group allows", 200, rules, "/private/x", true, false},
		{"own group disallows", 200, rules, "/news/draft-1", false, false},
		{"own group disallows with query", 200, "User-agent: test-bot\nDisallow: /*?print\n", "/a?print=1", false, false},
		{"missing robots allows", 404, "", "/anything", true, false},
		{"forbidden robots allows", 403, "", "/anything", true, false},
		{"server error disallows for now", 500, "", "/anything", false, true},
		{"rate limited disallows for now", 429, "", "/anything", false, true},
		{"garbage allows", 200, "\x00\xff<html>", "/x", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var robotsHits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/robots.txt" {
					t.Errorf("unexpected request %s", r.URL)
					return
				}
				robotsHits.Add(1)
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c := testClient(t, Config{UserAgent: "test-bot/2.0 (+https://example.org)"})

			// Many concurrent callers, one robots.txt request.
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					ok, err := c.Allowed(context.Background(), srv.URL+tt.path)
					if (err != nil) != tt.wantsErr || ok != tt.allowed {
						t.Errorf("Allowed(%s) = %v, %v; want %v, error %v", tt.path, ok, err, tt.allowed, tt.wantsErr)
					}
				})
			}
			wg.Wait()
			if _, err := c.Allowed(context.Background(), srv.URL+tt.path); (err != nil) != tt.wantsErr {
				t.Errorf("cached answer changed: %v", err)
			}
			if n := robotsHits.Load(); n != 1 {
				t.Errorf("robots.txt fetched %d times, want 1", n)
			}
		})
	}
}

func TestAllowedCancelledLoaderIsNotCached(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "User-agent: *\nDisallow: /no\n")
	}))
	defer srv.Close()
	c := testClient(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Allowed(ctx, srv.URL+"/no"); err == nil {
		t.Fatal("cancelled context: no error")
	}
	ok, err := c.Allowed(context.Background(), srv.URL+"/no")
	if err != nil || ok {
		t.Fatalf("Allowed = %v, %v; want false, nil", ok, err)
	}
}
