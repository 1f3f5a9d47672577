package htmltext

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/go-readability"
	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// trafilatura's fallback (EnableFallback) runs go-readability, and
// DOM-Distiller when that is not enough, on every page and keeps their
// result only when trafilatura's own is short or clearly worse: about half
// of the extraction's time, for the few pages where it changes anything.
// extractMain gets the result the fallback would give while running the
// external extractors only when they could win. The rules it relies on are
// trafilatura's compareExternalExtraction and candidateIsUsable (v1.12):
//
//   - each candidate is tried in turn, and the loop stops at the first
//     candidate after which the kept text has MinExtractedSize characters;
//   - readability's candidate (R characters) replaces trafilatura's own
//     extraction (E characters) when E is 0, or R > 2E, or, with R between
//     E/2 and 2E, R > 2*MinExtractedSize and the extraction has no paragraph
//     text or more tables than paragraphs;
//   - whatever is kept is then sanitised, and trafilatura's rescue (its
//     "baseline") runs when fewer than MinExtractedSize characters remain.
//
// A first run passes a custom candidate of exactly 2*MinExtractedSize
// characters. By the rules above it is used exactly when E <
// MinExtractedSize (the case the fallback exists for), and in every case the
// loop ends after it: the external extractors never run. When it was not
// used, that run's result is the fallback's result unless readability's
// candidate is usable, which needs R > 2E or the borderline case; an upper
// bound on R read off the page rules that out for most pages, and otherwise
// readability runs (as it did before) and its length decides. Only when the
// sentinel was used, or readability can win, is the extraction run again
// with the real fallback, given readability's candidate when it is known so
// that it is not computed twice.

// trafilaturaConfig is trafilatura's default configuration, whose sizes the
// rules above depend on.
var trafilaturaConfig = trafilatura.DefaultConfig()

// fallbackMode is for tests: force runs trafilatura's own fallback on every
// page, so that the two paths can be compared; stats, when not nil, counts
// the paths taken.
type fallbackMode struct {
	force bool
	stats *fallbackStats
}

type fallbackStats struct {
	own, readability, again int
}

func trafilaturaOptions(base *url.URL, dateKnown bool) trafilatura.Options {
	o := trafilatura.Options{
		Config:          trafilaturaConfig,
		OriginalURL:     base,
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	// trafilatura's date is only used when the page's own metadata has
	// none; an empty override skips its htmldate pass.
	if dateKnown {
		o.HtmlDateOverride = &htmldate.Result{}
	}
	return o
}

// extractMain runs trafilatura on doc with the result of EnableFallback.
// doc is not modified.
func extractMain(doc *html.Node, base *url.URL, dateKnown bool, mode fallbackMode) (*trafilatura.ExtractResult, error) {
	opts := trafilaturaOptions(base, dateKnown)
	stats := mode.stats
	if mode.force {
		return trafilatura.ExtractDocument(doc, opts)
	}
	minSize := trafilaturaConfig.MinExtractedSize
	again := func(readabilityNode *html.Node) (*trafilatura.ExtractResult, error) {
		if stats != nil {
			stats.again++
		}
		if readabilityNode != nil {
			opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: readabilityNode}
		}
		return trafilatura.ExtractDocument(doc, opts)
	}
	sentinel := &html.Node{Type: html.ElementNode, Data: "div"}
	sentinel.AppendChild(&html.Node{Type: html.TextNode, Data: strings.Repeat("x", 2*minSize)})
	first := opts
	first.FallbackCandidates = &trafilatura.FallbackCandidates{Others: []*html.Node{sentinel}}
	// The probe marks trafilatura's rescue, which would otherwise pass for
	// an extraction: the rescue takes the articleBody of every JSON-LD
	// block; nothing else in trafilatura reads it or keeps scripts.
	head := firstElement(doc, "head")
	if head == nil {
		return again(nil)
	}
	probe := rescueProbe()
	head.AppendChild(probe)
	res, err := trafilatura.ExtractDocument(doc, first)
	head.RemoveChild(probe)
	// The sentinel won (trafilatura's own text was short), or the result
	// is trafilatura's rescue, whose length says nothing about the
	// extraction the candidates were compared with.
	if err != nil || res.ContentNode == sentinel || strings.Contains(res.ContentText, probeText) {
		return again(nil)
	}

	// The extraction the candidates are compared with is this text before
	// sanitising, which removes elements (shortening it) and unwraps
	// others, which can add a separating space here and there but not 5%:
	// ext is a lower bound of its length.
	ext := utf8.RuneCountInString(res.ContentText)
	ext -= ext / 20
	paraText, paras := paragraphs(res.ContentNode)
	tables := countTag(doc, "table")
	usable := func(r int) bool {
		switch {
		case r == 0:
			return false
		case r > 2*ext:
			return true
		case ext > 2*r:
			return false
		}
		// Sanitising removes paragraphs and never adds any, and the
		// extraction's tables come from the page's.
		return r > 2*minSize && (!paraText || tables > paras)
	}
	// usable is monotonic in r: a bound that cannot win means readability
	// cannot either.
	if !usable(textBound(doc)) {
		if stats != nil {
			stats.own++
		}
		return res, nil
	}

	// As trafilatura calls it: on the page, with the page's URL or the one
	// its metadata states.
	u := base
	if u == nil && res.Metadata.URL != "" {
		if parsed, err := url.ParseRequestURI(res.Metadata.URL); err == nil {
			u = parsed
		}
	}
	r, _ := readability.FromDocument(doc, u)
	if r.Node == nil || !usable(iterTextLen(r.Node)) {
		if stats != nil {
			stats.readability++
		}
		return res, nil
	}
	return again(r.Node)
}

