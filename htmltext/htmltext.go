// Package htmltext turns the raw bytes of a fetched or saved article into
// UTF-8 main text plus the metadata the page states about itself (title,
// publisher, publication date, language, canonical URL).
//
// Main-text extraction is go-trafilatura's, with its Readability and
// DOM-Distiller fallbacks; this package owns character decoding, the
// metadata read from specific elements, and the shape of the text that fact
// offsets later index into.
package htmltext

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Sentinel errors; Extract and Decode return them (possibly wrapped with
// detail) so that callers can tell bad input from failures worth retrying.
var (
	// ErrEmpty: the input is empty or white space only.
	ErrEmpty = errors.New("empty document")
	// ErrBinary: the input is not text (an image, a PDF, an archive...).
	ErrBinary = errors.New("binary content, not text")
	// ErrUndecodable: the declared or detected charset does not decode the
	// input into meaningful text.
	ErrUndecodable = errors.New("cannot decode text")
	// ErrNoText: the document parsed but holds no article text.
	ErrNoText = errors.New("no article text found")
)

// Page is what Extract finds in one HTML document.
type Page struct {
	// Text is the main article text: paragraphs (headings and list items
	// each their own) separated by "\n\n", white space within a paragraph
	// collapsed to single spaces, NFC, no soft hyphens.
	Text      string
	Title     string
	Site      string    // publisher / site name
	Published time.Time // zero if unknown
	Language  string    // ISO 639-1 base language ("en"), "" if unknown
	// CanonicalURL is absolute, from <link rel=canonical>, og:url or
	// JSON-LD; "" if none.
	CanonicalURL string
}

// Extract decodes raw (see Decode; contentType is the HTTP header value or
// "") and extracts the article text and metadata. pageURL, the address the
// page was fetched from, resolves relative canonical links; it may be "".
func Extract(ctx context.Context, raw []byte, contentType, pageURL string) (*Page, error) {
	return extract(ctx, raw, contentType, pageURL, fallbackMode{})
}

func extract(ctx context.Context, raw []byte, contentType, pageURL string, mode fallbackMode) (page *Page, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	src, err := decode(raw, contentType, true)
	if err != nil {
		return nil, err
	}

	// The third-party extractors walk arbitrary trees; a bug there must cost
	// one article, not the whole run.
	defer func() {
		if r := recover(); r != nil {
			slog.ErrorContext(ctx, "htmltext: extractor panicked", "page_url", pageURL,
				"panic", r, "stack", string(debug.Stack()))
			page, err = nil, fmt.Errorf("extracting text: panic: %v", r)
		}
	}()

	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parsing html: %w", err)
	}
	base, err := url.Parse(pageURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	// Metadata first: trafilatura clones the tree, but its metadata pass
	// reads the original.
	m := readMeta(goquery.NewDocumentFromNode(doc), base)

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res, err := extractMain(doc, base, !m.published.IsZero(), mode)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoText, err)
	}
	text := renderText(res.ContentNode)
	// trafilatura's last resort is all the text of the document, which for
	// an empty page is just its <title>.
	if text == "" || text == m.title || text == m.docTitle {
		return nil, ErrNoText
	}

	tm := res.Metadata
	page = &Page{
		Text:         text,
		Title:        firstNonEmpty(m.title, cleanInline(tm.Title)),
		Site:         firstNonEmpty(m.site, siteName(tm.Sitename, base)),
		Published:    m.published,
		Language:     firstNonEmpty(m.lang, normLang(tm.Language)),
		CanonicalURL: m.canonical,
	}
	host := m.canonical
	if host == "" && base != nil {
		host = base.String()
	}
	page.Title, page.Site = TitleAndSite(page.Title, page.Site, host)
	if page.Published.IsZero() && plausible(tm.Date) {
		page.Published = tm.Date
	}
	slog.DebugContext(ctx, "htmltext: extracted",
		"page_url", pageURL, "chars", len(text), "title", page.Title,
		"published_from_metadata", !m.published.IsZero())
	return page, nil
}

// siteName accepts trafilatura's site name unless it is merely the host the
// page was fetched from, which callers know already and which is no
// publisher name.
func siteName(s string, base *url.URL) string {
	s = cleanSite(cleanInline(s))
	if base != nil && strings.EqualFold(s, strings.TrimPrefix(base.Hostname(), "www.")) {
		return ""
	}
	return s
}
