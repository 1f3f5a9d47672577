package feed

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// notAFeed explains why data is not a feed, and for an HTML page names the
// feeds it advertises, which is usually what the user meant to add.
func notAFeed(data []byte, contentType string, base *url.URL) error {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	head := bytes.ToLower(data[:min(len(data), 512)])
	isHTML := mediaType == "text/html" || mediaType == "application/xhtml+xml" ||
		bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html"))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return fmt.Errorf("feed: empty document: %w", ErrNotAFeed)
	case !isHTML:
		return fmt.Errorf("feed: unrecognised format (Content-Type %q): %w", contentType, ErrNotAFeed)
	}
	if alts := alternates(data, base); len(alts) > 0 {
		return fmt.Errorf("feed: HTML page, it advertises %s: %w", strings.Join(alts, ", "), ErrNotAFeed)
	}
	return fmt.Errorf("feed: HTML page: %w", ErrNotAFeed)
}

// alternates returns the feed URLs of <link rel="alternate"> elements.
func alternates(data []byte, base *url.URL) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return out
			}
			if string(name) != "link" || !hasAttr {
				continue
			}
			var rel, typ, href string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(string(v))
				case "href":
					href = string(v)
				}
				if !more {
					break
				}
			}
			if !strings.Contains(rel, "alternate") || href == "" {
				continue
			}
			switch typ {
			case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json":
				if u, err := base.Parse(href); err == nil {
					out = append(out, u.String())
				}
			}
		}
	}
}
