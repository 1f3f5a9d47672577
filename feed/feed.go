// Package feed reads syndication feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed)
// from bytes already fetched, and subscription lists (OPML or plain text).
// Fetching is package fetch's job; parsing never touches the network.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrNotAFeed is returned when the document is not a feed in any format we
// know, typically an HTML page where a feed URL was expected.
var ErrNotAFeed = errors.New("not a feed")

// Feed is what the crawl needs from a feed document.
type Feed struct {
	Title string
	Items []Item
	// Partial is set when the document was broken and Items are only
	// those that came before the break.
	Partial bool
	// Unfetchable are the items whose links are no web page (javascript:,
	// data:, mailto:, ftp:...): not fetched, but reported rather than
	// dropped silently. Link is the item's first such link, as given.
	Unfetchable []Item
}

// Item is one entry of a feed. Items without a usable link are dropped:
// there is no page to fetch for them.
type Item struct {
	Title     string
	Link      string    // absolute, resolved against the feed's URL
	GUID      string    // as published; may be "" for formats without one
	Published time.Time // zero when the feed gives no date; UTC otherwise
}

// Parse parses a feed. contentType is the response's Content-Type, used to
// find the charset; baseURL is the URL the feed was fetched from, against
// which relative item links are resolved.
func Parse(data []byte, contentType, baseURL string) (*Feed, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("feed: base URL: %w", err)
	}
	data, err = toUTF8(data, contentType)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}

	kind := gofeed.DetectFeedType(bytes.NewReader(data))
	if kind == gofeed.FeedTypeUnknown {
		return nil, notAFeed(data, contentType, base)
	}

	partial := false
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil && kind != gofeed.FeedTypeJSON {
		// A feed cut short or broken after its first items still tells us
		// about those items; losing them would lose articles.
		if fixed, ok := salvage(data); ok {
			if gf2, err2 := gofeed.NewParser().Parse(bytes.NewReader(fixed)); err2 == nil && len(gf2.Items) > 0 {
				gf, err, partial = gf2, nil, true
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("feed: %s: %w", kindName(kind), err)
	}

	f := &Feed{Title: strings.TrimSpace(gf.Title), Partial: partial}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		link := itemLink(gi, base)
		if link == "" {
			if other := firstLink(gi); other != "" {
				f.Unfetchable = append(f.Unfetchable, Item{Title: strings.TrimSpace(gi.Title), Link: other, GUID: strings.TrimSpace(gi.GUID)})
			}
			continue
		}
		it := Item{
			Title: strings.TrimSpace(gi.Title),
			Link:  link,
			GUID:  strings.TrimSpace(gi.GUID),
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = gi.PublishedParsed.UTC()
		case gi.UpdatedParsed != nil:
			it.Published = gi.UpdatedParsed.UTC()
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// itemLink picks the item's page: its link, else its first link, else a
// GUID that is itself a URL (RSS permalinks), resolved against base.
func itemLink(gi *gofeed.Item, base *url.URL) string {
	candidates := []string{gi.Link}
	candidates = append(candidates, gi.Links...)
	if strings.HasPrefix(gi.GUID, "http://") || strings.HasPrefix(gi.GUID, "https://") {
		candidates = append(candidates, gi.GUID)
	}
	for _, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := base.Parse(c)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		return u.String()
	}
	return ""
}

// firstLink is the item's first non-empty link, whatever it is.
func firstLink(gi *gofeed.Item) string {
	for _, c := range append([]string{gi.Link}, gi.Links...) {
		if c = strings.TrimSpace(c); c != "" {
			return c
		}
	}
	return ""
}

func kindName(k gofeed.FeedType) string {
	switch k {
	case gofeed.FeedTypeAtom:
		return "Atom"
	case gofeed.FeedTypeRSS:
		return "RSS"
	case gofeed.FeedTypeJSON:
		return "JSON Feed"
	}
	return "unknown format"
}
