package quantity

// Number is a count-like figure: digits or words, with the hedge before it
// and, for "two to three" or "2-3", the upper end of the range.
type Number struct {
	Start, End int
	Text       string
	Value      float64
	Qualifier  string  // MoreThan, AtLeast, About, UpTo, LessThan or ""
	RangeTo    float64 // upper end of a range, 0 if not a range
}

// units after a figure make it a measurement, not a count. Lowercased.
var units = map[string]bool{
	"mw": true, "gw": true, "kw": true, "tw": true, "mwh": true, "gwh": true, "twh": true,
	"kwh": true, "mva": true, "kva": true, "kv": true, "megawatt": true, "megawatts": true,
	"gigawatt": true, "gigawatts": true, "kilowatt": true, "kilowatts": true,
	"terawatt": true, "terawatts": true, "watts": true,
	"ms": true, "ns": true, "millisecond": true, "milliseconds": true,
	"microseconds": true, "nanoseconds": true, "sec": true, "secs": true,
	"second": true, "seconds": true, "min": true, "mins": true, "minute": true,
	"minutes": true, "hr": true, "hrs": true, "hour": true, "hours": true,
	"hz": true, "khz": true, "mhz": true, "ghz": true, "thz": true,
	"kbps": true, "mbps": true, "gbps": true, "tbps": true,
	"kb": true, "mb": true, "gb": true, "tb": true, "pb": true, "eb": true, "zb": true,
	"megabytes": true, "gigabytes": true, "terabytes": true, "petabytes": true,
	"exabytes": true, "zettabytes": true,
	"km": true, "kilometres": true, "kilometers": true, "kilometre": true,
	"kilometer": true, "mi": true, "mile": true, "miles": true, "m": true,
	"metres": true, "meters": true, "metre": true, "meter": true, "cm": true,
	"mm": true, "nm": true, "ft": true, "feet": true, "foot": true, "sq": true,
	"sqm": true, "square": true, "acre": true, "acres": true, "hectare": true,
	"hectares": true, "ha": true, "tons": true, "tonnes": true, "ton": true,
	"tonne": true, "kg": true, "kilograms": true, "litres": true, "liters": true,
	"gallons": true, "x": true, "flops": true, "teraflops": true, "petaflops": true,
	"exaflops": true, "tflops": true, "pflops": true, "eflops": true, "degrees": true,
	// percentages
	"percent": true, "pct": true, "percentage": true, "bps": true, "basis": true,
	// clock times
	"gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "et": true,
	"est": true, "edt": true, "pt": true, "pst": true, "pdt": true, "ist": true,
	"jst": true, "sgt": true, "hkt": true, "am": true, "pm": true,
}

// months, capitalised, as in "March 4" or "4 Sept.".
var months = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true,
	"November": true, "December": true, "Jan": true, "Feb": true, "Mar": true,
	"Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true, "Sept": true,
	"Oct": true, "Nov": true, "Dec": true,
}

// productWords name things by number ("Windows 11", "Phase 2", "Llama 3").
var productWords = map[string]bool{
	"Windows": true, "iPhone": true, "iOS": true, "Android": true, "macOS": true,
	"Xbox": true, "PlayStation": true, "Galaxy": true, "Pixel": true, "Office": true,
	"Llama": true, "Gemini": true, "Claude": true, "GPT": true, "Qwen": true,
	"Grok": true, "DeepSeek": true, "Mistral": true, "Ernie": true, "Hunyuan": true,
	"Doubao": true, "Kimi": true, "Phi": true, "Gemma": true, "Nova": true,
	"Graviton": true, "Trainium": true, "Inferentia": true, "Cobalt": true,
	"Maia": true, "TPU": true, "Ascend": true, "Kunpeng": true, "Yitian": true,
	"Phase": true, "Version": true, "Gen": true, "Generation": true,
	"Series": true, "Model": true, "Tier": true, "Level": true, "Stage": true,
	"Round": true, "Chapter": true, "Section": true, "Article": true, "Rule": true,
	"Page": true, "Terminal": true, "Building": true, "Block": true, "Unit": true,
	"Route": true, "Highway": true, "Road": true, "Street": true, "Lot": true,
	"Plot": true, "Floor": true, "Room": true, "Suite": true, "Gate": true,
	"Number": true, "No": true, "Nos": true, "Web": true, "Industry": true,
	"Formula": true, "Covid": true, "COVID": true, "Microsoft": true, "Dynamics": true,
	// Indexes and rankings: "Fortune 500", "FTSE 100", "S&P 500".
	"Fortune": true, "Forbes": true, "FTSE": true, "Nikkei": true, "Nasdaq": true,
	"DAX": true, "CAC": true, "Stoxx": true, "STOXX": true, "Sensex": true, "Nifty": true,
	"Hang": true, "Seng": true, "KOSPI": true, "Kospi": true, "ASX": true, "P": true,
}

