package extract

import (
	"strings"
	"time"
)

// discourse is what carries over from one sentence to the next: which
// provider the article is talking about, and the last country named.
type discourse struct {
	published   time.Time
	freq        map[string]int
	focus       *orgMention // the organisation "it" and "its" refer to
	provider    *orgMention // the provider "the company", "we" and "the facility" refer to
	lastCountry string
	lastCity    string
	// lastFacility is the kind of the last facility named, for an ordinal
	// whose noun is left out ("its second in Bulgaria").
	lastFacility string
	// sentences counts the sentences left so far; lastCount is the last
	// count read, for a breakdown in the next sentence whose unit and
	// owner are left out ("Of the total, 25 are in São Paulo").
	sentences int
	lastCount countMemo
	// strongFacilities counts strong facility words in the article.
	strongFacilities int
	// lastSiteCountry and lastSiteCity are where the last planned or
	// launched facility is.
	lastSiteCountry, lastSiteCity string
	// list is the announcement a bulleted list continues ("plans to
	// open five new cloud regions:"), nil outside one.
	list       *listIntro
	listMarker bool // the last sentence was a bare "1." of the list
	// lastPair is the last list of providers named together, what
	// "both" and "the two companies" refer to.
	lastPair []string
	// named holds the providers named in the sentences left so far.
	named map[string]bool
}

// countMemo is what a count leaves for the next sentence: what it counted,
// whose it was, and in which sentence.
type countMemo struct {
	kind, owner string
	at          int
}

func newDiscourse(published time.Time) *discourse {
	return &discourse{published: published, freq: map[string]int{}, named: map[string]bool{}}
}

// onTopic reports an article about facilities: one that names a strong
// facility word (a data center, a region) somewhere, or names providers
// often. Facts resolved only by context need it.
func (d *discourse) onTopic() bool {
	n := 0
	for _, c := range d.freq {
		n += c
	}
	return d.strongFacilities > 0 || n >= 3
}

// count tallies provider mentions over the whole article (first pass).
func (d *discourse) count(a *sentence) {
	for _, f := range a.facs {
		if !f.weak {
			d.strongFacilities++
		}
	}
	for _, o := range a.orgs {
		if o.kind == orgProvider {
			d.freq[o.name]++
		}
	}
}

// main is the provider the article mentions most: the referent of "the
// company" before any provider has been named in the text.
func (d *discourse) main() *orgMention {
	best, n := "", 0
	for name, c := range d.freq {
		if c > n || c == n && name < best {
			best, n = name, c
		}
	}
	if best == "" {
		return nil
	}
	return &orgMention{name: best, kind: orgProvider}
}

// leave updates the focus: a sentence whose subject is a named organisation
// moves the focus to it; a sentence naming just one provider, with no
// focus yet, sets it.
func (d *discourse) leave(a *sentence) {
	d.sentences++
	for _, o := range a.orgs {
		if o.kind == orgProvider {
			d.named[o.name] = true
		}
	}
	if a.subject != nil && a.subject.kind != orgAnalyst {
		s := *a.subject
		d.focus = &s
		if s.kind == orgProvider {
			d.provider = &s
		}
	}
	if a.subject == nil {
		// "2022 has seen Google launch ...": with no named subject, the
		// provider the sentence names is what "it" refers to next.
		for _, o := range a.orgs {
			if o.kind == orgProvider && agentOfCue(a, o) {
				s := o
				d.focus, d.provider = &s, &s
				break
			}
		}
	}
	if d.provider == nil {
		for _, o := range a.orgs {
			if o.kind == orgProvider {
				s := o
				d.provider = &s
				if d.focus == nil {
					d.focus = &s
				}
				break
			}
		}
	}
	if pair := providerList(a); len(pair) >= 2 {
		d.lastPair = pair
	}
	for _, f := range a.facs {
		if !f.negated && !(f.weak && f.kind == FacilityOther && strings.EqualFold(a.text[f.start:f.end], "capacity")) {
			// ("40 megawatts of capacity" names no kind a later
			// "its third in the country" could mean.)
			d.lastFacility = f.kind
		}
	}
	for _, p := range a.places {
		if p.country != "" && !p.demonym && !p.negated {
			d.lastCountry = p.country
			d.lastCity = p.city
		}
	}
}