// probeText is the articleBody of rescueProbe: longer than the 100
// characters the rescue wants, without digits that could read as a date.
var probeText = strings.TrimSpace(strings.Repeat("htmltext rescue probe ", 6))

func rescueProbe() *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: "script", DataAtom: atom.Script,
		Attr: []html.Attribute{{Key: "type", Val: "application/ld+json"}}}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: `{"articleBody": "` + probeText + `"}`})
	return n
}

// firstElement returns the first element named tag in n, or nil.
func firstElement(n *html.Node, tag string) *html.Node {
	var found *html.Node
	walk(n, func(e *html.Node) bool {
		if found == nil && e.Type == html.ElementNode && e.Data == tag {
			found = e
		}
		return found == nil
	})
	return found
}

// paragraphs reports whether any <p> under n holds text, and how many
// there are.
func paragraphs(n *html.Node) (text bool, count int) {
	walk(n, func(e *html.Node) bool {
		if e.Type == html.ElementNode && e.Data == "p" {
			count++
			if !text && strings.TrimSpace(innerText(e)) != "" {
				text = true
			}
		}
		return true
	})
	return text, count
}

func innerText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(e *html.Node) bool {
		if e.Type == html.TextNode {
			b.WriteString(e.Data)
		}
		return true
	})
	return b.String()
}

func countTag(n *html.Node, tag string) int {
	count := 0
	walk(n, func(e *html.Node) bool {
		if e.Type == html.ElementNode && e.Data == tag {
			count++
		}
		return true
	})
	return count
}

// walk calls f on n and its descendants in document order, skipping the
// descendants of nodes for which f returns false.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// voidElements are go-shiori/dom's, which trafilatura's text length counts
// as separators.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "keygen": true, "link": true,
	"meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// textBound is an upper bound on the length of any text readability can
// extract from doc, counted as trafilatura counts it (iterTextLen):
// readability keeps a part of the page's text, without <script>, <style>
// and <noscript>, whose images it may move into the page; every text node
// adds at most one separating space, every void element one. Readability
// removes, moves and rewraps nodes but writes no text of its own.
func textBound(doc *html.Node) int {
	n := 0
	walk(doc, func(e *html.Node) bool {
		switch e.Type {
		case html.TextNode:
			n += fieldsLen(e.Data) + 1
		case html.ElementNode:
			switch e.Data {
			case "script", "style":
				return false
			case "noscript":
				// An image and the white space around it.
				n += 3
				return false
			}
			if voidElements[e.Data] {
				n++
			}
		}
		return true
	})
	return n
}

// fieldsLen is the length in characters of s with its white space runs
// collapsed to single spaces and trimmed.
func fieldsLen(s string) int {
	n, inWord, words := 0, false, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			inWord = true
			words++
		}
		n++
	}
	if words > 1 {
		n += words - 1
	}
	return n
}

// iterTextLen is trafilatura's measure of a tree's text: the length of
// trim(etree.IterText(n, " ")).
func iterTextLen(n *html.Node) int {
	var b strings.Builder
	lastLevel := 0
	var finder func(*html.Node, int)
	finder = func(n *html.Node, level int) {
		if n.Type == html.ElementNode && voidElements[n.Data] {
			b.WriteString(" ")
		} else if n.Type == html.TextNode {
			if level != lastLevel {
				b.WriteString(" ")
			}
			b.WriteString(n.Data)
		}
		lastLevel = level
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			finder(c, level+1)
		}
	}
	finder(n, 0)
	return fieldsLen(b.String())
}
