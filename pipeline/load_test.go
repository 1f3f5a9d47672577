package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/feed"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The same page saved to disk (its canonical link decorated with campaign
// parameters and a fragment) and reached by a crawl under its clean URL is
// one article: both paths canonicalise the URL with urlnorm.
func TestRunAndCrawlStoreOneArticle(t *testing.T) {
	p, _ := newPipeline(t)
	body := articleHTML("Oracle to open Chile cloud region",
		"https://Wire.example:443/2025/03/oracle-chile?utm_source=newsletter&utm_medium=email#comments", "2025-03-01T09:00:00Z")
	file := writeFile(t, t.TempDir(), "oracle-chile.html", string(body))
	ingest(t, p, file)

	c := &CrawlProcessor{Pipeline: p}
	const clean = "https://wire.example/2025/03/oracle-chile"
	page := crawl.Page{
		URL: clean, FinalURL: clean, Body: body, ContentType: "text/html; charset=utf-8",
		Item:    feed.Item{Title: "Oracle heads to Chile", Link: clean, GUID: "wire-1"},
		FeedURL: "https://wire.example/feed.xml",
	}
	if err := c.Process(context.Background(), page); err != nil {
		t.Fatal(err)
	}
	arts := storedArticles(t, p)
	if len(arts) != 1 {
		for _, a := range arts {
			t.Logf("stored: key %q source %q", a.Key(), a.Source)
		}
		t.Fatalf("%d articles stored, want 1", len(arts))
	}
	if arts[0].URL != clean {
		t.Errorf("URL = %q, want %q", arts[0].URL, clean)
	}
}

// A front-matter url is an identity too, and canonicalised the same way.
func TestFrontMatterURLIsCanonical(t *testing.T) {
	file := writeFile(t, t.TempDir(), "a.txt",
		"---\nurl: HTTPS://Example.com/news/a?utm_campaign=x&b=2&a=1#top\n---\nOracle will open a cloud region in Chile.\n")
	a, err := LoadFile(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://example.com/news/a?a=1&b=2"; a.URL != want {
		t.Errorf("URL = %q, want %q", a.URL, want)
	}
}
