package nlp

// valTable numbers the tagger's feature values, as a map[string]uint32
// would, but its keys are parts of the model's feature blob held as
// offsets, so it holds no pointer but the blob's: the garbage collector
// does not walk its entries on every cycle of a run (a Go map of them was
// 2.2 MB of string headers and slots to scan; TestValTableMemory).
type valTable struct {
	blob  string
	start []uint32 // value v's key is blob[start[v] : start[v]+size[v]]; v from 1
	size  []uint32
	slots []uint32 // value numbers by the hash of their key, 0 for none; at most two thirds full
	shift uint     // 64 - log2(len(slots))
}

// strHash is FNV-1a with a final multiply to spread the top bits: the
// keys are words, suffixes and tags of a few bytes, for which a byte loop
// costs less than maphash's call.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h * 0x9e3779b97f4a7c15
}

func newValTable(blob string) valTable {
	return valTable{blob: blob, start: []uint32{0}, size: []uint32{0}, slots: make([]uint32, 1<<12), shift: 64 - 12}
}

func (t *valTable) len() int { return len(t.start) - 1 }

func (t *valTable) key(v uint32) string {
	return t.blob[t.start[v] : t.start[v]+t.size[v]]
}

// find returns the slot of key s: where its number is, or the empty slot
// where it would go.
func (t *valTable) find(s string) int {
	mask := len(t.slots) - 1
	for i := int(strHash(s) >> t.shift); ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 || t.key(v) == s {
			return i
		}
	}
}

// id is the number of value s, 0 when the model has no such value.
func (t *valTable) id(s string) uint32 { return t.slots[t.find(s)] }

// intern returns the number of the value blob[at:at+n], numbering it if
// it is new.
func (t *valTable) intern(at, n int) uint32 {
	s := t.blob[at : at+n]
	i := t.find(s)
	if v := t.slots[i]; v != 0 {
		return v
	}
	v := uint32(len(t.start))
	t.start, t.size = append(t.start, uint32(at)), append(t.size, uint32(n))
	t.slots[i] = v
	if 3*t.len() > 2*len(t.slots) {
		t.grow()
	}
	return v
}

// grow doubles the slots and files every value again.
func (t *valTable) grow() {
	t.slots = make([]uint32, 2*len(t.slots))
	t.shift--
	for v := uint32(1); v < uint32(len(t.start)); v++ {
		t.slots[t.find(t.key(v))] = v
	}
}
