package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

func TestTextDate(t *testing.T) {
	day := func(y int, m time.Month, d int) string {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	tests := []struct {
		name, text, url, want string
	}{
		{"dateline", "Oracle opens Chile region\n\nLONDON, March 3, 2025 — Oracle said on Monday it had opened a region.\n", "", day(2025, 3, 3)},
		{"dateline with state and wire", "SEATTLE, Wash., March 4, 2025 /PRNewswire/ -- Amazon Web Services today announced...\n", "", day(2025, 3, 4)},
		{"business wire", "SEATTLE--(BUSINESS WIRE)--Mar. 5, 2025-- Amazon today announced...\n", "", day(2025, 3, 5)},
		{"published label", "Oracle opens Chile region\nPublished: 4 March 2025\n\nOracle said it had opened a region.\n", "", day(2025, 3, 4)},
		{"published on weekday", "Headline here\nPublished on Tuesday, March 4, 2025 10:30 GMT\nBody.\n", "", day(2025, 3, 4)},
		{"updated only", "Headline here\nUpdated: 2025-03-06\n\nBody text follows.\n", "", day(2025, 3, 6)},
		{"published beats updated", "Headline\nUpdated: 2025-03-06\nPublished: 2025-03-01\n\nBody.\n", "", day(2025, 3, 1)},
		{"date under headline", "Oracle opens Chile region\nTuesday, March 4, 2025\n\nOracle said it had opened a region.\n", "", day(2025, 3, 4)},
		{"byline with date", "Oracle opens Chile region\nBy Ana Torres | March 4, 2025\n\nOracle said...\n", "", day(2025, 3, 4)},
		{"url", "Oracle said it had opened a region in Chile.\n", "https://example.com/2025/03/04/oracle-chile", day(2025, 3, 4)},
		{"text beats url", "LONDON, March 3, 2025 — Oracle said...\n", "https://example.com/2024/01/02/x", day(2025, 3, 3)},
		{"none", "Oracle said it had opened a region in Chile.\n\nIt plans another next year.\n", "", ""},
		{"a date in a sentence is no dateline", "Oracle said on March 3, 2025 that it would open a region.\n", "", ""},
		{"a date far down is not the article's", "Title\n\na\n\nb\n\nc\n\nd\n\nMarch 3, 2025\n", "", ""},
		{"impossible url date", "Text.\n", "https://example.com/2025/02/30/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := textDate(tt.text, tt.url)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("textDate = %q, want %q", s, tt.want)
			}
		})
	}
}

// An undated text file has no publication date: its modification time is
// kept as file_modified, not as published, and reextract does not treat it
// as one either.
func TestUndatedTextHasNoPublished(t *testing.T) {
	dir := t.TempDir()
	undated := writeFile(t, dir, "undated.txt", "Oracle will open a cloud region in Chile next year.\n")
	dated := writeFile(t, dir, "dated.txt", "Oracle to open Chile region\n\nSANTIAGO, March 3, 2025 — Oracle will open a cloud region in Chile next year.\n")
	mtime := time.Date(2021, 6, 1, 12, 34, 56, 0, time.UTC)
	for _, f := range []string{undated, dated} {
		if err := os.Chtimes(f, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	a, err := LoadFile(context.Background(), undated)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Published.IsZero() {
		t.Errorf("undated: Published = %v, want none", a.Published)
	}
	if !a.FileModified.Equal(mtime) {
		t.Errorf("undated: FileModified = %v, want %v", a.FileModified, mtime)
	}
	b, err := LoadFile(context.Background(), dated)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC); !b.Published.Equal(want) {
		t.Errorf("dated: Published = %v, want %v", b.Published, want)
	}

	p, path := newPipeline(t)
	ingest(t, p, dir)
	for _, stage := range []string{"run", "reextract"} {
		if stage == "reextract" {
			if _, err := p.Reextract(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`SELECT a.source, coalesce(a.published, ''), coalesce(a.file_modified, ''), max(coalesce(f.year, 0))
			FROM articles a JOIN facts_reviewed f ON f.article_id = a.id WHERE f.type = 'expansion' GROUP BY a.id`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var src, pub, mod string
			var year int
			if err := rows.Scan(&src, &pub, &mod, &year); err != nil {
				t.Fatal(err)
			}
			n++
			if mod != "2021-06-01T12:34:56Z" {
				t.Errorf("%s: %s: file_modified = %q", stage, src, mod)
			}
			switch filepath.Base(src) {
			case "undated.txt":
				// "next year" cannot be resolved without a date.
				if pub != "" || year != 0 {
					t.Errorf("%s: undated: published %q, year %d; want none", stage, pub, year)
				}
			case "dated.txt":
				if !strings.HasPrefix(pub, "2025-03-03") || year != 2026 {
					t.Errorf("%s: dated: published %q, year %d; want 2025-03-03 and 2026", stage, pub, year)
				}
			}
		}
		rows.Close()
		db.Close()
		if n != 2 {
			t.Errorf("%s: %d articles with expansion facts, want 2", stage, n)
		}
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Alibaba Cloud ramps up global foray on AI boom\n\nAlibaba Cloud is accelerating...\n", "Alibaba Cloud ramps up global foray on AI boom"},
		{"Microsoft to Invest $300 Million in South Africa’s AI Infrastructure by 2027\nMicrosoft said...\n", "Microsoft to Invest $300 Million in South Africa’s AI Infrastructure by 2027"},
		{"Why is Oracle building in Chile?\n\nBody.\n", "Why is Oracle building in Chile?"},
		{"Chinese cloud firm Alibaba plans to expand its footprint to Mexico.\n\nMore.\n", ""},
		{"Tech News\n\nMicrosoft said...\n", ""},
		{"By Yifan Wang Staff Reporter\n\nTencent said...\n", ""},
		{"Subscribe to receive notifications of new posts:\n\nBody.\n", ""},
		{"[an error occurred while processing the directive]\n\nBody.\n", ""},
		{"Tuesday, 25 April 2019 10:30\n\nBody.\n", ""},
		{"only a headline and nothing else\n", ""},
		{"Oracle opens a region in Chile\n", ""},
		{strings.Repeat("Word ", 40) + "\n\nBody.\n", ""},
	}
	for _, tt := range tests {
		if got := headline(tt.text); got != tt.want {
			t.Errorf("headline(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A text file's first line is its title when it reads as a headline; a
// site suffix is stripped, and the site is named after the URL's host
// when the front matter names none.
func TestTextTitleAndSite(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, title, site string
	}{
		{"headline.txt", "Oracle to open a cloud region in Chile\n\nOracle will open a cloud region in Chile.\n", "Oracle to open a cloud region in Chile", ""},
		{"no-headline.txt", "Oracle will open a cloud region in Chile.\n\nIt said so on Monday.\n", "no-headline", ""},
		{"front-matter.md", "---\nurl: https://www.theregister.com/2025/09/24/alibaba/\n---\nAlibaba Cloud plans expansion into Europe • The Register\n\nAlibaba Cloud yesterday announced its first datacenters in Brazil.\n",
			"Alibaba Cloud plans expansion into Europe", "The Register"},
		{"host-only.md", "---\nurl: https://news.example.com/a\ntitle: Oracle in Chile\n---\nOracle will open a cloud region in Chile.\n", "Oracle in Chile", "news.example.com"},
	}
	for _, tt := range tests {
		a, err := LoadFile(context.Background(), writeFile(t, dir, tt.name, tt.content))
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != tt.title || a.Site != tt.site {
			t.Errorf("%s: title %q, site %q; want %q, %q", tt.name, a.Title, a.Site, tt.title, tt.site)
		}
	}
}
