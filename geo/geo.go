// Package geo finds the places named in an English news sentence and maps
// each to an ISO 3166-1 alpha-2 country.
//
// It is a gazetteer, not a tagger: a place is found only if its name is in
// the curated data (data/*.tsv on top of the ISO list from
// github.com/biter777/countries) or in data/geonames.tsv, generated from
// GeoNames (CC BY 4.0) by internal/gen: cities of 15,000 people or more and
// first-level subdivisions, less ordinary words, first names, company names
// and ambiguous names (see that file's header). The curated data wins.
// Generated names marked context-only ("Lancaster", "Mobile") count only
// when a comma joins them to a place of their country. Matching is case-sensitive ("US" is a
// place, "us" is not), ignores accents ("Querétaro" = "Queretaro") and the
// kind of apostrophe, and picks the longest name at each position ("Mexico
// City" is a city, "Papua New Guinea" is not Guinea, "Indian Ocean" is not
// India). Names that are also first names or ordinary words are listed,
// with the rule applied to them, in ambiguous.go.
//
// A leading article is never part of a mention's span: in "the
// Netherlands" the mention is "Netherlands". Cities whose name starts with
// "The" ("The Hague") keep it.
//
// Hong Kong and Macau are reported as cities (KindCity) of their own codes
// HK and MO, the way news lists them among cities; Singapore is a country.
package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/biter777/countries"
)

// Kind says what sort of name a Mention is.
type Kind int

const (
	KindCountry Kind = iota + 1 // a country or territory: "Mexico", "UAE"
	KindDemonym                 // a country adjective: "Mexican", "South Korean"
	KindCity                    // a city or sub-national area: "Querétaro", "Bavaria"
)

func (k Kind) String() string {
	switch k {
	case KindCountry:
		return "country"
	case KindDemonym:
		return "demonym"
	case KindCity:
		return "city"
	}
	return "unknown"
}

// Mention is one place name found in a string.
type Mention struct {
	Start, End int    // byte offsets in the input string
	Text       string // the matched surface text, as written
	Country    string // ISO 3166-1 alpha-2, upper case
	City       string // for KindCity: Text; "" otherwise
	Kind       Kind
}

// match is a Mention before its ambiguity is resolved.
type match struct {
	first, end int   // token range [first, end)
	ent        int32 // in g.places.ents
}

// Load builds the gazetteer now rather than on first use, so that the first
// articles of a run (and the workers waiting on them) do not pay for it.
func Load() { load() }

