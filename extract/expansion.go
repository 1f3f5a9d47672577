package extract

import (
	"slices"
	"strings"

	"github.com/cloudfacts/ingest/geo"
	"github.com/cloudfacts/ingest/quantity"
)

// Expansion rules: a provider's facility in a place, with its status.
//
//	expansion/facility-in-place   "opened its second data center in Dubai"
//	expansion/place-facility      "a third Indonesian data center", "the Ajman data centre"
//	expansion/verb-after          "launched in Kuala Lumpur, Malaysia in 2017, and has two regions there"
//	expansion/expand-into         "expanding its presence in Saudi Arabia, Egypt and Kenya"
//	expansion/colon-list          "new cities on our network: Accra, Ghana; Almaty, Kazakhstan"
//	expansion/fronted-place       "In Malaysia, the company plans to build its first innovation centre"
//	expansion/invest-in           "plans to invest $1 billion in Vietnam to expand its cloud" (facility other, planned; no infrastructure named, no fact)
//	expansion/list-item           "plans to open five new cloud regions:" then "- Lagos, Nigeria" (list.go)
//	expansion/elided-ordinal      "after launching its first in 2018 and second in 2019, ... a third data center in Peru"
//	expansion/elided-one          "its first Indonesian region went live, and a second one is coming to the country"
//
// The rule id stored with a fact is the rule plus the status cue that
// decided the status, e.g. "expansion/facility-in-place:launched-verb".
// One fact per (provider, country, facility) per sentence.

var (
	// Between a facility and the places it is in: "data centers in",
	// "facilities in key metros across", "data center cluster in".
	reFacilityToPlace = mustRx(`^[^.;:!?]{0,60}?\b(?:in|into|at|across|to|for|including|include|includes|like|such as|located in|based in|spread across|near|around|outside of|out of|joins|edge of|edges of|outskirts of|fringe of|fringes of|(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west) of)\s+(?:the\s+)?(?:(?:city|town|village|municipality|port|district)\s+of\s+)?(?:[\p{L}\w'’.-]+,?\s+){0,4}?$`)
	// A place modifying a facility: "Philippines data center",
	// "Indonesian cloud region", "UK datacentre", "its Madrid MD7 data
	// center" (a site code).
	rePlaceToFacility = mustRx(`^(?:'s|’s|\))?(?:\s+\([\w-]{1,12}\))?\s+(?:(?:new|first|second|third|cloud|public|AI|hyperscale|proprietary|green|sovereign|flagship|proposed|largest|[\w-]+-scale|[\w-]+-powered|North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest|\p{Lu}{1,4}\d{1,3}[A-Za-z]?)\s+){0,2}$`)
	// A status verb right before the place: "launched in", "opened in".
	reVerbIn = mustRx(`(?i)\b(?:launched|opened|operates|unveiled|started|debuted|closed|expanded|went live|goes live|is live|came online|comes online)\s+(?:\w+\s+)?(?:in|into)\s+(?:the\s+)?$`)
	// Expanding into a market without a facility word.
	reExpandInto = mustRx(`(?i)\b(?:expand(?:s|ed|ing)?|grow(?:s|ing)?|extend(?:s|ed|ing)?|increase(?:s|d)?|strengthen(?:s|ed|ing)?|deepen(?:s|ed|ing)?)\s+(?:its|their|the company's|the company’s)\s+(?:[\w-]+\s+){0,2}(?:footprint|presence|operations|infrastructure|capacity)\s+(?:in|to|into|across)\b|\b(?:moving|move|expansion|expanding|foray|entry)\s+into\b|\b(?:its|their|[\p{L}\d]+'s|[\p{L}\d]+’s)\s+(?:[\w-]+\s+)?expansion\s+(?:in|to)\b|\bpresent\s+in\b|\b(?:has|have|had|with)\s+(?:a\s+)?(?:[\w-]+\s+)?presence\s+in\b|\b(?:pull(?:s|ed|ing)?\s+out\s+of|exit(?:s|ed|ing)?|withdr[ae]w(?:n|s|ing)?\s+from|quit(?:s|ting)?)\b`)
	// "has no plans to build", "denied it was building": nothing happens.
	reDenied       = mustRx(`(?i)\b(?:no plans?|not plan(?:ning)?|does not intend|doesn't intend|denied|denies|ruled out|rules out)\b`)
	reDeniedReport = mustRx(`(?i)\b(?:reports?|rumou?rs?|claims?|speculation)\b[^.;]{0,160}?\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:denied|dismissed|rejected|refuted)\b`)
	// "opened a data center there": "there" needs no preposition.
	reThereAfter    = mustRx(`^\s*(?:[\w-]+\s+)?$`)
	reOfWhichBefore = mustRx(`\bof (?:which|them|those) (?:are|is|were)\s+(?:located |based )?in\s+(?:the\s+)?$`)
	reAudienceIn    = mustRx(`(?i)\b(?:customers|users|clients|businesses|enterprises|companies|organi[sz]ations|developers|start-?ups|governments?|partners|students|people|residents|subscribers|consumers)\s+(?:based\s+)?(?:in|across|from)\s+(?:the\s+)?$`)
	reColonIntro    = mustRx(`^[^.;!?]{0,120}:\s*$`)
	reExpandGap     = mustRx(`^\s*(?:the\s+)?(?:[\w-]+,?\s+){0,3}?(?:including\s+|such as\s+|like\s+)?$`)
	reFrontedPlace  = mustRx(`^(?:[A-Z]\w+, )?(?:[Ii]n|[Aa]cross) (?:nearby |neighbou?ring )?((?:mainland |the )?[A-Z][\w-]*(?:[ -][A-Z][\w-]*)*(?:, [A-Z][\w-]*(?:[ -][A-Z][\w-]*)*)?),`)
	// Ordinals that belong to the place, not to the provider: "the
	// country's first data center", "India's first".
	reOrdinalNotOwn = mustRx(`(?i)(?:\bthe|country's|country’s|nation's|nation’s|world's|world’s|region's|region’s|state's|state’s|[A-Z][a-z]+'s|[A-Z][a-z]+’s)\s+$`)
)

