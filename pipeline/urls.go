package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/fetch"
	"github.com/cloudfacts/ingest/store"
	"github.com/cloudfacts/ingest/urlnorm"
)

// IsURL reports whether an input of `ingest run` is a web page address
// rather than a path.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// ReadInputs reads a list of inputs, paths or URLs, one per line: blank
// lines are skipped, and # starts a comment at the start of a line or
// after white space (so "https://a.example/x#frag" keeps its fragment).
func ReadInputs(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i == 0 {
			line = ""
		}
		for _, sep := range []string{" #", "\t#"} {
			if i := strings.Index(line, sep); i >= 0 {
				line = line[:i]
			}
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the input list: %w", err)
	}
	return out, nil
}

// RunURLs fetches web pages with client (robots.txt, User-Agent, size and
// time limits, the private-address guard are the client's) and stores
// each as `ingest crawl` stores a page: main text and metadata, its
// canonical link as its URL, facts. A page that fails is recorded in the
// failures table under its canonical URL (stage "fetch" or "page") and
// the run goes on; fetching the same page again replaces its facts only
// when its text changed. The error is for a run that could not go on (it
// was cancelled).
func (p *Pipeline) RunURLs(ctx context.Context, runID int64, client *fetch.Client, urls []string) (Summary, error) {
	var (
		sum Summary
		mu  sync.Mutex
		wg  sync.WaitGroup
	)
	sum.Files = len(urls)
	next := make(chan string)
	for range min(p.workers(), len(urls)) {
		wg.Go(func() {
			for raw := range next {
				source, stage, res, facts, err := p.fetchOne(ctx, client, raw)
				if ctx.Err() != nil {
					continue
				}
				mu.Lock()
				if err != nil {
					p.fail(ctx, runID, &sum, source, stage, err)
				} else {
					sum.add(res, facts)
					// Process keeps a truncation open (stage extract).
					if err := p.DB.ResolveFailureExcept(ctx, source, "extract"); err != nil {
						p.logger().Warn("clearing old failure", "source", source, "err", err)
					}
					p.logger().Debug("stored", "source", source, "outcome", res.Outcome.String(), "facts", facts)
				}
				mu.Unlock()
			}
		})
	}
	for _, u := range urls {
		if ctx.Err() != nil {
			break
		}
		next <- u
	}
	close(next)
	wg.Wait()
	return sum, ctx.Err()
}

func (p *Pipeline) fetchOne(ctx context.Context, client *fetch.Client, raw string) (source, stage string, res store.SaveResult, facts int, err error) {
	source, err = urlnorm.Canonical(raw)
	if err != nil {
		return raw, "fetch", res, 0, err
	}
	defer func() {
		// A defect in one extractor rule must cost one page, not the run.
		if v := recover(); v != nil {
			stage, err = "extract", fmt.Errorf("internal error: %v", v)
		}
	}()
	allowed, err := client.Allowed(ctx, source)
	if err != nil {
		return source, "fetch", res, 0, err
	}
	if !allowed {
		return source, "fetch", res, 0, fmt.Errorf("%s: %w", source, fetch.ErrRobotsDisallowed)
	}
	resp, err := client.Get(ctx, source, fetch.Conditional{})
	if err != nil {
		return source, "fetch", res, 0, err
	}
	a, err := PageArticle(ctx, crawl.Page{
		URL: source, FinalURL: resp.FinalURL, Body: resp.Body, ContentType: resp.ContentType,
	})
	if err != nil {
		return source, "page", res, 0, err
	}
	r, n, err := p.Process(ctx, a)
	if err != nil {
		return source, "store", res, 0, err
	}
	return source, "", r, n, nil
}
