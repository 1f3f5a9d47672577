package extract

import (
	"context"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
	"github.com/cloudfacts/ingest/nlp"
)

// BenchmarkStage times the stages of ExtractArticle one by one over the
// same generated articles, so that a change to one stage shows in its own
// line: splitting into sentences, tagging every word (what a rule reading
// the whole sentence would pay; the extractor tags only opening words),
// the word lists, name learning, and the reading of each sentence.
func BenchmarkStage(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var sents [][]nlp.Sentence
	for i := range 100 {
		t := benchgen.Generate(1, i, false).Text
		texts = append(texts, t)
		sents = append(sents, splitLong(nlp.Sentences(t), maxSentence))
	}
	perArticle := func(b *testing.B, f func(i int)) {
		b.Helper()
		i := 0
		for b.Loop() {
			f(i % len(texts))
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	}
	// The rules' stages read an article published as ExtractContext
	// publishes it (lowerArticle), and pay for its publishing.
	published := func(f func(i int)) func(i int) {
		return func(i int) {
			defer releaseLowered(lowerArticle(texts[i]))
			f(i)
		}
	}
	b.Run("sentences", func(b *testing.B) {
		perArticle(b, func(i int) { splitLong(nlp.Sentences(texts[i]), maxSentence) })
	})
	b.Run("tagall", func(b *testing.B) {
		perArticle(b, func(i int) {
			for _, s := range sents[i] {
				tagAll(s.Text)
			}
		})
	})
	b.Run("lexicons", func(b *testing.B) {
		perArticle(b, published(func(i int) {
			for _, s := range sents[i] {
				x.orgs.find(s.Text)
				facilityLexicon.find(s.Text)
				statusLexicon.find(s.Text)
				countLexicon.find(s.Text)
				moneyCues.find(s.Text)
			}
		}))
	})
	b.Run("learnNames", func(b *testing.B) {
		perArticle(b, published(func(i int) {
			if _, _, err := x.learnNames(context.Background(), sents[i]); err != nil {
				b.Fatal(err)
			}
		}))
	})
	b.Run("analyse", func(b *testing.B) {
		perArticle(b, published(func(i int) {
			local := newLocalOrgs()
			for _, s := range sents[i] {
				x.analyse(s.Text, x.orgs.find(s.Text), local, "")
			}
		}))
	})
}

// tagAll tags every word of s.
func tagAll(s string) int {
	t := nlp.NewTagged(s)
	n := 0
	for {
		if _, ok := t.Token(n); !ok {
			return n
		}
		n++
	}
}
