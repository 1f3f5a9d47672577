package pipeline

import (
	"strings"
	"testing"
	"time"
)

// FuzzFrontMatter feeds arbitrary text to the front-matter parser: no
// panic, time linear in the input (1 s plus 50 µs a byte), and the body
// returned is the input itself or a suffix of it.
func FuzzFrontMatter(f *testing.F) {
	f.Add("---\nurl: https://example.com/news/1\ntitle: Provider opens region\npublished: 2025-03-01\n---\nBody text.\n")
	f.Add("\ufeff---\r\ntitle: \"Quoted\"\r\n---\r\nBody")
	f.Add("---\nnot front matter\n---\n")
	f.Add("---\n---\n")
	f.Add("---\n" + strings.Repeat("k: v\n", 1000))
	f.Add("---\n" + strings.Repeat("x", 70000) + ": y\n---\nbody")
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		fm, body := splitFrontMatter(text)
		if fm == nil {
			t.Fatal("nil map")
		}
		if !strings.HasSuffix(text, body) {
			t.Fatalf("body %q is not a suffix of the input", body)
		}
		if len(fm) > 0 && len(body) >= len(text) {
			t.Fatalf("front matter %v read but the body is the whole input", fm)
		}
		if d, max := time.Since(start), time.Second+time.Duration(len(text))*50*time.Microsecond; d > max {
			t.Fatalf("%d bytes took %s, more than %s", len(text), d, max)
		}
	})
}
