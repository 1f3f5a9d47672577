package extract

import (
	"slices"
	"strings"
)

// Cue classes. A neutral cue is a bare verb ("open", "build"): it is a plan
// when governed by "will", "plans to", "to", and a launch otherwise.
const (
	cuePlanned  = "planned"
	cueLaunched = "launched"
	cueLaunch   = "launch" // "the opening of": launched unless a future time follows
	cueClosed   = "closed"
	cueNeutral  = "neutral"
	cueHedge    = "hedge" // "considering", "may": no fact
)

type cue struct {
	start, end int
	class      string
	id         string
}

// statusLexicon holds the status cues (data/status.txt), each tagged with
// its class and id.
var statusLexicon = mustLexicon("status")

func findCues(s string) []cue {
	ms := droppedPlans(s, statusLexicon.find(s))
	out := make([]cue, 0, len(ms))
	for _, m := range ms {
		class, id, _ := strings.Cut(m.tag, " ")
		if reNegation.MatchString(s[max(0, m.start-12):m.start]) || reNeitherNor.MatchString(window(s, m.start, 140)) {
			if class == cueLaunched || class == cueNeutral || class == cuePlanned {
				// "does not operate a data center in Peru", "for not
				// setting up a data center in Korea": nothing exists or
				// happens, like a hedge.
				class, id = cueHedge, "negated"
			} else if class == cueClosed {
				// "is not closing its Odense data center": it stays
				// open.
				class, id = cueLaunched, "not-closed"
			}
		}
		if class == cueClosed && reDealBefore.MatchString(window(s, m.start, 40)) {
			// "the Series C it closed last year": a funding round
			// completed says nothing of any site.
			continue
		}
		if class == cueClosed && reDealAfter.MatchString(s[m.end:min(len(s), m.end+60)]) {
			// "closed a deal for three data centers": completing a
			// purchase, not closing a site.
			class, id = cueLaunched, "deal-closed"
		}
		if class == cueClosed && reCloseTo.MatchString(s[m.start:min(len(s), m.end+4)]) {
			// "running close to capacity", "close to 40 sites": near,
			// not shut.
			continue
		}
		if id == "pause" && !pauseEnds(s, m.end) {
			continue
		}
		if class == cueLaunched && isAuxiliaryHave(s, m.start, m.end) {
			// "has said the region will consist of", "has signed": an
			// auxiliary, not possession; the participle after it (if a
			// cue, as in "has opened") speaks for the clause.
			continue
		}
		if class == cueNeutral && isNounBuilding(s, m.start, m.end) {
			// "the first building of its campus will open": a structure,
			// not the verb, so it governs nothing.
			continue
		}
		out = append(out, cue{start: m.start, end: m.end, class: class, id: id})
	}
	if strings.Contains(s, "drop") || strings.Contains(s, "withdr") {
		// "AWS drops Drogheda data centre plan": dropping or withdrawing
		// a plan named with its place and kind ends it, as "drops its
		// plan" does in the lexicon.
		for _, m := range reDropVerb.FindAllStringIndex(s, -1) {
			if reEndedObject.MatchString(s[m[1]:]) && !slices.ContainsFunc(out, func(c cue) bool { return c.start < m[1] && c.end > m[0] }) {
				out = insertSorted(out, cue{start: m[0], end: m[1], class: cueClosed, id: "closed-verb"}, func(c cue) int { return c.start })
			}
		}
	}
	return out
}

var (
	reDropVerb = mustRx(`(?i)\b(?:drops?|dropped|dropping|withdraws?|withdrew|withdrawn|withdrawing)\b`)
	// reEndedObject is a plan named with its place and kind: "West Des
	// Moines data center project", "its Drogheda data centre plan".
	reEndedObject = mustRx(`^\s+(?:(?:its|their|the|a|an|those|these)\s+)?(?:(?:\p{Lu}[\p{L}'’.-]*|data|cent(?:er|re)s?|datacent(?:er|re)s?|cloud|AI|campus|hyperscale|[\w-]+-(?:scale|MW|megawatt))\s+){1,5}?(?:plans?|projects?|proposals?|applications?|bids?)\b`)
)

var reDealAfter = mustRx(`(?i)^\s+(?:on\s+)?(?:a|an|the|its|their)\s+(?:[\p{L}\d$.,-]+\s+){0,3}?(?:deal|acquisition|purchase|sale|transaction|funding|round|agreement|merger|takeover)\b`)

