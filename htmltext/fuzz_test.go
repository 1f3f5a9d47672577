package htmltext

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/pages/*.html")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	for _, s := range []struct{ raw, ct string }{
		{"", ""},
		{"<p>x</p>", "text/html; charset=shift_jis"},
		{"\xff\xfe<\x00p\x00>\x00", ""},
		{`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":1}]}</script>`, ""},
		{`<link rel=canonical href="http://[::1">`, "text/html"},
		{`<meta charset="utf-16"><p>caf\xe9</p>`, ""},
	} {
		f.Add([]byte(s.raw), s.ct)
	}
}

// FuzzExtract checks that Extract neither panics nor returns malformed
// pages: any error is one of the sentinels (or a parse failure), and
// any page has clean, non-empty text.
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	// The first extraction in a process compiles trafilatura's regular
	// expressions (RE2 in WebAssembly), which under fuzzing instrumentation
	// takes seconds; do it once per worker, outside the timed calls.
	if raw, err := os.ReadFile("testdata/pages/jsonld.html"); err == nil {
		_, _ = Extract(context.Background(), raw, "", "")
	}
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		start := time.Now()
		p, err := Extract(context.Background(), raw, contentType, testPageURL)
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("Extract took %v on %d bytes", d, len(raw))
		}
		if err != nil {
			if strings.Contains(err.Error(), "panic") {
				t.Fatalf("recovered panic: %v", err)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) &&
				!errors.Is(err, ErrUndecodable) && !errors.Is(err, ErrNoText) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if p.Text == "" || !utf8.ValidString(p.Text) {
			t.Fatalf("bad text %q", p.Text)
		}
		for _, para := range strings.Split(p.Text, "\n\n") {
			if para == "" || para != cleanParagraph(para) {
				t.Fatalf("paragraph not clean: %q", para)
			}
		}
		for _, s := range []string{p.Title, p.Site, p.Language} {
			if s != cleanParagraph(s) {
				t.Fatalf("metadata not clean: %q", s)
			}
		}
		if p.CanonicalURL != "" {
			u, err := url.Parse(p.CanonicalURL)
			if err != nil || !u.IsAbs() || u.Host == "" {
				t.Fatalf("canonical URL not absolute: %q", p.CanonicalURL)
			}
		}
	})
}

// FuzzDecode checks that Decode always yields valid UTF-8 or a sentinel
// error.
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		s, err := Decode(raw, contentType)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrUndecodable) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q", s)
		}
		if utf8.Valid(raw) && !strings.HasPrefix(string(raw), "\ufeff") && s != string(raw) {
			t.Fatalf("valid UTF-8 changed: %q -> %q", raw, s)
		}
	})
}
