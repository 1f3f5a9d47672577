package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors callers branch on. Each is wrapped with the URL involved.
var (
	// ErrTooLarge: the body, after decompression, exceeds Config.MaxBody.
	ErrTooLarge = errors.New("response body too large")
	// ErrBlockedAddress: the host resolved to an address we refuse to
	// connect to (link-local, cloud metadata, or private without
	// AllowPrivate).
	ErrBlockedAddress = errors.New("address blocked")
	// ErrUnsupportedScheme: only http and https are followed, including in
	// redirects.
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	// ErrTooManyRedirects: more than Config.MaxRedirects hops.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrRedirectLoop: a redirect led back to a URL already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTimeout: the request did not complete within Config.Timeout. A
	// cancelled parent context is reported as the context's error instead,
	// so callers can tell "the site is slow" from "we were told to stop".
	ErrTimeout = errors.New("request timed out")
	// ErrUnsupportedEncoding: a Content-Encoding we did not ask for.
	ErrUnsupportedEncoding = errors.New("unsupported content encoding")
	// ErrRobotsDisallowed is not returned by Get; it is for callers that
	// record why they did not fetch a page after Allowed said no.
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
)

// StatusError is a response whose status is neither 2xx nor 304.
type StatusError struct {
	URL  string
	Code int
	// RetryAfter is when the server asked us to come back (Retry-After on
	// 429 and 503), or the zero time.
	RetryAfter time.Time
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Code, http.StatusText(e.Code))
	if !e.RetryAfter.IsZero() {
		msg += " (retry after " + e.RetryAfter.UTC().Format(time.RFC3339) + ")"
	}
	return msg
}

// maxRetryAfter bounds what a server can ask for; beyond it the value is
// more likely a bug than a plan, and large values overflow a Duration.
const maxRetryAfter = 30 * 24 * time.Hour

// parseRetryAfter reads delta-seconds or an HTTP date; it returns the zero
// time for a missing or unreadable value.
func parseRetryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}
		}
		d := maxRetryAfter
		if secs < int64(maxRetryAfter/time.Second) {
			d = time.Duration(secs) * time.Second
		}
		return now.Add(d)
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}
	}
	if t.After(now.Add(maxRetryAfter)) {
		return now.Add(maxRetryAfter)
	}
	return t
}
