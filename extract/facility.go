package extract

import (
	"strings"

	"github.com/cloudfacts/ingest/geo"
)

// facMention is a facility word in a sentence: "data centre", "cloud region".
type facMention struct {
	start, end int
	kind       string // a Facility* constant
	plural     bool
	weak       bool // "facility", "site", "campus": a data center only by context
	negated    bool // "has no data centers in Russia"
	// campus: "data centre campus", counted as data centres but sited as
	// a campus (facility other in an expansion: annotation rules).
	campus bool
}

var (
	reFacilityAsCompany = mustRx(`(?i)^(?:\s+and\s+[\w -]{0,30}?)?\s+(?:operators?|company|companies|providers?|developers?|firms?|business|industry|market|sector|REITs?|giants?|specialists?|division|divisions|arm|unit|landlords?|owners?|investors?|stocks?|shares|names)\b`)
	reNoBefore          = mustRx(`(?i)\b(?:no|not have any|not any|without|zero)\s+(?:[\w-]+\s+)?$`)
)

// facilityLexicon holds the facility nouns by kind (data/facility.txt).
var facilityLexicon = mustLexicon("facility")

// facilityPatterns are the facility words a word list cannot say.
var facilityPatterns = []struct {
	kind    string
	re      *rx
	needles []string // lower-case substrings one of which every match contains
}{
	// Google says "zones" for availability zones; only counted ones are.
	{FacilityAvailabilityZone, mustRx(`(?i)(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen))\s+(?:new\s+)?zones\b`), []string{"zones"}},
	// A network's "new cities" and "new locations" are its edge sites.
	{FacilityEdgeLocation, mustRx(`(?i)\b(?:new|our|its|their)\s+(?:[\w-]+\s+)?(?:cities|locations)\b`), []string{"cities", "locations"}},
	// Capacity named by its power is infrastructure of no kind: "a
	// planned 60 MW expansion", "a 1-gigawatt project".
	{FacilityOther, mustRx(`(?i)\b\d[\d,.]*(?:\s*-?\s*|\s+)(?:MW|megawatts?|GW|gigawatts?)\s+(?:expansion|extension|addition|build-?out|development|project|scheme)s?\b`), []string{"mw", "megawatt", "gw", "gigawatt"}},
}

// reCloudOffering follows a named cloud that is an offering or a deal,
// not a site.
var reCloudOffering = mustRx(`(?i)^['’"”]?\s+(?:services?|partnerships?|partners?|offerings?|offers?|platforms?|products?|solutions?|software|stack|capabilit(?:y|ies)|deals?|contracts?|agreements?|alliances?|tenders?|frameworks?|programmes?|programs?|initiatives?|strategy|strategies|push|drive|ambitions?|business|market|customers?|clients?|certifications?|rules?|laws?|requirements?|standards?|label|principles|controls|features?|version|edition|subscriptions?)\b`)

// reNotComputeBefore is a modifier that makes a weak noun ("facility",
// "site", "campus") something other than a data center.
var reNotComputeBefore = mustRx(`(?i)\b(?:desktop|personal|mining|manufacturing|production|assembly|logistics|distribution|fulfil?ment|warehouse|warehousing|research|training|office|chip|semiconductor|fab|battery|solar|wind|factory|packaging|testing|corporate|headquarters|retail|medical|hospital|university|school|military|nuclear|gas|oil|steel|car|vehicle|EV)\s+$`)

func landAsResource(s string, start, end int) bool {
	return reResourceAfterLand.MatchString(s[end:min(len(s), end+40)]) || reResourceBeforeLand.MatchString(window(s, start, 30))
}

var (
	reResourceAfterLand  = mustRx(`(?i)^(?:\s+(?:and|&)\s+(?:power|water|energy|grid|electricity|labou?r)\s+(?:constraints?|shortages?|scarcity|limits?|costs?|prices?|availability|supply|supplies)|\s+(?:supply|supplies|constraints?|prices?|costs?|values?|availability|scarcity|shortages?|use|prices)\b)`)
	reResourceBeforeLand = mustRx(`(?i)\b(?:scarce|scarcity of|shortage of|lack of|cheap|cheaper|expensive|affordable|available)\s+$`)
)

// reRegionGeography marks "region" used for geography, not a cloud region:
// "the region", "across the region", "the Middle East region", "regional".
var reRegionGeography = mustRx(`(?i)(?:\bthe\s+(?:[A-Z][\w-]*\s+){0,3}|\b(?:wider|whole|entire|same|broader|Gulf|Pacific|Asia|East|Europe|America|Africa)\s+)$`)

