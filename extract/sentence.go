package extract

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/geo"
	"github.com/cloudfacts/ingest/nlp"
	"github.com/cloudfacts/ingest/quantity"
)

// sentence is one sentence read once for every rule: what it names and where.
// All offsets are byte offsets into text.
type sentence struct {
	text     string
	orgs     []orgMention
	places   []place
	facs     []facMention
	cues     []cue
	years    []yearMention
	numbers  []quantity.Number
	ordinals []quantity.Ordinal
	money    []quantity.Money
	anaphors []span // "it", "its", "the company", "we": references to a provider
	subject  *orgMention
}

type span struct{ start, end int }

// place is a country, city or area named in the sentence, or a reference
// back to one ("there", "the country") when ref is set.
type place struct {
	start, end int
	country    string // ISO 3166-1 alpha-2; "" for an unresolved reference
	city       string
	demonym    bool // "Mexican": a place only when it modifies a facility
	townOf     int  // for a town read from its shape ("Olkaria, Kenya"): where the country's name starts
	ref        bool
	possessive bool // "Mexico's"
	negated    bool // "outside China", "except India"
	home       bool // negated as a company's home ("Saudi Arabia's Humain"): still what "the kingdom" points back to
}

// analyse reads one sentence; known are the gazetteer's organisations in
// it, as learnNames found them; near is the country the article named
// last before it, which decides a currency name several countries share
// ("5 billion dirhams" in an article about Morocco) when the sentence
// names no country of its own.
func (x *Extractor) analyse(text string, known []orgMention, local *localOrgs, near string) *sentence {
	a := &sentence{text: text}
	a.orgs = make([]orgMention, 0, len(known))
	for _, o := range known {
		if !isBacker(text, o) {
			a.orgs = append(a.orgs, o)
		}
	}
	for _, o := range local.find(text) {
		if !overlapsOrg(a.orgs, o.start, o.end) && !isBacker(text, o) {
			a.orgs = insertSorted(a.orgs, o, func(o orgMention) int { return o.start })
		}
	}
	a.places = findPlaces(text)
	if len(a.orgs) > 0 {
		// "sold a stake to Brookfield": a place's name inside an
		// organisation's name is the organisation.
		kept := a.places[:0]
		for _, p := range a.places {
			if p.townOf == 0 && !p.ref && placeInsideOrg(a.orgs, p) && !reAuthorityAfter.MatchString(text[p.end:]) {
				// ("Kildare County Council" is an authority of the
				// place, and still names it.)
				continue
			}
			kept = append(kept, p)
		}
		a.places = kept
	}
	for i := range a.places {
		// "Saudi Arabia's DataVolt", "Abu Dhabi's G42": a place whose
		// possessive names a company is the company's home, no site.
		if p := &a.places[i]; p.possessive && !p.ref && orgStartsAt(a.orgs, p.end) {
			p.negated, p.home = true, true
		}
	}
	if len(a.places) > 1 {
		// "Bangkok, Mexico's Querétaro and Stockholm": a country's
		// possessive before one of its cities is part of that item.
		for i := 0; i+1 < len(a.places); i++ {
			p, q := a.places[i], &a.places[i+1]
			if p.possessive && p.city == "" && !p.ref && !p.demonym && q.start > p.end && q.start-p.end <= 4 && q.country == p.country && q.city != "" ||
				!p.ref && !q.ref && q.start > p.end && reSubAreaOf.MatchString(text[p.end:q.start]) {
				// ("the Northland area of Kansas City": a part of the
				// place, whatever else its name may mean.)
				q.start = p.start
				a.places = slices.Delete(a.places, i, i+1)
			}
		}
	}
	for i := range a.places {
		// A town read from its shape ("in Olkaria, Kenya") that is an
		// organisation's name is not a town.
		if p := &a.places[i]; p.townOf > 0 && insideOrg(a.orgs, p.start) {
			p.start, p.city, p.townOf = p.townOf, "", 0
		}
	}
	markHomes(a)
	a.facs = findFacilities(text)
	if len(a.orgs) > 0 {
		// "Aligned Data Centers", "Pure DC": a facility word inside a
		// name is the name.
		a.facs = slices.DeleteFunc(a.facs, func(f facMention) bool {
			return slices.ContainsFunc(a.orgs, func(o orgMention) bool { return o.start <= f.start && f.end <= o.end })
		})
	}
	if home := cmp.Or(local.top, near); home != "" && len(a.facs) > 0 {
		a.places = unlistedTowns(a, home)
	}
	for _, o := range append(relativeBuilders(a), objectBuilders(a)...) {
		// "belongs to Iozera, which is building a data centre": the
		// relative clause's subject is seen building, here and later.
		a.addLocalOrg(o, local)
	}
	a.cues = findCues(text)
	a.years = findYears(text)
	q := readQuantities(text)
	a.numbers = q.Numbers()
	a.ordinals = q.Ordinals()
	opt := quantity.MoneyOptions{Country: firstCountry(a.places)}
	if opt.Country == "" {
		opt.Country = near
	}
	if strings.Contains(text, "¥") || strings.Contains(text, "￥") {
		// Only a yen sign asks what it means (Yen's "" is "JPY").
		opt.Yen = yenFor(text)
	}
	a.money = q.Money(opt)
	q.Release()
	a.anaphors = findAnaphors(text)
	if len(a.orgs) > 0 || len(a.anaphors) > 0 || startsProper(text) {
		// Only the opening words' tags are read: the subject and the
		// first verb come first. Tagging stops where the questions do.
		tg := nlp.NewTagged(text)
		verb := firstVerb{tags: tg, orgs: slices.Clone(a.orgs), at: -1}
		if o, ok := unknownSubject(a, tg, local.tech); ok {
			a.addLocalOrg(o, local)
		}
		for _, o := range clauseSubjects(a, local.tech) {
			a.addLocalOrg(o, local)
		}
		for i := range a.orgs {
			// The subject opens the sentence, perhaps after a short
			// modifier ("Automaker Tesla", "In March, Equinix").
			prefix := strings.TrimSpace(text[:a.orgs[i].start])
			if countFields(prefix) > 5 && !strings.HasSuffix(prefix, ",") && !reDatelineEnd.MatchString(prefix) {
				// ("ABU DHABI, April 22 (Reuters) - G42 will": a dateline
				// opens the sentence as well.)
				break
			}
			if reWithBefore.MatchString(window(text, a.orgs[i].start, 40)) || rePrepBefore.MatchString(window(text, a.orgs[i].start, 40)) {
				continue
			}
			if !verb.atOrBefore(a.orgs[i].start) {
				a.subject = &a.orgs[i]
				if o := a.subject; o.local && o.kind == orgOther && !publicBody(o.name) && (reFacilityVerb.MatchString(reAside.ReplaceAllString(text[o.end:], "")) && (hasFacility(a) || len(a.facs) > 0 && local.tech) || ownSite(a, o.end, local.tech)) {
					// "Hickory Group will build a data centre": a company
					// seen building is a provider here and from now on;
					// so is one speaking of its own site ("Beyond.pl said
					// it had delayed the expansion of its Poznań campus").
					local.promote(o.name)
					for j := range a.orgs {
						if a.orgs[j].name == o.name {
							a.orgs[j].kind = orgProvider
						}
					}
				}
				break
			}
		}
		tg.Release()
	}
	return a
}

