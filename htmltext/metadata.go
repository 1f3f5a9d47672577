package htmltext

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/araddon/dateparse"
	"github.com/cloudfacts/ingest/urlnorm"
	"golang.org/x/text/language"
)

// meta is the metadata a page states about itself, each field from the most
// specific source that has it.
type meta struct {
	title, site, lang, canonical string
	published                    time.Time
	docTitle                     string // the <title> element, as is
}

// articleTypes are the schema.org types whose headline and dates describe
// the page's article rather than, say, the website or a breadcrumb.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "BlogPosting": true, "TechArticle": true,
	"Report": true, "ScholarlyArticle": true, "LiveBlogPosting": true,
	"OpinionNewsArticle": true, "BackgroundNewsArticle": true,
	"SocialMediaPosting": true, "WebPage": true,
}

// pubDateMeta lists <meta> names and properties that carry a publication
// date, best first.
var pubDateMeta = []string{
	"article:published_time", "og:published_time", "datePublished",
	"date", "pubdate", "publishdate", "publish-date", "publish_date",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
	"dcterms.created", "dc.date.created", "citation_publication_date",
	"parsely-pub-date", "sailthru.date", "article.published",
	"original-publish-date", "bt:pubdate", "cxenseparse:recs:publishtime",
}

func readMeta(doc *goquery.Document, base *url.URL) meta {
	var m meta
	ld := jsonLD(doc)
	metas := metaValues(doc)
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
		}
		return ""
	}

	m.site = cleanSite(firstNonEmpty(ld.publisher, first("og:site_name", "application-name", "twitter:site:name")))
	m.title = firstNonEmpty(ld.headline, first("og:title", "twitter:title", "dc.title", "title"))
	m.docTitle = cleanInline(doc.Find("title").First().Text())
	if m.title == "" {
		m.title = trimSiteSuffix(m.docTitle, m.site)
	}

	if t, ok := parseDate(ld.published); ok {
		m.published = t
	} else {
		for _, k := range pubDateMeta {
			if t, ok := parseDate(metas[strings.ToLower(k)]); ok {
				m.published = t
				break
			}
		}
	}
	if m.published.IsZero() {
		doc.Find("[itemprop=datePublished], time[pubdate]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			v, _ := s.Attr("content")
			if v == "" {
				v, _ = s.Attr("datetime")
			}
			if t, ok := parseDate(v); ok {
				m.published = t
				return false
			}
			return true
		})
	}

	var canon []string
	doc.Find("link[rel]").Each(func(_ int, s *goquery.Selection) {
		if hasToken(s.AttrOr("rel", ""), "canonical") {
			canon = append(canon, s.AttrOr("href", ""))
		}
	})
	canon = append(canon, metas["og:url"], ld.url)
	// The canonical link is an article's identity: it takes the one
	// canonical form (urlnorm) that crawled item links take, so a page read
	// from a file and the same page crawled are one article.
	for _, c := range canon {
		if u, err := urlnorm.Canonical(absURL(base, c)); err == nil {
			m.canonical = u
			break
		}
	}

	lang, _ := doc.Find("html").First().Attr("lang")
	if lang == "" {
		lang, _ = doc.Find("html").First().Attr("xml:lang")
	}
	m.lang = firstNonEmpty(normLang(lang), normLang(ld.lang),
		normLang(first("og:locale", "content-language", "language", "dc.language")))
	return m
}

// metaValues maps lower-cased <meta> name/property/itemprop/http-equiv to
// the first non-empty content.
func metaValues(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content := cleanInline(s.AttrOr("content", ""))
		if content == "" {
			return
		}
		for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
			k := strings.ToLower(strings.TrimSpace(s.AttrOr(attr, "")))
			if k != "" && out[k] == "" {
				out[k] = content
			}
		}
	})
	return out
}

type ldArticle struct {
	headline, published, publisher, url, lang string
}

// jsonLD reads the first schema.org article described in the page's
// JSON-LD blocks. Malformed blocks are common and ignored.
func jsonLD(doc *goquery.Document) ldArticle {
	var found ldArticle
	var fallbackPublisher string
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(cleanJSON(s.Text())), &v) != nil {
			return true
		}
		for _, obj := range ldObjects(v) {
			if fallbackPublisher == "" && hasType(obj, "Organization", "NewsMediaOrganization", "WebSite") {
				fallbackPublisher = str(obj["name"])
			}
			if !hasType(obj, "") {
				continue
			}
			a := ldArticle{
				headline:  cleanInline(firstNonEmpty(str(obj["headline"]), str(obj["name"]))),
				published: firstNonEmpty(str(obj["datePublished"]), str(obj["dateCreated"])),
				publisher: cleanInline(name(obj["publisher"])),
				url:       firstNonEmpty(str(obj["url"]), str(obj["@id"]), ldURL(obj["mainEntityOfPage"])),
				lang:      str(obj["inLanguage"]),
			}
			// A WebPage is only a fallback for a real article type.
			if hasType(obj, "WebPage") {
				if found.headline == "" && found.published == "" {
					found = a
				}
				continue
			}
			found = a
			return false
		}
		return true
	})
	if found.publisher == "" {
		found.publisher = cleanInline(fallbackPublisher)
	}
	return found
}

