package extract

import (
	"github.com/cloudfacts/ingest/geo"
	"strings"

	"github.com/cloudfacts/ingest/quantity"
)

// Count rules: region_count, az_count and datacenter_count.
//
//	count/number-unit  "operates 29 regions", "a network of 24 locations"
//	count/elided       "which gives it six in Japan", "lifting its total to 64"
//	count/breakdown    "33 data centers, 28 of which are in the US",
//	                   "five sites — two in Osaka and three in Tokyo"
//	count/each         "one data center each in Finland and Ryazan",
//	                   "three each around Osaka and Kitakyushu"
//	count/site-plan    "the region will consist of three availability zones",
//	                   "the park will consist of six datacenter buildings"
//
// A breakdown may also follow in the next sentence ("Of the total, 25 are
// in São Paulo, three in Querétaro"): it takes the unit and owner of the
// count just read (discourse.lastCount). A total over "such centres" takes
// the one country of the sites the sentence names. Generic statements
// ("typically"), the sites of a project's phases, needs ("Africa needs 700
// facilities") and sites since sold are not counts; sites money was spent
// building ("has invested X in building three data centers") are.
//
// Each number of the sentence is read in three steps:
//
//  1. its unit: the facility noun after it ("29 cloud regions", "three data
//     centre regions"), a stand-in noun ("24 locations", "22 facilities")
//     that takes the kind of the facility named elsewhere in the sentence,
//     or, when no noun follows ("six in Japan"), the nearest counted
//     facility noun before it;
//  2. its frame, from the nearest cue before it (data/count_cues.txt): a
//     total ("bringing its total to"), a verb of having ("operates"), a
//     site plan ("will consist of"), or a change ("another", "opened",
//     "the construction of"), which is not a count; and the words after it
//     ("two more", "five regions opened in");
//  3. its scope: what the number or its unit attaches to ("in Japan",
//     "which are in Sandviken and Gävle", "globally", "abroad", "outside
//     mainland China"), the site's country for a site plan, a fronted "In
//     X,", else global.
//
// A number is a count only when it is the provider's total (or what a site
// will have), so "four new regions" and "two more data centers" are
// changes, not counts.

var countTypeOf = map[string]string{
	FacilityRegion:           TypeRegionCount,
	FacilityAvailabilityZone: TypeAZCount,
	FacilityDataCenter:       TypeDatacenterCount,
}

// countLexicon holds the count cues (data/count_cues.txt).
var countLexicon = mustLexicon("count_cues")

// Cue tags of data/count_cues.txt.
const (
	ccTotal       = "total"
	ccHave        = "have"
	ccSitePlan    = "site-plan"
	ccWith        = "with"
	ccChange      = "change"
	ccChangeVerb  = "change-verb"
	ccChangeAfter = "change-after"
	ccCapacity    = "capacity"
	ccGlobal      = "global"
	ccAbroad      = "abroad"
	ccNational    = "national"
	ccUnit        = "unit"
	ccZoneUnit    = "zone-unit"
	ccSpent       = "spent"
	ccNeed        = "need"
	ccGeneric     = "generic"
	ccPhase       = "phase"
	ccBack        = "back"
	// "ignore" phrases ("more than", "New York") only shadow cue words.
)

// The frame of a number: what governs it.
type countFrame int

const (
	frameNone     countFrame = iota // no cue: a count when its unit is named
	frameTotal                      // "total", "has", "operates"
	frameSitePlan                   // "will consist of"
	frameChange                     // "opened", "another": not a count
)

// frameWindow bounds the look-behind for the cue governing a number.
const frameWindow = 44

var (
	// Words that may stand between a number and its unit: "29 cloud
	// regions", "87 geographic regions", "33 AI-focused data centers".
	// A participle ("interconnected") is a modifier too; one that is a
	// change ("three opened") is read by the frame.
	reCountModifiers = mustRx(`^(?:\+|-plus)?\s+(?:(?:cloud|multicloud|multi-cloud|multizone|multi-zone|sovereign|edge|public|private|government|full|and|or|geographic|geographical|hyperscale|operational|remaining|existing|active|live|large|small|big|major|modular|separate|proprietary|owned|[a-z]{3,}ed|Tier\s*\w+|AI|[A-Z][a-zA-Z]+|[\w]+-[\w]+)\s+){0,3}$`)
	// The head noun of a compound whose facility word is a modifier:
	// "six datacenter buildings".
	reHeadNoun   = mustRx(`^\s+(?:buildings|halls|blocks|modules|towers)\b`)
	reStandNoun  = mustRx(`(?i)^(?:facilit(?:y|ies)|sites?)$`)
	reFromTo     = mustRx(`^\s+to\s+[\d,]+\s+(?:[\w-]+\s+){0,2}$`)
	reFromBefore = mustRx(`(?i)\bfrom\s+$`)
	// What a count attaches to after its unit (or after the number when the
	// unit is elided): "in Japan", ", which are in Sandviken", "of which are
	// currently operational in the U.S.", "located near Geneva".
	reAttach  = mustRx(`^\s*,?\s*(?:(?:all|each|both)\s+(?:of\s+)?(?:which|them|those|these)\s+)?(?:(?:of\s+)?(?:which|them|those|these|that)\s+)?(?:(?:are|is|were|will be|sit|lie)\s+)?(?:(?:currently|now|already|all|still)\s+)?(?:(?:operational|located|based|live|situated|sited|spread)\s+)?(?:in|near|across|throughout|around|at)\s+(?:the\s+|its\s+|their\s+)?(?:mainland\s+)?$`)
	reOfWhich = mustRx(`^\s+of\s+(?:which|them|those|these)\b`)
	// "..., of which 16 are in Australia": the same breakdown, the number
	// after.
	reOfWhichLead = mustRx(`(?i),?\s*of\s+(?:which|them|those|these)\s+$`)
	// A list item of a breakdown: "two in Osaka", "three outside Japan".
	reAttachStart = mustRx(`^\s+(?:(?:are|is|were|sit|lie)\s+(?:located\s+|based\s+)?)?(?:in|near|across|at|outside|abroad|overseas|located in|based in)\b`)
	reEachIn      = mustRx(`^\s+each\s+(?:in|at|around|near|across)\b`)
	// After a number whose unit is elided: nothing that could be a noun.
	reElidedNext = mustRx(`^(?:\s*(?:[,.;:)]|—|–|$)|\s+(?:(?:are|is|were|sit|lie)\s+(?:located\s+|based\s+)?(?:in|at|near)|in|across|of (?:which|them|those|these)|each|abroad|overseas|globally|worldwide|around|outside|altogether|in all|in total|so far|now|today|there|at present|as of)\b)`)
	rePlaceJoin  = mustRx(`^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$`)
	reOutside    = mustRx(`(?i)^\s*(?:\w+\s+)?outside (?:of )?((?:mainland |the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)`)
	// A region described by its number of zones: "a three-zone region",
	// "a 3-AZ region".
	reZoneCompound = mustRx(`^-(?:zone|availability-zone|AZ|az)\b`)
	reDataCenter   = mustRx(`(?i)\bdata ?cent(?:er|re)s?\b`)
)