// Find returns all non-overlapping place mentions in s, left to right.
func Find(s string) []Mention {
	g := load()
	var buf [64]token
	toks := tokenize(s, buf[:0])

	var ms []match
	for i := 0; i < len(toks); {
		end, ent := g.longest(toks, i)
		if ent < 0 {
			i++
			continue
		}
		if g.places.ents[ent].stop {
			i = end
			continue
		}
		first := i
		if g.places.ents[ent].articleOut {
			first++
		}
		if !g.accept(s, toks, first, end, ent) {
			i++
			continue
		}
		ms = append(ms, match{first, end, ent})
		i = end
	}
	if len(ms) == 0 {
		return nil
	}

	out := make([]Mention, 0, len(ms))
	for k, m := range ms {
		t, ok := g.resolve(toks, ms, k)
		if !ok {
			continue
		}
		start, end := toks[m.first].start, toks[m.end-1].end
		mt := Mention{Start: start, End: end, Text: s[start:end], Country: t.country, Kind: t.kind}
		if t.kind == KindCity {
			mt.City = mt.Text
		}
		out = append(out, mt)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// longest walks the trie from token i and returns the end of the longest
// phrase found there and its entry, -1 when there is none.
func (g *gazetteer) longest(toks []token, i int) (int, int32) {
	key := toks[i].key
	if key == "The" {
		key = "the"
	}
	p := &g.places
	n := p.child(0, key)
	best := int32(-1)
	bestEnd := 0
	for j := i + 1; n != 0; j++ {
		if e := p.entry(n); e >= 0 {
			best, bestEnd = e, j
		}
		if j == len(toks) || toks[j].breakBefore {
			break
		}
		n = p.child(n, toks[j].key)
	}
	return bestEnd, best
}

// accept applies the guards of ambiguous.go and the currency rule.
func (g *gazetteer) accept(s string, toks []token, first, end int, e int32) bool {
	ent := &g.places.ents[e]
	if e := toks[end-1].end; e < len(s) && s[e] == '$' {
		return false // "US$5", "HK$"
	}
	next := -1
	if end < len(toks) && !toks[end].breakBefore {
		next = end
	}
	if next >= 0 && toks[next].word && currencyWords[strings.ToLower(toks[next].key)] {
		return false
	}
	if ent.guard&guardSentenceStart != 0 && sentenceStart(toks, first) {
		return false
	}
	if ent.guard&guardFirstName != 0 && next >= 0 && toks[next].word &&
		startsUpper(toks[next].key) && !titleFunctionWords[toks[next].key] &&
		!g.startsPlace(toks, next) {
		return false
	}
	// A generated name followed by a capitalised word is the head of a
	// longer name the gazetteer lacks ("Waltham Cross", "Kent Street"),
	// except in a headline, where every word is capitalised.
	if ent.generated && next >= 0 && toks[next].word && isTitleCase(toks[next].key) &&
		!titleFunctionWords[toks[next].key] && !g.startsPlace(toks, next) && !titleCaseLine(toks) {
		return false
	}
	if ent.guard&guardSurname != 0 && !sentenceStart(toks, first) {
		p := toks[first-1]
		if p.word && isTitleCase(p.key) && !titleFunctionWords[p.key] &&
			!sentenceStart(toks, first-1) && !g.isPlaceWord(p.key) {
			return false
		}
	}
	return true
}

// startsPlace reports whether a name that is a place on its own starts at
// token i: "Georgia, Atlanta" yes; "Smith" (only the start of "Smith
// Falls"-like names) or a context-only name no.
func (g *gazetteer) startsPlace(toks []token, i int) bool {
	_, e := g.longest(toks, i)
	return e >= 0 && !g.places.ents[e].stop && !g.places.ents[e].context
}

// isPlaceWord reports whether the single word w is a place name on its
// own.
func (g *gazetteer) isPlaceWord(w string) bool {
	n := g.places.child(0, w)
	if n == 0 {
		return false
	}
	e := g.places.entry(n)
	return e >= 0 && !g.places.ents[e].stop && !g.places.ents[e].context
}

// resolve picks the target of ms[k]: its default, unless the mention is
// joined by a comma to a neighbouring mention in one of its other
// countries ("Tbilisi, Georgia", "Dublin, Ohio"). A generated name that
// needs that context ("Lancaster, Pennsylvania", "Mobile, Alabama") has no
// default: without such a neighbour it is not a mention (ok is false).
func (g *gazetteer) resolve(toks []token, ms []match, k int) (t target, ok bool) {
	p := &g.places
	ts := p.targets(ms[k].ent)
	context := p.ents[ms[k].ent].context
	if len(ts) == 1 && !context {
		return p.target(ts[0]), true
	}
	neighbour := func(j int) (uint8, bool) {
		if j < 0 || j >= len(ms) || len(p.targets(ms[j].ent)) != 1 {
			return 0, false
		}
		return p.targets(ms[j].ent)[0].code, true
	}
	comma := func(i int) bool { return i >= 0 && i < len(toks) && toks[i].key == "," }
	if k+1 < len(ms) && ms[k+1].first == ms[k].end+1 && comma(ms[k].end) {
		if c, ok := neighbour(k + 1); ok {
			for _, t := range ts {
				if t.code == c {
					return p.target(t), true
				}
			}
		}
	}
	if k > 0 && ms[k-1].end == ms[k].first-1 && comma(ms[k].first-1) {
		if c, ok := neighbour(k - 1); ok {
			for _, t := range ts {
				if t.code == c {
					return p.target(t), true
				}
			}
		}
	}
	if context {
		return target{}, false
	}
	// "data centers in New Albany, Hilliard and Dublin ... in Ohio": when
	// every other place the sentence names lies in one of the mention's
	// other countries, the mention is there too. "Dublin and Amsterdam"
	// keeps the default. (A name that needs context still needs its
	// comma: "The Caledonia site lies north of Mount Pleasant".)
	var only uint8
	others := false
	for j := range ms {
		if j == k || based(toks, ms[j].end) {
			// ("the US-based operator ... in Dublin": where a company
			// is based says nothing of where its sites are.)
			continue
		}
		c, ok := neighbour(j)
		if !ok {
			continue
		}
		if others && c != only {
			others = false
			only = 0
			break
		}
		only, others = c, true
	}
	if others {
		for _, t := range ts {
			if t.code == only {
				return p.target(t), true
			}
		}
	}
	return p.target(ts[0]), true
}

// based reports "-based" right after the mention ending at token i.
func based(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i].key == "-" && strings.EqualFold(toks[i+1].key, "based")
}

// titleCaseLine reports whether most words of toks are capitalised, as
// in a headline ("Google Opens Data Centre In Essex Next Year").
func titleCaseLine(toks []token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if !t.word {
			continue
		}
		words++
		if startsUpper(t.key) {
			upper++
		}
	}
	return upper*4 >= words*3
}

// sentenceStart reports whether token i opens a sentence, a line or a
// quotation, where any word is capitalised.
func sentenceStart(toks []token, i int) bool {
	if i == 0 || toks[i].breakBefore {
		return true
	}
	switch toks[i-1].key {
	case ".", "!", "?", ":", "\"", "\u201c", "(", "[", "\u2022":
		return true
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isTitleCase is "Michael", not "AWS" or "iPhone".
func isTitleCase(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || size == len(w) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(w[size:])
	return unicode.IsLower(r2)
}

// CountryCode maps a country name, alias or ISO code to its alpha-2 code:
// "the Netherlands", "UAE", "South Korea", "Türkiye", "Czechia", "KOR".
// Case and accents do not matter, except that abbreviations and codes of
// up to three letters must be upper case ("us" is not a country). Cities
// and demonyms are not countries.
func CountryCode(name string) (string, bool) {
	g := load()
	if isAbbrev(name) {
		c, ok := g.abbrevs[nameKey(name, false)]
		return c, ok
	}
	k := nameKey(name, true)
	if k == "" {
		return "", false
	}
	if c, ok := g.names[k]; ok {
		return c, true
	}
	// ISO-style inverted names: "Korea, Republic of", "Iran, Islamic
	// Republic of", "Virgin Islands, British".
	if i := strings.Index(k, ", "); i > 0 {
		if c, ok := g.names[nameKey(k[i+2:]+" "+k[:i], true)]; ok {
			return c, true
		}
		if c, ok := g.names[k[:i]]; ok {
			return c, true
		}
	}
	// The library also knows codes, which must not match in lower case.
	if len(k) <= 3 {
		return "", false
	}
	if c := countries.ByName(name); c.IsValid() && !withdrawn[c.Alpha2()] {
		return c.Alpha2(), true
	}
	return "", false
}

// CountryName returns the common English name of an alpha-2 code ("MX" ->
// "Mexico", "KR" -> "South Korea"), or "" for an unknown code.
func CountryName(code string) string {
	return load().display[strings.ToUpper(code)]
}
