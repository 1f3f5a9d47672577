package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/quantity"
)

// Investment and money rules.
//
// A figure is classified by what governs it (data/money_cues.txt): the
// nearest cue before it in its clause, after the previous figure (the
// predicate, or the subject noun of a copula), and the noun right after it.
// A verb before the figure outweighs a noun after it; a noun after it
// outweighs a noun before it. The rule id names the class and where its cue
// stood ("investment/verb", "money/revenue:after").
//
//	investment        money a named company commits or has spent on
//	                  infrastructure, buying data centers included
//	money/capex       capital spending; an investment figure with a
//	                  company-wide scope ("in fiscal 2025") and no country
//	money/other       funding received, loans, deals, contracts, buying a
//	                  company, profits
//	money/revenue, money/bond, money/market_value
//	money/market_spend  market-wide figures: company null
//
// Not annotated, so no fact: government and public money, economic-impact
// projections ("generate $10 billion in new revenue and 30,000 jobs"),
// spending by unnamed companies, figures of organisations that are not
// providers, figures with no cue at all, amounts below a million.

const minMoney = 1e6

// moneyCues is the cue list; see data/money_cues.txt for the classes.
var moneyCues = mustLexicon("money_cues")

// Windows, in bytes: how far back the governing cue may stand, how far
// after the figure its noun may follow.
const (
	cueWindowBefore = 120
	cueWindowAfter  = 40
)

// placeAfter reports a country or city named after off in its clause: a
// spending figure with a place is an investment there.
func placeAfter(a *sentence, off int) bool {
	hi := clauseEnd(a.text, off)
	for _, p := range a.places {
		if p.start >= off && p.start < hi && p.country != "" && !p.demonym {
			return true
		}
	}
	return false
}

// namedAfter reports a name of names that the sentence mentions only
// after off.
func namedAfter(a *sentence, names []string, off int) bool {
	for _, name := range names {
		before, after := false, false
		for _, o := range a.orgs {
			if o.name == name {
				if o.start < off {
					before = true
				} else {
					after = true
				}
			}
		}
		if after && !before {
			return true
		}
	}
	return false
}

// reCollective marks one figure for several spenders together: "a
// collective total of", "combined", "between them".
var reCollective = mustRx(`(?i)\b(?:collective(?:ly)?|combined|between them|together)\b`)

// reOnBefore is "on" (with a determiner) between a figure and its object.
var reOnBefore = mustRx(`^\s+(?:(?:a|per|each|every)\s+(?:year|quarter|month)\s+|annually\s+)?on\s+(?:(?:its|their|the|new)\s+)?$`)

// moneyCue is one cue found near a figure.
type moneyCue struct {
	start, end int
	class      string // invest, capex, other, revenue, market, bond, mvalue, value, buy, asset, firm, public, impact, impactverb, scope
	verb       bool
}

func moneyCuesIn(s string, lo, hi int) []moneyCue {
	var out []moneyCue
	for _, m := range moneyCues.find(s[lo:hi]) {
		class, role, _ := strings.Cut(m.tag, " ")
		if role == "noun" && lo+m.end < len(s) && s[lo+m.end] == '-' || lo+m.start > 0 && s[lo+m.start-1] == '-' {
			// "investment-grade bonds", "debt-free", "a four-building
			// campus": a word joined to another by a hyphen modifies a
			// noun and names no kind of money.
			continue
		}
		out = append(out, moneyCue{start: lo + m.start, end: lo + m.end, class: class, verb: role == "verb"})
	}
	return out
}

// figureClass is what a figure is, before company resolution.
type figureClass struct {
	class string // invest, capex, other, revenue, market, bond, mvalue; "" for none; "drop" when excluded
	where string // "verb", "noun", "after", "inherit", "facility": for the rule id
}

var (
	reMoreAfter  = mustRx(`^\s*(?:\)\s*)?or more\b`)
	reSurpass    = mustRx(`(?i)\b(?:surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|top(?:s|ped)?|passed|crossed|more than)\s+(?:\w+\s+)?$`)
	reEstimated  = mustRx(`(?i)\b(?:an estimated|estimated at|roughly|approximately|estimated to (?:cost|total|be worth|require|need)|(?:an?|the)\s+(?:estimated|approximate)\s+(?:total\s+)?(?:cost|price tag|investment|value|outlay|budget)\s+of)\s+$`)
	reMayReach   = mustRx(`(?i)\b(?:may|could|might) (?:even )?(?:reach|hit|top)\s+$`)
	reEach       = mustRx(`(?i)^[^.;]{0,20}\beach\b`)
	reEachBefore = mustRx(`(?i)\beach\s+(?:\w+\s+){0,2}(?:(?:more|fewer|less)\s+than\s+|over\s+|about\s+|around\s+|nearly\s+|at\s+least\s+|up\s+to\s+)?$`)
	reByOrg      = mustRx(`^[^.;,]{0,30}?\bby\s+$`)
	reBuildCue   = mustRx(`(?i)\b(?:build|building|construct|set up|open|launch|develop|establish|to be built|being built|to expand|expanding)\b`)
	rePrepNear   = mustRx(`(?i)\b(?:by|from|of|for|to|with)\s+(?:[^\s:;,]+\s+){0,2}$`)
	// "7 trillion won, including $4 billion raised ...": a part of the
	// figure before.
	rePartOf = mustRx(`(?i)^(?:[^;:$€£¥]{0,80}?,)?[\s,)]*(?:including|of which|among them|incl\.)\s+(?:(?:more\s+than|about|around|nearly|almost|some|over|roughly)\s+)?$`)
	// "..., Nebius said": the speaker of a figure.
	reSpeakerAfter = mustRx(`^\s+(?:said|says|told|announced|reported|confirmed|added|noted|stated|disclosed)\b`)
	// "for cloud and AI infrastructure", "for two data centres".
	reForAsset = mustRx(`(?i)^[^;:]{0,40}?\bfor\s+(?:(?:its|their|the|a|an|new|two|three|four|five|six|several|\d+)\s+)?(?:[\w-]+\s+){0,4}?(?:infrastructure|data[ -]?cent(?:er|re)s?|datacent(?:er|re)s?|data[ -]?cent(?:er|re) (?:complex|park|cluster)(?:es|s)?|campus(?:es)?|cloud regions?|facilit(?:y|ies))\b`)
	// "up from the $35 billion", "compared with $85 billion a year ago",
	// "on top of the £2.5 billion already announced".
	reComparedWith = mustRx(`(?i)^[^;:]{0,40}?\b(?:up|down|rising|falling|increasing|decreasing|raised|lowered|cut)?\s*(?:from|compared (?:with|to)|versus|vs\.?|on top of|in addition to|besides|adding to|adds to|(?:(?:roughly|about|nearly|almost|more than|over|some)\s+)?(?:double|twice|triple|treble|half|(?:two|three|four) times))\s+(?:(?:the|a|an|its|their)\s+)?(?:(?:prior|previous|earlier|initial|original)\s+)?(?:(?:forecast|guidance|estimate|target)\s+(?:of\s+)?)?(?:(?:more than|over|about|around|nearly|almost|some|roughly|at least)\s+)?$`)
	// "an MoU with the state government": a partner, not the spender.
	rePartnerBefore = mustRx(`(?i)\b(?:with|alongside|and)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$`)
	// "$4 billion raised through investment from AWS".
	reInvestorFrom = mustRx(`(?i)^[^.;()]{0,50}?\b(?:investments?|funding|financing|capital|contributions?)\s+from\s+(?:the\s+)?$`)
	reCompoundGap  = mustRx(`^[\s-]$`)
	reForGap       = mustRx(`(?i)^\s+for\s+`)
	// "grow from 6.2 trillion won in 2024 to more than 10 trillion won":
	// where a figure goes is of the kind it comes from.
	reRangeTo     = mustRx(`(?i)^(?:\s*\([^)]{0,40}\))?(?:\s+(?:(?:in|for|at\s+the\s+end\s+of)\s+)?(?:\d{4}|fiscal\s+\d{2,4}|FY\s?\d{2,4}|the\s+\w+\s+(?:year|quarter)|last\s+year|this\s+year))?\s*,?\s+to\s+(?:(?:about|around|nearly|almost|more\s+than|over|some|at\s+least|roughly|an\s+estimated)\s+)?$`)
	reCoordinated = mustRx(`(?i)^[^;:]{0,40}?\b(?:and|or|plus|as well as)\b[^;:]{0,20}$`)
)

