package benchgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeterministic: the same seed and index give the same bytes, another
// seed other bytes.
func TestDeterministic(t *testing.T) {
	for _, h := range []bool{false, true} {
		for i := range 20 {
			a, b := Generate(7, i, h), Generate(7, i, h)
			if a.Name != b.Name || a.Text != b.Text || !bytes.Equal(a.Bytes, b.Bytes) {
				t.Fatalf("article %d (html %v) differs between two calls", i, h)
			}
			if c := Generate(8, i, h); bytes.Equal(a.Bytes, c.Bytes) {
				t.Errorf("article %d (html %v) is the same for seeds 7 and 8", i, h)
			}
		}
	}
	if a, b := Generate(1, 0, false), Generate(1, 1, false); a.Text == b.Text {
		t.Error("articles 0 and 1 are the same")
	}
}

func TestShapes(t *testing.T) {
	a := Generate(1, 3, false)
	if a.Name != "000003.txt" || !strings.HasPrefix(string(a.Bytes), "---\nurl: https://") || !strings.HasSuffix(string(a.Bytes), a.Text) {
		t.Errorf("text article:\n%s", a.Bytes)
	}
	h := Generate(1, 3, true)
	if h.Name != "000003.html" || !strings.Contains(string(h.Bytes), "<p>") || !strings.Contains(string(h.Bytes), "</html>") {
		t.Errorf("html article:\n%s", h.Bytes)
	}
	if strings.Contains(a.Text, "%!") {
		t.Errorf("format error in text:\n%s", a.Text)
	}
	if dir := os.Getenv("BENCHGEN_DUMP"); dir != "" {
		for i := range 5 {
			for _, x := range []Article{Generate(1, i, false), Generate(1, i, true)} {
				os.WriteFile(filepath.Join(dir, x.Name), x.Bytes, 0o644)
			}
		}
	}
}