// countCue is a cue of data/count_cues.txt found in a sentence.
type countCue = lexMatch

// countUnit is what a number counts.
type countUnit struct {
	kind   string
	end    int  // end of the unit noun, or of the number when elided
	elided bool // "six in Japan": the noun is earlier in the sentence
	plural bool
	// stand is a weak noun ("facilities", "sites") read as data centers
	// for want of any other facility in the sentence: a count only under
	// a verb of having or a total ("Huawei has one Mexican facility").
	stand bool
	// compound is a count inside a compound that describes a site: "a
	// three-zone region" has three zones, built or to be built.
	compound bool
	// back is a unit taken from the count of the sentence before ("Of
	// the total, 25 are in São Paulo").
	back bool
	// such is a unit that points back to the sites the sentence names
	// ("taking the total number of such centres to 17").
	such bool
}

// countReading is one number read as a count.
type countReading struct {
	n     quantity.Number
	unit  countUnit
	frame countFrame
}

func countFacts(a *sentence, d *discourse) []Fact {
	if len(a.numbers) == 0 {
		return nil
	}
	cues := countLexicon.find(a.text)
	var out []Fact
	var accepted []countReading // counts read so far in this sentence
	for _, n := range a.numbers {
		if n.Value < 1 || n.Value != float64(int(n.Value)) || n.RangeTo != 0 {
			continue
		}
		u, ok := countUnitOf(a, d, cues, n)
		if !ok {
			continue
		}
		typ, counted := countTypeOf[u.kind]
		if !counted || (!u.elided && !u.plural && n.Value != 1) {
			continue
		}
		if u.compound {
			if f, ok := zoneCompound(a, d, n, u); ok {
				out = append(out, f)
			}
			continue
		}
		frame := countFrameOf(a, cues, n, u)
		if frame == frameChange || placeOwned(a, cues, n) || notATotal(a, cues, n, frame) {
			continue
		}
		if u.stand && frame != frameTotal && frame != frameSitePlan {
			continue
		}
		rule := "count/number-unit"
		if reComparedCount.MatchString(a.text[max(0, n.Start-16):n.Start]) && reCountPast.MatchString(a.text[n.End:]) {
			// "up from 96 zones at the start of last year": a past
			// total, not one the company has.
			continue
		}
		if u.elided {
			// An elided unit needs a frame that makes the number a total,
			// or a breakdown of a count just read ("28 of which are in the
			// US", "— two in Osaka").
			switch {
			case frame == frameTotal || frame == frameSitePlan:
				rule = "count/elided"
			case isBreakdown(a, accepted, n, u):
				rule = "count/breakdown"
				if len(accepted) > 0 {
					u.kind = accepted[len(accepted)-1].unit.kind
					typ = countTypeOf[u.kind]
				}
			case len(accepted) > 0 && len(out) > 0 && reComparedCount.MatchString(a.text[max(0, n.Start-16):n.Start]) && !reCountPast.MatchString(a.text[n.End:]):
				// "12 data centres in Sydney by 2030, up from six today":
				// the count compared with is of the same sites, and they
				// exist.
				rule = "count/compared"
				u.kind = accepted[len(accepted)-1].unit.kind
				typ = countTypeOf[u.kind]
			default:
				continue
			}
		}
		if !u.elided && plannedAfter(a, u.end, frame) {
			continue // "the two datacenters bound for the UK"
		}
		r := d.resolveOwner(a, n.Start)
		for i := len(a.facs) - 1; i >= 0; i-- {
			if f := a.facs[i]; f.end <= n.Start {
				if o := operatorAfter(a, f); o != nil {
					// "the sovereign region run by stc ... with three
					// zones": the zones are the operator's.
					r = resolution{names: []string{o.name}, conf: 0.9, how: "operator"}
				}
				break
			}
		}
		if u.back && (len(r.names) == 0 || r.how == "context" || r.how == "anaphor") {
			// The breakdown belongs to whoever had the total.
			r = resolution{names: []string{d.lastCount.owner}, conf: 0.8, how: "back"}
		}
		if r.block || len(r.names) == 0 {
			continue
		}
		if r.how == "context" && placeIsSubject(a) {
			// "Loudoun County alone hosts more than 200 data centers":
			// a place's total, nobody's in particular.
			continue
		}
		accepted = append(accepted, countReading{n: n, unit: u, frame: frame})
		// "plans to have up to 10 data centers in Malaysia": a target, not
		// what exists; it is still a count, but gives no presence.
		status, _ := statusAt(a, conjunctStart(a.text, n.Start), n.Start)
		if status == StatusClosed {
			continue // "had two facilities there before selling them"
		}
		existing := (status == StatusLaunched || possessedBefore(a.text, n.Start)) && frame != frameSitePlan
		if reEachIn.MatchString(a.text[u.end:]) {
			// One count per place listed after "each in".
			for _, p := range placeChain(a, u.end) {
				// "Both operate two regions each in the country": "each"
				// distributes over the providers too.
				for _, name := range r.names {
					f := countFact(typ, r, n, scopeOfPlace(a, d, p), "count/each", existing)
					f.Company = name
					out = append(out, f)
				}
			}
			continue
		}
		if frame == frameSitePlan {
			rule = "count/site-plan"
		}
		scope := countScopeOf(a, d, cues, n, u, frame)
		if rule == "count/compared" {
			scope, existing = out[len(out)-1].Scope, true
		}
		if frame == frameSitePlan && len(out) > 0 && !placeIn(a, 0, n.Start) {
			// "more than 60 regions, comprising over 300 data centers":
			// what a counted set of sites consists of has its scope.
			scope = out[len(out)-1].Scope
		}
		if u.kind == FacilityAvailabilityZone {
			// Zones belong to a region, and a region to a country: "six
			// zones in its Ohio region" is a count for the US, as "the
			// Bangkok Region will consist of three zones" is for Thailand.
			if c := cityCountryOf(a, scope); c != "" {
				scope = c
			}
		}
		if scope == "" || rule == "count/breakdown" && scope == "global" {
			// A breakdown by kind, not by place ("700 data centres, 100
			// of them hyperscale"), is not a total anywhere.
			continue
		}
		if len(r.names) > 1 && (reEachBefore.MatchString(window(a.text, n.Start, 30)) || reEachAfterUnit.MatchString(a.text[u.end:])) {
			// "AWS, Google and Microsoft each have three regions": the
			// count is every provider's.
			for _, name := range r.names {
				f := countFact(typ, r, n, scope, "count/each-provider", existing)
				f.Company = name
				out = append(out, f)
			}
			continue
		}
		out = append(out, countFact(typ, r, n, scope, rule, existing))
	}
	if len(out) > 0 {
		last := out[len(out)-1]
		d.lastCount = countMemo{kind: facilityOfCount[last.Type], owner: last.Company, at: d.sentences}
	}
	return out
}