func expansionFacts(a *sentence, d *discourse) []Fact {
	var out []Fact
	seen := map[string]int{}
	lastEnd := map[string]int{} // where the place of each fact ended
	listed := map[string]bool{} // facts whose city a list of cities cleared
	groups := placeGroups(a)
	follow, _ := followers(a)
	denied := deniedReport(a.text)
	for _, g := range groups {
		for _, p := range g.places {
			country := p.country
			if p.ref {
				country = refCountry(a, d, p)
			}
			if slices.ContainsFunc(follow, func(q place) bool { return q.start == p.start }) {
				continue // followingSites reads it
			}
			if country == "" || p.negated || reOfWhichBefore.MatchString(window(a.text, g.start, 60)) ||
				reDenied.MatchString(a.text[nearClauseStart(a.text, g.start):g.start]) || denied || namesFacilityLocatedElsewhere(a, p) {
				continue
			}
			fac, rule, ok := facilityFor(a, d, g, p)
			if !ok || fac.negated {
				continue
			}
			r := d.resolveOwner(a, min(p.start, g.start))
			if o := operatorAfter(a, fac); o != nil {
				// "the sovereign region run by stc": whoever runs it.
				r = resolution{names: []string{o.name}, conf: 0.9, how: "operator"}
			}
			if r.block || len(r.names) == 0 {
				continue
			}
			if r.how == "context" && placeIsSubject(a) && (rule == "expansion/place-facility" || rule == "expansion/facility-in-place") && p.start == a.places[0].start {
				// "Virginia data center boom strains grid": a place
				// that is the subject names nobody's site.
				continue
			}
			if r.how == "context" && !reDefiniteSite.MatchString(a.text) && !reSpeakerOpening.MatchString(a.text) {
				// "Chile's data center ambitions": a sentence that neither
				// names the company nor points back to it ("it", "the
				// company", "the facility") gives nobody's site
				// (annotation rules).
				continue
			}
			if (fac.weak || rule == "expansion/expand-into") && r.how == "context" && !d.onTopic() {
				// "In an El Paso facility, a cell ...": a weak noun with no
				// provider and no tech word in the sentence is not a site.
				continue
			}
			statusOff := g.start
			if rule == "expansion/colon-list" || rule == "expansion/where" || rule == "expansion/fronted-place" && reWhereAfter.MatchString(a.text[g.end:]) {
				// ("In Kenya, where Microsoft announced a data center,
				// work has yet to start": the relative clause's verb.)
				// "plans for regions in three countries where it has none:
				// Italy, Poland": the cue before the facility governs.
				statusOff = fac.end
			}
			status, cueID := statusAt(a, subClauseStart(a.text, g.start), statusOff)
			if rule == "expansion/conversion" {
				c, _ := convertedInto(a, nearClauseStart(a.text, g.start), g)
				status, cueID = c.status(a)
			}
			if status == "" {
				continue // a hedge: "is considering a data center in Chile"
			}
			if status == StatusClosed && strings.HasPrefix(cueID, "relocate") && relocationTarget(a, p) {
				// "will relocate workloads to a new facility in Osaka":
				// where they go is planned; "to its Singapore or Jakarta
				// regions" go to sites that run already.
				status, cueID = StatusPlanned, cueID+"+to"
				if reItsRightBefore.MatchString(window(a.text, p.start, 10)) || reItsRightBefore.MatchString(window(a.text, g.start, 10)) ||
					fac.plural && fac.start > g.end && reTheRightBefore.MatchString(window(a.text, g.start, 10)) {
					// ("to its Singapore and Jakarta regions": "its" before
					// the list speaks for each; so does "the" before "the
					// Tokyo or Osaka regions", sites that have names.)
					status, cueID = StatusLaunched, cueID+"+existing"
				}
			}
			if status == StatusLaunched && strings.Contains(strings.ToLower(a.text[fac.start:fac.end]), "land") {
				// "has acquired land in Hamina": nothing runs there yet.
				status, cueID = StatusPlanned, cueID+"+land"
			}
			if status != StatusClosed && reMovedOutOf.MatchString(window(a.text, g.start, 80)) {
				// "moved its data centers out of Finland"
				status, cueID = StatusClosed, "out-of"
			}
			if status != StatusClosed && formerThenBut(a, nearClauseStart(a.text, g.start), g.start, g.end) {
				// "Earlier, Yandex used data centers in the Netherlands, but
				// the need to lease these sites disappeared."
				status, cueID = StatusClosed, "former-but"
			}
			if rule == "expansion/approved-in" && status == StatusLaunched {
				// What an authority approves is still to be built.
				status, cueID = StatusPlanned, "approved"
			}
			if cueID == "default" && (rule == "expansion/expand-into" || rule == "expansion/invest-in") {
				// "moving into Brazil"; "a €4 billion investment in AI
				// infrastructure in France" is planned (annotation rules).
				status = StatusPlanned
			}
			if status == StatusLaunched && rePlanNounAfter.MatchString(a.text[fac.end:]) {
				// "unveils Kenya cloud region plan": what is unveiled is
				// a plan.
				status, cueID = StatusPlanned, "plan-noun"
			}
			if status == StatusLaunched && fac.start > p.end && rule == "expansion/place-facility" && !strings.HasPrefix(cueID, "relocate") {
				// "the proposed Philippines data centre": cues after the
				// facility word decide.
				status, cueID = statusAt(a, clauseStart(a.text, g.start), fac.end)
			}
			if status == StatusPlanned && (cueID == "plan-marker" || strings.HasPrefix(cueID, "bare-verb+")) && existingObject(a, fac, p) {
				// "will stop offering services from its Beijing region":
				// the modal governs another verb; the site is the
				// company's already.
				status, cueID = StatusLaunched, "possessed"
			}
			if cueID == "default" && moneyFor(a, fac) {
				// "- Oracle: $6.5 billion for a public cloud region in
				// Malaysia": what money is for is still to be built.
				status, cueID = StatusPlanned, "money-for"
			}
			if st, id := relativeStatus(a, max(g.end, fac.end)); st != "" {
				// "will expand the Mumbai Region, which opened in 2016":
				// a relative clause on the site says what became of it.
				status, cueID = st, id+"+relative"
			}
			possessed := cueID == "possessed"
			kind := fac.kind
			if fac.campus {
				kind = FacilityOther
			}
			f := Fact{
				Type:     TypeExpansion,
				Country:  country,
				City:     p.city,
				Facility: kind,
				Status:   status,
				Ordinal:  ordinalFor(a, fac, p),
				Year:     yearFor(a, d, g, p),
				Rule:     rule + ":" + cueID,
			}
			if possessed {
				f.Year = 0 // the year is the other verb's
			}
			if rule == "expansion/prior-site" || priorSite(a, fac) {
				// "its third in Turkey after two zones in Ankara", "its
				// second in Africa after Johannesburg": the site it
				// follows exists (unless a relative clause says what
				// became of it); the clause's verb, ordinal and year are
				// the new one's.
				f.Ordinal = 0
				if !strings.HasSuffix(cueID, "+relative") {
					f.Status, f.Rule = StatusLaunched, rule+":prior"
					if y := yearFor(a, d, g, p); y != 0 && !yearAfter(a, fac.end, y, d) {
						f.Year = 0
					}
				}
			}
			if f.Facility == "" {
				f.Facility = FacilityDataCenter
			}
			if p.ref && p.city == "" {
				f.City = ""
				if areaRef(a.text[p.start:p.end]) {
					// "in the area" points back to the place, not the
					// country: one named before it in the sentence
					// ("Crawley is run by X, which has operated a campus
					// in the town"), else the last one before.
					f.City = refCity(a, d, p, country)
				}
			}
			f.City = cityOf(f.City, f.Country)
			// "its first data center and cloud region in the country": each
			// coordinated facility noun is a fact of its own.
			kinds := []string{f.Facility}
			for _, co := range coordinatedFacilities(a, fac) {
				if co.kind != f.Facility {
					kinds = append(kinds, co.kind)
				}
			}
			conf := 0.9
			if p.ref {
				conf = 0.75
			}
			if fac.weak {
				conf -= 0.1
			}
			for _, kind := range kinds {
				for _, name := range r.names {
					f := f
					f.Company = name
					f.Facility = kind
					f.Confidence = round2(conf * r.conf)
					key := name + "|" + f.Country + "|" + f.Facility + "|" + f.Status
					if i, dup := seen[key]; dup {
						// Keep the most specific reading of one fact; several
						// cities with the same attributes are one fact with
						// no city (annotation rules).
						switch {
						case out[i].City == "" && !listed[key]:
							out[i].City = f.City // "in Indonesia, in Jakarta"
						case f.City != "" && f.City != out[i].City && !p.ref && (reCityListSep.MatchString(a.text[lastEnd[key]:p.start]) || citiesIn(g) >= 3):
							// "in Jeddah and Riyadh"; but "El Paso, Texas"
							// refines the first city.
							out[i].City, listed[key] = "", true
						}
						lastEnd[key] = p.end
						if out[i].Ordinal == 0 {
							out[i].Ordinal = f.Ordinal
						}
						if out[i].Year == 0 {
							out[i].Year = f.Year
						}
						continue
					}
					seen[key] = len(out)
					lastEnd[key] = p.end
					out = append(out, f)
				}
			}
		}
	}
	out = append(out, investInFacts(a, d, groups, out)...)
	out = append(out, relocationFacts(a, d, out)...)
	out = append(out, elidedOrdinals(a, d, out)...)
	out = append(out, followingSites(a, d, out)...)
	out = append(out, boughtSites(a, out)...)
	out = append(out, gappedSites(a, d, groups, out)...)
	return dropCovered(out)
}

// reGappedBefore is a gapped conjunct's subject and preposition, its verb
// left out: ", Microsoft in", "and Google in".
var reGappedBefore = mustRx(`(?:,|\band|;)\s+$`)

// gappedSites reads conjuncts whose verb is left out: "AWS is building in
// Spain, Microsoft in Italy and Google in Sweden" gives Microsoft and
// Google sites of the kind and status of the first conjunct's.
func gappedSites(a *sentence, d *discourse, groups []placeGroup, facts []Fact) []Fact {
	if len(facts) == 0 {
		return nil
	}
	var out []Fact
	for _, g := range groups {
		var org *orgMention
		for i := range a.orgs {
			o := &a.orgs[i]
			if o.end <= g.start && g.start-o.end <= 5 && o.kind == orgProvider && strings.TrimSpace(a.text[o.end:g.start]) == "in" && reGappedBefore.MatchString(a.text[:o.start]) {
				org = o
			}
		}
		if org == nil {
			continue
		}
		base := facts[0]
		if base.Company == org.name || slices.ContainsFunc(facts, func(f Fact) bool { return f.Company == org.name }) {
			continue
		}
		for _, p := range g.places {
			if p.country == "" || p.negated || p.ref {
				continue
			}
			f := base
			f.Company, f.Country, f.City, f.Ordinal, f.Year = org.name, p.country, cityOf(p.city, p.country), 0, 0
			f.Rule = "expansion/gapped"
			f.Confidence = round2(base.Confidence * 0.9)
			out = append(out, f)
		}
	}
	return out
}

// boughtSites gives the buyer of a site sold ("sold its Chandler campus to
// Aligned Data Centers") the site: running once the sale is done, planned
// while it is only agreed ("has agreed to sell ... to Digital Realty").
func boughtSites(a *sentence, facts []Fact) []Fact {
	var out []Fact
	for _, c := range a.cues {
		if c.id != "sale" {
			continue
		}
		var buyer *orgMention
		for i := range a.orgs {
			if o := &a.orgs[i]; o.start > c.end && o.kind == orgProvider && o.start < clauseEnd(a.text, c.end) && reToBeforeBuyer.MatchString(window(a.text, o.start, 8)) {
				buyer = o
				break
			}
		}
		if buyer == nil {
			continue
		}
		status := StatusLaunched
		if reAgreedBefore.MatchString(window(a.text, c.start, 24)) {
			status = StatusPlanned
		}
		for i := range facts {
			f := facts[i]
			if f.Status != StatusClosed || slices.ContainsFunc(out, func(g Fact) bool { return g.Country == f.Country && g.City == f.City }) {
				continue
			}
			if f.Company == buyer.name {
				// The seller was no name we know, so the closure went
				// to the buyer: "Keppel divested its Dublin data
				// centre to Equinix" closes nothing of Equinix's.
				facts[i].Status, facts[i].Year = status, 0
				facts[i].Rule = "expansion/bought"
				continue
			}
			f.Company, f.Status, f.Year = buyer.name, status, 0
			f.Rule = "expansion/bought"
			f.Confidence = round2(f.Confidence * 0.8)
			out = append(out, f)
		}
	}
	return out
}

var reAgreedBefore = mustRx(`(?i)\b(?:to|will|would|agreed to|agrees to|plans to|is to)\s+$`)

// deniedReport reports a sentence whose facts a denial takes back:
// "Reports that Microsoft would build a data centre in Dakhla were denied
// by the company".
func deniedReport(s string) bool {
	var buf [512]byte
	low, _ := lowerInto(&buf, s)
	return containsAny(low, deniedNeedles) && reDeniedReport.MatchString(s)
}

var deniedNeedles = []string{"denied", "dismissed", "rejected", "refuted"}

// followers finds the places a sentence says will follow the sites it has
// just named: "opened Local Zones in Lisbon, with Athens and Zagreb to
// follow later this year", "its region in Milan is live, and one in Turin
// will follow next year". It returns them with where their cue ends.
func followers(a *sentence) (ps []place, cueEnd int) {
	if !strings.Contains(a.text, "follow") && !strings.Contains(a.text, "next") && !strings.Contains(a.text, "to come") {
		return nil, 0
	}
	for _, m := range reFollowCue.FindAllStringIndex(a.text, -1) {
		var group []place
		at := m[0]
		for i := len(a.places) - 1; i >= 0; i-- {
			q := a.places[i]
			if q.end > at || q.ref || q.negated || q.country == "" {
				continue
			}
			if !reFollowerGap.MatchString(a.text[q.end:at]) {
				break
			}
			group = append(group, q)
			at = q.start
		}
		if len(group) > 0 && reFollowerIntro.MatchString(a.text[max(0, at-20):at]) && !facilityIn(a, m[1], clauseEnd(a.text, m[1])) {
			// ("Lisbon is next in line to host a Google region" names
			// its own site.)
			slices.Reverse(group)
			return group, m[1]
		}
	}
	return nil, 0
}

var (
	reFollowCue     = mustRx(`(?i),?\s+(?:to follow|to come|(?:is|are) next(?: in line)?|next in line|will follow|(?:set|due|expected|slated|scheduled) to follow|following)\b`)
	reFollowerGap   = mustRx(`^(?:,?\s+and\s+|,\s*|\s*)$`)
	reFollowerIntro = mustRx(`(?i)\b(?:with|and|while|one in|ones in|another in|others in)\s+$`)
)

