package nlp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/jdkato/prose/v3/tag/aptagmodel"
)

// perceptron is prose's averaged-perceptron part-of-speech tagger
// (github.com/jdkato/prose/v3/tag, MIT licence), read from the same model
// and scoring the same features in the same order, so its tags are prose's
// to the bit. Two things differ, both for speed: features are found in a
// hash map instead of by binary search over the sorted feature blob, and
// tagging can stop after any word and resume later (Tagged), where prose
// tags a whole sentence at once.
//
// A feature is a kind ("i word ") and one or two values (a word, a suffix,
// a tag). Values are numbered once, at load, so that a feature's key is a
// number: a sentence's words are looked up once each, not once for each
// of the five features they take part in.
//
// TestTaggedIsTag compares it with prose's tagger on every token; a prose
// upgrade that changes the model or the features fails there.
type perceptron struct {
	classes  []string
	vals     valTable  // feature value -> number, from 1
	feats    featTable // featKey -> index into pairOff
	bias     int32     // the feature every word has
	pairOff  []uint32
	classIDs []uint8
	weights  []float32
	tagMap   map[string]uint8 // unambiguous words
	// classVals is the value number of each class (a tag), pref1Vals of
	// each one-byte prefix, emptyVal of "": looked up once, at load,
	// rather than for every word.
	classVals []uint32
	pref1Vals [256]uint32
	emptyVal  uint32
}

// featTable maps feature keys to feature indexes by open addressing: the
// tagger looks up thirteen features for each word it scores, most of them
// absent, and a probe of one flat array is cheaper than Go's map. Key 0 is
// no feature (kind 0, the bias, is never stored).
type featTable struct {
	keys  []uint64
	vals  []int32
	shift uint
}

func newFeatTable(n int) featTable {
	bits := uint(1)
	for 1<<bits < 3*n/2 { // at most two thirds full
		bits++
	}
	return featTable{keys: make([]uint64, 1<<bits), vals: make([]int32, 1<<bits), shift: 64 - bits}
}

func (t *featTable) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> t.shift }

func (t *featTable) put(k uint64, v int32) {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		if t.keys[i] == 0 || t.keys[i] == k {
			t.keys[i], t.vals[i] = k, v
			return
		}
	}
}