// reEconomicImpact: "generate $15 billion in GDP".
var reEconomicImpact = mustRx(`(?i)^\s*(?:\)\s*)?(?:\w+\s+)?(?:in|of|to)\s+(?:\w+\s+)?(?:\w+'s\s+)?(?:GDP|gross domestic product|economic (?:output|impact|activity|value|benefits?)|the (?:local |national )?economy)\b`)

// reTechContext marks a sentence about cloud, AI or data-center business.
var reTechContext = mustRx(`(?i)\b(?:cloud|AI|artificial intelligence|data[ -]?cent(?:er|re)s?|datacent(?:er|re)s?|infrastructure|computing|compute|hyperscal\w*|servers?|GPUs?|digital|tech|technology|internet|software|IT|colocation|co-location)\b`)

func moneyFacts(a *sentence, d *discourse) []Fact {
	if items := moneyList(a); items != nil {
		if fs := listFacts(a, d, items); len(fs) > 0 {
			return fs
		}
	}
	var out []Fact
	prevEnd, prevClass := -1, figureClass{}
	for _, m := range a.money {
		if m.Amount < minMoney && (m.USD == 0 || m.USD < minMoney) {
			continue // "$1.7-$1.9 billion" read as $1.7 and $1.9 billion
		}
		fc := classifyFigure(a, m, prevEnd, prevClass)
		prevEnd, prevClass = m.End, fc
		if fc.class == "" && analystOnly(a) {
			fc = figureClass{class: "market", where: "analyst"}
		}
		agg := aggregateFigure(a, m)
		if fc.class == "drop" || fc.class == "" && !agg {
			continue
		}
		q := qualifierOf(a.text, m)
		if agg && (reTechContext.MatchString(a.text) || len(d.freq) > 0) {
			// "the 37 approved projects have a combined investment value
			// of ...": a total over many companies' projects.
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/market_spend:aggregate", Confidence: 0.6})
			continue
		}
		if fc.class == "market" || analystOnly(a) && fc.class != "other" && fc.class != "bond" {
			// "Companies will spend $1 trillion, according to Dell'Oro."
			if !reTechContext.MatchString(a.text) {
				continue
			}
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/market_spend:" + fc.where, Confidence: 0.7})
			continue
		}
		f := Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD, Qualifier: q}
		switch fc.class {
		case "invest":
			if companyWide(a) {
				f.Label, f.Rule = "capex", "money/capex:scope"
			} else {
				f.Type, f.Rule = TypeInvestment, "investment/"+fc.where
				f.Period = quantity.Period(a.text[m.Start:clauseEnd(a.text, m.End)])
			}
		case "mvalue":
			f.Label, f.Rule = "market_value", "money/market_value:"+fc.where
		default:
			f.Label, f.Rule = fc.class, "money/"+fc.class+":"+fc.where
		}
		if (fc.class == "invest" || fc.class == "revenue" || fc.class == "other") && marketSubject(a, m) && reTechContext.MatchString(a.text) {
			// "Spain's data-centre market is expected to generate revenue
			// of about 5.5 billion euros", "the sector will attract 9.2
			// billion dollars in investment": a market's figure.
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/market_spend:subject", Confidence: 0.7})
			continue
		}
		r := moneyOwner(a, d, m, fc.class)
		if (fc.class == "invest" || fc.class == "revenue") && (len(r.names) == 0 || r.how == "context" || r.how == "after" || r.block && r.how == "other") && marketWideSubject(a, m) {
			// (A name after the figure is its source, "according to
			// Bain Partners", not its spender.)
			// "Colocation revenue in Australia rose to A$3.2 billion",
			// "Data centre investment in Malaysia hit RM114.7 billion":
			// a sector's figure with no company before it is the
			// market's, whatever provider the article is about.
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/market_spend:sector", Confidence: 0.7})
			continue
		}
		if r.how == "analyst" && fc.class == "invest" && reTechContext.MatchString(a.text) {
			// "Analysts at Bitkom estimate that German companies will
			// spend 33 billion euros on cloud services": spending an
			// analyst sizes is the market's.
			out = append(out, Fact{Type: TypeMoney, Amount: m.Amount, Currency: m.Currency, USD: m.USD,
				Qualifier: q, Label: "market_spend", Rule: "money/market_spend:analyst", Confidence: 0.7})
			continue
		}
		if r.block || r.how == "generic" || r.how == "analyst" {
			continue
		}
		if r.how == "context" && !d.onTopic() {
			// "Student loans total $1.5 trillion" in an article that once
			// named a provider: an article not about facilities gives
			// figures to no provider by context.
			continue
		}
		switch {
		case len(r.names) == 1:
			// ("Digital Realty and Brookfield will jointly invest $7
			// billion": the provider's, as a partner's share is.)
			f.Company = r.names[0]
			f.Confidence = round2(0.9 * r.conf)
		case len(r.names) > 1:
			each := reEach.MatchString(a.text[m.End:min(len(a.text), m.End+40)]) || reEachBefore.MatchString(a.text[max(0, m.Start-40):m.Start])
			if !each && (reCollective.MatchString(a.text[max(0, m.Start-60):min(len(a.text), m.End+40)]) || namedAfter(a, r.names, m.Start)) {
				// "will invest a collective total of 300 billion baht":
				// one figure for all of them, company null; names only
				// after it ("driven by agreements with OpenAI, Meta and
				// xAI") are whom it concerns, not who spends it.
				f.Confidence = 0.6
				break
			}
			// "AWS, Google and Microsoft ... each to invest 100 billion
			// baht"; "SK Telecom and AWS will jointly invest 7 trillion
			// won", "they would invest $1 billion": each partner commits
			// the joint figure (as annotators read it).
			conf := 0.7
			if each {
				conf = 0.8
			}
			for _, name := range r.names {
				g := f
				g.Company = name
				g.Confidence = round2(conf * r.conf)
				out = append(out, g)
			}
			continue
		default:
			continue // nobody named: not a company's money
		}
		out = append(out, f)
	}
	return out
}