// followingSites gives each follower the kind and company of the last
// site the sentence named before it, planned, with the year of its cue.
func followingSites(a *sentence, d *discourse, facts []Fact) []Fact {
	ps, cueEnd := followers(a)
	if len(ps) == 0 {
		return nil
	}
	var base *Fact
	for i := range facts {
		if facts[i].Type == TypeExpansion && facts[i].Status != StatusClosed {
			base = &facts[i]
		}
	}
	if base == nil {
		return nil
	}
	year := 0
	for _, y := range a.years {
		if y.start >= cueEnd && y.start < clauseEnd(a.text, cueEnd) {
			year = d.yearOf(y)
			break
		}
	}
	var out []Fact
	for _, p := range ps {
		if i := slices.IndexFunc(out, func(f Fact) bool { return f.Country == p.country }); i >= 0 {
			// Several cities of one country with the same attributes
			// are one fact with no city (annotation rules).
			out[i].City = ""
			continue
		}
		f := *base
		f.Country, f.City = p.country, cityOf(p.city, p.country)
		f.Status, f.Ordinal, f.Year = StatusPlanned, 0, year
		f.Rule = "expansion/follower"
		f.Confidence = round2(base.Confidence * 0.8)
		out = append(out, f)
	}
	return out
}

// dropCovered drops infrastructure of no kind (facility other) where the
// same sentence names the kind for that company, country and status: "to
// expand cloud infrastructure in Korea by building a data center in Ulsan"
// is the data center.
func dropCovered(fs []Fact) []Fact {
	out := fs[:0:0]
	for _, f := range fs {
		covered := false
		if f.Facility == FacilityOther {
			for _, g := range fs {
				if g.Facility != FacilityOther && g.Company == f.Company && g.Country == f.Country && g.Status == f.Status {
					covered = true
					break
				}
			}
		}
		if !covered {
			out = append(out, f)
		}
	}
	return out
}

var (
	// A commitment to spend that is still ahead.
	reFutureInvest = mustRx(`(?i)\b(?:will invest|to invest|plans? to (?:invest|spend)|pledg(?:e|es|ed|ing)|commit(?:s|ted)? to|investment plan)\b(?:[^.;]|\.\d){0,60}$`)
	// From the amount to the place: "$1 billion (about ...) in Vietnam".
	reMoneyToPlace = mustRx(`^\s*(?:\([^)]*\)\s*)?(?:[\w-]+\s+){0,3}?in\s+(?:the\s+)?$`)
)

// rePlaceSubject follows a place that receives a facility.
// placedAfter reports a place right after facility f that is its own:
// "a data center in Ashburn".
func placedAfter(a *sentence, f facMention) bool {
	for _, p := range a.places {
		if p.start >= f.end && p.start-f.end <= 40 && reFacilityToPlace.MatchString(a.text[f.end:p.start]) {
			return true
		}
	}
	return false
}

// approvedIn finds the site a local authority approves in its own place:
// "Kaufman County grants Aligned tax break for new campus", "Fingal
// councillors on Tuesday approved a data centre", "Hanau's city council
// approved a campus" ("Mexico's government approved" names no authority
// of a place).
func approvedIn(a *sentence, g placeGroup, p place) (facMention, bool) {
	m := reApprovingPlace.FindStringIndex(a.text[g.end:])
	if m == nil || p.demonym || p.ref || p.possessive && !reAuthorityNoun.MatchString(a.text[g.end:g.end+m[1]]) {
		return facMention{}, false
	}
	hi := clauseEnd(a.text, g.end)
	for _, f := range a.facs {
		if f.start >= g.end+m[1] && f.start < hi && f.start-g.end <= 100 && !f.negated {
			if placedAfter(a, f) {
				break // "... for a data center in Ashburn": its own place
			}
			return f, true
		}
	}
	return facMention{}, false
}

// rePurposeAfter is an infinitive of purpose after a place, up to the
// facility it builds: " to open a cloud region", " to build two new data
// centres".
var rePurposeAfter = mustRx(`^,?\s+(?:in\s+order\s+)?to\s+(?:(?:help|further|jointly)\s+)?(?:open|build|launch|set\s+up|establish|construct|develop|add|deploy|operate|run)\s+(?:(?:a|an|its|their|the|two|three|four|five|several|more|new|additional|first|second|third|[\w-]+-scale|hyperscale|AI|cloud|sovereign|public)\s+){0,4}`)

// reApprovingPlace follows a place that is, or names, the local
// authority approving a site.
var reApprovingPlace = mustRx(`(?i)^(?:\s+|(?:'s|’s)\s+(?:local\s+)?` + authorityLevel + `?` + authorityNoun + `\s+(?:of\s+(?:supervisors|commissioners|aldermen|trustees|directors)\s+)?)` + authorityLevel + `?` + authorityNoun + `?\s*(?:(?:on\s+\w+(?:\s+night)?|has|have|will|unanimously|narrowly|formally|officially|finally|last\s+week|this\s+week)\s+)*(?:approves?|approved|grants?|granted|backs?|backed|clears?|cleared|greenlights?|greenlit|OKs|okays|rezones?|rezoned|votes?\s+to\s+(?:approve|rezone)|voted\s+(?:\d+-\d+\s+|unanimously\s+)?(?:(?:on\s+\w+|late\s+\w+|last\s+\w+|this\s+\w+|\w+day)(?:\s+night)?\s+)?to\s+(?:approve|rezone|back|grant))\b`)

// authorityLevel and authorityNoun name a local authority: "county
// council", "planning board", "supervisors".
const (
	authorityLevel = `(?:(?:county|city|town|borough|district|parish|municipal|village|regional|state)\s+)`
	authorityNoun  = `(?:council|councillors|councilors|commissioners|commission|supervisors|board|planners|planning\s+(?:board|commission|committee)|officials|lawmakers|trustees|aldermen|zoning\s+board|authorities)`
)

var reAuthorityNoun = mustRx(`(?i)\b` + authorityNoun + `\b`)

var rePlaceSubject = mustRx(`^,?\s+(?:(?:will|would|is set to|is to|is expected to|is slated to|also|now|soon)\s+)*(?:get|gets|got|see|sees|saw|receive|receives|received|welcome|welcomes|welcomed|host|hosts|hosted|gain|gains|gained|is home to|are home to|was home to|houses|housed)\b`)

// reElidedFacility is what may stand between an ordinal and its place when
// the facility noun is left out.
// reOnesBefore is "ones" standing for a facility noun, right before its
// place.
var reOnesBefore = mustRx(`\b(?:new\s+|more\s+|other\s+|similar\s+)?ones\s+(?:in|at)\s+(?:the\s+)?$`)

var reElidedFacility = mustRx(`^\s+(?:one\s+|such\s+|online\s+|live\s+|operational\s+|into service\s+)?(?:in|at)\s+(?:the\s+)?$`)

// reInfraInvestIn is an investment in infrastructure, or building with no
// facility noun ("Microsoft is building in Sweden"), right before a place.
var reInfraInvestIn = mustRx(`(?i)\b(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:now|also|currently|already|quietly)\s+)?(?:building|constructing)|(?:cloud|AI|data[ -]?cent(?:er|re)|datacent(?:er|re)|digital|infrastructure|hyperscale|computing)\s+investments?|(?:(?:invest(?:s|ed|ing|ment|ments)?|spend(?:s|ing)?|spent|pour(?:s|ed|ing)?)\s+(?:[^;]{0,60}?\s+)?(?:in|on|into)|(?:billion|million|trillion|crore|lakh|bn)\b[^;]{0,40}?\s+for|expand(?:s|ed|ing)?|build(?:s|ing)?|develop(?:s|ing)?|doubl(?:e|es|ed|ing)|add(?:s|ed|ing)?|boost(?:s|ed|ing)?|increas(?:e|es|ed|ing))\s+(?:its\s+|their\s+|new\s+)?` + infraKinds + `(?:infrastructure|capacity)|(?:new|additional|more|extra)\s+(?:data[ -]?cent(?:er|re)\s+|computing\s+|compute\s+)?capacity)\s+(?:\w+\s+){0,3}?in\s+(?:the\s+)?$`)

// reInfraAfterPlace is infrastructure a place modifies: "in Italy's cloud
// and AI infrastructure", "in its Telangana cloud infrastructure".
var reInfraAfterPlace = mustRx(`(?i)^(?:'s|’s)?\s+` + infraKinds + `(?:infrastructure|capacity)\b`)

// reInvestVerb is a verb of spending or building before such a place.
var reInvestVerb = mustRx(`(?i)\b(?:invest(?:s|ed|ing|ment|ments)?|spend(?:s|ing)?|spent|pour(?:s|ed|ing)?|expand(?:s|ed|ing)?|build(?:s|ing)?|doubl(?:e|es|ed|ing))\b`)

// infraKinds are the kinds of infrastructure an investment names, one to
// three and coordinated: "cloud and AI", "cloud computing and AI".
const infraKinds = `(?:(?:cloud|AI|digital|computing|data[ -]?cent(?:er|re)s?|hyperscale)\s+(?:(?:and|&)\s+)?){1,4}`

// investInFacts reads a planned investment in a country as a planned
// expansion there: "Microsoft will invest $2 billion in Kenya" says the
// provider is building in Kenya, without saying what.
func investInFacts(a *sentence, d *discourse, groups []placeGroup, done []Fact) []Fact {
	var out []Fact
	if len(a.money) == 0 || len(groups) == 0 {
		return nil
	}
	tech := -1 // whether the sentence names technology, asked once when needed
	for _, m := range a.money {
		if m.Amount < minMoney || !reFutureInvest.MatchString(a.text[max(0, m.Start-90):m.Start]) {
			continue
		}
		if tech < 0 {
			tech = 0
			if reTechContext.MatchString(a.text) {
				tech = 1
			}
		}
		if tech == 0 {
			// "Invest X in <country>" with no infrastructure named is not
			// an expansion (annotation rules).
			return nil
		}
		for _, g := range groups {
			if g.start < m.End || !reMoneyToPlace.MatchString(a.text[m.End:g.start]) {
				continue
			}
			r := d.resolve(a, m.Start, true)
			if r.block || len(r.names) != 1 {
				break
			}
			for _, p := range g.places {
				country := p.country
				if p.ref {
					country = refCountry(a, d, p)
				}
				if country == "" || p.demonym || hasExpansion(done, r.names[0], country, "") {
					continue
				}
				fac := FacilityOther
				for _, f := range a.facs {
					if !f.weak && !f.negated && f.kind != FacilityRegion {
						fac = f.kind
						break
					}
				}
				out = append(out, Fact{
					Type: TypeExpansion, Company: r.names[0], Country: country, City: cityOf(p.city, country),
					Facility: fac, Status: StatusPlanned, Year: yearFor(a, d, g, p),
					Rule: "expansion/invest-in", Confidence: round2(0.7 * r.conf),
				})
			}
			break
		}
	}
	return out
}

// reMovedOutOf is a verb of motion with its object, then "out of" a place.
var reMovedOutOf = mustRx(`(?i)\b(?:mov(?:e|es|ed|ing)|pull(?:s|ed|ing)?|tak(?:e|es|ing)|took|shift(?:s|ed|ing)?)\b[^.;]{0,50}\bout of\s+(?:the\s+)?$`)

// reCityListSep separates items of a list of places, not a city and the
// area it lies in.
var reCityListSep = mustRx(`\b(?:and|or)\b|[&;]`)