var reDealBefore = mustRx(`(?i)\b(?:deal|acquisition|purchase|sale|transaction|funding|round|Series [A-H]|financing|agreement|merger|takeover|offering)\s+(?:(?:it|they|that|which|the company)\s+)?(?:(?:had|has|have|was|were)\s+)?(?:just\s+|recently\s+)?$`)

var reCloseTo = mustRx(`(?i)^close\s+to\b`)

// pauseEnds reports whether a pause or halt ending at end stops a plan for
// good: it is indefinite, or what it stops is the plan itself.
func pauseEnds(s string, end int) bool {
	rest := s[end:min(len(s), end+120)]
	if i := strings.IndexAny(rest, ";."); i >= 0 {
		rest = rest[:i]
	}
	return rePauseEnds.MatchString(rest) || reEndedObject.MatchString(rest)
}

var rePauseEnds = mustRx(`(?i)\bindefinite(?:ly)?\b|^\s+(?:all\s+)?(?:(?:its|their|the|a|an)\s+)?(?:[\w-]+\s+)?(?:plans?|projects?|expansion|proposals?)\b`)

// isAuxiliaryHave reports a "has", "have" or "had" that a past participle
// follows: a perfect tense, not possession.
func isAuxiliaryHave(s string, start, end int) bool {
	switch strings.ToLower(s[start:end]) {
	case "has", "have", "had":
		return reParticipleAfter.MatchString(s[end:min(len(s), end+40)])
	}
	return false
}

// reParticipleAfter is a past participle, regular or one of the common
// irregular ones, after at most one adverb.
var reParticipleAfter = mustRx(`^\s+(?:(?:also|already|long|recently|now|just|previously|never|not|finally|officially|quietly|since|reportedly)\s+)?(?:[a-z]+ed|been|said|made|built|begun|done|gone|taken|told|given|seen|known|shown|written|chosen|won|paid|sold|bought|brought|held|kept|left|lost|spent|sent|set|put|run|become|come|got|gotten|grown|had|led|laid|thought|found|struck|broken|spoken|risen|fallen|withdrawn|overseen|undertaken|raised|begun)\b`)

// isNounBuilding reports a "building" that a determiner, number or
// adjective makes a noun.
func isNounBuilding(s string, start, end int) bool {
	w := strings.ToLower(s[start:end])
	if w != "building" && w != "buildings" {
		return false
	}
	return reNounDeterminer.MatchString(s[max(0, start-12):start])
}

