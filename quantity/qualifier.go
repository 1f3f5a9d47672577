package quantity

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

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

// The hedge phrases live in data/qualifiers.tsv, which says how to read and
// extend it. They are parsed once, at package initialisation, into
// hedgesBefore ("more than 30") and hedgesAfter ("30 or more"), each ordered
// longest first so "no more than" wins over "more than".
//
//go:embed data/qualifiers.tsv
var qualifierData string

var hedgesBefore, hedgesAfter = must2(parseQualifiers(qualifierData))

// qualifierNorms are the values a hedge may normalise to.
var qualifierNorms = map[string]bool{
	MoreThan: true, AtLeast: true, About: true, UpTo: true, LessThan: true, Between: true,
}

// parseQualifiers reads the hedge lexicon's text.
func parseQualifiers(data string) (before, after []hedge, err error) {
	seen := map[string]bool{}
	err = readTSV("data/qualifiers.tsv", data, 3, func(f []string) error {
		phrase, norm, where := f[0], f[1], f[2]
		if err := lowerWords(phrase); err != nil {
			return err
		}
		if !qualifierNorms[norm] {
			return fmt.Errorf("unknown qualifier %q", norm)
		}
		h := hedge{strings.Fields(phrase), norm}
		switch where {
		case "before":
			if len(h.words) > lookBehind {
				return fmt.Errorf("%q: longer than the %d words looked at before a figure", phrase, lookBehind)
			}
			before = append(before, h)
		case "after":
			after = append(after, h)
		default:
			return fmt.Errorf("want before or after, got %q", where)
		}
		if seen[where+" "+phrase] {
			return fmt.Errorf("%q listed twice", phrase)
		}
		seen[where+" "+phrase] = true
		return nil
	})
	longestFirst := func(a, b hedge) int { return len(b.words) - len(a.words) }
	slices.SortStableFunc(before, longestFirst)
	slices.SortStableFunc(after, longestFirst)
	return before, after, err
}

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
	for _, h := range hedgesBefore {
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
	if t.sym(j) == "-" && t.glued(j) && t.word(j+1) == "plus" {
		return MoreThan, j + 2 // "60-plus regions"
	}
	for _, h := range hedgesAfter {
		k := len(h.words)
		ok := true
		for m := 0; m < k; m++ {
			if t.word(j+m) != h.words[m] {
				ok = false
				break
			}
		}
		if ok {
			return h.norm, j + k
		}
	}
	return "", j
}