// cleanJSON strips the wrappers CMSs put around JSON-LD.
func cleanJSON(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<![CDATA[")
	s = strings.TrimSuffix(s, "]]>")
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	return s
}

// ldObjects flattens top-level arrays and @graph containers.
func ldObjects(v any) []map[string]any {
	var out []map[string]any
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			out = append(out, ldObjects(e)...)
		}
	case map[string]any:
		out = append(out, t)
		if g, ok := t["@graph"]; ok {
			out = append(out, ldObjects(g)...)
		}
	}
	return out
}

// hasType reports whether obj's @type is one of types; with "" it accepts
// any article type.
func hasType(obj map[string]any, types ...string) bool {
	var ts []string
	switch t := obj["@type"].(type) {
	case string:
		ts = []string{t}
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				ts = append(ts, s)
			}
		}
	}
	for _, t := range ts {
		t = strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/")
		for _, want := range types {
			if (want == "" && articleTypes[t]) || (want != "" && want == t) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
	}
	return ""
}

func name(v any) string {
	switch t := v.(type) {
	case map[string]any:
		return str(t["name"])
	case []any:
		if len(t) > 0 {
			return name(t[0])
		}
	case string:
		return strings.TrimSpace(t)
	}
	return ""
}

func ldURL(v any) string {
	if m, ok := v.(map[string]any); ok {
		return firstNonEmpty(str(m["@id"]), str(m["url"]))
	}
	return str(v)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// absURL resolves ref against base and keeps it only if the result is an
// absolute http(s) URL.
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// normLang reduces a language tag ("en-US", "en_GB", "pt-br") to its base
// language ("en", "pt").
func normLang(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" {
		return ""
	}
	if i := strings.IndexAny(s, ", ;"); i >= 0 {
		s = s[:i]
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	// Base guesses "en" for "und"; only a stated language counts.
	base, conf := tag.Base()
	if conf != language.Exact {
		return ""
	}
	return base.String()
}

// parseDate accepts the date formats found in article metadata; values
// without a zone are taken as UTC so that results do not depend on the
// machine running the pipeline.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, plausible(t)
		}
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil {
		return time.Time{}, false
	}
	return t, plausible(t)
}

func plausible(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(time.Now().AddDate(1, 0, 0))
}

// cleanSite turns the handles and addresses some sites put in og:site_name
// ("@politifact", "https://www.example.com") into a name.
func cleanSite(s string) string {
	s = strings.TrimPrefix(s, "@")
	if u, err := url.Parse(s); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return s
}

// titleSeparators set a site name off the end of a title.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // "}

// TitleAndSite returns title without a trailing site name (" | Site",
// " – Site") and the site's name. The suffix is stripped when it names
// site or the host of articleURL ("The Register" for theregister.com,
// "Data Center Dynamics" for www.datacenterdynamics.com); a title that is
// nothing but the suffix is kept. The site is site when given, else the
// stripped suffix that named the host, else the host without "www.".
func TitleAndSite(title, site, articleURL string) (string, string) {
	host := ""
	if u, err := url.Parse(articleURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	// A site "name" that is only the host (trafilatura's guess) is none.
	if host != "" && strings.EqualFold(strings.TrimPrefix(site, "www."), host) {
		site = ""
	}
	cut := -1
	suffix := ""
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && i > cut {
			cut, suffix = i, strings.TrimSpace(title[i+len(sep):])
		}
	}
	if cut > 0 && suffix != "" {
		namesSite := site != "" && alnum(suffix) == alnum(site)
		namesHost := host != "" && hostNamed(suffix, host)
		if namesSite || namesHost {
			if rest := strings.TrimSpace(title[:cut]); rest != "" {
				title = rest
			}
			if site == "" {
				site = suffix
			}
		}
	}
	if site == "" {
		site = host
	}
	return title, site
}

// hostNamed reports whether name is the site's name as its host spells
// it: "The Register" for theregister.com, "DCD" not for
// datacenterdynamics.com.
func hostNamed(name, host string) bool {
	n := alnum(name)
	if n == "" {
		return false
	}
	if n == alnum(host) {
		return true
	}
	labels := strings.Split(host, ".")
	// The name is the label before the public suffix, or the labels
	// before it joined ("news.example.com": "example", "newsexample").
	for i := len(labels) - 1; i > 0; i-- {
		if n == alnum(labels[i-1]) || n == alnum(strings.Join(labels[:i], "")) {
			return true
		}
	}
	return false
}

// alnum is s in lower case with everything but letters and digits removed.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// trimSiteSuffix removes a trailing " | Site" or " - Site" from a <title>.
func trimSiteSuffix(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if rest, ok := strings.CutSuffix(title, sep+site); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
	}
	return title
}
