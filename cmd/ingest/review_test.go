package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// datedArticles copies testdata/articles into a temporary folder with
// front matter giving each its publication date, and ingests them into a
// new database, whose path it returns with the folder.
func datedArticles(t *testing.T) (db, dir string) {
	t.Helper()
	dates := []string{"2024-05-29", "2025-02-25", "2025-09-25", "2025-10-16", "2025-09-26"}
	names, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(names) != len(dates) {
		t.Fatalf("want %d test articles, got %d (%v)", len(dates), len(names), err)
	}
	dir = t.TempDir()
	for i, name := range names { // Glob sorts by file name
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := "---\npublished: " + dates[i] + "\n---\n" + string(body)
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db = filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "run", "--db", db, dir)
	return db, dir
}

func TestTimelineAlibabaAZs(t *testing.T) {
	db, _ := datedArticles(t)
	for _, name := range []string{"Alibaba Cloud", "alibaba cloud", "Aliyun"} {
		out := mustIngest(t, "timeline", "--db", db, name)
		if !strings.HasPrefix(out, "Alibaba Cloud\n") {
			t.Errorf("timeline %q does not start with the provider:\n%s", name, out)
		}
		if !strings.Contains(out, "availability zones (global): 87 → 91 → 92\n") {
			t.Errorf("timeline %q: no global AZ line 87 → 91 → 92:\n%s", name, out)
		}
	}
	out := mustIngest(t, "timeline", "--db", db, "Alibaba Cloud")
	// The rows of the global AZ timeline: dates in order, each value with
	// its source.
	block := out[strings.Index(out, "availability zones (global)"):]
	block = block[:strings.Index(block, "\n\n")]
	row := regexp.MustCompile(`(?m)^  (\S+)\s+(\d+)\s+(?:[+-]\d+\s+)?(\S+) \(fact \d+\)$`)
	var got []string
	for _, m := range row.FindAllStringSubmatch(block, -1) {
		got = append(got, m[1]+" "+m[2]+" "+filepath.Base(m[3])[:3])
	}
	want := []string{"2025-02-25 87 001", "2025-09-25 91 002", "2025-09-26 91 004", "2025-10-16 92 003"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("global AZ rows = %q, want %q\n%s", got, want, block)
	}
	if !strings.Contains(out, "AE  data center        launched  since 2025-10-16  planned 2025-09 → launched 2025-10") {
		t.Errorf("no facility status for the Dubai data center:\n%s", out)
	}

	if code, _, errs := ingest(t, "timeline", "--db", db, "Nobody Cloud"); code != exitFailed || !strings.Contains(errs, "Alibaba Cloud") {
		t.Errorf("unknown provider: exit %d, stderr %q (want 1 and the known providers)", code, errs)
	}
	if code, _, errs := ingest(t, "timeline", "--db", db, "AWS"); code != exitOK {
		t.Errorf("timeline AWS (an alias): exit %d: %s", code, errs)
	}
	// The view keeps numbers as numbers.
	if n := queryDB(t, db, `SELECT count(*) FROM count_timeline WHERE typeof(value) <> 'integer'`); n != 0 {
		t.Errorf("%d count_timeline values are not integers", n)
	}
	if n := queryDB(t, db, `SELECT count(*) FROM facility_status WHERE provider = 'Alibaba Cloud' AND country = 'MY'
		AND facility = 'data center' AND history = 'planned 2024-05 → launched 2025-10' AND status = 'launched'`); n != 1 {
		t.Errorf("facility_status: no launched Malaysian data center with its history")
	}
}

func TestConflictsYuanInvestment(t *testing.T) {
	db, _ := datedArticles(t)
	out := mustIngest(t, "conflicts", "--db", db)
	for _, want := range []string{
		"Alibaba Cloud — USD equivalent of 380,000,000,000 CNY: USD differs",
		"USD 52.3 billion 2025-02-25",
		"USD 53 billion   2025-09-26",
		"USD 53.4 billion 2025-10-16",
		"»Alibaba Group recently announced that it would invest more than 380 billion yuan ($52.3 billion)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("conflicts: no %q in\n%s", want, out)
		}
	}
	// 53 and 53.4 billion are one figure rounded: not a conflict.
	if n := queryDB(t, db, `SELECT count(*) FROM conflicts WHERE value_1 = 53000000000 AND value_2 = 53400000000`); n != 0 {
		t.Errorf("53 vs 53.4 billion reported as a conflict")
	}
	if n := queryDB(t, db, `SELECT count(*) FROM conflicts WHERE kind = 'USD differs'`); n != 2 {
		t.Errorf("%d USD conflicts, want 2", n)
	}
}

func TestConflictsCounts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, date, text string) {
		body := "---\npublished: " + date + "\n---\n" + text + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "2025-01-10", "Oracle Cloud now operates 50 regions worldwide.")
	write("b.txt", "2025-01-10", "Oracle Cloud now operates 52 regions worldwide.")
	write("c.txt", "2025-03-01", "Oracle Cloud now operates 45 regions worldwide.")
	db := filepath.Join(t.TempDir(), "x.db")
	mustIngest(t, "run", "--db", db, dir)
	if n := queryDB(t, db, `SELECT count(*) FROM count_timeline WHERE provider = 'Oracle'`); n != 3 {
		t.Skipf("the extractor read %d Oracle region counts, want 3", n)
	}
	if n := queryDB(t, db, `SELECT count(*) FROM conflicts WHERE kind = 'same date' AND value_1 = 50 AND value_2 = 52`); n != 1 {
		t.Errorf("50 and 52 regions on one date: not a conflict")
	}
	if n := queryDB(t, db, `SELECT count(*) FROM conflicts WHERE kind = 'dropped' AND value_2 = 45`); n != 2 {
		t.Errorf("the drop to 45 regions: %d conflicts, want 2 (from 50 and from 52)", n)
	}
	// A reported closure explains a drop.
	write("d.txt", "2025-02-01", "Oracle closed its data center in Chile.")
	mustIngest(t, "run", "--db", db, dir)
	if n := queryDB(t, db, `SELECT count(*) FROM conflicts WHERE kind = 'dropped'`); n != 0 {
		t.Errorf("a drop after a closure is still a conflict")
	}
}

func TestShowMarksCitations(t *testing.T) {
	db, dir := datedArticles(t)
	path := filepath.Join(dir, "001_ee636c01fa7e6bf0.txt")
	byPath := mustIngest(t, "show", "--db", db, path)
	var id string
	if m := regexp.MustCompile(`(?m)^article (\d+) · `).FindStringSubmatch(byPath); m != nil {
		id = m[1]
	} else {
		t.Fatalf("show: no article line:\n%s", byPath)
	}
	if byID := mustIngest(t, "show", "--db", db, id); byID != byPath {
		t.Errorf("show by id and by path differ")
	}
	for _, want := range []string{
		"»With the addition of this new data center, Alibaba Cloud's global infrastructure now spans 87 availability zones across 29 regions, the company said.«[2,3]",
		"[2] Alibaba Cloud: 87 availability zones (global)",
		"published 2025-02-25",
	} {
		if !strings.Contains(byPath, want) {
			t.Errorf("show: no %q in\n%s", want, byPath)
		}
	}
	if strings.Contains(byPath, "\x1b[") {
		t.Errorf("ANSI codes written to a pipe")
	}
	if code, _, _ := ingest(t, "show", "--db", db, "no-such-article.txt"); code != exitFailed {
		t.Errorf("show of an unknown article: exit %d, want 1", code)
	}
}
