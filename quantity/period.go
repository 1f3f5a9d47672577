package quantity

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// Period returns the time span a sentence gives for an amount, normalised
// the way the gold annotations write it: "3 years", "few years", "per
// quarter", "per year", "by 2030", "2026-2029", "since 2015", "fiscal 2025";
// "" if none. When several are present, a stated duration wins over a year
// range, a range over a rate, a rate over a vague span ("each quarter for
// the next couple of years" is "per quarter"), and those over a year
// anchor.
//
// It walks the tokens rather than running regular expressions: Go's regexp
// has no literal to anchor "over|in|during ... years" on and cost ten times
// the rest of the package together.
func Period(s string) string {
	t := newText(s)
	d := t.durations()
	for _, p := range []string{d.figure, t.yearRange(), t.rate(), d.oneUnit, d.adjective, d.vague} {
		if p != "" {
			return p
		}
	}
	return t.yearAnchor()
}

// The words of time spans live in data/periods.tsv, which says how to read
// and extend them. They are parsed once, at package initialisation, into
// the maps below.
//
//go:embed data/periods.tsv
var periodData string

var (
	periodTables = must(parsePeriods(periodData))
	spanUnits    = periodTables.units       // "years" -> "year"
	spanPreps    = periodTables.preps       // introduce a span: "over", "in"
	spanOpeners  = periodTables.openers     // "over the next three years"
	vagueSpans   = periodTables.vague       // "over the next few years"
	notPerYear   = periodTables.notPerYear  // "a year ago" is no rate
	pointBefore  = periodTables.pointBefore // "within a year" is no rate
)

type periodWords struct {
	units                             map[string]string
	preps, openers, vague, notPerYear map[string]bool
	pointBefore                       map[string]bool
}

// parsePeriods reads the text of data/periods.tsv.
func parsePeriods(data string) (periodWords, error) {
	p := periodWords{map[string]string{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}}
	sets := map[string]map[string]bool{"prep": p.preps, "opener": p.openers, "vague": p.vague, "notperyear": p.notPerYear, "pointbefore": p.pointBefore}
	err := readTSV("data/periods.tsv", data, 3, func(f []string) error {
		word, unit, kind := f[0], f[1], f[2]
		if err := lowerWords(word); err != nil || strings.Contains(word, " ") {
			return fmt.Errorf("%q: want one lowercase word", word)
		}
		if kind == "unit" {
			if err := lowerWords(unit); err != nil || unit == "-" {
				return fmt.Errorf("%s: want a lowercase unit, got %q", word, unit)
			}
			if _, dup := p.units[word]; dup {
				return fmt.Errorf("%q listed twice as a unit", word)
			}
			p.units[word] = unit
			return nil
		}
		set, ok := sets[kind]
		if !ok {
			return fmt.Errorf("unknown kind %q", kind)
		}
		if unit != "-" {
			return fmt.Errorf("%s: only units have a UNIT; want \"-\", got %q", word, unit)
		}
		if set[word] {
			return fmt.Errorf("%q listed twice as %s", word, kind)
		}
		set[word] = true
		return nil
	})
	return p, err
}

type spans struct {
	figure    string // "over the next three years"
	oneUnit   string // "over the next decade"
	adjective string // "a five-year plan"
	vague     string // "over the next few years"
}

// durations collects the first span of each kind in the sentence.
func (t *text) durations() spans {
	var d spans
	for k := range t.toks {
		unit, ok := spanUnits[t.word(k)]
		if !ok {
			continue
		}
		e := k
		hyphen := t.sym(k-1) == "-" && t.glued(k-1) && t.glued(k)
		if hyphen {
			e = k - 1
		}
		f, v := t.figureEndingAt(e)
		if f >= 0 {
			if d.figure == "" && spanPreps[t.word(t.skipSpanIntro(f))] {
				d.figure = formatSpan(v, unit)
			}
			if d.adjective == "" && hyphen && t.word(k+1) != "old" && !(t.sym(k+1) == "-" && t.word(k+2) == "old") {
				d.adjective = formatSpan(v, unit)
			}
			continue
		}
		prev := t.word(k - 1)
		switch {
		case vagueSpans[prev] && d.vague == "" && spanPreps[t.word(t.skipSpanIntro(k-1))]:
			d.vague = prev + " " + t.word(k)
		case prev == "of" && t.word(k-2) == "couple" && d.vague == "" && spanPreps[t.word(t.skipSpanIntro(k-2))]:
			d.vague = formatSpan(2, unit) // as "a couple of" reads 2 elsewhere
		case d.oneUnit == "" && (unit == "year" || unit == "decade") && (prev == "next" || prev == "coming" || prev == "following" || prev == "upcoming"):
			// "in the coming year" is a date, not a span: "in" is left out.
			switch t.word(t.skipSpanIntro(k - 1)) {
			case "over", "during", "across", "for", "throughout":
				if strings.HasSuffix(t.word(k), "s") {
					// "over the coming years": no number of them.
					if d.vague == "" {
						d.vague = prev + " " + t.word(k)
					}
					break
				}
				d.oneUnit = formatSpan(1, unit)
			}
		}
	}
	return d
}