// reRelocation is a move between two places: "from Bahrain to Oman".
var reRelocation = mustRx(`(?i)\bfrom\s+(?:the\s+)?$`)

// reToBetween is "to" as a preposition of direction between a move and a
// place.
var reToBetween = mustRx(`\bto\s`)

// relocationTarget reports a place a relocation cue before it moves to,
// not from: "relocate ... to a new facility in Osaka".
func relocationTarget(a *sentence, p place) bool {
	var c *cue
	for i := range a.cues {
		if a.cues[i].id == "relocate" && a.cues[i].end <= p.start {
			c = &a.cues[i]
		}
	}
	if c == nil || reRelocation.MatchString(window(a.text, p.start, 12)) {
		return false
	}
	between := a.text[c.end:p.start]
	if strings.Contains(between, "from ") {
		// "move core data centre from Nairobi to Mombasa": the place
		// right after "to" is reached, the one after "from" left.
		return reRightAfterTo.MatchString(between)
	}
	return reToBetween.MatchString(between)
}

// relocationFacts reads a move of facilities or servers: the place left is
// closed, the place moved to is planned ("relocating its servers from
// Bahrain to Oman").
func relocationFacts(a *sentence, d *discourse, done []Fact) []Fact {
	var cue *cue
	for i := range a.cues {
		if a.cues[i].id == "relocate" {
			cue = &a.cues[i]
			break
		}
	}
	if cue == nil {
		return nil
	}
	var out []Fact
	hi := clauseEnd(a.text, cue.end)
	for i, p := range a.places {
		if p.start < cue.end || p.start >= hi || p.country == "" || p.demonym || !reRelocation.MatchString(window(a.text, p.start, 12)) {
			continue
		}
		// The destination follows "to" after the origin.
		var dest *place
		for j := i + 1; j < len(a.places); j++ {
			q := a.places[j]
			if q.start < hi && q.country != "" && strings.HasSuffix(strings.TrimSpace(window(a.text, q.start, 6)), "to") {
				dest = &a.places[j]
				break
			}
		}
		r := d.resolveOwner(a, cue.start)
		if r.block || len(r.names) == 0 {
			return nil
		}
		fac := FacilityDataCenter
		for _, f := range a.facs {
			if !f.weak {
				fac = f.kind
				break
			}
		}
		for _, name := range r.names {
			if !hasExpansion(done, name, p.country, StatusClosed) {
				out = append(out, Fact{Type: TypeExpansion, Company: name, Country: p.country, City: cityOf(p.city, p.country),
					Facility: fac, Status: StatusClosed, Rule: "expansion/relocation:from", Confidence: round2(0.8 * r.conf)})
			}
			if dest != nil && !hasExpansion(done, name, dest.country, StatusPlanned) && !(dest.country == p.country && dest.city == p.city) {
				out = append(out, Fact{Type: TypeExpansion, Company: name, Country: dest.country, City: cityOf(dest.city, dest.country),
					Facility: fac, Status: StatusPlanned, Rule: "expansion/relocation:to", Confidence: round2(0.8 * r.conf)})
			}
		}
		break
	}
	return out
}

// reFormer marks a state of affairs that no longer holds ("previously",
// "had planned"); a contrast after it ("but") says it ended.
var (
	reFormer = mustRx(`(?i)\b(?:previously|formerly|earlier|originally|initially|once|used to|had planned|had announced)\b`)
	reBut    = mustRx(`(?i)(?:,|;)\s*but\b|\bbut (?:has|have|had|is|was|now|then|after|since|it|the)\b`)
)

// formerThenBut reports a place in a clause about the past, followed later
// in the sentence by a contrast.
func formerThenBut(a *sentence, lo, start, end int) bool {
	if !reFormer.MatchString(a.text[lo:start]) {
		return false
	}
	return reBut.MatchString(a.text[end:min(len(a.text), end+maxReach)])
}

// hasExpansion reports an expansion fact of company in country with status,
// or with any status when status is "": a move within a country closes one
// site and plans another there.
func hasExpansion(fs []Fact, company, country, status string) bool {
	for _, f := range fs {
		if f.Company == company && f.Country == country && (status == "" || f.Status == status) {
			return true
		}
	}
	return false
}

var (
	reItsRightBefore = mustRx(`(?i)\b(?:its|their|existing)\s+$`)
	reTheRightBefore = mustRx(`(?i)\bthe\s+$`)
)

var reRightAfterTo = mustRx(`\bfrom\s+[^,;]{1,40}?\s+to\s+(?:the\s+)?$`)

var reOrdinalElided = mustRx(`^\s+(?:one\s+)?(?:in|at)\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d\b`)

// elidedOrdinals reads "its first in 2018 and second in 2019" before a
// facility the sentence names: each earlier ordinal is the same kind of
// facility in the same place, with its own year and status.
func elidedOrdinals(a *sentence, d *discourse, facts []Fact) []Fact {
	var out []Fact
	for _, o := range a.ordinals {
		if reOneAfter.MatchString(a.text[o.End:]) && !reOrdinalElided.MatchString(a.text[o.End:]) {
			// "its first Indonesian region went live in 2025, and a
			// second one is coming to the country".
			if f, ok := elidedOne(a, d, facts, o); ok {
				out = append(out, f)
			}
			continue
		}
		if f, ok := nextOfCount(a, d, facts, o); ok {
			out = append(out, f)
			continue
		}
		m := reOrdinalElided.FindStringIndex(a.text[o.End:])
		if m == nil {
			continue
		}
		var base *Fact
		for i := range facts {
			if facts[i].Ordinal > o.Value {
				if base != nil && (base.Country != facts[i].Country || base.Company != facts[i].Company) {
					base = nil
					break
				}
				base = &facts[i]
			}
		}
		if base == nil {
			// "opened its first in 2015 and will build a second one
			// in 2026": the later one of a lower ordinal before it.
			if f, ok := elidedOne(a, d, facts, o); ok {
				out = append(out, f)
			}
			continue
		}
		f := *base
		f.Ordinal = o.Value
		f.Year = 0
		for _, y := range a.years {
			if y.start >= o.End && y.start <= o.End+m[1] {
				f.Year = d.yearOf(y)
			}
		}
		f.Status, _ = statusAt(a, 0, o.Start)
		f.Rule = "expansion/elided-ordinal"
		f.Confidence = round2(base.Confidence * 0.8)
		out = append(out, f)
	}
	return out
}

// nextOfCount reads an ordinal whose noun is elided after a count of the
// same sentence that it continues: "operates three data centres in
// Santiago and plans a fourth by 2029" is a fourth data centre in
// Santiago, with the status and year of its own clause. The count's sites
// keep no year that only the ordinal's clause gives.
func nextOfCount(a *sentence, d *discourse, facts []Fact, o quantity.Ordinal) (Fact, bool) {
	if o.Value < 2 || !reBareOrdinalBefore.MatchString(window(a.text, o.Start, 12)) || !reBareOrdinalAfter.MatchString(a.text[o.End:]) {
		return Fact{}, false
	}
	for _, f := range facts {
		if f.Ordinal == o.Value {
			return Fact{}, false // read with its place already
		}
	}
	kind, lo := "", 0
	for _, n := range a.numbers {
		if n.End > o.Start || n.Value != float64(o.Value-1) {
			continue
		}
		for _, fm := range a.facs {
			if fm.start >= n.End && fm.start-n.End <= 30 && fm.plural && !fm.negated && !strings.ContainsAny(a.text[n.End:fm.start], ",;") {
				kind, lo = fm.kind, fm.end
			}
		}
	}
	if kind == "" {
		return Fact{}, false
	}
	var base *Fact
	for i := range facts {
		if facts[i].Type == TypeExpansion && facts[i].Facility == kind && facts[i].Ordinal == 0 && facts[i].Status == StatusLaunched {
			base = &facts[i]
		}
	}
	if base == nil {
		return Fact{}, false
	}
	// The ordinal's own verb, between the counted noun and it: the
	// count's verb says what the counted sites are.
	status, _ := statusAt(a, lo, o.Start)
	if reOrdinalToCome.MatchString(a.text[o.End:]) {
		status = StatusPlanned // "with a fourth to follow next year"
	}
	if status == "" {
		return Fact{}, false
	}
	f := *base
	f.Ordinal, f.Status, f.Year = o.Value, status, 0
	hi := clauseEnd(a.text, o.End)
	for _, y := range a.years {
		if y.start >= o.End && y.start < hi {
			f.Year = d.yearOf(y)
			if base.Year == f.Year {
				base.Year = 0
			}
			break
		}
	}
	f.Rule = "expansion/next-of-count"
	f.Confidence = round2(base.Confidence * 0.8)
	return f, true
}

// reBareOrdinalBefore and reBareOrdinalAfter frame an ordinal that stands
// alone: "plans a fourth by the end of the decade", "is adding its fifth."
var (
	reBareOrdinalBefore = mustRx(`\b(?:a|an|its|their)\s+$`)
	reBareOrdinalAfter  = mustRx(`^(?:\s+(?:to\s+(?:follow|come)|(?:is|are)\s+(?:planned|due|expected|coming|under\s+construction))\b|\s*(?:$|[,.;:]|\s(?:by|next|this|later|before|within|early|late|soon|and|as)\b|\s(?:in|from)\s+(?:(?:early\s+|late\s+|mid-)?(?:19|20)\d\d|the\s+(?:country|state|city|region|area|province|same)\b)))`)
)

// reOwnOrdinalBefore is a possessive and an ordinal before a nationality:
// "its first Irish facility".
var reOwnOrdinalBefore = mustRx(`\b(?:its|their)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+$`)

// reOrdinalToCome says an elided ordinal site is still to come.
var reOrdinalToCome = mustRx(`^\s+(?:to\s+(?:follow|come)|(?:is|are)\s+(?:planned|due|expected|coming|under\s+construction))\b`)

// reOneAfter is "one" standing for the noun after an ordinal: "a second
// one".
var reOneAfter = mustRx(`^\s+one\b`)

// elidedOne reads "a second one" after a fact of the same sentence with a
// lower ordinal: the same company, country and facility, with the status
// of its own clause.
func elidedOne(a *sentence, d *discourse, facts []Fact, o quantity.Ordinal) (Fact, bool) {
	var base *Fact
	for i := range facts {
		if facts[i].Type == TypeExpansion && facts[i].Ordinal > 0 && facts[i].Ordinal < o.Value {
			base = &facts[i]
		}
	}
	if base == nil {
		return Fact{}, false
	}
	f := *base
	f.Ordinal, f.Year, f.City = o.Value, 0, ""
	hi := clauseEnd(a.text, o.End)
	status := ""
	for _, c := range a.cues {
		if c.start >= o.End && c.start < hi && !strings.ContainsAny(a.text[o.End:c.start], ",;") {
			status, _ = resolveCue(a, o.End, c)
			break
		}
	}
	if status == "" {
		status, _ = statusAt(a, clauseStart(a.text, o.Start), o.Start)
	}
	if status == "" {
		return Fact{}, false
	}
	f.Status = status
	for _, y := range a.years {
		if y.start >= o.End && y.start < hi {
			f.Year = d.yearOf(y)
			break
		}
	}
	f.Rule = "expansion/elided-one"
	f.Confidence = round2(base.Confidence * 0.8)
	return f, true
}

