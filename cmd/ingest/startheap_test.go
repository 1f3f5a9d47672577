package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// What every ingest process holds before it reads anything: the packages'
// init. go-dateparser, linked through go-trafilatura and go-htmldate,
// compiled its 3,945 locale patterns there (25 MB of heap); the copy in
// third_party compiles each on first use. The models and gazetteers load
// on first use too, so none of them is counted here.
func TestStartupHeap(t *testing.T) {
	if os.Getenv("INGEST_TEST_STARTUP_HEAP") == "1" {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Printf("heap %d\n", m.HeapAlloc)
		os.Exit(0)
	}
	// A process of its own: this one has run other tests.
	cmd := exec.Command(os.Args[0], "-test.run=^TestStartupHeap$")
	cmd.Env = append(os.Environ(), "INGEST_TEST_STARTUP_HEAP=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	f := strings.Fields(string(out))
	if len(f) < 2 || f[0] != "heap" {
		t.Fatalf("unexpected output %q", out)
	}
	heap, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("heap after init: %.1f MB", float64(heap)/1e6)
	const limit = 16 << 20
	if heap > limit {
		t.Errorf("heap after init %.1f MB, want at most %.1f MB: has a package begun building large tables at init?", float64(heap)/1e6, float64(limit)/1e6)
	}
}