// reSectorMoneySubject opens a sentence with a sector's money as its
// subject, up to the figure: "Colocation revenue in Australia rose to",
// "Investment in Chilean data centers totalled".
var reSectorMoneySubject = mustRx(`(?i)^(?:[^,;]{0,80}?\b(?:says|said|estimates|estimated|reported|reports|shows|showed)\s+(?:that\s+)?)?(?:The\s+)?(?:(?-i:\p{Lu}[\p{L}.]*)(?:['’]s)?\s+)?(?:(?:total|annual|overall|combined|colocation|cloud|data[ -]?cent(?:er|re)|hyperscale|AI|infrastructure)\s+){0,3}(?:revenue|revenues|investment|investments|spending|sales)\s+(?:(?:in|from|on|across|for|into)\s+[^,;]{1,60}?\s+)?(?:rose|grew|reached|hit|totall?ed|topped|climbed|jumped|increased|surged|amounted|stood|was|were|(?:will|would|is\s+expected\s+to|are\s+expected\s+to|is\s+forecast\s+to|could)\s+(?:exceed|reach|top|hit|surpass|total))\s+(?:(?:\d+(?:\.\d+)?%|[\w-]+\s+per\s?cent)\s+)?(?:to\s+|at\s+)?(?:(?:about|around|nearly|almost|more\s+than|over|some)\s+)?(?:an?\s+)?(?:(?:annuali[sz]ed|estimated|record|combined)\s+)?$`)

// marketWideSubject reports figure m as the predicate of a sector's money
// with no organisation or reference to one before it, in a sentence about
// cloud, AI or data centres.
func marketWideSubject(a *sentence, m quantity.Money) bool {
	if !reSectorMoneySubject.MatchString(a.text[:m.Start]) || !reTechContext.MatchString(a.text) {
		return false
	}
	for _, o := range a.orgs {
		if o.start < m.Start && !publicBody(o.name) {
			// ("in the six Gulf Cooperation Council states": a public
			// body names a place, not a spender.)
			return false
		}
	}
	for _, s := range a.anaphors {
		if s.start < m.Start {
			return false
		}
	}
	// A place in the subject makes it a sector's ("in Australia", "in
	// Chilean data centers"), and so does a report as the source; "Cloud
	// revenue rose to $4.1 billion" alone is the company's in context.
	for _, p := range a.places {
		if p.start < m.Start && !p.ref {
			return true
		}
	}
	if reReportSource.MatchString(a.text[m.End:]) {
		return true
	}
	loc := reAccordingToName.FindStringIndex(a.text[m.End:])
	if loc == nil {
		return false
	}
	// "according to Knight Frank" names a source; "according to
	// Microsoft" names whose revenue it is.
	name := m.End + loc[0] + strings.IndexFunc(a.text[m.End+loc[0]:m.End+loc[1]], unicode.IsUpper)
	return !slices.ContainsFunc(a.orgs, func(o orgMention) bool { return o.start <= name && name < o.end && o.kind == orgProvider })
}

// reAccordingToName names a source: "according to Knight Frank" (no
// company stands before the figure, so the name is the source's).
var reAccordingToName = mustRx(`\baccording to (?:the )?[A-Z][\w&.-]*`)

var reReportSource = mustRx(`(?i)\b(?:according to (?:the |a )?(?:report|study|survey|research|analysts?|data|estimates|figures|forecasts?)|(?:the )?(?:research|consulting|consultancy|analyst) firm said|analysts? said|the report said|the study said|the report found|the study found)\b`)

// reClauseJoin joins two clauses with subjects of their own.
var reClauseJoin = mustRx(`,\s*(?:while|whereas|although|though)\s`)

var reContribute = mustRx(`(?i)^contribut`)

// fromBefore reports "from" right before the figure that ends at end: the
// start of a change ("grow from 6.2 trillion won in 2024 to ..."), not one
// end of a range ("guidance of $750 million to $1 billion").
func fromBefore(a *sentence, end int) bool {
	for _, m := range a.money {
		if m.End == end {
			return reChangeFromBefore.MatchString(window(a.text, m.Start, 20))
		}
	}
	return false
}

var reChangeFromBefore = mustRx(`(?i)\bfrom\s+(?:(?:about|around|nearly|almost|roughly|some|just\s+over|just\s+under)\s+)?$`)