// reOwnerOfCompanyBefore ends right before the owner or backer of a
// company named or described just before: a company noun or a capitalised
// name, a comma, then "owned by", "backed by", "bought ... by".
var reOwnerOfCompanyBefore = mustRx(`(?:\b(?:company|firm|operator|developer|provider|group|startup|business|landlord)|\p{Lu}[\p{L}\d]+),\s+(?:(?:which|that|who)\s+(?:is|was|has been|had been)\s+)?(?:(?:now|partly|wholly|majority|jointly|privately|also)\s+)?(?:owned|backed|controlled|majority-owned|bought|acquired|funded|taken private)\s+(?:(?:in|last|this|earlier|since)\s+(?:\w+\s+){0,2})?by\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:led|including|of)\s+(?:by\s+)?)?$`)

// speechPlace reports a place where someone spoke, behind a cheap word
// check.
func speechPlace(s string, at int) bool {
	w := window(s, at, 60)
	var buf [512]byte
	low, _ := lowerInto(&buf, w)
	return containsAny(low, speechNeedles) && reSpeechPlaceBefore.MatchString(w)
}

var speechNeedles = []string{"told", "telling", "speak", "spoke", "address", "said", "says", "reporters", "journalists", "delegates", "attendees", "audience"}

// reAuthorityAfter follows a place that opens the name of its local
// authority.
var reAuthorityAfter = mustRx(`^\s+(?:(?:County|City|Town|Borough|District|Municipal|Village|Regional|Parish|Shire)\s+)?(?:Council|Municipality|Commission|Commissioners|Board of Supervisors|Planning Board|Planning Commission|Development Authority)\b`)

// isBacker reports a name that only modifies another as its backer: in
// "CoreWeave, the Nvidia-backed cloud provider, will invest" Nvidia
// neither builds nor pays.
func isBacker(text string, o orgMention) bool {
	after := text[o.end:min(len(text), o.end+30)]
	if reBackedAfter.MatchString(after) {
		return true
	}
	if reSuppliedAfter.MatchString(text[o.end:min(len(text), o.end+50)]) {
		// "filled with Nvidia accelerators", "16,000 Nvidia H100 chips":
		// the maker of what a site holds neither builds nor runs it.
		return true
	}
	if w := window(text, o.start, 120); strings.Contains(w, " by ") && reOwnerOfCompanyBefore.MatchString(w) {
		// "The US-based operator, owned by EQT Infrastructure,",
		// "Aligned, which was bought last year by a consortium led by
		// GIP": who owns a company neither builds nor pays for its
		// sites; "the campus, owned by Microsoft" is Microsoft's.
		return true
	}
	if w := window(text, o.start, 80); (strings.Contains(w, "such as") || strings.Contains(w, "including") || strings.Contains(w, "like ")) && reCustomerListBefore.MatchString(w) {
		// "built for tenants such as Microsoft, AWS and Google Cloud":
		// customers named as examples neither build nor pay.
		return true
	}
	if w := window(text, o.start, 120); strings.Contains(w, " for ") && reBuiltForBefore.MatchString(w) {
		// "the campus the company is building for Oracle and OpenAI",
		// "which it operates for OpenAI": the tenant a site is built or
		// run for neither builds nor runs it.
		return true
	}
	// A name between a determiner and "partner" or "customer" describes
	// someone else ("Thailand's first Nvidia cloud partner", "an AWS
	// customer"); "Google Cloud customers in Chile" and "Microsoft
	// partners with G42" are the provider's.
	return reRoleAfter.MatchString(after) && reRoleDeterminer.MatchString(text[max(0, o.start-20):o.start])
}

var reBuiltForBefore = mustRx(`(?i)\b(?:it|they|we|the\s+(?:company|developer|operator|firm|group)|(?-i:\p{Lu}[\p{L}\d&.-]*))\s+(?:(?:is|are|was|were|has\s+been|had\s+been|will\s+be)\s+)?(?:(?:now|also|already|currently)\s+)?(?:building|built|builds|operates|operated|operating|runs|ran|running|developing|developed|develops|constructing|constructed)\s+(?:[\w-]+\s+){0,2}?for\s+(?:[\p{L}\d&.-]+(?:\s[\p{L}\d&.-]+){0,2},?\s+(?:and\s+|or\s+)?){0,3}$`)

var reSuppliedAfter = mustRx(`^(?:'s|’s)?\s+(?:(?:[A-Z]{1,3}\d{2,4}[A-Za-z]*|Blackwell|Hopper|Grace|Rubin|Instinct|Trainium\d?|Inferentia\d?|TPU|Ultra|DGX|HGX|MI\d{3}[A-Z]?|[\w-]+-based|[\w-]+-class|latest|new|advanced|high-end|top-end|data-centre|data-center|AI)\s+){0,3}(?:GPUs?|chips?|accelerators?|processors?|servers?|systems|hardware|racks|superchips?|graphics\s+cards|cards|semiconductors)\b`)

var reCustomerListBefore = mustRx(`(?i)\b(?:tenants|customers|clients|users)\s+(?:such as|including|like)\s+(?:[\p{L}\d&.-]+(?:\s[\p{L}\d&.-]+){0,2},?\s+(?:and\s+|or\s+)?){0,4}$`)

var reBackedAfter = mustRx(`^(?:'s|’s)?-(?:backed|funded|financed|supported|sponsored|based|powered|compatible|certified)\b`)

var (
	reRoleAfter      = mustRx(`^\s+(?:(?:cloud|AI|GPU|technology|tech|strategic|preferred|premier|elite|certified)\s+)?(?:partner|customer|client|reseller|supplier|distributor)\b`)
	reRoleDeterminer = mustRx(`(?i)(?:\b(?:a|an|the|its|their|first|second|only|largest|biggest|key|major|main|sole)|['’]s)\s+$`)
)

// reAside is a bracketed aside right after a name: "(Viettel)", "(NYSE: X)".
var reAside = mustRx(`^\s*\([^)]{0,40}\)`)

// markHomes marks a place right after "Company from" as the company's home,
// not a site: "NextDC from Australia, with an investment of ...".
func markHomes(a *sentence) {
	for i := range a.places {
		p := &a.places[i]
		m := reFromPlace.FindStringIndex(window(a.text, p.start, 12))
		if m == nil {
			continue
		}
		from := p.start - (min(p.start, 12) - m[0])
		if reNameBefore.MatchString(window(a.text, from, 30)) {
			// An unknown name: "NextDC from Australia".
			p.negated = true
			continue
		}
		for _, o := range a.orgs {
			if o.end <= from && from-o.end <= 25 {
				p.negated = true
				break
			}
		}
	}
}

var reNameBefore = mustRx(`\b\p{Lu}[\p{L}\d&-]*(?:\s+\([^)]{1,20}\))?\s+$`)

var reFromPlace = mustRx(`\bfrom\s+(?:the\s+)?$`)

var rePrepBefore = mustRx(`(?i)\b(?:by|from|of|for|to|partner|partners|according to)\s+$`)