// zoneCompound reads "a three-zone region in Paris": the region it
// describes has that many zones (a plan for the site when the region is
// still to come), counted for the region's country.
func zoneCompound(a *sentence, d *discourse, n quantity.Number, u countUnit) (Fact, bool) {
	f, ok := unitAfter(a, u.end)
	if !ok || f.kind != FacilityRegion || strings.TrimSpace(a.text[u.end:f.start]) != "" && !reCountModifiers.MatchString(a.text[u.end:f.start]) {
		return Fact{}, false
	}
	scope := "global"
	for _, p := range a.places {
		if p.start >= f.end && reFacilityToPlace.MatchString(a.text[f.end:p.start]) && !p.negated {
			scope = scopeOfPlace(a, d, p)
			if c := cityCountryOf(a, scope); c != "" {
				scope = c
			}
			break
		}
	}
	r := d.resolveOwner(a, n.Start)
	if r.block || len(r.names) == 0 {
		return Fact{}, false
	}
	status, _ := statusAt(a, conjunctStart(a.text, n.Start), n.Start)
	if status == "" || status == StatusClosed {
		return Fact{}, false
	}
	return countFact(countTypeOf[u.kind], r, n, scope, "count/zone-compound", status == StatusLaunched), true
}

// siteHolds reports that the nearest facility word before off names a
// site that holds units of kind: a region holds zones and data centers, a
// campus data centers.
func siteHolds(a *sentence, off int, kind string) bool {
	var near *facMention
	for i := range a.facs {
		if f := &a.facs[i]; f.end <= off && off-f.end <= 150 && !f.negated {
			near = f
		}
	}
	if near == nil || counted(a, *near) {
		// "16 cloud regions with 33 availability zones": a total's
		// breakdown, read by the count rules as such.
		return false
	}
	switch near.kind {
	case FacilityRegion:
		return kind == FacilityAvailabilityZone || kind == FacilityDataCenter
	case FacilityOther:
		return kind == FacilityDataCenter && near.weak
	}
	return false
}

// conjunctStart is where the conjunct holding off begins: after the last
// ", and", ", but" or ", while" that opens a verb phrase of its own ("to
// close its data centre in Mumbai, and leaves the company with 13
// regions": the closure is the first conjunct's), else the clause start.
func conjunctStart(s string, off int) int {
	lo := clauseStart(s, off)
	if ms := reConjunctOpen.FindAllStringIndex(s[lo:off], -1); ms != nil {
		return lo + ms[len(ms)-1][1]
	}
	return lo
}

var reConjunctOpen = mustRx(`,\s+(?:and|but|while)\s+(?:(?:also|now|still|then)\s+)?(?:leaves|left|has|have|had|operates|runs|owns|keeps|kept|is|are|was|were|now)\b`)

// placeIn reports a place named in [lo,hi).
func placeIn(a *sentence, lo, hi int) bool {
	for _, p := range a.places {
		if p.start >= lo && p.end <= hi && !p.negated {
			return true
		}
	}
	return false
}

// notATotal reports a number in a generic statement ("a region is
// typically made up of more than one data center") or in a phase of a
// project ("three data centres in phase one; four in the second phase"):
// neither is what a provider has.
var reBetweenThe = mustRx(`(?i)\bbetween\s+(?:the|its|their)\s+$`)

func notATotal(a *sentence, cues []countCue, n quantity.Number, frame countFrame) bool {
	if reBetweenThe.MatchString(window(a.text, n.Start, 14)) {
		return true // "moved between the two regions" points back
	}
	lo, hi := clauseStart(a.text, n.Start), clauseEnd(a.text, n.End)
	for _, c := range cues {
		if c.start >= hi {
			break
		}
		if c.start < lo {
			continue
		}
		switch {
		case c.tag == ccGeneric && c.end <= n.Start:
			return true
		case c.tag == ccPhase && frame != frameSitePlan:
			// What a phase will consist of is a site plan ("the first
			// phase comprises eight data centers").
			return true
		}
	}
	return false
}

// listItemAt reports a number that opens an item of a list: after a
// comma, a semicolon, a dash, a colon or "and".
func listItemAt(s string, off int) bool {
	t := strings.TrimSpace(s[max(0, off-12):off])
	for _, sep := range []string{",", ";", ":", "—", "–", "(", " and"} {
		if strings.HasSuffix(t, sep) {
			return true
		}
	}
	return t == "and" || strings.HasSuffix(t, "including")
}

