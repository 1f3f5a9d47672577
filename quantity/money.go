package quantity

import (
	"slices"
	"strings"
)

// Money is an amount of money named with its currency. When the sentence
// gives the same amount in a second currency right after it ("380 billion
// yuan ($52.3 billion)"), both are one Money and the span covers both.
type Money struct {
	Start, End int
	Text       string
	Amount     float64 // in units of Currency: 380 billion yuan -> 3.8e11
	Currency   string  // ISO 4217
	USD        float64 // Amount when Currency is USD, else the paired US-dollar figure; 0 if none
	Qualifier  string  // hedge: MoreThan, AtLeast, About, UpTo, LessThan, Between (a range) or ""
}

// MoneyOptions carries what the sentence alone cannot tell.
type MoneyOptions struct {
	Yen     string // "JPY" (the default when "") or "CNY": what a bare ¥ means here
	Country string // ISO 3166-1 alpha-2 hint for shared names: pesos, dollars, rupees, riyals, ...
}

// FindMoney returns the money amounts in s, in order.
func FindMoney(s string, opt MoneyOptions) []Money {
	return newText(s).money(opt)
}

// Sentence is a sentence read once for Numbers, Ordinals and FindMoney,
// which each read it again when called on the string.
type Sentence struct{ t *text }

// Read reads s for the questions of Sentence's methods.
func Read(s string) Sentence { return Sentence{newText(s)} }

// ReadLowered is Read for a caller that has s with its ASCII capitals
// lower-cased already (and nothing else changed), as lower; lower may be
// kept until what the methods returned is dropped.
func ReadLowered(s, lower string) Sentence {
	if len(lower) != len(s) {
		panic("quantity: ReadLowered: lower is not s lower-cased")
	}
	return Sentence{newTextLowered(s, lower)}
}

// Release gives q's memory back for the next Read. q must not be used
// after; what its methods returned may.
func (q Sentence) Release() { textPool.Put(q.t) }

// Numbers is Numbers(s).
func (q Sentence) Numbers() []Number { return q.t.numbers() }

// Ordinals is Ordinals(s).
func (q Sentence) Ordinals() []Ordinal { return q.t.ordinals() }

// Money is FindMoney(s, opt).
func (q Sentence) Money(opt MoneyOptions) []Money { return q.t.money(opt) }

// moneyAt is one amount before pairing, over tokens [first, last).
type moneyAt struct {
	first, last int
	value       float64
	code        string
	ranged      bool // the lower end of a range
}

// money is readMoney, done once for the options Numbers uses (none) and
// reused for any other options the reading did not consult: a sentence
// without a yen sign or a currency name shared by countries reads the same
// whatever the options.
func (t *text) money(opt MoneyOptions) []Money {
	if t.zero.done && (opt == MoneyOptions{} || !t.zero.optRead) {
		return slices.Clone(t.zero.money)
	}
	t.optRead = false
	out := t.readMoney(opt)
	if opt == (MoneyOptions{}) {
		t.zero.money, t.zero.done, t.zero.optRead = out, true, t.optRead
		return slices.Clone(out)
	}
	return out
}

func (t *text) readMoney(opt MoneyOptions) []Money {
	var out []Money
	for i := 0; i < len(t.toks); {
		m, ok := t.moneyAt(i, opt)
		if !ok {
			i++
			continue
		}
		q, _ := t.qualifierBefore(m.first)
		if q == "" {
			q, _ = t.qualifierAfter(m.last)
		}
		if m.ranged {
			q = Between
		}
		res := Money{Amount: m.value, Currency: m.code, Qualifier: q}
		if m.code == "USD" {
			res.USD = m.value
		}
		last := m.last
		if alt, end, ok := t.pairedAt(m.last, opt); ok && alt.code != m.code {
			last = end
			if m.code != "USD" && alt.code == "USD" {
				res.USD = alt.value
			}
		}
		res.Start, res.End = t.toks[m.first].start, t.toks[last-1].end
		res.Text = t.s[res.Start:res.End]
		out = append(out, res)
		i = last
	}
	return out
}

