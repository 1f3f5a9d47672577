package extract

import (
	_ "embed"
	"strings"
)

// Providers named by their home: "the Redmond-based firm" is Microsoft in
// an article that names Microsoft, whoever was named last.

//go:embed data/homes.tsv
var homesTSV string

// homes maps a home city to the providers based there.
var homes = func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(homesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			panic("homes.tsv: want home<TAB>provider: " + line)
		}
		m[f[0]] = append(m[f[0]], f[1])
	}
	return m
}()

// reHomeAnaphor is a description by home: "the Redmond-based company".
var reHomeAnaphor = mustRx(`^[Tt]he (\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?)-(?:based|headquartered)\b`)

// byHome resolves a reference back before p that names a home to the
// one provider of that home the article names. known is false when no
// reference names a home the lexicon knows; found is "" when the article
// names none, or two providers of that home both named before the
// reference: the fact is then nobody's, not the provider named last.
func (d *discourse) byHome(a *sentence, p int) (found string, known bool) {
	for _, s := range a.anaphors {
		if s.end > p {
			break
		}
		// The first reference is the subject; "its" after it is the same.
		m := reHomeAnaphor.FindStringSubmatch(a.text[s.start:s.end])
		if m == nil || homes[m[1]] == nil {
			continue
		}
		var two bool
		for _, name := range homes[m[1]] {
			if d.freq[name] == 0 {
				continue
			}
			two = two || found != ""
			found = name
		}
		if two {
			// Two providers of that home: the one of them named before
			// the reference, when only one was ("Aligned Data Centers
			// ... The Dallas-based company", with CyrusOne named later),
			// else nobody.
			found = ""
			for _, name := range homes[m[1]] {
				if d.named[name] {
					if found != "" {
						return "", true
					}
					found = name
				}
			}
			return found, true
		}
		return found, true
	}
	return "", false
}
