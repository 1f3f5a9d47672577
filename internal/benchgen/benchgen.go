// Package benchgen generates a synthetic corpus of cloud and AI
// infrastructure news for "ingest bench": articles about providers opening,
// planning and closing regions and data centers, counting availability
// zones, investing and reporting revenue, in varied sentence shapes,
// currencies and countries, with filler paragraphs so that the extractors
// read prose that mostly holds no fact, as real news does.
//
// The corpus is a pure function of the seed and the article's index: the
// same Options give the same bytes on every machine.
package benchgen

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated article.
type Article struct {
	Name  string // file name: NNNNNN.txt or NNNNNN.html
	Text  string // the article text, without front matter or markup
	Bytes []byte // the file: front matter and text, or an HTML page
}

// Generate returns article i (0-based) of the corpus of the given seed, as
// a .txt file with front matter, or as an HTML page when html is set.
func Generate(seed uint64, i int, asHTML bool) Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)*0x9e3779b97f4a7c15+1))
	g := &gen{r: r}
	prov := g.pick(providers)
	c := g.pick(countries)
	published := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(5*365))
	title := g.title(prov, c)
	site := pick(r, sites)
	url := fmt.Sprintf("https://%s/%d/%02d/%s-%d", site.host, published.Year(), published.Month(), slug(title), i)

	var paras []string
	paras = append(paras, g.lead(prov, c, published))
	n := 10 + r.IntN(14)
	for range n {
		switch r.IntN(10) {
		case 0, 1, 2:
			paras = append(paras, g.factPara(g.pick(providers), g.pick(countries), published))
		case 3:
			paras = append(paras, g.factPara(prov, g.pick(countries), published))
		case 4:
			paras = append(paras, g.quote(prov, c))
		default:
			paras = append(paras, g.filler(prov, c))
		}
	}
	text := strings.Join(paras, "\n\n") + "\n"
	name := fmt.Sprintf("%06d", i)
	if asHTML {
		return Article{Name: name + ".html", Text: text, Bytes: []byte(g.page(title, site, url, published, paras))}
	}
	fm := fmt.Sprintf("---\nurl: %s\ntitle: %s\nsite: %s\npublished: %s\n---\n", url, title, site.name, published.Format("2006-01-02"))
	return Article{Name: name + ".txt", Text: text, Bytes: []byte(fm + text)}
}

type gen struct{ r *rand.Rand }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) pick(xs []string) string {
	return pick(g.r, xs)
}

type country struct{ name, adj, city string }

func (g *gen) pickCountry() country { return pick(g.r, countryList) }

type site struct{ name, host string }

func (g *gen) title(prov, c string) string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s to open its first cloud region in %s", prov, c)
	case 1:
		return fmt.Sprintf("%s expands data center footprint in %s", prov, c)
	case 2:
		return fmt.Sprintf("%s bets big on AI infrastructure", prov)
	case 3:
		return fmt.Sprintf("Why %s matters for %s's cloud market", c, prov)
	case 4:
		return fmt.Sprintf("%s results: cloud growth slows as capex climbs", prov)
	default:
		return fmt.Sprintf("%s and the race for capacity in %s", prov, c)
	}
}

func (g *gen) lead(prov, c string, d time.Time) string {
	when := d.Format("January 2")
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s said on %s that it is looking at new capacity in %s, as demand from enterprise and AI customers continues to outstrip supply across the region.", prov, when, c)
	case 1:
		return fmt.Sprintf("The cloud market in %s has drawn a crowd of hyperscalers over the past two years, and %s is the latest to set out its plans.", c, prov)
	case 2:
		return fmt.Sprintf("Speaking at an event this week, executives at %s outlined the company's infrastructure roadmap for the next several years.", prov)
	default:
		return fmt.Sprintf("%s has published an update on its global infrastructure, with %s among the markets it named.", prov, c)
	}
}

// factPara is a paragraph of one to three sentences, at least one of which
// states a fact the extractors should find.
func (g *gen) factPara(prov, c string, d time.Time) string {
	var s []string
	for range 1 + g.r.IntN(3) {
		s = append(s, g.factSentence(prov, c, d))
	}
	return strings.Join(s, " ")
}