// moneyAt reads one amount with its currency starting at token i: a sign or
// code before the digits, or a currency word or code after the figure.
func (t *text) moneyAt(i int, opt MoneyOptions) (moneyAt, bool) {
	if code, j, n := t.currencyPrefix(i, opt); code != "" {
		if !t.isNum(j) {
			return moneyAt{}, false
		}
		a := t.moneyAmount(j, i, code, opt)
		if t.isWord(a.last) && t.glued(a.last) { // "$5G", "€2x"
			return moneyAt{}, false
		}
		if !n.enough(a) {
			return moneyAt{}, false
		}
		return moneyAt{first: i, last: a.last, value: a.value, code: code, ranged: a.ranged}, true
	}
	if !t.isNum(i) && !t.isWord(i) {
		return moneyAt{}, false
	}
	if t.isNum(i) && t.gluedToLetters(i) {
		return moneyAt{}, false
	}
	a := t.moneyAmount(i, i, "", opt)
	if a.last == i || (!a.words && a.exp == 0 && t.isYear(i)) {
		return moneyAt{}, false
	}
	if !a.words && t.isWord(a.last) && t.glued(a.last) {
		return moneyAt{}, false
	}
	code, end := t.currencySuffix(a.last, a.exp > 0 || a.value >= 1000, opt)
	if code == "" {
		return moneyAt{}, false
	}
	return moneyAt{first: i, last: end, value: a.value, code: code, ranged: a.ranged}, true
}

// gluedToLetters reports digits stuck to a word before them ("SBG2",
// "Qwen3", "FY2025"), which are names, not amounts.
func (t *text) gluedToLetters(i int) bool {
	return t.glued(i) && t.isWord(i-1)
}

// moneyAmount reads a figure at token i and the upper end of a range after
// it: "$3-5 billion", "$1.7bn-$1.9bn", "$1.7 to $1.9 billion", "between
// $1.7 billion and $1.9 billion", "Rs 6,000-7,000 crore". The amount is the
// lower end, which borrows the upper end's scale word when it has none, and
// its span runs to the end of the range. first is the token the mention
// starts at (its currency sign, if any), code the currency of that sign, ""
// when the currency comes after the figure.
func (t *text) moneyAmount(i, first int, code string, opt MoneyOptions) amount {
	a, ok := t.parseAmount(i)
	if !ok {
		return amount{first: i, last: i}
	}
	if a.words {
		return a
	}
	j := a.last
	word, scaled := false, false
	switch {
	case t.sym(j) == "-" || t.sym(j) == "–" || t.sym(j) == "—":
	case t.word(j) == "to":
		// "$1.7 to $1.9 billion", "$20 billion to $23 billion"; but
		// "grew from $1.7bn to $1.9bn" and "added $450m to $1bn" are
		// changes, two figures.
		if t.word(first-1) == "from" || a.exp > 0 && t.changeBefore(first) {
			return a
		}
		scaled = a.exp > 0
		word = true
	case t.word(j) == "and" && t.word(first-1) == "between":
		word = true
	default:
		return a
	}
	k := j + 1
	signed := false
	if c, next, _ := t.currencyPrefix(k, opt); c != "" {
		if c != code {
			return a
		}
		k, signed = next, true
	}
	b, ok := t.parseAmount(k)
	if !ok || b.words || (a.exp > 0 && b.exp == 0) || !t.isNum(k) {
		return a
	}
	if scaled && (!signed || b.exp != a.exp || b.value > 2*a.value) {
		// Both ends written out in full, of one scale, and close: "$20
		// billion to $23 billion", not "$450m to $1bn".
		return a
	}
	if word && a.exp > 0 && code != "" && !signed {
		return a // "$2 million to 5 million users"
	}
	if t.isWord(b.last) && t.glued(b.last) {
		return a // "$3-5G"
	}
	lo := a.value
	if a.exp == 0 && b.exp > 0 {
		lo = t.numValue(i, b.exp)
	}
	if b.value <= lo {
		return a
	}
	a.value, a.last, a.ranged = lo, b.last, true
	if a.exp == 0 {
		a.exp = b.exp
	}
	return a
}

