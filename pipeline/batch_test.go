package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The writer resolves only the open failures it should, inside its
// batches: failures recorded before the run (loaded at its start) are
// cleared by a complete extraction or a folder read again, a truncation
// stays with facts kept unchanged, and failures of sources the run does
// not read stay open.
func TestRunSettlesOpenFailures(t *testing.T) {
	const text = "Microsoft launched a cloud region in Poland.\n"
	tests := []struct {
		name     string
		source   string // "dir" for the folder, else a file in it
		stage    string
		runTwice bool // store the file first, so that the run keeps its facts
		open     bool // after the run
	}{
		{"read failure of a file now read", "a.txt", "read", false, false},
		{"truncation of a file now read whole", "a.txt", "extract", false, false},
		{"truncation of facts kept unchanged", "a.txt", "extract", true, true},
		{"read failure of a file unchanged since", "a.txt", "read", true, false},
		{"walk failure of a folder now read", "dir", "walk", false, false},
		{"failure of a file the run does not read", "other.txt", "read", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir, err := filepath.EvalSymlinks(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "a.txt", text)
			p, path := newPipeline(t)
			if tt.runTwice {
				ingest(t, p, dir)
			}
			source := filepath.Join(dir, tt.source)
			if tt.source == "dir" {
				source = dir
			}
			if err := p.DB.RecordFailure(ctx, 0, source, tt.stage, "before the run"); err != nil {
				t.Fatal(err)
			}
			sum := ingest(t, p, dir)
			if sum.Failed != 0 || sum.New+sum.Unchanged != 1 {
				t.Fatalf("summary %+v, want a.txt stored and nothing failed", sum)
			}
			q := fmt.Sprintf(`SELECT count(*) FROM open_failures WHERE source = '%s'`, strings.ReplaceAll(source, "'", "''"))
			want := "0"
			if tt.open {
				want = "1"
			}
			if got := queryString(t, path, q); got != want {
				t.Errorf("%s open failures of %s after the run, want %s", got, tt.source, want)
			}
		})
	}
}

// A run of more files than one batch holds stores them all, with a bad
// file among them recorded and the rest kept.
func TestRunManyBatches(t *testing.T) {
	dir := t.TempDir()
	n := batchSize*2 + 7
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("%04d.txt", i), fmt.Sprintf("Oracle opened cloud region number %d in Chile.\n", i))
	}
	writeFile(t, dir, "empty.txt", "")
	p, path := newPipeline(t)
	sum := ingest(t, p, dir)
	if sum.New != n || sum.Failed != 1 {
		t.Fatalf("summary %+v, want %d new and 1 failed", sum, n)
	}
	if got := queryString(t, path, `SELECT count(*) FROM articles`); got != fmt.Sprint(n) {
		t.Errorf("%s articles stored, want %d", got, n)
	}
	if got := queryString(t, path, `SELECT count(*) FROM article_fingerprints`); got != fmt.Sprint(n) {
		t.Errorf("%s fingerprints stored, want %d", got, n)
	}
	if got := queryString(t, path, `SELECT count(*) FROM open_failures`); got != "1" {
		t.Errorf("%s open failures, want 1", got)
	}
	if sum := ingest(t, p, dir); sum.Unchanged != n || sum.Failed != 1 {
		t.Errorf("second run %+v, want %d unchanged and 1 failed", sum, n)
	}
}
