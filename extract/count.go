package extract

import (
	"regexp"
	"strings"

	"github.com/cloudfacts/ingest/quantity"
)

// Count rules: region_count, az_count and datacenter_count.
//
//	count/number-unit  "operates 29 regions", "87 availability zones across 29 regions"
//	count/of-which     "29 regions, 14 of which are in China" (14 with scope CN)
//	count/each         "one data center each in Finland and Ryazan"
//
// A number is a count only when it is the provider's total, so "four new
// regions" and "two more data centers" are changes, not counts.

var countTypeOf = map[string]string{
	FacilityRegion:           TypeRegionCount,
	FacilityAvailabilityZone: TypeAZCount,
	FacilityDataCenter:       TypeDatacenterCount,
}

var (
	// Words that may stand between a number and its unit: "29 cloud
	// regions", "87 geographic regions", "three remaining data centers".
	reCountModifiers = regexp.MustCompile(`^\s+(?:(?:cloud|public|geographic|geographical|hyperscale|operational|remaining|existing|active|live|large|major|proprietary|owned|Tier\s*\w+|AI|[A-Z][a-zA-Z]+)\s+){0,3}$`)
	// Words that make a number a change rather than a total.
	reCountChange  = regexp.MustCompile(`(?i)\b(?:new|more|additional|another|other|further|extra)\b`)
	reChangeBefore = regexp.MustCompile(`(?i)\b(?:another|additional|extra|further)\s+$`)
	// "plans to build two data centers": new sites, not a total.
	reBuildBefore = regexp.MustCompile(`(?i)\b(?:build|building|construct|constructing|develop|developing|add|adding|open|opening|launch|launching|deploy|deploying)\s+(?:a\s+|an\s+|the\s+)?$`)
	reFromTo      = regexp.MustCompile(`^\s+to\s+[\d,]+\s+(?:[\w-]+\s+){0,2}$`)
	reFromBefore  = regexp.MustCompile(`(?i)\bfrom\s+$`)
	reOfWhich     = regexp.MustCompile(`^\s+of (?:which|them|those)\s+(?:are|is|were|will be)\s+(?:located\s+|based\s+)?(?:in|outside)\b`)
	reEachIn      = regexp.MustCompile(`^\s+each\s+in\b`)
	reGlobal      = regexp.MustCompile(`(?i)\b(?:global(?:ly)?|worldwide|around the world|across the (?:world|globe)|around the globe|in total)\b`)
	reOutside     = regexp.MustCompile(`(?i)\boutside (?:of )?((?:mainland |the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)`)
)

func countFacts(a *sentence, d *discourse) []Fact {
	var out []Fact
	for _, n := range a.numbers {
		if n.Value < 1 || n.Value != float64(int(n.Value)) || n.RangeTo != 0 {
			continue
		}
		f, ok := unitAfter(a, n.End)
		if !ok {
			continue
		}
		// "expanding from 15 to 40 data centers": both are totals, before
		// and after; the second number reads its own unit.
		if !reFromTo.MatchString(a.text[n.End:f.start]) && !reCountModifiers.MatchString(a.text[n.End:f.start]) {
			continue
		}
		typ, counted := countTypeOf[f.kind]
		if !counted || f.weak || (!f.plural && n.Value != 1) {
			continue
		}
		between := a.text[n.End:f.start]
		if reFromTo.MatchString(between) {
			if !reFromBefore.MatchString(a.text[:n.Start]) {
				continue
			}
		} else if reCountChange.MatchString(between) {
			continue
		}
		if reChangeBefore.MatchString(a.text[max(0, n.Start-12):n.Start]) || reBuildBefore.MatchString(a.text[max(0, n.Start-30):n.Start]) {
			continue // "another 3 regions"
		}
		if plannedAfter(a, f.end) {
			continue // "the two datacenters bound for the UK"
		}
		r := d.resolveOwner(a, n.Start)
		if r.block || len(r.names) == 0 {
			continue
		}
		// "plans to have up to 10 data centers in Malaysia": a target, not
		// what exists; it is still a count, but gives no presence.
		status, _ := statusAt(a, clauseStart(a.text, n.Start), n.Start)
		existing := status == StatusLaunched
		rest := a.text[f.end:]
		if reEachIn.MatchString(rest) {
			// One count per place listed after "each in".
			for _, p := range placesAfter(a, f.end) {
				out = append(out, countFact(typ, r, n, scopeOfPlace(a, d, p), "count/each", existing))
			}
			continue
		}
		out = append(out, countFact(typ, r, n, countScope(a, d, f), "count/number-unit", existing))
		// "..., 14 of which are in China"
		for _, m := range a.numbers {
			if m.Start <= f.end || m.Start-f.end > 6 {
				continue
			}
			if !strings.HasPrefix(strings.TrimSpace(a.text[f.end:m.Start]), ",") {
				continue
			}
			if loc := reOfWhich.FindStringIndex(a.text[m.End:]); loc != nil {
				scope := ""
				if ps := placesAfter(a, m.End+loc[1]); len(ps) > 0 {
					scope = scopeOfPlace(a, d, ps[0])
				}
				if scope != "" {
					out = append(out, countFact(typ, r, m, scope, "count/of-which", existing))
				}
			}
		}
	}
	return out
}

