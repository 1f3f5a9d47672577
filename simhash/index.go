package simhash

import (
	"math/bits"
	"sync"
)

// Index holds fingerprints by id and finds those within a Hamming distance
// of a query without comparing against all of them (multi-index hashing,
// the band trick of Manku, Jain and Das Sarma, "Detecting near-duplicates
// for web crawling", WWW 2007): each fingerprint is filed under each of its
// four 16-bit bands (a table of 65,536 bucket heads per band: 1 MB for
// the four however few fingerprints it holds). Two fingerprints within distance k differ in at most
// k/4 bits of one band at least (pigeonhole), so a query looks in each band
// for the values within k/4 bits of its own: one value per band for k ≤ 3
// (the classic trick), 17 for k ≤ 7, 137 for k ≤ 11. Only the fingerprints
// found there are compared.
//
// The buckets are chains threaded through arrays linked by index, and
// the ids are found through an open-addressing table of indexes: nothing
// in an Index holds a pointer, so the garbage collector never scans it
// however many fingerprints a long run files, and each fingerprint costs
// some 40 bytes (its id and value, one link per band, and its place in
// the id table), not the 130 of a node per band and a Go map.
//
// An Index is safe for concurrent use.
type Index struct {
	mu    sync.RWMutex
	heads [bandCount][1 << bandBits]int32 // a bucket's first slot, plus one; 0 for none
	// The fingerprints sit in slots, in chunks of a fixed size, so the
	// index grows a chunk at a time: no array twice the size it needs,
	// and no copy of the old one alive next to the new while it grows.
	chunks []*chunk
	n      int32   // slots in use or freed
	free   []int32 // slots freed by Remove, for the next Add
	// ids maps an id to its slot, plus one (0 for an empty place):
	// linear probing, at most half full.
	ids   []int32
	count int // fingerprints held
}

const chunkBits = 12 // 4,096 slots, 128 KiB, a chunk

// chunk holds slots: slot i is element i&(1<<chunkBits-1) of chunk
// i>>chunkBits.
type chunk struct {
	id   [1 << chunkBits]int64
	fp   [1 << chunkBits]uint64
	next [bandCount][1 << chunkBits]int32 // the bucket's next slot, plus one; 0 at its end
}

func (x *Index) slot(i int32) (*chunk, int32) {
	return x.chunks[i>>chunkBits], i & (1<<chunkBits - 1)
}

const (
	bandCount = 4
	bandBits  = 64 / bandCount
)

// NewIndex returns an empty index.
func NewIndex() *Index { return new(Index) }

func band(fp uint64, b int) uint16 { return uint16(fp >> (b * bandBits)) }

// Len is the number of fingerprints held.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.count
}

// hash spreads an id over the table (ids are mostly consecutive).
func hash(id int64) uint64 { return uint64(id) * 0x9e3779b97f4a7c15 }

// find returns the place of id in x.ids, and whether it is there (when not,
// the empty place where it would go).
func (x *Index) find(id int64) (int, bool) {
	if len(x.ids) == 0 {
		return 0, false
	}
	mask := len(x.ids) - 1
	shift := 64 - bits.Len(uint(mask))
	for p := int(hash(id) >> shift); ; p = (p + 1) & mask {
		s := x.ids[p]
		if s == 0 {
			return p, false
		}
		if c, j := x.slot(s - 1); c.id[j] == id {
			return p, true
		}
	}
}

// Add files fp under id, replacing the fingerprint id had.
func (x *Index) Add(id int64, fp uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p, ok := x.find(id); ok {
		s := x.ids[p] - 1
		if c, j := x.slot(s); c.fp[j] == fp {
			return
		}
		x.remove(p)
	}
	if 2*(x.count+1) > len(x.ids) {
		x.grow()
	}
	var s int32
	if k := len(x.free); k > 0 {
		s, x.free = x.free[k-1], x.free[:k-1]
	} else {
		if int(x.n>>chunkBits) == len(x.chunks) {
			x.chunks = append(x.chunks, new(chunk))
		}
		s = x.n
		x.n++
	}
	c, j := x.slot(s)
	c.id[j], c.fp[j] = id, fp
	for b := range bandCount {
		k := band(fp, b)
		c.next[b][j] = x.heads[b][k]
		x.heads[b][k] = s + 1
	}
	p, _ := x.find(id)
	x.ids[p] = s + 1
	x.count++
}

