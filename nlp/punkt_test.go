package nlp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// punktCases are lines that reach every branch of the segmenter's passes:
// abbreviations, initials, numbers, ellipses, quotes and brackets after a
// mark, collocations, "Yahoo!", hyphens, commas, non-ASCII words and a
// final rune of several bytes, which the library never reads.
var punktCases = []string{
	"",
	" ",
	".",
	". .",
	"..",
	"Acme Inc. opened a site in Ohio. It has 3 regions.",
	"The U.S. firm plans a region in Chile. Work starts soon.",
	"J. S. Bach wrote it. J. Smith agreed. A. The end.",
	"It rose 3.5% to $1,200.50. Then it fell... And then? Nothing! Done.",
	"He said “yes.” Then he left.",
	"He said \"yes.\" then he left. (It was late.) Then more.",
	"Yahoo! is a company. So is Google! and Yahoo! Japan.",
	"Wait . . . what? Really... no. Yes.... OK",
	"It is No. 1 in the U.K. and no. 2 in the E.U. Market share grew.",
	"Sept. 5, 2026. Jan. Feb. 3. Gen. Smith, Sen. Jones and Dr. Who met.",
	"The co-founder Inc.-style Co. Ltd. deal. Pte. Ltd. Bhd. end.",
	"1. First. 2. Second. 2026. The year. 1,000. Numbers, 3,5. Then.",
	"Ünïcödé wörds. Éclair. Über. naïve café. São Paulo.",
	"It ends in a quote.”",
	"It ends in an ellipsis…",
	"Mid-sentence e.g. this and i.e. that, etc. and so on. U.S.A. Next.",
	"A.B.C. D.E.F. Ghi. jkl. Mno.",
	"Question? answer. Exclaim! lower. (Bracket.) lower (bracket.) Upper.",
	"Tab\tseparated. Words\u00a0with nbsp. And\u2003em space.",
	"She works at Acme Corp.in Ohio. Then.",
	"Invalid \xff bytes. Here \xe2\x80 too. x\xff",
	"Ends with space. ",
	"It was ok.[1] Next one.(2) Then?[3] So!(4) Done.",
	"Mr. and Mrs. Smith. Prof. X. Rev. Y. St. Louis.",
	"WORDS IN CAPS. THE END. The end.",
	"word.'s, word.’ Word.” word.) Word",
}

// punktTexts are the lines TestPunktIsProse reads: the cases, the
// generated corpus, the shared dev articles when present and the corpus
// cases of the rules.
func punktTexts(t *testing.T) []string {
	t.Helper()
	lines := slices.Clone(punktCases)
	var texts []string
	for i := range 300 {
		texts = append(texts, benchgen.Generate(1, i, false).Text, benchgen.Generate(7, i, true).Text)
	}
	for _, glob := range []string{"../../shared/dev/articles/*.txt", "../../shared/articles/*.txt", "../extract/testdata/corpus/*.txt"} {
		names, _ := filepath.Glob(glob)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	for _, text := range texts {
		lines = append(lines, strings.Split(text, "\n")...)
		// Whole texts too: the segmenter reads line breaks as spaces.
		lines = append(lines, text)
	}
	return lines
}

func proseSpans(seg *segmenters, line string) [][2]int {
	var out [][2]int
	for _, s := range seg.prose.Segment(line) {
		out = append(out, [2]int{s.Start, s.End()})
	}
	return out
}

// TestPunktIsProse holds punkt to prose's segmenter, span for span.
func TestPunktIsProse(t *testing.T) {
	seg, err := segmenter()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range punktTexts(t) {
		want := proseSpans(seg, line)
		got := seg.punkt.segment(line, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", line, got, want)
		}
		n += len(want)
	}
	t.Logf("%d sentences", n)
	if n < 5000 {
		t.Errorf("only %d sentences compared", n)
	}
}

func FuzzPunktIsProse(f *testing.F) {
	for _, c := range punktCases {
		f.Add(c)
	}
	seg, err := segmenter()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		want := proseSpans(seg, line)
		if got := seg.punkt.segment(line, nil); !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", line, got, want)
		}
	})
}
