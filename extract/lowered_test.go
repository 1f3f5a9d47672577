package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
	"github.com/cloudfacts/ingest/nlp"
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

// TestLexiconFindReadsArticleWords holds find on the words of a published
// article to find's own walk of the string: on every sentence of real and
// generated articles, on parts of them cut anywhere (in a word, in a
// rune), and on a copy.
func TestLexiconFindReadsArticleWords(t *testing.T) {
	lexicons := []*lexicon{countLexicon, facilityLexicon, moneyCues, orgHeads, statusLexicon}
	texts := []string{
		strings.Repeat("Équinix’s new data centre in São Paulo opened; the région’s 3rd site is planned. ", 8),
		strings.Repeat("It plans to build two more data centers and will invest $1 billion, it said.\n", 6),
		// A cut inside "ø" leaves a stray byte, not a letter, before
		// "data centre": there the part's own walk finds the phrase.
		strings.Repeat("Its ødata centre and ødata centres opened. ", 3),
		// And a cut inside the "ø" after "region" ends the word there.
		strings.Repeat("A new regionø and a new campusø opened there. ", 3),
	}
	for i := range 40 {
		texts = append(texts, benchgen.Generate(3, i, false).Text)
	}
	dev, _ := filepath.Glob("../../shared/dev/articles/*.txt")
	for _, name := range dev {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	fast, parts := 0, 0
	for _, tt := range texts {
		text := string([]byte(tt)) // an allocation of its own
		slot := lowerArticle(text)
		if slot < 0 {
			continue
		}
		var ss []string
		for _, s := range nlp.Sentences(text) {
			ss = append(ss, s.Text)
		}
		step := 37
		if len(text) < 200 {
			step = 1
		}
		for i := 0; i < len(text); i += step {
			for _, n := range []int{1, 31, 32, 45, 120, 400} {
				if i+n <= len(text) {
					ss = append(ss, text[i:i+n])
				}
			}
		}
		for _, s := range ss {
			if _, _, ok := articleWords(s); ok {
				fast++
			}
			parts++
			for _, l := range lexicons {
				got := l.find(s)
				want := ownWithoutFind(slot, l, s)
				if !slices.Equal(got, want) {
					t.Fatalf("%s.find(%q):\n got %v\nwant %v", l.name, s, got, want)
				}
				if c := strings.Clone(s); !slices.Equal(l.find(c), want) {
					t.Fatalf("%s.find(copy of %q) differs", l.name, s)
				}
			}
		}
		releaseLowered(slot)
	}
	if fast < parts/2 {
		t.Errorf("only %d of %d parts read the article's words", fast, parts)
	}
}

func ownWithoutFind(slot int, l *lexicon, s string) []lexMatch {
	saved := lowSlots[slot].Swap(nil)
	defer lowSlots[slot].Store(saved)
	return l.find(s)
}
