package feed

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxListSize bounds an import file; real OPML exports are kilobytes.
const maxListSize = 16 << 20

// Subscription is one feed of an imported list.
type Subscription struct {
	URL      string
	Title    string // "" when the list gives none
	Category string // folder path, "Cloud/AWS" for nested folders; "" for none
}

// ImportList reads an OPML document, or a text file with one feed URL per
// line where blank lines and everything after a # are ignored. Duplicate
// URLs are returned once. A URL that is not absolute http(s) is an error
// naming it, so a typo is not silently dropped.
func ImportList(r io.Reader) ([]Subscription, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxListSize+1))
	if err != nil {
		return nil, fmt.Errorf("feed list: %w", err)
	}
	if len(data) > maxListSize {
		return nil, fmt.Errorf("feed list: larger than %d bytes", maxListSize)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	var subs []Subscription
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
		subs, err = parseOPML(data)
	} else {
		subs, err = parseTextList(data)
	}
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(subs))
	out := subs[:0]
	for _, s := range subs {
		if !seen[s.URL] {
			seen[s.URL] = true
			out = append(out, s)
		}
	}
	return out, nil
}

func parseTextList(data []byte) ([]Subscription, error) {
	var subs []Subscription
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		u, err := feedURL(fields[0])
		if err != nil {
			return nil, fmt.Errorf("feed list: line %d: %w", n, err)
		}
		subs = append(subs, Subscription{URL: u})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feed list: %w", err)
	}
	return subs, nil
}

// parseOPML walks outlines keeping the stack of enclosing folders (outlines
// without xmlUrl) as the category path.
func parseOPML(data []byte) ([]Subscription, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var (
		subs    []Subscription
		folders []string // one entry per open outline; "" for non-folders
		sawOPML bool
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("feed list: OPML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !sawOPML {
				if name != "opml" {
					return nil, fmt.Errorf("feed list: root element <%s> is not <opml>", t.Name.Local)
				}
				sawOPML = true
				continue
			}
			if name != "outline" {
				continue
			}
			o := outlineAttrs(t.Attr)
			if o.xmlURL == "" {
				folders = append(folders, strings.TrimSpace(firstNonEmpty(o.title, o.text)))
				continue
			}
			folders = append(folders, "")
			u, err := feedURL(o.xmlURL)
			if err != nil {
				return nil, fmt.Errorf("feed list: outline %q: %w", firstNonEmpty(o.title, o.text), err)
			}
			cat := categoryPath(folders[:len(folders)-1])
			if cat == "" {
				cat = firstCategory(o.category)
			}
			subs = append(subs, Subscription{
				URL:      u,
				Title:    strings.TrimSpace(firstNonEmpty(o.title, o.text)),
				Category: cat,
			})
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "outline") && len(folders) > 0 {
				folders = folders[:len(folders)-1]
			}
		}
	}
	if !sawOPML {
		return nil, errors.New("feed list: no <opml> element")
	}
	return subs, nil
}

type outline struct{ text, title, xmlURL, category string }

// outlineAttrs matches attribute names without regard to case: exporters
// write xmlUrl, xmlURL and xmlurl.
func outlineAttrs(attrs []xml.Attr) outline {
	var o outline
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "text":
			o.text = a.Value
		case "title":
			o.title = a.Value
		case "xmlurl":
			o.xmlURL = strings.TrimSpace(a.Value)
		case "category":
			o.category = a.Value
		}
	}
	return o
}

func categoryPath(folders []string) string {
	var parts []string
	for _, f := range folders {
		if f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, "/")
}

// firstCategory reads OPML 2.0's category attribute: comma-separated,
// slash-delimited paths such as "/Tech/Cloud,/News".
func firstCategory(attr string) string {
	first, _, _ := strings.Cut(attr, ",")
	return strings.Trim(strings.TrimSpace(first), "/")
}

// feedURL accepts absolute http(s) URLs, and the feed: pseudo-scheme some
// readers export, which wraps one.
func feedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(raw, "feed:"); ok {
		rest = strings.TrimPrefix(rest, "//")
		if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") {
			rest = "http://" + rest
		}
		raw = rest
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return u.String(), nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
