package extract

import (
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// BenchmarkExtractArticle measures fact extraction alone (sentences,
// tagging, rules) over generated news articles of a few KB, the corpus of
// "ingest bench": no file reading, no HTML, no store.
func BenchmarkExtractArticle(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var docs []Document
	total := 0
	for i := range 100 {
		a := benchgen.Generate(1, i, false)
		docs = append(docs, Document{Text: a.Text})
		total += len(a.Text)
	}
	b.SetBytes(int64(total / len(docs)))
	facts, i := 0, 0
	for b.Loop() {
		facts += len(x.Extract(docs[i%len(docs)]))
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(facts)/b.Elapsed().Seconds(), "facts/s")
}
