// Package fetch is the crawler's HTTP client: one place that decides how we
// behave towards other people's servers (identification, timeouts, size
// limits, redirects, conditional requests, robots.txt, concurrency) and
// which addresses we refuse to reach.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultUserAgent names the product and where to read about it, so a site
// operator who sees us in their logs knows who to contact.
const DefaultUserAgent = "cloudfacts-ingest/0.1 (+https://github.com/cloudfacts/ingest)"

// Config holds the client's limits. Zero values mean the defaults noted.
type Config struct {
	UserAgent      string        // DefaultUserAgent
	ConnectTimeout time.Duration // 10 s: TCP connect and TLS handshake
	Timeout        time.Duration // 30 s: a whole Get, redirects and body included
	MaxBody        int64         // 15 MiB, counted after decompression
	MaxRedirects   int           // 10
	PerHost        int           // 2 requests in flight per host
	Global         int           // 16 requests in flight overall
	AllowPrivate   bool          // permit loopback and private addresses
	Logger         *slog.Logger  // slog.Default()
}

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 10 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 15 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 10
	}
	if c.PerHost <= 0 {
		c.PerHost = 2
	}
	if c.Global <= 0 {
		c.Global = 16
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Conditional carries the validators from a previous response of the same
// URL; empty fields are not sent.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a completed 2xx or 304 response.
type Response struct {
	FinalURL    string // after redirects
	Status      int
	Body        []byte // raw bytes, decompressed but not charset-decoded
	ContentType string
	// ETag and LastModified are the validators to send next time. On a 304
	// without them, they are the ones that were sent.
	ETag         string
	LastModified string
	NotModified  bool // 304: Body is empty and nothing needs re-parsing
}

// Client is safe for concurrent use. Its limits hold across all goroutines
// using it, so one Client should serve a whole crawl run.
type Client struct {
	cfg    Config
	hc     *http.Client
	log    *slog.Logger
	agent  string // robots.txt product token
	global chan struct{}

	mu    sync.Mutex
	hosts map[string]*hostSlots

	robotsMu sync.Mutex
	robots   map[string]*robotsEntry
}

type hostSlots struct {
	sem  chan struct{}
	refs int
}

// New returns a Client for cfg.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	dialer := &net.Dialer{
		Timeout:   cfg.ConnectTimeout,
		KeepAlive: 30 * time.Second,
		Control:   dialControl(cfg.AllowPrivate),
	}
	tr := &http.Transport{
		// No proxy: the address guard must see the address of the site,
		// not of a proxy that would then connect anywhere for us.
		Proxy:               nil,
		DialContext:         dialer.DialContext,
		ForceAttemptHTTP2:   true,
		TLSHandshakeTimeout: cfg.ConnectTimeout,
		MaxConnsPerHost:     cfg.PerHost,
		MaxIdleConnsPerHost: cfg.PerHost,
		MaxIdleConns:        100,
		IdleConnTimeout:     90 * time.Second,
		// We ask for gzip and br ourselves so that the decompressed size
		// can be limited; the transport's transparent gzip cannot.
		DisableCompression: true,
	}
	return &Client{
		cfg: cfg,
		hc: &http.Client{
			Transport: tr,
			// Redirects are followed by Get, hop by hop, so each hop gets
			// the scheme check, loop detection and a host slot.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		log:    cfg.Logger,
		agent:  productToken(cfg.UserAgent),
		global: make(chan struct{}, cfg.Global),
		hosts:  make(map[string]*hostSlots),
		robots: make(map[string]*robotsEntry),
	}
}

// CloseIdleConnections closes kept-alive connections; call it when a run
// ends.
func (c *Client) CloseIdleConnections() {
	c.hc.CloseIdleConnections()
}

// Get fetches rawURL, following redirects. It returns a *StatusError for
// any status other than 2xx and 304, and the sentinel errors of this
// package for the limits it enforces.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	return c.get(ctx, rawURL, cond, c.cfg.MaxBody)
}

func (c *Client) get(ctx context.Context, rawURL string, cond Conditional, maxBody int64) (*Response, error) {
	start := time.Now()
	u, err := parseTarget(rawURL)
	if err != nil {
		return nil, err
	}
	visited := map[string]bool{u.String(): true}
	// The timeout starts once the first host slot is ours: time spent
	// queueing behind our own politeness limits is not the site's fault.
	var tctx context.Context
	for hop := 0; ; hop++ {
		waitCtx := ctx
		if tctx != nil {
			waitCtx = tctx
		}
		release, err := c.acquire(waitCtx, u.Host)
		if err != nil {
			return nil, c.contextErr(ctx, tctx, u, err)
		}
		if tctx == nil {
			var cancel context.CancelFunc
			tctx, cancel = context.WithTimeoutCause(ctx, c.cfg.Timeout, ErrTimeout)
			defer cancel()
		}
		resp, next, err := c.do(tctx, u, cond, maxBody)
		release()
		if err != nil {
			return nil, c.contextErr(ctx, tctx, u, err)
		}
		if next == nil {
			c.log.Debug("fetched", "url", Redact(rawURL), "final_url", Redact(resp.FinalURL), "status", resp.Status,
				"bytes", len(resp.Body), "duration_ms", time.Since(start).Milliseconds())
			return resp, nil
		}
		if visited[next.String()] {
			return nil, fmt.Errorf("%s: %w at %s", Redact(rawURL), ErrRedirectLoop, redactURL(next))
		}
		if hop+1 > c.cfg.MaxRedirects {
			return nil, fmt.Errorf("%s: %w (more than %d)", Redact(rawURL), ErrTooManyRedirects, c.cfg.MaxRedirects)
		}
		visited[next.String()] = true
		c.log.Debug("redirect", "url", redactURL(u), "location", redactURL(next))
		u = next
	}
}