// agentOfCue reports a status verb right after the organisation: "has
// seen Google launch", "saw Oracle open".
func agentOfCue(a *sentence, o orgMention) bool {
	for _, c := range a.cues {
		if c.start > o.end && c.start <= o.end+2 {
			return true
		}
	}
	return false
}

// current is what a pronoun refers to; currentProvider what "the company"
// and an unowned "the data center" refer to.
func (d *discourse) current(pronoun bool) *orgMention {
	if pronoun && d.focus != nil {
		return d.focus
	}
	if d.provider != nil {
		return d.provider
	}
	return d.main()
}

// resolution is who a fact is about.
type resolution struct {
	names []string // canonical provider names; empty means "no provider"
	conf  float64  // how sure: 1 explicit, lower when resolved from context
	how   string   // "explicit", "list", "anaphor", "context", "none"
	block bool     // the fact is about an organisation that is not a provider
}

// reGenericSubject marks a plural, unnamed group of companies between the
// nearest provider and the fact: "its rivals have committed $20 billion".
var reGenericSubject = mustRx(`(?i)\b(?:rivals|competitors|peers|hyperscalers|tech giants|tech firms|companies|firms|providers|players|vendors|Big Tech)\b`)

// reAnalystSubject is a forecaster with no name: "Analysts estimate that
// spending on cloud infrastructure in Chile will reach ...".
var reAnalystSubject = mustRx(`\b(?:[Aa]nalysts|[Ee]conomists|[Rr]esearchers|[Ff]orecasters|[Cc]onsultants)\b`)

// analystSubject reports a forecaster that speaks in s, not one spoken to
// ("told analysts the group would spend").
func analystSubject(s string) bool {
	for _, m := range reAnalystSubject.FindAllStringIndex(s, -1) {
		if !reToAnalysts.MatchString(s[max(0, m[0]-20):m[0]]) {
			return true
		}
	}
	return false
}

var reToAnalysts = mustRx(`(?i)\b(?:told|tells|telling|tell|to|with|for|by|briefed|briefing|reassured|assured)\s+(?:the\s+)?$`)

// reBoth refers back to two providers: "Both", "both companies", "the two
// firms", "the pair".
var reBoth = mustRx(`\b(?:[Bb]oth\s+(?:companies|firms|providers|groups|hyperscalers|of them)|[Bb]oth\s+(?:also\s+|already\s+|now\s+)?(?:operate|own|run|have|plan|planned|will|would|are|were|said|say|expect|opened|launched|built|announced|added|intend|agreed)|[Tt]he (?:two|three|four)\s+(?:companies|firms|providers|groups|hyperscalers|cloud providers|tech giants)|[Tt]he pair|[Aa]ll (?:three|four) (?:companies|firms|providers|of them))\b`)

// providerList is the first list of two or more providers joined by
// "and", commas or "nor" in the sentence: "AWS and Oracle", "Neither
// Google nor Microsoft".
func providerList(a *sentence) []string {
	for i := 0; i < len(a.orgs); i++ {
		if a.orgs[i].kind != orgProvider {
			continue
		}
		names := []string{a.orgs[i].name}
		j := i
		for j+1 < len(a.orgs) && a.orgs[j+1].kind == orgProvider && a.orgs[j].end <= a.orgs[j+1].start &&
			reOrgListSep.MatchString(a.text[a.orgs[j].end:a.orgs[j+1].start]) {
			j++
			names = appendUnique(names, a.orgs[j].name)
		}
		if len(names) >= 2 {
			return names
		}
	}
	return nil
}

// reAcquireBefore is a buying verb before its object, with up to a few
// words of description ("the data center firm").
var reAcquireBefore = mustRx(`(?i)(?:\b(?:acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?|purchas(?:e|es|ed|ing)|takeover of|acquisition of|merge with|merger with)\s+(?:[\w-]+\s+){0,4}|\bpa(?:id|ys|y|ying)\s+[^;]{0,45}?\bfor\s+(?:[\w-]+\s+){0,3})$`)

var reWithBefore = mustRx(`(?i)\b(?:with|alongside|and)\s+$`)