// startsProper reports a sentence opening with a capitalised word other
// than a determiner: the only place an unknown organisation is looked for.
func startsProper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && !reDeterminerStart.MatchString(s)
}

var reDeterminerStart = mustRx(`^(?:The|A|An|This|That|These|Those|It|Its|We|Our|In|On|At|By|For|With|As|After|Before|Since|Last|Earlier|Meanwhile|According)\b`)

// unknownSubject finds an organisation the gazetteer does not know from
// its place in the sentence: a run of proper nouns (NNP) that opens the
// sentence and is directly followed by its verb ("Zenlayer opened a data
// center in Lima"). It is a provider when the sentence is about a facility,
// else another organisation (so that "it" and money figures after it are
// not given to the last provider named). Person subjects of speech verbs
// ("Smith said") are skipped.
// orgStartsAt reports an organisation named right after a possessive
// ending at off ("'s G42").
func orgStartsAt(orgs []orgMention, off int) bool {
	for _, o := range orgs {
		if o.start > off && o.start <= off+4 {
			return true
		}
	}
	return false
}

// reSubAreaOf joins a part of a place to the place: "the Northland area
// of Kansas City", "the Tiburtina district of Rome".
var reSubAreaOf = mustRx(`^\s+(?:area|district|neighbou?rhood|section|suburb|quarter|part|borough)\s+of\s+(?:the\s+)?$`)

// addLocalOrg puts a name read from the sentence among its organisations
// and teaches it to the article: a name seen building is a provider for
// the rest of it.
func (a *sentence) addLocalOrg(o orgMention, local *localOrgs) {
	a.orgs = insertSorted(a.orgs, o, func(o orgMention) int { return o.start })
	local.learn(corporateName{name: o.name, kind: o.kind})
	if o.kind == orgProvider {
		local.promote(o.name)
	}
}

// clauseSubjects finds names nobody listed that open a second clause
// with a verb of their own: "CDC runs sites in Auckland, while Datagrid is
// seeking consents for a proposed campus". Such a name is an organisation,
// a provider when a verb of building follows it in a sentence about sites;
// without it the clause's site would go to the first clause's company.
func clauseSubjects(a *sentence, tech bool) []orgMention {
	if !containsAny(a.text, clauseJoins) {
		return nil // the pattern below needs one of these
	}
	var out []orgMention
	for _, m := range reClauseSubject.FindAllStringSubmatchIndex(a.text, -1) {
		start, end := m[2], m[3]
		name := strings.TrimSpace(reCorpSuffix.ReplaceAllString(a.text[start:end], ""))
		if name == "" || overlapsOrg(a.orgs, start, end) || overlapsPlace(a.places, start, end) || reNotOrgName.MatchString(name) || genericNameWord(name) || publicBody(name) {
			continue
		}
		kind := orgOther
		if reBuildVerbAfter.MatchString(a.text[m[4]:]) && (hasFacility(a) || len(a.facs) > 0 && tech) {
			// (Building, not owning: "while PGGM will own the rest" is
			// an investor's stake.)
			kind = orgProvider
		}
		out = append(out, orgMention{start: start, end: end, name: name, kind: kind, local: true})
	}
	return out
}

var clauseJoins = []string{", while ", ", whereas ", ", but ", ", and ", "; "}

// buildVerbs are the stems of verbs of opening, building or running a
// site; reFacilityVerb adds to them the verbs of owning, buying, selling
// and closing one.
const buildVerbs = `open|launch|operat|runs|build|construct|plan|expand|unveil|break|broke|commission|seek|propos|develop`

var reBuildVerbAfter = mustRx(`(?i)^\s+(?:\w+\s+){0,3}?(?:` + buildVerbs + `)`)

var reClauseSubject = mustRx(`(?:,\s+(?:while|whereas|but|and(?:\s+(?:rival|local\s+rival|newcomer))?)|;)\s+(\p{Lu}[\p{L}\d&.+-]*[\p{L}\d](?:\s\p{Lu}[\p{L}\d&.+-]*[\p{L}\d]){0,2})(?:,\s+(?:owned|controlled|backed|run|part|a\s+unit|a\s+subsidiary|an\s+affiliate)\b[^,;]{1,60},)?(\s+)(?:(?:also|now|already|still|recently|itself)\s+)?(?:is|are|was|were|has|have|had|will|would|plans|planned|opened|opens|built|builds|operates|runs|announced|expects|aims|filed|won|got|received|acquired|bought|broke|began|started|completed|launched|unveiled|secured)\b`)

// commonPlural reports one word that is a plural common noun opening a
// sentence ("Shares jumped", "Sales rose"): no company's name.
func commonPlural(name string) bool {
	if strings.ContainsAny(name, " &") || !strings.HasSuffix(name, "s") || len(name) < 4 {
		return false
	}
	low := strings.ToLower(name)
	return nlp.Known(low) || nlp.Known(strings.TrimSuffix(low, "s"))
}

// ownSite reports a site the subject calls its own in its clause, right
// after it: "said it had delayed the expansion of its Poznań campus".
func ownSite(a *sentence, from int, tech bool) bool {
	hi := clauseEnd(a.text, from)
	for _, f := range a.facs {
		if f.start < from || f.start >= hi || f.start-from > 90 || f.negated {
			continue
		}
		if f.weak && f.kind != FacilityDataCenter && !tech {
			continue
		}
		if rePossessedBefore.MatchString(window(a.text, f.start, 40)) {
			// ("Chief executive Andy Power said the company had broken
			// ground on its second data center": "its" is the company's,
			// and a person owns no site.)
			return !orgIn(a, from, f.start) && anaphorIn(a, from, f.start) != "definite" && !reTitleBefore.MatchString(window(a.text, from, 60))
		}
	}
	return false
}

var reTitleBefore = mustRx(`(?i)\b(?:chief|executive|ceo|cto|cfo|coo|president|chair|chairman|chairwoman|founder|co-founder|director|minister|secretary|governor|mayor|head|manager|officer|analyst|spokesperson|spokesman|spokeswoman|vp|partner|economist|professor)\s+(?:[\p{Lu}][\p{L}.'-]*\s+){1,3}\S*$`)

