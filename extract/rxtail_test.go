package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSpaceRuns(t *testing.T) {
	cases := []struct {
		expr string
		tail int // 0: no window
	}{
		{`\bfrom\s+$`, 1},
		{`(?i)\b(?:no|never)\s+(?:[\w-]+\s+)?$`, 2},
		{`\b(?:its|\w+(?:'s|’s))\s+(?:[\p{L}\w-]+\s+){0,2}$`, 3},
		{`(?:\bthe\s+(?:[A-Z][\w-]*\s+){0,3}|\bwider\s+)$`, 4},
		{`\bdata center\s+$`, 2},
		{`\s*\([^()]{1,20}\)\s*$`, 22}, // a bound: [^()] may be a space, so each of 20 may start a run, and ")" is counted apart
		{`x[^,;.]{1,60}$`, 61},
		{`\b\w+\s+\w+$`, 2},
		{`x\s*y$`, 2},
		{`xy\w*z$`, 1},
		{`(?:a|b c|d e f)$`, 3},
		{`^\s*x$`, 0},        // ^ looks before the window
		{`(?m)x$`, 0},        // (?m)$ need not end the text
		{`x.*$`, 0},          // unbounded
		{`(?:\w+\s+)*x$`, 0}, // unbounded
		{`x$|y`, 0},          // y need not end the text
		{`\s+$`, 0},          // no run at all: nothing to bound by
		{`(?:x$)`, 1},
	}
	for _, c := range cases {
		if got := mustRx(c.expr).tail; got != c.tail {
			t.Errorf("%s: tail %d, want %d", c.expr, got, c.tail)
		}
	}
}

func TestTailWindow(t *testing.T) {
	cases := []struct {
		s    string
		n    int
		want string
	}{
		{"xx a b c ", 2, "a b c "},
		{"xx a b c", 2, "a b c"},
		{"a b c ", 2, "a b c "},
		{"a b", 2, "a b"},
		{"", 1, ""},
		{"   ", 1, "   "},
		{"over été  one\ttwo\n", 2, "é  one\ttwo\n"},
		{"x\u00a0y z", 1, "y z"}, // a no-break space is no \s
	}
	for _, c := range cases {
		got, off := tailWindow(c.s, c.n)
		if got != c.want || c.s[off:] != got {
			t.Errorf("tailWindow(%q, %d) = %q at %d, want %q", c.s, c.n, got, off, c.want)
		}
	}
}

