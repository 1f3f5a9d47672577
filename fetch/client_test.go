package fetch

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func testClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	cfg.AllowPrivate = true
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	cfg.Logger = slog.New(slog.DiscardHandler)
	c := New(cfg)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func compress(t *testing.T, enc string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch enc {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "br":
		w = brotli.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	default:
		t.Fatalf("unknown encoding %q", enc)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGetDecodesAndIdentifies(t *testing.T) {
	const text = "<p>Region launched in Milan</p>"
	for _, enc := range []string{"", "gzip", "br", "deflate"} {
		t.Run("encoding="+enc, func(t *testing.T) {
			var gotUA, gotAE string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotUA, gotAE = r.UserAgent(), r.Header.Get("Accept-Encoding")
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				body := []byte(text)
				if enc != "" {
					w.Header().Set("Content-Encoding", enc)
					body = compress(t, enc, body)
				}
				w.Write(body)
			}))
			defer srv.Close()
			c := testClient(t, Config{UserAgent: "test-bot/1.0 (+https://example.org/bot)"})
			resp, err := c.Get(context.Background(), srv.URL+"/a", Conditional{})
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != text {
				t.Errorf("body = %q, want %q", resp.Body, text)
			}
			if resp.ContentType != "text/html; charset=utf-8" || resp.Status != 200 || resp.FinalURL != srv.URL+"/a" {
				t.Errorf("resp = %+v", resp)
			}
			if gotUA != "test-bot/1.0 (+https://example.org/bot)" {
				t.Errorf("User-Agent = %q", gotUA)
			}
			if !strings.Contains(gotAE, "gzip") || !strings.Contains(gotAE, "br") {
				t.Errorf("Accept-Encoding = %q", gotAE)
			}
		})
	}
}

func TestDefaultUserAgentHasContact(t *testing.T) {
	if !strings.Contains(DefaultUserAgent, "+https://") {
		t.Fatalf("DefaultUserAgent %q lacks a contact URL", DefaultUserAgent)
	}
	if got := productToken(DefaultUserAgent); got != "cloudfacts-ingest" {
		t.Fatalf("productToken = %q", got)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	var full atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		io.WriteString(w, "<rss/>")
	}))
	defer srv.Close()
	c := testClient(t, Config{})
	ctx := context.Background()

	first, err := c.Get(ctx, srv.URL, Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("first = %+v", first)
	}
	for _, cond := range []Conditional{
		{ETag: first.ETag, LastModified: first.LastModified},
		{ETag: first.ETag},
		{LastModified: first.LastModified},
	} {
		second, err := c.Get(ctx, srv.URL, cond)
		if err != nil {
			t.Fatal(err)
		}
		if !second.NotModified || second.Status != 304 || len(second.Body) != 0 {
			t.Fatalf("with %+v: second = %+v", cond, second)
		}
		// The validators must survive a 304 that omits them.
		if second.ETag != cond.ETag || second.LastModified != cond.LastModified {
			t.Errorf("validators lost: %+v", second)
		}
	}
	if full.Load() != 1 {
		t.Errorf("full responses = %d, want 1", full.Load())
	}
}

