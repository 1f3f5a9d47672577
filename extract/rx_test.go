package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cloudfacts/ingest/internal/benchgen"
	"github.com/cloudfacts/ingest/nlp"
)

func TestRxPrefilter(t *testing.T) {
	cases := []struct {
		expr string
		want [][]string // "~" marks a case-insensitive factor, [...] a class
	}{
		{`\bfrom\s+$`, [][]string{{"from"}}},
		{`(?i)\bwith\s+$`, [][]string{{"with~"}}},
		{`\b(?:[Ii]ts?|[Ww]e)\b`, [][]string{{"it~", "we~"}}}, // the parser folds [Ii]; "its" contains "it"
		{`(?i)\bdata ?cent(?:er|re)\b`, [][]string{{"data~"}, {"data center~", "data centre~", "datacenter~", "datacentre~"}}},
		{`\bof (?:which|them) (?:are|is)\s+(?:located |based )?in\b`, [][]string{{"of "}, {"in"}, {"of which are", "of which is", "of them are", "of them is"}}},
		{`^\s*(?:[\w-]+\s+)?$`, nil},
		{`(?i)\b(?:no|never)\s+(?:[\w-]+\s+)?$`, [][]string{{"no~", "never~"}}},
		{`a*b?`, nil},
		{`(?i)café`, nil}, // non-ASCII folding is not ASCII lower-casing
		{`(?i)\b(?:not|n’t)\s+$`, [][]string{{"not~", "n’t~"}}}, // ’ has no other case
		{`\b(?:opens|adds)\s+([A-Z]{2,3}\d{1,2})\b`, [][]string{{"[0123456789]"}, {"[ABCDEFGHIJKLMNOPQRSTUVWXYZ]"}, {"adds", "opens"}}},
		{`[^)]+\s+\w+`, nil}, // wide, non-ASCII or space classes say nothing
	}
	for _, c := range cases {
		r := mustRx(c.expr)
		var got [][]string
		for _, set := range r.need {
			var ss []string
			for _, f := range set {
				if f.class {
					ss = append(ss, "["+f.s+"]")
				} else if f.fold {
					ss = append(ss, f.s+"~")
				} else {
					ss = append(ss, f.s)
				}
			}
			slices.Sort(ss)
			got = append(got, ss)
		}
		for _, set := range c.want {
			slices.Sort(set)
		}
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%s: prefilter %q, want %q", c.expr, got, c.want)
		}
	}
}

// TestRxFoldsToASCII proves the premise of the case-insensitive factors:
// the only non-ASCII letters that fold to ASCII ones are the Kelvin sign
// and the long s, which possible() lets through to the regexp.
func TestRxFoldsToASCII(t *testing.T) {
	for c := 'A'; c <= 'z'; c++ {
		if !unicode.IsLetter(c) {
			continue
		}
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			if f > unicode.MaxASCII && !foldsToASCII(string(f)) {
				t.Errorf("%q folds to %q, which possible() does not let through", c, f)
			}
		}
	}
}