// citiesIn counts the places of a group below country level: in
// "Visakhapatnam, Andhra Pradesh, its largest investment in India" two.
func citiesIn(g placeGroup) int {
	n := 0
	for _, p := range g.places {
		if p.city != "" {
			n++
		}
	}
	return n
}

// placeGroup is a list of places read as one: "Brazil, France, and the
// Netherlands"; "Accra, Ghana; Almaty, Kazakhstan".
type placeGroup struct {
	start, end int
	places     []place
}

// reGroupSep is what may stand between places of one list, including an
// unknown name before a known country ("; Bhubaneshwar, India") and a
// lower-case head ("and several cities in China").
var reGroupSep = mustRx(`^\s*(?:[,;]?\s*(?:and|or|&|as well as)|[,;])\s*(?:(?:in|at|near)\s+)?(?:the\s+|The\s+)?(?:(?:[\p{L}\p{M}\w'’.-]+\s*){1,4}(?:in|,)\s+)?$`)

func placeGroups(a *sentence) []placeGroup {
	var gs []placeGroup
	for _, p := range a.places {
		if n := len(gs); n > 0 && !p.demonym && !gs[n-1].places[len(gs[n-1].places)-1].demonym &&
			reGroupSep.MatchString(a.text[gs[n-1].end:p.start]) && !facilityIn(a, gs[n-1].end, p.start) && !cueIn(a, gs[n-1].end, p.start) &&
			!reOnesBefore.MatchString(a.text[gs[n-1].end:p.start]) && !orgIn(a, gs[n-1].end, p.start) {
			gs[n-1].places = append(gs[n-1].places, p)
			gs[n-1].end = p.end
			continue
		}
		gs = append(gs, placeGroup{start: p.start, end: p.end, places: []place{p}})
	}
	return gs
}

var reSubAreaAfter = mustRx(`^(?:'s|’s)\s+(?:(?:(?:far|outer|inner|greater|northern|southern|eastern|western|north|south|east|west|north-west|north-east|south-west|south-east|northwest|northeast|southwest|southeast)\s+)?(?:west|east|north|south|north-west|north-east|south-west|south-east|northwest|northeast|southwest|southeast|outskirts|suburbs|fringes?|edge|periphery|centre|center|CBD|heartland|hinterland|industrial\s+(?:zone|park|belt|district))|\p{Lu}\p{L}+(?:\s+(?:region|area|province|state|county|district|municipality|prefecture))?|(?:\p{Lu}\p{L}+\s+){1,3}(?:Business|Industrial|Technology|Tech|Science|Data|Digital)\s+(?:Park|Estate|Zone|Hub|City|District))(?:\s*[.,;]|\s*$|\s+(?:and|in|by|near|for|from|with)\b)`)

// reSubClause is a coordinated clause with its own subject: ", and Warsaw
// is", ", but Microsoft has", ", while".
var reSubClause = mustRx(`,\s+(?:and|but|while|whereas)\s+(?:the\s+)?\p{Lu}`)

// subClauseStart is where the clause of off begins for its status: a cue
// of another clause ("data centers operate in eight countries, and Warsaw
// is the next") does not decide it.
func subClauseStart(s string, off int) int {
	lo := clauseStart(s, off)
	// The subject's first letter may be the place itself: read a little past off.
	w := s[lo:min(len(s), off+4)]
	best := lo
	for _, m := range reSubClause.FindAllStringIndex(w, -1) {
		if lo+m[0] < off {
			best = lo + m[0] + 1
		}
	}
	return best
}

// maxReach is how far before a place a facility word, a cue or a
// denial is looked for. Bounding it keeps the rules linear in a long
// sentence (a run of comma-joined clauses in a page without full stops).
const maxReach = 240

// nearClauseStart is the start of off's clause, but no more than maxReach
// bytes back.
func nearClauseStart(s string, off int) int {
	return max(clauseStart(s, off), off-maxReach)
}

// reFacilityCoord joins coordinated facility nouns: "data center and
// cloud region", "regions, edge locations and local zones".
var reFacilityCoord = mustRx(`^\s*(?:,\s*(?:and\s+|&\s+)?|and\s+|&\s+)(?:(?:a|an|its|their|new|first|second|third|cloud|AI|public)\s+){0,3}$`)

// coordinatedFacilities returns the facility nouns coordinated with f:
// those before it joined by "and" or commas (f is the last of the list,
// the one nearest the place).
func coordinatedFacilities(a *sentence, f facMention) []facMention {
	var out []facMention
	next := f
	for i := len(a.facs) - 1; i >= 0; i-- {
		x := a.facs[i]
		if x.end > next.start || x.negated {
			continue
		}
		if !reFacilityCoord.MatchString(a.text[x.end:next.start]) {
			break
		}
		out = append(out, x)
		next = x
	}
	return out
}

// facilityIn reports a facility word within [lo,hi): "India and shut its
// data center in Mumbai" is two clauses, not one list of places.
func facilityIn(a *sentence, lo, hi int) bool {
	for _, f := range a.facs {
		if f.start >= lo && f.end <= hi {
			return true
		}
	}
	return false
}

// cueIn reports a status cue within [lo,hi): "the UAE and is building its
// first in France" is two clauses with their own verbs.
func cueIn(a *sentence, lo, hi int) bool {
	for _, c := range a.cues {
		if c.start >= lo && c.end <= hi {
			return true
		}
	}
	return false
}

// facilityFor finds the facility a place is the location of.
func facilityFor(a *sentence, d *discourse, g placeGroup, p place) (facMention, string, bool) {
	// A place (or demonym) right before a facility word modifies it.
	for _, f := range a.facs {
		if f.start >= p.end && rePlaceToFacility.MatchString(a.text[p.end:f.start]) {
			if f.weak && p.demonym && !reOwnOrdinalBefore.MatchString(window(a.text, p.start, 30)) {
				// "an Irish facility" may be anyone's; "its first Irish
				// facility" is the company's own site.
				break
			}
			if f.weak {
				// "its second data centre at its Panvel campus": the
				// campus hosts the facility the clause is about.
				for _, h := range a.facs {
					if !h.weak && h.end <= p.start && reHostedAt.MatchString(a.text[h.end:p.start]) {
						return h, "expansion/place-facility", true
					}
				}
			}
			return f, "expansion/place-facility", true
		}
	}
	// "adds Mumbai, Sydney sites": a list of places modifies the facility
	// word after its last member.
	if last := g.places[len(g.places)-1]; last.start > p.start && !p.demonym && !p.possessive {
		for _, f := range a.facs {
			if f.start >= last.end && rePlaceToFacility.MatchString(a.text[last.end:f.start]) {
				return f, "expansion/place-facility", true
			}
		}
	}
	if p.possessive && reSubAreaAfter.MatchString(a.text[p.end:]) {
		// "Kansas City's Northland": a part of the place, still the place.
		p.possessive = false
	}
	if !p.demonym && reInfraAfterPlace.MatchString(a.text[p.end:]) && reInvestVerb.MatchString(a.text[nearClauseStart(a.text, g.start):g.start]) {
		// "invest 4.3 billion euros in Italy's cloud and AI
		// infrastructure": infrastructure of no particular kind there.
		return facMention{kind: FacilityOther, start: p.end, end: p.end}, "expansion/invest-in", true
	}
	if p.possessive {
		// "Hanau's city council approved a campus": the possessive names
		// the authority's place.
		if f, ok := approvedIn(a, g, p); ok {
			return f, "expansion/approved-in", true
		}
	}
	if p.demonym || p.possessive {
		return facMention{}, "", false
	}
	// The nearest facility word before the list, in the same clause.
	lo := nearClauseStart(a.text, g.start)
	// "has regions in Spain and is building ones in Austria": "ones"
	// stands for the last facility noun before it.
	if w := window(a.text, g.start, 24); reOnesBefore.MatchString(w) {
		m := reOnesBefore.FindStringIndex(w)
		at := g.start - len(w) + m[0]
		for i := len(a.facs) - 1; i >= 0; i-- {
			if x := a.facs[i]; x.end <= at && !x.negated {
				return facMention{kind: x.kind, start: at, end: g.start - len(w) + m[1]}, "expansion/elided-facility", true
			}
		}
	}
	var best *facMention
	for i := range a.facs {
		f := &a.facs[i]
		if f.end <= g.start && f.start >= lo && !placeOrMoneyBetween(a, f.end, g.start, p.country) &&
			(reFacilityToPlace.MatchString(a.text[f.end:g.start]) || p.ref && reThereAfter.MatchString(a.text[f.end:g.start])) {
			best = f
		}
	}
	if best != nil {
		if reAudienceIn.MatchString(window(a.text, g.start, 80)) {
			// "allow customers in Australia to use ...": where the
			// customers are, not where the facility is.
			return facMention{}, "", false
		}
		return *best, "expansion/facility-in-place", true
	}
	// "18 new cities we welcomed to our network: Accra, Ghana; Almaty, ..."
	for i := len(a.facs) - 1; i >= 0; i-- {
		f := a.facs[i]
		if f.end <= g.start && f.start >= lo && reColonIntro.MatchString(a.text[f.end:g.start]) {
			return f, "expansion/colon-list", true
		}
	}
	// "Hamburg, Germany, will get its first IBX": a place as the subject
	// of a verb of receiving, with the facility as its object.
	if m := rePlaceSubject.FindStringIndex(a.text[g.end:clauseEnd(a.text, g.end)]); m != nil {
		hi := clauseEnd(a.text, g.end)
		for _, f := range a.facs {
			if f.start >= g.end+m[1] && f.start < hi && !f.weak {
				return f, "expansion/place-subject", true
			}
		}
	}
	// "its second in Bulgaria", "a first one in Milan": an ordinal whose
	// facility noun is elided is the kind the text is talking about.
	for _, o := range a.ordinals {
		if o.End <= g.start && o.Start >= lo && reElidedFacility.MatchString(a.text[o.End:g.start]) {
			f := facMention{kind: d.lastFacility, start: o.End, end: o.End}
			for _, x := range a.facs {
				if !x.weak && !x.negated {
					f.kind = x.kind
					break
				}
			}
			if f.kind == "" {
				f.kind = FacilityDataCenter
			}
			return f, "expansion/elided-facility", true
		}
	}
	// "its second in Africa after Johannesburg": a place a site follows
	// has a site of the same kind.
	if reAfterPlace.MatchString(window(a.text, g.start, 20)) {
		for _, o := range a.ordinals {
			if o.End <= g.start && g.start-o.End <= 40 && o.Start >= lo {
				for _, x := range a.facs {
					if !x.weak && !x.negated && x.end <= o.Start {
						return facMention{kind: x.kind, start: g.start, end: g.start}, "expansion/prior-site", true
					}
				}
			}
		}
	}
	// "Meanwhile, in Malaysia, Alibaba Cloud plans to build its first
	// innovation centre": a fronted place governs the clause after it.
	if m := reFrontedPlace.FindStringSubmatchIndex(a.text); m != nil && p.start >= m[2] && p.end <= m[3] {
		for _, f := range a.facs {
			if f.start >= m[1] && !f.weak {
				if counted(a, f) {
					// "In mainland China, Alibaba has 14 cloud regions":
					// a count with a scope, read by the count rules.
					return facMention{}, "", false
				}
				return f, "expansion/fronted-place", true
			}
		}
	}
	if f, ok := approvedIn(a, g, p); ok {
		return f, "expansion/approved-in", true
	}
	// "Meta has chosen Richland Parish, Louisiana, as the site of its
	// largest data center": a chosen place is where the facility after
	// it will be.
	if reChoiceBefore.MatchString(window(a.text, g.start, 30)) {
		hi := clauseEnd(a.text, g.end)
		for _, f := range a.facs {
			if f.start >= g.end && f.start < hi && f.start-g.end <= 80 && !f.negated {
				return f, "expansion/site-choice", true
			}
		}
	}
	// "paid $45 million for 300 acres in Mesa, Arizona, where it plans a
	// data center": a relative clause on the place names the facility
	// there.
	if m := reWhereAfter.FindStringIndex(a.text[g.end:]); m != nil {
		hi := clauseEnd(a.text, g.end)
		for _, f := range a.facs {
			if f.start >= g.end+m[1] && f.start < hi && f.start-g.end <= 90 && !f.negated {
				// The clause needs an agent: "where it plans", "where
				// Microsoft and Yahoo run"; not "where land and power
				// are cheaper".
				if orgIn(a, g.end+m[1], f.start) || anaphorIn(a, g.end+m[1], f.start) != "" {
					return f, "expansion/where", true
				}
				break
			}
		}
	}
	// "will invest $2 billion in Chile to open a region": the purpose
	// clause right after the place builds its facility there.
	if m := rePurposeAfter.FindStringIndex(a.text[g.end:]); m != nil {
		for _, f := range a.facs {
			if f.start > g.end && f.start <= g.end+m[1] && !f.negated && !placedAfter(a, f) {
				// (The facility's span may begin with one of the
				// modifiers: "a cloud region".)
				return f, "expansion/purpose", true
			}
		}
	}
	// "will convert a former printing plant in Mesa, Arizona, into a data
	// center", "the mill in Kajaani, which it is turning into a data
	// centre": the building converted stands where the facility will.
	if c, ok := convertedInto(a, lo, g); ok {
		return c.fac, "expansion/conversion", true
	}
	// "launched in Kuala Lumpur, Malaysia in 2017, and has two regions there"
	if reVerbIn.MatchString(a.text[lo:g.start]) {
		hi := clauseEnd(a.text, g.end)
		for _, f := range a.facs {
			if f.start >= g.end && f.start < hi {
				return f, "expansion/verb-after", true
			}
		}
	}
	// "a cloud investment in Poland", "to invest in AI infrastructure in
	// Kenya": infrastructure of no particular kind, in that place.
	if reInfraInvestIn.MatchString(a.text[max(lo, g.start-140):g.start]) {
		return facMention{kind: FacilityOther, start: g.start, end: g.start}, "expansion/invest-in", true
	}
	// "expanding its presence in Saudi Arabia, Egypt and Kenya"
	if m := reExpandInto.FindStringIndex(a.text[lo:g.start]); m != nil && reExpandGap.MatchString(a.text[lo+m[1]:g.start]) {
		f := facMention{kind: FacilityDataCenter, start: g.start, end: g.start}
		for _, x := range a.facs {
			if !x.weak {
				f.kind = x.kind
				break
			}
		}
		return f, "expansion/expand-into", true
	}
	return facMention{}, "", false
}

