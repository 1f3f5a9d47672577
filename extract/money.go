package extract

import (
	"regexp"

	"github.com/cloudfacts/ingest/quantity"
)

// Investment and money rules.
//
//	investment/commit    "plans to invest $5 billion", "pledged 380 billion yuan", "investment plan of ..."
//	investment/facility  "the new facility is expected to cost AED1bn", money in a sentence
//	                     about building a facility
//	money/<label>        any other figure: revenue, market_spend, capex, bond, market_value, other
//
// Amounts below a million are not facts about the business ("a $5 coffee").
// Market-wide figures (market_spend, or a figure attributed to an analyst
// firm) have no company.

const minMoney = 1e6

var (
	reInvestCue = regexp.MustCompile(`(?i)\b(?:invest(?:s|ed|ing)?|planned (?:spending|investment|outlay)|investment (?:is|was|will be) (?:for|of|worth)|investments? (?:plan |program(?:me)? |commitment )?(?:of|worth|totall?ing)|(?:total|initial|planned|additional|minimum|fresh|new) investment|pledg(?:e|es|ed|ing)|commit(?:s|ted|ting|ment)?(?: to spend(?:ing)?)?|(?:plans?|planned|plan|intends?|set) to spend|will spend|spend(?:ing)? (?:of )?\S+ on|budget of|with a budget|plows?|plough(?:s|ed)?|pour(?:s|ed|ing)?|inject(?:s|ed|ing)?|earmark(?:s|ed)?|allocat(?:e|es|ed|ing))\b`)
	reCostCue   = regexp.MustCompile(`(?i)\b(?:cost(?:s|ing)?|valued at|worth)\b`)
	reForecast  = regexp.MustCompile(`(?i)\b(?:expects?|expected to (?:reach|hit|grow|top|exceed|surpass)|forecasts?|forecast(?:ed)?|projects?|projected|predicts?|estimated|is likely to|are likely to|to reach|market|industry|spending (?:stood|reached|hit|grew|rose|totall?ed|is|was|will)|global (?:cloud|AI|IT|data|tech)[\w -]* spending)\b`)
	reMoreAfter = regexp.MustCompile(`^\s*(?:\)\s*)?or more\b`)
	reSurpass   = regexp.MustCompile(`(?i)\b(?:surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|top(?:s|ped)?|passed|crossed|more than)\s+(?:\w+\s+)?$`)
	reEach      = regexp.MustCompile(`(?i)^[^.;]{0,20}\beach\b`)
	// The money word after the amount: "a $1.2 billion investment", "its
	// €1.5bn expansion plan", "US$1 billion in funding".
	reInvestAfter = regexp.MustCompile(`(?i)^\s*(?:\)\s*)?(?:[\w-]+\s+){0,2}?(?:investments?|expansion plan|investment plan|spending plan|planned spending|capital commitment|in (?:new )?(?:funding|investments?))\b`)
	reReceive     = regexp.MustCompile(`(?i)\b(?:raised|raises|raising|scored|secured|secures|received|receives|closed|valuation|Series [A-Z])\b`)
	reByOrg       = regexp.MustCompile(`^[^.;,]{0,30}?\bby\s+$`)
	reEachBefore  = regexp.MustCompile(`(?i)\beach\s+(?:\w+\s+){0,2}$`)
	reBuildCue    = regexp.MustCompile(`(?i)\b(?:build|building|construct|set up|open|launch|develop|establish|to be built|being built)\b`)
)

// moneyLabels classifies a figure that is not an investment, first match wins.
var moneyLabels = []struct {
	label string
	re    *regexp.Regexp
}{
	{"other", regexp.MustCompile(`(?i)\b(?:raised|raises|raising|funding round|round of funding|financing|grants?|incentives?)\b`)},
	{"bond", regexp.MustCompile(`(?i)\b(?:bonds?|notes|convertible|debentures?|sukuk)\b`)},
	{"market_value", regexp.MustCompile(`(?i)\b(?:valuation|valued at|market (?:cap|capitalization|capitalisation|value))\b`)},
	{"capex", regexp.MustCompile(`(?i)\b(?:capital expenditures?|capex|capital spending|expenses)\b`)},
	{"revenue", regexp.MustCompile(`(?i)\b(?:revenues?|sales|turnover|generat(?:e|es|ed|ing)|earn(?:s|ed|ings)?|income)\b`)},
	{"market_spend", regexp.MustCompile(`(?i)\b(?:spending|market|industry|forecasts?|expects?|expected to reach|investments? to reach|(?:is|are) likely to|cumulative)\b`)},
}