// reOrgListSep is what may stand between organisations of one list.
// A possessive owner may stand before the next name: "AWS and Saudi
// Arabia's Humain".
var reOrgListSep = mustRx(`^\s*\)?\s*(?:\(|,\s*and|,|and|nor|&|as well as|plus)\s*(?:(?:\p{Lu}[\p{L}-]*\s+){0,2}\p{Lu}[\p{L}-]*(?:'s|’s)\s+)?$`)

// resolve finds who a money figure at byte offset p is about: the nearest
// organisation before it, a reference back, a provider named after it, or,
// when defaultToFocus is set, the provider the article is about. An analyst
// or another organisation in that place makes the figure not a provider's.
func (d *discourse) resolve(a *sentence, p int, defaultToFocus bool) resolution {
	return d.resolveAt(a, p, defaultToFocus, false)
}

// resolveOwner finds the provider that owns a facility or count at offset p.
// Organisations that are not providers are passed over: the construction
// firm that builds a data center does not own it.
func (d *discourse) resolveOwner(a *sentence, p int) resolution {
	return d.resolveAt(a, p, true, true)
}

// inClosedAside reports a name inside a relative aside that closes before
// p: in "Nebius, which was spun out of Yandex, also runs a data center"
// Yandex is not who runs it.
//
// An appositive, participial or prepositional aside right after a name is
// one too: "AdaniConneX, a joint venture between Adani and EdgeConneX,
// operates", "Ascenty, owned by Digital Realty and Brookfield, opened",
// "Alibaba Cloud, through its joint venture with stc, operates".
func inClosedAside(s string, o orgMention, p int) bool {
	lo := strings.LastIndexAny(s[:o.start], ",;")
	opens := func(lo int) bool {
		return startsAside(s[lo:o.start]) || reAppositiveStart.MatchString(s[lo:o.start]) && nameEndsAt(s, lo)
	}
	// "GSA Data Center, a joint venture of Gulf Development, Singtel and
	// AIS, won": a later member of a list inside the aside is in it too.
	for lo > 0 && !opens(lo) {
		prev := strings.LastIndexAny(s[:lo], ",;")
		if prev < 0 {
			break
		}
		if opens(prev) {
			lo = prev
			break
		}
		if !reListMember.MatchString(s[prev+1 : lo]) {
			break
		}
		lo = prev
	}
	if lo < 0 || !opens(lo) {
		return false
	}
	return o.end < p && strings.Contains(s[o.end:p], ",")
}

// reListMember is one short name of a list: ", Singtel,".
var reListMember = mustRx(`^\s*(?:the\s+)?(?:\p{Lu}[\p{L}\d&.'’-]*\s*){1,4}$`)

// nameEndsAt reports a capitalised word right before off: the name an
// appositive describes.
func nameEndsAt(s string, off int) bool {
	return reNameBefore.MatchString(s[max(0, off-40):off] + " ")
}

var reAppositiveStart = mustRx(`^,\s*(?:(?:a|an|the|part of|parent of|owner of|unit of)\s|(?:owned|backed|controlled|founded|led|run|funded|majority-owned|part-owned|acquired|formed|created|set up)\s+(?:\w+\s+)?by\s|(?:through|via|with|alongside|together with|in partnership with|in a joint venture with)\s|(?:spun|carved|split|formed|created|founded|born|listed|headquartered|based)\s+(?:off\s+|out\s+)?(?:from|of|in|by|out of|on)\s)`)

// ownsFacilityAfter reports a name that premodifies a facility noun: "to
// Oracle data centers", "with Google's cloud region".
func ownsFacilityAfter(a *sentence, o orgMention) bool {
	for _, f := range a.facs {
		if f.start >= o.end && f.start-o.end <= 16 && reOwnerToFacility.MatchString(a.text[o.end:f.start]) {
			return true
		}
	}
	return false
}

var reOwnerToFacility = mustRx(`^(?:'s|’s)?\s+(?:[\p{L}-]+\s+)?$`)

// reSubjectPredicate is a coordinated verb that goes back to the subject:
// "signed a contract with OpenAI and now runs".
var reSubjectPredicate = mustRx(`(?i)\b(?:and|but)\s+(?:(?:now|also|then|still|already|currently)\s+)?(?:runs|operates|has|owns|plans|will|is|opened|launched|built|added|expects|aims|intends|manages)\b`)

var reJointly = mustRx(`(?i)\b(?:jointly|together)\b`)

