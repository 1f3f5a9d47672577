package quantity

import (
	"strings"
	"testing"
)

// TestQualifierData loads data/qualifiers.tsv and checks a few entries, the
// longest-first order, and that the readers use it.
func TestQualifierData(t *testing.T) {
	find := func(hs []hedge, phrase string) (int, string) {
		for i, h := range hs {
			if strings.Join(h.words, " ") == phrase {
				return i, h.norm
			}
		}
		return -1, ""
	}
	for _, c := range []struct {
		phrase, norm string
		after        bool
	}{
		{"no more than", UpTo, false},
		{"more than", MoreThan, false},
		{"no fewer than", AtLeast, false},
		{"a minimum of", AtLeast, false},
		{"in excess of", MoreThan, false},
		{"approx", About, false},
		{"under", LessThan, false},
		{"or more", AtLeast, true},
		{"or lower", UpTo, true},
	} {
		hs := hedgesBefore
		if c.after {
			hs = hedgesAfter
		}
		if _, norm := find(hs, c.phrase); norm != c.norm {
			t.Errorf("hedge %q (after %v) = %q, want %q", c.phrase, c.after, norm, c.norm)
		}
	}
	for _, hs := range [][]hedge{hedgesBefore, hedgesAfter} {
		for i := 1; i < len(hs); i++ {
			if len(hs[i].words) > len(hs[i-1].words) {
				t.Errorf("%q comes after the shorter %q", hs[i].words, hs[i-1].words)
			}
		}
	}
	for _, p := range [][2]string{{"no more than", "more than"}, {"not less than", "less than"}, {"just over", "over"}, {"a maximum of", "maximum of"}} {
		long, _ := find(hedgesBefore, p[0])
		short, _ := find(hedgesBefore, p[1])
		if long < 0 || short < 0 || long > short {
			t.Errorf("%q (at %d) should be tried before %q (at %d)", p[0], long, p[1], short)
		}
	}
	for _, c := range []struct{ s, want string }{
		{"It will have no more than 30 sites.", UpTo},
		{"It will have more than 30 sites.", MoreThan},
		{"It will have 30 or fewer sites.", UpTo},
		{"It will have 30 or more sites.", AtLeast},
	} {
		if ns := Numbers(c.s); len(ns) != 1 || ns[0].Qualifier != c.want {
			t.Errorf("Numbers(%q) = %+v, want one figure with qualifier %q", c.s, ns, c.want)
		}
	}
}

// TestQualifierDataRejects checks that a malformed line is reported with
// its file and line rather than skipped.
func TestQualifierDataRejects(t *testing.T) {
	for _, bad := range []string{
		"more than\tmore than",                   // no WHERE
		"more than\tmore than\tbefore\textra",    // too many fields
		"more than\tmostly\tbefore",              // unknown qualifier
		"more than\tmore than\tbeside",           // unknown WHERE
		"More than\tmore than\tbefore",           // not lowercase
		"more  than\tmore than\tbefore",          // double space
		"more than \tmore than\tbefore",          // padded field
		"\tmore than\tbefore",                    // empty field
		"one two three four five\tabout\tbefore", // beyond lookBehind
		"over\tmore than\tbefore\nover\tmore than\tbefore",
	} {
		line := strings.Count(bad, "\n") + 1
		_, _, err := parseQualifiers("# comment\n" + bad)
		want := "data/qualifiers.tsv:" + string(rune('0'+line+1)) + ":"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("parseQualifiers(%q) = %v, want an error starting %q", bad, err, want)
		}
	}
}

// TestScaleData loads data/scales.tsv and checks a few entries of each kind.
func TestScaleData(t *testing.T) {
	for _, c := range []struct {
		table map[string]int
		word  string
		want  int
	}{
		{scaleWords, "thousand", 3},
		{scaleWords, "billion", 9},
		{scaleWords, "lakh", 5},
		{scaleWords, "crores", 7},
		{scaleAbbrevs, "bn", 9},
		{scaleAbbrevs, "mln", 6},
		{scaleAbbrevs, "trn", 12},
		{scaleLetters, "k", 3},
		{scaleLetters, "m", 6},
		{scaleLetters, "b", 9},
	} {
		if got, ok := c.table[c.word]; !ok || got != c.want {
			t.Errorf("scale %q = %d, %v; want %d", c.word, got, ok, c.want)
		}
	}
	for _, w := range []string{"m", "k"} {
		if _, ok := scaleWords[w]; ok {
			t.Errorf("%q is a scale word: it would be read with a space (\"5 m\" metres)", w)
		}
	}
}

