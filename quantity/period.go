package quantity

import "strconv"

// Period returns the time span a sentence gives for an amount, normalised:
// "3 years", "per quarter", "per year", "by 2030", "2026-2029"; "" if none.
// A stated duration wins over a year range, a range over a rate, and a rate
// over a deadline.
//
// It walks the tokens rather than running regular expressions: Go's regexp
// has no literal to anchor "over|in|during ... years" on and cost ten times
// the rest of the package together.
func Period(s string) string {
	t := newText(s)
	if p := t.duration(); p != "" {
		return p
	}
	if p := t.yearRange(); p != "" {
		return p
	}
	if p := t.rate(); p != "" {
		return p
	}
	return t.deadline()
}

var spanUnits = map[string]string{
	"year": "year", "years": "year", "month": "month", "months": "month",
	"quarter": "quarter", "quarters": "quarter", "decade": "decade", "decades": "decade",
	"week": "week", "weeks": "week", "day": "day", "days": "day",
}

var spanPreps = map[string]bool{
	"over": true, "in": true, "during": true, "within": true, "across": true,
	"for": true, "spanning": true, "throughout": true,
}

var spanOpeners = map[string]bool{
	"next": true, "coming": true, "following": true, "upcoming": true,
	"past": true, "last": true, "first": true,
}

// duration finds "over the next three years", "over the course of 15
// years", "in the next 3 years", "over the five year period", then "over
// the next decade", then the adjective "a five-year plan".
func (t *text) duration() string {
	var oneUnit, adjective string
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
		if f < 0 {
			// "over the next decade": one unit, no figure.
			if oneUnit == "" && (unit == "year" || unit == "decade") && spanOpeners[t.word(k-1)] && t.word(k-1) != "past" && t.word(k-1) != "last" && t.word(k-1) != "first" {
				switch t.word(t.skipSpanIntro(k - 1)) {
				case "over", "during", "across", "for", "throughout":
					oneUnit = formatSpan(1, unit)
				}
			}
			continue
		}
		if spanPreps[t.word(t.skipSpanIntro(f))] {
			return formatSpan(v, unit)
		}
		if hyphen && adjective == "" && t.word(k+1) != "old" && !(t.sym(k+1) == "-" && t.word(k+2) == "old") {
			adjective = formatSpan(v, unit)
		}
	}
	if oneUnit != "" {
		return oneUnit
	}
	return adjective
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

// notPerYear are the words around "a year" that make it a point or a
// length of time rather than a rate: "a year ago", "within a year".
var notPerYear = map[string]bool{
	"ago": true, "earlier": true, "later": true, "before": true, "after": true,
	"from": true, "since": true, "and": true, "or": true, "in": true, "within": true,
	"for": true, "over": true, "than": true, "about": true, "nearly": true,
	"almost": true, "half": true, "once": true, "past": true, "last": true,
	"next": true, "this": true, "of": true, "just": true, "around": true, "under": true,
	"old": true, "into": true, "more": true, "less": true, "such": true, "took": true,
	"takes": true, "take": true, "spent": true,
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
				if t.word(i+2) == "of" || t.sym(i+2) == "-" || notPerYear[t.word(i-1)] || notPerYear[t.word(i+2)] {
					continue
				}
			}
			return "per " + next
		}
	}
	return ""
}

// deadline finds "by 2030", "by the end of 2028", "through fiscal 2027".
func (t *text) deadline() string {
	for i := range t.toks {
		if !t.isYear(i) {
			continue
		}
		j := i - 1
		if t.word(j) == "year" && t.word(j-1) == "fiscal" {
			j -= 2
		} else if t.word(j) == "fiscal" || t.word(j) == "fy" {
			j--
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