// classifyFigure decides the class of figure m from its cues. prevEnd is the
// end of the previous figure in the sentence (-1 for none): cues before it
// govern that figure, not this one.
func classifyFigure(a *sentence, m quantity.Money, prevEnd int, prev figureClass) figureClass {
	s := a.text
	lo := max(0, m.Start-cueWindowBefore)
	asideLo, asideHi := -1, -1
	if i := strings.LastIndexAny(s[lo:m.Start], ";–—"); i >= 0 {
		r, size := utf8.DecodeRuneInString(s[lo+i:])
		dash := lo + i
		lo = dash + size
		if r != ';' {
			// "obligations – contracted revenue not yet recognized –
			// ballooned to": a dashed aside; the clause goes on before it.
			if k := strings.LastIndex(s[max(0, dash-100):dash], string(r)); k >= 0 {
				asideLo, asideHi = max(0, dash-100)+k, dash+size
				lo = max(0, asideLo-cueWindowBefore)
				if j := strings.LastIndexAny(s[lo:asideLo], ";–—"); j >= 0 {
					_, sz := utf8.DecodeRuneInString(s[lo+j:])
					lo += j + sz
				}
			}
		}
	}
	if prevEnd > lo && prevEnd <= m.Start {
		lo = prevEnd
	}
	if loc := reClauseJoin.FindAllStringIndex(s[lo:m.Start], -1); loc != nil {
		// "Microsoft bought land ..., while Google broke ground on a $2
		// billion campus": a verb before ", while" governs its own clause.
		lo += loc[len(loc)-1][1]
	}
	hi := min(len(s), m.End+cueWindowAfter, clauseEnd(s, m.End))
	before := moneyCuesIn(s, lo, m.Start)
	if asideLo >= 0 {
		kept := before[:0]
		for _, c := range before {
			if c.end <= asideLo || c.start >= asideHi {
				kept = append(kept, c)
			}
		}
		before = kept
	}
	after := moneyCuesIn(s, m.End, hi)

	// Exclusions first.
	if impactFigure(a, m, before) {
		return figureClass{class: "drop"}
	}
	for i := len(before) - 1; i >= 0; i-- {
		if before[i].class == "public" && !providerBetween(a, before[i].end, m.Start) && !rePartnerBefore.MatchString(window(s, before[i].start, 40)) {
			return figureClass{class: "drop"}
		}
	}

	// The noun right after the figure: within three words.
	var next *moneyCue
	for i := range after {
		c := &after[i]
		if c.verb || len(strings.Fields(s[m.End:c.start])) > 3 || reSubordinator.MatchString(s[m.End:c.start]) {
			// "rose to $7 billion as the market grew": a clause of its
			// own after the figure.
			break
		}
		switch c.class {
		case "scope", "impact", "impactverb", "firm", "aggregate", "offtopic":
			// offtopic qualifies revenue (offTopicRevenue); alone it
			// names no kind of money (FuzzMoney: "AWS Ad $1B" gave
			// label "offtopic", which the store refuses).
			continue
		}
		next = c
		// "$3 billion of local infrastructure debentures": the last noun
		// of the phrase is its head.
		for j := i + 1; j < len(after) && !after[j].verb && reCompoundGap.MatchString(s[after[j-1].end:after[j].start]); j++ {
			next = &after[j]
		}
		break
	}
	if next != nil && (next.class == "public" || next.class == "tax") && !strings.Contains(s[m.End:next.start], ",") {
		// "$2 billion in public funds"; but "$1 billion in Mexico, the
		// government said" names who spoke, after a comma.
		return figureClass{class: "drop"}
	}

	// "the $1 billion Google is spending on a campus", "the $2.2 billion
	// Microsoft pledged in May": a figure that is the object of a
	// relative clause right after it is what that clause's verb says.
	if o, c := relativeSpender(a, m); o != nil {
		// ("the $75 billion Alphabet expects to spend on capital
		// projects": spending named as capex is capex.)
		for _, n := range moneyCuesIn(s, c.end, min(len(s), c.end+40)) {
			if !n.verb && n.class == "capex" && reOnBefore.MatchString(s[c.end:n.start]) {
				return figureClass{class: "capex", where: "relative"}
			}
		}
		return settleMoneyCue(a, c, before, m, "relative")
	}

	// The nearest governing cue before the figure.
	var gov *moneyCue
	for i := len(before) - 1; i >= 0; i-- {
		switch before[i].class {
		case "asset", "firm", "scope", "impact", "public", "aggregate", "tax", "offtopic":
			continue
		}
		gov = &before[i]
		break
	}

	switch {
	case gov != nil && gov.verb && gov.class == "invest" && next != nil && next.class == "capex" && reOnBefore.MatchString(s[m.End:next.start]) && !placeAfter(a, m.End):
		// "plans to spend about $5 billion on capital expenditures":
		// spending named as capex is capex, whatever the verb.
		return figureClass{class: "capex", where: "after"}
	case gov != nil && gov.verb && (gov.class == "other" || gov.class == "sell") && next != nil && next.class == "bond":
		// "raised $2 billion of notes": borrowed money named as a bond
		// issue is one.
		return settleMoneyCue(a, *next, before, m, "after")
	case gov != nil && gov.verb && !(gov.class == "forecast" && next != nil):
		return settleMoneyCue(a, *gov, before, m, "verb")
	case next != nil && next.class == "asset" && gov != nil && !gov.verb && reForGap.MatchString(s[m.End:next.start]) && (gov.class == "other" || gov.class == "bond"):
		// "a financing package of $29 billion for the campus": what the
		// money is, not what it pays for.
		return settleMoneyCue(a, *gov, before, m, "noun")
	case next != nil:
		if next.class == "asset" {
			return figureClass{class: "invest", where: "after"}
		}
		return settleMoneyCue(a, *next, before, m, "after")
	case gov != nil:
		return settleMoneyCue(a, *gov, before, m, "noun")
	case prev.class != "" && prevEnd >= 0 && prevEnd <= m.Start && (reCoordinated.MatchString(s[prevEnd:m.Start]) || rePartOf.MatchString(s[prevEnd:m.Start]) || reComparedWith.MatchString(s[prevEnd:m.Start]) || reRangeTo.MatchString(s[prevEnd:m.Start]) && fromBefore(a, prevEnd)):
		// "$5 billion in Spain and $3 billion in Portugal"; "about $50
		// billion, up from the $35 billion it floated": the figure it is
		// compared with is of its kind.
		return figureClass{class: prev.class, where: "inherit"}
	case hasFacility(a) && reBuildCue.MatchString(s):
		return figureClass{class: "invest", where: "facility"}
	case reForAsset.MatchString(s[m.End:clauseEnd(s, m.End)]):
		// "announced R$ 14.7 billion in three years for cloud and AI
		// infrastructure": money set aside for infrastructure.
		return figureClass{class: "invest", where: "for"}
	}
	return figureClass{}
}

// reRelativeAux is what may stand between the subject of a relative
// clause on a figure and its verb: "the $80 billion Microsoft expects to
// spend", "the $5 billion that AWS has committed".
var reRelativeAux = mustRx(`^\s+(?:(?:has|have|had|is|was|are|were|will|would|expects|expected|plans|planned|intends|aims|plans\s+to|planned\s+to|expects\s+to|expected\s+to|intends\s+to|aims\s+to|said\s+it\s+would|says\s+it\s+will|pledged\s+to|promised\s+to|committed\s+to|agreed\s+to|already|also|now|previously)\s+){0,3}$`)

// relativeSpender finds the organisation and verb of a relative clause
// right after figure m whose object the figure is: "the $1 billion Google
// is spending on a data center campus". The verb must be one of spending
// (an invest or capex cue).
func relativeSpender(a *sentence, m quantity.Money) (*orgMention, moneyCue) {
	rest := a.text[m.End:]
	skip := len(rest) - len(strings.TrimLeft(rest, " "))
	for _, w := range []string{"that ", "which "} {
		if strings.HasPrefix(rest[skip:], w) {
			skip += len(w)
		}
	}
	at := m.End + skip
	for i := range a.orgs {
		o := &a.orgs[i]
		if o.start < at {
			continue
		}
		if o.start > at || o.kind != orgProvider {
			return nil, moneyCue{}
		}
		hi := min(len(a.text), o.end+40)
		for _, c := range moneyCuesIn(a.text, o.end, hi) {
			if c.verb && (c.class == "invest" || c.class == "capex") && reRelativeAux.MatchString(a.text[o.end:c.start]) {
				return o, c
			}
			break
		}
		return nil, moneyCue{}
	}
	return nil, moneyCue{}
}

