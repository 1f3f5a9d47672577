package extract

import (
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/nlp"
)

// Long sentences are cut at clause boundaries into pieces no longer than
// the limit, and every piece is exactly the text at its offsets.
func TestSplitLong(t *testing.T) {
	doc := "Intro. " + strings.Repeat("AWS opened a data center in Chile, ", 100) + "end. " + strings.Repeat("é", 3000)
	sents := splitLong(nlp.Sentences(doc), 200)
	if len(sents) < 20 {
		t.Fatalf("got %d pieces, want the long sentences cut", len(sents))
	}
	for _, s := range sents {
		if len(s.Text) > 200 {
			t.Errorf("piece of %d bytes, want at most 200", len(s.Text))
		}
		if doc[s.Start:s.End] != s.Text {
			t.Errorf("piece %q is not at [%d,%d)", s.Text, s.Start, s.End)
		}
		if s.Text == "" || strings.HasPrefix(s.Text, " ") {
			t.Errorf("piece %q starts with a space or is empty", s.Text)
		}
	}
	if got := splitLong([]nlp.Sentence{{Text: "short", Start: 0, End: 5}}, 200); len(got) != 1 || got[0].Text != "short" {
		t.Errorf("a short sentence changed: %v", got)
	}
}

// BenchmarkExtractLongLine measures one 280 KB comma-joined line: with
// sentences cut at maxSentence, its time per byte should match an
// ordinary article's (compare with pipeline's BenchmarkIngest).
func BenchmarkExtractLongLine(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	long := strings.Repeat("AWS opened a data center in Chile, ", 8000)
	b.SetBytes(int64(len(long)))
	for b.Loop() {
		x.Extract(Document{Text: long})
	}
}
