package extract

import (
	"strings"
	"testing"
)

// TestLoweredPartIsLowerInto holds the article-wide lower-casing to what
// lowerInto computes for each string on its own: every part of a published
// article reads from it, and gives the same; a copy, or an article with a
// letter that folds to ASCII, does not read from it.
func TestLoweredPartIsLowerInto(t *testing.T) {
	own := func(s string) (string, bool) {
		// lowerInto with no article published.
		var buf [512]byte
		return lowerInto(&buf, s)
	}
	tests := []struct {
		name      string
		text      string
		published bool
	}{
		{"ascii", strings.Repeat("Acme Inc. OPENED a Data Centre in Ohio, IT said. ", 20), true},
		{"non-ascii", strings.Repeat("São Paulo’s ÉTÉ naïve Straße – “Quoted” 1,200 MW. ", 15), true},
		{"kelvin sign", strings.Repeat("A 300 \u212a chiller in Oslo. ", 5), false},
		{"long s", strings.Repeat("Cla\u017fs of 2026 in Paris. ", 5), false},
		{"short", "Hi there.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Built at run time, so that the text is not shared with a
			// constant anything else reads.
			text := string([]byte(tt.text))
			slot := lowerArticle(text)
			if (slot >= 0) != tt.published {
				t.Fatalf("published in slot %d, want published %v", slot, tt.published)
			}
			hits := 0
			for _, n := range []int{0, 1, 7, minLowered - 1, minLowered, 33, 100, 511, 513, len(text)} {
				for i := 0; i+n <= len(text); i += 13 {
					s := text[i : i+n]
					_, hit := loweredPart(s)
					if hit {
						hits++
					}
					got, gotSpecial := lowerInto(&[512]byte{}, s)
					want, wantSpecial := ownWithout(slot, own, s)
					if got != want || gotSpecial != wantSpecial {
						t.Fatalf("[%d:%d]: got %q %v, want %q %v", i, i+n, got, gotSpecial, want, wantSpecial)
					}
					if c := strings.Clone(s); len(c) > 0 {
						if _, hit := loweredPart(c); hit {
							t.Fatalf("[%d:%d]: a copy read from the article", i, i+n)
						}
					}
				}
			}
			if tt.published && hits == 0 {
				t.Error("no part of the article read from it")
			}
			releaseLowered(slot)
			if _, hit := loweredPart(text); hit {
				t.Error("the article is still published after its release")
			}
		})
	}
}

// ownWithout is own(s) computed with the article's slot emptied, then put
// back.
func ownWithout(slot int, own func(string) (string, bool), s string) (string, bool) {
	if slot < 0 {
		return own(s)
	}
	l := lowSlots[slot].Swap(nil)
	defer lowSlots[slot].Store(l)
	return own(s)
}