var rePartnerObject = mustRx(`(?i)\b(?:with|from|to|between|alongside|against|than)\s+(?:the\s+)?$`)

var rePassiveAgent = mustRx(`(?i)\b(?:built|developed|operated|run|owned|constructed|managed|delivered|opened|launched|financed|funded)\s+by\s+$`)

// startsAside reports s opening with a relative aside (reAsideOpen).
func startsAside(s string) bool {
	m := reAsideOpen.FindStringIndex(s)
	return m != nil && m[0] == 0
}

// reInvestedIn ends right before the company a stake goes into, and
// reCoordinatedVerb opens a verb phrase coordinated with the one before.
var (
	reInvestedIn      = mustRx(`(?i)\b(?:invested|invests|investing|invest|stake)\s+(?:\S+\s+){0,3}?(?:in|into)\s+$`)
	reCoordinatedVerb = mustRx(`^,?\s+and\s+(?:(?:also|now|still|separately)\s+)?(?:plans|planned|will|is|has|had|intends|aims|expects|wants|agreed|announced|opened|launched|operates|runs|said|says)\b`)
)

// reWhichAfterName opens a relative clause right after a name.
var reWhichAfterName = mustRx(`^,?\s+(?:which|who)\s`)

func (d *discourse) resolveAt(a *sentence, p int, defaultToFocus, providersOnly bool) resolution {
	idx, analyst := -1, false
	for i, o := range a.orgs {
		if o.start < p && (!providersOnly || o.kind == orgProvider) && !inClosedAside(a.text, o, p) {
			idx = i
		}
		analyst = analyst || o.start < p && o.kind == orgAnalyst
	}
	if idx < 0 && (analyst || analystSubject(a.text[:p])) {
		// "Analysts at Gartner estimate that spending on cloud
		// infrastructure in Chile will reach ...": the market, not the
		// provider the article is about.
		return resolution{how: "analyst"}
	}
	if idx >= 0 && a.orgs[idx].kind == orgProvider && reWithBefore.MatchString(window(a.text, a.orgs[idx].start, 30)) && reJointly.MatchString(a.text[a.orgs[idx].end:p]) {
		// "SK Group signed an agreement with AWS to expand cloud
		// infrastructure in Korea by jointly building": both build.
		for j := idx - 1; j >= 0; j-- {
			if a.orgs[j].kind == orgProvider && a.orgs[j].name != a.orgs[idx].name {
				return resolution{names: []string{a.orgs[j].name, a.orgs[idx].name}, conf: 0.85, how: "list"}
			}
		}
	}
	if idx > 0 && reInvestedIn.MatchString(window(a.text, a.orgs[idx].start, 30)) && reCoordinatedVerb.MatchString(a.text[a.orgs[idx].end:p]) {
		// "Microsoft has invested in OpenAI and plans to build": the
		// object of "in" does not do what the coordinated verb says; the
		// subject before it does.
		for j := idx - 1; j >= 0; j-- {
			if o := a.orgs[j]; o.kind == orgProvider && !inClosedAside(a.text, o, p) {
				return resolution{names: []string{o.name}, conf: 0.85, how: "subject"}
			}
		}
	}
	if idx > 0 && rePrepNear.MatchString(window(a.text, a.orgs[idx].start, 30)) && anaphorIn(a, a.orgs[idx].end, p) == "pronoun" {
		// "G42 will switch on the first phase of the Stargate UAE campus
		// it is building in Abu Dhabi": the name inside "of the ..." is
		// not what "it" points back to; the provider before it is.
		for j := idx - 1; j >= 0; j-- {
			if o := a.orgs[j]; o.kind == orgProvider && !rePrepNear.MatchString(window(a.text, o.start, 30)) && !inClosedAside(a.text, o, p) {
				return resolution{names: []string{o.name}, conf: 0.85, how: "subject"}
			}
		}
	}
	if idx >= 0 && a.orgs[idx].kind == orgProvider && rePartnerObject.MatchString(window(a.text, a.orgs[idx].start, 30)) && !ownsFacilityAfter(a, a.orgs[idx]) && reSubjectPredicate.MatchString(a.text[a.orgs[idx].end:p]) &&
		!reWhichAfterName.MatchString(a.text[a.orgs[idx].end:p]) {
		// (A relative clause on the partner is about the partner: "contrasts
		// with Amazon Web Services, which ... said it would invest".)
		// "The New Jersey-based company signed a contract with OpenAI and
		// now runs 33 data centers": a partner named as the object of
		// "with" is not who runs them; the subject before it is.
		o := a.orgs[idx]
		for j := idx - 1; j >= 0; j-- {
			if a.orgs[j].kind == orgProvider && !rePartnerObject.MatchString(window(a.text, a.orgs[j].start, 30)) && !inClosedAside(a.text, a.orgs[j], p) {
				return resolution{names: []string{a.orgs[j].name}, conf: 0.85, how: "subject"}
			}
		}
		if name, known := d.byHome(a, o.start); known && name != "" {
			return resolution{names: []string{name}, conf: 0.8, how: "anaphor"}
		}
		if kind := anaphorIn(a, 0, o.start); kind != "" {
			if r := d.fromAnaphor(kind, "anaphor", 0.8); len(r.names) > 0 {
				return r
			}
		}
	}
	if idx < 0 || a.orgs[idx].kind != orgProvider {
		// "a council approved a data centre, to be built by Google": the
		// agent of a passive facility verb owns it when no provider is
		// the subject.
		for _, o := range a.orgs {
			if o.start >= p && o.kind == orgProvider && o.start < clauseEnd(a.text, p) && rePassiveAgent.MatchString(window(a.text, o.start, 40)) {
				return resolution{names: []string{o.name}, conf: 0.9, how: "agent"}
			}
		}
	}
	if idx >= 0 {
		o := a.orgs[idx]
		between := ""
		if o.end < p {
			// An organisation whose name runs over p (found by the
			// fuzzer: "... dAtA Centre in B Mobile") has nothing between.
			between = a.text[o.end:p]
		}
		if !providersOnly && reGenericSubject.MatchString(between) {
			return resolution{how: "generic"}
		}
		switch o.kind {
		case orgOther:
			if reWithBefore.MatchString(window(a.text, o.start, 40)) {
				// "Google partnered with Adani to build ...": the partner
				// is not who the fact is about.
				for j := idx - 1; j >= 0; j-- {
					if a.orgs[j].kind == orgProvider {
						return resolution{names: []string{a.orgs[j].name}, conf: 0.9, how: "explicit"}
					}
				}
			}
			return resolution{block: true, how: "other"}
		case orgAnalyst:
			return resolution{how: "analyst"}
		}
		if reAcquireBefore.MatchString(window(a.text, o.start, 50)) {
			// "Equinix will acquire the data center firm MainOne for $320
			// million": the buyer, not the bought, spends and will own.
			for j := idx - 1; j >= 0; j-- {
				if a.orgs[j].kind == orgProvider {
					return resolution{names: []string{a.orgs[j].name}, conf: 0.9, how: "acquirer"}
				}
			}
		}
		names := []string{o.name}
		// Walk back over a list: "Microsoft, Oracle, and Huawei have".
		for j := idx - 1; j >= 0; j-- {
			if a.orgs[j].end > a.orgs[j+1].start || !reOrgListSep.MatchString(a.text[a.orgs[j].end:a.orgs[j+1].start]) {
				break
			}
			if a.orgs[j].kind == orgProvider {
				names = appendUnique(names, a.orgs[j].name)
			}
		}
		if len(names) > 1 {
			reverse(names)
			return resolution{names: names, conf: 0.9, how: "list"}
		}
		return resolution{names: names, conf: 1, how: "explicit"}
	}
	if len(d.lastPair) >= 2 && reBoth.MatchString(a.text[:p]) {
		// "AWS and Oracle opened data centers in Chile. Both companies
		// plan ...": the providers named together last.
		return resolution{names: append([]string(nil), d.lastPair...), conf: 0.8, how: "list"}
	}
	if name, known := d.byHome(a, p); known {
		if name == "" {
			return resolution{how: "none"}
		}
		return resolution{names: []string{name}, conf: 0.8, how: "anaphor"}
	}
	if kind := anaphorIn(a, 0, p); kind != "" {
		return d.fromAnaphor(kind, "anaphor", 0.8)
	}
	if !providersOnly && reGenericSubject.MatchString(a.text[:p]) {
		return resolution{how: "generic"}
	}
	// Named after the trigger: "The data center in Riyadh is Huawei's 30th".
	// A partner ("projects with CoreWeave") is not the owner.
	for i, o := range a.orgs {
		if o.start >= p && !reWithBefore.MatchString(a.text[max(0, o.start-15):o.start]) {
			switch o.kind {
			case orgProvider:
				// "Chile hosts Google and Microsoft regions": a list
				// after the trigger names them all.
				names := []string{o.name}
				for j := i + 1; j < len(a.orgs) && a.orgs[j].start >= a.orgs[j-1].end && reOrgListSep.MatchString(a.text[a.orgs[j-1].end:a.orgs[j].start]); j++ {
					if a.orgs[j].kind == orgProvider {
						names = appendUnique(names, a.orgs[j].name)
					}
				}
				if len(names) > 1 {
					return resolution{names: names, conf: 0.8, how: "list"}
				}
				return resolution{names: []string{o.name}, conf: 0.85, how: "after"}
			case orgAnalyst:
				if !providersOnly {
					return resolution{how: "analyst"}
				}
			case orgOther:
				if !providersOnly {
					return resolution{block: true, how: "other"}
				}
			}
		}
	}
	for _, s := range a.anaphors {
		// "The Santiago region will have three availability zones at
		// launch, the company said": the speaker after the statement.
		if s.start >= p && reSpeakerAfter.MatchString(a.text[s.end:]) {
			return d.fromFocus("anaphor", 0.8, strings.EqualFold(a.text[s.start:s.end], "it"))
		}
	}
	if defaultToFocus {
		// A facility sentence is about the provider's facility; any
		// other figure belongs to whoever the text is about now.
		return d.fromFocus("context", 0.6, providersOnly == false && !hasFacility(a))
	}
	return resolution{how: "none"}
}

