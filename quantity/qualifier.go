package quantity

import "strings"

// Normalised hedges, as the fact model spells them (spec/facts.md,
// "Annotation rules").
const (
	MoreThan = "more than"
	AtLeast  = "at least"
	About    = "about"
	UpTo     = "up to"
	LessThan = "less than"
	Between  = "between" // a range, whose lower end is the amount
)

type hedge struct {
	words []string // lowercased, in reading order
	norm  string
}

// hedges is ordered longest first so "no more than" wins over "more than".
var hedges = func() []hedge {
	src := []struct{ phrase, norm string }{
		{"no more than", UpTo}, {"not more than", UpTo}, {"no fewer than", AtLeast},
		{"no less than", AtLeast}, {"not less than", AtLeast}, {"a minimum of", AtLeast},
		{"a maximum of", UpTo}, {"in excess of", MoreThan}, {"as many as", UpTo},
		{"as much as", UpTo}, {"just over", MoreThan}, {"well over", MoreThan},
		{"just under", LessThan}, {"an estimated", About},
		{"more than", MoreThan}, {"greater than", MoreThan}, {"north of", MoreThan},
		{"upwards of", MoreThan}, {"upward of", MoreThan}, {"at least", AtLeast},
		{"minimum of", AtLeast}, {"maximum of", UpTo}, {"close to", About},
		{"up to", UpTo}, {"may reach", UpTo}, {"could reach", UpTo},
		{"less than", LessThan}, {"fewer than", LessThan},
		{"over", MoreThan}, {"above", MoreThan}, {"exceeding", MoreThan},
		{"exceed", MoreThan}, {"exceeds", MoreThan}, {"surpass", MoreThan},
		{"surpasses", MoreThan}, {"surpassing", MoreThan},
		{"about", About}, {"around", About}, {"roughly", About},
		{"approximately", About}, {"approx", About}, {"nearly", About},
		{"almost", About}, {"some", About}, {"estimated", About}, {"circa", About},
		{"under", LessThan}, {"below", LessThan},
	}
	hs := make([]hedge, len(src))
	for i, h := range src {
		hs[i] = hedge{strings.Fields(h.phrase), h.norm}
	}
	return hs
}()

// lookBehind is how many words before a figure may carry its hedge. "a
// minimum investment of 380 billion yuan" needs four; more would start to
// reach into other clauses.
const lookBehind = 4

// qualifierBefore returns the hedge that ends right before token i, or, for
// "minimum ... of", within lookBehind words before it.
func (t *text) qualifierBefore(i int) (norm string, first int) {
	var ws [lookBehind]string
	var at [lookBehind]int
	n := 0
	j := i - 1
	// "approx. 30": skip the abbreviation dot.
	if t.sym(j) == "." && t.word(j-1) == "approx" {
		j--
	}
	for ; j >= 0 && n < lookBehind; j-- {
		w := t.word(j)
		if w == "" {
			break
		}
		ws[n], at[n] = w, j
		n++
	}
	for _, h := range hedges {
		k := len(h.words)
		if k > n {
			continue
		}
		ok := true
		for m := 0; m < k; m++ {
			if ws[k-1-m] != h.words[m] {
				ok = false
				break
			}
		}
		if ok {
			return h.norm, at[k-1]
		}
	}
	if n >= 2 && ws[0] == "of" {
		for m := 1; m < n; m++ {
			if ws[m] == "minimum" {
				return AtLeast, at[m]
			}
		}
	}
	return "", i
}

// qualifierAfter reads the hedges that follow a figure: "30+ regions",
// "$20 billion or more". It returns the token after the hedge.
func (t *text) qualifierAfter(j int) (string, int) {
	if t.sym(j) == "+" && t.glued(j) {
		return MoreThan, j + 1
	}
	if t.word(j) == "or" {
		switch t.word(j + 1) {
		case "more", "above", "higher":
			return AtLeast, j + 2
		case "less", "fewer", "below", "lower":
			return UpTo, j + 2
		}
	}
	return "", j
}