// Numbers returns the count-like figures in s, in order. Years, dates,
// times, percentages, measurements, money and names with numbers in them
// are left out.
func Numbers(s string) []Number { return newText(s).numbers() }

func (t *text) numbers() []Number {
	money := t.money(MoneyOptions{})
	var out []Number
	mi := 0
	for i := 0; i < len(t.toks); {
		for mi < len(money) && money[mi].End <= t.toks[i].start {
			mi++
		}
		if mi < len(money) && money[mi].Start <= t.toks[i].start {
			i++
			continue
		}
		k, _ := t.kind(i)
		if k == tSym {
			i++
			continue
		}
		a, ok := t.parseAmount(i)
		if !ok {
			i++
			continue
		}
		if !t.countLike(a, false) {
			i = a.last
			continue
		}
		n := Number{Value: a.value}
		last := a.last
		b, ok, shared := t.rangeAfter(a)
		if shared {
			i = b.last // "3 to 4 GW": the unit of the upper end is also the lower's
			continue
		}
		if ok {
			n.RangeTo = b.value
			if a.exp == 0 && b.exp > 0 {
				if a.words {
					n.Value = a.value * pow10(b.exp)
				} else {
					n.Value = t.numValue(a.first, b.exp)
				}
			}
			last = b.last
		}
		if mi < len(money) && money[mi].Start < t.toks[last-1].end {
			i = last
			continue
		}
		n.Qualifier = t.numberQualifier(a.first, last)
		if n.Qualifier == "" {
			// The hedge stays outside Text: Text is the figure itself.
			n.Qualifier, _ = t.qualifierAfter(last)
		}
		n.Start, n.End = t.toks[a.first].start, t.toks[last-1].end
		n.Text = t.s[n.Start:n.End]
		out = append(out, n)
		i = last
	}
	return out
}

// countLike rejects figures that are years, dates, times, versions,
// percentages, measurements or parts of names. upper is set for the second
// figure of a range, whose leading "-" is the range's own.
func (t *text) countLike(a amount, upper bool) bool {
	i, j := a.first, a.last
	if !a.words {
		if t.gluedToLetters(i) || t.isWord(j) && t.glued(j) {
			return false // "Qwen3", "SBG2", "5G", "1st", "100MW", "2020s"
		}
		if t.glued(i) && !upper {
			switch t.sym(i - 1) {
			case "-", "–", "/", ":", ".", "#", "+":
				if t.glued(i-1) && (t.isWord(i-2) || t.isNum(i-2)) || t.sym(i-1) == "#" {
					return false // "GPT-4", "2026-30", "24/7", "v1.2", "#1"
				}
			}
		}
		if s := t.sym(j); (s == "/" || s == ":" || s == ".") && t.glued(j) && t.isNum(j+1) && t.glued(j+1) {
			return false // "2020/05/08", "9:30", "1.2.3"
		}
		if (t.sym(j) == "-") && t.isNum(j+1) && t.sym(j+2) == "-" && t.isNum(j+3) {
			return false // "12-05-2024"
		}
		if a.exp == 0 && t.isYear(i) {
			return false
		}
		if r := t.raw(i); len(r) > 1 && r[0] == '0' && r[1] != '.' {
			return false // "02124", "0900": codes and clock times
		}
		if t.sym(j) == "-" && t.glued(j) && t.glued(j+1) && len(t.raw(j+1)) == 1 && t.isWord(j+1) {
			return false // "20-F", "737-X"
		}
		if a.exp == 0 && a.value <= 31 && t.isPlainInt(i) {
			prev := i - 1
			if t.sym(prev) == "." {
				prev--
			}
			if months[t.raw(prev)] && t.isWord(prev) || months[t.raw(j)] && t.isWord(j) {
				return false // "March 4", "4 March"
			}
			if t.sym(j) == "," && t.isYear(j+1) {
				return false // "SEP 5, 2023"
			}
		}
		if t.isWord(i-1) && productWords[t.raw(i-1)] || t.sym(i-1) == "." && t.raw(i-2) == "No" {
			return false
		}
		if r := t.raw(i - 1); len(r) == 1 && r[0] >= 'B' && r[0] <= 'Z' && r != "I" && t.isWord(i-1) {
			return false // "Plan B 2", "Tier C 3": a letter names what follows
		}
	} else {
		if t.glued(i) && t.sym(i-1) == "-" && t.glued(i-1) && t.isWord(i-2) {
			return false // "Gen-Two"
		}
		if a.bareOne && !t.oneIsCount(i) {
			return false
		}
		if a.last == i+1 && t.word(i) == "zero" && t.sym(j) == "-" {
			return false // "zero-coupon", "zero-carbon"
		}
		if t.sym(j) == "-" && t.glued(j) && isFractionWord(t.word(j+1)) {
			return false // "two-thirds"
		}
	}
	// What follows: "%", "percent", "per cent", units, "a.m.".
	if s := t.sym(j); s == "%" || s == "°" || s == "‰" {
		return false
	}
	n := j
	if t.sym(n) == "-" && t.glued(n) {
		n++ // "100-MW", "ten-minute"
	}
	if units[t.word(n)] {
		return false
	}
	if t.word(j) == "per" && t.word(j+1) == "cent" {
		return false
	}
	if (t.word(j) == "a" || t.word(j) == "p") && t.sym(j+1) == "." && t.word(j+2) == "m" {
		return false
	}
	return true
}