func TestStatusErrors(t *testing.T) {
	date := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
	tests := []struct {
		name       string
		code       int
		retryAfter string
		wantRetry  time.Duration // approximate, 0 for none
	}{
		{"not found", 404, "", 0},
		{"gone", 410, "", 0},
		{"server error", 500, "", 0},
		{"rate limited seconds", 429, "120", 120 * time.Second},
		{"rate limited date", 429, date.Format(http.TimeFormat), 2 * time.Hour},
		{"unavailable", 503, "3600", time.Hour},
		{"unavailable garbage", 503, "soon", 0},
		{"retry-after ignored on 500", 500, "60", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.code)
				io.WriteString(w, "error page")
			}))
			defer srv.Close()
			_, err := testClient(t, Config{}).Get(context.Background(), srv.URL+"/x", Conditional{})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *StatusError", err)
			}
			if se.Code != tt.code || se.URL != srv.URL+"/x" {
				t.Errorf("StatusError = %+v", se)
			}
			if tt.wantRetry == 0 {
				if !se.RetryAfter.IsZero() {
					t.Errorf("RetryAfter = %v, want zero", se.RetryAfter)
				}
				return
			}
			if d := time.Until(se.RetryAfter); d < tt.wantRetry-10*time.Second || d > tt.wantRetry+time.Second {
				t.Errorf("RetryAfter in %v, want about %v", d, tt.wantRetry)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			io.WriteString(w, "arrived")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a#frag", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self", http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/file", http.StatusFound)
	})
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/nolocation", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(t, Config{MaxRedirects: 10})

	resp, err := c.Get(context.Background(), srv.URL+"/chain/10", Conditional{})
	if err != nil {
		t.Fatalf("10 redirects: %v", err)
	}
	if resp.FinalURL != srv.URL+"/chain/0" || string(resp.Body) != "arrived" {
		t.Errorf("resp = %+v", resp)
	}

	tests := []struct {
		path string
		want error
	}{
		{"/chain/11", ErrTooManyRedirects},
		{"/loop/a", ErrRedirectLoop},
		{"/self", ErrRedirectLoop},
		{"/ftp", ErrUnsupportedScheme},
		{"/metadata", ErrBlockedAddress},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := c.Get(context.Background(), srv.URL+tt.path, Conditional{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	var se *StatusError
	if _, err := c.Get(context.Background(), srv.URL+"/nolocation", Conditional{}); !errors.As(err, &se) || se.Code != 302 {
		t.Errorf("redirect without Location: err = %v", err)
	}
}

// TestHugeBody serves 200 MB, once with Content-Length and once chunked;
// both must stop at the default 15 MiB limit without reading the rest.
func TestHugeBody(t *testing.T) {
	const size = 200 << 20
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("length") {
			w.Header().Set("Content-Length", strconv.Itoa(size))
		}
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for n := 0; n < size; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			written.Add(int64(len(chunk)))
		}
	}))
	defer srv.Close()
	c := testClient(t, Config{})
	for _, q := range []string{"?length", "?chunked"} {
		written.Store(0)
		start := time.Now()
		_, err := c.Get(context.Background(), srv.URL+"/"+q, Conditional{})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%s: err = %v, want ErrTooLarge", q, err)
		}
		t.Logf("%s: failed after %v, server wrote %d MiB", q, time.Since(start), written.Load()>>20)
	}
	if w := written.Load(); w > 64<<20 {
		t.Errorf("server wrote %d MiB of 200: body was not abandoned", w>>20)
	}
}

func TestDecompressionBomb(t *testing.T) {
	zeros := make([]byte, 16<<20)
	for _, enc := range []string{"gzip", "br", "deflate"} {
		t.Run(enc, func(t *testing.T) {
			bomb := compress(t, enc, zeros)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", enc)
				w.Write(bomb)
			}))
			defer srv.Close()
			c := testClient(t, Config{MaxBody: 1 << 20})
			_, err := c.Get(context.Background(), srv.URL, Conditional{})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("%d compressed bytes: err = %v, want ErrTooLarge", len(bomb), err)
			}
		})
	}
}

func TestUnsupportedEncoding(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "compress")
		w.Write([]byte("xx"))
	}))
	defer srv.Close()
	_, err := testClient(t, Config{}).Get(context.Background(), srv.URL, Conditional{})
	if !errors.Is(err, ErrUnsupportedEncoding) {
		t.Fatalf("err = %v", err)
	}
}

func TestServerNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := testClient(t, Config{Timeout: 200 * time.Millisecond})

	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL, Conditional{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v with a 200ms timeout", d)
	}

	// The caller's own cancellation is not the site's timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Get(ctx, srv.URL, Conditional{})
	if errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled caller: err = %v, want context.DeadlineExceeded", err)
	}
}

