package pipeline

import (
	"bufio"
	"maps"
	"math/rand/v2"
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
		if wantFM, wantBody := scannerFrontMatter(text); !maps.Equal(fm, wantFM) || body != wantBody {
			t.Fatalf("splitFrontMatter(%q) = %v, %q; the scanner read %v, %q", text, fm, body, wantFM, wantBody)
		}
		if d, max := time.Since(start), time.Second+time.Duration(len(text))*50*time.Microsecond; d > max {
			t.Fatalf("%d bytes took %s, more than %s", len(text), d, max)
		}
	})
}

// TestFrontMatterIsScanner holds splitFrontMatter, which cuts lines
// itself, to the bufio.Scanner reading it replaced, on texts made of
// front-matter pieces, CR and LF in every mix, and lines at the
// scanner's limit.
func TestFrontMatterIsScanner(t *testing.T) {
	texts := []string{"", "---", "---\n", "---\r\n---", "---\n---\r\r\nbody", "---\nk: v\r\r\n---\n\nbody"}
	for _, n := range []int{maxFrontMatterLine - 2, maxFrontMatterLine - 1, maxFrontMatterLine} {
		long := "k: " + strings.Repeat("x", n-3)
		texts = append(texts, "---\n"+long+"\n---\nbody", "---\n"+long, "---\n"+long+"\r\n---\nbody")
	}
	parts := []string{"---", "\n", "\r", "\r\n", "url", ": ", "https://x.example/a", "title", " ", "\"q\"", "'", "\ufeff", "Body.", "k", "v", ":"}
	rnd := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		if rnd.IntN(2) == 0 {
			b.WriteString("---\n")
		}
		for range rnd.IntN(20) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		fm, body := splitFrontMatter(text)
		if wantFM, wantBody := scannerFrontMatter(text); !maps.Equal(fm, wantFM) || body != wantBody {
			t.Fatalf("splitFrontMatter(%.80q) = %v, %.80q; the scanner read %v, %.80q", text, fm, body, wantFM, wantBody)
		}
	}
}

// scannerFrontMatter is splitFrontMatter as it read lines with a
// bufio.Scanner.
func scannerFrontMatter(text string) (map[string]string, string) {
	fm := map[string]string{}
	t := strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return fm, text
	}
	sc := bufio.NewScanner(strings.NewReader(t))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	consumed := 0
	first := true
	for sc.Scan() {
		line := sc.Text()
		consumed += len(line) + 1
		if strings.HasSuffix(line, "\r") {
			line = strings.TrimSuffix(line, "\r")
		}
		if first {
			first = false
			continue
		}
		if strings.TrimSpace(line) == "---" {
			body := ""
			if consumed < len(t) {
				body = t[consumed:]
			}
			return fm, body
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return map[string]string{}, text
		}
		v = strings.TrimSpace(v)
		v = strings.Trim(v, `"'`)
		fm[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return map[string]string{}, text
}
