package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/feed"
)

// articleHTML is a news page as sites serve it: navigation, a dated
// article with a canonical link, a footer.
func articleHTML(title, canonical, pageDate string) []byte {
	link := ""
	if canonical != "" {
		link = fmt.Sprintf(`<link rel="canonical" href="%s">`, canonical)
	}
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%[1]s | Cloud Wire</title>
%[2]s
<meta property="og:site_name" content="Cloud Wire">
<meta property="article:published_time" content="%[3]s">
</head><body>
<header><nav><a href="/">Home</a> <a href="/cloud">Cloud</a> <a href="/ai">AI</a></nav></header>
<main><article>
<h1>%[1]s</h1>
<p class="byline">By Ana Torres</p>
<p>Oracle will open a cloud region in Chile next year. The company said the Santiago
region would serve customers in banking, mining and the public sector across South America.</p>
<p>The announcement follows a period of rapid growth for the provider in Latin America,
where it already operates regions in Brazil and Mexico. Executives said demand for
local data residency had grown quickly among regulated industries.</p>
<p>Analysts said the move would put pressure on rivals that have yet to build in the
country, although several have announced plans of their own in recent months.</p>
</article></main>
<footer><p>Copyright 2025 Cloud Wire. All rights reserved.</p></footer>
</body></html>`, title, link, pageDate)
}

func storedArticles(t *testing.T, p *Pipeline) []article.Article {
	t.Helper()
	var out []article.Article
	err := p.DB.EachArticle(context.Background(), func(_ int64, a article.Article) error {
		out = append(out, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCrawlProcessorCanonicalLinkAndFeedDate(t *testing.T) {
	p, path := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	feedDate := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	page := crawl.Page{
		URL:         "https://wire.example/amp/oracle-chile",
		FinalURL:    "https://wire.example/amp/oracle-chile",
		Body:        articleHTML("Oracle to open Chile cloud region", "https://Wire.example/2025/03/oracle-chile?utm_source=feed#top", "2024-06-01T00:00:00Z"),
		ContentType: "text/html; charset=utf-8",
		Item:        feed.Item{Title: "Oracle heads to Chile", Link: "https://wire.example/amp/oracle-chile?utm_medium=rss", GUID: "wire-1234", Published: feedDate},
		FeedURL:     "https://wire.example/feed.xml",
	}
	if err := c.Process(context.Background(), page); err != nil {
		t.Fatal(err)
	}
	arts := storedArticles(t, p)
	if len(arts) != 1 {
		t.Fatalf("%d articles stored, want 1", len(arts))
	}
	a := arts[0]
	if a.URL != "https://wire.example/2025/03/oracle-chile" {
		t.Errorf("URL = %q, want the canonical link in canonical form", a.URL)
	}
	if a.Source != page.URL {
		t.Errorf("Source = %q, want the item URL", a.Source)
	}
	if !a.Published.Equal(feedDate) {
		t.Errorf("Published = %v, want the feed's date %v over the page's", a.Published, feedDate)
	}
	if a.Title != "Oracle to open Chile cloud region" || a.FeedTitle != "Oracle heads to Chile" ||
		a.FeedGUID != "wire-1234" || a.FeedURL != page.FeedURL {
		t.Errorf("metadata: title %q, feed title %q, guid %q, feed %q", a.Title, a.FeedTitle, a.FeedGUID, a.FeedURL)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM facts_reviewed WHERE type = 'expansion' AND country = 'CL' AND company LIKE 'Oracle%' AND year = 2026`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no Oracle expansion in Chile for 2026 (the feed's date resolves 'next year')")
	}
	if s := c.Summary(); s.New != 1 || s.Facts == 0 {
		t.Errorf("Summary = %+v", s)
	}
}

func TestCrawlProcessorSameArticleTwoURLsStoredOnce(t *testing.T) {
	p, _ := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	canonical := "https://wire.example/2025/03/oracle-chile"
	for _, u := range []string{"https://wire.example/amp/oracle-chile", "https://partner.example/syndicated/oracle-chile"} {
		page := crawl.Page{URL: u, FinalURL: u, ContentType: "text/html",
			Body: articleHTML("Oracle to open Chile cloud region", canonical, "2025-03-01T08:00:00Z"),
			Item: feed.Item{Title: "Oracle heads to Chile", Link: u}}
		if err := c.Process(context.Background(), page); err != nil {
			t.Fatal(err)
		}
	}
	arts := storedArticles(t, p)
	if len(arts) != 1 || arts[0].URL != canonical || arts[0].Source != "https://wire.example/amp/oracle-chile" {
		t.Fatalf("stored %+v, want one article under the canonical URL, from the first item", arts)
	}
	if s := c.Summary(); s.New != 1 || s.Duplicates != 1 {
		t.Errorf("Summary = %+v, want 1 new, 1 duplicate", s)
	}
	// Both item URLs now count as stored, so the crawl fetches neither again.
	for _, u := range []string{canonical, "https://wire.example/amp/oracle-chile"} {
		if ok, err := p.DB.HasArticle(context.Background(), u); err != nil || !ok {
			t.Errorf("HasArticle(%s) = %v, %v", u, ok, err)
		}
	}
}

func TestCrawlProcessorWithoutCanonicalLink(t *testing.T) {
	p, _ := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	for i, canonical := range []string{"", "https://wire.example/", "javascript:void(0)"} {
		u := fmt.Sprintf("https://wire.example/news/%d", i)
		page := crawl.Page{URL: u, FinalURL: u, ContentType: "text/html",
			Body: articleHTML(fmt.Sprintf("Story %d", i), canonical, "2025-03-01T08:00:00Z")}
		if err := c.Process(context.Background(), page); err != nil {
			t.Fatal(err)
		}
	}
	arts := storedArticles(t, p)
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3 (a canonical link to the front page is ignored)", len(arts))
	}
	for i, a := range arts {
		if want := fmt.Sprintf("https://wire.example/news/%d", i); a.URL != want {
			t.Errorf("article %d URL = %q, want the item URL %q", i, a.URL, want)
		}
		if a.Published.IsZero() {
			t.Errorf("article %d: no date; the page's should stand in for the feed's", i)
		}
	}
}

func TestCrawlProcessorNotAnArticleIsPermanent(t *testing.T) {
	p, _ := newPipeline(t)
	c := &CrawlProcessor{Pipeline: p}
	for name, body := range map[string][]byte{
		"empty":  nil,
		"binary": {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0},
		"blank":  []byte("<html><head><title>Nothing</title></head><body></body></html>"),
	} {
		err := c.Process(context.Background(), crawl.Page{URL: "https://wire.example/" + name, Body: body, ContentType: "text/html"})
		if !errors.Is(err, crawl.ErrPermanent) {
			t.Errorf("%s: err = %v, want ErrPermanent", name, err)
		}
	}
	if arts := storedArticles(t, p); len(arts) != 0 {
		t.Errorf("stored %d articles from non-articles", len(arts))
	}
}
