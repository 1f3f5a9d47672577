package nlp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

func TestSentencesKeepNewsAbbreviations(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Inc.", "Acme Inc. opened a site in Ohio. It has 3 regions.",
			[]string{"Acme Inc. opened a site in Ohio.", "It has 3 regions."}},
		{"Corp.", "Initech Corp. said it would build two data centers. Shares rose.",
			[]string{"Initech Corp. said it would build two data centers.", "Shares rose."}},
		{"Ltd.", "Globex Holdings Ltd. launched four new facilities in Asia.",
			[]string{"Globex Holdings Ltd. launched four new facilities in Asia."}},
		{"U.S.", "The U.S. firm plans a region in Chile. Work starts soon.",
			[]string{"The U.S. firm plans a region in Chile.", "Work starts soon."}},
		{"approx.", "The campus will cost approx. $2 billion. Power is scarce.",
			[]string{"The campus will cost approx. $2 billion.", "Power is scarce."}},
		{"No.", "It is the No. 2 provider in Brazil. Rivals lag.",
			[]string{"It is the No. 2 provider in Brazil.", "Rivals lag."}},
		{"St.", "The office on Main St. opened in May. Staff moved in.",
			[]string{"The office on Main St. opened in May.", "Staff moved in."}},
		{"headline line", "Vendor opens region in Spain\nThe vendor said on Monday it opened a region.",
			[]string{"Vendor opens region in Spain", "The vendor said on Monday it opened a region."}},
		{"blank lines", "\n\nFirst line here.\n\n\nSecond line here.\n",
			[]string{"First line here.", "Second line here."}},
		{"question", "Why now? Demand for AI grew.",
			[]string{"Why now?", "Demand for AI grew."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.text)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("offsets [%d,%d) give %q, want %q", s.Start, s.End, tt.text[s.Start:s.End], s.Text)
				}
			}
			if strings.Join(texts, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q\nwant %q", texts, tt.want)
			}
		})
	}
}

func TestTagGivesOffsetsAndTags(t *testing.T) {
	s := "Zenlayer opened a data center in Lima."
	toks := Tag(s)
	if len(toks) < 7 {
		t.Fatalf("got %d tokens", len(toks))
	}
	for _, tk := range toks {
		if s[tk.Start:tk.End()] != tk.Text {
			t.Errorf("token %q at %d does not match text", tk.Text, tk.Start)
		}
		if tk.Tag == "" {
			t.Errorf("token %q has no tag", tk.Text)
		}
	}
	if toks[0].Tag != "NNP" {
		t.Errorf("first token tag = %s, want NNP", toks[0].Tag)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Acme Inc. opened a site.\nNext line. Another one?")
	f.Add("U.S. é – ’ \n\n x")
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range Sentences(text) {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("bad sentence %+v", s)
			}
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	text := strings.Repeat("Acme Inc. opened its third data center in Ohio, the company said. It plans two more regions in 2026.\n", 50)
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sentences(text)
	}
}

// TestTaggedIsTag checks that tagging on demand, in whatever order the
// tokens are asked for, gives Tag's tokens and tags exactly.
func TestTaggedIsTag(t *testing.T) {
	texts := []string{
		"",
		"Zenlayer opened a data center in Lima.",
		"Hi",
		"  Leading  spaces,\tand tabs\u00a0and non-breaking spaces don't split “quoted” words (NYSE: ACME).",
		"It’s Microsoft’s third region in the U.S., the company said on Tuesday, after it'll open 2 more in 2027!",
		"Traces *-1 and *T*-2 and 0 stay, -LRB- brackets -RRB- too - as do :-) and xD from @acme (¬_¬) ÉTÉ naïve 1,200 -5 +123 2026.",
	}
	for i := range 100 {
		for _, s := range Sentences(benchgen.Generate(1, i, false).Text) {
			texts = append(texts, s.Text)
		}
	}
	dev, _ := filepath.Glob("../../shared/dev/articles/*.txt")
	for _, name := range dev {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range Sentences(string(b)) {
			texts = append(texts, s.Text)
		}
	}
	for i := range 60 {
		texts = append(texts, strings.Repeat("Acme Inc. opened its third data center in Ohio, the company said, and it plans two more regions in 2026. ", i%7+1)[i%5:])
	}
	for _, s := range texts {
		want := Tag(s)
		for _, order := range [][]int{{0, 1, 2, 100}, {5, 0, 40}, {1000}, {3, 1, 7, 2, 15}} {
			tg := NewTagged(s)
			if tg.Has(order[0]) != (order[0] < len(want)) {
				t.Fatalf("%q: Has(%d) wrong with %d tokens", s, order[0], len(want))
			}
			for _, i := range order {
				tok, ok := tg.Token(i)
				if ok != (i < len(want)) || ok && tok != want[i] {
					t.Fatalf("%q: token %d = %+v %v, want %v", s, i, tok, ok, want[min(i, len(want)-1):])
				}
			}
			for i := range len(want) + 1 {
				tok, ok := tg.Token(i)
				if ok != (i < len(want)) || ok && tok != want[i] {
					t.Fatalf("%q: token %d = %+v %v, want %+v", s, i, tok, ok, want[min(i, len(want)-1)])
				}
			}
			// The next NewTagged reuses this one, with what this
			// sentence left in it.
			tg.Release()
		}
	}
}

func TestKnown(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"building", true},
		{"Construction", true}, // any case
		{"Developers", true},
		{"Iozera", false},
		{"Zentrova", false},
	} {
		if got := Known(tc.word); got != tc.want {
			t.Errorf("Known(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}
