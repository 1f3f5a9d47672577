package extract

import (
	"strings"
	"unicode"
)

// Press releases list new sites one per line after an announcement:
//
//	Oracle today announced plans to open five new cloud regions:
//	- Casablanca, Morocco
//	- Santiago, Chile (second region)
//
// Each item is a site of the announced kind, status and provider, quoted
// by its own line.

// listIntro is what a sentence ending in a colon announces.
type listIntro struct {
	names    []string
	facility string
	status   string
	conf     float64
}

// listIntroOf reads a sentence that ends with a colon and announces sites
// without naming where: a facility word, a status and a provider.
func listIntroOf(a *sentence, d *discourse) *listIntro {
	t := strings.TrimSpace(a.text)
	if !strings.HasSuffix(t, ":") {
		return nil
	}
	for _, f := range a.facs {
		if f.weak || f.negated {
			continue
		}
		status, _ := statusAt(a, 0, f.start)
		if status == "" {
			return nil // "is considering sites in:"
		}
		r := d.resolveOwner(a, f.start)
		if r.block || len(r.names) == 0 {
			return nil
		}
		return &listIntro{names: r.names, facility: f.kind, status: status, conf: r.conf}
	}
	return nil
}

// isListItem reports a bulleted or numbered line: "- Lagos, Nigeria",
// "• Warsaw", "3. Santiago, Chile".
func isListItem(s string) bool {
	t := strings.TrimSpace(s)
	for _, b := range []string{"-", "•", "*", "–", "—", "·", "▪"} {
		if strings.HasPrefix(t, b) {
			return true
		}
	}
	i := 0
	for i < len(t) && i < 3 && unicode.IsDigit(rune(t[i])) {
		i++
	}
	return i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')')
}

// isListMarker reports a sentence that is only a list numeral: "1.".
func isListMarker(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) < 2 || len(t) > 4 || (t[len(t)-1] != '.' && t[len(t)-1] != ')') {
		return false
	}
	for _, r := range t[:len(t)-1] {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// listItemFacts gives one fact per country an item names, with the
// ordinal the item states ("(second region)") and its year.
func listItemFacts(a *sentence, d *discourse) []Fact {
	l := d.list
	var out []Fact
	seen := map[string]bool{}
	for _, p := range a.places {
		if p.country == "" || p.demonym || p.negated || p.ref || seen[p.country] {
			continue
		}
		seen[p.country] = true
		f := Fact{
			Type: TypeExpansion, Country: p.country, City: cityOf(p.city, p.country),
			Facility: l.facility, Status: l.status,
			Rule: "expansion/list-item", Confidence: round2(0.8 * l.conf),
		}
		if len(a.ordinals) > 0 {
			f.Ordinal = int(a.ordinals[0].Value)
		}
		if len(a.years) > 0 {
			f.Year = d.yearOf(a.years[0])
		}
		for _, name := range l.names {
			g := f
			g.Company = name
			out = append(out, g)
		}
	}
	return out
}
