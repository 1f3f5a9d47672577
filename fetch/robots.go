package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

const (
	robotsTTL      = 24 * time.Hour
	robotsErrorTTL = 10 * time.Minute // long enough to cover one run
	robotsMaxBody  = 512 << 10        // what Google reads; the rest is ignored
)

// robotsEntry is one host's robots.txt. ready is closed once the fetch is
// done, so concurrent callers for one host share a single request.
type robotsEntry struct {
	ready   chan struct{}
	group   *robotstxt.Group
	err     error
	expires time.Time
}

// Allowed reports whether robots.txt of rawURL's host lets our User-Agent
// fetch it. robots.txt is fetched through this client (same limits, same
// address guard) and cached per host. A missing robots.txt (4xx) allows
// everything; when it cannot be read (5xx, 429, network error) Allowed
// returns an error and the page must not be fetched for now.
func (c *Client) Allowed(ctx context.Context, rawURL string) (bool, error) {
	u, err := parseTarget(rawURL)
	if err != nil {
		return false, err
	}
	e, err := c.robotsFor(ctx, u)
	if err != nil {
		return false, err
	}
	if e.err != nil {
		return false, e.err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.group.Test(path), nil
}

func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*robotsEntry, error) {
	key := u.Scheme + "://" + u.Host
	for {
		c.robotsMu.Lock()
		e := c.robots[key]
		if e == nil || (isClosed(e.ready) && time.Now().After(e.expires)) {
			e = &robotsEntry{ready: make(chan struct{})}
			c.robots[key] = e
			c.robotsMu.Unlock()
			c.loadRobots(ctx, key, e)
			if e.err != nil && ctx.Err() != nil {
				// Our caller gave up; that says nothing about the site.
				c.robotsMu.Lock()
				delete(c.robots, key)
				c.robotsMu.Unlock()
				return nil, ctx.Err()
			}
			return e, nil
		}
		c.robotsMu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		c.robotsMu.Lock()
		dropped := c.robots[key] != e
		c.robotsMu.Unlock()
		if dropped && e.err != nil {
			continue // its loader was cancelled; try ourselves
		}
		return e, nil
	}
}

func (c *Client) loadRobots(ctx context.Context, key string, e *robotsEntry) {
	defer close(e.ready)
	robotsURL := key + "/robots.txt"
	resp, err := c.get(ctx, robotsURL, Conditional{}, robotsMaxBody)
	var se *StatusError
	switch {
	case err == nil:
		var perr error
		e.group, perr = parseRobots(resp.Body, c.agent)
		if perr != nil {
			c.log.Debug("robots.txt unparsable, allowing all", "url", Redact(robotsURL), "error", perr)
		}
		e.expires = time.Now().Add(robotsTTL)
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500 && se.Code != http.StatusTooManyRequests:
		data, _ := robotstxt.FromStatusAndBytes(se.Code, nil)
		e.group = data.FindGroup(c.agent)
		e.expires = time.Now().Add(robotsTTL)
	default:
		e.err = fmt.Errorf("robots.txt unavailable: %w", err)
		e.expires = time.Now().Add(robotsErrorTTL)
		c.log.Debug("robots.txt unavailable, disallowing for now", "url", Redact(robotsURL), "error", err)
	}
}

// parseRobots returns the group of a robots.txt body that applies to agent.
// An unparsable file expresses no rule we could obey: it allows everything,
// and the parse error is returned for the log.
func parseRobots(body []byte, agent string) (*robotstxt.Group, error) {
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	return data.FindGroup(agent), err
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
