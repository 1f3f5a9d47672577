package extract

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/nlp"
)

// FuzzExtract checks that no text makes the extractor panic and that every
// fact's quote is the text at its offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Oracle opened its first cloud region in Chile in 2021.\nIt now operates two regions there.",
		"Physical Address\n304 North Cardinal St.\nOracle’s Executive Vice President said it has 50 regions.",
		"Amazon Web Services (AWS), Google and Microsoft will each invest 100 billion baht ($2.8 billion).",
		"After launching its first in 2018 and second in 2019, the company plans a third Indonesian data center.",
		"Zenlayer opened data centers in Lima, Peru; Bogotá, Colombia; and Quito, Ecuador.",
	} {
		f.Add(s)
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		for _, fact := range x.Extract(Document{Text: text}) {
			if fact.Start < 0 || fact.End > len(runes) || fact.Start > fact.End {
				t.Fatalf("offsets [%d,%d) outside text of %d runes", fact.Start, fact.End, len(runes))
			}
			if string(runes[fact.Start:fact.End]) != fact.Quote {
				t.Fatalf("quote %q is not at [%d,%d)", fact.Quote, fact.Start, fact.End)
			}
		}
	})
}

// fuzzBudget is the CPU time one input of n bytes may take: generous,
// since fuzzing instruments the code and workers share caches, but linear, so a rule that goes quadratic
// (or worse) on some text is caught.
func fuzzBudget(n int) time.Duration {
	return time.Second + time.Duration(n)*50*time.Microsecond
}

// fuzzRule fuzzes one extractor through the analysed sentences of the
// input, read as ExtractContext reads an article (sentences split, long ones
// cut at clause boundaries, names learnt first): it must not panic, must
// finish within fuzzBudget, and must give only facts of its types that the
// store's CHECK constraints accept.
func fuzzRule(f *testing.F, seeds []string, rule func(*sentence, *discourse) []Fact, types ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	// The gazetteer and the tagger load lazily, once per process (each
	// fuzz worker): not a cost of the first input.
	x.Extract(Document{Text: strings.Join(seeds, "\n")})
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		elapsed := cpuClock()
		sents := splitLong(nlp.Sentences(text), maxSentence)
		local, known, _ := x.learnNames(context.Background(), sents)
		d := newDiscourse(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
		analysed := make([]*sentence, len(sents))
		for i, s := range sents {
			analysed[i] = x.analyse(s.Text, known[i], local, "")
			d.count(analysed[i])
		}
		var facts []Fact
		for _, a := range analysed {
			facts = append(facts, rule(a, d)...)
			d.leave(a)
		}
		if el, max := elapsed(), fuzzBudget(len(text)); el > max {
			t.Fatalf("%d bytes took %v of CPU, more than %v", len(text), el, max)
		}
		for _, fact := range facts {
			if err := checkFact(fact, types); err != nil {
				t.Fatalf("%v: %+v", err, fact)
			}
		}
	})
}

// checkFact applies the store's CHECK constraints (store/migrations/0001_schema.sql).
func checkFact(f Fact, types []string) error {
	switch {
	case !slices.Contains(types, f.Type):
		return fmt.Errorf("type %q, want one of %v", f.Type, types)
	case f.Confidence < 0 || f.Confidence > 1 || f.Confidence != f.Confidence:
		return fmt.Errorf("confidence %v outside [0,1]", f.Confidence)
	case f.Country != "" && (len(f.Country) != 2 || f.Country != strings.ToUpper(f.Country)):
		return fmt.Errorf("country %q", f.Country)
	case f.Facility != "" && !slices.Contains([]string{FacilityRegion, FacilityDataCenter, FacilityAvailabilityZone,
		FacilityEdgeLocation, FacilityLocalZone, FacilityServiceCenter, FacilityOther}, f.Facility):
		return fmt.Errorf("facility %q", f.Facility)
	case f.Status != "" && !slices.Contains([]string{StatusPlanned, StatusLaunched, StatusClosed}, f.Status):
		return fmt.Errorf("status %q", f.Status)
	case f.Label != "" && !slices.Contains([]string{"revenue", "market_spend", "capex", "bond", "market_value", "other"}, f.Label):
		return fmt.Errorf("label %q", f.Label)
	}
	return nil
}

func FuzzCounts(f *testing.F) {
	fuzzRule(f, []string{
		"Oracle opened its first cloud region in Chile in 2021.\nIt now operates two regions there.",
		"Physical Address\n304 North Cardinal St.\nOracle’s Executive Vice President said it has 50 regions.",
		"AWS has 33 regions and 105 availability zones, with plans for 4 more regions and 12 more zones.",
		"Equinix operates more than 260 data centers in 71 metros; it will add 3 in Mexico.",
		"The company runs 1,000,000,000,000 data centres, 2 3 4 5 6 7 8 9 regions, twelve zones.",
	}, countFacts, TypeRegionCount, TypeAZCount, TypeDatacenterCount)
}

func FuzzExpansions(f *testing.F) {
	fuzzRule(f, []string{
		"Oracle opened its first cloud region in Chile in 2021.",
		"After launching its first in 2018 and second in 2019, the company plans a third Indonesian data center.",
		"Zenlayer opened data centers in Lima, Peru; Bogotá, Colombia; and Quito, Ecuador.",
		"Microsoft will shut down its data centre in Lancaster, Pennsylvania, and relocate to Mobile, Alabama.",
		"Google is considering a region in Norway; it already operates one there since 2020.",
	}, expansionFacts, TypeExpansion)
}

func FuzzMoney(f *testing.F) {
	fuzzRule(f, []string{
		"Amazon Web Services (AWS), Google and Microsoft will each invest 100 billion baht ($2.8 billion).",
		"Microsoft reported revenue of $62.5 billion for the quarter, up 16%.",
		"The company will spend ¥1.2 trillion (US$8.3bn) over 3 years on data centres in Japan.",
		"Oracle issued €2,000,000,000 in bonds; capex rose to 35 billion dollars per quarter.",
		"Investment: R$ 10 bi, £3m, 5 crore rupees, 1.5k USD, $-3, $1e308 billion.",
	}, moneyFacts, TypeInvestment, TypeMoney)
}
