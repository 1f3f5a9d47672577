package quantity

import (
	"strings"
	"testing"
)

// TestKeyFilters checks that every filter lets through every key of the
// tables it stands for, and that it rules out most ordinary words (or it
// would save nothing).
func TestKeyFilters(t *testing.T) {
	cases := []struct {
		name   string
		f      *keyFilter
		tables []map[string]bool
	}{
		{"numberWord", numberWordFilter, []map[string]bool{keys(smallWords), keys(tensWords), keys(scaleWords), {"hundred": true, "dozen": true}}},
		{"ordinal", ordinalFilter, []map[string]bool{keys(tensWords), keys(ordinalWords)}},
		{"iso", isoFilter, []map[string]bool{isoCodes}},
		{"prefix", prefixFilter, []map[string]bool{keys(prefixNames)}},
	}
	words := strings.Fields("Oracle said on Tuesday that it would open its second cloud region in Saudi Arabia " +
		"next year as demand for computing grows across the Middle East and the company expands operations " +
		"while Microsoft Google Amazon Web Services and Alibaba Cloud announced new data centers in Chile Mexico Kenya")
	for _, c := range cases {
		n := 0
		for _, tb := range c.tables {
			for k := range tb {
				n++
				if !c.f.may(k) {
					t.Errorf("%s filter rejects its key %q", c.name, k)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no keys", c.name)
		}
		passed := 0
		for _, w := range words {
			if c.f.may(strings.ToLower(w)) {
				passed++
			}
		}
		if passed*3 > len(words) {
			t.Errorf("%s filter lets %d of %d ordinary words through", c.name, passed, len(words))
		}
	}
	if numberWordFilter.may("") {
		t.Error(`"" passes`)
	}
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
