package geo

import (
	"fmt"
	"hash/maphash"
	"math/bits"
)

// places is the gazetteer's trie as Find reads it, built from the map trie
// once the data is read (freeze): the edges in one open-addressing table,
// their words in one string, the entries and their targets in flat arrays.
// It holds no pointer but those of the string and the table of country
// codes, so the garbage collector does not walk it: with the country
// names, 2.0 MB in under a thousand heap objects, where the map trie took
// 6.7 MB in 150,000 (37,000 nodes, 9,800 maps, 29,000 entries and their
// target slices; TestGazetteerMemory).
type places struct {
	words string  // the edges' words, one after another
	edges []edge  // open addressing by (parent, word); len a power of two
	shift uint    // 64 - log2(len(edges))
	ent   []int32 // a node's entry (an index into ents), plus one; 0 for none
	ents  []place
	tgts  []placeTarget
	codes []string // country codes, by number
}

// edge leads from node parent by a word to node child. Node 0 is the root;
// child 0 marks an empty place in the table.
type edge struct {
	parent, child int32
	off           uint32 // the word is words[off : off+n]
	n             uint32
}

// place is an entry of the trie (see entry, whose fields it keeps).
type place struct {
	tgt        uint32 // its targets are tgts[tgt : tgt+ntgt]; the first is the default
	ntgt       uint16
	guard      guard
	stop       bool
	articleOut bool
	generated  bool
	context    bool
}

type placeTarget struct {
	code uint8 // codes[code]
	kind uint8 // a Kind
}

func (p *places) targets(e int32) []placeTarget {
	pl := &p.ents[e]
	return p.tgts[pl.tgt : pl.tgt+uint32(pl.ntgt)]
}

func (p *places) target(t placeTarget) target {
	return target{country: p.codes[t.code], kind: Kind(t.kind)}
}

var edgeSeed = maphash.MakeSeed()

// edgeHash mixes the parent's number into the word's hash (the runtime's,
// as a map's).
func edgeHash(parent int32, word string) uint64 {
	return (maphash.String(edgeSeed, word) ^ uint64(parent)) * 0x9e3779b97f4a7c15
}

// child is the node reached from parent by word, or 0.
func (p *places) child(parent int32, word string) int32 {
	mask := len(p.edges) - 1
	for i := int(edgeHash(parent, word) >> p.shift); ; i = (i + 1) & mask {
		e := &p.edges[i]
		if e.child == 0 {
			return 0
		}
		if e.parent == parent && int(e.n) == len(word) && p.words[e.off:e.off+e.n] == word {
			return e.child
		}
	}
}

// entry is node n's entry, or -1.
func (p *places) entry(n int32) int32 { return p.ent[n] - 1 }

// freeze builds g's places from its map trie and drops the map trie.
func (g *gazetteer) freeze() error {
	var p places
	codeNum := map[string]uint8{}
	// Count the nodes first: the table is sized once.
	var count func(m map[string]*node) int
	count = func(m map[string]*node) int {
		n := len(m)
		for _, c := range m {
			n += count(c.next)
		}
		return n
	}
	nodes := count(g.root)
	size := 1
	for 2*size < 3*nodes { // at most two thirds full
		size *= 2
	}
	p.edges = make([]edge, size)
	p.shift = uint(64 - (bits.Len(uint(size)) - 1))
	p.ent = make([]int32, 1, nodes+1)
	var words []byte
	var add func(parent int32, m map[string]*node) error
	add = func(parent int32, m map[string]*node) error {
		for word, n := range m {
			id := int32(len(p.ent))
			e := int32(0)
			if n.ent != nil {
				e = int32(len(p.ents)) + 1
				pl := place{tgt: uint32(len(p.tgts)), ntgt: uint16(len(n.ent.targets)), guard: n.ent.guard,
					stop: n.ent.stop, articleOut: n.ent.articleOut, generated: n.ent.generated, context: n.ent.context}
				for _, t := range n.ent.targets {
					c, ok := codeNum[t.country]
					if !ok {
						if len(p.codes) == 256 {
							return fmt.Errorf("geo: more than 256 country codes")
						}
						c = uint8(len(p.codes))
						codeNum[t.country] = c
						p.codes = append(p.codes, t.country)
					}
					p.tgts = append(p.tgts, placeTarget{code: c, kind: uint8(t.kind)})
				}
				p.ents = append(p.ents, pl)
			}
			p.ent = append(p.ent, e)
			mask := len(p.edges) - 1
			i := int(edgeHash(parent, word) >> p.shift)
			for p.edges[i].child != 0 {
				i = (i + 1) & mask
			}
			p.edges[i] = edge{parent: parent, child: id, off: uint32(len(words)), n: uint32(len(word))}
			words = append(words, word...)
			if err := add(id, n.next); err != nil {
				return err
			}
		}
		return nil
	}
	if err := add(0, g.root); err != nil {
		return err
	}
	p.words = string(words)
	g.places, g.root = p, nil
	return nil
}