// countUnitOf finds what the number n counts.
func countUnitOf(a *sentence, d *discourse, cues []countCue, n quantity.Number) (countUnit, bool) {
	if m := reZoneCompound.FindStringIndex(a.text[n.End:]); m != nil {
		// "a three-zone region in Paris": the region's zones.
		return countUnit{kind: FacilityAvailabilityZone, end: n.End + m[1], plural: true, compound: true}, true
	}
	if f, ok := unitAfter(a, n.End); ok {
		between := a.text[n.End:f.start]
		// "expanding from 15 to 40 data centers": both are totals, before
		// and after; the second number reads its own unit.
		fromTo := reFromTo.MatchString(between)
		if fromTo && !reFromBefore.MatchString(a.text[max(0, n.Start-8):n.Start]) {
			return countUnit{}, false
		}
		if fromTo || reCountModifiers.MatchString(between) {
			if hasCue(cues, ccChange, n.End, f.start) && !fromTo {
				return countUnit{}, false // "four new regions"
			}
			// "three data centre regions": the last noun of a compound is
			// its head; a weak head ("data center sites") keeps the kind
			// of the strong noun before it.
			kind, weak := f.kind, f.weak
			end, plural := f.end, f.plural
			for _, g := range a.facs {
				if g.start > end && g.start-end <= 1 && strings.TrimSpace(a.text[end:g.start]) == "" {
					if !g.weak || weak {
						kind, weak = g.kind, g.weak
					}
					end, plural = g.end, g.plural
				}
			}
			if m := reHeadNoun.FindStringIndex(a.text[end:]); m != nil {
				end, plural = end+m[1], true
			}
			stand := false
			if weak {
				if kind = kindOfWeak(a, f.start); kind == "" {
					// No other facility in the sentence: a facility or
					// site is a data center, if a verb of having governs
					// it (a campus holds several; "clusters" may be of
					// servers).
					if !reStandNoun.MatchString(a.text[f.start:f.end]) {
						return countUnit{}, false
					}
					kind, stand = f.kind, true
				}
			}
			return countUnit{kind: kind, end: end, plural: plural, stand: stand, such: suchAt(a.text, f)}, true
		}
	}
	// "a network of 24 locations": a stand-in noun for the facility named
	// elsewhere in the sentence.
	for _, c := range cues {
		if c.tag == ccZoneUnit && c.start > n.End && reCountModifiers.MatchString(a.text[n.End:c.start]) && namesRegion(a) {
			// "the region will consist of three access zones"
			return countUnit{kind: FacilityAvailabilityZone, end: c.end, plural: true}, true
		}
		if c.tag == ccUnit && c.start > n.End && reCountModifiers.MatchString(a.text[n.End:c.start]) {
			kind := kindOfWeak(a, c.start)
			if kind == "" {
				return countUnit{}, false
			}
			w := strings.ToLower(a.text[c.start:c.end])
			return countUnit{kind: kind, end: c.end, plural: strings.HasSuffix(w, "s")}, true
		}
		if c.start > n.End+24 {
			break
		}
	}
	// "which gives it six in Japan": no noun follows; the unit is the
	// nearest counted facility named before the number.
	// "a first one in Milan": a lone "one" is a pronoun, not a count.
	// A "one" that opens a list item is a count: "five in Johannesburg,
	// one in Durban", "one each in Oita and Sapporo".
	rest := a.text[n.End:min(len(a.text), n.End+40)]
	if n.Value == 1 && !(listItemAt(a.text, n.Start) && (reAttachStart.MatchString(rest) || reEachIn.MatchString(rest))) {
		return countUnit{}, false
	}
	if !reElidedNext.MatchString(rest) {
		return countUnit{}, false
	}
	for i := len(a.facs) - 1; i >= 0; i-- {
		f := a.facs[i]
		if f.end > n.Start {
			continue
		}
		kind := f.kind
		if f.weak {
			kind = kindOfWeak(a, f.start)
		}
		if _, ok := countTypeOf[kind]; ok {
			return countUnit{kind: kind, end: n.End, elided: true, plural: true, such: suchAt(a.text, f)}, true
		}
		return countUnit{}, false
	}
	// No facility before the number: a breakdown of the count of the
	// sentence before, announced by "Of the total", "Of these".
	if d.lastCount.kind != "" && d.sentences-d.lastCount.at == 1 {
		for _, c := range cues {
			if c.end > n.Start {
				break
			}
			if c.tag == ccBack {
				return countUnit{kind: d.lastCount.kind, end: n.End, elided: true, plural: true, back: true}, true
			}
		}
	}
	return countUnit{}, false
}

// suchAt reports a facility noun with a demonstrative ("such centres",
// "these facilities"): the sites the sentence has just named.
func suchAt(s string, f facMention) bool {
	w := strings.ToLower(s[f.start:f.end])
	if strings.HasPrefix(w, "such ") {
		return true
	}
	t := strings.Fields(s[max(0, f.start-8):f.start])
	if len(t) == 0 {
		return false
	}
	last := strings.ToLower(t[len(t)-1])
	return last == "such" || last == "these" || last == "those"
}

func namesRegion(a *sentence) bool {
	for _, f := range a.facs {
		if f.kind == FacilityRegion {
			return true
		}
	}
	return false
}

// kindOfWeak is the kind a weak facility noun ("facilities", "sites",
// "locations") stands for: that of the nearest strong facility noun in the
// sentence, else a data center when the sentence speaks of data centers.
func kindOfWeak(a *sentence, off int) string {
	best, dist := "", -1
	for _, f := range a.facs {
		if f.weak {
			continue
		}
		if _, ok := countTypeOf[f.kind]; !ok {
			continue
		}
		dd := off - f.end
		if f.start > off {
			dd = f.start - off
		}
		if dist < 0 || dd < dist {
			best, dist = f.kind, dd
		}
	}
	if best == "" && reDataCenter.MatchString(a.text) {
		best = FacilityDataCenter
	}
	return best
}

// countFrameOf classifies what governs the number n: the nearest frame cue
// before it in its clause (within frameWindow bytes), and a change word right
// after it ("two more") or after its unit ("five regions opened in").
// reObjectArticle is the article of a verb's object: "sell a portfolio".
var reObjectArticle = mustRx(`^\s+(?:a|an|the|its|their)\s+$`)

func countFrameOf(a *sentence, cues []countCue, n quantity.Number, u countUnit) countFrame {
	for _, c := range cues {
		if c.start < n.End {
			continue
		}
		if c.start > u.end+2 {
			break
		}
		w := strings.ToLower(a.text[c.start:c.end])
		// "61 regions announced" is a total of announced regions.
		participle := c.tag == ccChangeVerb && w != "announced" && (strings.HasSuffix(w, "ed") || w == "built" || w == "shut")
		if participle && !u.elided && c.end < u.end && strings.TrimSpace(a.text[n.End:c.start]) == "" {
			// "36 launched regions": the participle is the unit's
			// adjective, not a verb of change ("three opened").
			participle = false
		}
		switch {
		case c.start-n.End <= 2 && (c.tag == ccChangeAfter || c.tag == ccChange && w == "more" || participle):
			return frameChange // "two more", "three opened"
		case c.start >= u.end && c.start-u.end <= 2 && (c.tag == ccChangeAfter || participle):
			return frameChange // "five cloud centers opened in four months"
		}
	}
	lo := frameStart(a.text, n.Start)
	frame := frameNone
	changeEnd := -1 // where the last verb of change ends
	for _, c := range cues {
		if c.end > n.Start {
			break
		}
		if c.start < lo {
			continue
		}
		switch c.tag {
		case ccTotal, ccHave:
			if frame == frameChange && changeEnd >= 0 && reObjectArticle.MatchString(a.text[changeEnd:c.start]) {
				// "agreed to sell a portfolio of ten data centers": the
				// collection is what changes hands.
				continue
			}
			frame = frameTotal
		case ccSpent:
			frame = frameTotal
			if toBeBuilt(a, lo, n) {
				frame = frameChange
			}
		case ccNeed:
			// "Africa needs 700 facilities": a need, no provider's total.
			frame = frameChange
		case ccSitePlan:
			frame = frameSitePlan
		case ccWith:
			// "The Santiago region opened on Tuesday with three
			// availability zones": what the site before opens with.
			if siteHolds(a, c.start, u.kind) {
				frame = frameSitePlan
			}
		case ccChangeVerb:
			frame, changeEnd = frameChange, c.end
			if spentOn(a.text, cues, c) {
				// "has invested 25 billion baht in building three data
				// centers": the money built them; they exist.
				frame = frameTotal
			}
			if n.Qualifier == quantity.UpTo {
				// "plans to build as many as 20 data centers on the
				// site": a target for the site, not a change.
				frame = frameSitePlan
			}
		case ccChange:
			// "another three", "an additional 5", "a further three"; not
			// "new" some words back ("its new region brings it to 30").
			if wordsBetween(a.text[c.end:n.Start]) <= 1 {
				frame = frameChange
			}
		case ccCapacity:
			// "71,000 square meters across three data centers": the number
			// places a capacity, it does not count sites.
			frame = frameChange
		}
	}
	if frame == frameNone && toBeBuilt(a, lo, n) {
		frame = frameChange
	}
	return frame
}