func (t *featTable) get(k uint64) (int32, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

var model = sync.OnceValues(func() (*perceptron, error) { return readPerceptron(aptagmodel.English) })

// readPerceptron decodes prose's flat model format (prose/v3
// internal/flat): magic, version, classes, then the features in CSR form
// and the unambiguous-word map. Feature strings stay in data.
func readPerceptron(data []byte) (*perceptron, error) {
	r := &modelReader{b: data}
	if string(r.bytes(8)) != "PROSETAG" {
		return nil, errors.New("nlp: not a prose tagger model")
	}
	if v := r.u32(); v != 1 {
		return nil, fmt.Errorf("nlp: tagger model version %d, want 1", v)
	}
	p := &perceptron{}
	nClasses := int(r.u32())
	if r.err != nil || nClasses > 256 {
		return nil, fmt.Errorf("nlp: tagger model: %d classes: %w", nClasses, r.err)
	}
	for range nClasses {
		p.classes = append(p.classes, r.str16())
	}
	nFeatures, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := r.bytes(blobLen)
	featOff := r.u32s(nFeatures + 1)
	p.pairOff = r.u32s(nFeatures + 1)
	p.classIDs = append([]uint8(nil), r.bytes(nPairs)...)
	p.weights = make([]float32, nPairs)
	for i, b := 0, r.bytes(nPairs*4); i < nPairs && b != nil; i++ {
		p.weights[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[i*4:]))
	}
	nTags := int(r.u32())
	if r.err != nil {
		return nil, fmt.Errorf("nlp: tagger model: %w", r.err)
	}
	p.tagMap = make(map[string]uint8, nTags)
	for range nTags {
		w := r.str16()
		id := r.u8()
		if int(id) >= nClasses {
			return nil, fmt.Errorf("nlp: tagger model: word %q has class %d of %d", w, id, nClasses)
		}
		p.tagMap[w] = id
	}
	if r.err != nil {
		return nil, fmt.Errorf("nlp: tagger model: %w", r.err)
	}
	if int(featOff[nFeatures]) != blobLen || int(p.pairOff[nFeatures]) != nPairs {
		return nil, errors.New("nlp: tagger model: offsets do not match the data")
	}
	for _, id := range p.classIDs {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("nlp: tagger model: class %d of %d", id, nClasses)
		}
	}
	for _, c := range p.classes {
		// A tag is the first value of a two-value feature, cut at the space.
		if strings.Contains(c, " ") {
			return nil, fmt.Errorf("nlp: tagger model: tag %q has a space", c)
		}
	}
	blobStr := unsafe.String(unsafe.SliceData(blob), len(blob))
	p.vals = newValTable(blobStr)
	intern := p.vals.intern
	p.feats = newFeatTable(nFeatures)
	p.bias = -1
	for i := range nFeatures {
		lo, hi := featOff[i], featOff[i+1]
		if lo > hi || int(hi) > len(blob) {
			return nil, errors.New("nlp: tagger model: feature offsets out of order")
		}
		f := blobStr[lo:hi]
		if f == "bias" {
			p.bias = int32(i)
			continue
		}
		for kind, prefix := range featKinds {
			rest, ok := strings.CutPrefix(f, prefix)
			if !ok || kind == fBias {
				continue
			}
			at := int(lo) + len(prefix) // rest is blobStr[at:hi]
			var a, b uint32
			if kind == fTagTag || kind == fTagWord {
				i := strings.IndexByte(rest, ' ')
				if i < 0 {
					break // no lookup can build this key
				}
				a, b = intern(at, i), intern(at+i+1, len(rest)-i-1)
			} else {
				a = intern(at, len(rest))
			}
			p.feats.put(featKey(kind, a, b), int32(i))
			break
		}
	}
	if p.vals.len() >= 1<<28 {
		return nil, fmt.Errorf("nlp: tagger model: %d feature values", p.vals.len())
	}
	p.classVals = make([]uint32, len(p.classes))
	for i, c := range p.classes {
		p.classVals[i] = p.vals.id(c)
	}
	for b := range p.pref1Vals {
		p.pref1Vals[b] = p.vals.id(string([]byte{byte(b)}))
	}
	p.emptyVal = p.vals.id("")
	return p, nil
}

type modelReader struct {
	b   []byte
	pos int
	err error
}

func (r *modelReader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.err = fmt.Errorf("truncated at byte %d: want %d more, have %d", r.pos, n, len(r.b)-r.pos)
		return nil
	}
	out := r.b[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *modelReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *modelReader) u8() uint8 {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *modelReader) str16() string {
	b := r.bytes(2)
	if b == nil {
		return ""
	}
	return string(r.bytes(int(binary.LittleEndian.Uint16(b))))
}

