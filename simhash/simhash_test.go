package simhash

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// Page furniture of two sites: short navigation lines and long sentences.
const (
	siteA = "Home | News | Cloud | AI | Data Centers | Events\nSubscribe\nBy Staff Writer\nMarch 3, 2025\n" +
		"Share this article on LinkedIn, X and Facebook\n"
	siteAEnd = "\nRelated stories\nOracle opens Chile region\nMicrosoft expands in Mexico\n" +
		"Sign up for our free daily newsletter to get the latest data center news.\n" +
		"© 2025 Example Media Ltd. All rights reserved.\nPrivacy Policy | Terms | Cookies\n"
	siteB    = "Skip to content\nMenu\nTOPICS: Hyperscale, Colocation, Edge\n"
	siteBEnd = "\nShare Story:\nRecent Stories\nMost read\nAdvertise with us | Contact\n"
)

// corpus returns the seed articles and, when present, the shared
// development articles: real news on one topic (cloud expansion).
func corpus(t *testing.T) (names, texts []string) {
	t.Helper()
	for _, g := range []string{"../testdata/articles/*.txt", "../../shared/dev/articles/*.txt"} {
		files, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, filepath.Base(f))
			texts = append(texts, string(b))
		}
	}
	if len(texts) < 5 {
		t.Fatalf("found %d articles", len(texts))
	}
	return names, texts
}

// editWord replaces the fourth word of the first long line in the second
// half of text.
func editWord(text string) string {
	lines := strings.Split(text, "\n")
	for i := len(lines) / 2; i < len(lines); i++ {
		if f := strings.Fields(lines[i]); len(f) > 10 {
			f[3] = "edited"
			lines[i] = strings.Join(f, " ")
			break
		}
	}
	return strings.Join(lines, "\n")
}

func TestThreshold(t *testing.T) {
	names, texts := corpus(t)
	fps := make([]uint64, len(texts))
	for i, s := range texts {
		fps[i] = Fingerprint(s)
	}
	// Distinct articles on the same topic are far apart.
	var min int = 64
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			d := Distance(fps[i], fps[j])
			if d <= Threshold+4 {
				t.Errorf("%s and %s differ by %d bits: too close for distinct articles", names[i], names[j], d)
			}
			min = minInt(min, d)
		}
	}
	t.Logf("%d articles: nearest distinct pair %d bits apart", len(texts), min)

	// Copies in other boilerplate and with small edits are close.
	var wrapped, edited []int
	for i, s := range texts {
		short := Distance(fps[i], Fingerprint("Home | News | Cloud\n"+s+"\nRelated stories\n© 2025 Example Media Ltd. All rights reserved.\n"))
		if short != 0 {
			t.Errorf("%s: short navigation lines move the fingerprint by %d bits", names[i], short)
		}
		wrapped = append(wrapped, Distance(Fingerprint(siteA+s+siteAEnd), Fingerprint(siteB+s+siteBEnd)))
		edited = append(edited, Distance(fps[i], Fingerprint(editWord(s))))
	}
	sort.Ints(wrapped)
	sort.Ints(edited)
	t.Logf("same text, two sites' boilerplate: median %d, 90th percentile %d, max %d bits",
		wrapped[len(wrapped)/2], wrapped[len(wrapped)*9/10], wrapped[len(wrapped)-1])
	t.Logf("one word edited: median %d, max %d bits", edited[len(edited)/2], edited[len(edited)-1])
	if p := wrapped[len(wrapped)*9/10]; p > Threshold {
		t.Errorf("90th percentile of wrapped copies is %d bits, over the threshold %d", p, Threshold)
	}
	if m := edited[len(edited)-1]; m > Threshold {
		t.Errorf("a one-word edit moves a fingerprint by up to %d bits, over the threshold %d", m, Threshold)
	}
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func TestFingerprintBasics(t *testing.T) {
	if Fingerprint("") != 0 {
		t.Error("empty text: want 0")
	}
	if Fingerprint("Oracle") == 0 || Fingerprint("Oracle") == Fingerprint("Google") {
		t.Error("one-word texts should fingerprint, differently")
	}
	a := "Oracle will open its first cloud region in Chile next year, the company said on Monday."
	if Fingerprint(a) != Fingerprint(strings.ToUpper(a)) {
		t.Error("case should not matter")
	}
	if Fingerprint(a) != Fingerprint(strings.ReplaceAll(a, " ", "  ")) {
		t.Error("spacing should not matter")
	}
}

func TestIndexMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := NewIndex()
	fps := map[int64]uint64{}
	for id := int64(1); id <= 5000; id++ {
		fp := rng.Uint64()
		if id%10 == 0 { // a near copy of an earlier one
			fp = flip(rng, fps[id-int64(1+rng.IntN(9))], rng.IntN(12))
		}
		fps[id] = fp
		x.Add(id, fp)
	}
	// Replace and remove some.
	for id := int64(1); id <= 5000; id += 97 {
		fps[id] = flip(rng, fps[id], 5)
		x.Add(id, fps[id])
	}
	for id := int64(2); id <= 5000; id += 101 {
		delete(fps, id)
		x.Remove(id)
	}
	if x.Len() != len(fps) {
		t.Fatalf("Len %d, want %d", x.Len(), len(fps))
	}
	for _, k := range []int{0, 3, 4, 8, 11} {
		for q := 0; q < 300; q++ {
			base := fps[int64(1+rng.IntN(5000))]
			fp := flip(rng, base, rng.IntN(k+2))
			want := map[int64]bool{}
			for id, v := range fps {
				if Distance(fp, v) <= k {
					want[id] = true
				}
			}
			got := map[int64]bool{}
			x.Near(fp, k, func(id int64, d int) bool {
				if d != Distance(fp, fps[id]) || d > k {
					t.Fatalf("id %d: distance %d", id, d)
				}
				got[id] = true
				return true
			})
			if len(got) != len(want) {
				t.Fatalf("k=%d: found %d, brute force %d", k, len(got), len(want))
			}
			for id := range want {
				if !got[id] {
					t.Fatalf("k=%d: missed id %d", k, id)
				}
			}
		}
	}
	if _, ok := x.Earliest(fps[1], 0, 1); ok {
		t.Error("Earliest: nothing is before id 1")
	}
}

// TestIndexReusesRemovedNodes: a run that replaces fingerprints (articles
// updated in place) does not grow the index's arrays.
func TestIndexReusesRemovedNodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := NewIndex()
	for id := int64(1); id <= 1000; id++ {
		x.Add(id, rng.Uint64())
	}
	for round := 0; round < 3; round++ {
		for id := int64(1); id <= 1000; id++ {
			x.Add(id, rng.Uint64()) // replaces
		}
	}
	if x.n != 1000 || len(x.chunks) != 1 || len(x.free) != 0 {
		t.Errorf("%d slots (%d free) in %d chunks for 1000 fingerprints", x.n, len(x.free), len(x.chunks))
	}
	for id := int64(1); id <= 1000; id++ {
		fp, _ := x.Get(id)
		found := false
		x.Near(fp, 0, func(got int64, _ int) bool { found = found || got == id; return true })
		if !found {
			t.Fatalf("id %d not found after replacements", id)
		}
	}
}

// TestIndexMemory: what a long run's index costs per article, on the heap
// the collector paces itself by.
func TestIndexMemory(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	fps := make([]uint64, 100_000)
	for i := range fps {
		fps[i] = rng.Uint64()
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := NewIndex()
	for i, fp := range fps {
		x.Add(int64(i+1), fp)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-before.HeapAlloc-1<<20) / float64(len(fps)) // less the bucket heads
	t.Logf("%.1f bytes per fingerprint beyond the 1 MiB of bucket heads", per)
	if per > 48 {
		t.Errorf("%.1f bytes per fingerprint, want at most 48", per)
	}
	runtime.KeepAlive(x)
}

// TestIndexRemoveKeepsOthers: removing ids in any order leaves every
// other id reachable (the id table closes its gaps) and its buckets whole.
func TestIndexRemoveKeepsOthers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := NewIndex()
	fps := map[int64]uint64{}
	for id := int64(1); id <= 3000; id++ {
		fps[id] = rng.Uint64() & 0xffff00000000ffff // few bucket values: long chains
		x.Add(id, fps[id])
	}
	for _, i := range rng.Perm(3000)[:2000] {
		id := int64(i + 1)
		x.Remove(id)
		delete(fps, id)
		if _, ok := x.Get(id); ok {
			t.Fatalf("id %d still there after Remove", id)
		}
	}
	if x.Len() != len(fps) {
		t.Fatalf("Len %d, want %d", x.Len(), len(fps))
	}
	for id, fp := range fps {
		if got, ok := x.Get(id); !ok || got != fp {
			t.Fatalf("Get(%d) = %x, %v; want %x", id, got, ok, fp)
		}
		seen := 0
		x.Near(fp, 0, func(got int64, _ int) bool {
			if got == id {
				seen++
			}
			return true
		})
		if seen != bandCount {
			t.Fatalf("id %d found in %d of its %d buckets", id, seen, bandCount)
		}
	}
}

// flip returns fp with n distinct random bits flipped.
func flip(rng *rand.Rand, fp uint64, n int) uint64 {
	for _, b := range rng.Perm(64)[:n] {
		fp ^= 1 << b
	}
	return fp
}

// BenchmarkEarliest looks up a fingerprint among 100,000 stored ones at the
// pipeline's threshold; BenchmarkBruteForce is the scan it replaces.
func BenchmarkEarliest(b *testing.B) {
	x, queries := benchIndex()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x.Earliest(queries[i%len(queries)], Threshold, 1<<62)
	}
}

func BenchmarkBruteForce(b *testing.B) {
	x, queries := benchIndex()
	all := make([]uint64, 0, x.Len())
	for id := int64(1); id <= int64(x.Len()); id++ {
		fp, _ := x.Get(id)
		all = append(all, fp)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		n := 0
		for _, fp := range all {
			if Distance(q, fp) <= Threshold {
				n++ // all of them: the earliest may be anywhere
			}
		}
		_ = n
	}
}