func findFacilities(s string) []facMention {
	var out []facMention
	taken := make([]bool, len(s)+1)
	add := func(start, end int, kind string, weak bool) {
		for i := start; i < end; i++ {
			taken[i] = true
		}
		word := strings.ToLower(s[start:end])
		out = append(out, facMention{start: start, end: end, kind: kind, weak: weak,
			negated: reNoBefore.MatchString(window(s, start, 40)),
			plural:  strings.HasSuffix(word, "s") && !strings.HasSuffix(word, "ss") && !strings.HasSuffix(word, "campus")})
	}
	ms := facilityLexicon.find(s)
	for i, m := range ms {
		kind, mode, _ := strings.Cut(m.tag, " ")
		if kind == "modifier" {
			continue
		}
		start := m.start
		if i > 0 && ms[i-1].tag == "modifier" && ms[i-1].end+1 == m.start && s[ms[i-1].end] == ' ' {
			start = ms[i-1].start // "cloud data center"
		}
		if mode == "bare" && !regionIsFacility(s, m.start, m.end) && !(start < m.start && strings.HasPrefix(strings.ToLower(s[start:m.start]), "multi")) {
			// (A multizone region is a cloud region.)
			continue
		}
		if reFacilityAsCompany.MatchString(s[m.end:]) {
			// "a New Jersey datacenter operator" is a company, not a site.
			continue
		}
		if m.end-m.start == 4 && strings.EqualFold(s[m.start:m.end], "land") && landAsResource(s, m.start, m.end) {
			// "land and power constraints", "scarce land supply": land as
			// a resource of a market, not a plot someone holds.
			continue
		}
		if mode == "weak" && reCloudOffering.MatchString(s[m.end:]) && namedCloud(s[m.start:m.end]) {
			// "sovereign cloud services", "an AI cloud partnership": an
			// offering or a deal, not a site.
			continue
		}
		if mode == "weak" && reNotComputeBefore.MatchString(window(s, m.start, 30)) {
			// "a mining facility", "a manufacturing site": no data
			// center by its modifier.
			continue
		}
		if n := len(out); n > 0 && mode == "weak" && !out[n-1].weak && out[n-1].end+1 == m.start && s[out[n-1].end] == ' ' {
			// "cloud region site", "data centre capacity": the compound
			// keeps the strong noun's kind; "data centre campus" is a
			// campus, of no kind (annotation rules).
			if strings.HasPrefix(strings.ToLower(s[m.start:m.end]), "campus") {
				out[n-1].campus = true
			}
			out[n-1].end = m.end
			out[n-1].plural = strings.HasSuffix(strings.ToLower(s[m.start:m.end]), "s") && !strings.HasSuffix(strings.ToLower(s[m.start:m.end]), "campus")
			for j := m.start; j < m.end; j++ {
				taken[j] = true
			}
			continue
		}
		add(start, m.end, kind, mode == "weak")
	}
	var buf [512]byte
	low, _ := lowerInto(&buf, s)
	for _, p := range facilityPatterns {
		if !containsAny(low, p.needles) {
			continue
		}
		for _, m := range p.re.FindAllStringIndex(s, -1) {
			if p.kind == FacilityAvailabilityZone {
				m[0] = m[1] - len("zones") // the count is not part of the noun
			}
			if taken[m[0]] || taken[m[1]-1] || reFacilityAsCompany.MatchString(s[m[1]:]) {
				continue
			}
			add(m[0], m[1], p.kind, false)
		}
	}
	// "will open WA3 in Warsaw": a site code as the object of a facility
	// verb is a data center.
	for _, m := range reSiteCode.FindAllStringSubmatchIndex(s, -1) {
		if !taken[m[2]] {
			add(m[2], m[3], FacilityDataCenter, false)
		}
	}
	sortBy(out, func(f facMention) int { return f.start })
	return elidedFacilities(s, containedClouds(s, out))
}