// reRelativePronounSpend is a relative clause on a figure whose subject is
// a pronoun and whose verb spends: "the $5.3 billion it committed".
var reRelativePronounSpend = mustRx(`^\s+(?:that\s+|which\s+)?(?:it|they)\s+(?:has\s+|had\s+|have\s+|will\s+|would\s+|plans\s+to\s+|is\s+|was\s+)?(?:already\s+)?(?:committed|commits|commit|invested|invests|invest|spent|spends|spend|spending|pledged|pledges|pledge|earmarked|earmarks|allocated|poured)\b`)

// reWhichSubjectGap is a relative pronoun and the relative clause's
// subject up to its verb: ", which Digital Realty ".
var reWhichSubjectGap = mustRx(`^,\s+(?:which|that)\s+(?:[\p{L}\d&.'’-]+\s+){1,4}(?:has\s+|had\s+|agreed\s+to\s+|will\s+)?$`)

// relativeBuyer finds the buyer of "Teraco, which Digital Realty bought
// for $3.5 billion": ok when figure m is the price of a company bought in a
// relative clause, with the buyer nil when it is no known provider.
func relativeBuyer(a *sentence, m quantity.Money) (*orgMention, bool) {
	lo := max(0, m.Start-60)
	for _, c := range moneyCuesIn(a.text, lo, m.Start) {
		if c.class != "buy" || !c.verb || !companyBoughtBefore(a, c.start) {
			continue
		}
		for i := range a.orgs {
			if o := &a.orgs[i]; o.start < c.start && o.start > c.start-40 && o.kind == orgProvider && strings.Contains(a.text[max(0, o.start-30):o.start], "which") {
				return o, true
			}
		}
		return nil, true
	}
	return nil, false
}

var reNameWhichBefore = mustRx(`(?:^|[\s(])\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*){0,3},\s+(?:which|that)\s+(?:[\p{L}\d&.'’-]+\s+){1,4}(?:has\s+|had\s+|agreed\s+to\s+|will\s+)?$`)

// companyBoughtBefore reports a company named right before a relative
// clause whose verb of buying starts at verb.
func companyBoughtBefore(a *sentence, verb int) bool {
	if m := reNameWhichBefore.FindStringSubmatchIndex(a.text[max(0, verb-80):verb]); m != nil {
		// A capitalised name the gazetteer may not know: "Interxion,
		// which Digital Realty bought".
		return true
	}
	for i := len(a.orgs) - 1; i >= 0; i-- {
		o := a.orgs[i]
		if o.end > verb {
			continue
		}
		if reWhichSubjectGap.MatchString(a.text[o.end:verb]) {
			return true
		}
		if o.start < verb-60 {
			return false
		}
	}
	return false
}

// stakeIn reports a company named right after a figure as what the money
// goes into: "$1.5 billion in G42", but not "in G42's data centers".
func stakeIn(a *sentence, end int) bool {
	m := reIntoAfter.FindStringIndex(a.text[end:])
	if m == nil {
		return false
	}
	at := end + m[1]
	for _, o := range a.orgs {
		if o.start == at {
			rest := a.text[o.end:]
			return !strings.HasPrefix(rest, "'s") && !strings.HasPrefix(rest, "’s")
		}
	}
	return false
}

var reOfAfter = mustRx(`^\s+of\s+`)

var reIntoAfter = mustRx(`^\s+(?:in|into)\s+`)

// settleMoneyCue turns a governing cue into a class: "worth" and "valued at"
// take the class of the noun they describe, buying the class of its object.
func settleMoneyCue(a *sentence, c moneyCue, before []moneyCue, m quantity.Money, where string) figureClass {
	switch c.class {
	case "value":
		return figureClass{class: valueOf(a, c.start, before), where: where}
	case "mvalue":
		if c.start >= m.End {
			return figureClass{class: "mvalue", where: where} // "at a $183 billion valuation"
		}
		// "its valuation" is the company's; "this facility carries a
		// valuation" is the project's.
		return figureClass{class: valueOf(a, c.start, before), where: where}
	case "buy":
		if companyBoughtBefore(a, c.start) {
			// "Teraco, which Digital Realty bought for $3.5 billion":
			// a company bought, named before the relative clause.
			return figureClass{class: "other", where: "buy"}
		}
		if reAssetBoughtBefore.MatchString(a.text[max(0, c.start-80):c.start]) {
			// "a 50-acre site in Kulai that it bought in 2023 for RM410
			// million": the asset is named before the verb.
			return figureClass{class: "invest", where: "buy"}
		}
		obj := a.text[c.end:m.Start]
		if !lastClassIn(obj, "firm") && !lastClassIn(obj, "asset") && !orgIn(a, c.end, m.Start) && !hasFacilityIn(a, c.end, m.Start) {
			// "paid about ¥100 billion for the plant's land": what is
			// bought may follow the figure.
			obj = a.text[m.End:min(len(a.text), m.End+60)]
		}
		if lastClassIn(obj, "firm") || orgIn(a, c.end, m.Start) {
			return figureClass{class: "other", where: "buy"}
		}
		if lastClassIn(obj, "asset") || hasFacilityIn(a, c.end, m.Start) {
			return figureClass{class: "invest", where: "buy"}
		}
		return figureClass{class: "other", where: "buy"}
	case "sell":
		// A sale's price is the buyer's money; with no provider named
		// as the buyer it is nobody's to annotate.
		if b := buyerBefore(a, m); b == nil || b.kind != orgProvider {
			return figureClass{class: "drop"}
		}
		if hasFacilityIn(a, c.end, m.Start) || lastClassIn(a.text[c.end:m.Start], "asset") {
			return figureClass{class: "invest", where: "sell"}
		}
		return figureClass{class: "other", where: "sell"}
	case "impactverb", "forecast":
		// "its cloud business, generating $4.6 billion": the noun before
		// says what is generated. A forecast ("investments to reach $400
		// billion") is market-wide unless a provider is named before it.
		noun := nounBefore(before, c.start)
		if c.class == "impactverb" {
			if noun == "revenue" {
				return figureClass{class: noun, where: where}
			}
			if reContribute.MatchString(a.text[c.start:c.end]) && !lastClassIn(a.text, "impact") {
				// "SK Telecom will contribute 1.8 trillion won": a
				// partner's share of the project, not an economy's gain.
				return figureClass{class: "invest", where: where}
			}
			return figureClass{} // "generate $2 billion": unsure
		}
		if !providerBetween(a, 0, c.start) && !thirdPersonRef(a, 0, c.start) {
			return figureClass{class: "market", where: "forecast"}
		}
		if noun == "" {
			noun = "invest"
		}
		return figureClass{class: noun, where: "forecast"}
	case "revenue":
		if offTopicRevenue(a.text, c) {
			return figureClass{class: "drop"}
		}
	case "other":
		if c.start >= m.End && strings.EqualFold(a.text[c.start:c.end], "acquisition") {
			// "its $700 million acquisition of three data centers":
			// buying facilities is spending on them (annotation rules);
			// buying a company is not.
			if of := reOfAfter.FindStringIndex(a.text[c.end:]); of != nil {
				lo := c.end + of[1]
				hi := min(len(a.text), lo+50)
				if hasFacilityIn(a, lo, hi) && !orgIn(a, lo, hi) {
					return figureClass{class: "invest", where: "buy"}
				}
			}
		}
	case "pooled":
		return figureClass{class: "invest", where: where}
	case "invest":
		if stakeIn(a, m.End) {
			// "invested $1.5 billion in G42": a stake in a company is
			// no spending on infrastructure (annotation rules).
			return figureClass{class: "other", where: "stake"}
		}
	}
	return figureClass{class: c.class, where: where}
}