func benchIndex() (*Index, []uint64) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := NewIndex()
	for id := int64(1); id <= 100_000; id++ {
		x.Add(id, rng.Uint64())
	}
	queries := make([]uint64, 1000)
	for i := range queries {
		queries[i] = rng.Uint64() // mostly new articles: nothing near
		if i%4 == 0 {
			fp, _ := x.Get(int64(1 + rng.IntN(100_000)))
			queries[i] = flip(rng, fp, 6)
		}
	}
	return x, queries
}

// TestFingerprintHashIsFNV1a keeps the inline shingle hash equal to
// hash/fnv's FNV-1a, which fingerprints stored by earlier versions used:
// a different hash would stop old and new copies from matching.
func TestFingerprintHashIsFNV1a(t *testing.T) {
	for _, text := range []string{
		"",
		"one",
		"two words",
		"Oracle opened a cloud region in Chile.\nAWS plans a data center in Kenya, its first in East Africa, with three availability zones.",
		"Ünïcode wörds and ASCII words: 380 billion yuan ($52.3 billion) over three years.",
	} {
		if got, want := Fingerprint(text), reference(text); got != want {
			t.Errorf("Fingerprint(%q) = %x, FNV-1a reference %x", text, got, want)
		}
	}
}

// TestFingerprintIsReference holds Fingerprint, which reads words into a
// reused buffer and counts bits in lanes, to the plain reading of its
// definition (reference), on the test articles, generated news of every
// length and random texts of letters that change length when
// lower-cased, invalid UTF-8, digits in other scripts and line breaks.
func TestFingerprintIsReference(t *testing.T) {
	_, texts := corpus(t)
	for i := range 300 {
		texts = append(texts, benchgen.Generate(1, i, i%3 == 0).Text)
	}
	parts := []string{"Oracle ", "opened", " a ", "region", "\n", "\r\n", ".", ", ", "İ", "ẞ", "Σ", "ǅ", "K", "ſ", "\xff", "\xe2\x82",
		"٣", "é", "E\u0301", "_", "-", "2026", "ÅNGSTRÖM", " ", " ", "\t", "日本語", "👍"}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		var b strings.Builder
		for range rnd.IntN(200) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	// Enough distinct shingles to overflow the eight-bit lanes many times.
	var long strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&long, "word%d ", i*7919%1000)
	}
	texts = append(texts, long.String())
	for _, text := range texts {
		if got, want := Fingerprint(text), reference(text); got != want {
			t.Fatalf("Fingerprint(%q) = %x, reference %x", text, got, want)
		}
	}
}

// reference is Fingerprint as its comment defines it, with hash/fnv.
func reference(text string) uint64 {
	{
		words := prose(text)
		if len(words) == 0 {
			return 0
		}
		n := min(ShingleWords, len(words))
		seen := map[uint64]bool{}
		var v [64]int
		for i := 0; i+n <= len(words); i++ {
			h := fnv.New64a()
			h.Write([]byte(strings.Join(words[i:i+n], " ")))
			s := h.Sum64()
			if seen[s] {
				continue
			}
			seen[s] = true
			for b := range 64 {
				if s&(1<<b) != 0 {
					v[b]++
				} else {
					v[b]--
				}
			}
		}
		var fp uint64
		for b := range 64 {
			if v[b] > 0 {
				fp |= 1 << b
			}
		}
		return fp
	}
}

// prose returns the lowercased words of text's lines of at least
// MinLineWords words, or of the whole text when it has none.
func prose(text string) []string {
	var all, kept []string
	for line := range strings.Lines(text) {
		w := words(line)
		all = append(all, w...)
		if len(w) >= MinLineWords {
			kept = append(kept, w...)
		}
	}
	if len(kept) == 0 {
		return all
	}
	return kept
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// BenchmarkFingerprint fingerprints a generated news article of a few KB,
// the work every stored article costs.
func BenchmarkFingerprint(b *testing.B) {
	var sb strings.Builder
	for i := range 40 {
		fmt.Fprintf(&sb, "Oracle said on day %d it would open a cloud region in Chile, its %dth data center worldwide, with three zones.\n", i, i+3)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}

// TestCounterLanes counts hashes that all share bits, past the 255 an
// eight-bit lane holds.
func TestCounterLanes(t *testing.T) {
	const h = uint64(0xF0F0_F0F0_0000_FFFF)
	for _, n := range []int{1, 254, 255, 256, 1000} {
		var c counter
		for i := range n {
			c.add(h | uint64(i%2)<<16)
		}
		c.flush()
		for b, got := range c.ones {
			want := 0
			switch {
			case h&(1<<b) != 0:
				want = n
			case b == 16:
				want = n / 2
			}
			if got != want {
				t.Fatalf("%d hashes: bit %d counted %d times, want %d", n, b, got, want)
			}
		}
	}
}