// ordinalFor reads "its first", "a third", "Huawei's 30th such" before the
// facility word, or before the place when the place modifies the facility.
// placeOrMoneyBetween reports another place or an amount between a facility
// word and a place: "a region in Chile, and will invest $1 billion in
// Brazil" puts no region in Brazil. A place of the same country is a
// refinement ("in Brazil, in Vinhedo") and does not count.
func placeOrMoneyBetween(a *sentence, lo, hi int, country string) bool {
	for _, q := range a.places {
		if q.start >= lo && q.end <= hi && !q.demonym && (q.country != country || country == "") {
			return true
		}
	}
	for _, m := range a.money {
		if m.Start >= lo && m.End <= hi {
			return true
		}
	}
	return false
}

// counted reports whether a number stands right before facility word f.
func counted(a *sentence, f facMention) bool {
	for _, n := range a.numbers {
		if n.End <= f.start && f.start-n.End <= 25 && reCountModifiers.MatchString(a.text[n.End:f.start]) {
			return true
		}
	}
	return false
}

func ordinalFor(a *sentence, f facMention, p place) int {
	// "its second in Riyadh": the ordinal stands right before the place.
	for _, o := range a.ordinals {
		if o.End <= p.start && p.start-o.End <= 12 && reElidedFacility.MatchString(a.text[o.End:p.start]) {
			return o.Value
		}
	}
	anchor := f.start
	if p.end <= f.start && p.start < anchor && rePlaceToFacility.MatchString(a.text[p.end:f.start]) {
		anchor = p.start
	}
	for _, o := range a.ordinals {
		if o.End > anchor || anchor-o.End > 25 {
			continue
		}
		gap := a.text[o.End:anchor]
		if strings.ContainsAny(gap, ",;.") {
			continue
		}
		if reOrdinalNotOwn.MatchString(window(a.text, o.Start, 40)) && !ownerPossessive(a, o.Start) {
			continue
		}
		if f.end <= p.start && reWiderArea.MatchString(a.text[f.end:p.start]) {
			// "its first data center in the Middle East, in Saudi
			// Arabia": an ordinal over a wider area than the place.
			return 0
		}
		return o.Value
	}
	return 0
}

// reWiderArea is a world region named between a facility and its place.
// "Worldwide" and the like are the widest area of all: "its 22nd region
// worldwide, following launches in Jakarta".
var reWiderArea = mustRx(`\b(?:(?:in|across|outside)\s+(?:the\s+)?` + worldRegionNames + `|worldwide|globally|(?:in|around|across) the world|overall|anywhere)`)

// ownerPossessive reports whether the word before off is a provider's
// possessive ("Huawei's 30th").
func ownerPossessive(a *sentence, off int) bool {
	before := strings.TrimRight(a.text[:off], " ")
	for _, o := range a.orgs {
		if o.end <= len(before) && len(before)-o.end <= 3 && (strings.HasSuffix(before, "'s") || strings.HasSuffix(before, "’s")) {
			return o.kind == orgProvider
		}
	}
	return false
}

// yearFor is the year of the event: the first year after the place in its
// clause, else one shortly before it.
func yearFor(a *sentence, d *discourse, g placeGroup, p place) int {
	hi := clauseEnd(a.text, g.end)
	for _, y := range a.years {
		if y.start >= p.end && y.start < hi {
			// A later place list owns years after it.
			if otherPlaceBetween(a, g, p.end, y.start) || reNewPredicate.MatchString(a.text[p.end:y.start]) || ordinalBetween(a, p.end, y.start) ||
				otherSiteBetween(a, p.end, y.start) || reOwnFrame.MatchString(a.text[p.end:y.start]) || otherEventBetween(a, p.end, y.start) {
				// "runs five data centers in Seoul and will add a sixth
				// in 2026": the year of the next predicate.
				break
			}
			if reAnnouncedIn.MatchString(window(a.text, y.start, 30)) {
				continue // "which was announced in 2022"
			}
			if moneyPeriodYear(a, y) {
				continue // "where it will spend €7.8 billion through 2040"
			}
			return d.yearOf(y)
		}
	}
	lo := clauseStart(a.text, g.start)
	for i := len(a.years) - 1; i >= 0; i-- {
		y := a.years[i]
		if y.end <= g.start && y.start >= lo && g.start-y.end <= 50 && !reNewPredicate.MatchString(a.text[y.end:g.start]) && !(inParenthetical(a.text, lo, y.start) && strings.Contains(a.text[y.end:g.start], ",")) {
			// ("Teraco, which Digital Realty bought in 2022, is spending ... on a
			// new campus": the aside's year is the purchase's.)
			if reAnnounceVerb.MatchString(a.text[y.end:g.start]) || reAnnouncedIn.MatchString(window(a.text, y.start, 30)) {
				// "In 2023, AWS announced a region in Chile", "announced
				// in 2023 a new region": the year of the announcement,
				// not of the region.
				continue
			}
			return d.yearOf(y)
		}
	}
	return 0
}

// moneyPeriodYear reports a year that ends the period of a figure right
// before it ("will spend €7.8 billion through 2040", "$5bn over the
// period to 2030"): the spending's span, not a site's year.
func moneyPeriodYear(a *sentence, y yearMention) bool {
	for _, m := range a.money {
		if m.End <= y.start && y.start-m.End <= 40 && reMoneyPeriodGap.MatchString(a.text[m.End:y.start]) {
			return true
		}
	}
	return false
}

var reMoneyPeriodGap = mustRx(`(?i)^(?:\s*\([^)]{1,40}\))?(?:\s+(?:(?:in|into|on)\s+(?:the\s+|its\s+)?[\p{L}'’.-]+(?:\s+[\p{L}'’.-]+){0,3}?|of\s+\w+|a\s+year|annually|each\s+year|per\s+year))?\s+(?:(?:over\s+the\s+(?:period|years|decade)\s+)?(?:through|thru|until|till|to|up\s+to)|between\s+now\s+and)\s+(?:(?:the\s+end\s+of|end-)\s*)?$`)

// moneyFor reports a figure that pays for the facility right after it:
// "$6.5 billion for a public cloud region", "$2 billion towards two data
// centres".
func moneyFor(a *sentence, fac facMention) bool {
	for _, m := range a.money {
		if m.End <= fac.start && fac.start-m.End <= 50 && reMoneyForGap.MatchString(a.text[m.End:fac.start]) {
			return true
		}
	}
	return false
}

var reMoneyForGap = mustRx(`(?i)^\s*(?:\([^)]{1,40}\)\s*)?,?\s+(?:for|towards?|to\s+build|to\s+fund)\s+(?:(?:a|an|the|its|their|two|three|four|new|first|second|third|[\w-]+)\s+){0,4}$`)