func (g *gen) factSentence(prov, c string, d time.Time) string {
	r := g.r
	ct := g.pickCountry()
	if c == "" {
		c = ct.name
	}
	year := d.Year() + r.IntN(4)
	switch r.IntN(14) {
	case 0:
		return fmt.Sprintf("%s %s a new cloud region in %s.", prov, g.pick(statusVerbs), c)
	case 1:
		return fmt.Sprintf("The %s region, %s's %s in the country, %s.", g.pick(cityNames), prov, ordinal(1+r.IntN(4)), g.pick(regionStatus))
	case 2:
		return fmt.Sprintf("%s currently operates %d cloud regions and %d availability zones worldwide.", prov, 8+r.IntN(40), 20+r.IntN(100))
	case 3:
		return fmt.Sprintf("The new region will launch with %s availability zones, the company said.", numberWord(2+r.IntN(3), r))
	case 4:
		return fmt.Sprintf("%s will invest %s in %s over the next %s years to build data centers.", prov, g.money(), c, numberWord(2+r.IntN(8), r))
	case 5:
		return fmt.Sprintf("According to %s, the company plans to spend %s on AI infrastructure in %d.", g.pick(sources), g.money(), year)
	case 6:
		return fmt.Sprintf("%s reported cloud revenue of %s for the quarter, up %d%% from a year earlier.", prov, g.money(), 5+r.IntN(40))
	case 7:
		return fmt.Sprintf("%s now runs %d data centers in %s and expects to add %d more by %d.", prov, 2+r.IntN(30), c, 1+r.IntN(6), year)
	case 8:
		return fmt.Sprintf("In %s, %s %s a data center near %s.", c, prov, g.pick(statusVerbs), ct.city)
	case 9:
		return fmt.Sprintf("%s is shutting down its %s data center in %s, citing %s.", prov, g.pick(cityNames), c, g.pick(reasons))
	case 10:
		return fmt.Sprintf("Analysts at %s estimate that spending on cloud infrastructure in %s will reach %s by %d.", g.pick(sources), c, g.money(), year+1)
	case 11:
		return fmt.Sprintf("The %s project, worth %s, is expected to create %d jobs.", ct.adj, g.money(), 100+r.IntN(2000))
	case 12:
		return fmt.Sprintf("%s raised %s in a bond sale to fund its capital expenditure, which it put at %s for the year.", prov, g.money(), g.money())
	default:
		return fmt.Sprintf("With the launch, %s will have %d regions in %s, up from %s.", prov, 2+r.IntN(6), g.pick(continents), numberWord(1+r.IntN(2), r))
	}
}

func (g *gen) money() string {
	r := g.r
	amount := float64(1+r.IntN(999)) / float64([]int{1, 10, 100}[r.IntN(3)])
	num := fmt.Sprintf("%g", amount)
	unit := g.pick([]string{"million", "billion", "billion", "bn", "m", "trillion"})
	switch r.IntN(8) {
	case 0:
		return "€" + num + " " + unit
	case 1:
		return "£" + num + unit
	case 2:
		return num + " " + unit + " " + g.pick([]string{"euros", "yen", "rupees", "reais", "won", "riyals"})
	case 3:
		return g.pick([]string{"A$", "C$", "R$", "S$", "HK$"}) + num + " " + unit
	case 4:
		return g.pick([]string{"USD", "EUR", "JPY", "INR", "GBP", "CHF", "SEK"}) + " " + num + " " + unit
	case 5:
		return fmt.Sprintf("$%d,%03d,%03d", 1+r.IntN(900), r.IntN(1000), r.IntN(1000))
	default:
		return "$" + num + " " + unit
	}
}

func (g *gen) quote(prov, c string) string {
	who := g.pick(people)
	role := g.pick(roles)
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("\"Customers in %s have told us they want lower latency and data residency, and this is our answer,\" said %s, %s at %s.", c, who, role, prov)
	case 1:
		return fmt.Sprintf("\"We are not going to stop here,\" %s, %s, told reporters. \"The demand we see for AI workloads is unlike anything in the past decade.\"", who, role)
	default:
		return fmt.Sprintf("%s, %s at %s, said the company would share more details about timing and location later this year.", who, role, prov)
	}
}

func (g *gen) filler(prov, c string) string {
	var s []string
	for range 2 + g.r.IntN(3) {
		s = append(s, strings.Replace(g.pick(fillers), "%s", g.fillArg(prov, c), 1))
	}
	return strings.Join(s, " ")
}

func (g *gen) fillArg(prov, c string) string {
	switch g.r.IntN(3) {
	case 0:
		return prov
	case 1:
		return c
	default:
		return g.pick(providers)
	}
}

