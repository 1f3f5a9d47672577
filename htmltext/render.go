package htmltext

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// blockTags end one paragraph and start another. Besides HTML's block
// elements this lists the TEI-like names trafilatura may leave in its output.
// A <br> breaks the paragraph too: trafilatura collapses the <br><br> that
// older sites use between paragraphs into one, and inside news articles a
// line break far more often separates units (dateline, byline, list-like
// lines) than it wraps a sentence.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"body": true, "br": true, "caption": true, "center": true, "dd": true,
	"details": true, "dialog": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hr": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"summary": true, "table": true, "tbody": true, "tfoot": true,
	"thead": true, "tr": true, "ul": true,
	"head": true, "item": true, "lb": true, "list": true, "quote": true,
	"row": true,
}

// skipTags never hold article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true,
	"select": true, "button": true,
}

// renderText flattens an extracted content tree into paragraphs separated by
// a blank line. Fact offsets index into this text, so it has to be stable:
// every paragraph is whitespace-normalised and NFC.
func renderText(root *html.Node) string {
	var (
		paras []string
		cur   strings.Builder
	)
	flush := func() {
		if p := cleanParagraph(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.Data] {
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		// Adjacent table cells and inline images must not glue words.
		if n.Data == "td" || n.Data == "th" || n.Data == "cell" {
			cur.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Data == "td" || n.Data == "th" || n.Data == "cell" {
			cur.WriteByte(' ')
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	return strings.Join(paras, "\n\n")
}

// cleanParagraph drops invisible characters and collapses every kind of
// white space (including no-break and ideographic spaces) to one space.
func cleanParagraph(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00AD', '\u200B', '\u2060', '\uFEFF':
			return -1
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// cleanInline is cleanParagraph for metadata values.
func cleanInline(s string) string {
	return cleanParagraph(html.UnescapeString(s))
}