// contextErr replaces the transport's error after our own deadline with
// ErrTimeout, and after the caller's cancellation with the caller's error.
func (c *Client) contextErr(ctx, tctx context.Context, u *url.URL, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", redactURL(u), context.Cause(ctx))
	}
	if tctx != nil && errors.Is(context.Cause(tctx), ErrTimeout) {
		return fmt.Errorf("%s: %w after %s", redactURL(u), ErrTimeout, c.cfg.Timeout)
	}
	return err
}

// do performs one hop. It returns either a response or the next URL of a
// redirect.
func (c *Client) do(ctx context.Context, u *url.URL, cond Conditional, maxBody int64) (*Response, *url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", redactURL(u), redactErr(err))
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml;q=0.9, application/atom+xml;q=0.9, application/feed+json;q=0.9, application/xml;q=0.9, */*;q=0.8")
	req.Header.Set("Accept-Encoding", "gzip, br")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}

	res, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", redactURL(u), redactErr(err))
	}
	defer res.Body.Close()

	switch {
	case isRedirect(res.StatusCode):
		drain(res.Body)
		loc := res.Header.Get("Location")
		if loc == "" {
			return nil, nil, &StatusError{URL: redactURL(u), Code: res.StatusCode}
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: bad redirect Location %q: %w", redactURL(u), Redact(loc), redactErr(err))
		}
		next.Fragment, next.RawFragment = "", ""
		if next.Scheme != "http" && next.Scheme != "https" {
			return nil, nil, fmt.Errorf("%s: redirect to %s: %w", redactURL(u), redactURL(next), ErrUnsupportedScheme)
		}
		return nil, next, nil

	case res.StatusCode == http.StatusNotModified:
		drain(res.Body)
		return &Response{
			FinalURL:     u.String(),
			Status:       res.StatusCode,
			ContentType:  res.Header.Get("Content-Type"),
			ETag:         orDefault(res.Header.Get("ETag"), cond.ETag),
			LastModified: orDefault(res.Header.Get("Last-Modified"), cond.LastModified),
			NotModified:  true,
		}, nil, nil

	case res.StatusCode >= 200 && res.StatusCode < 300:
		body, err := readBody(res, maxBody)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", redactURL(u), redactErr(err))
		}
		return &Response{
			FinalURL:     u.String(),
			Status:       res.StatusCode,
			Body:         body,
			ContentType:  res.Header.Get("Content-Type"),
			ETag:         res.Header.Get("ETag"),
			LastModified: res.Header.Get("Last-Modified"),
		}, nil, nil

	default:
		drain(res.Body)
		se := &StatusError{URL: redactURL(u), Code: res.StatusCode}
		if res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable {
			se.RetryAfter = parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
		}
		return nil, nil, se
	}
}

// acquire waits for a slot for host, then a global one. Always in that
// order, so two requests can never each hold what the other waits for.
func (c *Client) acquire(ctx context.Context, host string) (release func(), err error) {
	host = strings.ToLower(host)
	c.mu.Lock()
	hs := c.hosts[host]
	if hs == nil {
		hs = &hostSlots{sem: make(chan struct{}, c.cfg.PerHost)}
		c.hosts[host] = hs
	}
	hs.refs++
	c.mu.Unlock()

	unref := func() {
		c.mu.Lock()
		hs.refs--
		if hs.refs == 0 {
			delete(c.hosts, host)
		}
		c.mu.Unlock()
	}
	select {
	case hs.sem <- struct{}{}:
	case <-ctx.Done():
		unref()
		return nil, ctx.Err()
	}
	select {
	case c.global <- struct{}{}:
	case <-ctx.Done():
		<-hs.sem
		unref()
		return nil, ctx.Err()
	}
	return func() {
		<-c.global
		<-hs.sem
		unref()
	}, nil
}

func parseTarget(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", redactErr(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q: %w", Redact(rawURL), ErrUnsupportedScheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("fetch: %q has no host", Redact(rawURL))
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// drain reads a little of an unwanted body so the connection can be
// reused, but never a large one.
func drain(r io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r, 64<<10))
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// productToken is the name robots.txt groups are matched against: the
// User-Agent up to the first slash or space.
func productToken(ua string) string {
	tok, _, _ := strings.Cut(ua, " ")
	tok, _, _ = strings.Cut(tok, "/")
	return strings.ToLower(tok)
}
