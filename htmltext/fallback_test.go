package htmltext

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"golang.org/x/net/html"
)

// TestFallbackGate checks that running the external extractors only when
// they can win gives, page for page, what trafilatura's fallback on every
// page gives: on the generated news pages and, when present, on the shared
// benchmark's real pages, where the fallback does change some results.
func TestFallbackGate(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts every page twice; skipped with -short")
	}
	type page struct {
		id, url string
		raw     []byte
	}
	sets := map[string][]page{}
	for i, raw := range generatedPages(60) {
		sets["generated"] = append(sets["generated"], page{id: fmt.Sprint(i), raw: raw})
	}
	// Pages on which trafilatura's own text is short, so that the real
	// fallback runs, even without the benchmark data.
	for i, body := range []string{
		`<p>Oracle opened a cloud region in Chile.</p>`,
		`<div><span>AWS plans a data center in Kenya, its second in Africa.</span><br><span>The region opens in 2027.</span></div>`,
		`<table><tr><td>Microsoft said it will invest $3 billion in cloud infrastructure in Mexico over three years.</td></tr><tr><td>The company did not say where the new data centers would be built.</td></tr></table>`,
	} {
		raw := "<!DOCTYPE html><html><head><title>News</title></head><body><nav><a href=/>Home</a></nav><main>" + body + "</main><footer>(c) Example</footer></body></html>"
		sets["short"] = append(sets["short"], page{id: fmt.Sprint(i), raw: []byte(raw)})
	}
	if pages, ok := tryLoadBenchmark(t); ok {
		for _, p := range pages {
			sets["benchmark"] = append(sets["benchmark"], page{id: p.id, url: p.url, raw: p.html})
		}
	}
	ctx := context.Background()
	for name, pages := range sets {
		t.Run(name, func(t *testing.T) {
			var stats fallbackStats
			for _, p := range pages {
				want, wantErr := extract(ctx, p.raw, "", p.url, fallbackMode{force: true})
				got, gotErr := extract(ctx, p.raw, "", p.url, fallbackMode{stats: &stats})
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Errorf("page %s: error %v, want %v", p.id, gotErr, wantErr)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("page %s: differs from the full fallback:\n got %+v\nwant %+v", p.id, got, want)
				}
			}
			t.Logf("%d pages: trafilatura's own result kept without readability %d, after readability %d; extracted again with the fallback %d",
				len(pages), stats.own, stats.readability, stats.again)
			switch {
			case name == "generated" && stats.own < len(pages)/2:
				t.Errorf("readability ran on %d of %d generated pages", len(pages)-stats.own, len(pages))
			case name == "short" && stats.again != len(pages):
				t.Errorf("the fallback ran on %d of %d short pages", stats.again, len(pages))
			}
		})
	}
}

func TestIterTextLen(t *testing.T) {
	tests := []struct {
		html string
		want int
	}{
		{`<div>abc</div>`, 3},
		{`<div> a  b <p>c</p></div>`, 5},
		{`<p>foo<a>bar</a></p>`, 7},
		{`<p><b>x</b><span></span>y</p>`, 2},
		{`<p>a<br>b</p>`, 3},
		{`<p>  </p>`, 0},
		{"<p>caf\u00e9\u00a0au lait</p>", 12},
	}
	for _, tt := range tests {
		n := parseFragment(t, tt.html)
		if got := iterTextLen(n); got != tt.want {
			t.Errorf("iterTextLen(%s) = %d, want %d", tt.html, got, tt.want)
		}
		if b := textBound(n); b < tt.want {
			t.Errorf("textBound(%s) = %d, below its text's %d", tt.html, b, tt.want)
		}
	}
}

// TestRescueProbe checks what extractMain relies on to recognise
// trafilatura's rescue: it keeps the articleBody of the probe.
func TestRescueProbe(t *testing.T) {
	doc := parseFragment(t, `<div><p>Too short to be an article.</p></div>`).Parent
	head := firstElement(doc, "head")
	head.AppendChild(rescueProbe())
	opts := trafilaturaOptions(nil, false)
	opts.EnableFallback = false
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.ContentText, probeText) {
		t.Errorf("rescued text %q lacks the probe", res.ContentText)
	}
}

// parseFragment returns the <body> of a document holding s.
func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
		}
		return body == nil
	})
	return body
}
