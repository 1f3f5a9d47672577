package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/internal/benchgen"
	"github.com/cloudfacts/ingest/nlp"
)

// Some patterns are asked of every sentence and match in most of them, so
// a literal prefilter (rx) cannot spare them; they have hand-written
// matchers instead. These tests hold each matcher to its pattern, on real
// sentences and on random strings built from the pattern's own words.

// equivTexts are the sentences of the generated corpus, the test corpus
// and, when present, the shared dev articles, plus random mixes of parts.
func equivTexts(t *testing.T, parts []string) []string {
	t.Helper()
	var texts []string
	for i := range 40 {
		for _, s := range nlp.Sentences(benchgen.Generate(1, i, false).Text) {
			texts = append(texts, s.Text)
		}
	}
	files, _ := filepath.Glob("testdata/corpus/*.txt")
	dev, _ := filepath.Glob("../../shared/dev/articles/*.txt")
	for _, name := range append(files, dev...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range nlp.Sentences(string(b)) {
			texts = append(texts, strings.TrimPrefix(s.Text, "text: "))
		}
	}
	parts = append(parts, " ", " ", " ", ", ", ".", "-", "_", "é", "x", "9", "\n")
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 1 + rnd.IntN(10) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestFindAnaphorsIsRegexp(t *testing.T) {
	parts := []string{"it", "It", "its", "Its", "itself", "we", "We", "were", "our", "Our", "ours", "the ", "The ", "the", "he ",
		"Chinese ", "cloud ", "US ", "City, ", "x,", ", ", "e-tailer", "big-box ", "co ", "company", "companies", "firm", "group", "unit", "arm", "arms", "subsidiary", "offshoot", "giant", "x_"}
	n := 0
	for _, s := range equivTexts(t, parts) {
		var want []span
		for _, m := range reAnaphor.re.FindAllStringIndex(s, -1) {
			want = append(want, span{m[0], m[1]})
		}
		n += len(want)
		if got := findAnaphors(s); !slices.Equal(got, want) {
			t.Fatalf("findAnaphors(%q) = %v, want %v", s, got, want)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d matches: the test proves little", n)
	}
}

func TestCountFieldsAndTitleCaseAreFields(t *testing.T) {
	titleCaseFields := func(s string) bool { // titleCase as first written, on strings.Fields
		words, upper := 0, 0
		for _, f := range strings.Fields(s) {
			r, _ := utf8.DecodeRuneInString(f)
			if !unicode.IsLetter(r) {
				continue
			}
			words++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		return words >= 4 && upper*10 >= words*8
	}
	parts := []string{"Data ", "Centre ", "Opens ", "in ", "Lima", " ", "\t", "\u00a0", "\u0085", "\u2003", "É", "é", "1", "\xff", "(A)"}
	for _, s := range equivTexts(t, parts) {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Fatalf("countFields(%q) = %d, want %d", s, got, want)
		}
		if got, want := titleCase(s), titleCaseFields(s); got != want {
			t.Fatalf("titleCase(%q) = %v, want %v", s, got, want)
		}
	}
}
