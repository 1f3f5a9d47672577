package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/htmltext"
	"github.com/cloudfacts/ingest/store"
	"github.com/cloudfacts/ingest/urlnorm"
)

// CrawlProcessor stores the pages `ingest crawl` fetches, as `ingest run`
// stores files: main text and metadata (htmltext), facts, one transaction.
// It implements crawl.Processor and is safe for concurrent use.
type CrawlProcessor struct {
	Pipeline *Pipeline

	mu  sync.Mutex
	sum CrawlSummary
}

// CrawlSummary counts what a CrawlProcessor stored.
type CrawlSummary struct {
	saved
	Duplicates int // pages whose canonical URL was already stored, reached through another item URL
}

var _ crawl.Processor = (*CrawlProcessor)(nil)

// Summary returns the counts so far.
func (c *CrawlProcessor) Summary() CrawlSummary {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sum
}

// Process implements crawl.Processor. A page that holds no article (empty,
// binary, undecodable, no main text, or a tag, category or other index
// page: see notArticle) is a permanent failure. A page whose
// <link rel=canonical> names an article already stored is not stored
// again.
func (c *CrawlProcessor) Process(ctx context.Context, page crawl.Page) (err error) {
	defer func() {
		// A defect in one extractor rule must cost one page, not the run.
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: internal error: %v", crawl.ErrPermanent, v)
		}
	}()
	a, err := PageArticle(ctx, page)
	if err != nil {
		return err
	}
	log := c.Pipeline.logger().With("url", page.URL)
	if a.URL != page.URL {
		stored, err := c.Pipeline.DB.HasArticle(ctx, a.URL)
		if err != nil {
			return err
		}
		if stored {
			log.Debug("page skipped: its canonical URL is stored already", "canonical", a.URL)
			c.count(func(s *CrawlSummary) { s.Duplicates++ })
			return nil
		}
	}
	// The run's deadline and the page's time budget reach the extractor,
	// which checks ctx between sentences: a huge page cannot hold a crawl
	// past --max-duration or --page-timeout.
	r, err := c.Pipeline.Extractor.ExtractContext(ctx, extract.Document{Text: a.Text, Published: a.Published}, extract.Limits{})
	if err != nil {
		return fmt.Errorf("extracting facts from %s: %w", a.Key(), err)
	}
	if r.Truncated != "" {
		log.Debug("extraction stopped early", "why", r.Truncated)
	}
	save := c.Pipeline.DB.SaveArticle
	if a.URL != page.URL {
		// Checked again as it is written: the canonical page may have
		// been stored while this one was being extracted.
		save = c.Pipeline.DB.SaveAlternate
	}
	res, err := save(ctx, a, r.Facts, extract.Version)
	if err != nil {
		return fmt.Errorf("storing %s: %w", a.Key(), err)
	}
	if res.Outcome == store.Present {
		log.Debug("page skipped: its canonical URL was stored meanwhile", "canonical", a.URL)
		c.count(func(s *CrawlSummary) { s.Duplicates++ })
		return nil
	}
	facts := len(r.Facts)
	log.Debug("stored", "key", a.Key(), "outcome", res.Outcome.String(), "facts", facts)
	c.count(func(s *CrawlSummary) { s.add(res, facts) })
	return nil
}

func (c *CrawlProcessor) count(f func(*CrawlSummary)) {
	c.mu.Lock()
	f(&c.sum)
	c.mu.Unlock()
}

// PageArticle turns a fetched page into an article: the page's main text,
// title, site and language; its URL is the page's canonical link
// (normalised with urlnorm) when it has a usable one, else the canonical
// item URL; its date is the feed item's, else the page's. Source is the
// item URL the crawl fetched.
func PageArticle(ctx context.Context, page crawl.Page) (*article.Article, error) {
	base := page.FinalURL
	if base == "" {
		base = page.URL
	}
	p, err := htmltext.Extract(ctx, page.Body, page.ContentType, base)
	if err != nil {
		for _, notArticle := range []error{htmltext.ErrEmpty, htmltext.ErrBinary, htmltext.ErrUndecodable, htmltext.ErrNoText} {
			if errors.Is(err, notArticle) {
				return nil, fmt.Errorf("%w: %s: %w", crawl.ErrPermanent, page.URL, err)
			}
		}
		return nil, fmt.Errorf("%s: %w", page.URL, err)
	}
	if why := notArticle(base, page.Body, page.ContentType, p.Text); why != "" {
		return nil, fmt.Errorf("%w: %s: %w: %s", crawl.ErrPermanent, page.URL, ErrNotArticle, why)
	}
	a := &article.Article{
		Source:    page.URL,
		URL:       canonicalURL(p.CanonicalURL, page.URL),
		Title:     p.Title,
		Site:      p.Site,
		Language:  p.Language,
		Published: page.Item.Published,
		Text:      p.Text,
		FeedURL:   page.FeedURL,
		FeedGUID:  page.Item.GUID,
		FeedTitle: page.Item.Title,
	}
	if a.Title == "" {
		a.Title = page.Item.Title
	}
	if a.Published.IsZero() {
		a.Published = p.Published
	}
	return a, nil
}

// canonicalURL returns the page's own canonical link in canonical form,
// unless it is unusable or points at the site's front page from an
// article (a common template mistake that would fold every article of the
// site into one), in which case the item URL stands.
func canonicalURL(link, itemURL string) string {
	if link == "" {
		return itemURL
	}
	c, err := urlnorm.Canonical(link)
	if err != nil {
		return itemURL
	}
	if isRoot(c) && !isRoot(itemURL) {
		return itemURL
	}
	return c
}

func isRoot(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == ""
}
