package extract

import (
	"strings"

	"github.com/cloudfacts/ingest/quantity"
)

// Lists that pair companies with amounts:
//
//	Other projects include Acme from Chile, with an investment value of 9
//	billion pesos; Borealis DC from Norway (4 billion pesos); and Kestrel
//	(KDC) from Peru (2 billion pesos).
//
// Each item (split at ";") names a company, often one the gazetteer does
// not know, and one amount; the cue that governs the first amount ("an
// investment value of", "projects include") governs them all.

// moneyListItem is one item of such a list: its figure and its company.
type moneyListItem struct {
	fig   int    // index into sentence.money
	name  string // the company; "" when the item names none
	org   *orgMention
	start int // where the item begins
}

// reItemNameNext is what may follow a company's name inside a list item:
// its origin, a bracketed amount, a comma, "with", or the amount itself.
var reItemNameNext = mustRx(`^(?:\s+from\b|\s*\(|,|\s+with\b|\s+at\b|\s*:|\s*[-–—]|\s+\p{Sc}|\s+(?:[A-Z]{3}\s+)?\d)`)

// rePrepRight: a preposition right before a capitalised run makes it a
// place or a time, not an item's company ("from Singapore", "in March").
var rePrepRight = mustRx(`(?i)\b(?:from|in|of|on|at|by|to|the|since|until|for)\s+$`)

// moneyList returns the items of a company/amount list in a, or nil when a
// is not one: at least two ";"-separated items, each with exactly one
// amount, and at least two of them naming their company before it.
func moneyList(a *sentence) []moneyListItem {
	if strings.Count(a.text, ";") == 0 || len(a.money) < 2 {
		return nil
	}
	var items []moneyListItem
	named := 0
	start := 0
	fig := 0
	for start <= len(a.text) {
		end := strings.IndexByte(a.text[start:], ';')
		if end < 0 {
			end = len(a.text)
		} else {
			end += start
		}
		var in []int
		for ; fig < len(a.money) && a.money[fig].Start < end; fig++ {
			if a.money[fig].Start >= start {
				in = append(in, fig)
			}
		}
		if len(in) != 1 {
			return nil
		}
		it := moneyListItem{fig: in[0], start: start}
		it.name, it.org = itemCompany(a, start, a.money[in[0]].Start)
		if it.name != "" || it.org != nil {
			named++
		}
		items = append(items, it)
		start = end + 1
	}
	if len(items) < 2 || named < 2 {
		return nil
	}
	return items
}

// itemCompany is the company a list item [lo,hi) names before its amount:
// an organisation the sentence already knows, else a capitalised name
// ("Borealis DC", or "Kestrel" with its bracketed short name "KDC") that
// is not a place, not a month, not the sentence's first word and not after
// a preposition, followed by its origin, a bracket or a comma.
func itemCompany(a *sentence, lo, hi int) (string, *orgMention) {
	for i := range a.orgs {
		if o := &a.orgs[i]; o.start >= lo && o.end <= hi {
			return o.name, o
		}
	}
	seg := a.text[lo:hi]
	for _, run := range capitalisedRuns(seg) {
		s, e := lo+run[0].start, lo+run[len(run)-1].end
		if s == 0 || rePrepRight.MatchString(window(a.text, s, 12)) || calendarWord(run[0].text) {
			continue
		}
		if placeRun(a, s, e) || allGeneric(run) {
			continue
		}
		rest := a.text[e:hi]
		if m := reShortName.FindStringSubmatch(rest); m != nil && !strings.ContainsAny(m[1], "0123456789") {
			// "Kestrel (KDC)": the bracketed name is what the company is
			// called.
			return m[1], nil
		}
		if !reItemNameNext.MatchString(rest) && strings.TrimSpace(rest) != "" {
			continue
		}
		return joinWords(run), nil
	}
	return "", nil
}

// placeRun reports a run the sentence reads as a place.
func placeRun(a *sentence, s, e int) bool {
	for _, p := range a.places {
		if p.start <= s && p.end >= e || p.start >= s && p.end <= e && p.end-p.start >= (e-s)/2 {
			return true
		}
	}
	return false
}

func allGeneric(run []word) bool {
	for _, w := range run {
		if !genericNameWord(w.text) {
			return false
		}
	}
	return true
}

// listFacts are the facts of a company/amount list: every amount takes the
// class of the first one that has a cue, and each item's company.
func listFacts(a *sentence, d *discourse, items []moneyListItem) []Fact {
	class := figureClass{}
	prevEnd, prev := -1, figureClass{}
	for _, it := range items {
		m := a.money[it.fig]
		fc := classifyFigure(a, m, prevEnd, prev)
		prevEnd, prev = m.End, fc
		if fc.class != "" {
			class = fc
			break
		}
	}
	switch class.class {
	case "", "drop", "market":
		return nil
	}
	var out []Fact
	for _, it := range items {
		m := a.money[it.fig]
		if m.Amount < minMoney && m.USD < minMoney {
			continue
		}
		name := it.name
		if it.org != nil && it.org.kind != orgProvider {
			continue // a government body or an analyst in the list
		}
		if name == "" {
			continue
		}
		f := Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
			Qualifier: qualifierOf(a.text, m), Company: name, Confidence: 0.7}
		switch class.class {
		case "invest":
			f.Type, f.Rule = TypeInvestment, "investment/list"
			f.Period = quantity.Period(a.text[m.Start:clauseEnd(a.text, m.End)])
		case "mvalue":
			f.Label, f.Rule = "market_value", "money/market_value:list"
		default:
			f.Label, f.Rule = class.class, "money/"+class.class+":list"
		}
		out = append(out, f)
	}
	return out
}