// offTopicRevenue reports revenue of a business outside cloud, data centers
// and AI: "gaming revenue", "revenue from its advertising unit".
func offTopicRevenue(s string, c moneyCue) bool {
	lo := max(0, c.start-25)
	if i := strings.LastIndexAny(s[lo:c.start], ",;("); i >= 0 {
		lo += i + 1
	}
	for _, m := range moneyCues.find(s[lo:c.start]) {
		if strings.HasPrefix(m.tag, "offtopic") {
			return true
		}
	}
	rest := s[c.end:min(len(s), c.end+40)]
	if after, ok := strings.CutPrefix(strings.TrimLeft(rest, " "), "from "); ok {
		for _, m := range moneyCues.find(after) {
			if strings.HasPrefix(m.tag, "offtopic") {
				return true
			}
		}
	}
	return false
}

// nounBefore is the class of the nearest noun cue before p that names a
// kind of money, or "".
func nounBefore(before []moneyCue, p int) string {
	for i := len(before) - 1; i >= 0; i-- {
		c := before[i]
		if c.end > p || c.verb {
			continue
		}
		switch c.class {
		case "invest", "capex", "other", "revenue", "market", "bond", "mvalue":
			return c.class
		}
	}
	return ""
}

// valueOf is the class of what a "worth"/"valued at"/"valuation" at offset
// p describes: the nearest noun cue before it, unless a company or "its"
// stands between.
func valueOf(a *sentence, p int, before []moneyCue) string {
	for i := len(before) - 1; i >= 0; i-- {
		c := before[i]
		if c.end > p {
			continue
		}
		if (orgIn(a, c.end, p) || anaphorIn(a, c.end, p) == "pronoun") && !reValuerBetween.MatchString(a.text[c.end:p]) {
			// "the acquisition of Northwind Ltd. was valued at": the
			// company is the deal's object; the value is the deal's.
			if c.class == "other" && reDealObject.MatchString(a.text[c.end:min(p, c.end+12)]) {
				return "other"
			}
			return "mvalue"
		}
		switch c.class {
		case "asset", "invest":
			return "invest"
		case "other", "firm":
			if c.class == "firm" {
				return "mvalue"
			}
			return "other"
		case "market":
			return "market"
		case "mvalue", "revenue", "capex", "bond":
			return c.class
		}
	}
	return "mvalue"
}

// reValuerBetween is who values a noun, right after it: "a project it has
// valued at", "a campus Microsoft valued at": the value is the noun's.
var reValuerBetween = mustRx(`^\s+(?:that\s+|which\s+)?(?:it|they|the company|the firm|the group|\p{Lu}[\p{L}\d&.-]*(?:\s\p{Lu}[\p{L}\d&.-]*)?)\s+(?:has\s+|have\s+|had\s+)?$`)

// reDealObject: the object of a deal noun follows it ("acquisition of").
var reDealObject = mustRx(`^\s+(?:of|for|with)\s`)

// impactFigure reports an economic-impact projection: a figure governed by
// "generate", "add", "contribute" in a sentence about GDP, the economy or
// jobs, or followed by "in GDP".
func impactFigure(a *sentence, m quantity.Money, before []moneyCue) bool {
	if reEconomicImpact.MatchString(a.text[m.End:min(len(a.text), m.End+60)]) {
		return true
	}
	for i := len(before) - 1; i >= 0; i-- {
		c := before[i]
		if c.class == "impactverb" {
			return lastClassIn(a.text, "impact")
		}
		if c.verb {
			return false
		}
	}
	return false
}

// companyWide reports company-wide scope ("in fiscal 2025", "on a global
// scale") in a sentence that names no country: capital-spending guidance.
func companyWide(a *sentence) bool {
	if !lastClassIn(a.text, "scope") {
		return false
	}
	for _, p := range a.places {
		if p.country != "" && !p.demonym && !p.negated {
			return false
		}
	}
	return true
}

