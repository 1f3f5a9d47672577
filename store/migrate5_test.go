package store

import (
	"context"
	"testing"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// Migration 5 cleans stored file paths: articles that become one keep the
// most recently updated, with its facts; URLs are left alone.
func TestMigrationCleansPaths(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	fact := func(text string) []extract.Fact {
		return []extract.Fact{{Type: extract.TypeExpansion, Company: "Oracle", Quote: text, End: len(text), Confidence: 0.9, Country: "CL"}}
	}
	for _, a := range []*article.Article{
		{Source: "in/a.txt", Text: "Old text."},
		{Source: "./in//a.txt", Text: "New text."},
		{Source: "in/./b.txt", Text: "B text."},
		{Source: "./c.txt", URL: "https://example.com/c", Text: "C text."},
		{Source: "https://example.com/d//x", Text: "D text."},
	} {
		if _, err := db.SaveArticle(ctx, a, fact(a.Text), "v1"); err != nil {
			t.Fatal(err)
		}
	}
	for _, src := range []string{"./x.txt", "x.txt", "in//y.md/"} {
		if err := db.RecordFailure(ctx, 0, src, "read", "reason of "+src); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.sql.Exec(`UPDATE articles SET updated_at = '2020-01-01T00:00:00.000Z' WHERE source = 'in/a.txt';
		PRAGMA user_version = 4;`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.sql.Query(`SELECT a.key, a.source, group_concat(substr(a.text, f.start_offset + 1, f.end_offset - f.start_offset)) FROM article_text a LEFT JOIN facts f ON f.article_id = a.id GROUP BY a.id ORDER BY a.key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var k, s, q string
		if err := rows.Scan(&k, &s, &q); err != nil {
			t.Fatal(err)
		}
		got = append(got, k+" | "+s+" | "+q)
	}
	want := []string{
		"https://example.com/c | c.txt | C text.",
		"https://example.com/d//x | https://example.com/d//x | D text.",
		"in/a.txt | in/a.txt | New text.",
		"in/b.txt | in/b.txt | B text.",
	}
	if len(got) != len(want) {
		t.Fatalf("articles:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("article %d: %q, want %q", i, got[i], want[i])
		}
	}
	var orphans int
	if err := db.sql.QueryRow(`SELECT count(*) FROM facts WHERE article_id NOT IN (SELECT id FROM articles)`).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("%d facts without their article (err %v)", orphans, err)
	}
	fs, err := db.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, f := range fs {
		srcs = append(srcs, f.Source)
	}
	if len(srcs) != 2 || !(srcs[0] == "in/y.md" && srcs[1] == "x.txt" || srcs[0] == "x.txt" && srcs[1] == "in/y.md") {
		t.Errorf("failures %q, want x.txt and in/y.md", srcs)
	}
}

// AdoptSource moves an article stored under a relative path to its
// canonical one, and drops the relative one when both are stored.
func TestAdoptSource(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for _, a := range []*article.Article{{Source: "in/a.txt", Text: "A."}, {Source: "in/b.txt", Text: "B."}, {Source: "/abs/in/b.txt", Text: "B."}} {
		if _, err := db.SaveArticle(ctx, a, nil, "v1"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RecordFailure(ctx, 0, "in/a.txt", "extract", "truncated: x"); err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]string{{"in/a.txt", "/abs/in/a.txt"}, {"in/b.txt", "/abs/in/b.txt"}, {"in/none.txt", "/abs/in/none.txt"}} {
		if err := db.AdoptSource(ctx, p[0], p[1]); err != nil {
			t.Fatal(err)
		}
	}
	var got string
	if err := db.sql.QueryRow(`SELECT group_concat(key || '=' || source, ' ') FROM (SELECT key, source FROM articles ORDER BY key)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "/abs/in/a.txt=/abs/in/a.txt /abs/in/b.txt=/abs/in/b.txt"; got != want {
		t.Errorf("articles %q, want %q", got, want)
	}
	fs, err := db.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Source != "/abs/in/a.txt" {
		t.Errorf("failures %+v, want the truncation under the canonical path", fs)
	}
}
