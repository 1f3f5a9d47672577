package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// One article that cannot be saved costs only itself: the articles saved
// before and after it in the batch are committed with their facts, and
// the version stored before the batch is kept.
func TestBatchUnitFailureKeepsTheRest(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const text = "Google Cloud launched a region in Berlin. It has 40 regions."
	good := func(text string) []extract.Fact {
		return []extract.Fact{cite(t, text, "It has 40 regions.", extract.Fact{Type: extract.TypeRegionCount, Company: "Google Cloud", Value: 40, Scope: "global"})}
	}
	if _, err := db.SaveArticle(ctx, &article.Article{Source: "b.md", Text: text, Title: "before"}, good(text), "v1"); err != nil {
		t.Fatal(err)
	}
	const newText = text + " More text."
	tests := []struct {
		name  string
		facts []extract.Fact
		want  string
	}{
		{"CHECK after a good fact", append(good(newText),
			cite(t, newText, "More text.", extract.Fact{Type: "rumour"})), "CHECK"},
		{"quote not at its offsets", []extract.Fact{
			{Type: extract.TypeRegionCount, Quote: "It has 40 regions.", Start: 0, End: 18, Confidence: 1}}, "not the quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := db.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Rollback()
			if _, err := b.SaveArticle(ctx, &article.Article{Source: "a.md", Text: text}, good(text), "v1"); err != nil {
				t.Fatal(err)
			}
			_, err = b.SaveArticle(ctx, &article.Article{Source: "b.md", Text: newText, Title: "after"}, tt.facts, "v1")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SaveArticle error = %v, want one containing %q", err, tt.want)
			}
			if _, err := b.SaveArticle(ctx, &article.Article{Source: "c.md", Text: text}, good(text), "v1"); err != nil {
				t.Fatal(err)
			}
			if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
			if n := queryInt(t, db, `SELECT count(*) FROM articles WHERE key IN ('a.md', 'c.md')`); n != 2 {
				t.Errorf("%d of the good articles stored, want 2", n)
			}
			if n := queryInt(t, db, `SELECT count(*) FROM articles WHERE key = 'b.md' AND title = 'before'`); n != 1 {
				t.Error("the article stored before the batch was not kept")
			}
			if n := queryInt(t, db, `SELECT count(*) FROM facts`); n != 3 {
				t.Errorf("%d facts, want 3 (one each for a, b as before, c)", n)
			}
			if _, err := db.sql.Exec(`DELETE FROM articles WHERE key IN ('a.md', 'c.md')`); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A batch sees its own writes; nothing is stored until it commits, and a
// rolled-back batch stores nothing. Failure bookkeeping rides in it.
func TestBatchCommitAndRollback(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for _, commit := range []bool{false, true} {
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := b.SaveArticle(ctx, &article.Article{Source: "x.md", Text: "AWS has 30 regions."}, nil, "v1")
		if err != nil {
			t.Fatal(err)
		}
		if id, err := b.ArticleID(ctx, "x.md"); err != nil || id != res.ArticleID {
			t.Errorf("in the batch: ArticleID = %d, %v; want %d", id, err, res.ArticleID)
		}
		if err := b.RecordFailure(ctx, 0, "y.md", "read", "gone"); err != nil {
			t.Fatal(err)
		}
		// Read on another connection: the batch is not committed yet.
		if id, err := db.ArticleID(ctx, "x.md"); err != nil || id != 0 {
			t.Errorf("before the commit: ArticleID = %d, %v; want 0", id, err)
		}
		if commit {
			err = b.Commit()
		} else {
			err = b.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if commit {
			want = 1
		}
		if n := queryInt(t, db, `SELECT count(*) FROM articles`); n != want {
			t.Errorf("commit %v: %d articles, want %d", commit, n, want)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM failures WHERE resolved_at IS NULL`); n != want {
			t.Errorf("commit %v: %d open failures, want %d", commit, n, want)
		}
		if err := b.Rollback(); err != nil {
			t.Errorf("Rollback after the end: %v", err)
		}
	}
}

// Cancelling the context a batch began with neither interrupts nor rolls
// back what it wrote: the caller commits it. A second batch waits for the
// open one, unless its context ends first.
func TestBatchCancelAndWait(t *testing.T) {
	db, _ := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	cancel()
	if _, err := b.SaveArticle(ctx, &article.Article{Source: "x.md", Text: "AWS has 30 regions."}, nil, "v1"); err != nil {
		t.Fatalf("SaveArticle after cancel: %v", err)
	}

	wctx, wcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer wcancel()
	if _, err := db.Begin(wctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Begin while a batch is open = %v, want it to wait until its deadline", err)
	}
	if _, err := db.Begin(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Begin with a cancelled context = %v", err)
	}

	second := make(chan error, 1)
	go func() {
		b2, err := db.Begin(context.Background())
		if err == nil {
			_, err = b2.SaveArticle(context.Background(), &article.Article{Source: "y.md", Text: "Azure has 60 regions."}, nil, "v1")
			if err == nil {
				err = b2.Commit()
			}
		}
		second <- err
	}()
	select {
	case err := <-second:
		t.Fatalf("a second batch ran while the first was open: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM articles`); n != 2 {
		t.Errorf("%d articles, want 2", n)
	}
}