// tech says the article is about cloud, AI or data centers: there a
// weak noun ("campus") is a site even in a sentence that names none.
func unknownSubject(a *sentence, tg *nlp.Tagged, tech bool) (orgMention, bool) {
	if !tg.Has(2) {
		return orgMention{}, false
	}
	tok := func(i int) nlp.Token { t, _ := tg.Token(i); return t }
	// A descriptor may come first: "Automaker Tesla", "Chipmaker Rapidus".
	first := 0
	if t0, t1 := tok(0), tok(1); (t0.Tag == "NN" || t0.Tag == "JJ") && (t1.Tag == "NNP" || t1.Tag == "NNPS") {
		first = 1
	}
	i := first
	for i-first < 5 {
		t, ok := tg.Token(i)
		if !ok || !(t.Tag == "NNP" || t.Tag == "NNPS" || t.Text == "&" || i == 0 && unseenName(t)) {
			break
		}
		i++
	}
	next, more := tg.Token(i)
	if i == first || !more {
		return orgMention{}, false
	}
	start, end := tok(first).Start, tok(i-1).End()
	if overlapsOrg(a.orgs, start, end) || overlapsPlace(a.places, start, end) || reNotOrgName.MatchString(a.text[start:end]) || commonPlural(a.text[start:end]) {
		return orgMention{}, false
	}
	if next.Tag == "RB" || next.Text == "itself" || next.Text == "themselves" { // "Zenlayer also opened", "Orange itself operates"
		if after, ok := tg.Token(i + 1); ok {
			next = after
		}
	}
	if !finiteVerb(next.Tag) {
		return orgMention{}, false
	}
	builds := reFacilityVerb.MatchString(a.text[end:])
	if reSpeechVerb.MatchString(next.Text) {
		// "Fluidstack said last year it would build a supercomputer in
		// France": a speaker that reports its own plan builds.
		m := reSelfReport.FindStringIndex(a.text[next.End():])
		if m == nil {
			return orgMention{}, false
		}
		builds = reFacilityVerb.MatchString(a.text[next.End()+m[1]:])
	}
	name := strings.TrimSpace(reCorpSuffix.ReplaceAllString(a.text[start:end], ""))
	if name == "" {
		return orgMention{}, false
	}
	kind := orgOther
	if builds && (hasFacility(a) || len(a.facs) > 0 && (tech || reTechContext.MatchString(a.text))) && !publicBody(name) {
		// (A weak noun, "campus", "supercomputer", is a site in a
		// sentence about cloud, AI or data centers.)
		// A council that grants planning permission for a data centre
		// builds nothing (annotation rules: no public bodies).
		kind = orgProvider
	}
	return orgMention{start: start, end: end, name: name, kind: kind}, true
}

// relativeBuilders finds names the gazetteer does not know that a
// relative clause shows building, opening or running a facility: "belongs
// to Iozera, which is building a 500 MW data centre", "Odata, which runs
// two campuses". The clause's verb must come right after "which" or "who"
// (perhaps after an auxiliary), so the name is its subject; a place or a
// public body is never one.
func relativeBuilders(a *sentence) []orgMention {
	if !strings.Contains(a.text, ", wh") || !hasFacility(a) {
		return nil
	}
	var out []orgMention
	for _, m := range reRelativeName.FindAllStringSubmatchIndex(a.text, -1) {
		start, end := m[2], m[3]
		ws := strings.Fields(a.text[start:end])
		for len(ws) > 0 && (orgGeneric[ws[0]] || reDeterminerStart.MatchString(ws[0])) {
			start += len(ws[0]) + 1
			ws = ws[1:]
		}
		if len(ws) == 0 || overlapsOrg(a.orgs, start, end) || overlapsPlace(a.places, start, end) {
			continue
		}
		if strings.HasSuffix(strings.TrimRight(a.text[:start], " "), ")") {
			// "the AWS Asia Pacific (Mumbai) Region, which": the end of
			// a longer name.
			continue
		}
		name := strings.TrimSpace(reCorpSuffix.ReplaceAllString(a.text[start:end], ""))
		if name == "" || genericNameWord(name) || reNotOrgName.MatchString(name) || publicBody(name) {
			continue
		}
		if !reFacilityVerb.MatchString(a.text[m[1]:]) || !hasFacilityIn(a, m[1], len(a.text)) {
			continue
		}
		out = append(out, orgMention{start: start, end: end, name: name, kind: orgProvider, local: true})
	}
	return out
}

// objectBuilders finds names nobody listed that a relative clause on a
// facility shows building or running it: "a data center that Core
// Scientific is building for it in Denton".
func objectBuilders(a *sentence) []orgMention {
	if !strings.Contains(a.text, " that ") || len(a.facs) == 0 {
		return nil
	}
	var out []orgMention
	for _, m := range reObjectBuilder.FindAllStringSubmatchIndex(a.text, -1) {
		start, end := m[2], m[3]
		if !slices.ContainsFunc(a.facs, func(f facMention) bool { return f.end <= m[0] && m[0]-f.end <= 2 }) {
			continue // the clause must be on a facility
		}
		name := strings.TrimSpace(a.text[start:end])
		if overlapsOrg(a.orgs, start, end) || overlapsPlace(a.places, start, end) || genericNameWord(name) || reNotOrgName.MatchString(name) || publicBody(name) {
			continue
		}
		out = append(out, orgMention{start: start, end: end, name: name, kind: orgProvider, local: true})
	}
	return out
}

var reObjectBuilder = mustRx(`\s+that\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})\s+(?:is|was|has\s+been|will\s+be)?\s*(?:building|developing|constructing|operating|running|built|developed|operates|runs|will\s+build|plans\s+to\s+build)\b`)

var reRelativeName = mustRx(`(\p{Lu}[\p{L}\d&+.-]*(?:\s\p{Lu}[\p{L}\d&+.-]*){0,3}),\s+(?:which|who)\b`)

// unseenName reports a capitalised word the tagger never saw: opening a
// sentence it is most likely a name, whatever tag the tagger guessed.
func unseenName(t nlp.Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r) && len(t.Text) >= 4 && (t.Tag == "NN" || t.Tag == "JJ" || t.Tag == "NNS" || t.Tag == "RB") && !nlp.Known(t.Text)
}

// publicBody reports a government body (it approves, funds or regulates,
// and never owns a facility by the annotation rules), or an organisation
// whose own data
// centers serve only itself (a bank, a university, an airline): neither
// is a provider (annotation rules).
func publicBody(name string) bool { return rePublicBody.MatchString(name) }

var rePublicBody = mustRx(`(?:\b(?:Council|Ministry|Government|Authority|Authorities|Commission|Agency|Department|Municipality|Parliament|Court|Regulator|Senate|Assembly|Bureau|Administration|Board|Committee|Cabinet|Congress|Legislature|Prefecture|Bank|University|Hospital|Insurance|Airlines|Airways|Railways?)$|^(?:City|State|Ministry|Department|Government|Province|Republic|Kingdom|Port) of\b)`)

