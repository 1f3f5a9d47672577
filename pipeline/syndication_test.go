package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// link is one article's row of article_fingerprints, by file name.
type link struct {
	dup   string // the file name of duplicate_of, "" for none
	facts int
}

func links(t *testing.T, dbPath string) map[string]link {
	t.Helper()
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`
		SELECT a.source, coalesce(o.source, ''), (SELECT count(*) FROM facts WHERE article_id = a.id)
		FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id
		LEFT JOIN articles o ON o.id = f.duplicate_of
		WHERE f.article_id IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]link{}
	for rows.Next() {
		var src, dup string
		var n int
		if err := rows.Scan(&src, &dup, &n); err != nil {
			t.Fatal(err)
		}
		if dup != "" {
			dup = filepath.Base(dup)
		}
		m[filepath.Base(src)] = link{dup, n}
	}
	var total int
	if err := db.QueryRow(`SELECT count(*) FROM articles`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total != len(m) {
		t.Errorf("%d articles, %d with a fingerprint", total, len(m))
	}
	return m
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../testdata/articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSyndicatedCopies(t *testing.T) {
	p, dbPath := newPipeline(t)
	p.Workers = 1 // ids in walk order: the first stored is the original
	dir := t.TempDir()
	story := seedText(t, "000_c46c9f2dff132255.txt")
	other := seedText(t, "001_ee636c01fa7e6bf0.txt")
	write(t, filepath.Join(dir, "a-original.txt"), story)
	// The same wire story on another site: its navigation, byline, share
	// and newsletter lines around it.
	write(t, filepath.Join(dir, "b-syndicated.txt"),
		"Home | News | Cloud | AI | Data Centers\nSubscribe\nBy Wire Staff\n"+
			"Share this article on LinkedIn, X and Facebook\n"+story+
			"\nRelated stories\nSign up for our free daily newsletter to get the latest data center news.\n"+
			"© 2025 Example Media Ltd. All rights reserved.\n")
	// The same bytes under another path: an exact copy.
	write(t, filepath.Join(dir, "mirror", "c-exact.txt"), story)
	// Another article on the same topic.
	write(t, filepath.Join(dir, "d-unrelated.txt"), other)

	ingest(t, p, dir)
	got := links(t, dbPath)
	if got["a-original.txt"].dup != "" || got["d-unrelated.txt"].dup != "" {
		t.Errorf("original or unrelated article linked: %+v", got)
	}
	if got["a-original.txt"].facts == 0 || got["d-unrelated.txt"].facts == 0 {
		t.Fatalf("facts missing: %+v", got)
	}
	if l := got["b-syndicated.txt"]; l.dup != "a-original.txt" || l.facts != got["a-original.txt"].facts {
		t.Errorf("syndicated copy: %+v, want linked to a-original.txt with its own %d facts", l, got["a-original.txt"].facts)
	}
	if l := got["c-exact.txt"]; l.dup != "a-original.txt" || l.facts != 0 {
		t.Errorf("exact copy: %+v, want linked to a-original.txt without facts", l)
	}

	// Idempotent: a second run and a reextract change nothing.
	sum := ingest(t, p, dir)
	if sum.New+sum.Updated != 0 {
		t.Errorf("second run wrote: %+v", sum)
	}
	if again := links(t, dbPath); !equalLinks(again, got) {
		t.Errorf("second run: %+v, want %+v", again, got)
	}
	if _, err := p.Reextract(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again := links(t, dbPath); !equalLinks(again, got) {
		t.Errorf("after reextract: %+v, want %+v", again, got)
	}
	// A fresh pipeline (the next command) loads the fingerprints anew.
	p2 := &Pipeline{DB: p.DB, Extractor: p.Extractor}
	if _, err := p2.Reextract(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again := links(t, dbPath); !equalLinks(again, got) {
		t.Errorf("after reextract by a new pipeline: %+v, want %+v", again, got)
	}

	// The original's text changes to the unrelated story: the exact copy
	// is one no more and gets its own facts, linked to the syndicated copy
	// (the earliest near it); the unrelated article is now near the
	// original and linked to it.
	write(t, filepath.Join(dir, "a-original.txt"), other+"\nUpdated with a correction.\n")
	ingest(t, p, dir)
	changed := links(t, dbPath)
	if l := changed["c-exact.txt"]; l.dup != "b-syndicated.txt" || l.facts == 0 {
		t.Errorf("former exact copy after its original changed: %+v, want its own facts, linked to b-syndicated.txt", l)
	}
	if l := changed["b-syndicated.txt"]; l.dup != "" {
		t.Errorf("syndicated copy after its original changed: %+v, want no link", l)
	}
	if l := changed["d-unrelated.txt"]; l.dup != "a-original.txt" {
		t.Errorf("d-unrelated.txt now has a-original.txt's text: %+v, want linked to it", l)
	}
}

func equalLinks(a, b map[string]link) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