func moneyFacts(a *sentence, d *discourse) []Fact {
	var out []Fact
	for _, m := range a.money {
		if m.Amount < minMoney && (m.USD == 0 || m.USD < minMoney) {
			continue
		}
		q := m.Qualifier
		if q == "" {
			if reMoreAfter.MatchString(a.text[m.End:]) {
				q = "at least"
			} else if reSurpass.MatchString(a.text[:m.Start]) {
				q = "more than"
			}
		}
		before := a.text[max(0, m.Start-60):m.Start]
		if analystOnly(a) {
			// "Companies will spend $1 trillion, according to Dell'Oro."
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/analyst", Confidence: 0.7})
			continue
		}
		label := ""
		kind := TypeMoney
		rule := ""
		switch {
		case reInvestCue.MatchString(before) && !forecastNear(before):
			kind, rule = TypeInvestment, "investment/commit"
		case reInvestAfter.MatchString(a.text[m.End:]) && !reReceive.MatchString(a.text[max(0, m.Start-40):min(len(a.text), m.End+40)]):
			kind, rule = TypeInvestment, "investment/noun"
		case hasFacility(a) && (reCostCue.MatchString(before) || reBuildCue.MatchString(a.text)) && !forecastNear(before) && labelOf(a.text, m) != "revenue":
			kind, rule = TypeInvestment, "investment/facility"
		default:
			label = labelOf(a.text, m)
			rule = "money/" + label
		}
		f := Fact{
			Type:      kind,
			Amount:    m.Amount,
			Currency:  m.Currency,
			USD:       m.USD,
			Qualifier: q,
			Label:     label,
			Rule:      rule,
		}
		if kind == TypeInvestment {
			f.Period = quantity.Period(a.text[m.Start:clauseEnd(a.text, m.End)])
		}
		if label == "market_spend" {
			f.Confidence = 0.7
			out = append(out, f)
			continue
		}
		if reEconomicImpact.MatchString(a.text[m.End:min(len(a.text), m.End+40)]) {
			continue // "generate $15 billion in GDP": an impact estimate, not money spent
		}
		r := d.resolve(a, m.Start, true)
		// "$6.2 billion planned spending by Amazon's cloud unit AWS"
		for _, o := range a.orgs {
			if o.start > m.End && reByOrg.MatchString(a.text[m.End:o.start]) && o.kind == orgProvider {
				r = resolution{names: []string{o.name}, conf: 0.9, how: "by"}
				break
			}
		}
		if r.block {
			continue
		}
		switch {
		case len(r.names) > 1 && (reEach.MatchString(a.text[m.End:]) || reEachBefore.MatchString(a.text[:m.Start])):
			// "AWS, Google and Microsoft ... each to invest 100 billion baht"
			for _, name := range r.names {
				g := f
				g.Company = name
				g.Confidence = round2(0.8 * r.conf)
				out = append(out, g)
			}
			continue
		case len(r.names) == 1:
			f.Company = r.names[0]
			f.Confidence = round2(0.9 * r.conf)
		default:
			// Several providers together, or none: a joint or market
			// figure, worth keeping only when it is about the business.
			if len(r.names) == 0 && !reTechContext.MatchString(a.text) {
				continue
			}
			f.Confidence = 0.6
		}
		out = append(out, f)
	}
	return out
}

var reEconomicImpact = regexp.MustCompile(`(?i)^\s*(?:\)\s*)?(?:in|of|to)\s+(?:\w+\s+)?(?:GDP|gross domestic product|economic (?:output|impact|activity|value|benefits?)|the (?:local |national )?economy)\b`)

// reTechContext marks a sentence about cloud, AI or data-center business.
var reTechContext = regexp.MustCompile(`(?i)\b(?:cloud|AI|artificial intelligence|data[ -]?cent(?:er|re)s?|datacent(?:er|re)s?|infrastructure|computing|compute|hyperscal\w*|servers?|GPUs?|digital|tech|technology|internet|software|IT)\b`)

func forecastNear(before string) bool {
	return reForecast.MatchString(before) && !reCommitVerb.MatchString(before)
}

var reCommitVerb = regexp.MustCompile(`(?i)\b(?:will invest|to invest|pledg\w*|commit\w*|plans to spend|invested)\b`)

// labelOf picks the label whose keyword is nearest the amount: in "raised
// $13 billion at a $183 billion valuation" the first is funding, the second
// the valuation.
func labelOf(s string, m quantity.Money) string {
	lo, hi := max(0, m.Start-80), min(len(s), m.End+60)
	best, dist := "other", 1<<30
	for _, l := range moneyLabels {
		for _, k := range l.re.FindAllStringIndex(s[lo:hi], -1) {
			ks, ke := lo+k[0], lo+k[1]
			d := 0
			switch {
			case ke <= m.Start:
				d = m.Start - ke
			case ks >= m.End:
				d = ks - m.End
			}
			if d < dist {
				best, dist = l.label, d
			}
		}
	}
	return best
}

// analystOnly reports a sentence that names an analyst firm and no provider.
func analystOnly(a *sentence) bool {
	analyst := false
	for _, o := range a.orgs {
		switch o.kind {
		case orgProvider:
			return false
		case orgAnalyst:
			analyst = true
		}
	}
	return analyst
}

func hasFacility(a *sentence) bool {
	for _, f := range a.facs {
		if !f.weak || f.kind == FacilityDataCenter {
			return true
		}
	}
	return false
}
