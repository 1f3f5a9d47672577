package quantity

// Money is an amount of money named with its currency. When the sentence
// gives the same amount in a second currency right after it ("380 billion
// yuan ($52.3 billion)"), both are one Money and the span covers both.
type Money struct {
	Start, End int
	Text       string
	Amount     float64 // in units of Currency: 380 billion yuan -> 3.8e11
	Currency   string  // ISO 4217
	USD        float64 // Amount when Currency is USD, else the paired US-dollar figure; 0 if none
	Qualifier  string  // hedge before the amount: MoreThan, AtLeast, About, UpTo, LessThan or ""
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

// moneyAt is one amount before pairing, over tokens [first, last).
type moneyAt struct {
	first, last int
	value       float64
	code        string
}

func (t *text) money(opt MoneyOptions) []Money {
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
	if code, j, needScale := t.currencyPrefix(i, opt); code != "" {
		if !t.isNum(j) {
			return moneyAt{}, false
		}
		a := t.moneyAmount(j)
		if t.isWord(a.last) && t.glued(a.last) { // "$5G", "€2x"
			return moneyAt{}, false
		}
		if needScale && a.exp == 0 && (!weakCodes[code] || a.value < 1000) {
			return moneyAt{}, false
		}
		return moneyAt{first: i, last: a.last, value: a.value, code: code}, true
	}
	if !t.isNum(i) && !t.isWord(i) {
		return moneyAt{}, false
	}
	if t.isNum(i) && t.gluedToLetters(i) {
		return moneyAt{}, false
	}
	a := t.moneyAmount(i)
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
	return moneyAt{first: i, last: end, value: a.value, code: code}, true
}

// gluedToLetters reports digits stuck to a word before them ("SBG2",
// "Qwen3", "FY2025"), which are names, not amounts.
func (t *text) gluedToLetters(i int) bool {
	return t.glued(i) && t.isWord(i-1)
}

// moneyAmount reads a figure and a trailing range whose scale it borrows:
// "$3-5 billion" is an amount of 3e9 whose span runs to "billion".
func (t *text) moneyAmount(i int) amount {
	a, ok := t.parseAmount(i)
	if !ok {
		return amount{first: i, last: i}
	}
	if a.exp == 0 && !a.words {
		j := a.last
		if s := t.sym(j); s == "-" || s == "–" || t.word(j) == "to" {
			if b, ok := t.parseAmount(j + 1); ok && !b.words && b.exp > 0 && b.value > a.value {
				a.value = t.numValue(i, b.exp)
				a.exp = b.exp
				a.last = b.last
			}
		}
	}
	return a
}

// currencyPrefix recognises a currency written before an amount starting
// at token i, and returns the token where the amount should start.
func (t *text) currencyPrefix(i int, opt MoneyOptions) (code string, next int, needScale bool) {
	raw := t.raw(i)
	switch k, _ := t.kind(i); k {
	case tSym:
		if raw == "¥" || raw == "￥" {
			code = "JPY"
			if opt.Yen == "CNY" {
				code = "CNY"
			}
		} else if c, ok := symbolCurrency[raw]; ok {
			if raw == "$" && t.glued(i) && t.isWord(i-1) {
				// "A$", "HK$": read from the letters, and an unknown
				// prefix ("X$") is not a plain US dollar either.
				return "", 0, false
			}
			code = c
		} else {
			return "", 0, false
		}
		return code, i + 1, false
	case tWord:
		if t.glued(i) && t.isWord(i-1) {
			return "", 0, false
		}
		if t.sym(i+1) == "$" && (t.glued(i+1) || raw == "US") {
			if c, ok := dollarPrefixes[raw]; ok {
				return c, i + 2, false
			}
		}
		// "U.S.$" / "U.S. $"
		if raw == "U" && t.sym(i+1) == "." && t.raw(i+2) == "S" && t.sym(i+3) == "." && t.sym(i+4) == "$" {
			return "USD", i + 5, false
		}
		if isoCodes[raw] {
			return raw, i + 1, weakCodes[raw]
		}
		if c, ok := codeAliases[raw]; ok {
			j := i + 1
			if raw == "Rs" && t.sym(j) == "." {
				j++
			}
			return c, j, false
		}
		if raw == "R" && t.isNum(i+1) {
			// South African rand, only with a scale word: "R2" is a name.
			return "ZAR", i + 1, true
		}
	}
	return "", 0, false
}

// currencySuffix recognises a currency written after an amount, at token j:
// "yuan", "Australian dollars", "pounds sterling", "USD".
func (t *text) currencySuffix(j int, big bool, opt MoneyOptions) (code string, end int) {
	raw := t.raw(j)
	if isoCodes[raw] && (!weakCodes[raw] || big) {
		return raw, j + 1
	}
	if raw == "RMB" {
		return "CNY", j + 1
	}
	if raw == "€" {
		return "EUR", j + 1
	}
	// "12.3 billion out of rubles", a translation slip a source really made;
	// only with a scale word, where nothing else could be meant.
	if big && t.word(j) == "out" && t.word(j+1) == "of" {
		if _, ok := currencyWords[t.word(j+2)]; ok {
			j += 2
		}
	}
	country := opt.Country
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
	return w.resolve(country), end
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