// changeBefore reports a verb of change right before the figure at
// first: "added $450m to $1bn", "raised its budget of $2bn to $3bn".
func (t *text) changeBefore(first int) bool {
	for i := first - 1; i >= max(0, first-6); i-- {
		switch w := t.word(i); {
		case strings.HasPrefix(w, "add"), strings.HasPrefix(w, "rais"), strings.HasPrefix(w, "increas"),
			strings.HasPrefix(w, "boost"), strings.HasPrefix(w, "lift"), strings.HasPrefix(w, "grow"),
			strings.HasPrefix(w, "expand"), strings.HasPrefix(w, "cut"), strings.HasPrefix(w, "reduc"),
			strings.HasPrefix(w, "lower"), w == "grew", w == "rose", w == "up", w == "brought", w == "bring", w == "bringing":
			return true
		}
	}
	return false
}

// need is what an amount must carry for a currency marker to count.
type need uint8

const (
	needNothing need = iota
	needBig          // a scale word or at least 1,000: "PHP 8" is a language
	needScale        // a scale word: "R2" is a name, "R2 billion" money
)

// enough reports whether amount a satisfies n.
func (n need) enough(a amount) bool {
	switch n {
	case needBig:
		return a.exp > 0 || a.value >= 1000
	case needScale:
		return a.exp > 0
	}
	return true
}

// currencyPrefix recognises a currency written before an amount starting
// at token i, and returns the token where the amount should start.
func (t *text) currencyPrefix(i int, opt MoneyOptions) (code string, next int, n need) {
	raw := t.raw(i)
	switch k, _ := t.kind(i); k {
	case tSym:
		if raw == "¥" || raw == "￥" {
			t.optRead = true
			code = "JPY"
			if opt.Yen == "CNY" {
				code = "CNY"
			}
		} else if c, ok := symbolCurrency[raw]; ok {
			if raw == "$" && t.glued(i) && t.isWord(i-1) {
				// "A$", "HK$": read from the letters, and an unknown
				// prefix ("X$") is not a plain US dollar either.
				return "", 0, 0
			}
			code = c
		} else {
			return "", 0, 0
		}
		return code, i + 1, needNothing
	case tWord:
		if t.glued(i) && t.isWord(i-1) {
			return "", 0, 0
		}
		if t.sym(i+1) == "$" && (t.glued(i+1) || raw == "US") {
			if c, ok := dollarPrefixes[raw]; ok {
				return c, i + 2, needNothing
			}
		}
		// "U.S.$" / "U.S. $"
		if raw == "U" && t.sym(i+1) == "." && t.raw(i+2) == "S" && t.sym(i+3) == "." && t.sym(i+4) == "$" {
			return "USD", i + 5, needNothing
		}
		if isoFilter.may(raw) && isoCodes[raw] {
			if weakCodes[raw] {
				return raw, i + 1, needBig
			}
			return raw, i + 1, needNothing
		}
		if c, ok := prefixName(raw); ok {
			j := i + 1
			if t.sym(j) == "." && len(raw) > 1 { // "Rs.", "kr."; not "B."
				j++
			}
			if c.glued && (!t.glued(j) || j != i+1) {
				return "", 0, 0
			}
			code = t.sharedCode(c, i, opt)
			if code == "" {
				return "", 0, 0
			}
			switch {
			case c.scale:
				n = needScale
			case c.weak:
				n = needBig
			}
			return code, j, n
		}
	}
	return "", 0, 0
}