var (
	reNotOrgName = mustRx(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Mr|Ms|Mrs|Dr|He|She|They|I|You|Experts?|Analysts?|Officials?)\b`)
	// "said (last year) (that) it would": the speaker reports its own act.
	reSelfReport   = mustRx(`^(?:\s+[\w-]+){0,4}?\s+(?:that\s+)?(?:it|they)\b`)
	reSpeechVerb   = mustRx(`^(?:said|says|say|told|tells|added|adds|noted|notes|wrote|writes|explained|explains|stated|states|argued|argues|believes|believed|thinks|thought|declared|declares)$`)
	reCorpSuffix   = mustRx(`(?:,?\s+(?:Inc|Ltd|Corp|Co|LLC|PLC|plc|Holdings|Group|AG|SA|NV|GmbH|Limited|Corporation)\.?)+$`)
	reFacilityVerb = mustRx(`(?i)^\s+(?:\w+\s+){0,3}?(?:` + buildVerbs + `|ran|invest|add|clos|shut|exit|began|start|select|announc|complet|keep|keeps|kept|retain|sell|sold|acquir|buy|buys|bought|owns|own|has (?:\w+\s+)?(?:data|region|cloud|availability)|have (?:\w+\s+)?(?:data|region|cloud|availability))`)
)

// firstVerb finds the sentence's first finite verb outside the
// organisations' names, reading tags only as far as asked.
type firstVerb struct {
	tags *nlp.Tagged
	orgs []orgMention
	next int // tokens read
	at   int // offset of the verb, -1 until found
}

// atOrBefore reports whether the first verb starts at or before off.
func (v *firstVerb) atOrBefore(off int) bool {
	for v.at < 0 {
		t, ok := v.tags.Token(v.next)
		if !ok || t.Start > off {
			return false
		}
		v.next++
		if finiteVerb(t.Tag) && !insideOrg(v.orgs, t.Start) {
			v.at = t.Start
		}
	}
	return v.at <= off
}

func overlapsOrg(os []orgMention, start, end int) bool {
	for _, o := range os {
		if o.start < end && o.end > start {
			return true
		}
	}
	return false
}

func overlapsPlace(ps []place, start, end int) bool {
	for _, p := range ps {
		if p.start < end && p.end > start {
			return true
		}
	}
	return false
}

func finiteVerb(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// placeInsideOrg reports a place whose whole span lies in an
// organisation's name.
func placeInsideOrg(orgs []orgMention, p place) bool {
	for _, o := range orgs {
		if o.start <= p.start && p.end <= o.end {
			return true
		}
	}
	return false
}

func insideOrg(orgs []orgMention, off int) bool {
	for _, o := range orgs {
		if off >= o.start && off < o.end {
			return true
		}
	}
	return false
}

// reAnaphor finds expressions that refer back to a provider named earlier.
// "the Chinese cloud giant", "the US firm" and the like allow up to three
// modifiers before the head noun. findAnaphors is what the rules run: it
// matches exactly this pattern (TestFindAnaphorsIsRegexp), without trying
// it at every byte of every sentence.
var reAnaphor = mustRx(`\b(?:[Ii]ts?|[Tt]he (?:[\w-]+,? ){0,3}(?:company|firm|group|provider|vendor|operator|developer|landlord|giant|hyperscaler|unit|arm|offshoot|subsidiary|e-tailer)|[Ww]e|[Oo]ur)\b`)

var anaphorHeads = []string{"company", "firm", "group", "provider", "vendor", "operator", "developer", "landlord", "giant", "hyperscaler", "unit", "arm", "offshoot", "subsidiary", "e-tailer"}

// findAnaphors returns reAnaphor.FindAllStringIndex(s, -1) as spans.
func findAnaphors(s string) []span {
	var out []span
	for p := 0; p+1 < len(s); p++ {
		if p > 0 && isASCIIWord(s[p-1]) {
			continue
		}
		if end := anaphorAt(s, p); end > 0 {
			out = append(out, span{p, end})
			p = end - 1
		}
	}
	return out
}

// anaphorAt is the end of reAnaphor's match at p, a word start, or 0.
func anaphorAt(s string, p int) int {
	boundary := func(i int) bool { return i == len(s) || !isASCIIWord(s[i]) }
	rest := s[p+1:]
	switch s[p] {
	case 'I', 'i':
		if strings.HasPrefix(rest, "ts") && boundary(p+3) {
			return p + 3
		}
		if strings.HasPrefix(rest, "t") && boundary(p+2) {
			return p + 2
		}
	case 'W', 'w':
		if strings.HasPrefix(rest, "e") && boundary(p+2) {
			return p + 2
		}
	case 'O', 'o':
		if strings.HasPrefix(rest, "ur") && boundary(p+3) {
			return p + 3
		}
	case 'T', 't':
		if !strings.HasPrefix(rest, "he ") {
			return 0
		}
		// Up to three modifiers, each a run of [\w-], perhaps a comma
		// ("The Redwood City, California-based company"), and one space;
		// the pattern prefers the most that still end in a head noun.
		var atBuf [4]int // on the stack: at most four places
		at := append(atBuf[:0], p+4)
		for len(at) < 4 {
			i := at[len(at)-1]
			j := i
			for j < len(s) && (isASCIIWord(s[j]) || s[j] == '-') {
				j++
			}
			if j > i && j < len(s) && s[j] == ',' {
				j++
			}
			if j == i || j == len(s) || s[j] != ' ' {
				break
			}
			at = append(at, j+1)
		}
		for k := len(at) - 1; k >= 0; k-- {
			for _, h := range anaphorHeads {
				if strings.HasPrefix(s[at[k]:], h) && boundary(at[k]+len(h)) {
					return at[k] + len(h)
				}
			}
		}
	}
	return 0
}

// isASCIIWord is regexp's \w: what \b separates from the rest.
func isASCIIWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// yenFor decides what a bare "¥" means: yuan when the sentence is about China,
// yen otherwise.
func yenFor(s string) string {
	if reChinaMoney.MatchString(s) {
		return "CNY"
	}
	return "JPY"
}

var reChinaMoney = mustRx(`\b(?:China|Chinese|yuan|renminbi|RMB|Beijing|Shanghai|Alibaba|Tencent|Huawei|Baidu)\b`)

func firstCountry(ps []place) string {
	for _, p := range ps {
		if p.country != "" {
			return p.country
		}
	}
	return ""
}

// lastCountry is the country of the last place a sentence names as a
// place, not a reference or a negated one.
func lastCountry(ps []place) string {
	for i := len(ps) - 1; i >= 0; i-- {
		if p := ps[i]; p.country != "" && !p.ref && !p.negated && !p.demonym {
			return p.country
		}
	}
	return ""
}

// findPlaces reads the gazetteer mentions of a sentence, joins "City,
// Country" into one place, and adds references ("there", "the country").
// reDatelineEnd ends a wire dateline: "ABU DHABI, April 22 (Reuters) -".
var reDatelineEnd = mustRx(`(?:\)|\p{Lu}{2,})\s*[-–—:]$`)

// unlistedTowns adds the towns too small for the gazetteer that a
// facility stands in ("a $4.8 billion campus in Colón", "a data centre on
// Green Belt land in Elstree"): a capitalised name nobody knows right
// after the facility and "in", "at" or "near", in the country the article
// names most so far (near), when the sentence names no place of another
// country.
func unlistedTowns(a *sentence, near string) []place {
	for _, p := range a.places {
		if p.country != "" && p.country != near && !p.ref && !p.negated && !p.demonym {
			return a.places // another country: the town may be anywhere
		}
	}
	out := a.places
	for _, f := range a.facs {
		m := reUnlistedTown.FindStringSubmatchIndex(a.text[f.end:])
		if m == nil {
			continue
		}
		start, end := f.end+m[2], f.end+m[3]
		name := a.text[start:end]
		first, _, _ := strings.Cut(name, " ")
		if overlapsOrg(a.orgs, start, end) || overlapsPlace(a.places, start, end) || notTown(name) || genericNameWord(first) ||
			nlp.Known(strings.ToLower(first)) || reNotOrgName.MatchString(name) || len(first) < 4 {
			continue
		}
		city := name
		if reCapitalAfter.MatchString(a.text[end:]) {
			// "in Mekaguda, Shadnagar and Chandanvelly": a list of
			// towns is one fact with no city (annotation rules).
			l := reTownListRest.FindStringIndex(a.text[end:])
			switch {
			case l != nil && !overlapsPlace(a.places, end, end+l[1]):
				end += l[1]
				city = ""
			case !placeStartsAfter(a.places, end):
				continue
			}
			// ("in Biere and Magdeburg": a list that goes on with a
			// place the gazetteer knows; the town is an item of it.)
		}
		out = insertSorted(out, place{start: start, end: end, country: near, city: city, townOf: -1}, func(p place) int { return p.start })
	}
	return out
}

// placeStartsAfter reports a place right after off, past a comma or
// "and": the next item of a list.
func placeStartsAfter(ps []place, off int) bool {
	for _, p := range ps {
		if p.start >= off && p.start-off <= 6 {
			return true
		}
	}
	return false
}

var (
	reUnlistedTown = mustRx(`^(?:\s+(?:\([^)]{1,30}\)|(?:on|off)\s+(?:[\p{L}-]+\s+){1,4}?))?\s*,?\s+(?:in|at|near|around|outside)\s+(?:the\s+(?:city|town|village|municipality|port|district)\s+of\s+)?(\p{Lu}[\p{L}’'-]*[\p{L}](?:\s+(?:(?:de|del|do|da|dos|das|la|el|le|di|van|von)\s+)?\p{Lu}[\p{L}-]*[\p{L}]){0,2})\b`)
	reCapitalAfter = mustRx(`^(?:\s*,\s*|\s+(?:and|or|&)\s+|\s+)\p{Lu}`)
	// The rest of a list of capitalised names, up to its last member.
	reTownListRest = mustRx(`^(?:\s*,\s*\p{Lu}[\p{L}’'-]*[\p{L}](?:\s+\p{Lu}[\p{L}-]*[\p{L}])?){0,4},?\s+(?:and|or|&)\s+\p{Lu}[\p{L}’'-]*[\p{L}](?:\s+\p{Lu}[\p{L}-]*[\p{L}])?\b`)
)

// reTownLocatedIn is what lies between a town and the area that locates it:
// a facility phrase (findPlaces checks the noun) and "in" ("datacenter
// in", "data centre in the").
var reTownLocatedIn = mustRx(`^(?:'s|’s)?\s+(?:[\p{L}-]+\s+){1,3}?in\s+(?:the\s+)?$`)

func findPlaces(s string) []place {
	ms := geo.Find(s)
	var out []place
	// A cause ("amid tensions with Beijing") is looked for only where one
	// may be.
	cause := strings.Contains(s, "mid") || strings.Contains(s, "ecause of")
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		p := place{start: m.Start, end: m.End, country: m.Country}
		switch m.Kind {
		case geo.KindCity:
			p.city = m.Text
			// "Greater Jakarta", "Greater Kuala Lumpur": the metropolitan
			// area of the city is the place.
			if strings.HasSuffix(s[:p.start], "Greater ") && (len(out) == 0 || out[len(out)-1].end <= p.start-len("Greater ")) {
				p.start -= len("Greater ")
				p.city = s[p.start:p.end]
			}
			// "in Caledonia, a village near Mount Pleasant": the town the
			// apposition describes is the place; the named city only
			// locates it.
			w := window(s, p.start, 90)
			if mm := reAppositiveTown.FindStringSubmatchIndex(w); mm != nil && !notTown(w[mm[2]:mm[3]]) {
				start := p.start - len(w) + mm[2]
				if len(out) == 0 || out[len(out)-1].end <= start {
					p.city = s[start : p.start-len(w)+mm[3]]
					p.start, p.townOf = start, p.start
				}
			}
			// "its Limburg datacenter in Germany", "the Dublin data center
			// in Ohio": a town the place after "in" locates elsewhere is
			// a town of that name there.
			if i+1 < len(ms) && ms[i+1].Kind != geo.KindDemonym && ms[i+1].Country != m.Country &&
				reTownLocatedIn.MatchString(s[m.End:ms[i+1].Start]) && len(facilityLexicon.find(s[m.End:ms[i+1].Start])) > 0 {
				p.country = ms[i+1].Country
				out = append(out, p)
				i++
				continue
			}
			// "Kuala Lumpur, Malaysia" and "Dubai, the United Arab Emirates"
			// are one place.
			if i+1 < len(ms) && ms[i+1].Kind == geo.KindCountry && ms[i+1].Country == m.Country &&
				reListSep.MatchString(s[m.End:ms[i+1].Start]) && !strings.Contains(s[m.End:ms[i+1].Start], "and") {
				p.end = ms[i+1].End
				i++
			}
		case geo.KindDemonym:
			p.demonym = true
		case geo.KindCountry:
			// "near Narvik, Norway", "in Olkaria, Kenya": a capitalised
			// name set before a country with a comma is a town of that
			// country, even one too small for the gazetteer.
			w := window(s, p.start, 90)
			mm := reTownBefore.FindStringSubmatchIndex(w)
			if mm == nil {
				mm = reAppositiveTown.FindStringSubmatchIndex(w) // "in Kronstorf, a town in Austria"
			}
			if mm != nil && !notTown(w[mm[2]:mm[3]]) {
				start := p.start - len(w) + mm[2]
				if len(out) == 0 || out[len(out)-1].end <= start {
					p.city = s[start : p.start-len(w)+mm[3]]
					p.start, p.townOf = start, p.start
				}
			}
		}
		rest := s[p.end:]
		p.possessive = strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "' ") || strings.HasPrefix(rest, "’ ")
		if reNegatedBefore.MatchString(window(s, p.start, 40)) && !(p.city != "" && reOutsideBefore.MatchString(window(s, p.start, 12)) && reAreaAfterTown.MatchString(s[p.end:])) ||
			reHomeBefore.MatchString(window(s, p.start, 30)) ||
			speechPlace(s, p.start) ||
			reBasedAfter.MatchString(s[p.end:]) || cause && reCauseBefore.MatchString(window(s, p.start, 60)) {
			// ("outside Mesa, Arizona" is near a town, in its state; a
			// bare "outside Texas" or "outside China" is not there.)
			// ("closed its Mumbai data centre amid tensions between New
			// Delhi and Beijing": a place in the cause is no site.)
			p.negated = true
		}
		if p.demonym && reOrgAfterDemonym.MatchString(s[p.end:min(len(s), p.end+60)]) {
			// "the Chinese company", "South Korean operator": a
			// nationality describing a company is its home, not a site.
			p.negated = true
		}
		if !p.demonym && reArticleBefore.MatchString(window(s, p.start, 6)) && reOrgAfterDemonym.MatchString(s[p.end:min(len(s), p.end+60)]) {
			// "the Redmond company", "a Tokyo data center operator": a
			// place naming a company describes its home, as "-based"
			// does.
			p.negated = true
		}
		if n := len(out); p.negated && reBasedAfter.MatchString(s[p.end:]) && n > 0 && !out[n-1].negated && s[out[n-1].end:p.start] == ", " {
			// "Redwood City, California-based": the town before the
			// state is the same home.
			out[n-1].negated = true
		}
		out = append(out, p)
	}
	for _, m := range rePlaceRef.FindAllStringSubmatchIndex(s, -1) {
		p := place{start: m[2], end: m[3], ref: true}
		rest := s[p.end:]
		if reNamedAfterRef.MatchString(rest) {
			continue // "the city of Benslimane" names the place
		}
		if reGovernmentAfter.MatchString(rest) {
			continue // "from the state government": a body, not a place
		}
		p.possessive = strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
		out = insertSorted(out, p, func(p place) int { return p.start })
	}
	return out
}

