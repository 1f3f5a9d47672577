package store

import (
	"context"
	"testing"

	"github.com/cloudfacts/ingest/article"
)

// Migration 4 moves what earlier versions stored as published for an
// undated text file, its modification time, to file_modified.
func TestMigrationMovesFileTimesOutOfPublished(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	for _, a := range []*article.Article{{Source: "in/mtime.txt"}, {Source: "in/front-matter.md"}, {Source: "in/page.html"}, {Source: "https://example.com/a"}} {
		a.Text = "Some text."
		if _, err := db.SaveArticle(ctx, a, nil, "v1"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.sql.Exec(`
		UPDATE articles SET published = CASE source
			WHEN 'in/mtime.txt' THEN '2024-11-05T17:42:09Z'
			WHEN 'in/front-matter.md' THEN '2025-03-01T00:00:00Z'
			ELSE '2025-03-01T09:30:00Z' END;
		DROP VIEW article_text;
		ALTER TABLE articles DROP COLUMN file_modified;
		PRAGMA user_version = 3;`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string][2]string{
		"in/mtime.txt":          {"", "2024-11-05T17:42:09Z"},
		"in/front-matter.md":    {"2025-03-01T00:00:00Z", ""},
		"in/page.html":          {"2025-03-01T09:30:00Z", ""},
		"https://example.com/a": {"2025-03-01T09:30:00Z", ""},
	}
	rows, err := db.sql.Query(`SELECT source, coalesce(published, ''), coalesce(file_modified, '') FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var src, pub, mod string
		if err := rows.Scan(&src, &pub, &mod); err != nil {
			t.Fatal(err)
		}
		if w := want[src]; pub != w[0] || mod != w[1] {
			t.Errorf("%s: published %q, file_modified %q; want %q, %q", src, pub, mod, w[0], w[1])
		}
	}
}