// countedBefore reports a number between lo and the facility at off: "its
// four data centres".
func countedBefore(a *sentence, off, lo int) bool {
	for _, n := range a.numbers {
		if n.Start >= lo && n.End <= off {
			return true
		}
	}
	return false
}

var (
	reAnnounceVerb = mustRx(`(?i)\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing)|reveal(?:ed|s|ing)|disclos(?:ed|es|ing)|said|says)\b`)
	reAnnouncedIn  = mustRx(`(?i)\b(?:announc(?:ed|es)|unveil(?:ed|s)|reveal(?:ed|s)|disclos(?:ed|es)|said|says)\s+(?:(?:in|on|back in|earlier in)\s+)?$`)
)

// reNewPredicate starts a coordinated predicate or clause with a subject
// or tense of its own: "and will add", ", while Kakao", and the second
// predicate a headline chains after a comma (", targets 150 by 2026").
var reNewPredicate = mustRx(`(?:\s(?:and|but)\s+(?:(?:also|then|now)\s+)?(?:will|would|plans?|plans to|is|are|was|were|has|have|had|expects?|said|says)\b|,\s*(?:while|whereas|although|though)\b|,\s+(?:and\s+)?(?:targets|plans|adds|says|aims|expects|eyes|sets|seeks|promises|confirms|announces|unveils|reports|sees|wants|signs|inks|raises|cuts|hires)\b)`)

// reNamedFacilityAfter is the rest of a facility's proper name after a
// place in it: "Helsinki Data Center Park", "Lisbon Campus".
var reNamedFacilityAfter = mustRx(`^\s+(?:\p{Lu}[\p{L}-]*\s+){0,2}(?:Data Cent(?:er|re)s?|Datacent(?:er|re)s?|Campus|Park|Hub)\b`)

// reLocatedIn says where a named facility is: "located in", "sited in".
var reLocatedIn = mustRx(`(?i)\b(?:located|sited|situated|based|built)\s+(?:in|at|near)\s+(?:\w+\s+)?$`)

// namesFacilityLocatedElsewhere reports a place that only names a facility
// said to lie elsewhere in the sentence: "the Helsinki Data Center Park,
// located in southern Tuusula".
func namesFacilityLocatedElsewhere(a *sentence, p place) bool {
	if !reNamedFacilityAfter.MatchString(a.text[p.end:]) {
		return false
	}
	for _, q := range a.places {
		if q.start > p.end && q.country == p.country && reLocatedIn.MatchString(window(a.text, q.start, 30)) {
			return true
		}
	}
	return false
}

// reOtherSiteBefore introduces another site a place is compared with:
// "after a facility in Inzai that opened last year".
var reOtherSiteBefore = mustRx(`(?i)\b(?:after|before|besides|alongside|following|than|unlike|like|joining|next to)\s+(?:a|an|the|its|their|another)\s+(?:[\w-]+\s+){0,2}$`)

// existingObject reports a facility the company already has ("its
// Beijing region", "its data center in Ireland") as the object of a modal
// whose verb is not a facility verb: "will use", "will stop offering
// services from".
func existingObject(a *sentence, fac facMention, p place) bool {
	np := min(fac.start, p.start)
	if fac.start == fac.end {
		np = p.start
	}
	if reNetworkAfter.MatchString(a.text[fac.end:]) {
		// "would expand its data center network across Asia, including
		// Malaysia": new sites in new places, planned.
		return false
	}
	m := rePossessedBefore.FindStringIndex(window(a.text, np, 40))
	if m == nil {
		return false
	}
	if from := np - (min(np, 40) - m[0]); reNewSite.MatchString(a.text[from:max(fac.end, p.end)]) || reGapPrep.MatchString(a.text[from:np]) {
		// "its new data center in Finland" is not had yet; in "its
		// investment in data centers" the possessive is the money's.
		return false
	}
	var modal *cue
	for i := range a.cues {
		c := &a.cues[i]
		if c.end > np {
			break
		}
		modal = c
	}
	if modal == nil {
		return false
	}
	if reGrowthVerb.MatchString(a.text[modal.start:modal.end]) && np-modal.end <= 30 {
		// "to expand and upgrade its four data centres": growing the
		// sites it counts as its own (as the annotation rules read it);
		// "to expand its data-centre campus in Hamina" is growth still
		// to come, planned like any investment in expanding
		// infrastructure.
		return countedBefore(a, fac.start, modal.end)
	}
	if !reBareModal.MatchString(a.text[modal.start:modal.end]) {
		return false
	}
	// The modal's verb: the next word after it and any adverbs. It must
	// be no cue (no "will open", "will be closed").
	vm := reModalVerb.FindStringSubmatchIndex(a.text[modal.end:])
	if vm == nil {
		return false
	}
	vs := modal.end + vm[2]
	if reGrowthVerb.MatchString(a.text[vs : modal.end+vm[3]]) {
		// "will expand and upgrade its four data centres": growing
		// sites it has (as the annotation rules read it).
		return true
	}
	for _, c := range a.cues {
		if c.start == vs || (c.start < vs && c.end > vs) {
			return false
		}
	}
	return !reBeHave.MatchString(a.text[vs : modal.end+vm[3]])
}

var (
	rePossessedBefore = mustRx(`(?i)\b(?:its|their|our)\s+(?:[\p{L}\d-]+\s+){0,3}$`)
	reNewSite         = mustRx(`(?i)\b(?:new|planned|proposed|future|upcoming|first|second|third|fourth|fifth|next|additional|latest|another|more)\b`)
	reGapPrep         = mustRx(`(?i)\s(?:in|of|for|at|on|to|into)\s+$`)
	reBareModal       = mustRx(`(?i)^(?:will|would|shall|'ll|’ll)$`)
	reModalVerb       = mustRx(`^\s+(?:(?:also|soon|then|now|initially|eventually|further|still|gradually)\s+)*([a-z]+)\b`)
	reNetworkAfter    = mustRx(`(?i)^\s+(?:network|networks|footprint|presence|portfolio|business|operations|infrastructure|platform|estate|fleet)\b`)
	reGrowthVerb      = mustRx(`(?i)^(?:expand|upgrade|triple|double|quadruple|enlarge|extend|grow|modernise|modernize|refurbish|retrofit)$`)
	reBeHave          = mustRx(`^(?:be|have|get|see|begin|start|need|require)$`)
)

// reHostedAt joins a facility to the site that hosts it.
var reHostedAt = mustRx(`^\s+(?:at|on|within|inside)\s+(?:its|the|their|a|an)\s+(?:new\s+|existing\s+)?$`)

// rePlanNounAfter is a noun of planning right after a facility word.
var rePlanNounAfter = mustRx(`^\s+(?:plan|plans|proposal|proposals|bid|blueprint|application|project|projects|scheme)\b`)

// reAfterPlace is "after" right before a place with no facility word.
var reAfterPlace = mustRx(`(?i)\b(?:after|following)\s+$`)

// reDefiniteSite refers back to a site: "the facility", "this data
// center", "its campus".
var reDefiniteSite = mustRx(`(?i)\b(?:the|this|that|these|its|their)\s+(?:new\s+|planned\s+|proposed\s+)?(?:[\p{L}\d-]+\s+){0,2}(?:data ?cent(?:er|re)s?|facility|facilities|site|sites|campus|campuses|region|regions|project|plant|hub)\b|^(?:New|More|Additional|Further|Two|Three|Four|Five)\s+(?:new\s+)?(?:cloud\s+)?(?:data ?cent(?:er|re)s|regions|availability zones|zones|facilities|sites|campuses|local zones|edge locations)\b`)

// reSpeakerOpening opens a sentence with a person reporting: "Hood said
// new regions in Chile ... had launched". The speaker in an article about
// a provider speaks of that provider's sites.
var reSpeakerOpening = mustRx(`^(?:(?:[\p{L}-]+\s+){0,4}?\p{Lu}\p{Ll}+\s+)?\p{Lu}\p{Ll}+\s+(?:said|says|told|added|noted|explained)\s+(?:that\s+)?(?:new|the|its|[a-z]+\s+new)\b`)

// reChoiceBefore is a verb of choosing a site right before the place.
// reConvertVerb is a verb of conversion; reConvertGap is what may stand
// between the verb (or the place, when the verb comes first) and the
// facility the building becomes.
var (
	reConvertVerb = mustRx(`(?i)\b(?:conver(?:t|ts|ted|ting)|turn(?:s|ed|ing)?|transform(?:s|ed|ing)?|repurpos(?:e|es|ed|ing)|redevelop(?:s|ed|ing)?|retrofit(?:s|ted|ting)?)\b`)
	reConvertGap  = mustRx(`(?i)^[^.;:]{0,80}?\b(?:into\s+(?:(?:a|an|the|its|their|new)\s+)?|as\s+(?:a|an|the|its|their)\s+)(?:[\w-]+\s+){0,3}$`)
	// "turned down", "turned to", "turned out": not a conversion.
	reTurnParticle = mustRx(`(?i)^\s+(?:down|up|out|away|around|to|over|back|off|on)\b`)
	// A participle after a determiner describes the old building ("a
	// shuttered coal plant"); it is not the clause's verb.
	reAttributiveBefore = mustRx(`(?i)\b(?:a|an|the|its|their|former)\s+$`)
	rePassivePending    = mustRx(`(?i)\b(?:be|being|been)\s+$`)
	rePassiveDone       = mustRx(`(?i)\b(?:was|were|has been|have been|had been)\s+$`)
)

// conversion is a building in a place group converted into a facility:
// "will convert a former printing plant in Mesa, Arizona, into a data
// center", "the mill in Kajaani, which it is turning into a data centre".
type conversion struct {
	fac  facMention
	verb span
	lo   int // where the verb's clause starts
}

// convertedInto finds the facility a building of group g is converted
// into, the verb standing before the group in its clause or between the
// group and the facility.
func convertedInto(a *sentence, lo int, g placeGroup) (conversion, bool) {
	verb := span{-1, -1}
	conv := func(m []int, off int) bool {
		return !reTurnParticle.MatchString(a.text[off+m[1]:])
	}
	if ms := reConvertVerb.FindAllStringIndex(a.text[lo:g.start], -1); ms != nil {
		if m := ms[len(ms)-1]; conv(m, lo) {
			verb = span{lo + m[0], lo + m[1]}
		}
	}
	for _, f := range a.facs {
		if f.start < g.end || f.negated || f.start-g.end > 120 {
			continue
		}
		if m := reConvertVerb.FindStringIndex(a.text[g.end:f.start]); m != nil && conv(m, g.end) {
			verb = span{g.end + m[0], g.end + m[1]}
		}
		if verb.start < 0 || !reConvertGap.MatchString(a.text[verb.end:f.start]) {
			return conversion{}, false
		}
		return conversion{fac: f, verb: verb, lo: lo}, true
	}
	return conversion{}, false
}