// TestRxTailIsRegexp holds the look-behinds' windows to Go's regexp on the
// whole text: every pattern with a window, on every prefix of real and
// random sentences (what the rules ask them about), answers alike in
// every method that uses the window.
func TestRxTailIsRegexp(t *testing.T) {
	var rxs []*rx
	var parts []string
	for _, r := range allRx {
		if r.tail == 0 {
			continue
		}
		rxs = append(rxs, r)
		re, err := syntax.Parse(r.re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range literals(re) {
			parts = append(parts, l+" ", strings.ToUpper(l)+" ", l)
		}
	}
	if len(rxs) < 20 {
		t.Fatalf("only %d patterns with a window", len(rxs))
	}
	parts = append(parts, "Acme ", "the ", "'s ", "’s ", "(AWS) ", "2026 ", "12th ", "new ", "\t", "  ", "x-", "é", "\u00a0", "\u212a", "\xff")
	texts := equivTexts(t, parts)
	n, windowed := 0, 0
	for j, s := range texts {
		if j%5 != 0 {
			continue // a fifth of them is enough and keeps the test short
		}
		for i := 0; i <= len(s); i++ {
			// The rules ask about the text before a word: prefixes that
			// end in a space, and a few others.
			if i < len(s) && (!utf8.RuneStart(s[i]) || s[max(i-1, 0)] != ' ' && i%29 != 0) {
				continue
			}
			sub := s[:i]
			for _, r := range rxs {
				want := r.re.FindStringSubmatchIndex(sub)
				if got := r.FindStringSubmatchIndex(sub); !slices.Equal(got, want) {
					t.Fatalf("%s on %q: FindStringSubmatchIndex %v, regexp says %v", r.re, sub, got, want)
				}
				if got := r.MatchString(sub); got != (want != nil) {
					t.Fatalf("%s on %q: MatchString %v, regexp says %v", r.re, sub, got, want != nil)
				}
				if got, want := r.FindStringIndex(sub), r.re.FindStringIndex(sub); !slices.Equal(got, want) {
					t.Fatalf("%s on %q: FindStringIndex %v, regexp says %v", r.re, sub, got, want)
				}
				if got, want := r.FindStringSubmatch(sub), r.re.FindStringSubmatch(sub); !slices.Equal(got, want) {
					t.Fatalf("%s on %q: FindStringSubmatch %q, regexp says %q", r.re, sub, got, want)
				}
				if want != nil {
					n++
				}
				if w, _ := tailWindow(sub, r.tail); len(w) < len(sub) {
					windowed++
				}
			}
		}
	}
	t.Logf("%d patterns, %d matches agree, %d texts cut to a window", len(rxs), n, windowed)
	if n < 10000 || windowed < 500000 {
		t.Fatalf("%d matches, %d windows: the test proves little", n, windowed)
	}
}

// literals lists the literal strings of a pattern, to build texts that
// match it.
func literals(re *syntax.Regexp) []string {
	if re.Op == syntax.OpLiteral {
		return []string{string(re.Rune)}
	}
	var out []string
	for _, sub := range re.Sub {
		out = append(out, literals(sub)...)
	}
	return out
}

// TestRxWordListFindAll holds the word lists that find their matches to
// the regexp's FindAll and Find, on real and random texts.
func TestRxWordListFindAll(t *testing.T) {
	cases := []struct {
		expr     string
		findable bool
	}{
		{`\b(there|the country|the city|the city council)\b`, true},
		{`(?i)\b(?:(?:later |earlier )?this year|next year|last year)\b`, true},
		{`\b(?:data center|data centers|data)\b`, true},
		{`\b(?:co-|-op|co)\b`, true},
		{`\b(a)(b)\b`, false},          // two captures
		{`\b(?:a|(b))\b`, false},       // a capture inside
		{`\b(?:foo\w*|bar)\b`, false},  // an open word
		{`^(?:foo|bar)\b`, false},      // ^
		{`\b(?:[Ii]ts|we)\b`, true},    // all case-sensitive once spelt out
		{`\b(?:(?i:its)|We)\b`, false}, // mixed
	}
	var rxs []*rx
	for _, c := range cases {
		r := mustRx(c.expr)
		if got := r.words != nil && r.words.findable; got != c.findable {
			t.Errorf("%s: findable %v, want %v", c.expr, got, c.findable)
		}
		rxs = append(rxs, r)
	}
	var parts []string
	for _, r := range allRx {
		if r.words == nil || !r.words.findable {
			continue
		}
		rxs = append(rxs, r)
		for _, b := range []*byFirstByte{&r.words.closed.exact, &r.words.closed.fold} {
			for _, g := range b.groups {
				for _, m := range g {
					parts = append(parts, m, strings.ToUpper(m), strings.ToTitle(m[:1])+m[1:], m+"s")
				}
			}
		}
	}
	parts = append(parts, "the city council", "data centers", "co-", "-op", "Its", "its", "\u212a", "\u017f", "é")
	n := 0
	for _, s := range equivTexts(t, parts) {
		for _, r := range rxs {
			for _, lim := range []int{-1, 1, 2} {
				want := r.re.FindAllStringSubmatchIndex(s, lim)
				if got := r.FindAllStringSubmatchIndex(s, lim); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("%s on %q: FindAllStringSubmatchIndex(%d) %v, regexp says %v", r.re, s, lim, got, want)
				}
				if got, want := r.FindAllStringIndex(s, lim), r.re.FindAllStringIndex(s, lim); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("%s on %q: FindAllStringIndex(%d) %v, regexp says %v", r.re, s, lim, got, want)
				}
				n += len(want)
			}
		}
	}
	t.Logf("%d patterns, %d matches agree", len(rxs), n)
	if n < 10000 {
		t.Fatalf("only %d matches: the test proves little", n)
	}
}

// TestHasCodeShape holds the site-code check to the shape it stands for.
func TestHasCodeShape(t *testing.T) {
	re := regexp.MustCompile(`[A-Z]{2}\d`)
	n := 0
	for _, s := range equivTexts(t, []string{"WA3", "SYD12", "Ab1", "AB", "1", "AWS "}) {
		want := re.MatchString(s)
		if got := hasCodeShape(s); got != want {
			t.Fatalf("hasCodeShape(%q) = %v, want %v", s, got, want)
		}
		if want {
			n++
		}
	}
	if n < 1000 {
		t.Fatalf("only %d texts with a code: the test proves little", n)
	}
}