// TestSlowBody covers a server that sends headers and then stalls: the
// total timeout must cover the body too.
func TestSlowBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	_, err := testClient(t, Config{Timeout: 200 * time.Millisecond}).Get(context.Background(), srv.URL, Conditional{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}

func TestConnectionReset(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			conn.Read(buf)
			// Linger 0 makes Close send RST instead of FIN.
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	}()
	_, err = testClient(t, Config{}).Get(context.Background(), "http://"+ln.Addr().String()+"/", Conditional{})
	if err == nil {
		t.Fatal("no error from a reset connection")
	}
	var se *StatusError
	if errors.As(err, &se) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want a network error", err)
	}
}

func TestRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := New(Config{Logger: slog.New(slog.DiscardHandler)})
	defer c.CloseIdleConnections()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	// "localhost" shows the check happens on the resolved address, not
	// on the name in the URL.
	for _, u := range []string{srv.URL, "http://localhost:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/"} {
		_, err := c.Get(context.Background(), u, Conditional{})
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("%s: err = %v, want ErrBlockedAddress", u, err)
		}
	}
	if _, err := c.Get(context.Background(), "file:///etc/passwd", Conditional{}); !errors.Is(err, ErrUnsupportedScheme) {
		t.Errorf("file URL: err = %v", err)
	}
	if hits.Load() != 0 {
		t.Errorf("server was reached %d times", hits.Load())
	}
}

// TestConcurrencyLimits counts requests in flight per Host header on a
// server reached as two hosts (127.0.0.1 and localhost).
func TestConcurrencyLimits(t *testing.T) {
	var mu sync.Mutex
	cur, peak := map[string]int{}, map[string]int{}
	total, peakTotal := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		mu.Lock()
		cur[host]++
		total++
		peak[host] = max(peak[host], cur[host])
		peakTotal = max(peakTotal, total)
		mu.Unlock()
		time.Sleep(15 * time.Millisecond)
		mu.Lock()
		cur[host]--
		total--
		mu.Unlock()
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	c := testClient(t, Config{PerHost: 2, Global: 3})

	var wg sync.WaitGroup
	for i := range 40 {
		host := "127.0.0.1"
		if i%2 == 1 {
			host = "localhost"
		}
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("http://%s:%s/%d", host, port, i), Conditional{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for host, p := range peak {
		if p > 2 {
			t.Errorf("%s: %d requests in flight, limit 2", host, p)
		}
	}
	if peakTotal > 3 {
		t.Errorf("%d requests in flight overall, limit 3", peakTotal)
	}
	if peakTotal < 2 {
		t.Errorf("peak %d: requests were not run in parallel", peakTotal)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"120", now.Add(2 * time.Minute)},
		{" 0 ", now},
		{"-5", time.Time{}},
		{"Sat, 01 Mar 2025 13:00:00 GMT", now.Add(time.Hour)},
		{"99999999999999999999", time.Time{}},
		{"9999999999", now.Add(maxRetryAfter)},
		{"Fri, 01 Mar 2030 13:00:00 GMT", now.Add(maxRetryAfter)},
		{"tomorrow", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); !got.Equal(tt.want) {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzReadBody(f *testing.F) {
	f.Add("gzip", []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add("br", []byte{0x0b, 0x02, 0x80, 'h', 'i', 0x03})
	f.Add("deflate", []byte{0x78, 0x9c, 3, 0, 0, 0, 0, 1})
	f.Add("", []byte("plain"))
	f.Fuzz(func(t *testing.T, enc string, data []byte) {
		const max = 1 << 10
		res := &http.Response{
			Header:        http.Header{"Content-Encoding": {enc}},
			Body:          io.NopCloser(bytes.NewReader(data)),
			ContentLength: -1,
		}
		body, err := readBody(res, max)
		if err == nil && len(body) > max {
			t.Fatalf("%d bytes returned, limit %d", len(body), max)
		}
	})
}