var reNamedAfterRef = mustRx(`^\s+of\s+\p{Lu}`)

var reGovernmentAfter = mustRx(`(?i)^(?:'s|’s)?[\s-]+(?:government|governments|governor|capital|legislature|utility|authorities|authority|agency|council|regulator|owned|run|media|broadcaster|budget|treasury|fund|of the art)\b`)

// notTown reports a capitalised name before a country that is no town:
// a month or a day ("in January, Ireland's regulator"), a world region
// ("in Asia, Japan").
func notTown(name string) bool {
	if reAreaName.MatchString(name) {
		return true
	}
	first, _, _ := strings.Cut(name, " ")
	return calendarWord(first)
}

// calendarWord reports the name of a month or a day of the week.
func calendarWord(w string) bool {
	if monthNumber(w) > 0 {
		return true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w == d.String() {
			return true
		}
	}
	return false
}

// insertSorted inserts x into xs, kept in order of start offset.
func insertSorted[T any](xs []T, x T, start func(T) int) []T {
	i := 0
	for i < len(xs) && start(xs[i]) < start(x) {
		i++
	}
	xs = append(xs, x)
	copy(xs[i+1:], xs[i:])
	xs[i] = x
	return xs
}

var (
	reListSep     = mustRx(`^\s*(?:,|;)?\s*(?:the\s+|The\s+)?$`)
	reCauseBefore = mustRx(`(?i)\b(?:amid|amidst|because of)\s[^,;:()]*$`)
	// Where someone spoke is no site: "Eddie Wu told the audience in
	// Hangzhou", "speaking at a conference in Riyadh".
	reSpeechPlaceBefore = mustRx(`(?i)\b(?:told|telling|speaking|spoke|addressing|addressed|said|says)\s+(?:(?:at|during|to)\s+)?(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:audience|reporters|journalists|investors|analysts|delegates|attendees|conference|summit|event|crowd|forum|briefing|meeting|gathering|keynote|expo|show|press conference|news conference)\s+)?(?:in|at)\s+$|\b(?:reporters|journalists|delegates|attendees|audience)\s+in\s+$`)
	reOutsideBefore     = mustRx(`(?i)\boutside\s+$`)
	reAreaAfterTown     = mustRx(`^,\s+\p{Lu}`)
	// "and is headquartered in Amsterdam": a company's home is no site.
	reHomeBefore    = mustRx(`(?i)\b(?:headquartered|head-quartered|incorporated|domiciled)\s+(?:(?:in|out\s+of)\s+)(?:the\s+)?$`)
	reNegatedBefore = mustRx(`(?i)\b(?:outside|outside of|except|excluding|beyond|other than|apart from)\s+(?:of\s+)?(?:the\s+)?(?:mainland\s+)?$`)
	// "the Seattle-based company", "a US-headquartered firm": a company's
	// home, not where it builds.
	reBasedAfter = mustRx(`^(?:'s|’s)?-(?:based|headquartered|born|listed|owned|registered)\b`)
	// A demonym before a company noun, with up to three modifiers ("the
	// Chinese tech giant", "a Brazilian data center operator").
	reOrgAfterDemonym = mustRx(`^(?:\s+[\p{L}-]+){0,3}?\s+(?:` + reProviderHead + `|(?i:conglomerate|carrier|telco|hyperscaler|vendor|startup|start-up|chipmaker|owner|investor|fund))\b`)
	reArticleBefore   = mustRx(`(?i)\b(?:the|a|an)\s+$`)
	reTownBefore      = mustRx(`\b(?:in|near|at|outside|around|picks|picked|chose|chosen|selects|selected)\s+((?:\p{Lu}[\p{L}'’-]+\s+){0,2}\p{Lu}[\p{L}'’-]+),\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|rural|coastal)\s+)?$`)
	reAppositiveTown  = mustRx(`\b(?:in|near|at|outside)\s+((?:\p{Lu}[\p{L}'’-]+\s+){0,2}\p{Lu}[\p{L}'’-]+),\s+an?\s+(?:(?:small|tiny|rural|little|nearby|coastal|former)\s+)?(?:village|town|city|suburb|municipality|hamlet|community|district|parish)\s+(?:near|outside|close to|in|of|(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?$`)
	rePlaceRef        = mustRx(`\b(there|the country|the kingdom|the nation|the city|our country|this country|the area|the state|the province|the county|the island|the town)\b`)
)