// moneyOwner is who a figure is about: who spends, owns or raises it.
func moneyOwner(a *sentence, d *discourse, m quantity.Money, class string) resolution {
	// "$4 billion raised through investment from AWS": the investor is
	// named after the figure.
	if class == "invest" {
		if o := investorAfter(a, m); o != nil {
			return resolution{names: []string{o.name}, conf: 0.85, how: "from"}
		}
	}
	if o, _ := relativeSpender(a, m); o != nil {
		return resolution{names: []string{o.name}, conf: 0.9, how: "relative"}
	}
	if reRelativePronounSpend.MatchString(a.text[m.End:]) && a.subject != nil && a.subject.kind == orgProvider && a.subject.end <= m.Start {
		// "in addition to the $5.3 billion it committed in 2024": the
		// pronoun of the relative clause is the sentence's subject.
		return resolution{names: []string{a.subject.name}, conf: 0.85, how: "relative"}
	}
	if class == "other" {
		if b, ok := relativeBuyer(a, m); ok {
			// "Teraco, which Digital Realty bought for $3.5 billion":
			// the buyer in the relative clause pays; one the gazetteer
			// does not know is no provider.
			if b == nil {
				return resolution{block: true, how: "bought"}
			}
			return resolution{names: []string{b.name}, conf: 0.85, how: "buyer"}
		}
	}
	// "sold its campus to Aligned Data Centers for $1.2 billion": the
	// buyer pays.
	if o := buyerBefore(a, m); o != nil {
		return resolution{names: []string{o.name}, conf: 0.85, how: "buyer"}
	}
	// "County approves $10bn Meta data center campus": a provider
	// between the figure and the facility it prices owns it.
	if o := ownerBeforeFacility(a, m); o != nil {
		return resolution{names: []string{o.name}, conf: 0.9, how: "possessor"}
	}
	r := d.resolve(a, m.Start, true)
	if r.how == "after" {
		// "ballooned to $523 billion, much of it tied to the Stargate deal
		// with OpenAI": a name after the figure and a comma is who the
		// money comes from or goes to, not whose figure it is, unless it
		// says so ("..., Nebius said").
		for _, o := range a.orgs {
			if o.start >= m.End {
				if strings.ContainsAny(a.text[m.End:o.start], ",;") && !reSpeakerAfter.MatchString(a.text[o.end:]) {
					return d.fromFocus("context", 0.6, false)
				}
				break
			}
		}
	}
	if o := absoluteAgent(a, m.Start); o != nil {
		// "..., with AWS pledging 2.26 trillion yen": the name after
		// "with" is the subject of the gerund that governs the figure.
		return resolution{names: []string{o.name}, conf: 0.85, how: "absolute"}
	}
	if r.how == "explicit" {
		// "Lambda signed a deal with Microsoft worth more than $1
		// billion": the partner after "with" is not whose figure it is.
		if name := subjectBeforePartner(a, m.Start); name != "" {
			return resolution{names: []string{name}, conf: 0.85, how: "subject"}
		}
	}
	if r.how == "explicit" && boughtNotBuyer(a, m.Start) {
		// "Blackstone agreed to buy AirTrunk for A$24 billion": the
		// company bought does not pay, and a buyer the gazetteer does
		// not know is no provider.
		return resolution{block: true, how: "bought"}
	}
	// "the company acquired data center firm Core Scientific Inc. in a
	// deal valued at $9 billion": the company bought is not who pays.
	if r.block && r.how == "other" {
		if b := boughtOrgBuyer(a, m); b >= 0 {
			if r2 := d.resolve(a, b, true); len(r2.names) > 0 {
				return r2
			}
		}
	}
	// "$6.2 billion planned spending by Amazon's cloud unit AWS"
	for _, o := range a.orgs {
		if o.start > m.End && o.start-m.End <= 40 && reByOrg.MatchString(a.text[m.End:o.start]) && o.kind == orgProvider {
			return resolution{names: []string{o.name}, conf: 0.9, how: "by"}
		}
	}
	// "formed from the 2024 Yandex breakup, the company inherited ...
	// while securing $2.5 billion": an organisation inside a prepositional
	// phrase, then a reference back: the reference is to the article's
	// provider, not to that organisation.
	if r.how == "explicit" || r.how == "other" {
		idx := -1
		for i, o := range a.orgs {
			if o.start < m.Start {
				idx = i
			}
		}
		if idx >= 0 {
			o := a.orgs[idx]
			if a.subject != &a.orgs[idx] && rePrepNear.MatchString(a.text[max(0, o.start-30):o.start]) && !reWhichAfterName.MatchString(a.text[o.end:m.Start]) {
				if kind := anaphorIn(a, o.end, m.Start); kind != "" && !strings.HasPrefix(strings.ToLower(a.text[o.end:min(len(a.text), o.end+5)]), " its") {
					if f := d.fromAnaphor(kind, "anaphor", 0.7); len(f.names) > 0 {
						return f
					}
				}
			}
		}
	}
	return r
}

// absoluteAgent is the provider of an absolute clause right before p:
// "with AWS pledging", "with Google set to spend".
func absoluteAgent(a *sentence, p int) *orgMention {
	for i := len(a.orgs) - 1; i >= 0; i-- {
		o := &a.orgs[i]
		if o.end > p {
			continue
		}
		if o.kind == orgProvider && reWithOnlyBefore.MatchString(window(a.text, o.start, 12)) && reAbsoluteVerbAfter.MatchString(a.text[o.end:p]) {
			return o
		}
		return nil
	}
	return nil
}

var reWithOnlyBefore = mustRx(`(?i)\bwith\s+$`)

var reAbsoluteVerbAfter = mustRx(`^\s+(?:(?:also|alone|itself|now)\s+)?(?:[a-z]+ing|set\s+to\s+[a-z]+|expected\s+to\s+[a-z]+)\s+(?:(?:about|around|nearly|almost|roughly|some|more\s+than|over|up\s+to|at\s+least|another|a\s+further|an\s+additional)\s+)?$`)

// subjectBeforePartner is the provider before a partner named as the
// object of "with" ("between", "alongside", ...) when the partner is the
// last name before p in p's clause; "" if there is none.
func subjectBeforePartner(a *sentence, p int) string {
	idx := -1
	for i, o := range a.orgs {
		if o.end <= p {
			idx = i
		}
	}
	if idx < 1 {
		return ""
	}
	o := a.orgs[idx]
	if o.kind != orgProvider || !rePartnerObject.MatchString(window(a.text, o.start, 30)) ||
		ownsFacilityAfter(a, o) || strings.ContainsAny(a.text[o.end:p], ",;") || strings.HasPrefix(a.text[o.end:], "'") || strings.HasPrefix(a.text[o.end:], "’") {
		return ""
	}
	for j := idx - 1; j >= 0; j-- {
		s := a.orgs[j]
		if s.kind == orgProvider && s.name != o.name && !rePartnerObject.MatchString(window(a.text, s.start, 30)) && !inClosedAside(a.text, s, p) {
			return s.name
		}
	}
	return ""
}

// marketSubject reports a market noun ("market", "sector", "industry")
// heading the clause of figure m, with no organisation named from the
// clause start to the figure: the figure is the market's.
func marketSubject(a *sentence, m quantity.Money) bool {
	lo := max(clauseStart(a.text, m.Start), m.Start-cueWindowBefore)
	loc := reMarketSubject.FindStringIndex(a.text[lo:m.Start])
	if loc == nil {
		return false
	}
	for _, o := range a.orgs {
		if o.end > lo && o.start < m.Start && o.kind != orgAnalyst {
			return false
		}
	}
	return true
}

// reAssetBoughtBefore is an asset noun and a relative clause opening
// right before a buying verb.
var reAssetBoughtBefore = mustRx(`(?i)\b(?:site|sites|land|plot|campus|data ?cent(?:er|re)s?|datacent(?:er|re)s?|building|buildings|facility|facilities|property|properties|plant)\b[^.;]{0,40}?\b(?:that|which)\s+(?:it|they|the company|the firm|\p{Lu}\w+)\s+(?:had\s+|has\s+)?$`)

var reSubordinator = mustRx(`(?i)\b(?:as|while|because|when|whereas|although|though|since|after|before)\b`)

