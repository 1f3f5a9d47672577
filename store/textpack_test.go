package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/article"
)

// randomText is a text of about n bytes that zlib keeps near n: random
// words of random letters.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// TestTextPacking: texts written in batches, in packOrder, fill
// article_texts' pages (rows written as they came left a sixth of each
// page empty); each reads back as saved, also within its batch before it
// is written; a unit rolled back leaves no text; lastLeafFree reads the
// room SQLite says the last page has.
func TestTextPacking(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	r := rand.New(rand.NewPCG(1, 18))
	texts := map[string]string{}
	for batch := range 8 {
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 60 {
			src := fmt.Sprintf("a-%d-%d.txt", batch, i)
			text := randomText(r, 300+r.IntN(2600))
			if _, err := b.SaveArticle(ctx, &article.Article{Source: src, Text: text}, nil, "v1"); err != nil {
				t.Fatal(err)
			}
			texts[src] = text
			// Read in the batch, before it is written (as syndication
			// reads an earlier copy).
			id, err := b.ArticleID(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			st, err := b.ArticleByID(ctx, id)
			if err != nil || st.Text != text {
				t.Fatalf("%s in its batch: %q, %v", src, st.Text, err)
			}
		}
		// A unit that fails leaves no text.
		failed := fmt.Sprintf("failed-%d.txt", batch)
		err = b.Do(ctx, func() error {
			if _, err := saveArticle(ctx, b.q, &article.Article{Source: failed, Text: "gone"}, failed, nil, "v1", false); err != nil {
				return err
			}
			return errors.New("fails")
		})
		if err == nil {
			t.Fatal("the failing unit did not fail")
		}
		// An article saved again in the batch: its new text only.
		again := fmt.Sprintf("a-%d-0.txt", batch)
		texts[again] = randomText(r, 1000)
		if _, err := b.SaveArticle(ctx, &article.Article{Source: again, Text: texts[again]}, nil, "v1"); err != nil {
			t.Fatal(err)
		}
		// The room lastLeafFree reads is what dbstat says of the last
		// page (the last in key order).
		if batch > 0 {
			free, err := lastLeafFree(ctx, b.q, 4096)
			if err != nil {
				t.Fatal(err)
			}
			var unused int
			if err := queryRow(ctx, b.q, `SELECT unused FROM dbstat WHERE name = 'article_texts' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1`).Scan(&unused); err != nil {
				t.Fatal(err)
			}
			if free != unused {
				t.Errorf("batch %d: lastLeafFree %d, dbstat's unused %d", batch, free, unused)
			}
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.sql.Query(`SELECT source, text FROM article_text`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for rows.Next() {
		var src, text string
		if err := rows.Scan(&src, &text); err != nil {
			t.Fatal(err)
		}
		got[src] = text
	}
	rows.Close()
	if len(got) != len(texts) {
		t.Errorf("%d articles stored, want %d", len(got), len(texts))
	}
	for src, text := range texts {
		if got[src] != text {
			t.Errorf("%s: text %.40q, want %.40q", src, got[src], text)
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM article_texts WHERE article_id NOT IN (SELECT id FROM articles)`); n != 0 {
		t.Errorf("%d texts of no article", n)
	}
	// Full pages: the leaves but each batch's last keep under 2% free.
	var pages, unused int
	if err := db.sql.QueryRow(`SELECT count(*), sum(unused) FROM dbstat WHERE name = 'article_texts' AND pagetype = 'leaf'`).Scan(&pages, &unused); err != nil {
		t.Fatal(err)
	}
	if share := float64(unused) / float64(pages*4096); share > 0.04 {
		t.Errorf("article_texts: %d of %d leaf bytes unused (%.1f%%), want under 4%%", unused, pages*4096, 100*share)
	}
	t.Logf("article_texts: %d leaf pages, %d bytes unused", pages, unused)
}

// TestTextCellSize holds textCellSize to SQLite: a table of one row of
// each size takes the bytes the function says.
func TestTextCellSize(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	r := rand.New(rand.NewPCG(2, 18))
	for _, n := range []int{0, 1, 57, 58, 59, 120, 1000, 4000, 4030, 4100, 9000} {
		z := []byte(randomText(r, n))[:n]
		for _, article := range []int64{1, 200, 40000} {
			if _, err := db.sql.ExecContext(ctx, `DELETE FROM article_texts; INSERT INTO articles (id, key, source, content_hash, extractor_version, first_seen, updated_at)
				VALUES (?1, ?1, ?1, '', '', '', '') ON CONFLICT DO NOTHING`, article); err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{1, 300, 70000} {
				if _, err := db.sql.ExecContext(ctx, `DELETE FROM article_texts; INSERT INTO article_texts (id, article_id, text_size, text_z) VALUES (?, ?, ?, ?)`,
					id, article, n*3, z); err != nil {
					t.Fatal(err)
				}
				var used int
				if err := db.sql.QueryRow(`SELECT 4096 - 8 - unused FROM dbstat WHERE name = 'article_texts' AND pagetype = 'leaf'`).Scan(&used); err != nil {
					t.Fatal(err)
				}
				if want := textCellSize(4096, id, pendingText{article: article, size: n * 3, z: z}) + 2; used != want {
					t.Errorf("%d bytes, article %d, id %d: the page holds %d bytes, textCellSize+2 says %d", n, article, id, used, want)
				}
			}
		}
	}
}