// yearMention is a year stated in the sentence, or resolved from a relative
// phrase ("next year") when the publication date is known.
type yearMention struct {
	start, end int
	year       int
	relative   int // for relative phrases: offset from the publication year; for months, the direction
	isRelative bool
	// month: "next March", "by December", "in January", "the third
	// quarter" (its last month). The year is that of the month nearest
	// publication in the direction relative gives (+1 later, -1 earlier,
	// 0 this year); strict leaves out the month of publication itself
	// ("next May" published in May is next year's).
	month  int
	strict bool
	days   int  // "last month": 30, "next week": 7; relative counts these spans
	decade bool // "by the end of the decade": the decade's last year
}

var (
	reRelativeMonth   = mustRx(`\b([Nn]ext|[Ll]ast|[Tt]his)\s+(` + monthAlternation + `)\b`)
	reRelativeQuarter = mustRx(`(?i)\b(?:in|by|during|for|from|within)\s+the\s+(first|second|third|fourth|final|last)\s+(quarter|half)\b`)
	reOfYearAfter     = mustRx(`^\s*(?:of\s+(?:(?:this|next|last|the)\b|(?:fiscal\s+|FY\s*)?\d{2,4})|,?\s*\d{4}|\s*(?:fiscal\s+)?year)`)
	reFutureMarker    = mustRx(`(?i)\b(?:will|would|expected|expects|scheduled|plans?|planned|due|set to|slated|aims?|intends?|targets?|opens|launches|goes live|comes online)\b`)
	reBareMonth       = mustRx(`\b(?:in|since|from|during|on)\s+(?:(?:early|late|mid)[\s-]+)?(` + monthAlternation + `)\b`)
	reDeadlineMonth   = mustRx(`\b(?:by|until|till|before)\s+(?:(?:early|late|mid|the end of)[\s-]+)?(` + monthAlternation + `)\b`)
	reYearAfterMonth  = mustRx(`^\s*(?:\d{1,2}(?:st|nd|rd|th)?)?,?\s*\d{4}\b`)
	reDecadeEnd       = mustRx(`(?i)\b(?:by|before|until|at)\s+the\s+end\s+of\s+(?:the|this)\s+decade\b`)
	reRelativeSeason  = mustRx(`\b([Nn]ext|[Ll]ast|[Tt]his)\s+(spring|summer|fall|autumn|winter)\b`)
	reRelativeSpan    = mustRx(`(?i)\b(next|last|this)\s+(month|week)\b`)
	reRelativeYear    = mustRx(`(?i)\b(?:(?:later |earlier )?this year|(?:by )?the end of (?:the|this) year|next year|the coming year|last year)\b`)
)

