package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBenchSmall runs "ingest bench -n 20" in both output formats and
// checks every measurement is printed.
func TestBenchSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models and ingests 20 articles")
	}
	code, out, errs := runCLI(t, nil, "bench", "-n", "20", "--seed", "3")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	for _, f := range []string{"20 text articles", "articles/s", "MB/s", "facts/s", "CPU / wall", "peak RSS",
		"DB per 1,000 articles", "ingest vs prose full pipeline:"} {
		if !strings.Contains(out, f) {
			t.Errorf("output lacks %q:\n%s", f, out)
		}
	}
	code, out, errs = runCLI(t, nil, "bench", "-n", "20", "--html", "--json")
	if code != exitOK {
		t.Fatalf("--html --json: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	var r benchResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.Articles != 20 || !r.HTML || r.Facts == 0 || r.ArticlesPerSec <= 0 || r.MBPerSec <= 0 || r.CPUPerWall <= 0 ||
		r.PeakRSSMB <= 0 || r.DBBytesPer1000 <= 0 || r.VsProse <= 0 || r.VsProseCPU <= 0 || r.VsTrafilatura <= 0 || r.VsTrafilaturaCPU <= 0 {
		t.Errorf("missing measurements: %+v", r)
	}
	if code, _, _ := runCLI(t, nil, "bench", "-n", "0"); code != exitUsage {
		t.Errorf("-n 0: exit %d, want %d", code, exitUsage)
	}
}
