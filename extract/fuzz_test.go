package extract

import (
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that no text makes the extractor panic and that every
// fact's quote is the text at its offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Oracle opened its first cloud region in Chile in 2021.\nIt now operates two regions there.",
		"Physical Address\n304 North Cardinal St.\nOracle’s Executive Vice President said it has 50 regions.",
		"Amazon Web Services (AWS), Google and Microsoft will each invest 100 billion baht ($2.8 billion).",
		"After launching its first in 2018 and second in 2019, the company plans a third Indonesian data center.",
		"Zenlayer opened data centers in Lima, Peru; Bogotá, Colombia; and Quito, Ecuador.",
	} {
		f.Add(s)
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		for _, fact := range x.Extract(Document{Text: text}) {
			if fact.Start < 0 || fact.End > len(runes) || fact.Start > fact.End {
				t.Fatalf("offsets [%d,%d) outside text of %d runes", fact.Start, fact.End, len(runes))
			}
			if string(runes[fact.Start:fact.End]) != fact.Quote {
				t.Fatalf("quote %q is not at [%d,%d)", fact.Quote, fact.Start, fact.End)
			}
		}
	})
}
