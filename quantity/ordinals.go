package quantity

// Ordinal is a rank such as "third", "twenty-first" or "10th".
type Ordinal struct {
	Start, End int
	Text       string
	Value      int
}

// ordinalWords ("first" ... "hundredth") are read from data/numbers.tsv
// with the other number words: see amount.go.

var ordinalSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}

// Ordinals returns the ordinals in s, in order.
func Ordinals(s string) []Ordinal { return newText(s).ordinals() }

func (t *text) ordinals() []Ordinal {
	var out []Ordinal
	for i := 0; i < len(t.toks); i++ {
		first, last, v := i, i+1, 0
		switch {
		case t.isPlainInt(i) && t.isWord(i+1) && t.glued(i+1) && ordinalSuffixes[t.word(i+1)]:
			if t.gluedToLetters(i) || len(t.raw(i)) > 4 {
				continue
			}
			v, last = int(t.numValue(i, 0)), i+2
			if k, ok := t.kind(last); v == 0 || ok && k != tSym && t.glued(last) {
				continue // "0th", "2nd3"
			}
		case t.isWord(i):
			w := t.word(i)
			if !ordinalFilter.may(w) {
				continue // in neither table below
			}
			if tens, ok := tensWords[w]; ok && t.sym(i+1) == "-" && t.glued(i+1) && t.glued(i+2) {
				if u, ok := ordinalWords[t.word(i+2)]; ok && u < 10 {
					v, last = tens+u, i+3
					break
				}
			}
			u, ok := ordinalWords[w]
			if !ok || (w == "second" && !t.secondIsOrdinal(i)) {
				continue
			}
			v = u
		default:
			continue
		}
		o := Ordinal{Start: t.toks[first].start, End: t.toks[last-1].end, Value: v}
		o.Text = t.s[o.Start:o.End]
		out = append(out, o)
		i = last - 1
	}
	return out
}

// secondIsOrdinal tells "its second region" from the unit of time ("per
// second", "a second later", "30 second").
func (t *text) secondIsOrdinal(i int) bool {
	switch t.word(i - 1) {
	case "per", "every", "split", "milli", "micro", "nano":
		return false
	}
	if t.isNum(i-1) || (t.sym(i-1) == "-" && t.isNum(i-2)) {
		return false
	}
	if _, ok := t.parseWords(i - 1); ok {
		return false // "thirty second"
	}
	switch t.word(i + 1) {
	case "later", "earlier", "ago":
		return false
	}
	return true
}
