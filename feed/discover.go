package feed

import (
	"fmt"
	"net/url"
)

// Discover returns the feeds an HTML page advertises, as Miniflux and
// feed readers find them: the href of each <link rel="alternate"> of type
// application/rss+xml, application/atom+xml, application/feed+json (or
// application/json) in the page's head, resolved against pageURL, the
// address the page was fetched from (after redirects), in document order
// without duplicates. A document that is not HTML advertises nothing.
func Discover(data []byte, contentType, pageURL string) ([]string, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("feed: page URL: %w", err)
	}
	data, err = toUTF8(data, contentType)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var out []string
	seen := map[string]bool{}
	for _, u := range alternates(data, base) {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out, nil
}
