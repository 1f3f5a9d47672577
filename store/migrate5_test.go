package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/cloudfacts/ingest/article"
)

// Migration 5 cleans stored file paths: articles that become one keep the
// most recently updated, with its facts; URLs are left alone.
func TestMigrationCleansPaths(t *testing.T) {
	ctx := context.Background()
	// As a program of version 4 stored them: key and source as given (the
	// URL when there is one), each text's fact quoting all of it.
	old, path := storeAt(t, 4)
	for i, a := range []struct{ source, url, text string }{
		{"in/a.txt", "", "Old text."},
		{"./in//a.txt", "", "New text."},
		{"in/./b.txt", "", "B text."},
		{"./c.txt", "https://example.com/c", "C text."},
		{"https://example.com/d//x", "", "D text."},
	} {
		key := a.source
		if a.url != "" {
			key = a.url
		}
		// The first is the older of the two that become in/a.txt.
		updated := fmt.Sprintf("2025-01-01T00:00:0%d.000Z", i)
		if i == 0 {
			updated = "2020-01-01T00:00:00.000Z"
		}
		execAll(t, old, fmt.Sprintf(`INSERT INTO articles (id, key, source, url, content_hash, text, extractor_version, first_seen, updated_at)
			VALUES (%d, %s, %s, nullif(%s, ''), %s, %s, 'v1', '2025-01-01T00:00:00.000Z', %s)`,
			i+1, quoteSQL(key), quoteSQL(a.source), quoteSQL(a.url), quoteSQL(ContentHash(a.text)), quoteSQL(a.text), quoteSQL(updated)),
			fmt.Sprintf(`INSERT INTO facts (article_id, type, company, quote, start_offset, end_offset, extractor_version, confidence, country)
			VALUES (%d, 'expansion', 'Oracle', %s, 0, %d, 'v1', 0.9, 'CL')`, i+1, quoteSQL(a.text), len(a.text)))
	}
	for _, src := range []string{"./x.txt", "x.txt", "in//y.md/"} {
		execAll(t, old, `INSERT INTO failures (source, stage, reason, first_seen, last_seen)
			VALUES (`+quoteSQL(src)+`, 'read', `+quoteSQL("reason of "+src)+`, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`)
	}
	old.Close()
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