var reMarketSubject = mustRx(`(?i)\b(?:market|markets|sector|industry)\s+(?:(?:is|was|are|were|will|would|could|has|have|had|itself)\s+)?(?:(?:be|been|expected|forecast|projected|set|likely|estimated|now|already|also)\s+)*(?:to\s+)?(?:generate[sd]?|generating|attract(?:s|ed|ing)?|worth|valued|grew|grow|grows|growing|rose|rise|rises|reach(?:es|ed)?|total(?:s|led|ed)?|generated|brought in|bring in)\b`)

// boughtNotBuyer reports that the organisation nearest before p is the
// object of a buying verb and no provider before it buys.
func boughtNotBuyer(a *sentence, p int) bool {
	idx := -1
	for i, o := range a.orgs {
		if o.start < p {
			idx = i
		}
	}
	if idx < 0 || !reAcquireBefore.MatchString(window(a.text, a.orgs[idx].start, 50)) {
		return false
	}
	for j := idx - 1; j >= 0; j-- {
		if a.orgs[j].kind == orgProvider {
			return false
		}
	}
	return true
}

// ownerBeforeFacility is a provider named right after a figure and right
// before a facility word: "$10bn Meta data center campus", "$2 billion
// AWS region".
func ownerBeforeFacility(a *sentence, m quantity.Money) *orgMention {
	for i := range a.orgs {
		o := &a.orgs[i]
		if o.start < m.End || o.kind != orgProvider {
			continue
		}
		if strings.TrimSpace(a.text[m.End:o.start]) != "" {
			return nil
		}
		for _, f := range a.facs {
			if f.start >= o.end && strings.TrimSpace(a.text[o.end:f.start]) == "" || f.start >= o.end && reModifierGap.MatchString(a.text[o.end:f.start]) {
				return o
			}
		}
		return nil
	}
	return nil
}

// reModifierGap is up to two modifiers between a name and its facility
// word: "AI", "hyperscale", "cloud".
var reModifierGap = mustRx(`^\s+(?:[\p{L}-]+\s+){1,2}$`)

func qualifierOf(s string, m quantity.Money) string {
	if m.Qualifier != "" {
		return m.Qualifier
	}
	w := s[max(0, m.Start-40):m.Start]
	switch {
	case reMoreAfter.MatchString(s[m.End:min(len(s), m.End+20)]):
		return "at least"
	case reSurpass.MatchString(w):
		return "more than"
	case reMayReach.MatchString(w):
		return "up to"
	case reEstimated.MatchString(w):
		return "about"
	}
	return ""
}

// lastClassIn reports whether s holds a cue of class.
func lastClassIn(s, class string) bool {
	for _, m := range moneyCues.find(s) {
		if c, _, _ := strings.Cut(m.tag, " "); c == class {
			return true
		}
	}
	return false
}

// thirdPersonRef reports "it", "its" or "the company" in [lo,hi): a
// provider named earlier ("we" and "our" in a quote may be anyone's).
func thirdPersonRef(a *sentence, lo, hi int) bool {
	for _, r := range a.anaphors {
		if r.start >= lo && r.end <= hi {
			if w := strings.ToLower(a.text[r.start:r.end]); w != "we" && w != "our" {
				return true
			}
		}
	}
	return false
}

func orgIn(a *sentence, lo, hi int) bool {
	for _, o := range a.orgs {
		if o.start >= lo && o.end <= hi {
			return true
		}
	}
	return false
}

func providerBetween(a *sentence, lo, hi int) bool {
	for _, o := range a.orgs {
		if o.kind == orgProvider && o.start >= lo && o.end <= hi {
			return true
		}
	}
	return false
}

func hasFacilityIn(a *sentence, lo, hi int) bool {
	for _, f := range a.facs {
		if f.start >= lo && f.end <= hi {
			return true
		}
	}
	return false
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

// buyerBefore is the organisation a site is sold to, right before the
// figure paid: "sold its campus to Aligned Data Centers for about $1.2
// billion".
func buyerBefore(a *sentence, m quantity.Money) *orgMention {
	for i := len(a.orgs) - 1; i >= 0; i-- {
		o := &a.orgs[i]
		if o.end > m.Start {
			continue
		}
		if !reForFigureGap.MatchString(a.text[o.end:m.Start]) || !reToBeforeBuyer.MatchString(window(a.text, o.start, 8)) {
			return nil
		}
		if !slices.ContainsFunc(moneyCuesIn(a.text, 0, o.start), func(c moneyCue) bool { return c.class == "sell" }) {
			return nil
		}
		return o
	}
	return nil
}

var (
	reForFigureGap  = mustRx(`(?i)^\s+for\s+(?:(?:about|around|roughly|nearly|some|approximately|an estimated|more than|over)\s+)?$`)
	reToBeforeBuyer = mustRx(`\bto\s+$`)
)

// investorAfter is the provider named as the source of the money after
// figure m: "$4 billion raised through investment from AWS".
func investorAfter(a *sentence, m quantity.Money) *orgMention {
	hi := min(len(a.text), m.End+80)
	for i := range a.orgs {
		o := &a.orgs[i]
		if o.start < m.End || o.start > hi {
			continue
		}
		for _, n := range a.money {
			if n.Start >= m.End && n.Start < o.start {
				return nil // the investor of a later figure
			}
		}
		if o.kind == orgProvider && reInvestorFrom.MatchString(a.text[m.End:o.start]) {
			return o
		}
		return nil
	}
	return nil
}

// reBoughtObject: a buying verb and at most a descriptive phrase before an
// organisation, which is then what was bought.
var reBoughtObject = mustRx(`(?i)\b(?:acquired|acquires|acquire|acquiring|bought|buys|buy|buying|purchased|purchases|purchase|took over|takes over|take over|(?:acquisition|purchase|takeover|buyout) of)\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,5}$`)

// boughtOrgBuyer returns, when the organisation nearest before figure m is
// the object of a buying verb, the offset of that verb (where the buyer is
// resolved), else -1.
func boughtOrgBuyer(a *sentence, m quantity.Money) int {
	idx := -1
	for i, o := range a.orgs {
		if o.start < m.Start {
			idx = i
		}
	}
	if idx < 0 {
		return -1
	}
	o := a.orgs[idx]
	w := window(a.text, o.start, 60)
	loc := reBoughtObject.FindStringIndex(w)
	if loc == nil {
		return -1
	}
	return o.start - len(w) + loc[0]
}

// aggregateFigure reports a total over many companies: "the 37 approved
// projects have a combined investment value of ...", with no provider and
// no reference back to one before the cue.
func aggregateFigure(a *sentence, m quantity.Money) bool {
	lo := max(0, m.Start-cueWindowBefore)
	for _, c := range moneyCuesIn(a.text, lo, m.Start) {
		if c.class != "aggregate" && c.class != "pooled" {
			continue
		}
		if len(a.orgs) > 0 && a.orgs[0].start < c.start || thirdPersonRef(a, 0, c.start) {
			return false
		}
		return true
	}
	return false
}
