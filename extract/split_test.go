package extract

import (
	"strings"
	"testing"
	"time"

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

// Extraction time per byte stays constant from 8 KB to 1 MB (issue 9's
// acceptance: within 2×), on the worst case, one comma-joined line. This is
// a ratio of two measurements in one run, not an absolute time; each is
// the least CPU time of three runs, so a busy machine does not fail it.
func TestExtractTimePerByteIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("measures 1 MB of extraction")
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	x.Extract(Document{Text: "Warm up: Oracle opened a cloud region in Chile."})
	unit := "AWS opened a data center in Chile, "
	perByte := func(size int) float64 {
		text := strings.Repeat(unit, size/len(unit)+1)[:size]
		best := time.Duration(1 << 62)
		for range 3 {
			elapsed := cpuClock()
			x.Extract(Document{Text: text})
			best = min(best, elapsed())
		}
		return float64(best) / float64(size)
	}
	small, large := perByte(8<<10), perByte(1<<20)
	t.Logf("8 KB: %.0f ns/byte, 1 MB: %.0f ns/byte", small, large)
	if large > 2*small {
		t.Errorf("1 MB costs %.1f× per byte what 8 KB does, want at most 2×", large/small)
	}
}