// currencySuffix recognises a currency written after an amount, at token j:
// "yuan", "Australian dollars", "pounds sterling", "USD", "zł".
func (t *text) currencySuffix(j int, big bool, opt MoneyOptions) (code string, end int) {
	raw := t.raw(j)
	if isoCodes[raw] && (!weakCodes[raw] || big) {
		return raw, j + 1
	}
	if c, ok := suffixNames[raw]; ok && (!c.weak || big) {
		if code := t.sharedCode(c, j, opt); code != "" {
			return code, j + 1
		}
	}
	// "12.3 billion out of rubles", a translation slip a source really made;
	// only with a scale word, where nothing else could be meant.
	if big && t.word(j) == "out" && t.word(j+1) == "of" {
		if _, ok := currencyWords[t.word(j+2)]; ok {
			j += 2
		}
	}
	country := ""
	adj := false
	if cc, n := t.nationality(j); n > j {
		country, adj, j = cc, true, n
	}
	w, ok := currencyWords[t.word(j)]
	if !ok || (w.needAdj && !adj) || (w.weak && !big && !adj) {
		return "", 0
	}
	end = j + 1
	if t.word(j) == "pounds" && t.word(j+1) == "sterling" {
		end++
	}
	if adj {
		return w.resolve(country), end
	}
	return t.sharedCode(w, j, opt), end
}

// nationality reads a one- or two-word nationality at token j, dots of
// "U.S." skipped, and returns its country and the token after it.
func (t *text) nationality(j int) (string, int) {
	w1 := t.word(j)
	if w1 == "" {
		return "", j
	}
	n := j + 1
	if t.sym(n) == "." {
		n++
	}
	if w2 := t.word(n); w2 != "" {
		n2 := n + 1
		if t.sym(n2) == "." {
			n2++
		}
		if cc, ok := nationalities[w1+" "+w2]; ok {
			return cc, n2
		}
	}
	if cc, ok := nationalities[w1]; ok {
		return cc, n
	}
	return "", j
}

// pairedAt reads the same amount restated in another currency right after
// one, at token j: "(about $10 billion)", "( US$53 billion )", ", or
// $3 billion". It returns the token after the restatement.
func (t *text) pairedAt(j int, opt MoneyOptions) (moneyAt, int, bool) {
	switch {
	case t.sym(j) == "(" || t.sym(j) == "[":
		closer := ")"
		if t.sym(j) == "[" {
			closer = "]"
		}
		k := t.skipHedges(j + 1)
		m, ok := t.moneyAt(k, opt)
		if !ok {
			return moneyAt{}, 0, false
		}
		// Allow a short tail such as "at current rates" before the bracket closes.
		for e := m.last; e < len(t.toks) && e <= m.last+6; e++ {
			if t.sym(e) == closer {
				return m, e + 1, true
			}
			if t.sym(e) == "(" || t.sym(e) == "[" {
				break
			}
		}
	case t.sym(j) == "," && commaHedges[t.word(j+1)]:
		// "€5bn, roughly $5.4bn": after a comma only a hedged US-dollar
		// figure restates; a bare one starts a list ("€5bn, $2bn and ...").
		m, ok := t.moneyAt(t.skipHedges(j+1), opt)
		if ok && m.code == "USD" {
			return m, m.last, true
		}
	case t.sym(j) == "," && t.word(j+1) == "or", t.word(j) == "or":
		k := j + 1
		if t.sym(j) == "," {
			k++
		}
		m, ok := t.moneyAt(t.skipHedges(k), opt)
		if ok {
			return m, m.last, true
		}
	}
	return moneyAt{}, 0, false
}

// commaHedges may open a restatement after a comma: "€5bn, roughly $5.4bn".
var commaHedges = map[string]bool{
	"about": true, "around": true, "roughly": true, "approximately": true,
	"approx": true, "nearly": true, "almost": true, "some": true,
	"equivalent": true, "circa": true,
}

var pairHedges = map[string]bool{
	"about": true, "around": true, "roughly": true, "approximately": true,
	"approx": true, "nearly": true, "almost": true, "some": true, "or": true,
	"equivalent": true, "equal": true, "to": true, "worth": true, "just": true,
	"over": true, "under": true, "more": true, "less": true, "than": true,
	"est": true, "estimated": true, "an": true, "c": true, "circa": true,
}

func (t *text) skipHedges(k int) int {
	for n := 0; n < 4 && k < len(t.toks); n++ {
		if w := t.word(k); pairHedges[w] {
			k++
			if t.sym(k) == "." {
				k++
			}
			continue
		}
		if s := t.sym(k); s == "~" || s == "≈" {
			k++
			continue
		}
		break
	}
	return k
}
