package pipeline

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/cloudfacts/ingest/htmltext"
)

// ErrNotArticle marks a fetched page that is not an article: a tag,
// category, author or other index page, or a page with hardly any text.
// The crawl gives such pages up at once (it is wrapped with
// crawl.ErrPermanent).
var ErrNotArticle = errors.New("not an article")

// Thresholds of the not-an-article heuristic (see notArticle).
const (
	minArticleRunes = 200 // main text below this is never an article
	indexTextRunes  = 1500
	denseLinks      = 0.5 // share of the page's text inside <a>
)

// indexSegments are path segments that name index pages on news sites and
// blogs (WordPress, Ghost, Medium, Drupal...).
var indexSegments = map[string]bool{
	"tag": true, "tags": true, "category": true, "categories": true,
	"topic": true, "topics": true, "author": true, "authors": true,
	"label": true, "labels": true, "archive": true, "archives": true,
}

// ldArticleType finds a JSON-LD article type ("NewsArticle",
// "BlogPosting"...), which outweighs the other signals.
var ldArticleType = regexp.MustCompile(`"@type"\s*:\s*(?:\[[^\]]*?)?"(?:\w*Article|BlogPosting|LiveBlogPosting)"`)

// notArticle decides whether a fetched page is not an article, from its
// URL, its raw HTML and the main text extracted from it, and says why ("" when
// it is an article). Files given to `ingest run` are not judged: the user
// chose them.
//
// The heuristic:
//   - main text under 200 characters is not an article, whatever the rest;
//   - otherwise three signals are read: an index URL (a path segment tag,
//     category, topics, author... followed by at most one more segment,
//     pagination aside, or the site's front page), an og:type that is
//     present and not "article", and link density (half or more of the
//     page's visible text is link text);
//   - a page that declares a JSON-LD article type is an article;
//   - otherwise it is not an article when it has two of the signals, or an
//     index URL and main text under 1,500 characters.
func notArticle(pageURL string, raw []byte, contentType, text string) string {
	n := utf8.RuneCountInString(strings.TrimSpace(text))
	if n < minArticleRunes {
		return fmt.Sprintf("%d characters of text", n)
	}
	src, err := htmltext.Decode(raw, contentType)
	if err != nil {
		return ""
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return ""
	}
	sig := readSignals(doc)
	if sig.ldArticle {
		return ""
	}
	var reasons []string
	index := indexPath(pageURL)
	if index != "" {
		reasons = append(reasons, "index URL "+index)
	}
	if sig.ogType != "" && !strings.HasPrefix(sig.ogType, "article") {
		reasons = append(reasons, fmt.Sprintf("og:type %q", sig.ogType))
	}
	if sig.text > 0 && float64(sig.linkText)/float64(sig.text) >= denseLinks {
		reasons = append(reasons, fmt.Sprintf("%.0f%% of its text is links", 100*float64(sig.linkText)/float64(sig.text)))
	}
	if index != "" && n < indexTextRunes {
		reasons = append(reasons, fmt.Sprintf("%d characters of text", n))
	}
	if len(reasons) < 2 {
		return ""
	}
	return strings.Join(reasons, ", ")
}

// indexPath returns the URL's path when it looks like an index page's.
func indexPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, strings.ToLower(s))
		}
	}
	// Pagination: /tag/aws/page/2.
	if k := len(segs); k >= 2 && segs[k-2] == "page" && isDigits(segs[k-1]) {
		segs = segs[:k-2]
	}
	if len(segs) == 0 {
		if u.RawQuery == "" {
			return "/"
		}
		return ""
	}
	for i, s := range segs {
		if indexSegments[s] && len(segs)-i-1 <= 1 {
			return u.Path
		}
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

type signals struct {
	ogType         string
	ldArticle      bool
	text, linkText int // visible runes in <body>, and of those inside <a>
}

func readSignals(doc *html.Node) signals {
	var s signals
	var walk func(n *html.Node, inBody, inLink bool)
	walk = func(n *html.Node, inBody, inLink bool) {
		switch n.Type {
		case html.ElementNode:
			switch n.Data {
			case "meta":
				if attr(n, "property") == "og:type" || attr(n, "name") == "og:type" {
					s.ogType = strings.ToLower(strings.TrimSpace(attr(n, "content")))
				}
			case "script":
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil &&
					ldArticleType.MatchString(n.FirstChild.Data) {
					s.ldArticle = true
				}
				return
			case "style", "noscript", "template", "svg":
				return
			case "body":
				inBody = true
			case "a":
				inLink = true
			}
		case html.TextNode:
			if inBody {
				k := utf8.RuneCountInString(strings.Join(strings.Fields(n.Data), " "))
				s.text += k
				if inLink {
					s.linkText += k
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody, inLink)
		}
	}
	walk(doc, false, false)
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
