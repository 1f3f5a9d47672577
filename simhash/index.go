package simhash

import "sync"

// Index holds fingerprints by id and finds those within a Hamming distance
// of a query without comparing against all of them (multi-index hashing,
// the band trick of Manku, Jain and Das Sarma, "Detecting near-duplicates
// for web crawling", WWW 2007): each fingerprint is filed under each of its
// four 16-bit bands (a table of 65,536 buckets per band: about 6 MB
// however few fingerprints it holds). Two fingerprints within distance k differ in at most
// k/4 bits of one band at least (pigeonhole), so a query looks in each band
// for the values within k/4 bits of its own: one value per band for k ≤ 3
// (the classic trick), 17 for k ≤ 7, 137 for k ≤ 11. Only the fingerprints
// found there are compared.
//
// An Index is safe for concurrent use.
type Index struct {
	mu    sync.RWMutex
	fps   map[int64]uint64
	bands [bandCount]*[1 << bandBits][]entry // by the band's value
}

// entry is one fingerprint in a band's bucket, held there so that a query
// compares without looking it up.
type entry struct {
	id int64
	fp uint64
}

const (
	bandCount = 4
	bandBits  = 64 / bandCount
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	x := &Index{fps: map[int64]uint64{}}
	for b := range x.bands {
		x.bands[b] = new([1 << bandBits][]entry)
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
	for b := range x.bands {
		k := band(fp, b)
		x.bands[b][k] = append(x.bands[b][k], entry{id, fp})
	}
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
	for b := range x.bands {
		k := band(fp, b)
		es := x.bands[b][k]
		for i, e := range es {
			if e.id == id {
				es[i] = es[len(es)-1]
				es = es[:len(es)-1]
				break
			}
		}
		if len(es) == 0 {
			es = nil
		}
		x.bands[b][k] = es
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
func (x *Index) probe(m *[1 << bandBits][]entry, q uint16, r, from int, fp uint64, k int, fn func(int64, int) bool) bool {
	for _, e := range m[q] {
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
		if !x.probe(m, q^(1<<i), r-1, i+1, fp, k, fn) {
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
