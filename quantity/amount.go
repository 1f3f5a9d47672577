package quantity

import _ "embed"

// amount is a figure read from tokens [first, last): digits with an optional
// scale ("3.5 billion", "5bn", "1,000 crore") or a number in words ("two
// hundred and fifty", "a dozen").
type amount struct {
	first, last int
	value       float64
	exp         int  // power of ten of the trailing scale word, 0 if none
	words       bool // spelled out
	bareOne     bool // just the word "one", which is often not a count
	ranged      bool // money only: the lower end of "$1.7-1.9 billion"
}

// The number words live in data/numbers.tsv and the scale words in
// data/scales.tsv, which say how to read and extend them. They are parsed
// once, at package initialisation, into the maps below.
var (
	//go:embed data/numbers.tsv
	numberData string
	//go:embed data/scales.tsv
	scaleData string

	numberTables = must(parseNumbers(numberData))
	smallWords   = numberTables["unit"]    // "zero" ... "nineteen"
	tensWords    = numberTables["tens"]    // "twenty" ... "ninety"
	ordinalWords = numberTables["ordinal"] // "first" ... "hundredth"

	scaleTables = must(parseScales(scaleData))
	// scaleWords are powers of ten; lakh and crore are the Indian 1e5 and 1e7.
	scaleWords = scaleTables["word"]
	// scaleAbbrevs may follow digits with or without a space ("5bn", "5 bn").
	scaleAbbrevs = scaleTables["abbrev"]
	// scaleLetters only count glued to the digits ("$5m", "£1B", "10k"): with
	// a space, "5 m" is more likely metres.
	scaleLetters = scaleTables["letter"]
)

// parseNumbers reads data/numbers.tsv into a map per kind: unit, tens,
// ordinal.
func parseNumbers(data string) (map[string]map[string]int, error) {
	return parseWordValues("data/numbers.tsv", data, map[string]func(int) bool{
		"unit":    func(v int) bool { return v >= 0 && v <= 19 },
		"tens":    func(v int) bool { return v >= 20 && v <= 90 && v%10 == 0 },
		"ordinal": func(v int) bool { return v >= 1 && v <= 100 },
	})
}

// parseScales reads data/scales.tsv into a map per kind: word, abbrev,
// letter.
func parseScales(data string) (map[string]map[string]int, error) {
	power := func(v int) bool { return v >= 1 && v <= 24 }
	return parseWordValues("data/scales.tsv", data, map[string]func(int) bool{
		"word": power, "abbrev": power, "letter": power,
	})
}

// readScale reads scale words after digits starting at token j. Consecutive
// scales multiply when they grow ("1.3 lakh crore" = 1.3e12).
func (t *text) readScale(j int) (exp, next int) {
	next = j
	// "a $1.5-billion plan", "a 2-million-user base".
	if t.sym(j) == "-" && t.glued(j) && t.glued(j+1) {
		if e, ok := scaleWords[t.word(j+1)]; ok {
			exp, next = e, j+2
		}
	}
	for {
		w := t.word(next)
		if w == "" {
			return exp, next
		}
		e, ok := scaleWords[w]
		if !ok {
			e, ok = scaleAbbrevs[w]
		}
		if !ok && exp == 0 && t.glued(next) {
			e, ok = scaleLetters[w]
		}
		if !ok || (exp != 0 && e <= exp) {
			return exp, next
		}
		exp += e
		next++
	}
}

// parseAmount reads a figure starting at token i.
func (t *text) parseAmount(i int) (amount, bool) {
	if t.isNum(i) {
		exp, next := t.readScale(i + 1)
		return amount{first: i, last: next, value: t.numValue(i, exp), exp: exp}, true
	}
	return t.parseWords(i)
}

type wordState uint8

const (
	wsNone wordState = iota
	wsSmall
	wsTens
	wsHundred
	wsScale
)

// parseWords reads a spelled-out number: "twenty-nine", "two hundred and
// fifty", "a dozen", "a couple of", "three million".
func (t *text) parseWords(i int) (amount, bool) {
	a := amount{first: i, words: true}
	j := i
	var total, cur float64
	state := wsNone
	switch t.word(i) {
	case "a", "an":
		w := t.word(i + 1)
		if (w == "couple" || w == "pair") && t.word(i+2) == "of" {
			a.last, a.value = i+3, 2
			return a, true
		}
		if _, ok := scaleWords[w]; !ok && w != "hundred" && w != "dozen" {
			return a, false
		}
		cur, state, j = 1, wsSmall, i+1
	}
	end := -1
	for j < len(t.toks) {
		w := t.word(j)
		if w == "" {
			// "twenty-nine": a glued hyphen between tens and a unit.
			if state == wsTens && t.sym(j) == "-" && t.glued(j) && t.glued(j+1) {
				if v, ok := smallWords[t.word(j+1)]; ok && v >= 1 && v <= 9 {
					cur += float64(v)
					state = wsSmall
					j += 2
					end = j
					continue
				}
			}
			break
		}
		if !numberWordFilter.may(w) && w != "and" {
			break // no number word: the last else below
		}
		if v, ok := smallWords[w]; ok {
			if state == wsSmall || (state == wsTens && (v == 0 || v > 9)) {
				break
			}
			cur += float64(v)
			state = wsSmall
		} else if v, ok := tensWords[w]; ok {
			if state == wsSmall || state == wsTens {
				break
			}
			cur += float64(v)
			state = wsTens
		} else if w == "hundred" {
			if state != wsSmall || cur >= 100 {
				break
			}
			cur *= 100
			state = wsHundred
		} else if w == "dozen" {
			if state != wsSmall {
				break
			}
			cur *= 12
			state = wsScale
		} else if e, ok := scaleWords[w]; ok {
			if state == wsNone || state == wsScale {
				break
			}
			total += cur * pow10(e)
			cur = 0
			a.exp = e
			state = wsScale
		} else if w == "and" {
			// Only "hundred and fifty" / "thousand and one", and only
			// when a number follows, or "two and" would swallow "and".
			if state != wsHundred && state != wsScale {
				break
			}
			nw := t.word(j + 1)
			if _, ok := smallWords[nw]; !ok {
				if _, ok := tensWords[nw]; !ok {
					break
				}
			}
			state = wsScale // "and" behaves like a group boundary here
			j++
			continue
		} else {
			break
		}
		if state != wsScale || w == "dozen" {
			a.exp = 0
		}
		j++
		end = j
	}
	if end < 0 {
		return a, false
	}
	a.last = end
	a.value = total + cur
	a.bareOne = end == i+1 && t.word(i) == "one"
	return a, true
}

func pow10(e int) float64 {
	v := 1.0
	for ; e > 0; e-- {
		v *= 10
	}
	return v
}
