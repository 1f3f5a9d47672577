package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
	"github.com/cloudfacts/ingest/internal/benchgen"
)

// BenchmarkSaveArticle measures the store write alone: one new article
// with its facts committed per iteration (the facts are extracted before
// the timer starts), over generated news articles.
func BenchmarkSaveArticle(b *testing.B) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		a     article.Article
		facts []extract.Fact
	}
	var docs []doc
	nfacts := 0
	for i := range 100 {
		g := benchgen.Generate(1, i, false)
		d := doc{a: article.Article{Title: g.Name, Text: g.Text}, facts: x.Extract(extract.Document{Text: g.Text})}
		nfacts += len(d.facts)
		docs = append(docs, d)
	}
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		d.a.URL = fmt.Sprintf("https://bench.example/%d", i)
		d.a.Source = d.a.URL
		if _, err := db.SaveArticle(ctx, &d.a, d.facts, extract.Version); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(nfacts)/float64(len(docs)), "facts/article")
}

// BenchmarkSaveArticleBatch is BenchmarkSaveArticle as a run writes:
// articles saved in batches of batchArticles, one commit each.
func BenchmarkSaveArticleBatch(b *testing.B) {
	const batchArticles = 256
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		a     article.Article
		facts []extract.Fact
	}
	var docs []doc
	for i := range 100 {
		g := benchgen.Generate(1, i, false)
		docs = append(docs, doc{a: article.Article{Title: g.Name, Text: g.Text}, facts: x.Extract(extract.Document{Text: g.Text})})
	}
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var batch *Batch
	i := 0
	for b.Loop() {
		if batch == nil {
			if batch, err = db.Begin(ctx); err != nil {
				b.Fatal(err)
			}
		}
		d := docs[i%len(docs)]
		d.a.URL = fmt.Sprintf("https://bench.example/%d", i)
		d.a.Source = d.a.URL
		if _, err := batch.SaveArticle(ctx, &d.a, d.facts, extract.Version); err != nil {
			b.Fatal(err)
		}
		i++
		if i%batchArticles == 0 {
			if err := batch.Commit(); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	if batch != nil {
		if err := batch.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
