package store

import (
	"context"
	"fmt"
	"testing"
)

// Migration 4 moves what earlier versions stored as published for an
// undated text file, its modification time, to file_modified.
func TestMigrationMovesFileTimesOutOfPublished(t *testing.T) {
	ctx := context.Background()
	old, path := storeAt(t, 3)
	for i, a := range [][2]string{
		{"in/mtime.txt", "2024-11-05T17:42:09Z"},
		{"in/front-matter.md", "2025-03-01T00:00:00Z"},
		{"in/page.html", "2025-03-01T09:30:00Z"},
		{"https://example.com/a", "2025-03-01T09:30:00Z"},
	} {
		execAll(t, old, fmt.Sprintf(`INSERT INTO articles (id, key, source, published, content_hash, text, extractor_version, first_seen, updated_at)
			VALUES (%d, %s, %s, %s, %s, 'Some text.', 'v1', '2025-03-02T00:00:00.000Z', '2025-03-02T00:00:00.000Z')`,
			i+1, quoteSQL(a[0]), quoteSQL(a[0]), quoteSQL(a[1]), quoteSQL(ContentHash("Some text."))))
	}
	old.Close()
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