// toBeBuilt reports a number of sites right after money set aside for them,
// in a clause that does not say they exist: "pledged £1 billion last month
// for two data centres", "will invest ¥1 trillion in two data centres" are
// to be built, not a total; "has invested 25 billion baht in building
// three data centers" built them.
func toBeBuilt(a *sentence, lo int, n quantity.Number) bool {
	if !reMoneyFor.MatchString(a.text[lo:n.Start]) {
		return false
	}
	st, _ := statusAt(a, clauseStart(a.text, n.Start), n.Start)
	return st != StatusLaunched
}

var (
	reHostsAfter   = mustRx(`^\s+(?:(?:now|alone|already|currently|today)\s+)?(?:is home to|are home to|hosts|host|houses|counts)\b`)
	reClauseOpener = mustRx(`(?i)(?:\bthat|\bwhere|,|;|\band)\s+$`)
)

// reCountPast is a time after a compared figure that puts it in the past:
// "up from 12 in 2023", "up from 96 zones at the start of last year".
var reCountPast = mustRx(`(?i)^[^,;.]{0,25}?\b(?:in (?:19|20)\d\d|ago|last year|a year earlier|previously|at the (?:start|end|beginning) of)\b`)

var reComparedCount = mustRx(`(?i)\b(?:up|down)\s+from\s+(?:just\s+|only\s+)?$`)

// reMoneyFor is a money figure and then what it is for, right before a
// number.
var reMoneyFor = mustRx(`(?i)(?:billion|million|trillion|crore|lakh|bn|mn)\b[^.;]{0,40}?\b(?:for|on|towards?|in|into)\s+(?:the\s+|building\s+|constructing\s+)?$`)

// frameStart is where the look-behind for the frame of a number at off
// begins: frameWindow bytes back, or after the last punctuation there. A
// comma inside a number ("1,000MW and 700 facilities") does not cut it.
func frameStart(s string, off int) int {
	lo := max(0, off-frameWindow)
	for i := off - 1; i >= lo; i-- {
		switch s[i] {
		case ',':
			if i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
				continue
			}
			return i + 1
		case ';', ':', '(':
			return i + 1
		}
		if strings.HasPrefix(s[i:], "—") || strings.HasPrefix(s[i:], "–") {
			return i + len("—")
		}
	}
	return lo
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// spentOn reports a building verb in the -ing form that money already spent
// went into: "has invested $5bn in building", "has spent years developing".
func spentOn(s string, cues []countCue, verb countCue) bool {
	if !strings.HasSuffix(strings.ToLower(s[verb.start:verb.end]), "ing") {
		return false
	}
	lo := max(clauseStart(s, verb.start), verb.start-80)
	for _, c := range cues {
		if c.start >= verb.start {
			break
		}
		if c.tag == ccSpent && c.start >= lo && !strings.ContainsAny(s[c.end:verb.start], ",;") {
			return true
		}
	}
	return false
}

// placeOwned reports a count whose owner is a place, not a provider: "the
// country has 40 data centers", "Ireland's 80 data centres".
func placeOwned(a *sentence, cues []countCue, n quantity.Number) bool {
	lo := max(0, n.Start-frameWindow)
	for _, p := range a.places {
		if p.end > n.Start || p.end < lo || p.demonym {
			continue
		}
		if p.possessive && n.Start-p.end <= 4 {
			return true
		}
		for _, c := range cues {
			if c.tag == ccHave && c.start >= p.end && c.start-p.end <= 1 && c.end <= n.Start {
				return true
			}
		}
	}
	return false
}

// possessedBefore reports a possessive right before a number: "its three
// data centre regions" are regions it has, whatever the clause plans.
func possessedBefore(s string, off int) bool {
	w := strings.Fields(s[max(0, off-24):off])
	if len(w) == 0 {
		return false
	}
	last := strings.ToLower(w[len(w)-1])
	return last == "its" || last == "their" || last == "our" || strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s")
}

func wordsBetween(s string) int { return len(strings.Fields(s)) }

// isBreakdown reports a number with an elided unit that breaks down the
// count read last in the sentence: "33 data centers, 28 of which are in
// the US", "five sites — two in Osaka and three in Tokyo", "22 facilities
// globally, eight of them in India".
func isBreakdown(a *sentence, accepted []countReading, n quantity.Number, u countUnit) bool {
	if len(accepted) == 0 {
		return u.back
	}
	prev := accepted[len(accepted)-1]
	gap := a.text[prev.n.End:n.Start]
	if len(gap) > 120 {
		return false
	}
	rest := a.text[n.End:]
	if reOfWhich.MatchString(rest) || reEachIn.MatchString(rest) {
		return true
	}
	// "— two in Osaka and three in Tokyo": a list right after the count.
	list := strings.TrimSpace(a.text[max(prev.unit.end, n.Start-10):n.Start]) == "" || listItemAt(a.text, n.Start) ||
		reOfWhichLead.MatchString(a.text[max(0, n.Start-20):n.Start]) // "17 data centres, of which 16 are in Australia"
	return list && (reAttachStart.MatchString(rest) || reEachIn.MatchString(rest))
}

// plannedAfter reports a plan cue right after a counted facility word:
// "two data centers slated for 2027" describes new sites, not a total.
// Under a verb of having, "announced" is part of the total: "now has 61
// regions announced".
func plannedAfter(a *sentence, off int, frame countFrame) bool {
	for _, c := range a.cues {
		// "expects its two data centers in Norway to come online next
		// year": sites still to open are no total.
		if c.start >= off && c.start-off <= 40 && (c.class == cueNeutral || c.class == cueLaunched) &&
			reToBefore.MatchString(window(a.text, c.start, 4)) && !strings.ContainsAny(a.text[off:c.start], ",;(") &&
			!reNewPredicate.MatchString(a.text[off:c.start]) {
			return true
		}
		if c.start >= off && c.start-off <= 12 && c.class == cuePlanned && c.id == "plan-marker" && !strings.ContainsAny(a.text[off:c.start], ",;(") &&
			!reNewPredicate.MatchString(a.text[off:c.end]) {
			// "operates 50 regions and plans to build dozens more": the
			// plan is a predicate of its own.
			w := strings.ToLower(a.text[c.start:c.end])
			return w != "will" && w != "would" && !(frame == frameTotal && w == "announced")
		}
	}
	return false
}

func hasCue(cues []countCue, tag string, lo, hi int) bool {
	for _, c := range cues {
		if c.tag == tag && c.start >= lo && c.end <= hi {
			return true
		}
	}
	return false
}

func countFact(typ string, r resolution, n quantity.Number, scope, rule string, existing bool) Fact {
	return Fact{
		existing:   existing,
		Type:       typ,
		Company:    r.names[0],
		Value:      int(n.Value),
		Scope:      scope,
		Qualifier:  n.Qualifier,
		Rule:       rule,
		Confidence: r.conf * 0.95,
	}
}

