package simhash

import "sync"

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
// The buckets are chains threaded through one array of nodes per band,
// linked by index: nothing in an Index holds a pointer, so the garbage
// collector never scans it however many fingerprints a long run files (a
// slice per bucket made 262,144 slice headers to scan on every cycle, and
// the cycles came more often as the heap grew).
//
// An Index is safe for concurrent use.
type Index struct {
	mu    sync.RWMutex
	fps   map[int64]uint64
	bands [bandCount]*bandTable
}

// bandTable files the fingerprints under one band's value. Its nodes sit
// in chunks of a fixed size, so the table grows by a chunk at a time:
// no array twice the size it needs, and no copy of the old one alive next
// to the new while it grows.
type bandTable struct {
	heads  [1 << bandBits]int32 // the bucket's first node, plus one; 0 for none
	chunks [][]node
	n      int32 // nodes in use or freed
	free   int32 // a node removed, plus one, for the next Add; 0 for none
}

const chunkBits = 12 // 4,096 nodes, 96 KiB, a chunk

// at is node i (from 0).
func (t *bandTable) at(i int32) *node { return &t.chunks[i>>chunkBits][i&(1<<chunkBits-1)] }

// node is one fingerprint in a band's bucket, held there so that a query
// compares without looking it up.
type node struct {
	id   int64
	fp   uint64
	next int32 // the bucket's next node, plus one; 0 at its end
}

const (
	bandCount = 4
	bandBits  = 64 / bandCount
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	x := &Index{fps: map[int64]uint64{}}
	for b := range x.bands {
		x.bands[b] = new(bandTable)
	}
	return x
}

func band(fp uint64, b int) uint16 { return uint16(fp >> (b * bandBits)) }

// Len is the number of fingerprints held.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.fps)
}

// Add files fp under id, replacing the fingerprint id had.
func (x *Index) Add(id int64, fp uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if old, ok := x.fps[id]; ok {
		if old == fp {
			return
		}
		x.remove(id, old)
	}
	x.fps[id] = fp
	for b, t := range x.bands {
		t.add(band(fp, b), id, fp)
	}
}

func (t *bandTable) add(k uint16, id int64, fp uint64) {
	n := node{id: id, fp: fp, next: t.heads[k]}
	if t.free != 0 {
		i := t.free
		t.free = t.at(i - 1).next
		*t.at(i - 1) = n
		t.heads[k] = i
		return
	}
	if int(t.n>>chunkBits) == len(t.chunks) {
		t.chunks = append(t.chunks, make([]node, 1<<chunkBits))
	}
	*t.at(t.n) = n
	t.n++
	t.heads[k] = t.n
}

// Remove forgets id.
func (x *Index) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if old, ok := x.fps[id]; ok {
		x.remove(id, old)
	}
}

func (x *Index) remove(id int64, fp uint64) {
	delete(x.fps, id)
	for b, t := range x.bands {
		t.remove(band(fp, b), id)
	}
}

func (t *bandTable) remove(k uint16, id int64) {
	prev := int32(0)
	for i := t.heads[k]; i != 0; prev, i = i, t.at(i-1).next {
		n := t.at(i - 1)
		if n.id != id {
			continue
		}
		if prev == 0 {
			t.heads[k] = n.next
		} else {
			t.at(prev - 1).next = n.next
		}
		*n = node{next: t.free}
		t.free = i
		return
	}
}

// Get returns the fingerprint filed under id.
func (x *Index) Get(id int64) (uint64, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	fp, ok := x.fps[id]
	return fp, ok
}

// Near calls fn with every id whose fingerprint is within distance k of fp
// (k at most 63), possibly more than once each; fn returns false to stop.
func (x *Index) Near(fp uint64, k int, fn func(id int64, dist int) bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r := k / bandCount
	for b := range x.bands {
		q := band(fp, b)
		if !x.probe(x.bands[b], q, r, 0, fp, k, fn) {
			return
		}
	}
}

// probe visits the bucket of q and, while r > 0, those of the values that
// differ from q in r more bits at positions from 'from' on.
func (x *Index) probe(t *bandTable, q uint16, r, from int, fp uint64, k int, fn func(int64, int) bool) bool {
	for i := t.heads[q]; i != 0; i = t.at(i - 1).next {
		e := t.at(i - 1)
		if d := Distance(fp, e.fp); d <= k {
			if !fn(e.id, d) {
				return false
			}
		}
	}
	if r == 0 {
		return true
	}
	for i := from; i < bandBits; i++ {
		if !x.probe(t, q^(1<<i), r-1, i+1, fp, k, fn) {
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