// grow doubles the id table (at least 1,024 places) and files every id
// again.
func (x *Index) grow() {
	old := x.ids
	x.ids = make([]int32, max(1024, 2*len(old)))
	for _, s := range old {
		if s != 0 {
			c, j := x.slot(s - 1)
			p, _ := x.find(c.id[j])
			x.ids[p] = s
		}
	}
}

// Remove forgets id.
func (x *Index) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p, ok := x.find(id); ok {
		x.remove(p)
	}
}

// remove forgets the id at place p of x.ids: it unlinks its slot from its
// four buckets, frees it, and closes the gap in the table (backward-shift
// deletion, so that every id stays reachable from its home place).
func (x *Index) remove(p int) {
	s := x.ids[p] - 1
	c, j := x.slot(s)
	for b := range bandCount {
		k := band(c.fp[j], b)
		prev := int32(0)
		for i := x.heads[b][k]; i != 0; {
			pc, pj := x.slot(i - 1)
			next := pc.next[b][pj]
			if i-1 == s {
				if prev == 0 {
					x.heads[b][k] = next
				} else {
					qc, qj := x.slot(prev - 1)
					qc.next[b][qj] = next
				}
				break
			}
			prev, i = i, next
		}
		c.next[b][j] = 0
	}
	c.id[j], c.fp[j] = 0, 0
	x.free = append(x.free, s)
	x.count--

	mask := len(x.ids) - 1
	shift := 64 - bits.Len(uint(mask))
	x.ids[p] = 0
	for q := (p + 1) & mask; x.ids[q] != 0; q = (q + 1) & mask {
		qc, qj := x.slot(x.ids[q] - 1)
		home := int(hash(qc.id[qj]) >> shift)
		// The id at q may move to the gap at p unless its home lies
		// cyclically in (p, q].
		if (q > p && (home <= p || home > q)) || (q < p && home <= p && home > q) {
			x.ids[p], x.ids[q] = x.ids[q], 0
			p = q
		}
	}
}

// Get returns the fingerprint filed under id.
func (x *Index) Get(id int64) (uint64, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	p, ok := x.find(id)
	if !ok {
		return 0, false
	}
	c, j := x.slot(x.ids[p] - 1)
	return c.fp[j], true
}

// Near calls fn with every id whose fingerprint is within distance k of fp
// (k at most 63), possibly more than once each; fn returns false to stop.
func (x *Index) Near(fp uint64, k int, fn func(id int64, dist int) bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r := k / bandCount
	for b := range bandCount {
		if !x.probe(b, band(fp, b), r, 0, fp, k, fn) {
			return
		}
	}
}

// probe visits the bucket of q in band b and, while r > 0, those of the
// values that differ from q in r more bits at positions from 'from' on.
func (x *Index) probe(b int, q uint16, r, from int, fp uint64, k int, fn func(int64, int) bool) bool {
	for i := x.heads[b][q]; i != 0; {
		c, j := x.slot(i - 1)
		if d := Distance(fp, c.fp[j]); d <= k {
			if !fn(c.id[j], d) {
				return false
			}
		}
		i = c.next[b][j]
	}
	if r == 0 {
		return true
	}
	for i := from; i < bandBits; i++ {
		if !x.probe(b, q^(1<<i), r-1, i+1, fp, k, fn) {
			return false
		}
	}
	return true
}

// Earliest returns the smallest id below before whose fingerprint is within
// distance k of fp, and false when there is none.
func (x *Index) Earliest(fp uint64, k int, before int64) (int64, bool) {
	best, found := int64(0), false
	x.Near(fp, k, func(id int64, _ int) bool {
		if id < before && (!found || id < best) {
			best, found = id, true
		}
		return true
	})
	return best, found
}