// TestRxSound checks, on real sentences and on random strings built from
// the patterns' own literals, that the prefilter never rejects a text the
// regexp matches: rx must answer exactly as regexp does.
func TestRxSound(t *testing.T) {
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
	// Random texts from the literals themselves, with case changes and
	// the two non-ASCII folds, so that matches are frequent.
	var parts []string
	for _, r := range allRx {
		for _, set := range r.need {
			for _, f := range set {
				parts = append(parts, f.s, strings.ToUpper(f.s), strings.ToTitle(f.s[:1])+f.s[1:])
			}
		}
	}
	parts = append(parts, " ", " ", " ", ", ", ".", "(", ")", "'s", "2026", "12", "Acme", "data", "\u212a", "\u017f", "-", "\n")
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 4000 {
		var b strings.Builder
		for range 1 + rnd.IntN(8) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	checked, rejected := 0, 0
	for _, s := range texts {
		// The rules also ask about the text after and before a mention.
		subs := []string{s}
		for i := 0; i < len(s); i++ {
			if s[i] == ' ' && i%6 == 0 {
				subs = append(subs, s[i:], window(s, i, 40))
			}
		}
		for _, sub := range subs {
			for _, r := range allRx {
				checked++
				if r.possible(sub) {
					continue
				}
				rejected++
				if r.re.MatchString(sub) {
					t.Fatalf("prefilter of %s rejects %q, which matches", r.re, sub)
				}
			}
		}
	}
	t.Logf("%d checks, %d rejected by the prefilter", checked, rejected)
}

// TestRxWordList holds the word-list matcher to the regexp it stands for,
// on the patterns that have one and on real and random texts.
func TestRxWordList(t *testing.T) {
	cases := []struct {
		expr  string
		words bool
	}{
		{`(?i)\b(?:cloud|AI|data[ -]?cent(?:er|re)s?|hyperscal\w*|tech(?:nology)?|IT)\b`, true},
		{`\b(?:foo-\w*|-bar|baz-)\b`, true},
		{`\b[Nn]ext (?:year|month)\b`, true},
		{`\b(?:a|b)+\b`, false},
		{`\bfoo\w+\b`, false},
		{`\b(?:foo\w*)?\b`, false},
		{`\bfrom\s+$`, false},
		{`\b(?:[Ii]ts?|[Ww]e)\b`, true}, // "IT" is no match: only the first letter folds
		{`\b(?i:abcde)fgh\b`, false},    // 32 spellings of abcde
		{`\b(?i:[ab]c)[Dd]E\b`, true},
		{`(?i)\bcafé\b`, false},
		{`^(?:The|A|An|It|Its)\b`, true},
		{`^(?:said|says|told)$`, true},
		{`(?i)^(?:foo\w*|-bar)$`, true},
		{`\b(?:x|y-)$`, true},
		{`(?m)^(?:x|y)\b`, false},
	}
	var rxs []*rx
	for _, c := range cases {
		r := mustRx(c.expr)
		if (r.words != nil) != c.words {
			t.Errorf("%s: word list %v, want %v", c.expr, r.words != nil, c.words)
		}
		rxs = append(rxs, r)
	}
	var parts []string
	for _, r := range allRx {
		if r.words == nil {
			continue
		}
		rxs = append(rxs, r)
		for _, set := range []*setScan{&r.words.closed, &r.words.open} {
			for _, b := range []*byFirstByte{&set.exact, &set.fold} {
				for _, g := range b.groups {
					for _, m := range g {
						parts = append(parts, m, strings.ToUpper(m), strings.ToTitle(m[:1])+m[1:])
					}
				}
			}
		}
	}
	parts = append(parts, "foo-", "-bar", "baz-", "Next ", "year", "month", "_", "9", "x", "\u212a", "\u017f", "é", "The", "An", "Its", "said", "told", "y-")
	t.Logf("%d patterns with word lists", len(rxs)-len(cases))
	n := 0
	for _, s := range equivTexts(t, parts) {
		subs := []string{s}
		for i := 0; i < len(s); i++ {
			if i%29 == 3 {
				subs = append(subs, s[i:], s[:i])
			}
		}
		for _, sub := range subs {
			for _, r := range rxs {
				got, want := r.MatchString(sub), r.re.MatchString(sub)
				if got != want {
					t.Fatalf("%s on %q: %v, regexp says %v", r.re, sub, got, want)
				}
				if want {
					n++
				}
			}
		}
	}
	t.Logf("%d matches agree", n)
}

// TestLowerInto checks the eight-bytes-at-a-time lower-casing against
// asciiLower on every byte value at every position of a word, and on
// texts longer than the buffer.
func TestLowerInto(t *testing.T) {
	var texts []string
	for c := range 256 {
		for at := range 9 {
			b := []byte("xYzAb@[`{ 09azAZ")[:at+1]
			b[at] = byte(c)
			texts = append(texts, string(b)+"Hello WORLD")
		}
	}
	texts = append(texts, strings.Repeat("Data Center ÄÖ ", 50), "K\u212a", "s\u017f", "")
	for _, s := range texts {
		var buf [512]byte
		got, special := lowerInto(&buf, s)
		if want := asciiLower(s); got != want {
			t.Fatalf("lowerInto(%q) = %q, want %q", s, got, want)
		}
		if want := foldsToASCII(s); special != want {
			t.Fatalf("lowerInto(%q) special %v, want %v", s, special, want)
		}
	}
}