// fromAnaphor resolves a reference back of kind (anaphorIn). "We" and
// "our" are the speaker's company: in an interview or a press release the
// provider the article is about, not the last one it named.
func (d *discourse) fromAnaphor(kind, how string, conf float64) resolution {
	if kind == "first" {
		if m := d.main(); m != nil && m.kind == orgProvider {
			return resolution{names: []string{m.name}, conf: conf, how: how}
		}
	}
	return d.fromFocus(how, conf, kind == "pronoun")
}

func (d *discourse) fromFocus(how string, conf float64, pronoun bool) resolution {
	f := d.current(pronoun)
	if f == nil {
		return resolution{how: "none"}
	}
	if f.kind != orgProvider && publicBody(f.name) && !pronoun && d.provider != nil {
		// "Thurrock Council approved it. The search giant bought the
		// site": a description of a company is never the council.
		f = d.provider
	}
	if f.kind != orgProvider {
		return resolution{block: true, how: "other"}
	}
	return resolution{names: []string{f.name}, conf: conf, how: how}
}

// anaphorIn returns "pronoun" for it/its, "definite" for "the company" and
// "we", "" for none, for the last reference back in [lo,hi).
func anaphorIn(a *sentence, lo, hi int) string {
	// The first reference is the subject ("The company is expanding its
	// presence"); later ones refer to it.
	for _, s := range a.anaphors {
		if s.start >= lo && s.end <= hi {
			w := strings.ToLower(a.text[s.start:s.end])
			if w == "it" || w == "its" {
				return "pronoun"
			}
			if w == "we" || w == "our" {
				return "first"
			}
			return "definite"
		}
	}
	return ""
}

func appendUnique(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

func reverse(xs []string) {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// yearOf resolves a year mention against the publication date.
func (d *discourse) yearOf(y yearMention) int {
	if !y.isRelative {
		return y.year
	}
	if d.published.IsZero() {
		return 0
	}
	if y.decade {
		return d.published.Year()/10*10 + 9
	}
	if y.days > 0 {
		// "last month" published on 10 January is December of last year.
		return d.published.AddDate(0, 0, y.relative*y.days).Year()
	}
	if y.month > 0 {
		// "next March" published in May is March of next year, "last
		// September" September of last year; "by March" published in
		// March is this March.
		pub, year := int(d.published.Month()), d.published.Year()
		switch {
		case y.relative > 0 && (y.month < pub || y.strict && y.month == pub):
			return year + 1
		case y.relative < 0 && (y.month > pub || y.strict && y.month == pub):
			return year - 1
		}
		return year
	}
	return d.published.Year() + y.relative
}
