package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/feed"
)

const articleBody = `<p>Oracle will open a cloud region in Chile next year. The Santiago region will serve banks, miners and public agencies.</p>
<p>The company said demand from customers in regulated industries, who must keep data in the country, had grown quickly over the past two years, and that the investment would also create jobs in construction and operations.</p>
<p>Analysts said the move would put pressure on rivals, several of which have announced plans of their own in recent months, while local officials welcomed the announcement as a sign of confidence in the digital economy.</p>`

const nav = `<header><nav><a href="/">Home</a> | <a href="/cloud">Cloud</a> | <a href="/ai">AI</a></nav></header>`

func linkList(n int) string {
	var b strings.Builder
	b.WriteString("<ul>")
	for i := range n {
		fmt.Fprintf(&b, `<li><h2><a href="/news/story-%d">Provider number %d opens a new cloud region in a country far away</a></h2><p>By Staff</p></li>`, i, i)
	}
	b.WriteString("</ul>")
	return b.String()
}

func page(ogType, body string) string {
	og := ""
	if ogType != "" {
		og = `<meta property="og:type" content="` + ogType + `">`
	}
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cloud Wire</title>` + og +
		`</head><body>` + nav + `<main>` + body + `</main><footer><p>Copyright Cloud Wire</p></footer></body></html>`
}

// Pages that are not articles, served over HTTP as the crawl meets them,
// are given up at once (a permanent failure naming why); articles,
// including one under /topics/ with an article og:type, are stored.
func TestCrawlProcessorGivesUpIndexPages(t *testing.T) {
	pages := map[string]string{
		"/news/oracle-chile":             page("article", "<article><h1>Oracle to open cloud region in Chile</h1>"+articleBody+"</article>"),
		"/topics/cloud/oracle-chile":     page("article", "<article><h1>Oracle in Chile</h1>"+articleBody+"</article>"),
		"/news/no-og-type":               page("", "<article><h1>Oracle in Chile</h1>"+articleBody+"</article>"),
		"/tag/cloud":                     page("website", "<h1>Tags</h1><p>a</p>"+linkList(12)),
		"/tag/cloud/page/2":              page("", "<h1>Cloud</h1><p>Everything we wrote about the cloud, newest first, with the providers, regions and data centers.</p>"+linkList(3)),
		"/category/cloud":                page("article", "<h1>Cloud</h1>"+linkList(20)),
		"/cloud":                         page("website", "<h1>Cloud</h1>"+linkList(20)),
		"/author/ana-torres":             page("profile", "<h1>Ana Torres</h1><p>Ana writes about data centers.</p>"+linkList(5)),
		"/news/brief":                    page("article", "<article><h1>Brief</h1><p>Tagsa</p></article>"),
		"/news/with-ld-json-and-website": strings.Replace(page("website", linkList(2)+"<article>"+articleBody+"</article>"), "</head>", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"x"}</script></head>`, 1),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	defer srv.Close()

	want := map[string]bool{ // path -> is an article
		"/news/oracle-chile": true, "/topics/cloud/oracle-chile": true, "/news/no-og-type": true,
		"/news/with-ld-json-and-website": true,
		"/tag/cloud":                     false, "/tag/cloud/page/2": false, "/category/cloud": false, "/cloud": false,
		"/author/ana-torres": false, "/news/brief": false,
	}
	for path, isArticle := range want {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		_, err = PageArticle(context.Background(), crawl.Page{
			URL: srv.URL + path, FinalURL: srv.URL + path, Body: body,
			ContentType: resp.Header.Get("Content-Type"), Item: feed.Item{Link: srv.URL + path},
		})
		switch {
		case isArticle && err != nil:
			t.Errorf("%s: %v; want an article", path, err)
		case !isArticle && (!errors.Is(err, ErrNotArticle) || !errors.Is(err, crawl.ErrPermanent)):
			t.Errorf("%s: err = %v; want a permanent not-an-article failure", path, err)
		case !isArticle:
			t.Logf("%s: %v", path, err)
		}
	}
}

func TestIndexPath(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://a.example/":                        true,
		"https://a.example/tag/aws":                 true,
		"https://a.example/tag/aws/":                true,
		"https://a.example/blog/category/cloud/":    true,
		"https://a.example/topics/cloud/page/3":     true,
		"https://a.example/authors":                 true,
		"https://a.example/topics/cloud/aws-region": false,
		"https://a.example/news/tagged-storage":     false,
		"https://a.example/?p=123":                  false,
		"https://a.example/2025/03/01/aws-region":   false,
	} {
		if got := indexPath(raw) != ""; got != want {
			t.Errorf("indexPath(%s) = %v, want %v", raw, got, want)
		}
	}
}
