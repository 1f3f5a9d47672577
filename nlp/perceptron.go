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
// TestTaggedIsTag compares it with prose's tagger on every token; a prose
// upgrade that changes the model or the features fails there.
type perceptron struct {
	classes  []string
	feats    map[string]int32 // feature -> index into pairOff
	pairOff  []uint32
	classIDs []uint8
	weights  []float32
	tagMap   map[string]uint8 // unambiguous words
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
	p.feats = make(map[string]int32, nFeatures)
	for i := range nFeatures {
		lo, hi := featOff[i], featOff[i+1]
		if lo > hi {
			return nil, errors.New("nlp: tagger model: feature offsets out of order")
		}
		if lo == hi {
			p.feats[""] = int32(i)
			continue
		}
		p.feats[unsafe.String(&blob[lo], hi-lo)] = int32(i)
	}
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

// tagState is a sentence being tagged left to right: the previous two
// tags, and scratch space for scores and feature keys.
type tagState struct {
	p1, p2 string
	scores []float32
	key    []byte
}

// tagAt tags word i of a sentence whose normalised words are ctx, padded
// with two start and two end markers (ctx[i+2] is word i). It is prose's
// Tagger.tagOne with no caller lexicon.
func (p *perceptron) tagAt(st *tagState, i int, ctx []string, word string) string {
	var tag string
	switch {
	case word == "-":
		tag = "-"
	case emoticons[word]:
		tag = "SYM"
	case strings.HasPrefix(word, "@"):
		tag = "NN"
	case noneRe.MatchString(word):
		tag = "-NONE-"
	case keepRe.MatchString(word):
		tag = word
	default:
		if id, ok := p.tagMap[word]; ok {
			tag = p.classes[id]
		} else {
			tag = p.predict(st, i, ctx, word)
		}
	}
	st.p2, st.p1 = st.p1, tag
	return tag
}

// predict is prose's Tagger.predict: the same features, in the same order,
// so that the float32 sums and the tie-breaks are the same.
func (p *perceptron) predict(st *tagState, i int, ctx []string, word string) string {
	if st.scores == nil {
		st.scores = make([]float32, len(p.classes))
	}
	clear(st.scores)
	i = min(len(ctx)-3, i+2)
	p1, p2 := st.p1, st.p2
	p.feat(st, "bias")
	p.feat(st, "i suffix ", suffix3(word))
	p.feat(st, "i pref1 ", prefix1(word))
	p.feat(st, "i-1 tag ", p1)
	p.feat(st, "i-2 tag ", p2)
	p.feat(st, "i tag+i-2 tag ", p1, " ", p2)
	p.feat(st, "i word ", ctx[i])
	p.feat(st, "i-1 tag+i word ", p1, " ", ctx[i])
	p.feat(st, "i-1 word ", ctx[i-1])
	p.feat(st, "i-1 suffix ", suffix3(ctx[i-1]))
	p.feat(st, "i-2 word ", ctx[i-2])
	p.feat(st, "i+1 word ", ctx[i+1])
	p.feat(st, "i+1 suffix ", suffix3(ctx[i+1]))
	p.feat(st, "i+2 word ", ctx[i+2])
	best, bestID := float32(math.Inf(-1)), -1
	for id, s := range st.scores {
		if s > best {
			best, bestID = s, id
		}
	}
	if bestID < 0 {
		return ""
	}
	return p.classes[bestID]
}

func (p *perceptron) feat(st *tagState, parts ...string) {
	st.key = st.key[:0]
	for _, s := range parts {
		st.key = append(st.key, s...)
	}
	f, ok := p.feats[string(st.key)]
	if !ok {
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