// unitAfter finds the facility word that a number at end counts: the first
// one within a few words after it.
func unitAfter(a *sentence, end int) (facMention, bool) {
	for _, f := range a.facs {
		if f.start >= end {
			if f.start-end > 40 {
				return facMention{}, false
			}
			return f, true
		}
	}
	return facMention{}, false
}

// placeChain returns the list of places right after off: the first one
// within a few words, then each one joined to it by a comma or "and"
// ("each around Osaka and Kitakyushu, and one each in Oita" gives Osaka
// and Kitakyushu).
func placeChain(a *sentence, off int) []place {
	var out []place
	for _, p := range a.places {
		if p.start < off || p.demonym {
			continue
		}
		if len(out) == 0 {
			if p.start-off > 30 {
				break
			}
			out = append(out, p)
			continue
		}
		last := out[len(out)-1]
		if p.start < last.end || !rePlaceJoin.MatchString(a.text[last.end:p.start]) {
			break
		}
		out = append(out, p)
	}
	return out
}

// placeIsSubject reports a sentence that opens with a place as its
// subject: "Loudoun County alone hosts", "Virginia data center boom".
// reAreaSubject is an area named back as the subject of a verb of
// hosting: "The state now hosts more than 40 data centers" is the place's
// total as much as "Loudoun County alone hosts ..." is.
var reAreaSubject = mustRx(`^(?:The|the)\s+(?:state|country|province|city|kingdom|emirate|county|nation|island|metro area)\s+(?:(?:now|alone|already|currently|today|itself)\s+)?(?:hosts|has|houses|counts|boasts|is home to|accounts for)\b`)

func placeIsSubject(a *sentence) bool {
	if reAreaSubject.MatchString(a.text) {
		return true
	}
	hosting := strings.Contains(a.text, "home to") || strings.Contains(a.text, "host") || strings.Contains(a.text, "houses") || strings.Contains(a.text, "counts")
	for _, p := range a.places {
		if !hosting {
			break
		}
		// "The review estimates that Finland is home to more than 30
		// data centres": a place hosting is the subject of its clause.
		if !p.ref && !p.possessive && reHostsAfter.MatchString(a.text[p.end:]) && (p.start == 0 || reClauseOpener.MatchString(a.text[max(0, p.start-12):p.start])) {
			return true
		}
	}
	if len(a.places) == 0 {
		return false
	}
	p := a.places[0]
	if p.possessive || p.demonym || p.ref {
		return false
	}
	lead := strings.TrimSpace(a.text[:p.start])
	if lead != "" && lead != "The" && lead != "the" {
		return false
	}
	// "The Sydney facility will be shut down": the place modifies a site
	// that is the subject; "Virginia data center boom": a market.
	for _, f := range a.facs {
		if f.start >= p.end && f.start-p.end <= 12 && rePlaceToFacility.MatchString(a.text[p.end:f.start]) {
			return reMarketNounAfter.MatchString(a.text[f.end:])
		}
	}
	return true
}

var (
	reMarketNounAfter = mustRx(`(?i)^\s+(?:boom|market|markets|industry|sector|demand|growth|hub|rush|build-?out|frenzy|cluster|corridor|landscape|ecosystem|capacity|investment|investments|spending|construction)\b`)
)

// reWhereClause is a relative "where" after a place.
var reWhereClause = mustRx(`,\s+where\s`)

var (
	reAreaAdjective = mustRx(`^\s+(?:[\p{L}-]+\s+)?(European|African|Asian|Latin American|South American|North American|Middle Eastern|Nordic|Scandinavian|Gulf|Asia-Pacific|Southeast Asian|Central Asian)\s+`)
	areaOfAdjective = map[string]string{
		"european": "Europe", "african": "Africa", "asian": "Asia", "latin american": "Latin America",
		"south american": "South America", "north american": "North America", "middle eastern": "Middle East",
		"nordic": "Nordics", "scandinavian": "Scandinavia", "gulf": "Gulf", "asia-pacific": "Asia-Pacific",
		"southeast asian": "Southeast Asia", "central asian": "Central Asia",
	}
)

// nationOf is the one country a sentence is about: its places (a
// nationality included: "South Korea's KT Cloud"), else the article's last.
func nationOf(a *sentence, d *discourse) string {
	c := ""
	for _, p := range a.places {
		if p.country == "" || p.negated {
			continue
		}
		if c != "" && p.country != c {
			return ""
		}
		c = p.country
	}
	if c == "" {
		c = d.lastCountry
	}
	return c
}