var reNounDeterminer = mustRx(`(?i)(?:\b(?:the|a|an|its|their|our|this|that|each|every|new|first|second|third|fourth|fifth|main|one|two|three|four|five|single|office)|\d)\s+$`)

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
	if before != nil && reNewPredicate.MatchString(a.text[before.end:p]) && !strings.ContainsAny(a.text[before.end:p], ",;") {
		// "has two regions in the UAE and has said its first Saudi
		// region will open": a coordinated predicate has its own verb.
		before = nil
	}
	if before != nil && reClauseJoin.MatchString(a.text[before.end:p]) {
		// "would spend $4 billion on a region in Chile, while Microsoft's
		// Chile Central region went live": a clause with a subject of its
		// own after ", while" has its own verb.
		before = nil
	}
	if before != nil && reportingCue(a.text, *before) && reportedVerb(a, p) {
		// "confirmed that its Chile region is now live": a place inside
		// the subject of what is announced takes the reported verb ("but
		// confirmed a region in Chile" is a plan).
		before = nil
	}
	first := before
	if first == nil {
		for i := range a.cues {
			if a.cues[i].start >= p {
				if inParenthetical(a.text, p, a.cues[i].start) {
					// "its region, which was announced in 2022, is now
					// open": the aside is not the clause's verb.
					continue
				}
				first = &a.cues[i]
				break
			}
		}
	}
	if first != nil && (first.class == cuePlanned || first.class == cueLaunched) {
		// "plans for a data center in Bogotá have been paused", "had two
		// sites in Peru before selling them": a closure after the place
		// ends what the clause began.
		hi := clauseEnd(a.text, p)
		for _, c := range a.cues {
			if c.start >= p && c.start < hi && c.class == cueClosed && (rePassiveAux.MatchString(window(a.text, c.start, 20)) || reEndedAfter.MatchString(window(a.text, c.start, 20))) &&
				!reOwnSubjectAux.MatchString(window(a.text, c.start, 30)) {
				return StatusClosed, c.id + "+passive"
			}
		}
	}
	if before != nil && reCoordinateSubject.MatchString(a.text[before.end:p]) {
		// "opened a site in Lagos, and one more in Accra is planned for
		// 2027": a place inside the subject of a later coordinated clause
		// takes that clause's verb.
		for i := range a.cues {
			if c := a.cues[i]; c.start >= p {
				if c.start-p <= 60 && (!strings.ContainsAny(a.text[p:c.start], ",;") || rePlaceListTail.MatchString(a.text[p:c.start])) {
					return resolveCue(a, p, c)
				}
				break
			}
		}
	}
	if before != nil {
		// A closure or a hedge scopes over the plan right after it:
		// "halted construction of", "is considering plans to build".
		if before.class == cuePlanned || before.class == cueNeutral {
			for i := range a.cues {
				o := &a.cues[i]
				if o.end <= before.start && o.start >= lo && before.start-o.end <= 40 &&
					(o.class == cueClosed || o.class == cueHedge) && !strings.ContainsAny(a.text[o.end:before.start], ",;") {
					return resolveCue(a, lo, *o)
				}
			}
		}
		return resolveCue(a, lo, *before)
	}
	for i, c := range a.cues {
		if c.start >= p {
			if inParenthetical(a.text, p, c.start) {
				continue
			}
			if participleAside(a.text, c) {
				// "its campus in Abu Dhabi, built with G42, is due to
				// deliver": the aside's participle is not the clause's
				// verb.
				continue
			}
			if c.class == cueHedge && c.id == "negated" && reNewPredicate.MatchString(a.text[p:c.start]) {
				// "serves the country from its Bahrain region and has
				// not announced a Qatari one": the next predicate's
				// denial is its own.
				break
			}
			// "will be shut down": a modal before a closure is a closure.
			if c.class == cuePlanned && i+1 < len(a.cues) && a.cues[i+1].class == cueClosed && a.cues[i+1].start-c.end <= 12 {
				return StatusClosed, a.cues[i+1].id + "+modal"
			}
			return resolveCue(a, lo, c)
		}
	}
	return StatusLaunched, "default"
}

// reportingVerbs announce what another clause may state; as cues they
// are plans ("announced a region in Chile").
var reportingVerbs = map[string]bool{
	"announced": true, "announces": true, "announcing": true,
	"confirmed": true, "confirms": true, "confirming": true,
}

func reportingCue(s string, c cue) bool {
	return c.end-c.start <= 10 && reportingVerbs[asciiLower(s[c.start:c.end])]
}

// reportedVerb reports a cue after p in p's clause, past a relative
// aside: "its region in Mexico, which was announced in 2022, is now open".
func reportedVerb(a *sentence, p int) bool {
	for _, c := range a.cues {
		if c.start < p || inParenthetical(a.text, p, c.start) {
			continue
		}
		gap := a.text[p:c.start]
		if m := reAsideOpen.FindStringIndex(gap); m != nil {
			gap = gap[:m[0]]
		}
		return c.start-p <= 120 && !strings.ContainsAny(gap, ",;")
	}
	return false
}

// inParenthetical reports whether off lies in a relative aside opened
// after p and not yet closed by a comma: "X, which was announced in 2022,".
func inParenthetical(s string, p, off int) bool {
	m := reAsideOpen.FindAllStringIndex(s[p:off], -1)
	if m == nil {
		return false
	}
	last := m[len(m)-1]
	return !strings.ContainsAny(s[p+last[1]:off], ",;") && strings.Contains(s[off:], ",")
}

// reAsideOpen opens a relative aside: ", which", ", who", ", whose",
// ", that", ", where", or a participle's (", built with G42,"). discourse.go's
// inClosedAside reads the same asides.
var reAsideOpen = mustRx(`,\s*(?:which|who|whose|that|where|` + participleWith + `)\s`)

// participleWith opens a participle's aside: "built with G42".
const participleWith = `(?:built|developed|operated|run|owned|backed|designed|financed|funded)\s+(?:with|by|alongside|jointly)`

// participleAside reports a cue that opens a participle's aside between
// commas: ", built with G42,".
func participleAside(s string, c cue) bool {
	return (strings.HasSuffix(strings.TrimRight(s[max(0, c.start-3):c.start], " "), ",") || reBeingBefore.MatchString(window(s, c.start, 20))) && reParticipleAside.MatchString(s[c.start:])
}

var reParticipleAside = mustRx(`^` + participleWith + `\b[^,;]{1,60},`)