func (r *modelReader) u32s(n int) []uint32 {
	b := r.bytes(n * 4)
	out := make([]uint32, n)
	for i := 0; i < n && b != nil; i++ {
		out[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return out
}

// The kinds of features, in prose's order of scoring, with the prefixes
// that name them in the model.
const (
	fBias = iota
	fSuffix
	fPref1
	fTag1
	fTag2
	fTagTag
	fWord
	fTagWord
	fWord1
	fSuffix1
	fWord2
	fNextWord
	fNextSuffix
	fNextWord2
)

var featKinds = [...]string{
	fBias: "bias", fSuffix: "i suffix ", fPref1: "i pref1 ", fTag1: "i-1 tag ", fTag2: "i-2 tag ",
	fTagTag: "i tag+i-2 tag ", fWord: "i word ", fTagWord: "i-1 tag+i word ", fWord1: "i-1 word ",
	fSuffix1: "i-1 suffix ", fWord2: "i-2 word ", fNextWord: "i+1 word ", fNextSuffix: "i+1 suffix ",
	fNextWord2: "i+2 word ",
}

// featKey is the number of the feature of a kind with values a and b (b
// is 0 for one-value kinds): prefix + a, or prefix + a + " " + b.
func featKey(kind int, a, b uint32) uint64 {
	return uint64(kind)<<56 | uint64(a)<<28 | uint64(b)
}

// tagState is a sentence being tagged left to right: the previous two
// tags, the numbers of its words and of their suffixes as far as read,
// and scratch space for scores.
type tagState struct {
	p1, p2 string
	// v1 and v2 are the value numbers of p1 and p2 when vOK.
	v1, v2     uint32
	vOK        bool
	words, suf []uint32 // per ctx position; 0 for a value the model lacks
	scores     []float32
}

// tagAt tags word i of a sentence whose normalised words are ctx, padded
// with two start and two end markers (ctx[i+2] is word i). It is prose's
// Tagger.tagOne with no caller lexicon.
func (p *perceptron) tagAt(st *tagState, i int, ctx []string, word string) string {
	var tag string
	val, valOK := uint32(0), false
	switch {
	case word == "-":
		tag = "-"
	case emoticons[word]:
		tag = "SYM"
	case strings.HasPrefix(word, "@"):
		tag = "NN"
	case (word == "0" || strings.HasPrefix(word, "*")) && noneRe.MatchString(word): // every match is "0" or starts "*"
		tag = "-NONE-"
	case len(word) == 5 && word[0] == '-' && keepRe.MatchString(word):
		tag = word
	default:
		var id int
		if c, ok := p.tagMap[word]; ok {
			id = int(c)
		} else {
			id = p.predict(st, i, ctx, word)
		}
		if id < 0 {
			break
		}
		tag, val, valOK = p.classes[id], p.classVals[id], true
	}
	st.p2, st.p1 = st.p1, tag
	if st.vOK && !valOK {
		val = p.vals.id(tag)
	}
	st.v2, st.v1 = st.v1, val
	return tag
}

// predict is prose's Tagger.predict: the same features, in the same order,
// so that the float32 sums and the tie-breaks are the same. It returns the
// class, -1 when none scores (prose's tag "").
func (p *perceptron) predict(st *tagState, i int, ctx []string, word string) int {
	if st.scores == nil {
		st.scores = make([]float32, len(p.classes))
	}
	clear(st.scores)
	for j := len(st.words); j < len(ctx); j++ {
		st.words = append(st.words, p.vals.id(ctx[j]))
		st.suf = append(st.suf, p.vals.id(suffix3(ctx[j])))
	}
	i = min(len(ctx)-3, i+2)
	if !st.vOK {
		st.v1, st.v2, st.vOK = p.vals.id(st.p1), p.vals.id(st.p2), true
	}
	t1, t2 := st.v1, st.v2
	p.add(st, p.bias)
	p.feat(st, fSuffix, p.vals.id(suffix3(word)), 0)
	pref1 := p.emptyVal
	if word != "" {
		pref1 = p.pref1Vals[word[0]]
	}
	p.feat(st, fPref1, pref1, 0)
	p.feat(st, fTag1, t1, 0)
	p.feat(st, fTag2, t2, 0)
	p.feat(st, fTagTag, t1, t2)
	p.feat(st, fWord, st.words[i], 0)
	p.feat(st, fTagWord, t1, st.words[i])
	p.feat(st, fWord1, st.words[i-1], 0)
	p.feat(st, fSuffix1, st.suf[i-1], 0)
	p.feat(st, fWord2, st.words[i-2], 0)
	p.feat(st, fNextWord, st.words[i+1], 0)
	p.feat(st, fNextSuffix, st.suf[i+1], 0)
	p.feat(st, fNextWord2, st.words[i+2], 0)
	best, bestID := float32(math.Inf(-1)), -1
	for id, s := range st.scores {
		if s > best {
			best, bestID = s, id
		}
	}
	return bestID
}

// feat scores the feature of a kind with values a and b; a value the
// model lacks (0) makes a feature it lacks.
func (p *perceptron) feat(st *tagState, kind int, a, b uint32) {
	if a == 0 || b == 0 && (kind == fTagTag || kind == fTagWord) {
		return
	}
	if f, ok := p.feats.get(featKey(kind, a, b)); ok {
		p.add(st, f)
	}
}

func (p *perceptron) add(st *tagState, f int32) {
	if f < 0 {
		return
	}
	lo, hi := p.pairOff[f], p.pairOff[f+1]
	ids, wts := p.classIDs[lo:hi], p.weights[lo:hi]
	for j := range ids {
		st.scores[ids[j]] += 1 * wts[j]
	}
}

// suffix3 is the last three bytes of w (prose's suffix(w, 3)).
func suffix3(w string) string {
	if len(w) <= 3 {
		return w
	}
	return w[len(w)-3:]
}

// prefix1 is the first byte of w: bytes, not runes, as the model was
// trained.
func prefix1(w string) string {
	if w == "" {
		return ""
	}
	return w[:1]
}

// normalize is prose's mapping of a word onto the model's vocabulary.
func normalize(word string) string {
	if word == "" {
		return word
	}
	first := word[0]
	if first != '-' && strings.IndexByte(word, '-') >= 0 {
		return "!HYPHEN"
	}
	if len(word) == 4 && isDecimalInt(word) {
		return "!YEAR"
	}
	if first >= '0' && first <= '9' {
		return "!DIGITS"
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(word)
		}
	}
	return word
}

func isDecimalInt(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i = 1
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Treebank traces and bracket literals, passed through unscored (prose's
// noneRe and keepRe).
var (
	noneRe = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRe = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// emoticons are prose's (internal/emoticon), tagged SYM.
var emoticons = map[string]bool{
	"(-8":         true,
	"(-;":         true,
	"(-_-)":       true,
	"(._.)":       true,
	"(:":          true,
	"(=":          true,
	"(o:":         true,
	"(¬_¬)":       true,
	"(ಠ_ಠ)":       true,
	"(╯°□°）╯︵┻━┻": true,
	"-__-":        true,
	"8-)":         true,
	"8-D":         true,
	"8D":          true,
	":(":          true,
	":((":         true,
	":(((":        true,
	":()":         true,
	":)))":        true,
	":-)":         true,
	":-))":        true,
	":-)))":       true,
	":-*":         true,
	":-/":         true,
	":-X":         true,
	":-]":         true,
	":-o":         true,
	":-p":         true,
	":-x":         true,
	":-|":         true,
	":-}":         true,
	":0":          true,
	":3":          true,
	":P":          true,
	":]":          true,
	":`(":         true,
	":`)":         true,
	":`-(":        true,
	":o":          true,
	":o)":         true,
	"=(":          true,
	"=)":          true,
	"=D":          true,
	"=|":          true,
	"@_@":         true,
	"O.o":         true,
	"O_o":         true,
	"V_V":         true,
	"XDD":         true,
	"[-:":         true,
	"^___^":       true,
	"o_0":         true,
	"o_O":         true,
	"o_o":         true,
	"v_v":         true,
	"xD":          true,
	"xDD":         true,
	"¯\\(ツ)/¯":    true,
}

// Known reports whether the tagger's model saw word, in any case, when it
// was trained. A capitalised word it never saw opening a sentence is most
// likely a name, which the tagger, knowing nothing of it, may call a
// common noun ("Iozera is building").
func Known(word string) bool {
	p, err := model()
	if err != nil {
		return true
	}
	return p.vals.id(normalize(word)) != 0
}