// countScopeOf is where a count applies, from what its unit attaches to.
// It returns "" when the count cannot be placed (an unresolved "there").
func countScopeOf(a *sentence, d *discourse, cues []countCue, n quantity.Number, u countUnit, frame countFrame) string {
	// "one Mexican facility": a demonym on the unit is its country.
	for _, p := range a.places {
		if p.demonym && p.country != "" && p.start >= n.End && p.end <= u.end {
			return p.country
		}
	}
	// "its 34 European data centers": a world region's adjective on the
	// unit is its scope.
	if m := reAreaAdjective.FindStringSubmatch(a.text[n.End:max(n.End, u.end)]); m != nil {
		return areaOfAdjective[strings.ToLower(m[1])]
	}
	rest := a.text[u.end:]
	// "outside mainland China"
	if m := reOutside.FindStringSubmatch(rest[:min(len(rest), 60)]); m != nil {
		return "outside " + strings.TrimPrefix(m[1], "the ")
	}
	// "its data centers in Spain, where it operates six facilities": the
	// place "where" points back to.
	if m := reWhereClause.FindStringIndex(a.text[clauseStart(a.text, n.Start):n.Start]); m != nil {
		at := clauseStart(a.text, n.Start) + m[0]
		for i := len(a.places) - 1; i >= 0; i-- {
			p := a.places[i]
			if p.end <= at && at-p.end <= 2 && !p.negated && !p.demonym {
				if s := scopeOfPlace(a, d, p); s != "" {
					return s
				}
			}
		}
	}
	// "globally", "abroad" right after the unit.
	for _, c := range cues {
		if c.start < u.end {
			continue
		}
		if c.start-u.end > 3 {
			break
		}
		switch c.tag {
		case ccGlobal:
			return "global"
		case ccTotal:
			// "three availability zones in total": the whole.
			if w := strings.ToLower(a.text[c.start:c.end]); w == "in total" || w == "total" {
				return "global"
			}
		case ccAbroad:
			return strings.ToLower(a.text[c.start:c.end])
		case ccNational:
			// "15 facilities nationwide": the country the sentence is in.
			if c := nationOf(a, d); c != "" {
				return c
			}
			return strings.ToLower(a.text[c.start:c.end])
		}
	}
	// "in Asia, Europe and the Americas", "across the US and Europe": a
	// list that names a world region is a phrase scope as written.
	if s, ok := areaList(a, u.end); ok {
		return s
	}
	// "in Europe", "across Latin America": a world region is a phrase scope.
	if m := reWorldRegion.FindStringSubmatchIndex(rest); m != nil && placeEndAt(a, u.end+m[2]) < 0 {
		return rest[m[2]:m[3]]
	}
	// "in Malaysia", "there", ", which are in Sandviken, Gävle and
	// Staffanstorp", "of which are currently operational in the U.S."
	if s, ok := attachedPlaces(a, d, u.end); ok {
		return s
	}
	if frame == frameSitePlan {
		return sitePlanScope(a, d, u.kind)
	}
	// "seven new data centres in Chennai, Mumbai and Pune, taking the
	// total number of such centres to 17": the sites named, and so the
	// total, lie in one country.
	if u.such && frame == frameTotal {
		if c := oneCountry(a, d); c != "" {
			return c
		}
	}
	// A scope word between the frame and the number: "its worldwide total
	// to 64", "the number of its facilities abroad to eleven".
	lo := frameStart(a.text, n.Start)
	for _, c := range cues {
		if c.start >= lo && c.end <= n.Start {
			switch c.tag {
			case ccGlobal:
				return "global"
			case ccAbroad:
				return strings.ToLower(a.text[c.start:c.end])
			}
		}
	}
	// A place between the frame and the number: "its total in India to
	// 14", "its South African portfolio to eight sites".
	if frame == frameTotal {
		for _, p := range a.places {
			if p.start >= lo && p.end <= n.Start && !p.negated {
				if p.demonym && p.country != "" {
					return p.country
				}
				if s := scopeOfPlace(a, d, p); s != "" && !p.demonym {
					return s
				}
			}
		}
	}
	// "to launch a region in the kingdom with three availability zones":
	// a count attached by "with" to a new site describes that site.
	if reWithCount.MatchString(window(a.text, n.Start, 12)) {
		lo := clauseStart(a.text, n.Start)
		for _, p := range a.places {
			if p.start >= lo && p.end <= n.Start && !p.negated && !p.demonym {
				c := p.country
				if p.ref {
					c = refCountry(a, d, p)
				}
				if c != "" {
					return c
				}
			}
		}
	}
	// "The region will have three availability zones": a count whose
	// subject is one site describes that site.
	if reSiteSubject.MatchString(a.text) {
		return sitePlanScope(a, d, u.kind)
	}
	// "the Mumbai Region, which opened in 2016 and has three Availability
	// Zones": a count whose subject is a relative pronoun on a site
	// describes that site.
	if s := relativeSiteScope(a, n.Start); s != "" {
		return s
	}
	// "In mainland China, Alibaba has 14 cloud regions"
	if m := reFrontedIn.FindStringSubmatchIndex(a.text); m != nil && m[3] <= n.Start {
		for _, p := range a.places {
			if p.start >= m[2] && p.end <= m[3] && !p.demonym && p.country != "" {
				return p.country
			}
		}
		return strings.TrimSpace(a.text[m[2]:m[3]])
	}
	return "global"
}

// cityCountryOf is the country of a city scope that names a region in the
// sentence ("its Ohio region"), or "" otherwise: zones "in Mexico City"
// keep the city.
func cityCountryOf(a *sentence, scope string) string {
	for _, p := range a.places {
		if p.city != "" && p.city == scope && p.country != "" && reRegionNamedAfter.MatchString(a.text[p.end:]) {
			return p.country
		}
	}
	return ""
}

// reRegionNamedAfter is the rest of a region's name after its city:
// "(Ohio) Region", "Ohio region".
var reRegionNamedAfter = mustRx(`^\)?\s+(?:cloud\s+)?[Rr]egion\b`)

// reEachAfterUnit is "each" right after a counted unit: "two regions each".
var reEachAfterUnit = mustRx(`^\s+each\b`)

// reWithCount is "with" right before a count. (discourse's reWithBefore
// also takes "and", which joins counts rather than attaching one to a site.)
var reWithCount = mustRx(`(?i)\bwith\s+$`)

// reSiteSubject is a sentence whose subject is one site.
var reSiteSubject = mustRx(`^(?:The|This|That|Its|The company's|Each) (?:new |planned |upcoming |proposed |first |second |third )?(?:cloud |AI |hyperscale )?(?:region|facility|data ?cent(?:er|re)|datacent(?:er|re)|campus|site|park)\b`)

// attachedPlaces reads the places a count attaches to right after off: one
// place gives its scope (a country code, or a city as written); several in
// one country give the country; several countries the phrase as written.
func attachedPlaces(a *sentence, d *discourse, off int) (string, bool) {
	var ps []place
	for _, p := range a.places {
		if p.start < off || p.demonym {
			continue
		}
		if len(ps) == 0 {
			gap := a.text[off:p.start]
			bare := strings.TrimSpace(gap) == ""
			if len(gap) > 80 || !(p.ref && bare) && !reAttach.MatchString(gap) {
				break
			}
			ps = append(ps, p)
			continue
		}
		last := ps[len(ps)-1]
		if p.start < last.end || !rePlaceJoin.MatchString(a.text[last.end:p.start]) {
			break
		}
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		return "", false
	}
	if len(ps) == 1 {
		s := scopeOfPlace(a, d, ps[0])
		return s, s != ""
	}
	country := ""
	for _, p := range ps {
		c := p.country
		if p.ref {
			c = refCountry(a, d, p)
		}
		if c == "" || country != "" && c != country {
			country = ""
			break
		}
		country = c
	}
	if country != "" {
		return country, true
	}
	return a.text[ps[0].start:ps[len(ps)-1].end], true
}

// sitePlanScope is the country of the site a site-plan count describes:
// "the AWS Asia Pacific (Bangkok) Region will consist of three Availability
// Zones" → TH. It is the first country named in the sentence, else the last
// one of the article.
//
// A data-center site (a park, a campus) lies in a city: its data centers
// take the city, named in the sentence or last named in the article ("The
// park will consist of six datacenter buildings" after "a datacenter park
// in Greater Noida").
func sitePlanScope(a *sentence, d *discourse, kind string) string {
	for _, p := range a.places {
		if p.negated || p.demonym && p.country == "" {
			continue
		}
		if p.ref {
			if c := refCountry(a, d, p); c != "" {
				return c
			}
			continue
		}
		if p.country != "" {
			if kind == FacilityDataCenter && !p.demonym {
				return scopeOfPlace(a, d, p)
			}
			return p.country
		}
	}
	if kind == FacilityDataCenter && d.lastSiteCity != "" {
		return d.lastSiteCity
	}
	if d.lastSiteCountry != "" {
		return d.lastSiteCountry
	}
	if kind == FacilityDataCenter && d.lastCity != "" {
		return d.lastCity
	}
	if d.lastCountry != "" {
		return d.lastCountry
	}
	return "global"
}