// reBeingBefore is "being" before a participle: ", being built with".
var reBeingBefore = mustRx(`(?i),\s*(?:(?:now|currently)\s+)?being\s+$`)

// reSpentPurpose is money already spent right before an infinitive of
// purpose: "has invested 20.4 billion rand to establish".
var reSpentPurpose = mustRx(`(?i)\b(?:(?:has|have|had|having)\s+(?:already\s+)?(?:invested|spent|poured|put)|(?:already|previously)\s+(?:invested|spent))\s+[^;:]{1,50}?\s+to\s+$`)

func resolveCue(a *sentence, lo int, c cue) (string, string) {
	switch c.class {
	case cueHedge:
		return "", c.id
	case cueClosed:
		return StatusClosed, c.id
	case cuePlanned:
		return StatusPlanned, c.id
	case cueLaunch, cueLaunched:
		if c.id == "not-closed" {
			return StatusLaunched, c.id // "will not shut down": no plan
		}
		if c.class == cueLaunch {
			// "pushed back the opening of its campus to 2027",
			// "cancelled the launch of": the verb whose object the
			// launch is decides.
			for _, g := range a.cues {
				if g.end <= c.start && (g.class == cuePlanned || g.class == cueClosed) && !reportingCue(a.text, g) && reObjectGap.MatchString(a.text[g.end:c.start]) && !rePrepGerund.MatchString(window(a.text, g.start, 12)) {
					return resolveCue(a, lo, g)
				}
			}
		}
		if c.class == cueLaunch && rePassiveDelay.MatchString(a.text[c.end:clauseEnd(a.text, c.end)]) {
			// "the opening of its cloud region ... has been postponed to
			// 2027": a launch delayed is still a plan.
			return StatusPlanned, c.id + "+delayed"
		}
		// "revealed the opening of new data centers in the next 30 days"
		if c.class == cueLaunch && reFutureTime.MatchString(a.text[c.end:clauseEnd(a.text, c.end)]) {
			return StatusPlanned, c.id + "+future"
		}
		// "will be available", "would have" are plans.
		if hasModalBefore(a.text[max(lo, c.start-20):c.start]) {
			return StatusPlanned, c.id + "+modal"
		}
		// "opens next year", "launches in March": a present tense of
		// opening with a time is a schedule.
		if reOpensPresent.MatchString(a.text[c.start:c.end]) && timeAfter(a, c.end) {
			return StatusPlanned, c.id + "+scheduled"
		}
		return StatusLaunched, c.id
	}
	// A bare verb takes its status from what governs it: a perfect ("have
	// all set up") happened; a progressive of building ("is developing")
	// is under way.
	w := window(a.text, c.start, 24)
	if rePerfectBefore.MatchString(w) {
		return StatusLaunched, c.id + "+perfect"
	}
	if strings.HasSuffix(a.text[c.start:c.end], "ing") && rePerfectProgressiveBefore.MatchString(w) && !reConstructing.MatchString(a.text[c.start:c.end]) {
		// "has been adding capacity in Dubai": what it has been doing
		// for a while stands; "has been building" is still under way.
		return StatusLaunched, c.id + "+perfect-progressive"
	}
	if strings.HasSuffix(a.text[c.start:c.end], "ing") && reProgressiveBefore.MatchString(w) {
		return StatusPlanned, c.id + "+progressive"
	}
	// "months after opening its Jeddah region", "since launching in
	// 2016", "After opening ..., it": a gerund after a preposition of
	// time that anchors to the past reports an event that happened,
	// whatever the clause plans. A bare "after" can belong to a plan
	// ("plans to hire staff after opening"), so it does not count.
	if strings.HasSuffix(a.text[c.start:c.end], "ing") && (reAnteriorBefore.MatchString(w) || reAnteriorStart.MatchString(a.text[:c.start])) {
		return StatusLaunched, c.id + "+anterior"
	}
	for i := len(a.cues) - 1; i >= 0; i-- {
		o := a.cues[i]
		if o.end > c.start || o.start < lo {
			continue
		}
		switch o.class {
		case cueHedge:
			return "", c.id + "+" + o.id
		case cueLaunched:
			// "2022 has seen Google launch regions in Milan": a verb of
			// perception reports what happened.
			if o.id == "perceived" {
				return StatusLaunched, c.id + "+" + o.id
			}
		case cuePlanned:
			return StatusPlanned, c.id + "+" + o.id
		case cueClosed:
			return StatusClosed, c.id + "+" + o.id
		case cueNeutral:
			// "to expand ... by jointly building": a purpose governs.
			if reToBefore.MatchString(window(a.text, o.start, 4)) {
				if st, ok := firstTo(a, o.start); ok {
					return st, c.id + "+first-to"
				}
				return StatusPlanned, c.id + "+to"
			}
		}
	}
	if reSimplePast.MatchString(a.text[c.start:c.end]) && !reModal.MatchString(w) {
		// "then set up data centers": a verb whose past is its base form.
		return StatusLaunched, c.id + "+past"
	}
	if reToBefore.MatchString(a.text[max(0, c.start-4):c.start]) {
		if st, ok := firstTo(a, c.start); ok {
			return st, c.id + "+first-to"
		}
		if reSpentPurpose.MatchString(window(a.text, c.start, 70)) {
			// "having invested 20.4 billion rand to establish data
			// centres": money spent on a purpose achieved it.
			return StatusLaunched, c.id + "+spent-to"
		}
		return StatusPlanned, c.id + "+to"
	}
	if strings.HasSuffix(a.text[c.start:c.end], "ing") {
		if reConstructing.MatchString(a.text[c.start:c.end]) && !rePrepBeforeVerb.MatchString(w) {
			// "with Microsoft, Google and Oracle all building data
			// centres there": construction under way, with no
			// auxiliary; "has invested ... in building three data
			// centers" and "has spent $3 billion building" tell how
			// they came to be.
			return StatusPlanned, c.id + "+progressive"
		}
		return StatusLaunched, c.id
	}
	return StatusPlanned, c.id
}

