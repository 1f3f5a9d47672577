// Package simhash fingerprints article text so that near-duplicates (the
// same wire story on two sites, each with its own page furniture) have
// fingerprints a few bits apart, and finds the stored fingerprints near a
// new one without comparing against every one of them.
//
// The fingerprint is Charikar's SimHash over 3-word shingles, as
// trafilatura's deduplication does: each distinct shingle is hashed to 64
// bits with FNV-1a, and bit i of the fingerprint is set when more shingles
// have bit i set than not. Only prose counts: lines of fewer than
// MinLineWords words (menus, bylines, "Share this story", "Related
// stories", copyright lines) are left out before shingling, so two copies
// of one story in different page boilerplate fingerprint alike.
package simhash

import (
	"math/bits"
	"strings"
	"unicode"
)

// ShingleWords is the number of consecutive words in a shingle.
const ShingleWords = 3

// MinLineWords is the fewest words a line needs to count as prose. A
// text with no such line is fingerprinted whole.
const MinLineWords = 8

// Threshold is the largest Hamming distance, of 64 bits, at which two
// fingerprints are taken for the same story. Measured on the 65 seed and
// development articles (all cloud expansion news: the same providers,
// countries and phrases), distinct articles differ by 19 bits or more
// (1st percentile 22, median 32: close to the 32 ± 4 of unrelated
// hashes, for which 8 bits or fewer happens once in 4·10⁹ pairs, so once
// in some 40,000 look-ups against 100,000 stored articles). The same text
// wrapped in other page boilerplate differs by a median of 6 bits (90th
// percentile 8, more when the boilerplate holds long sentences, such as a
// newsletter pitch, and the article is short), and a one-word edit by at
// most 7. The classic 3 bits would miss most copies of a short article.
const Threshold = 8

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// Fingerprint returns the 64-bit SimHash of text's prose: 3-word shingles of
// its lowercased words (runs of letters and digits), each distinct shingle
// counted once. A text of fewer than ShingleWords words has its words as
// one shingle; an empty text has fingerprint 0.
func Fingerprint(text string) uint64 {
	words := prose(text)
	if len(words) == 0 {
		return 0
	}
	n := ShingleWords
	if len(words) < n {
		n = len(words)
	}
	seen := make(map[uint64]struct{}, len(words))
	var v [64]int
	for i := 0; i+n <= len(words); i++ {
		// FNV-1a over the shingle's words joined by spaces, inline: the
		// same hash as hash/fnv's New64a, without a hasher per shingle.
		s := uint64(fnvOffset64)
		for j, w := range words[i : i+n] {
			if j > 0 {
				s ^= ' '
				s *= fnvPrime64
			}
			for k := 0; k < len(w); k++ {
				s ^= uint64(w[k])
				s *= fnvPrime64
			}
		}
		if _, dup := seen[s]; dup {
			continue
		}
		seen[s] = struct{}{}
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

// Distance is the Hamming distance between two fingerprints: the number of
// bits in which they differ.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