// oneCountry is the country of every place the sentence names, or "" when
// they lie in more than one (or none).
func oneCountry(a *sentence, d *discourse) string {
	country := ""
	for _, p := range a.places {
		if p.negated {
			continue
		}
		c := p.country
		if p.ref {
			c = refCountry(a, d, p)
		}
		if c == "" || country != "" && c != country {
			return ""
		}
		country = c
	}
	return country
}

const (
	worldRegionPrefix = `^\s*,?\s*(?:(?:of\s+)?(?:which|them|those)\s+)?(?:(?:are|is)\s+)?(?:(?:located|based)\s+)?(?:in|across|throughout)\s+`
	worldRegionNames  = `(Asia[- ]Pacific|sub-Saharan Africa|(?:(?:` + compass + `)(?:\s+and\s+(?:` + compass + `))?\s+)?(?:Europe|Africa|Asia)|APAC|APJ|LATAM|Latin America|North America|South America|Central America|Middle East(?: and (?:North )?Africa)?|MENA|EMEA|South-East Asia|Oceania|Gulf|Nordics|Baltics|Balkans|Scandinavia|Caribbean|Americas)\b`
	compass           = `East|West|North|South|Central|Eastern|Western|Northern|Southern|Southeast|Northeast|Southwest|Northwest`
)

var (
	reWorldRegion    = mustRx(worldRegionPrefix + `(?:the\s+)?` + worldRegionNames)
	reAreaListPrefix = mustRx(worldRegionPrefix)
	reAreaName       = mustRx(`^(?:the\s+)?` + worldRegionNames)
	reAreaListSep    = mustRx(`^(?:,\s+(?:and\s+)?|\s+and\s+)`)
)

// placeEndAt is where a gazetteer place starting at off ends, or -1.
func placeEndAt(a *sentence, off int) int {
	for _, p := range a.places {
		if p.start == off && !p.ref {
			return p.end
		}
	}
	return -1
}

// areaList reads a list of places and world regions after off and returns
// it as written when it has several items and one is a world region: the
// count covers them all, no one country.
func areaList(a *sentence, off int) (string, bool) {
	m := reAreaListPrefix.FindStringIndex(a.text[off:])
	if m == nil {
		return "", false
	}
	start := off + m[1]
	pos, last, items, area := start, start, 0, false
	for {
		// A place first: "South Africa" is a country, not an area.
		at := pos
		if strings.HasPrefix(a.text[pos:], "the ") {
			at += len("the ")
		}
		end := placeEndAt(a, at)
		if end < 0 {
			if r := reAreaName.FindStringIndex(a.text[pos:]); r != nil {
				end, area = pos+r[1], true
			}
		}
		if end < 0 {
			break // "across the US and Europe and expects"
		}
		items, last = items+1, end
		sep := reAreaListSep.FindStringIndex(a.text[end:])
		if sep == nil {
			break
		}
		pos = end + sep[1]
	}
	return a.text[start:last], items > 1 && area
}

var reFrontedIn = mustRx(`^(?:[A-Z]\w+, )?(?:In|in|Across|Within) ((?:mainland |the )?[A-Z][\w-]*(?:[ -][A-Z][\w-]*)*),`)

// scopeOfPlace is a country code, or for a city or area the name as written.
func scopeOfPlace(a *sentence, d *discourse, p place) string {
	if p.ref {
		c := refCountry(a, d, p)
		if c != "" && areaRef(a.text[p.start:p.end]) {
			if city := refCity(a, d, p, c); city != "" {
				return city
			}
		}
		return c
	}
	if p.city != "" && !strings.EqualFold(p.city, countryNameOf(p.country)) {
		return p.city
	}
	return p.country
}

func clauseEnd(s string, off int) int {
	if i := strings.IndexAny(s[off:], ";–—"); i >= 0 {
		return off + i
	}
	return len(s)
}

func clauseStart(s string, off int) int {
	if i := strings.LastIndexAny(s[:off], ";–—"); i >= 0 {
		return i + 1
	}
	return 0
}

// countedExpansions reads a count of existing facilities in a country as
// the provider's presence there: "has 14 regions in mainland China" and
// "five of which are in South Korea" each also give an expansion with
// status launched, unless the sentence already gave that fact.
func countedExpansions(counts, exps []Fact) []Fact {
	var out []Fact
	for _, c := range counts {
		if !c.existing || c.Company == "" {
			continue
		}
		country, city := c.Scope, ""
		if !isCountryCode(country) {
			// "25 are in São Paulo": a city scope is a place in its country.
			country, city = cityCountry(c.Scope)
			if country == "" {
				continue
			}
		}
		f := Fact{
			Type: TypeExpansion, Company: c.Company, Country: country, City: cityOf(city, country),
			Facility: facilityOfCount[c.Type], Status: StatusLaunched,
			Rule: "expansion/from-count", Confidence: round2(c.Confidence * 0.9),
		}
		dup := false
		for _, e := range append(exps, out...) {
			if e.Company == f.Company && e.Country == f.Country && e.Status == f.Status {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

var facilityOfCount = map[string]string{
	TypeRegionCount:     FacilityRegion,
	TypeAZCount:         FacilityAvailabilityZone,
	TypeDatacenterCount: FacilityDataCenter,
}

// cityCountry resolves a count's scope written as a city or area ("São
// Paulo", "Greater Noida") to its country, when the gazetteer names it
// whole and unambiguously.
func cityCountry(scope string) (country, city string) {
	ms := geo.Find(scope)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(scope) || ms[0].Kind != geo.KindCity {
		return "", ""
	}
	return ms[0].Country, ms[0].Text
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// reWhichBefore is a relative clause that runs up to a number with no
// other subject: ", which opened in 2016 and currently has".
var reWhichBefore = mustRx(`\s*,\s*which\s+(?:[\p{L}\d-]+\s+){0,8}$`)

// relativeSiteScope is the place of the site a relative clause before off
// hangs on ("the AWS Asia Pacific (Mumbai) Region, which ... has three
// Availability Zones" → IN), or "".
func relativeSiteScope(a *sentence, off int) string {
	lo := max(0, off-80)
	m := reWhichBefore.FindStringIndex(a.text[lo:off])
	if m == nil {
		return ""
	}
	w := lo + m[0]
	for i := len(a.facs) - 1; i >= 0; i-- {
		f := a.facs[i]
		if f.end > w {
			continue
		}
		if w-f.end > 2 || f.plural {
			return ""
		}
		// The place inside the site's name or right before it: "(Mumbai)
		// Region", "its Frankfurt data center".
		for j := len(a.places) - 1; j >= 0; j-- {
			p := a.places[j]
			if p.end <= f.start && f.start-p.end <= 3 && p.country != "" && !p.ref && !p.negated {
				return p.country
			}
		}
		return ""
	}
	return ""
}
