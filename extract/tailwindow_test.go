package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// walkTail is tailWindow without its shortcut for short texts: the walk
// back over the runs alone.
func walkTail(s string, n int) (string, int) {
	i, runs := len(s), 0
	for {
		for i > 0 && isRegexpSpace(s[i-1]) {
			i--
		}
		if i == 0 {
			return s, 0
		}
		if runs == n {
			_, size := utf8.DecodeLastRuneInString(s[:i])
			return s[i-size:], i - size
		}
		runs++
		for i > 0 && !isRegexpSpace(s[i-1]) {
			i--
		}
	}
}

// TestTailWindowShortcut holds tailWindow to the walk on every text of up
// to seven pieces of words and spaces, for every bound up to nine runs.
func TestTailWindowShortcut(t *testing.T) {
	pieces := []string{"a", " ", "é", "\t", "bc"}
	texts := []string{""}
	for range 7 {
		next := texts
		for _, s := range texts {
			if strings.Count(s, "") > 7 {
				continue
			}
			for _, p := range pieces {
				next = append(next, s+p)
			}
		}
		texts = next
	}
	for _, s := range texts {
		for n := 0; n <= 9; n++ {
			got, off := tailWindow(s, n)
			want, woff := walkTail(s, n)
			if got != want || off != woff {
				t.Fatalf("tailWindow(%q, %d) = %q at %d, want %q at %d", s, n, got, off, want, woff)
			}
		}
	}
}
