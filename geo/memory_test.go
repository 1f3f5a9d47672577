package geo

import (
	"runtime"
	"testing"
)

// TestGazetteerMemory: what the gazetteer keeps on the heap for the life
// of a process (every run loads it), and that it is held in a handful of
// objects the garbage collector does not walk.
func TestGazetteerMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g, err := build()
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	bytes := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	objects := int64(after.HeapObjects) - int64(before.HeapObjects)
	t.Logf("gazetteer: %.2f MB in %d objects", float64(bytes)/1e6, objects)
	if bytes > 5<<19 {
		t.Errorf("gazetteer holds %.2f MB, want at most 2.5 MiB", float64(bytes)/1e6)
	}
	if objects > 2000 {
		t.Errorf("gazetteer holds %d objects, want at most 2,000", objects)
	}
	runtime.KeepAlive(g)
}