var (
	reConstructing   = mustRx(`(?i)^(?:building|constructing|developing)$`)
	rePrepBeforeVerb = mustRx(`(?i)\b(?:in|by|for|of|from|after|since|on|through|about|billion|million|trillion|bn|crore|lakh)\s+(?:(?:jointly|also)\s+)?$`)
)

var reOpensPresent = mustRx(`(?i)^(?:opens|launches|goes live|comes online|starts operations|begins operations)$`)

// timeAfter reports a time stated after off in its clause: "opens next
// year", "launches in March".
func timeAfter(a *sentence, off int) bool {
	hi := clauseEnd(a.text, off)
	if m := reNewPredicate.FindStringIndex(a.text[off:hi]); m != nil {
		// "opens Local Zones in Madrid, targets 150 by 2026": the time
		// of the next predicate is not the opening's.
		hi = off + m[0]
	}
	for _, y := range a.years {
		if y.start >= off && y.start < hi {
			return true
		}
	}
	return reFutureTime.MatchString(a.text[off:hi])
}

// firstTo reads "the first hyperscaler to build in Chile": an infinitive
// after "the first", "the only" or "the last" describes what was done,
// launched, unless a modal makes the description a plan ("will be the
// first to open").
func firstTo(a *sentence, to int) (string, bool) {
	w := window(a.text, to, 60)
	m := reFirstTo.FindStringIndex(w)
	if m == nil {
		return "", false
	}
	if reModalBe.MatchString(window(a.text, to-len(w)+m[0], 24)) {
		return StatusPlanned, true
	}
	return StatusLaunched, true
}

var (
	reFirstTo = mustRx(`(?i)\b(?:the|its)\s+(?:first|only|last|second|third|latest)\s+(?:[\p{L}-]+\s+){0,3}?to\s+$`)
	reModalBe = mustRx(`(?i)\b(?:will|would|could|set to|expected to|aims to|plans to)\s+(?:also\s+)?(?:be|become)\s+$`)
)

var (
	rePerfectBefore            = mustRx(`(?i)\b(?:has|have|had)\s+(?:(?:all|also|already|now|recently|since|just)\s+)?$`)
	rePerfectProgressiveBefore = mustRx(`(?i)\b(?:has|have|had)\s+been\s+(?:(?:steadily|quietly|also|already|gradually|rapidly)\s+)?$`)
	reProgressiveBefore        = mustRx(`(?i)\b(?:is|are|was|were|been)\s+(?:(?:currently|now|still|also|already)\s+)?$`)
	reAnteriorBefore           = mustRx(`(?i)(?:\bsince|\b(?:months|weeks|days|years|hours|a year|a month|a week|shortly|just|soon|only)\s+after)\s+$`)
	reAnteriorStart            = mustRx(`(?i)^\s*(?:after|since|following)\s+$`)
	// Verbs whose simple past is their base form.
	reSimplePast = mustRx(`(?i)^(?:set up|put up|put)$`)
)