// status is the conversion's status: the cue governing the verb ("plans
// to convert", "scrapped plans to turn", with a closure or hedge scoping
// over the plan as statusAt reads it), else the verb's own form: done when
// past ("was converted into") unless still to be ("will be converted"),
// under way or to come otherwise ("is turning"). Participles describing
// the old building ("a shuttered coal plant") govern nothing.
func (c conversion) status(a *sentence) (string, string) {
	var gov *cue
	for i := range a.cues {
		k := &a.cues[i]
		if k.start >= c.lo && k.end <= c.verb.start && !reAttributiveBefore.MatchString(window(a.text, k.start, 12)) {
			gov = k
		}
	}
	if gov != nil {
		for _, o := range a.cues {
			if o.end <= gov.start && o.start >= c.lo && gov.start-o.end <= 40 && (o.class == cueClosed || o.class == cueHedge) &&
				!strings.ContainsAny(a.text[o.end:gov.start], ",;") {
				return resolveCue(a, c.lo, o)
			}
		}
		return resolveCue(a, c.lo, *gov)
	}
	v := strings.ToLower(a.text[c.verb.start:c.verb.end])
	before := window(a.text, c.verb.start, 16)
	if (strings.HasSuffix(v, "ed") || v == "retrofitted") && (!rePassivePending.MatchString(before) || rePassiveDone.MatchString(before)) {
		return StatusLaunched, "converted"
	}
	return resolveCue(a, c.verb.start, cue{start: c.verb.start, end: c.verb.end, class: cueNeutral, id: "converting"})
}

// reOperatorAfter follows a facility up to the organisation that runs it:
// "the sovereign region run by Saudi telecom operator stc", "a campus
// operated by Equinix".
var reOperatorAfter = mustRx(`^(?:\s+(?:in|at)\s+[^,;.]{1,40})?,?\s+(?:(?:that|which)\s+(?:is|was|will be)\s+)?(?:run|operated|owned|managed)\s+by\s+(?:(?:the|a|an|[\p{L}-]+)\s+){0,4}?$`)

// operatorAfter is the organisation a facility is said to be run by, right
// after it.
func operatorAfter(a *sentence, f facMention) *orgMention {
	if f.end == f.start {
		return nil
	}
	for i := range a.orgs {
		o := &a.orgs[i]
		if o.start >= f.end && o.start-f.end <= 60 {
			if o.kind == orgProvider && reOperatorAfter.MatchString(a.text[f.end:o.start]) {
				return o
			}
			return nil
		}
	}
	return nil
}

var reWhereAfter = mustRx(`^,?\s+where\s+`)

var reChoiceBefore = mustRx(`(?i)\b(?:picks?|picked|picking|chose|chosen|chooses|choosing|selects?|selected|selecting|shortlisted|shortlists)\s+(?:the\s+)?$`)

// rePriorSiteBefore introduces a site that came before the one a clause
// is about: "after two zones in Ankara", "following launches in Jakarta".
var rePriorSiteBefore = mustRx(`(?i)\b(after|following|joining|alongside|besides|in addition to)\s+(?:(?:a|an|the|its|their|existing|two|three|four|five|six|\d+)\s+)?(?:[\w-]+\s+){0,2}$`)

// priorSite reports a facility named as the site another follows.
func priorSite(a *sentence, f facMention) bool {
	if f.start == f.end {
		return false
	}
	w := window(a.text, f.start, 40)
	m := rePriorSiteBefore.FindStringSubmatchIndex(w)
	if m == nil {
		return false
	}
	// The facility must not itself be what the clause builds: "after
	// building a data center" is the clause's own act.
	kw := f.start - len(w) + m[3]
	for _, c := range a.cues {
		if c.start >= kw && c.end <= f.start {
			return false
		}
	}
	return true
}

// yearAfter reports whether a year y is stated after off in the clause.
func yearAfter(a *sentence, off, y int, d *discourse) bool {
	hi := clauseEnd(a.text, off)
	for _, m := range a.years {
		if m.start >= off && m.start < hi && d.yearOf(m) == y {
			return true
		}
	}
	return false
}

// otherSiteBetween reports a facility of another site in [lo,hi): the
// years after it are that site's.
func otherSiteBetween(a *sentence, lo, hi int) bool {
	for _, f := range a.facs {
		if f.start >= lo && f.end <= hi && reOtherSiteBefore.MatchString(window(a.text, f.start, 40)) {
			return true
		}
	}
	return false
}

// reOwnFrame opens a frame with a time of its own: "opened data centres in
// Mumbai, as part of a plan to have 15 sites online by 2027".
var reOwnFrame = mustRx(`(?i)(?:,\s*|\s)(?:as part of|part of|under|in line with|towards?)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:plan|plans|strategy|programme|program|goal|target|push|drive|effort|commitment|ambition|roadmap)\b`)

// otherEventBetween reports a relative clause in [lo,hi) whose verb says
// nothing of opening or closing: "a facility in Strasbourg that was
// damaged by fire in 2021" dates the fire, not the facility.
func otherEventBetween(a *sentence, lo, hi int) bool {
	m := reRelativePronoun.FindStringIndex(a.text[lo:hi])
	if m == nil {
		return false
	}
	for _, c := range a.cues {
		if c.start >= lo+m[1] && c.end <= hi {
			return false
		}
	}
	return true
}

var reRelativePronoun = mustRx(`(?:,\s*|\s)(?:that|which|where)\s`)

// ordinalBetween reports an ordinal in [lo,hi): "its first region in
// Spain, and a second one is planned for 2027" gives 2027 to the second.
func ordinalBetween(a *sentence, lo, hi int) bool {
	for _, o := range a.ordinals {
		if o.Start < lo || o.End > hi {
			continue
		}
		// Another site's ordinal, not "the second half of 2026".
		if reOneAfter.MatchString(a.text[o.End:]) {
			return true
		}
		for _, f := range a.facs {
			if f.start >= o.End && f.start-o.End <= 30 {
				return true
			}
		}
	}
	return false
}

func otherPlaceBetween(a *sentence, g placeGroup, lo, hi int) bool {
	for _, q := range a.places {
		if q.start >= lo && q.end <= hi && (q.start < g.start || q.start >= g.end) && !q.demonym {
			return true
		}
	}
	return false
}

// refCountry resolves "there" / "the country": the last country named
// before it in the sentence, else in the article.
func refCountry(a *sentence, d *discourse, p place) string {
	c, home := "", ""
	for _, q := range a.places {
		if q.start >= p.start {
			break
		}
		if !q.ref && !q.negated && q.country != "" {
			c = q.country
		}
		if q.home {
			home = q.country
		}
	}
	switch {
	case c != "":
		return c
	case home != "":
		// "AWS and Saudi Arabia's Humain ... in the kingdom": with no
		// other place, a company's home is what the reference means.
		return home
	}
	if a.subject != nil && a.subject.start < p.start {
		// "Telecom Egypt ... operates four data centres in the country":
		// a national operator named for its country speaks of it.
		for _, m := range geo.Find(a.text[a.subject.start:a.subject.end]) {
			if m.Kind == geo.KindCountry {
				return m.Country
			}
		}
	}
	return d.lastCountry
}

// areaRef reports a reference to a place below a country ("the city",
// "the state"), which points back to that place, not to its country.
func areaRef(w string) bool {
	switch w {
	case "the area", "the city", "the town", "the state", "the province", "the county", "the island":
		return true
	}
	return false
}

// refCity is the city a reference to a town or an area points back to:
// the last one named before it in the sentence, in the country it
// resolved to, else the last one the article named there.
func refCity(a *sentence, d *discourse, p place, country string) string {
	if q := a.places[0]; q.start == 0 && q.start < p.start && !q.ref && q.city != "" && q.country == country {
		// "Melbourne is the second market after Sydney, with X ... in
		// the city": the place the sentence is about.
		return q.city
	}
	for i := len(a.places) - 1; i >= 0; i-- {
		q := a.places[i]
		if q.start < p.start && !q.ref && !q.negated && !q.possessive && q.country != "" {
			if q.country == country && q.city != "" {
				return q.city
			}
			return ""
		}
	}
	if country == d.lastCountry {
		return d.lastCity
	}
	return ""
}

func countryNameOf(code string) string { return geo.CountryName(code) }

// cityOf is the city of a fact: none for a city-state (Singapore, Hong
// Kong, Macau), whose city is the country.
func cityOf(city, country string) string {
	if strings.EqualFold(city, countryNameOf(country)) {
		return ""
	}
	return city
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// pastTense reports a verb phrase in the past: "opened", "went live",
// "came online", "began operations" (not "has", "operates").
func pastTense(v string) bool {
	w, _, _ := strings.Cut(strings.ToLower(v), " ")
	switch w {
	case "went", "came", "began", "was", "were", "became":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

// reRelativeAfter opens a relative clause on what comes before it: ",
// which", ", that".
var reRelativeAfter = mustRx(`^\)?(?:\s+[Rr]egion)?(?:\s*,\s*(?:which|that)|\s+that)\s`)

// relativeStatus is the status a relative clause right after off gives the
// site before it ("the Mumbai Region, which opened in 2016", "its plant,
// which closed last year"), from a cue of opening, closing or planning
// within a few words; "" when there is none. A verb of having ("which
// has three zones") describes, it does not date, and is passed over.
func relativeStatus(a *sentence, off int) (string, string) {
	m := reRelativeAfter.FindStringIndex(a.text[off:])
	if m == nil {
		return "", ""
	}
	lo := off + m[1]
	for i, c := range a.cues {
		if c.start < lo {
			continue
		}
		if c.start-lo > 24 || strings.ContainsAny(a.text[lo:c.start], ",;") {
			break
		}
		if reAnnounceVerb.MatchString(a.text[c.start:c.end]) {
			// "its Querétaro region, which was announced in 2022, is now
			// open": when it was announced says nothing of what it is.
			return "", ""
		}
		switch c.class {
		case cuePlanned:
			if w := strings.ToLower(a.text[c.start:c.end]); w == "will" || w == "would" || w == "shall" {
				// "which will provide access to Azure" says what the
				// site does, "which will open in 2027" when it opens.
				if i+1 >= len(a.cues) || a.cues[i+1].start-c.end > 12 || a.cues[i+1].class == cueHedge {
					return "", ""
				}
				if a.cues[i+1].class == cueClosed {
					// "which IBM says it will close in September"
					return StatusClosed, a.cues[i+1].id + "+modal"
				}
			}
			return resolveCue(a, lo, c)
		case cueClosed, cueLaunch:
			return resolveCue(a, lo, c)
		case cueLaunched:
			if pastTense(a.text[c.start:c.end]) {
				return resolveCue(a, lo, c)
			}
			return "", ""
		}
	}
	return "", ""
}