func findYears(s string) []yearMention {
	var out []yearMention
	for _, m := range yearSpans(s) {
		// "2026-30" and "2025/26" ranges are periods, not one year; a year
		// followed by a unit ("2030MW") is not a year at all.
		if m[1] < len(s) && (isWordRune(rune(s[m[1]])) || s[m[1]] == '%') {
			continue
		}
		y, _ := strconv.Atoi(s[m[0]:m[1]])
		out = append(out, yearMention{start: m[0], end: m[1], year: y})
	}
	for _, m := range reRelativeYear.FindAllStringIndex(s, -1) {
		phrase := strings.ToLower(s[m[0]:m[1]])
		rel := 0
		switch {
		case strings.Contains(phrase, "next") || strings.Contains(phrase, "coming"):
			rel = 1
		case strings.Contains(phrase, "last"):
			rel = -1
		}
		out = append(out, yearMention{start: m[0], end: m[1], relative: rel, isRelative: true})
	}
	// "next March", "last September": the year depends on the month of
	// publication, resolved by discourse.yearOf.
	months := monthIn(s)
	for _, m := range findAllIf(months, reRelativeMonth, s) {
		out = append(out, yearMention{start: m[0], end: m[1], isRelative: true, month: monthNumber(s[m[4]:m[5]]), strict: true, relative: direction(s[m[2]:m[3]])})
	}
	// "by the end of the decade": the last year of publication's decade.
	if strings.Contains(s, "decade") {
		for _, m := range reDecadeEnd.FindAllStringIndex(s, -1) {
			out = append(out, yearMention{start: m[0], end: m[1], isRelative: true, decade: true})
		}
	}
	// "last fall", "next spring", "this summer": a season is its middle
	// month, resolved like "last October".
	if hasSeason(s) {
		for _, m := range reRelativeSeason.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, yearMention{start: m[0], end: m[1], isRelative: true, month: seasonMonth[strings.ToLower(s[m[4]:m[5]])],
				strict: true, relative: direction(s[m[2]:m[3]])})
		}
	}
	// "in the third quarter", "by the second half": this year's, or next
	// year's when a plan names a period already over.
	if strings.Contains(s, "quarter") || strings.Contains(s, "half") {
		for _, m := range reRelativeQuarter.FindAllStringSubmatchIndex(s, -1) {
			if reOfYearAfter.MatchString(s[m[1]:]) {
				continue // "the first half of 2027": the year is stated
			}
			y := yearMention{start: m[0], end: m[1], isRelative: true, month: periodEndMonth(strings.ToLower(s[m[2]:m[3]]), strings.ToLower(s[m[4]:m[5]]))}
			if reFutureMarker.MatchString(s[:m[0]]) {
				y.relative = 1
			}
			out = append(out, y)
		}
	}
	// "in January": the January nearest publication on the side the verb
	// points to, earlier for what happened, later for a plan.
	for _, m := range findAllIf(months, reBareMonth, s) {
		if reYearAfterMonth.MatchString(s[m[1]:]) {
			continue // "in January 2025": the year is stated
		}
		y := yearMention{start: m[0], end: m[1], isRelative: true, month: monthNumber(s[m[2]:m[3]]), relative: -1}
		if reFutureMarker.MatchString(s[:m[0]]) {
			y.relative = 1
		}
		out = append(out, y)
	}
	// "by December", "until March": a deadline month with no year is the
	// next such month from publication (this month included).
	for _, m := range findAllIf(months, reDeadlineMonth, s) {
		if reYearAfterMonth.MatchString(s[m[1]:]) {
			continue // "by December 2027": the year is stated
		}
		out = append(out, yearMention{start: m[0], end: m[1], isRelative: true, month: monthNumber(s[m[2]:m[3]]), relative: 1})
	}
	// "last month", "next week": a date near publication, whose year
	// is publication's unless the shift crosses New Year.
	if strings.Contains(s, "month") || strings.Contains(s, "week") {
		for _, m := range reRelativeSpan.FindAllStringSubmatchIndex(s, -1) {
			y := yearMention{start: m[0], end: m[1], isRelative: true, days: 30, relative: direction(s[m[2]:m[3]])}
			if strings.EqualFold(s[m[4]:m[5]], "week") {
				y.days = 7
			}
			out = append(out, y)
		}
	}
	// Rules walk years in text order.
	sortBy(out, func(y yearMention) int { return y.start })
	return out
}

// periodEndMonth is the last month of "the third quarter", "the first half".
func periodEndMonth(ordinal, unit string) int {
	n := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}[ordinal]
	if unit == "half" {
		if n > 2 {
			n = 2
		}
		return n * 6
	}
	return n * 3
}

// yearSpans finds the years 1980 to 2049 written as four digits between
// ASCII word boundaries, as the pattern \b(19[89]\d|20[0-4]\d)\b would,
// in one pass: it runs on every sentence.
func yearSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 && (i == 0 || !isASCIIWord(s[i-1])) && (j == len(s) || !isASCIIWord(s[j])) {
			y := s[i : i+4]
			if y[:3] == "198" || y[:3] == "199" || y[:2] == "20" && y[2] <= '4' {
				out = append(out, [2]int{i, j})
			}
		}
		i = j
	}
	return out
}

func monthNumber(name string) int {
	for m := time.January; m <= time.December; m++ {
		if m.String() == name {
			return int(m)
		}
	}
	return 0
}

// monthAlternation is the alternation of English month names the
// relative-time patterns share.
const monthAlternation = `January|February|March|April|May|June|July|August|September|October|November|December`

// findAllIf runs re over s only when ok.
func findAllIf(ok bool, re *rx, s string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// monthIn reports a month's name in s, in one pass: the month patterns
// are asked of every sentence and few name a month.
// direction is +1 for "next", -1 for "last", 0 for "this".
func direction(w string) int {
	switch strings.ToLower(w) {
	case "next":
		return 1
	case "last":
		return -1
	}
	return 0
}

// seasonMonth is the month a northern season is read as: "last fall"
// published in March is last October.
var seasonMonth = map[string]int{"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 12}

func hasSeason(s string) bool {
	return strings.Contains(s, "spring") || strings.Contains(s, "summer") || strings.Contains(s, "fall") ||
		strings.Contains(s, "autumn") || strings.Contains(s, "winter")
}

func monthIn(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D':
			if i > 0 && isWordRune(rune(s[i-1])) {
				continue
			}
			j := i + 1
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			if j-i >= 3 && j-i <= 9 && monthNumber(s[i:j]) > 0 {
				return true
			}
		}
	}
	return false
}

// countFields is len(strings.Fields(s)).
func countFields(s string) int {
	n := 0
	inField := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			n++
		}
	}
	return n
}

// window is the n bytes of s before i. Look-behind patterns anchored at
// "$" run on a window: on the whole prefix they would rescan it for every
// mention, which is quadratic in the sentence length.
func window(s string, i, n int) string { return s[max(0, i-n):i] }
