package main

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// SIGKILL at any moment loses nothing: after twenty runs killed at random
// points, the database passes integrity_check, no run is left "running"
// once the next command has started, and a final complete run leaves the
// same articles and facts as one clean run.
func TestKilledRunsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills twenty runs")
	}
	bin := binary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	// Enough articles that a run takes a while: the seed articles, copied
	// under several names.
	seeds, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed articles: %v", err)
	}
	for i := range 12 {
		for _, s := range seeds {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			// A different first line makes each copy its own article.
			text := "Copy " + strings.Repeat("I", i+1) + " of a saved article\n\n" + string(b)
			name := filepath.Join(in, strings.TrimSuffix(filepath.Base(s), ".txt")+"-"+string(rune('a'+i))+".txt")
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	clean := filepath.Join(dir, "clean.db")
	if out, err := exec.Command(bin, "run", "--db", clean, in).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}

	killed := filepath.Join(dir, "killed.db")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		cmd := exec.Command(bin, "run", "--db", killed, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
	}
	if out, err := exec.Command(bin, "run", "--db", killed, in).CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}

	db, err := sql.Open("sqlite", killed)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	if n := queryDB(t, killed, "SELECT count(*) FROM runs WHERE status = 'running'"); n != 0 {
		t.Errorf("%d runs still recorded as running after the next run", n)
	}
	for _, q := range []string{
		"SELECT count(*) FROM articles",
		"SELECT count(*) FROM facts",
		"SELECT count(DISTINCT claim_id) FROM facts",
	} {
		if a, b := queryDB(t, clean, q), queryDB(t, killed, q); a != b {
			t.Errorf("%s: %d after a clean run, %d after killed runs", q, a, b)
		}
	}
}