// reCoordinateSubject opens a coordinated clause with a subject of its own:
// ", and one more", ", while its site".
// rePlaceListTail is the rest of a list of names up to its verb:
// "Denmark, Greece and Finland ".
var rePlaceListTail = mustRx(`^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)*(?:\s+(?:are|is|were|was|will\s+be|have\s+been|has\s+been|also|now|still))*\s+$`)

var reCoordinateSubject = mustRx(`(?i),\s+(?:and|but|while|whereas)\s+(?:a|an|another|one|ones|the|its|their|this|that|two|three|four|\d+)\s`)

var reEndedAfter = mustRx(`(?i)\b(?:prior to|before|until|then|later|but|and then)\s+$`)

// reOwnSubjectAux is an auxiliary with a subject of its own: in "OVHcloud,
// which has 43 sites, said it had closed one", the closure is not the
// sites'.
var reOwnSubjectAux = mustRx(`(?i)\b(?:it|they|we|he|she|the company|the firm|the group)\s+(?:(?:also|since|now|already|recently)\s+)?(?:has|have|had|was|were|is|are)\s+(?:been\s+|now\s+|since\s+)*$`)

var rePassiveAux = mustRx(`(?i)\b(?:has|have|had|was|were|is|are)\s+(?:been\s+|now\s+|since\s+)*$`)

// reNeitherNor is a verb whose subjects are "neither X nor Y".
var reNeitherNor = mustRx(`\b[Nn]either\b[^,;.]{1,60}\bnor\b[^,;.]{1,60}$`)

var reNegation = mustRx(`(?i)(?:\bnot|n't|n’t|\bnever|\bno longer)\s+(?:\w+\s+)?$`)

var (
	rePassiveDelay = mustRx(`(?i)\b(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:postponed|delayed|pushed back|put back|rescheduled)\b|\bslips?\s+to\b`)
	// "blamed external factors for delaying the opening": a gerund after a
	// preposition gives a cause, not the launch's state.
	rePrepGerund = mustRx(`(?i)\b(?:for|after|despite|since|by)\s+$`)
	reObjectGap  = mustRx(`^\s+(?:(?:the|its|their|a|an)\s+(?:[\w-]+\s+)?)?$`)
	reFutureTime = mustRx(`(?i)\b(?:in the (?:next|coming) \w+(?: \w+)?|next (?:week|month|year|quarter)|later this (?:year|month)|by the end of (?:the|this|next) year|from next|early next)\b`)
	reModal      = mustRx(`(?i)\b(?:will|would|shall|to be|to|'ll)\b(?:\s+\w+,?)?(?:\s+and)?\s*$`)
	reToBefore   = mustRx(`(?i)\bto\s+$`)
)

func hasModalBefore(s string) bool { return reModal.MatchString(s) }

// droppedPlans adds the closures the word list cannot say because a word
// or two stands before the noun: "dropped a separate plan", "withdrew its
// annexation request". (Spelt out in the list, every modifier would
// multiply its phrases.)
func droppedPlans(s string, ms []lexMatch) []lexMatch {
	if !strings.Contains(s, "drop") && !strings.Contains(s, "withdr") && !strings.Contains(s, "Withdr") && !strings.Contains(s, "Drop") {
		return ms
	}
	for _, m := range reDroppedPlan.FindAllStringIndex(s, -1) {
		if slices.ContainsFunc(ms, func(x lexMatch) bool { return x.start < m[1] && m[0] < x.end && strings.HasPrefix(x.tag, cueClosed) }) {
			continue // the list has it
		}
		// The phrase replaces the cues inside it ("plan" is a plan on
		// its own).
		ms = slices.DeleteFunc(ms, func(x lexMatch) bool { return x.start >= m[0] && x.end <= m[1] })
		ms = insertSorted(ms, lexMatch{start: m[0], end: m[1], tag: cueClosed + " closed-verb"}, func(x lexMatch) int { return x.start })
	}
	return ms
}

var reDroppedPlan = mustRx(`(?i)\b(?:drop|drops|dropped|dropping|withdraw|withdraws|withdrew|withdrawn|withdrawing)\s+(?:its|their|the|a|an|those|these)\s+(?:[\w-]+\s+){1,2}?(?:plan|plans|proposal|proposals|application|applications|request|requests|bid|bids|project)\b`)
