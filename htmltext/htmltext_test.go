package htmltext

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// testPageURL is where the handmade test pages pretend to have been fetched.
const testPageURL = "https://news.example.com/section/page.html"

// TestGolden extracts every testdata/pages/<case>.html and compares the
// result with <case>.json; a new case is two new files (run with -update
// and review the JSON).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/pages/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test pages")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Extract(context.Background(), raw, "", testPageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".html") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from golden %s:\ngot:\n%s\nwant:\n%s", f, golden, got, want)
			}
		})
	}
}

// TestMetadataSources pins down which source wins for each field.
func TestMetadataSources(t *testing.T) {
	tests := []struct {
		file                         string
		title, site, lang, canonical string
		published                    time.Time
	}{
		{
			file:      "jsonld.html",
			title:     "Nimbus Cloud opens its first region in Chile & Peru",
			site:      "Cloud Ledger",
			lang:      "en",
			canonical: "https://ledger.example.com/2024/03/nimbus-chile",
			published: time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC),
		},
		{
			file:      "opengraph.html",
			title:     "Stratus builds a second data centre near Frankfurt",
			site:      "Example Wire",
			lang:      "en",
			canonical: "https://wire.example.org/dc/stratus-frankfurt",
			published: time.Date(2023, 11, 20, 14, 5, 0, 0, time.UTC),
		},
		{
			file:      "metaname.html",
			title:     "Cumulus ouvre une région à Marseille",
			site:      "Le Nuage Quotidien",
			lang:      "fr",
			canonical: "https://news.example.com/articles/cumulus-marseille?ref=home",
			published: time.Date(2022, 6, 14, 8, 15, 0, 0, time.UTC),
		},
		{
			file:  "minimal.html",
			title: "A page with nothing but a title",
			site:  "news.example.com", // no site name: the host the page came from
			lang:  "en",               // detected from the text
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/pages", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Extract(context.Background(), raw, "text/html", testPageURL)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title {
				t.Errorf("Title = %q, want %q", p.Title, tt.title)
			}
			if p.Site != tt.site {
				t.Errorf("Site = %q, want %q", p.Site, tt.site)
			}
			if p.Language != tt.lang {
				t.Errorf("Language = %q, want %q", p.Language, tt.lang)
			}
			if p.CanonicalURL != tt.canonical {
				t.Errorf("CanonicalURL = %q, want %q", p.CanonicalURL, tt.canonical)
			}
			if !p.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", p.Published, tt.published)
			}
		})
	}
}

func TestTextShape(t *testing.T) {
	raw, err := os.ReadFile("testdata/pages/messy.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Extract(context.Background(), raw, "", "")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(p.Text, "\n\n")
	want := []string{
		"Headline with a soft hyphen",
		"Capacity rose to 1 200 megawatts, spread over several lines of source, with a multisyllable word and a zerowidth space inside it.",
		"First line of an address",
		"second line of the same paragraph",
		"A new paragraph after two line breaks, which older sites use instead of paragraph elements to lay out their articles.",
		"First list item about the new region in the country",
		"Second list item about the availability zones there",
		"A closing paragraph long enough for the extractor to consider this article worth keeping, written by hand for the tests of this package.",
	}
	if len(paras) != len(want) {
		t.Fatalf("got %d paragraphs, want %d:\n%s", len(paras), len(want), p.Text)
	}
	for i := range want {
		if paras[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, paras[i], want[i])
		}
	}
}

func TestCleanParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \t b\n c  ", "a b c"},
		{"soft\u00adhyphen", "softhyphen"},
		{"no\u00a0break\u3000ideographic\u2009thin", "no break ideographic thin"},
		{"zero\u200bwidth\ufeff", "zerowidth"},
		{"ctrl\x07char", "ctrlchar"},
		{"cafe\u0301", "café"}, // NFC
		{"\u200d", "\u200d"},   // joiners carry meaning in some scripts
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanParagraph(tt.in); got != tt.want {
			t.Errorf("cleanParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractBadInput(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	tests := []struct {
		name        string
		raw         string
		contentType string
		want        error
	}{
		{"empty", "", "", ErrEmpty},
		{"whitespace", " \n\t\r\n ", "text/html", ErrEmpty},
		{"bom only", "\ufeff", "", ErrEmpty},
		{"png renamed html", string(png), "text/html", ErrBinary},
		{"pdf renamed html", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "", ErrBinary},
		{"nul bytes", "<html><body>text\x00\x00\x00more</body></html>", "", ErrBinary},
		{"control chars", strings.Repeat("\x01\x02\x03 ab", 100), "", ErrBinary},
		{"no text", "<html><head><title>t</title><script>var x = 1;</script></head><body><div></div></body></html>", "", ErrNoText},
		{"replacement charset", "<p>\x80\x81 text</p>", "text/html; charset=iso-2022-kr", ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract(context.Background(), []byte(tt.raw), tt.contentType, testPageURL)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Extract error = %v (page %+v), want %v", err, p, tt.want)
			}
		})
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, []byte("<p>text</p>"), "", ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("Extract error = %v, want context.Canceled", err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-05T09:30:00+01:00", time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC)},
		{"2024-03-05", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"2024-03-05 10:00:00", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 10:00:00 GMT", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"March 5, 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"20240305", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"0001-01-01T00:00:00Z", time.Time{}}, // placeholder some CMSs emit
		{"2999-01-01", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != !tt.want.IsZero() || (ok && !got.Equal(tt.want)) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestNormLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en-US", "en"}, {"pt_BR", "pt"}, {"FR", "fr"}, {"zh-Hant-TW", "zh"},
		{"de, en", "de"}, {"", ""}, {"und", ""}, {"!!", ""}, {"x", ""},
	}
	for _, tt := range tests {
		if got := normLang(tt.in); got != tt.want {
			t.Errorf("normLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAbsURL(t *testing.T) {
	base, _ := url.Parse("https://news.example.com/a/b.html")
	tests := []struct {
		base *url.URL
		ref  string
		want string
	}{
		{base, "/c", "https://news.example.com/c"},
		{base, "d.html?x=1", "https://news.example.com/a/d.html?x=1"},
		{base, "//cdn.example.net/e", "https://cdn.example.net/e"},
		{nil, "/c", ""},
		{nil, "https://x.example/y", "https://x.example/y"},
		{base, "javascript:void(0)", ""},
		{base, "  ", ""},
	}
	for _, tt := range tests {
		if got := absURL(tt.base, tt.ref); got != tt.want {
			t.Errorf("absURL(%v, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}