// TestNumberData loads data/numbers.tsv and checks a few entries of each
// kind.
func TestNumberData(t *testing.T) {
	for _, c := range []struct {
		table map[string]int
		word  string
		want  int
	}{
		{smallWords, "zero", 0},
		{smallWords, "nine", 9},
		{smallWords, "nineteen", 19},
		{tensWords, "twenty", 20},
		{tensWords, "ninety", 90},
		{ordinalWords, "first", 1},
		{ordinalWords, "twelfth", 12},
		{ordinalWords, "hundredth", 100},
	} {
		if got, ok := c.table[c.word]; !ok || got != c.want {
			t.Errorf("number %q = %d, %v; want %d", c.word, got, ok, c.want)
		}
	}
	if len(smallWords) != 20 || len(tensWords) != 8 {
		t.Errorf("%d unit and %d tens words, want 20 and 8", len(smallWords), len(tensWords))
	}
}

// TestWordValueDataRejects checks that a malformed line of scales.tsv or
// numbers.tsv is reported with its file and line rather than skipped.
func TestWordValueDataRejects(t *testing.T) {
	for _, c := range []struct {
		parse func(string) (map[string]map[string]int, error)
		file  string
		bad   string
	}{
		{parseScales, "scales", "billion\t9"},
		{parseScales, "scales", "billion\tnine\tword"},
		{parseScales, "scales", "billion\t0\tword"},
		{parseScales, "scales", "billion\t9\tprefix"},
		{parseScales, "scales", "Billion\t9\tword"},
		{parseScales, "scales", "bil lion\t9\tword"},
		{parseScales, "scales", "bn\t9\tabbrev\nbn\t9\tword"},
		{parseNumbers, "numbers", "twenty\t20\tunit"},
		{parseNumbers, "numbers", "twenty-five\t25\ttens"},
		{parseNumbers, "numbers", "zeroth\t0\tordinal"},
		{parseNumbers, "numbers", "five\t5\tunit\t"},
	} {
		line := strings.Count(c.bad, "\n") + 2
		_, err := c.parse("# comment\n" + c.bad)
		want := "data/" + c.file + ".tsv:" + string(rune('0'+line)) + ":"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("parse %s %q = %v, want an error starting %q", c.file, c.bad, err, want)
		}
	}
}

// TestPeriodData loads data/periods.tsv and checks a few entries of each
// kind, and that numbers.go's time units are its units.
func TestPeriodData(t *testing.T) {
	for w, want := range map[string]string{"years": "year", "quarter": "quarter", "decades": "decade", "days": "day"} {
		if got := spanUnits[w]; got != want {
			t.Errorf("unit %q = %q, want %q", w, got, want)
		}
	}
	for _, c := range []struct {
		set  map[string]bool
		word string
		want bool
	}{
		{spanPreps, "over", true},
		{spanPreps, "throughout", true},
		{spanPreps, "within", false}, // a deadline, not a span
		{spanOpeners, "next", true},
		{spanOpeners, "upcoming", true},
		{vagueSpans, "several", true},
		{notPerYear, "ago", true},
		{notPerYear, "spent", true},
		{notPerYear, "per", false},
	} {
		if c.set[c.word] != c.want {
			t.Errorf("%q listed: %v, want %v", c.word, c.set[c.word], c.want)
		}
	}
	if len(timeUnits) != len(spanUnits) {
		t.Errorf("%d time units, %d span units", len(timeUnits), len(spanUnits))
	}
	for w := range spanUnits {
		if !timeUnits[w] {
			t.Errorf("%q is a span unit but no time unit", w)
		}
	}
	for s, want := range map[string]string{
		"It will spend $5 billion over the next three years.":   "3 years",
		"It will spend $5 billion over the next few years.":     "few years",
		"It will spend $5 billion over the coming decade.":      "10 years",
		"It spent $5 billion a year ago.":                       "",
		"It will invest $75 billion a year in infrastructure.":  "per year",
		"It will finish the site within a year for $5 billion.": "",
		"It spent $5 billion a year later.":                     "",
		"It will spend $5 billion throughout the next 2 weeks.": "2 weeks",
	} {
		if got := Period(s); got != want {
			t.Errorf("Period(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPeriodDataRejects checks that a malformed line of periods.tsv is
// reported with its file and line rather than skipped.
func TestPeriodDataRejects(t *testing.T) {
	for _, bad := range []string{
		"years\tyear",
		"years\t-\tunit",
		"over\tyear\tprep",
		"over\t-\tpreposition",
		"Over\t-\tprep",
		"over the\t-\tprep",
		"few\t-\tvague\nfew\t-\tvague",
	} {
		line := strings.Count(bad, "\n") + 2
		_, err := parsePeriods("# comment\n" + bad)
		want := "data/periods.tsv:" + string(rune('0'+line)) + ":"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("parsePeriods(%q) = %v, want an error starting %q", bad, err, want)
		}
	}
}