// containedClouds drops a named cloud that holds a region or zone named
// beside it: in "the first region of the AWS European Sovereign Cloud" and
// "the Sovereign Cloud, whose first region" the site is the region.
func containedClouds(s string, facs []facMention) []facMention {
	out := facs[:0]
	for i, f := range facs {
		if f.weak && f.kind == FacilityOther && namedCloud(s[f.start:f.end]) {
			held := false
			for j, g := range facs {
				if j == i || g.weak || (g.kind != FacilityRegion && g.kind != FacilityAvailabilityZone) {
					continue
				}
				if g.end <= f.start && f.start-g.end <= 60 && reCloudHoldsAfter.MatchString(s[g.end:f.start]) ||
					g.start >= f.end && g.start-f.end <= 40 && reCloudHoldsBefore.MatchString(s[f.end:g.start]) {
					held = true
					break
				}
			}
			if held {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// namedCloud reports a facility phrase that is a cloud named for whom it
// serves ("sovereign cloud", "AI clouds").
func namedCloud(phrase string) bool {
	return strings.HasSuffix(strings.TrimSuffix(strings.ToLower(phrase), "s"), "cloud")
}

var (
	reCloudHoldsAfter  = mustRx(`^\s+(?:of|in|for|within|inside)\s+(?:the\s+|its\s+|their\s+)?(?:[\p{Lu}\d][\w.&-]*(?:['’]s)?\s+){0,4}$`)
	reCloudHoldsBefore = mustRx(`^(?:['’]s|(?:\s+in\s+\p{Lu}[\p{L}-]*(?:,?\s+\p{Lu}[\p{L}-]*){0,2})?,\s+whose)?\s+(?:(?:first|second|third|fourth|new|initial|inaugural|only|two|three|four|[\w-]+-zone)\s+){0,2}$`)
)

// elidedFacilities adds "one" standing for the facility noun before it:
// "operates data centers in Japan and opened a new one in Mexico". Ordinals
// ("a second one") are read by the ordinal rules instead.
func elidedFacilities(s string, facs []facMention) []facMention {
	if len(facs) == 0 || !strings.Contains(s, "one ") && !strings.Contains(s, " more ") && !strings.Contains(s, "others ") && !strings.Contains(s, "abroad") && !strings.Contains(s, "overseas") && !strings.Contains(s, "elsewhere") {
		return facs
	}
	for _, m := range reElidedOne.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[2], m[3]
		plural := false
		if start < 0 {
			start, end = m[4], m[5] // "one more", "five more"
			plural = !strings.HasPrefix(s[start:end], "one ")
		}
		var kind string
		for _, f := range facs {
			if f.end <= start && !f.negated {
				kind = f.kind
			}
		}
		if kind == "" || kind == FacilityOther {
			continue
		}
		facs = insertSorted(facs, facMention{start: start, end: end, kind: kind, plural: plural}, func(f facMention) int { return f.start })
	}
	return facs
}

var reElidedOne = mustRx(`\b(?:(?:[Aa]|[Aa]nother|[Aa] further|(?i:open|opens|opened|opening|build|builds|built|building|add|adds|added|adding|launch|launches|launched|launching|operate|operates|operated|operating|run|runs|ran|running|has|have|had|plans|planned|planning))\s+(?:(?:new|larger|bigger|smaller|similar)\s+)?(one)|((?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few) (?:more|abroad|overseas|elsewhere)|others|two others|three others))\s*,?\s+(?:in|at|near|outside|across)\b`)

// reSiteCode is a data center's code ("WA3", "SY5") after a verb of opening.
var reSiteCode = mustRx(`\b(?:open|opens|opened|opening|launch|launches|launched|launching|build|builds|built|building|unveil|unveiled|add|added|adds)\s+(?:its\s+|the\s+)?([A-Z]{2,3}\d{1,2})\b`).withCheck(hasCodeShape)

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// regionIsFacility decides whether a bare "region(s)" is a cloud region.
// Possessives and geography phrases are not; a count ("29 regions"), an
// ordinal or a provider's own ("its region", "a new region") are.
func regionIsFacility(s string, start, end int) bool {
	if end < len(s) && (strings.HasPrefix(s[end:], "'s") || strings.HasPrefix(s[end:], "’s") || strings.HasPrefix(s[end:], "al")) {
		return false
	}
	// A fixed window: the look-behinds below are anchored at its end, and
	// on the whole prefix they would rescan it for every match.
	before := s[max(0, start-80):start]
	// "a Google Cloud Platform (GCP) region": the bracketed short name is
	// part of the name before the noun.
	if m := reBracketTail.FindStringIndex(before); m != nil && geo.Find(before[m[0]:m[1]]) != nil {
		// "AWS South America (Santiago) Region": a provider's naming of
		// a region after its city.
		return true
	}
	before = reBracketTail.ReplaceAllString(before, " ")
	if reRegionOwner.MatchString(before) {
		return true // "its Bogotá region", "a second Indonesian region"
	}
	if reRegionAnnounced.MatchString(before) && reRegionEnds.MatchString(s[end:]) {
		// Headlines drop the article: "Alibaba Cloud plans Mexico
		// region", "Oracle confirms Riyadh region for 2026"; but "plans
		// Moscow region roads" is the area's.
		return true
	}
	if reRegionOpens.MatchString(s[end:min(len(s), end+140)]) {
		// "The Johannesburg region went live", "the Jakarta region
		// is expected to open": areas do not open; cloud regions do.
		return true
	}
	if reCompassNamed.MatchString(before) {
		// "the Indonesia Central region", "Mexico Central": a provider's
		// name for a region; geography says "central Indonesia".
		return true
	}
	if placeRightBefore(before) {
		// "the Moscow region", "Gyeonggi region": an area around a place.
		// A provider's "London region" reads the same and is lost here;
		// geography is the commoner reading.
		return false
	}
	if reRegionGeography.MatchString(before) {
		// "the London region" of a provider is a cloud region, but so
		// rarely that geography is the safer reading.
		return false
	}
	if strings.HasSuffix(s[start:end], "s") && reNamesBefore.MatchString(before) {
		// "hosts Google and Microsoft regions": names, not an area,
		// before a plural.
		return true
	}
	return reRegionOwner.MatchString(before) || s[start] == 'R' || reNamedRegion.MatchString(before)
}

var reCompassNamed = mustRx(`\p{Lu}[\p{L}-]+\s+(?:North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest|North Central|South Central|West Central|East Central)\s+$`)

// reNamesBefore is one or two capitalised names, coordinated, right before
// a noun, with no determiner: "Google and Microsoft", "Oracle".
var reNamesBefore = mustRx(`(?:^|[^\p{L}\s]\s*|\b(?:hosts?|has|have|had|operates?|runs?|with|and|of|plus)\s+)\p{Lu}[\p{L}\w-]*\s+(?:(?:and|&)\s+\p{Lu}[\p{L}\w-]*\s+)?$`)

// reNamedRegion: "the new AWS region", "its Bogotá region", "the Azure
// region" — a name right before "region" that is not a place of geography.
var reNamedRegion = mustRx(`(?:\b(?:new|its|their|the|a|an)\s+)(?:[\p{Lu}][\p{L}\w-]*\s+){1,4}$`)

// reRegionOpens is a verb of opening right after "region", after "region
// in <Place>", or after an aside ("region, AWS's first in the country,
// opened", "region, which will launch").
var reRegionOpens = mustRx(`^(?:\s+in\s+\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?(?:,\s+\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?)?,?)?(?:,\s+(?:which|that)|,[^,.;]{1,60},)?\s+(?:(?:is|was|has|will|would|had)\s+)?(?:(?:now|officially|finally|also|been|be|first)\s+){0,2}(?:opened|open|opens|launched|launch|launches|went live|goes live|go live|live|came online|come online|comes online|expected to open|set to open|due to open|scheduled to open|slated to open|(?:generally )?available|be built|being built|built on)\b`)

var reBracketTail = mustRx(`\s*\([^()]{1,20}\)\s*$`)

// placeRightBefore reports a gazetteer place ending right before the
// trailing space of before.
func placeRightBefore(before string) bool {
	tail := before[max(0, len(before)-40):]
	t := strings.TrimRight(tail, " ")
	if len(t) == len(tail) {
		return false
	}
	for _, m := range geo.Find(t) {
		if m.End == len(t) {
			return true
		}
	}
	return false
}

var reRegionOwner = mustRx(`(?i)(?:\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+[\p{L}\w-]+\s+(?:and|or)\s+[\p{L}\w-]+\s+|\b(?:its|their|the)\s+(?-i:\p{Lu})[\p{L}-]+(?:,\s+(?-i:\p{Lu})[\p{L}-]+){0,3},?\s+(?:and|or)\s+(?-i:\p{Lu})[\p{L}-]+\s+|\b(?:launch|launches|launching|open|opens|opening|build|builds|building|add|adding|unveil|unveils|unveiling|has|have|had|operates|operate|operating|runs|run|opened|launched|added|adds|switches on|switched on|switch on|readies|its|their|a|an|new|with|\d+(?:\+|-plus)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|more|additional|geographic|live|existing|planned|local|dedicated|sovereign|\w+(?:'s|’s))\s+(?:[\p{L}\w-]+\s+){0,2})$`)

var (
	reRegionAnnounced = mustRx(`\b(?:plans|announces|announced|confirms|confirmed|completes|completed|inaugurates|inaugurated|debuts|readies|preps|unveils|eyes|shutters|shuttered|closes|closed|shuts|scraps|scrapped|axes|retires|exits|pauses|halts)\s+(?:[\p{L}\w-]+\s+){1,2}$`)
	reRegionEnds      = mustRx(`^(?:\s*$|\s*[,.;:]|\s+(?:in|with|by|for|next|this|later|to|and|after|before|as|that|which|from|plan|plans|proposal|bid)\b)`)
)

func sortBy[T any](xs []T, key func(T) int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && key(xs[j]) < key(xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