// plannedAfter reports a plan cue right after a counted facility word:
// "two data centers slated for 2027" describes new sites, not a total.
func plannedAfter(a *sentence, off int) bool {
	for _, c := range a.cues {
		if c.start >= off && c.start-off <= 12 && c.class == cuePlanned && c.id == "plan-marker" && !strings.ContainsAny(a.text[off:c.start], ",;(") {
			w := strings.ToLower(a.text[c.start:c.end])
			return w != "will" && w != "would"
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

// placesAfter returns the places starting at or after off, up to the end of
// the clause.
func placesAfter(a *sentence, off int) []place {
	var out []place
	limit := clauseEnd(a.text, off)
	for _, p := range a.places {
		if p.start >= off && p.start < limit && !p.demonym {
			out = append(out, p)
		}
	}
	return out
}

// countScope is where a count applies: the place right after the unit
// ("in China", "there"), a fronted "In mainland China,", "outside mainland
// China", else global.
func countScope(a *sentence, d *discourse, f facMention) string {
	rest := a.text[f.end:]
	if m := reOutside.FindStringSubmatch(rest[:min(len(rest), 60)]); m != nil {
		return "outside " + strings.TrimPrefix(m[1], "the ")
	}
	// "in Europe", "across Latin America": a world region is a phrase scope.
	if m := reWorldRegion.FindStringSubmatch(rest); m != nil {
		return m[1]
	}
	// "in Malaysia", "there", "in the Ryazan region"
	near := rest[:min(len(rest), 30)]
	if t := strings.TrimSpace(near); strings.HasPrefix(t, "in ") || strings.HasPrefix(t, "across ") || strings.HasPrefix(t, "there") {
		for _, p := range a.places {
			if p.start >= f.end && p.start-f.end <= 12 && !p.demonym {
				if reGlobal.MatchString(a.text[f.end:p.start]) {
					break
				}
				return scopeOfPlace(a, d, p)
			}
		}
	}
	// "In mainland China, Alibaba has 14 cloud regions"
	if m := reFrontedIn.FindStringSubmatchIndex(a.text); m != nil && m[3] <= f.start {
		for _, p := range a.places {
			if p.start >= m[2] && p.end <= m[3] && !p.demonym && p.country != "" {
				return p.country
			}
		}
		return strings.TrimSpace(a.text[m[2]:m[3]])
	}
	return "global"
}

var reWorldRegion = regexp.MustCompile(`^\s+(?:(?:located|based)\s+)?(?:in|across|throughout)\s+(?:the\s+)?(Europe|Asia[- ]Pacific|APAC|Latin America|North America|South America|Central America|Africa|Middle East|EMEA|Southeast Asia|South-East Asia|South Asia|East Asia|Central Asia|Asia|Oceania|Gulf|Nordics|Caribbean|Americas|Middle East and Africa)\b`)

var reFrontedIn = regexp.MustCompile(`^(?:[A-Z]\w+, )?(?:In|in|Across|Within) ((?:mainland |the )?[A-Z][\w-]*(?:[ -][A-Z][\w-]*)*),`)

// scopeOfPlace is a country code, or for a city or area the name as written.
func scopeOfPlace(a *sentence, d *discourse, p place) string {
	if p.ref {
		if c := refCountry(a, d, p); c != "" {
			return c
		}
		return ""
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
		if !c.existing || !isCountryCode(c.Scope) || c.Company == "" {
			continue
		}
		f := Fact{
			Type: TypeExpansion, Company: c.Company, Country: c.Scope,
			Facility: facilityOfCount[c.Type], Status: StatusLaunched,
			Rule: "expansion/from-count", Confidence: round2(c.Confidence * 0.9),
		}
		dup := false
		for _, e := range append(exps, out...) {
			if e.Company == f.Company && e.Country == f.Country && e.Facility == f.Facility && e.Status == f.Status {
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

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