// oneIsCount tells "one data center" from "one of the", "one-stop", "no
// one" and "Xbox One".
func (t *text) oneIsCount(i int) bool {
	switch t.word(i + 1) {
	case "of", "another", "day", "way", "thing":
		return false
	}
	if t.sym(i+1) == "-" && t.glued(i+1) {
		if _, ok := t.parseWords(i + 2); !ok {
			return false // "one-stop", "one-time", "one-off"
		}
	}
	switch t.word(i - 1) {
	case "the", "this", "that", "no", "any", "each", "every", "which", "another", "someone", "a":
		return false
	}
	if t.raw(i) == "One" && i > 0 && t.isWord(i-1) {
		r := t.raw(i - 1)
		if r[0] >= 'A' && r[0] <= 'Z' {
			return false
		}
	}
	return true
}

// rangeAfter reads the upper end of "2-3", "2 to 3", "two to three" or
// "between 2 and 3", of the same kind (digits or words) and larger. shared
// reports a range whose upper end is no count ("3 to 4 GW"), which makes the
// lower end none either.
func (t *text) rangeAfter(a amount) (b amount, ok, shared bool) {
	j := a.last
	switch {
	case t.sym(j) == "-" || t.sym(j) == "–" || t.sym(j) == "—":
		if a.words || t.glued(j) != t.glued(j+1) {
			return amount{}, false, false
		}
	case t.word(j) == "to":
		if t.word(a.first-1) == "from" {
			return amount{}, false, false // "grew from 15 to 40": a change, two figures
		}
	case t.word(j) == "and" && t.word(a.first-1) == "between":
	default:
		return amount{}, false, false
	}
	b, ok = t.parseAmount(j + 1)
	if !ok || b.words != a.words || (a.exp > 0 && b.exp == 0) {
		return amount{}, false, false
	}
	lo := a.value
	if a.exp == 0 {
		lo *= pow10(b.exp)
	}
	if b.value <= lo {
		return amount{}, false, false
	}
	if !t.countLike(b, true) {
		return b, false, true
	}
	return b, true, false
}

// fractionWords after "two-" make a fraction: "two-thirds", "one-half".
func isFractionWord(w string) bool {
	switch w {
	case "half", "halves", "quarter", "quarters", "thirds", "fifths", "sixths",
		"sevenths", "eighths", "ninths", "tenths":
		return true
	}
	_, ok := ordinalWords[w]
	return ok
}

// timeUnits after a figure make "over"/"under" a duration, not a hedge:
// the units of data/periods.tsv.
var timeUnits = func() map[string]bool {
	m := map[string]bool{}
	for w := range spanUnits {
		m[w] = true
	}
	return m
}()

func (t *text) numberQualifier(first, last int) string {
	q, at := t.qualifierBefore(first)
	if q == MoreThan && t.word(at) == "over" || q == LessThan && t.word(at) == "under" {
		n := last
		if t.sym(n) == "-" {
			n++
		}
		if timeUnits[t.word(n)] {
			return "" // "over three years" is a period
		}
	}
	return q
}
