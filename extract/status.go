package extract

import (
	"regexp"
	"strings"
)

// Cue classes. A neutral cue is a bare verb ("open", "build"): it is a plan
// when governed by "will", "plans to", "to", and a launch otherwise.
const (
	cuePlanned  = "planned"
	cueLaunched = "launched"
	cueClosed   = "closed"
	cueNeutral  = "neutral"
)

type cue struct {
	start, end int
	class      string
	id         string
}

// statusCues are the words that tell whether a facility is planned, running
// or closed. Each has an id that becomes part of the fact's rule id.
var statusCues = []struct {
	id    string
	class string
	re    *regexp.Regexp
}{
	{"closed-verb", cueClosed, regexp.MustCompile(`(?i)\b(?:closed|closes|closing|shut(?:s|ting)?(?: down)?|shutter(?:ed|s|ing)?|exit(?:ed|s|ing)?|withdr[ae]w(?:n)? from|pull(?:ed|s|ing)? out of|abandon(?:ed|s|ing)?|decommission(?:ed|s|ing)?|retir(?:e|es|ed|ing)|winding down|phas(?:e|es|ed|ing) out|ceased|destroyed|disappeared|wound down|wind down|no longer (?:operates|runs|has))\b`)},
	{"launch-noun", cueLaunched, regexp.MustCompile(`(?i)\b(?:the (?:launch|opening|inauguration|completion|commissioning) of|announced the (?:launch|opening))\b`)},
	{"existing", cueLaunched, regexp.MustCompile(`(?i)\bexisting(?:\s+[\w-]+)?\s+(?:facilit|data|datacent|region|site|campus|cloud|availability|server)`)},
	{"launched-verb", cueLaunched, regexp.MustCompile(`(?i)\b(?:opened|opens|launched|launches|unveiled|unveils|inaugurated|debuted|commissioned|went live|goes live|gone live|is live|are live|live|now (?:generally )?available|generally available|available|began (?:operations|operating)|started (?:operations|operating)|became operational|is operational|are operational|operational|came online|brought online|switched on|operates|operated|operating|runs|ran|hosts|has|have|had|housed|used|joins|joined|welcomed|added|entered|expanded into|established|built|completed)\b`)},
	{"plan-marker", cuePlanned, regexp.MustCompile(`(?i)\b(?:plans?|planned|planning|will|would|shall|is set to|are set to|set to|slated|expected|intends?|aims?|proposed|upcoming|coming|announced|announces|announcing|pledged|committed|revealing plans|under construction|construction (?:on|of|work)|started construction|began construction|broke ground|broken ground|breaks ground|breaking ground|groundbreaking|being built|is building|are building|in the midst of|is expanding|are expanding|expanding|exploring|bound for|to be (?:built|added|located|launched|opened|named)|memorandum of understanding|MoU|MOU|agreement to)\b`)},
	{"bare-verb", cueNeutral, regexp.MustCompile(`(?i)\b(?:open|launch|launching|build|building|establish|establishing|set up|setting up|add|adding|develop|developing|construct|constructing|commence operations|start operations|begin operations|deploy|expand|invest|bring|introduce|come online|roll out)\b`)},
}

func findCues(s string) []cue {
	var out []cue
	for _, c := range statusCues {
		for _, m := range c.re.FindAllStringIndex(s, -1) {
			out = append(out, cue{start: m[0], end: m[1], class: c.class, id: c.id})
		}
	}
	// Drop cues inside a longer one ("live" inside "went live").
	var kept []cue
	for i, c := range out {
		inside := false
		for j, o := range out {
			if i != j && o.start <= c.start && o.end >= c.end && (o.end-o.start) > (c.end-c.start) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, c)
		}
	}
	sortBy(kept, func(c cue) int { return c.start })
	return kept
}

// statusAt decides the status of a facility mentioned at offset p (the place)
// from the nearest cue before it in the sentence, or after it if there is
// none before ("The facility in Mexico was launched ..."). lo bounds the
// search on the left (a clause start).
func statusAt(a *sentence, lo, p int) (status, id string) {
	var before *cue
	for i := range a.cues {
		c := &a.cues[i]
		if c.end <= p && c.start >= lo {
			before = c
		}
	}
	if before != nil {
		return resolveCue(a, lo, *before)
	}
	for _, c := range a.cues {
		if c.start >= p {
			return resolveCue(a, lo, c)
		}
	}
	return StatusLaunched, "default"
}

func resolveCue(a *sentence, lo int, c cue) (string, string) {
	switch c.class {
	case cueClosed:
		return StatusClosed, c.id
	case cuePlanned:
		return StatusPlanned, c.id
	case cueLaunched:
		// "revealed the opening of new data centers in the next 30 days"
		if c.id == "launch-noun" && reFutureTime.MatchString(a.text[c.end:clauseEnd(a.text, c.end)]) {
			return StatusPlanned, c.id + "+future"
		}
		// "will be available", "would have" are plans.
		if hasModalBefore(a.text[max(lo, c.start-20):c.start]) {
			return StatusPlanned, c.id + "+modal"
		}
		return StatusLaunched, c.id
	}
	// A bare verb takes its status from what governs it.
	for i := len(a.cues) - 1; i >= 0; i-- {
		o := a.cues[i]
		if o.end > c.start || o.start < lo {
			continue
		}
		switch o.class {
		case cuePlanned:
			return StatusPlanned, c.id + "+" + o.id
		case cueClosed:
			return StatusClosed, c.id + "+" + o.id
		}
	}
	if reToBefore.MatchString(a.text[max(0, c.start-4):c.start]) {
		return StatusPlanned, c.id + "+to"
	}
	if strings.HasSuffix(a.text[c.start:c.end], "ing") {
		return StatusLaunched, c.id
	}
	return StatusPlanned, c.id
}

var (
	reFutureTime = regexp.MustCompile(`(?i)\b(?:in the (?:next|coming) \w+(?: \w+)?|next (?:week|month|year|quarter)|later this (?:year|month)|by the end of (?:the|this|next) year|from next|early next)\b`)
	reModal      = regexp.MustCompile(`(?i)\b(?:will|would|shall|to be|to|'ll)\b(?:\s+\w+)?\s*$`)
	reToBefore   = regexp.MustCompile(`(?i)\bto\s+$`)
)

func hasModalBefore(s string) bool { return reModal.MatchString(s) }
