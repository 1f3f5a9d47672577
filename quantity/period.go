package quantity

import (
	"regexp"
	"strconv"
	"strings"
)

// The period patterns run on the ASCII-lowercased sentence.
var (
	// "over the next three years", "over the course of 15 years", "in 3
	// years", "over the five year period". The figure is checked by
	// spanFigure, so "over the next few years" falls through.
	durationRe = regexp.MustCompile(`\b(?:over|in|during|within|across|for|spanning)\s+(?:the\s+|a\s+)?(?:course\s+of\s+(?:the\s+)?)?(?:(?:next|coming|following|upcoming|past|last|first)\s+)?([a-z]+|\d+(?:\.\d+)?|[a-z]+[\s-][a-z]+)[\s-](year|month|quarter|decade|week|day)s?\b`)
	// "over the next decade" has no figure but means one unit.
	oneUnitRe = regexp.MustCompile(`\b(?:over|in|during|within|across|for)\s+(?:the\s+)?(?:course\s+of\s+(?:the\s+)?)?(?:next|coming|following|upcoming)\s+(year|decade)\b`)
	// "a five-year plan", "a 10-year programme"; "-old" is an age.
	adjDurationRe = regexp.MustCompile(`\b(\d+|[a-z]+(?:-[a-z]+)?)-(year|month|quarter|decade)(-old)?\b`)
	yearRangeRe   = regexp.MustCompile(`\b(?:between\s+((?:19|20)\d\d)\s+and|from\s+((?:19|20)\d\d)\s+(?:to|through|until|till)|((?:19|20)\d\d)\s*(?:-|–|—|/|\s(?:to|through)\s))\s*((?:19|20)\d\d|\d\d)\b([-/]\d)?`)
	perQuarterRe  = regexp.MustCompile(`\b(?:(?:each|every|per|a)\s+quarter(\s+of|-)?|quarterly)\b`)
	perYearRe     = regexp.MustCompile(`\b(?:(?:each|every|per)\s+year|annually|per\s+annum|yearly|(\w+\s+)?a\s+year(\s+\w+)?)\b`)
	perMonthRe    = regexp.MustCompile(`\b(?:(?:each|every|per)\s+month|monthly)\b`)
	byYearRe      = regexp.MustCompile(`\b(?:by|through|until|till)\s+(?:the\s+end\s+of\s+|end\s+of\s+|end-)?(?:fiscal\s+(?:year\s+)?|fy\s?)?((?:19|20)\d\d)\b`)
)

// notPerYear are the words around "a year" that make it a point or a
// length of time rather than a rate: "a year ago", "within a year".
var notPerYear = map[string]bool{
	"ago": true, "earlier": true, "later": true, "before": true, "after": true,
	"from": true, "since": true, "and": true, "or": true, "in": true, "within": true,
	"for": true, "over": true, "than": true, "about": true, "nearly": true,
	"almost": true, "half": true, "once": true, "past": true, "last": true,
	"next": true, "this": true, "of": true, "just": true, "around": true, "under": true,
	"old": true, "into": true, "more": true, "less": true, "such": true,
}

// Period returns the time span a sentence gives for an amount, normalised:
// "3 years", "per quarter", "per year", "by 2030", "2026-2029"; "" if none.
// A stated duration wins over a rate, a rate over a year range, and a range
// over a deadline.
func Period(s string) string {
	l := asciiLower(s)
	if p := duration(l); p != "" {
		return p
	}
	for _, m := range yearRangeRe.FindAllStringSubmatch(l, -1) {
		if m[5] != "" {
			continue // a date: "2024-05-08"
		}
		from, to := m[1]+m[2]+m[3], m[4]
		if len(to) == 2 {
			to = from[:2] + to
		}
		if to > from {
			return from + "-" + to
		}
	}
	for _, m := range perQuarterRe.FindAllStringSubmatch(l, -1) {
		if m[1] == "" {
			return "per quarter"
		}
	}
	for _, m := range perYearRe.FindAllStringSubmatch(l, -1) {
		if !notPerYear[strings.TrimSpace(m[1])] && !notPerYear[strings.TrimSpace(m[2])] {
			return "per year"
		}
	}
	if perMonthRe.MatchString(l) {
		return "per month"
	}
	if m := byYearRe.FindStringSubmatch(l); m != nil {
		return "by " + m[1]
	}
	return ""
}

func duration(l string) string {
	for _, m := range durationRe.FindAllStringSubmatch(l, -1) {
		if v, ok := spanFigure(m[1]); ok {
			return formatSpan(v, m[2])
		}
	}
	if m := oneUnitRe.FindStringSubmatch(l); m != nil {
		return formatSpan(1, m[1])
	}
	for _, m := range adjDurationRe.FindAllStringSubmatch(l, -1) {
		if m[3] != "" {
			continue
		}
		if v, ok := spanFigure(m[1]); ok {
			return formatSpan(v, m[2])
		}
	}
	return ""
}

// spanFigure reads the whole of s as one figure: "three", "15",
// "twenty-five".
func spanFigure(s string) (float64, bool) {
	t := newText(s)
	a, ok := t.parseAmount(0)
	if !ok || a.last != len(t.toks) || a.value <= 0 {
		return 0, false
	}
	return a.value, true
}

func formatSpan(v float64, unit string) string {
	if unit == "decade" {
		v, unit = v*10, "year"
	}
	out := strconv.FormatFloat(v, 'f', -1, 64) + " " + unit
	if v != 1 {
		out += "s"
	}
	return out
}
