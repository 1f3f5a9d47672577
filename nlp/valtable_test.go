package nlp

import (
	"runtime"
	"testing"

	"github.com/jdkato/prose/v3/tag/aptagmodel"
)

func TestValTable(t *testing.T) {
	blob := "bias i word the i word The NN DT i-1 tag NN"
	tb := newValTable(blob)
	words := map[string]uint32{}
	// Enough values to grow the table several times: every part of the
	// blob of up to eight bytes.
	for at := range len(blob) {
		for n := 0; n <= 8 && at+n <= len(blob); n++ {
			v := tb.intern(at, n)
			s := blob[at : at+n]
			if w, ok := words[s]; ok && w != v {
				t.Fatalf("%q numbered %d and %d", s, w, v)
			}
			words[s] = v
		}
	}
	if tb.len() != len(words) {
		t.Fatalf("len %d, want %d", tb.len(), len(words))
	}
	for s, v := range words {
		if got := tb.id(s); got != v {
			t.Errorf("id(%q) = %d, want %d", s, got, v)
		}
	}
	for _, s := range []string{"absent", "bias!", "i word thee"} {
		if got := tb.id(s); got != 0 {
			t.Errorf("id(%q) = %d for a value never numbered", s, got)
		}
	}
}

// TestValTableMemory: what the tagger's model keeps on the heap for the
// life of a process.
func TestValTableMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := readPerceptron(aptagmodel.English)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	bytes := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	objects := int64(after.HeapObjects) - int64(before.HeapObjects)
	t.Logf("tagger model: %.2f MB in %d objects, %d values", float64(bytes)/1e6, objects, p.vals.len())
	// 4.15 MB with the values in a Go map.
	if bytes > 3_900_000 {
		t.Errorf("the tagger model takes %.2f MB, want at most 3.9", float64(bytes)/1e6)
	}
	runtime.KeepAlive(p)
}