// TestRxAnchorWindowsAreRegexp holds FindAll on the anchor windows to
// regexp's FindAll on the whole text, for every pattern with an anchor,
// on real and random texts.
func TestRxAnchorWindowsAreRegexp(t *testing.T) {
	var rxs []*rx
	var parts []string
	for _, r := range allRx {
		if r.anchor == nil {
			continue
		}
		rxs = append(rxs, r)
		re, err := syntax.Parse(r.re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range literals(re) {
			parts = append(parts, l+" ", strings.ToUpper(l)+" ", l)
		}
	}
	if len(rxs) < 20 {
		t.Fatalf("only %d patterns with an anchor", len(rxs))
	}
	parts = append(parts, "Acme ", "AWS ", "WA3 ", "the ", "'s ", "(AWS) ", "2026 ", "12 ", "new ", "\t", "  ", "x-", "é", "\u00a0", "\u212a", "\xff")
	n, windowed := 0, 0
	var texts []string
	for _, s := range equivTexts(t, parts) {
		texts = append(texts, s)
		for i := 1; i < len(s); i++ {
			if s[i-1] == ' ' && i%3 == 0 {
				texts = append(texts, s[i:], s[:i]) // the rules ask about the text after a word, and before it
			}
		}
	}
	for _, s := range texts {
		for _, r := range rxs {
			if !r.possible(s) {
				continue
			}
			if _, ok := r.findAllWindowed(s, -1, true); ok {
				windowed++
			}
			for _, lim := range []int{-1, 1} {
				want := r.re.FindAllStringSubmatchIndex(s, lim)
				if got := r.FindAllStringSubmatchIndex(s, lim); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("%s on %q: FindAllStringSubmatchIndex(%d) %v, regexp says %v", r.re, s, lim, got, want)
				}
				if got, want := r.FindAllStringIndex(s, lim), r.re.FindAllStringIndex(s, lim); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("%s on %q: FindAllStringIndex(%d) %v, regexp says %v", r.re, s, lim, got, want)
				}
				n += len(want)
			}
			want := r.re.FindStringSubmatchIndex(s)
			if got := r.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: FindStringSubmatchIndex %v, regexp says %v", r.re, s, got, want)
			}
			if got, want := r.FindStringIndex(s), r.re.FindStringIndex(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: FindStringIndex %v, regexp says %v", r.re, s, got, want)
			}
			if got := r.MatchString(s); got != (want != nil) {
				t.Fatalf("%s on %q: MatchString %v, regexp says %v", r.re, s, got, want != nil)
			}
		}
	}
	t.Logf("%d patterns, %d matches agree, %d texts read in windows", len(rxs), n, windowed)
	if n < 10000 || windowed < 20000 {
		t.Fatalf("%d matches, %d windowed texts: the test proves little", n, windowed)
	}
}

func TestEndLits(t *testing.T) {
	cases := []struct {
		expr string
		want []string // "~" marks a case-insensitive one; nil: not known
	}{
		{`\bfrom\s+$`, []string{"from"}},
		{`(?i)\bin\s+(?:the\s+)?$`, []string{"the~", "in~"}},
		{`\b(?:with|and) $`, []string{"with", "and"}},
		{`(?:\bthe\s+(?:[A-Z][\w-]*\s+){0,3}|\bwider\s+)$`, nil}, // a class ends some matches
		{`x\s*$`, []string{"x"}},
		{`(?:a|b)*$`, nil}, // may be empty
		{`\s+$`, nil},
		{`(?i)café$`, nil},
	}
	for _, c := range cases {
		var got []string
		for _, f := range mustRx(c.expr).ends {
			if f.fold {
				got = append(got, f.s+"~")
			} else {
				got = append(got, f.s)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: ends %q, want %q", c.expr, got, c.want)
		}
	}
	exact, fold := factor{s: "from"}, factor{s: "from", fold: true}
	for _, c := range []struct {
		s    string
		f    factor
		want bool
	}{
		{"came from \t", exact, true}, {"came From ", exact, false}, {"came From ", fold, true},
		{"FROM", fold, true}, {"x fro", fold, false}, {"xfrom", exact, true}, {"from x", exact, false},
	} {
		if got := endsWithOne(c.s, []factor{c.f}); got != c.want {
			t.Errorf("endsWithOne(%q, %v) = %v, want %v", c.s, c.f, got, c.want)
		}
	}
	if !endsWithOne("outside the Mar\u212a", []factor{{s: "mark", fold: true}}) {
		t.Error("the Kelvin sign is turned away")
	}
}
