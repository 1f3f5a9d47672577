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
	"sync"
	"unicode"
	"unicode/utf8"
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
//
// Every stored article is fingerprinted, so the words are lower-cased into
// one reused buffer rather than a string each, the distinct shingles are
// kept in an open-addressing set, and the bits are counted eight at a time.
func Fingerprint(text string) uint64 {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	words := sc.prose(text)
	if len(words) == 0 {
		return 0
	}
	n := min(ShingleWords, len(words))
	sc.resetSet(len(words))
	var c counter
	for i := 0; i+n <= len(words); i++ {
		// FNV-1a over the shingle's words joined by spaces, inline: the
		// same hash as hash/fnv's New64a, without a hasher per shingle.
		s := uint64(fnvOffset64)
		for j, w := range words[i : i+n] {
			if j > 0 {
				s ^= ' '
				s *= fnvPrime64
			}
			for _, b := range sc.buf[w.start:w.end] {
				s ^= uint64(b)
				s *= fnvPrime64
			}
		}
		if sc.add(s) {
			c.add(s)
		}
	}
	return c.fingerprint()
}

// span is a word's bytes in scratch.buf.
type span struct{ start, end int }

// scratch is the memory of one Fingerprint, reused through scratchPool.
type scratch struct {
	buf       []byte // the lower-cased words, back to back
	all, kept []span
	line      []span // the words of the current line
	set       []uint64
	zero      bool // the set holds the hash 0, which marks empty slots
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// prose returns the lowercased words of text's lines of at least
// MinLineWords words, or of the whole text when it has none. A word is a
// run of runes that are letters or digits once lower-cased, as
// strings.FieldsFunc over strings.ToLower(text) would cut it.
func (sc *scratch) prose(text string) []span {
	sc.buf, sc.all, sc.kept, sc.line = sc.buf[:0], sc.all[:0], sc.kept[:0], sc.line[:0]
	endLine := func() {
		if len(sc.line) >= MinLineWords {
			sc.kept = append(sc.kept, sc.line...)
		}
		sc.line = sc.line[:0]
	}
	start := -1 // start in buf of the word being read
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if start < 0 {
					start = len(sc.buf)
				}
				sc.buf = append(sc.buf, c)
				i++
				continue
			}
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			r = unicode.ToLower(r)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = len(sc.buf)
				}
				sc.buf = utf8.AppendRune(sc.buf, r)
				i += size
				continue
			}
		}
		if start >= 0 {
			w := span{start, len(sc.buf)}
			sc.all, sc.line = append(sc.all, w), append(sc.line, w)
			start = -1
		}
		if r == '\n' {
			endLine()
		}
		i += size
	}
	if start >= 0 {
		w := span{start, len(sc.buf)}
		sc.all, sc.line = append(sc.all, w), append(sc.line, w)
	}
	endLine()
	if len(sc.kept) == 0 {
		return sc.all
	}
	return sc.kept
}

// resetSet empties the shingle set, with room for n members.
func (sc *scratch) resetSet(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(sc.set) < size {
		sc.set = make([]uint64, size)
	} else {
		sc.set = sc.set[:size]
		clear(sc.set)
	}
	sc.zero = false
}

// add puts h in the set and reports whether it was new.
func (sc *scratch) add(h uint64) bool {
	if h == 0 {
		added := !sc.zero
		sc.zero = true
		return added
	}
	mask := uint64(len(sc.set) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		switch sc.set[i] {
		case h:
			return false
		case 0:
			sc.set[i] = h
			return true
		}
	}
}

// counter counts, for each of 64 bits, the hashes that have it set: in
// eight-bit lanes, eight bits per add (spread), moved to wide counts
// before a lane can overflow.
type counter struct {
	lanes   [8]uint64
	inLanes int
	ones    [64]int
	total   int
}

// spread[x] has bit b of x in the lowest bit of byte b.
var spread = func() (t [256]uint64) {
	for x := range 256 {
		for b := range 8 {
			if x&(1<<b) != 0 {
				t[x] |= 1 << (8 * b)
			}
		}
	}
	return t
}()

func (c *counter) add(h uint64) {
	for k := range 8 {
		c.lanes[k] += spread[byte(h>>(8*k))]
	}
	c.total++
	if c.inLanes++; c.inLanes == 255 {
		c.flush()
	}
}

func (c *counter) flush() {
	for k, l := range c.lanes {
		for b := range 8 {
			c.ones[8*k+b] += int(l >> (8 * b) & 0xff)
		}
	}
	c.lanes, c.inLanes = [8]uint64{}, 0
}

// fingerprint sets bit b when more hashes have bit b set than not.
func (c *counter) fingerprint() uint64 {
	c.flush()
	var fp uint64
	for b, n := range c.ones {
		if 2*n > c.total {
			fp |= 1 << b
		}
	}
	return fp
}

// Distance is the Hamming distance between two fingerprints: the number of
// bits in which they differ.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