// page wraps the paragraphs in the markup of a news site: head metadata,
// navigation, a cookie banner, share buttons, related links, a newsletter
// box and a footer.
func (g *gen) page(title string, s site, url string, d time.Time, paras []string) string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s | %s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="%s">
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<meta property="og:type" content="article"><meta property="article:published_time" content="%s">
<meta name="author" content="%s">
<link rel="stylesheet" href="/assets/css/main.%x.css">
<style>%s</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-%X');</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":"%s"}</script>
</head><body class="article-page">
<div class="cookie-banner" role="dialog"><p>We use cookies to improve your experience and for advertising. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button><button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">%s</a><nav class="main-nav"><ul>
`, esc(title), esc(s.name), url, esc(title), esc(s.name), d.Format(time.RFC3339), esc(g.pick(people)), g.r.Uint32(), inlineCSS, g.r.Uint32(), title, d.Format(time.RFC3339), esc(s.name))
	for _, n := range navItems {
		fmt.Fprintf(&b, "<li class=\"menu-item has-children\"><a href=\"/%s/\">%s</a><ul class=\"sub-menu\">", slug(n), n)
		for _, sub := range navItems[:6] {
			fmt.Fprintf(&b, "<li><a href=\"/%s/%s/\">%s %s</a></li>", slug(n), slug(sub), n, sub)
		}
		b.WriteString("</ul></li>\n")
	}
	fmt.Fprintf(&b, `</ul></nav><form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main><article class="post">
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/cloud/">Cloud</a> &rsaquo; <a href="/data-centers/">Data centers</a></div>
<h1 class="entry-title">%s</h1>
<div class="byline">By <a href="/author/%s">%s</a> &middot; <time datetime="%s">%s</time></div>
<div class="share"><a href="#">Share on LinkedIn</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="entry-content">
`, esc(title), slug(g.pick(people)), esc(g.pick(people)), d.Format("2006-01-02"), d.Format("January 2, 2006"))
	for i, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
		if i == 3 {
			b.WriteString(`<aside class="ad-slot"><div class="ad">Advertisement</div></aside>` + "\n")
		}
		if i == 5 {
			b.WriteString(`<div class="newsletter-inline"><h3>Get the daily briefing</h3><p>Sign up for our newsletter to receive the latest news in your inbox.</p><form><input type="email" placeholder="Email address"><button>Subscribe</button></form></div>` + "\n")
		}
	}
	b.WriteString(`</div>
<div class="tags">Tags: <a href="/tag/cloud/">cloud</a>, <a href="/tag/data-centers/">data centers</a>, <a href="/tag/ai/">AI</a></div>
</article>
<aside class="sidebar"><h2>Most read</h2><ol>
`)
	for range 5 {
		fmt.Fprintf(&b, "<li><a href=\"/news/%d\">%s</a></li>\n", g.r.IntN(100000), esc(g.title(g.pick(providers), g.pick(countries))))
	}
	b.WriteString(`</ol><h2>Related</h2><ul>
`)
	for range 4 {
		fmt.Fprintf(&b, "<li><a href=\"/news/%d\">%s</a></li>\n", g.r.IntN(100000), esc(g.title(g.pick(providers), g.pick(countries))))
	}
	fmt.Fprintf(&b, `</ul></aside></main>
<footer class="site-footer"><div class="cols"><div><h4>About</h4><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/advertise">Advertise</a></div>
<div><h4>Legal</h4><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/cookies">Cookie policy</a></div></div>
<p>&copy; %d %s. All rights reserved.</p></footer>
<script src="/assets/js/app.%x.js" defer></script>
</body></html>
`, d.Year(), esc(s.name), g.r.Uint32())
	return b.String()
}

// inlineCSS stands for the critical CSS many news sites inline.
var inlineCSS = strings.Repeat(".site-header{display:flex;align-items:center;justify-content:space-between;padding:0 24px}.main-nav ul{list-style:none;margin:0;padding:0}.main-nav li{display:inline-block;position:relative}.sub-menu{display:none;position:absolute;top:100%;left:0;background:#fff;box-shadow:0 2px 8px rgba(0,0,0,.15)}.entry-content p{font-size:18px;line-height:1.6;margin:0 0 1.2em}.sidebar{width:300px;float:right}\n", 8)

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func ordinal(n int) string {
	return []string{"zeroth", "first", "second", "third", "fourth"}[n]
}

func numberWord(n int, r *rand.Rand) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n < len(words) && r.IntN(2) == 0 {
		return words[n]
	}
	return fmt.Sprint(n)
}
