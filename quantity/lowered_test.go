package quantity

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// TestReadLoweredIsRead reads generated sentences with Read and with
// ReadLowered given their lower-cased text, and finds the same figures.
func TestReadLoweredIsRead(t *testing.T) {
	sents := []string{"USD 5 BILLION and Three Hundred MILLION Euros in 2026, the FIRST of TWO.", "Ünïcödé €3 Mn, ¥40 BN"}
	for i := range 30 {
		for line := range strings.Lines(benchgen.Generate(2, i, false).Text) {
			sents = append(sents, line)
		}
	}
	type reading struct {
		numbers  []Number
		ordinals []Ordinal
		money    []Money
	}
	read := func(q Sentence) reading {
		defer q.Release()
		return reading{q.Numbers(), q.Ordinals(), q.Money(MoneyOptions{Country: "IN"})}
	}
	for _, s := range sents {
		want := read(Read(s))
		if got := read(ReadLowered(s, asciiLower(s))); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: ReadLowered %+v, want %+v", s, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("ReadLowered took a lower-cased text of another length")
		}
	}()
	ReadLowered("Abc", "ab")
}