// figureEndingAt finds the longest figure that ends right before token e.
func (t *text) figureEndingAt(e int) (first int, value float64) {
	for f := e - 4; f < e; f++ {
		if f < 0 {
			continue
		}
		if k, _ := t.kind(f); k == tSym {
			continue
		}
		a, ok := t.parseAmount(f)
		if ok && a.last == e && a.value > 0 && !(a.exp == 0 && t.isYear(f)) {
			return f, a.value
		}
	}
	return -1, 0
}

// skipSpanIntro steps back from token f over "the next", "the course of
// the", "a" and returns the token where a preposition should stand.
func (t *text) skipSpanIntro(f int) int {
	j := f - 1
	if spanOpeners[t.word(j)] {
		j--
	}
	if t.word(j) == "the" {
		j--
	}
	if t.word(j) == "of" && t.word(j-1) == "course" {
		j -= 2
		if t.word(j) == "the" {
			j--
		}
	} else if t.word(j) == "a" {
		j--
	}
	return j
}

// yearRange finds "between 2026 and 2029", "from 2026 to 2029", "2026-2029"
// and "2026-30".
func (t *text) yearRange() string {
	for i := range t.toks {
		if !t.isYear(i) {
			continue
		}
		j := i + 1
		short := false // "2026-30" may drop the century; "2026 to 30" is no range
		switch {
		case t.word(i-1) == "between" && t.word(j) == "and":
		case t.word(j) == "to" || t.word(j) == "through" || t.word(j) == "until" || t.word(j) == "till":
		case t.sym(j) == "-" || t.sym(j) == "–" || t.sym(j) == "—" || t.sym(j) == "/":
			if s := t.sym(j + 2); (s == "-" || s == "/") && t.isNum(j+3) {
				continue // a date: "2024-05-08"
			}
			short = true
		default:
			continue
		}
		r := t.raw(j + 1)
		if !t.isYear(j+1) && !(short && len(r) == 2 && t.isPlainInt(j+1)) {
			continue
		}
		from := t.raw(i)
		to := r
		if len(to) == 2 {
			to = from[:2] + to
		}
		if to > from {
			return from + "-" + to
		}
	}
	return ""
}

// rate finds "each quarter", "per year", "annually", "$5bn a year". The
// adjectives "quarterly" and "yearly" are left out: a "quarterly earnings
// report" is no rate of spending.
func (t *text) rate() string {
	for i := range t.toks {
		w := t.word(i)
		switch w {
		case "annually":
			return "per year"
		case "per":
			switch t.word(i + 1) {
			case "annum", "year":
				return "per year"
			case "quarter":
				return "per quarter"
			case "month":
				return "per month"
			}
		case "each", "every", "a":
			next := t.word(i + 1)
			if next != "quarter" && next != "year" && next != "month" {
				continue
			}
			if w == "a" {
				// "a quarter of", "a quarter-century", "a year ago".
				if t.word(i+2) == "of" || t.sym(i+2) == "-" || notPerYear[t.word(i-1)] || pointBefore[t.word(i-1)] || notPerYear[t.word(i+2)] {
					continue
				}
			}
			return "per " + next
		}
	}
	return ""
}

// yearAnchor finds a span tied to one year: "by 2030", "by the end of
// 2028", "through fiscal 2027" (all "by YEAR"), "since 2015", "since
// entering the country in 2015" ("since 2015") and "in fiscal 2025"
// ("fiscal 2025").
func (t *text) yearAnchor() string {
	for i := range t.toks {
		if !t.isYear(i) {
			continue
		}
		j := i - 1
		fiscal := false
		if t.word(j) == "year" && t.word(j-1) == "fiscal" {
			j -= 2
			fiscal = true
		} else if t.word(j) == "fiscal" || t.word(j) == "fy" {
			j--
			fiscal = true
		}
		if t.sym(j) == "-" && t.word(j-1) == "end" {
			j -= 2
		} else if t.word(j) == "of" && t.word(j-1) == "end" {
			j -= 2
			if t.word(j) == "the" {
				j--
			}
		}
		switch t.word(j) {
		case "by", "through", "until", "till":
			return "by " + t.raw(i)
		case "since":
			return "since " + t.raw(i)
		case "in":
			if fiscal {
				return "fiscal " + t.raw(i)
			}
			// "since entering the country in 2015"
			for b := j - 1; b >= 0 && b >= j-6; b-- {
				if t.word(b) == "since" {
					return "since " + t.raw(i)
				}
				if k, _ := t.kind(b); k != tWord {
					break
				}
			}
		}
	}
	return ""
}

func formatSpan(v float64, unit string) string {
	if unit == "decade" {
		v, unit = v*10, "year"
	}
	out := strconv.FormatFloat(v, 'f', -1, 64) + " " + unit
	if v != 1 {
		out += "s"
	}
	return out
}
