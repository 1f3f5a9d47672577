package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Organisation kinds in the provider gazetteer.
const (
	orgProvider = "provider" // builds or runs cloud, AI or data-center capacity
	orgAnalyst  = "analyst"  // market research: its figures are market-wide
	orgOther    = "other"    // any other named organisation
)

//go:embed data/providers.tsv
var providersTSV string

// orgMention is an organisation named in a sentence.
type orgMention struct {
	start, end int    // byte offsets in the sentence
	name       string // canonical name
	kind       string
	local      bool // learnt from this article, not from the gazetteer
}

// orgGazetteer finds known organisations by their aliases.
type orgGazetteer struct {
	lex   *lexicon
	alias map[string]org // alias -> organisation
}

type org struct{ name, kind string }

func loadOrgs(tsv string) (*orgGazetteer, error) {
	g := &orgGazetteer{alias: map[string]org{}}
	var aliases []string
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("providers.tsv:%d: want 3 tab-separated fields, got %d", n+1, len(f))
		}
		o := org{name: f[0], kind: f[1]}
		switch o.kind {
		case orgProvider, orgAnalyst, orgOther:
		default:
			return nil, fmt.Errorf("providers.tsv:%d: unknown kind %q", n+1, o.kind)
		}
		for _, a := range strings.Split(f[2], "|") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			if _, dup := g.alias[a]; dup {
				return nil, fmt.Errorf("providers.tsv:%d: alias %q listed twice", n+1, a)
			}
			g.alias[a] = o
			aliases = append(aliases, a)
		}
	}
	// Aliases are matched case-sensitively, longest first at each word
	// start, through the same first-word index as the lexicons: one pass
	// over the sentence whatever the number of aliases.
	var b strings.Builder
	for _, a := range aliases {
		b.WriteString("[" + a + "]\n=" + a + "\n")
	}
	lex, err := parseLexicon("providers", b.String())
	if err != nil {
		return nil, err
	}
	g.lex = lex
	return g, nil
}

// find returns the organisations named in s, left to right.
func (g *orgGazetteer) find(s string) []orgMention {
	var out []orgMention
	for _, m := range g.lex.find(s) {
		o := g.alias[m.tag]
		out = append(out, orgMention{start: m.start, end: m.end, name: o.name, kind: o.kind})
	}
	return out
}

// wordBoundary reports whether s[start:end] is a whole word: no letter or
// digit touches it on either side ("OVH" is not inside "OVHcloud", "Meta" not
// inside "Metaverse"). A possessive "'s" after it is fine.
func wordBoundary(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
