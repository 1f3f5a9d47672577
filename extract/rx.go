package extract

import (
	"encoding/binary"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/cloudfacts/ingest/quantity"
)

// The rules ask a hundred regular expressions of every sentence, and most
// of them fail: a sentence about a new region says nothing of "yuan",
// "outside" or "takeover of". Go's regexp engine finds that out by trying
// the pattern at every byte. An rx first asks the cheap question instead:
// does the text contain the literal words every match must contain? Those
// words are read from the pattern itself (mustRx), so the answer can only
// say "no" when the pattern could not match; when it says "maybe", the
// regexp runs as before. Results are therefore identical to the bare
// regexp's; only the time differs.

// rx is a regexp with a literal prefilter.
type rx struct {
	re *regexp.Regexp
	// need is a conjunction of alternatives: a match contains, for each
	// set, one of its strings. Most selective set first.
	need [][]factor
	fold bool // some factor is case-insensitive
	// scan holds, for each set of need with many members, the members by
	// first byte, case-sensitive and not: one pass over the text finds
	// any of them, where a search per member would pass many times.
	scan []*setScan
	// words answers MatchString without the regexp for a pattern that is
	// a list of words between \b's; nil for any other pattern.
	words *wordList
	// check, when set, is a further test a text must pass to match, one
	// the pattern's literals cannot say (withCheck).
	check func(string) bool
	// tail bounds, for a pattern whose every match ends at the end of the
	// text ($), the runs of non-space characters a match spans; 0 for any
	// other pattern. Such look-behinds are asked of the text before a
	// word, and Go's engine tries them from every byte of it: only the
	// last tail runs (tailWindow) can hold a match.
	tail int
	// span bounds the runs of any match of a pattern without ^ or $, and
	// anchor is a set of literals one of which every match contains (one
	// of need): then every match lies within span runs of an anchor's
	// occurrence, and FindAll reads only those windows (anchorWindows).
	// Sentences run to 40 words; most patterns match within a few.
	span       int
	anchor     []factor
	anchorScan *setScan // anchor by first byte, for a long one
	// ends, for a pattern anchored at $, are the strings one of which a
	// text must end with, once its trailing spaces are trimmed, to match
	// ("in" and "the" for `in\s+(?:the\s+)?$`); nil when not known.
	ends []factor
}

type setScan struct {
	exact, fold byFirstByte
}

// byFirstByte groups strings by their first byte: first[c] is 1 + the
// index in groups of those starting with c, 0 when none does.
type byFirstByte struct {
	first  [256]uint8
	groups [][]string
	// pairs has the bit of the first two bytes of every string of two or
	// more; short counts those of one byte. Letters are common first
	// bytes, pairs of them far less so: in skips most places by one test.
	pairs *[1 << 16 / 64]uint64
	short int
}

func (b *byFirstByte) add(m string) {
	g := b.first[m[0]]
	if g == 0 {
		b.groups = append(b.groups, nil)
		g = uint8(len(b.groups))
		b.first[m[0]] = g
	}
	b.groups[g-1] = append(b.groups[g-1], m)
}

// indexPairs fills pairs and short, which in reads.
func (b *byFirstByte) indexPairs() {
	if len(b.groups) == 0 {
		return // in answers without looking
	}
	b.pairs, b.short = new([1 << 16 / 64]uint64), 0
	for _, g := range b.groups {
		for _, m := range g {
			if len(m) == 1 {
				b.short++
				continue
			}
			k := uint32(m[0])<<8 | uint32(m[1])
			b.pairs[k/64] |= 1 << (k % 64)
		}
	}
}

// manyMembers is the size from which a set is scanned, not searched.
const manyMembers = 4

// factor is a literal a match must contain; a fold factor is ASCII
// lower-case and is looked for in the ASCII-lower-cased text. A class
// factor is a set of ASCII bytes ("0123456789" for \d), one of which a
// match must contain.
type factor struct {
	s     string
	fold  bool
	class bool
}

// allRx lists every rx, for the test that proves the prefilters sound.
var allRx []*rx

// mustRx compiles expr like regexp.MustCompile and derives its prefilter.
func mustRx(expr string) *rx {
	r := &rx{re: regexp.MustCompile(expr)}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err) // unreachable: MustCompile accepted expr
	}
	in := analyseRe(re.Simplify())
	need := in.need
	if in.exact != nil {
		if s := exactSet(in.exact); s != nil {
			need = append(need, s)
		}
	}
	for i, set := range need {
		need[i] = minimalSet(set)
	}
	slices.SortStableFunc(need, func(a, b []factor) int { return setScore(b) - setScore(a) })
	if len(need) > maxSets {
		need = need[:maxSets]
	}
	// A long list whose members share a word ("this year", "next year",
	// "last year") is first asked for that word: one search instead of
	// many, and most texts lack it.
	for _, set := range need {
		if c, ok := commonPart(set); ok {
			need = append(need, []factor{c})
		}
	}
	// Cheap and selective first: single strings, then short lists.
	slices.SortStableFunc(need, func(a, b []factor) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return setScore(b) - setScore(a)
	})
	r.need = need
	r.scan = make([]*setScan, len(need))
	for i, set := range need {
		if len(set) < manyMembers || len(set) > 255 || slices.ContainsFunc(set, func(f factor) bool { return f.class }) {
			continue
		}
		sc := &setScan{}
		for _, f := range set {
			if f.fold {
				sc.fold.add(f.s)
			} else {
				sc.exact.add(f.s)
			}
		}
		sc.exact.indexPairs()
		sc.fold.indexPairs()
		r.scan[i] = sc
	}
	r.words = newWordList(re.Simplify())
	if in := spaceRuns(re); in.max > 0 && !hasTextAnchor(re) && r.words == nil {
		for i, set := range r.need {
			if len(set) > maxAnchors && r.scan[i] == nil || slices.ContainsFunc(set, func(f factor) bool { return f.class || len(f.s) < 3 }) {
				continue
			}
			if r.anchor == nil || setScore(set) > setScore(r.anchor) {
				r.span, r.anchor, r.anchorScan = in.max, set, r.scan[i]
			}
		}
	}
	if endsAtEnd(re) {
		if in := spaceRuns(re); in.max > 0 {
			r.tail = in.max
		}
		if ends, ok := endLits([]*syntax.Regexp{re}); ok {
			r.ends = ends
		}
	}
	allRx = append(allRx, r)
	for _, set := range need {
		for _, f := range set {
			r.fold = r.fold || f.fold
		}
	}
	return r
}

const (
	maxExact = 24 // strings tracked in an exact set before giving up on it
	maxSets  = 3  // sets derived from the pattern checked per call
)

// reInfo is what a pattern node tells about the text it matches: exactly
// one of a few strings (exact, nil when unknown or too many), and sets of
// which the text must contain a member (need).
type reInfo struct {
	exact []factor
	need  [][]factor
}

func analyseRe(re *syntax.Regexp) reInfo {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		s := string(re.Rune)
		if fold {
			for _, r := range re.Rune {
				if !foldsAsASCII(r) {
					// Non-ASCII folding is not what asciiLower does.
					return reInfo{}
				}
			}
			s = asciiLower(s)
		}
		return reInfo{exact: []factor{{s: s, fold: fold}}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return reInfo{exact: []factor{{}}}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n <= 4 {
			var out []factor
			for i := 0; i < len(re.Rune); i += 2 {
				for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
					out = append(out, factor{s: string(r)})
				}
			}
			return reInfo{exact: out}
		}
		if re.Rune[len(re.Rune)-1] >= utf8.RuneSelf || n > 32 {
			return reInfo{}
		}
		var b strings.Builder
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				b.WriteRune(r)
			}
		}
		if strings.ContainsAny(b.String(), " \t\n") {
			return reInfo{} // \s and the like: every text has one
		}
		return reInfo{need: [][]factor{{{s: b.String(), class: true}}}}
	case syntax.OpCapture:
		return analyseRe(re.Sub[0])
	case syntax.OpQuest:
		in := analyseRe(re.Sub[0])
		if in.exact != nil && len(in.exact) < maxExact {
			return reInfo{exact: append(slices.Clone(in.exact), factor{})}
		}
		return reInfo{}
	case syntax.OpPlus:
		return required(analyseRe(re.Sub[0]))
	case syntax.OpRepeat:
		if re.Min == 0 {
			return reInfo{}
		}
		in := analyseRe(re.Sub[0])
		if re.Min == 1 && re.Max == 1 {
			return in
		}
		return required(in)
	case syntax.OpConcat:
		var out reInfo
		cur := []factor{{}}
		allExact := true
		flush := func() {
			allExact = false
			if s := exactSet(cur); s != nil {
				out.need = append(out.need, s)
			}
			cur = []factor{{}}
		}
		for _, sub := range re.Sub {
			in := analyseRe(sub)
			if in.exact != nil && len(cur)*len(in.exact) <= maxExact {
				cur = cross(cur, in.exact)
				continue
			}
			flush()
			if in.exact != nil {
				cur = in.exact
			}
			out.need = append(out.need, in.need...)
		}
		if allExact {
			return reInfo{exact: cur}
		}
		flush()
		return out
	case syntax.OpAlternate:
		var exact []factor
		allExact := true
		for _, sub := range re.Sub {
			in := analyseRe(sub)
			if in.exact == nil || len(exact)+len(in.exact) > maxExact {
				allExact = false
				break
			}
			exact = append(exact, in.exact...)
		}
		if allExact {
			return reInfo{exact: exact}
		}
		var union []factor
		for _, sub := range re.Sub {
			best := bestSet(analyseRe(sub))
			if best == nil {
				return reInfo{}
			}
			union = append(union, best...)
		}
		return reInfo{need: [][]factor{union}}
	}
	return reInfo{}
}

// required is what a node repeated at least once requires: what the node
// requires, or one of its exact strings.
func required(in reInfo) reInfo {
	if in.exact != nil {
		if s := exactSet(in.exact); s != nil {
			return reInfo{need: [][]factor{s}}
		}
		return reInfo{}
	}
	return reInfo{need: in.need}
}

// exactSet turns an exact set into a requirement, nil when it allows the
// empty string (and so requires nothing).
func exactSet(fs []factor) []factor {
	if len(fs) == 0 {
		return nil
	}
	for _, f := range fs {
		if f.s == "" {
			return nil
		}
	}
	return fs
}

func bestSet(in reInfo) []factor {
	var best []factor
	if in.exact != nil {
		best = exactSet(in.exact)
	}
	for _, s := range in.need {
		if best == nil || setScore(s) > setScore(best) {
			best = s
		}
	}
	return best
}

// setScore ranks a requirement by its shortest member, the longer the
// rarer, and then by its size, the smaller the better.
func setScore(fs []factor) int {
	short, wide := 1<<20, 0
	for _, f := range fs {
		if f.class {
			// One byte of a class: the least selective, and the wider
			// the class the less.
			short, wide = 0, wide+len(f.s)
			continue
		}
		short = min(short, len(f.s))
	}
	return short*100 - len(fs) - wide
}

// minimalSet drops the members that contain another member: a text that
// contains them contains the other too.
func minimalSet(set []factor) []factor {
	var out []factor
	for i, x := range set {
		redundant := false
		for j, y := range set {
			if i == j || x.class || y.class {
				continue
			}
			implied := y.fold && strings.Contains(asciiLower(x.s), y.s) || !y.fold && !x.fold && strings.Contains(x.s, y.s)
			// Of two members that imply each other, keep the first.
			if implied && (x != y || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, x)
		}
	}
	return out
}

// commonPart is the longest string of at least three bytes that every
// member of a list of three or more contains, case-insensitive unless
// every member is case-sensitive.
func commonPart(set []factor) (factor, bool) {
	if len(set) < 3 {
		return factor{}, false
	}
	fold := false
	for _, f := range set {
		if f.class {
			return factor{}, false
		}
		fold = fold || f.fold
	}
	norm := func(f factor) string {
		if fold {
			return asciiLower(f.s)
		}
		return f.s
	}
	first := norm(set[0])
	for n := len(first); n >= 3; n-- {
		for i := 0; i+n <= len(first); i++ {
			c := first[i : i+n]
			all := true
			for _, f := range set[1:] {
				if !strings.Contains(norm(f), c) {
					all = false
					break
				}
			}
			if all {
				return factor{s: c, fold: fold}, true
			}
		}
	}
	return factor{}, false
}

// cross concatenates every string of a with every string of b. A mixed
// concatenation is case-insensitive as a whole: its lower-cased form is
// in the lower-cased text whenever the mixed string is in the text.
func cross(a, b []factor) []factor {
	out := make([]factor, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			f := factor{s: x.s + y.s, fold: x.fold || y.fold}
			if f.fold {
				f.s = asciiLower(f.s)
			}
			out = append(out, f)
		}
	}
	return out
}

// possible reports whether the text could match: false only when some
// required set has no member in s.
func (r *rx) possible(s string) bool {
	if r.check != nil && !r.check(s) {
		return false
	}
	if r.ends != nil && !endsWithOne(s, r.ends) {
		return false
	}
	if len(r.need) == 0 {
		return true
	}
	var low string
	var buf [512]byte
	if r.fold {
		var special bool
		if low, special = lowerInto(&buf, s); special {
			return true
		}
	}
	for i, set := range r.need {
		if sc := r.scan[i]; sc != nil {
			if !sc.exact.in(s) && !sc.fold.in(low) {
				return false
			}
			continue
		}
		found := false
		for _, f := range set {
			hay := s
			if f.fold {
				hay = low
			}
			if f.class && strings.ContainsAny(hay, f.s) || !f.class && strings.Contains(hay, f.s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// each appends the spans of every occurrence in hay of b's strings.
func (b *byFirstByte) each(hay string, out [][2]int) [][2]int {
	if len(b.groups) == 0 {
		return out
	}
	for i := 0; i < len(hay); i++ {
		g := b.first[hay[i]]
		if g == 0 {
			continue
		}
		if b.short == 0 && (i+1 == len(hay) || b.pairs[(uint32(hay[i])<<8|uint32(hay[i+1]))/64]&(1<<((uint32(hay[i])<<8|uint32(hay[i+1]))%64)) == 0) {
			continue
		}
		for _, m := range b.groups[g-1] {
			if hasAt(hay, i, m) {
				out = append(out, [2]int{i, i + len(m)})
			}
		}
	}
	return out
}

// in reports whether hay contains one of b's strings.
func (b *byFirstByte) in(hay string) bool {
	if len(b.groups) == 0 {
		return false
	}
	if b.short == 0 {
		for i := 0; i+1 < len(hay); i++ {
			k := uint32(hay[i])<<8 | uint32(hay[i+1])
			if b.pairs[k/64]&(1<<(k%64)) == 0 {
				continue
			}
			for _, m := range b.groups[b.first[hay[i]]-1] {
				if hasAt(hay, i, m) {
					return true
				}
			}
		}
		return false
	}
	for i := 0; i < len(hay); i++ {
		if g := b.first[hay[i]]; g != 0 {
			for _, m := range b.groups[g-1] {
				if hasAt(hay, i, m) {
					return true
				}
			}
		}
	}
	return false
}

// lowerInto is asciiLower(s), in buf when s fits, and whether s holds a
// non-ASCII letter that folds to an ASCII one (foldsToASCII).
//
// Every rule's prefilter lower-cases its sentence, so this goes eight
// bytes at a time: in a word of ASCII bytes, those from 'A' to 'Z' are
// found with two additions and get their 0x20 bit set.
func lowerInto(buf *[512]byte, s string) (string, bool) {
	if len(s) >= minLowered {
		if low, ok := loweredPart(s); ok {
			return low, false
		}
	}
	var b []byte
	if len(s) <= len(buf) {
		b = buf[:len(s)]
	} else {
		b = make([]byte, len(s))
	}
	if len(b) == 0 {
		return "", false
	}
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	nonASCII := false
	i := 0
	for ; i+8 <= len(src); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		if x&highs != 0 {
			nonASCII = true
			for j := i; j < i+8; j++ {
				b[j] = lowerByte(src[j])
			}
			continue
		}
		// Each byte is below 0x80, so no sum carries into the next one.
		atLeastA := (x + ones*(0x80-'A')) & highs
		aboveZ := (x + ones*(0x80-'Z'-1)) & highs
		binary.LittleEndian.PutUint64(b[i:], x|(atLeastA&^aboveZ)>>2)
	}
	for ; i < len(src); i++ {
		c := src[i]
		nonASCII = nonASCII || c >= utf8.RuneSelf
		b[i] = lowerByte(c)
	}
	return unsafe.String(&b[0], len(b)), nonASCII && foldsToASCII(s)
}

// The rules lower-case the same sentence, or a part of it, once for each
// of a hundred prefilters and word lists. An article being read is
// lower-cased once instead (lowerArticle), and lowerInto gives a string
// within it the matching part of that. A string is within the article when
// its bytes are: Go's allocations do not overlap, and the slot keeps the
// article's text alive, so its memory cannot hold anything else meanwhile.
type lowered struct {
	text, low string
	words     []articleWord // for the lexicons
}

// lowSlots hold the articles being read, one per worker (more workers than
// slots read without). A lowered is never written once published, so a
// reader that loads one can read it however long it keeps it.
var lowSlots [8]atomic.Pointer[lowered]

// minLowered is the length from which looking a string up in the slots is
// cheaper than lower-casing it.
const minLowered = 32

// lowerArticle publishes text's lower-cased form for lowerInto and returns
// the slot to give to releaseLowered when the article is done; -1 when
// every slot is taken or text holds a letter that folds to ASCII (which
// lowerInto must see in each string it is asked about).
func lowerArticle(text string) int {
	if len(text) < minLowered || foldsToASCII(text) {
		return -1
	}
	var buf [512]byte
	low, _ := lowerInto(&buf, text) // in a new array: text is longer than buf
	if len(text) <= len(buf) {
		low = strings.Clone(low)
	}
	l := &lowered{text: text, low: low, words: splitWords(text, low)}
	for i := range lowSlots {
		if lowSlots[i].CompareAndSwap(nil, l) {
			return i
		}
	}
	return -1
}

func releaseLowered(slot int) {
	if slot >= 0 {
		lowSlots[slot].Store(nil)
	}
}

// loweredPart is asciiLower(s) read from the published article s lies in.
func loweredPart(s string) (string, bool) {
	l, off, ok := publishedPart(s)
	if !ok {
		return "", false
	}
	return l.low[off : off+len(s)], true
}

// readQuantities is quantity.Read, with the lower-cased text of the
// published article s lies in when there is one: it is kept by what the
// reading returns, and a published article's is never written again.
func readQuantities(s string) quantity.Sentence {
	if l, off, ok := publishedPart(s); ok {
		return quantity.ReadLowered(s, l.low[off:off+len(s)])
	}
	return quantity.Read(s)
}

// publishedPart returns the published article s lies in, and s's offset in
// it.
func publishedPart(s string) (*lowered, int, bool) {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	for i := range lowSlots {
		l := lowSlots[i].Load()
		if l == nil {
			continue
		}
		base := uintptr(unsafe.Pointer(unsafe.StringData(l.text)))
		if p >= base && p+uintptr(len(s)) <= base+uintptr(len(l.text)) {
			return l, int(p - base), true
		}
	}
	return nil, 0, false
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldsAsASCII reports whether a case-insensitive pattern's rune r matches
// in the ASCII-lower-cased text what it matches in the text: an ASCII
// letter its two cases, a rune without cases ("’") itself.
func foldsAsASCII(r rune) bool {
	return r < utf8.RuneSelf || unicode.SimpleFold(r) == r
}

// foldsToASCII reports the two non-ASCII letters that a case-insensitive
// pattern matches as ASCII: the Kelvin sign (k) and the long s (s).
func foldsToASCII(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

func (r *rx) MatchString(s string) bool {
	if r.tail > 0 {
		s, _ = tailWindow(s, r.tail)
	}
	if r.words != nil {
		if found, sure := r.words.match(s); sure {
			return found
		}
		return r.re.MatchString(s)
	}
	if !r.possible(s) {
		return false
	}
	if r.anchor != nil {
		if ms, ok := r.findAllWindowed(s, 1, false); ok {
			return len(ms) > 0
		}
	}
	return r.re.MatchString(s)
}

func (r *rx) FindStringIndex(s string) []int {
	return r.findIndex(s, false)
}

func (r *rx) FindStringSubmatch(s string) []string {
	if r.tail > 0 {
		s, _ = tailWindow(s, r.tail)
	}
	if !r.possible(s) {
		return nil
	}
	return r.re.FindStringSubmatch(s)
}

func (r *rx) FindStringSubmatchIndex(s string) []int {
	return r.findIndex(s, true)
}

// findIndex is FindStringIndex, or FindStringSubmatchIndex when sub, on
// the tail window of s for a pattern that has one, with the offsets put
// back into s.
func (r *rx) findIndex(s string, sub bool) []int {
	off := 0
	if r.tail > 0 {
		s, off = tailWindow(s, r.tail)
	}
	if !r.possible(s) {
		return nil
	}
	if r.anchor != nil {
		if ms, ok := r.findAllWindowed(s, 1, sub); ok {
			if len(ms) == 0 {
				return nil
			}
			return ms[0]
		}
	}
	var m []int
	if sub {
		m = r.re.FindStringSubmatchIndex(s)
	} else {
		m = r.re.FindStringIndex(s)
	}
	if off > 0 {
		for i, x := range m {
			if x >= 0 {
				m[i] = x + off
			}
		}
	}
	return m
}

// maxAnchors bounds the literals of an anchor set, each searched for.
const maxAnchors = 8

// hasTextAnchor reports ^ or $ anywhere in re: a window's ends would
// read them otherwise than the text's.
func hasTextAnchor(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return slices.ContainsFunc(re.Sub, hasTextAnchor)
}

// anchorWindows returns the windows of s that hold every match of r: the
// span runs on either side of each occurrence of an anchor, merged, each
// with one character of context at either end that is not s's. ok is
// false when the windows would not save much, or s holds a letter that
// folds to ASCII.
func (r *rx) anchorWindows(s string, ws [][2]int) (_ [][2]int, ok bool) {
	var buf [512]byte
	low, special := lowerInto(&buf, s)
	if special {
		return nil, false
	}
	var occ [16][2]int
	found := occ[:0]
	if sc := r.anchorScan; sc != nil {
		found = sc.exact.each(s, found)
		found = sc.fold.each(low, found)
	}
	for _, f := range r.anchor {
		if r.anchorScan != nil {
			break
		}
		hay := s
		if f.fold {
			hay = low
		}
		for i := 0; ; {
			j := strings.Index(hay[i:], f.s)
			if j < 0 {
				break
			}
			found = append(found, [2]int{i + j, i + j + len(f.s)})
			i += j + 1
		}
	}
	slices.SortFunc(found, func(a, b [2]int) int { return a[0] - b[0] })
	total := 0
	for _, o := range found {
		_, a := tailWindow(s[:o[0]], r.span)
		b := o[1] + headWindow(s[o[1]:], r.span)
		if n := len(ws); n > 0 && a <= ws[n-1][1] {
			total += max(b, ws[n-1][1]) - ws[n-1][1]
			ws[n-1][1] = max(b, ws[n-1][1])
			continue
		}
		total += b - a
		ws = append(ws, [2]int{a, b})
	}
	return ws, total*4 < len(s)*3
}

// headWindow is the length of the start of s that holds every string
// starting at 0 with at most n runs of non-space characters: the first n
// runs, the spaces after them, and one character of the next run (what
// \b at its end looks at), which no such string reaches.
func headWindow(s string, n int) int {
	i, runs := 0, 0
	for {
		for i < len(s) && isRegexpSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return i
		}
		if runs == n {
			_, size := utf8.DecodeRuneInString(s[i:])
			return i + size
		}
		runs++
		for i < len(s) && !isRegexpSpace(s[i]) {
			i++
		}
	}
}

// findAllWindowed is FindAllStringSubmatchIndex (or FindAllStringIndex)
// read from the anchor windows; ok is false when it cannot answer for
// sure: no windows worth it, or a match touching a window's context,
// which only the whole text reads right.
func (r *rx) findAllWindowed(s string, n int, sub bool) (out [][]int, ok bool) {
	var wbuf [8][2]int
	ws, ok := r.anchorWindows(s, wbuf[:0])
	if !ok {
		return nil, false
	}
	for _, w := range ws {
		if n >= 0 && len(out) >= n {
			break
		}
		text := s[w[0]:w[1]]
		var ms [][]int
		if sub {
			ms = r.re.FindAllStringSubmatchIndex(text, n-len(out))
		} else {
			ms = r.re.FindAllStringIndex(text, n-len(out))
		}
		for _, m := range ms {
			if m[0] == 0 && w[0] > 0 || m[1] == len(text) && w[1] < len(s) {
				return nil, false
			}
			for i := range m {
				if m[i] >= 0 {
					m[i] += w[0]
				}
			}
		}
		out = append(out, ms...)
	}
	return out, true
}

func (r *rx) FindAllStringIndex(s string, n int) [][]int {
	if r.words != nil && r.words.findable {
		if ms, sure := r.words.findAll(s, n, false); sure {
			return ms
		}
		return r.re.FindAllStringIndex(s, n)
	}
	if !r.possible(s) {
		return nil
	}
	if r.anchor != nil {
		if ms, ok := r.findAllWindowed(s, n, false); ok {
			return ms
		}
	}
	return r.re.FindAllStringIndex(s, n)
}

func (r *rx) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if r.words != nil && r.words.findable {
		if ms, sure := r.words.findAll(s, n, true); sure {
			return ms
		}
		return r.re.FindAllStringSubmatchIndex(s, n)
	}
	if !r.possible(s) {
		return nil
	}
	if r.anchor != nil {
		if ms, ok := r.findAllWindowed(s, n, true); ok {
			return ms
		}
	}
	return r.re.FindAllStringSubmatchIndex(s, n)
}

func (r *rx) ReplaceAllString(s, repl string) string {
	if !r.possible(s) {
		return s
	}
	return r.re.ReplaceAllString(s, repl)
}

func (r *rx) String() string { return r.re.String() }

// A pattern such as `(?i)\b(?:cloud|AI|data ?cent(?:er|re)s?|hyperscal\w*)\b`
// is asked of nearly every sentence and its words are common, so the
// prefilter passes and the regexp then tries every alternative at every
// byte. Whether it matches anywhere is a simpler question: does one of its
// words start at a word boundary and end at one? A wordList answers that
// in one pass over the text, looking up the words by first byte.
type wordList struct {
	// closed words need a boundary at both ends; open ones end in \w*
	// and need one at their start only (see open).
	closed, open setScan
	// atStart and atEnd are set for a pattern that opens with ^ rather
	// than \b, or closes with $: its words start at 0, or end at the
	// text's end.
	atStart, atEnd bool
	// findable is set for a list of whole words between \b's, all
	// case-sensitive or all not, with no capture or one around them all:
	// then findAll gives the regexp's matches too, not only whether there
	// is one (its words keep the pattern's order, which is the order the
	// regexp prefers them in at one place).
	findable, capture bool
}

// maxWords bounds the expansion of a pattern into its words.
const maxWords = 256

// wordLit is one word of a pattern: ASCII lower-case when fold.
type wordLit struct {
	s          string
	fold, open bool
}

// newWordList returns the word list of a pattern of the form \b(?:...)\b
// (or with ^ for the first \b, $ for the last) whose alternatives are
// finite sets of strings, each perhaps followed by \w*; nil for any other
// pattern.
func newWordList(re *syntax.Regexp) *wordList {
	n := len(re.Sub)
	if re.Op != syntax.OpConcat || n < 3 {
		return nil
	}
	w := &wordList{atStart: re.Sub[0].Op == syntax.OpBeginText, atEnd: re.Sub[n-1].Op == syntax.OpEndText}
	if !w.atStart && re.Sub[0].Op != syntax.OpWordBoundary || !w.atEnd && re.Sub[n-1].Op != syntax.OpWordBoundary {
		return nil
	}
	lits, ok := wordLits(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1 : n-1]})
	if !ok {
		return nil
	}
	caps := re.MaxCap()
	w.capture = caps == 1
	w.findable = !w.atStart && !w.atEnd && !hasOpen(lits) &&
		(caps == 0 || caps == 1 && n == 3 && re.Sub[1].Op == syntax.OpCapture) &&
		(!slices.ContainsFunc(lits, func(l wordLit) bool { return l.fold }) || !slices.ContainsFunc(lits, func(l wordLit) bool { return !l.fold }))
	for _, l := range lits {
		if l.s == "" {
			return nil // \b\b: not worth a special case
		}
		set := &w.closed
		if l.open {
			set = &w.open
		}
		if l.fold {
			set.fold.add(l.s)
		} else {
			set.exact.add(l.s)
		}
	}
	w.closed.exact.indexPairs() // for findAll
	w.closed.fold.indexPairs()
	return w
}

// wordLits expands re into the strings it matches, false when they are
// not a small finite set (but for a final \w*, which marks them open).
func wordLits(re *syntax.Regexp) ([]wordLit, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []wordLit{{}}, true
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		s := string(re.Rune)
		if fold {
			for _, r := range re.Rune {
				if !foldsAsASCII(r) {
					return nil, false
				}
			}
			s = asciiLower(s)
		}
		return []wordLit{{s: s, fold: fold}}, true
	case syntax.OpCharClass:
		var out []wordLit
		for i := 0; i < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 4 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, wordLit{s: string(r)})
			}
		}
		return out, len(out) <= 4
	case syntax.OpCapture:
		return wordLits(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := wordLits(re.Sub[0])
		if !ok || hasOpen(sub) {
			return nil, false
		}
		return append(sub, wordLit{}), true
	case syntax.OpStar:
		if isWordClass(re.Sub[0]) {
			return []wordLit{{open: true}}, true
		}
		return nil, false
	case syntax.OpAlternate:
		var out []wordLit
		for _, sub := range re.Sub {
			lits, ok := wordLits(sub)
			if !ok || len(out)+len(lits) > maxWords {
				return nil, false
			}
			out = append(out, lits...)
		}
		return out, true
	case syntax.OpConcat:
		out := []wordLit{{}}
		for _, sub := range re.Sub {
			lits, ok := wordLits(sub)
			if !ok || len(out)*len(lits) > maxWords || hasOpen(out) {
				return nil, false
			}
			next := make([]wordLit, 0, len(out)*len(lits))
			for _, x := range out {
				for _, y := range lits {
					ls, ok := joinLits(x, y)
					if !ok {
						return nil, false
					}
					next = append(next, ls...)
				}
			}
			if len(next) > maxWords {
				return nil, false
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// joinLits is x followed by y. A case-insensitive part joined to a
// case-sensitive one with letters ("[Ii]" and "ts" in "[Ii]ts") is spelt
// out in its cases, so that the other part keeps its case.
// It is false when that makes too many forms.
func joinLits(x, y wordLit) ([]wordLit, bool) {
	if x.fold == y.fold || !hasLetter(x.s) || !hasLetter(y.s) {
		return []wordLit{{s: x.s + y.s, fold: x.fold || y.fold, open: y.open}}, true
	}
	xs, ys := caseForms(x), caseForms(y)
	if xs == nil || ys == nil {
		return nil, false
	}
	var out []wordLit
	for _, a := range xs {
		for _, b := range ys {
			out = append(out, wordLit{s: a + b, open: y.open})
		}
	}
	return out, true
}

// caseForms spells out a case-insensitive literal in every case, nil
// when there are more than 16.
func caseForms(l wordLit) []string {
	if !l.fold {
		return []string{l.s}
	}
	out := []string{""}
	for i := 0; i < len(l.s); i++ {
		c := l.s[i]
		cs := []string{string(c)}
		if c >= 'a' && c <= 'z' {
			cs = append(cs, string(c-'a'+'A'))
		}
		var next []string
		for _, o := range out {
			for _, c := range cs {
				next = append(next, o+c)
			}
		}
		out = next
		if len(out) > 16 {
			return nil
		}
	}
	return out
}

func hasLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) })
}

func hasOpen(lits []wordLit) bool {
	return slices.ContainsFunc(lits, func(l wordLit) bool { return l.open })
}

// isWordClass reports \w, also as (?i) writes it (with the Kelvin sign
// and the long s, which send a text to the regexp anyway).
func isWordClass(re *syntax.Regexp) bool {
	if re.Op != syntax.OpCharClass {
		return false
	}
	got := string(re.Rune)
	return got == "09AZ__az" || got == "09AZ__az\u017f\u017f\u212a\u212a"
}

// match reports whether the pattern matches s; sure is false when s holds
// a letter that folds to ASCII (foldsToASCII), which only the regexp
// reads right.
func (w *wordList) match(s string) (found, sure bool) {
	var buf [512]byte
	low, special := lowerInto(&buf, s)
	if special {
		return false, false
	}
	// \b is ASCII-only in Go's regexp, so bytes decide it.
	boundary := func(i int) bool {
		return (i > 0 && isASCIIWord(s[i-1])) != (i < len(s) && isASCIIWord(s[i]))
	}
	ends := boundary
	if w.atEnd {
		ends = func(i int) bool { return i == len(s) }
	}
	// An open word's \w* may stop right after the word or run to the end
	// of the word characters: only there can a match end.
	openEnd := func(i int) bool {
		if ends(i) {
			return true
		}
		for i < len(s) && isASCIIWord(s[i]) {
			i++
		}
		return ends(i)
	}
	last := len(s) - 1
	if w.atStart {
		last = min(last, 0)
	}
	for i := 0; i <= last; i++ {
		if !w.atStart && !boundary(i) {
			continue
		}
		if w.closed.exact.at(s, i, ends) || w.closed.fold.at(low, i, ends) ||
			w.open.exact.at(s, i, openEnd) || w.open.fold.at(low, i, openEnd) {
			return true, true
		}
	}
	return false, true
}

// findAll is FindAllStringIndex(s, n), or FindAllStringSubmatchIndex
// when sub, for a findable list; sure is false as for match.
func (w *wordList) findAll(s string, n int, sub bool) (ms [][]int, sure bool) {
	var buf [512]byte
	low, special := lowerInto(&buf, s)
	if special {
		return nil, false
	}
	set, hay := &w.closed.exact, s
	if len(set.groups) == 0 {
		set, hay = &w.closed.fold, low
	}
	boundary := func(i int) bool {
		return (i > 0 && isASCIIWord(s[i-1])) != (i < len(s) && isASCIIWord(s[i]))
	}
	for i := 0; i < len(s) && (n < 0 || len(ms) < n); i++ {
		// The cheap tests first: a word's first two bytes, then the
		// boundary before it.
		g := set.first[hay[i]]
		if g == 0 {
			continue
		}
		if set.short == 0 {
			if i+1 == len(s) {
				break
			}
			if k := uint32(hay[i])<<8 | uint32(hay[i+1]); set.pairs[k/64]&(1<<(k%64)) == 0 {
				continue
			}
		}
		if !boundary(i) {
			continue
		}
		for _, m := range set.groups[g-1] {
			if end := i + len(m); hasAt(hay, i, m) && boundary(end) {
				loc := []int{i, end}
				if sub && w.capture {
					loc = append(loc, i, end)
				}
				ms = append(ms, loc)
				i = end - 1 // the next match starts after this one
				break
			}
		}
	}
	return ms, true
}

// at reports whether one of b's strings starts at hay[i:] and ends where
// ends says a match may end.
func (b *byFirstByte) at(hay string, i int, ends func(int) bool) bool {
	g := b.first[hay[i]]
	if g == 0 {
		return false
	}
	for _, m := range b.groups[g-1] {
		if hasAt(hay, i, m) && ends(i+len(m)) {
			return true
		}
	}
	return false
}

// withCheck adds to r's prefilter a test every text it matches passes.
// TestRxSound holds it to that on every text it reads.
func (r *rx) withCheck(f func(string) bool) *rx {
	r.check = f
	return r
}

// hasCodeShape reports two ASCII capitals followed by a digit ("WA3",
// "SYD12"), which a site code ([A-Z]{2,3}\d{1,2}) contains; few
// sentences do, though most have the verbs around it.
func hasCodeShape(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if c := s[i+2]; c >= '0' && c <= '9' && isUpperASCII(s[i]) && isUpperASCII(s[i+1]) {
			return true
		}
	}
	return false
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// isRegexpSpace is \s as Go's regexp reads it: ASCII only, no \v.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// runInfo describes the strings a pattern node matches by their runs of
// characters other than \s ("runs").
type runInfo struct {
	max   int  // the most runs a matched string has; -1 when unbounded
	solid bool // no matched string holds a \s
	blank bool // every matched string is all \s
}

var unbounded = runInfo{max: -1}

// spaceRuns bounds the runs of the strings re matches, conservatively:
// the bound may be above the truth, never below it. Patterns that look
// behind them (^, (?m)$) are unbounded, so that no window changes them.
func spaceRuns(re *syntax.Regexp) runInfo {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEndText:
		return runInfo{solid: true, blank: true}
	case syntax.OpLiteral:
		in := runInfo{solid: true, blank: true}
		prevSpace := true
		for _, r := range re.Rune {
			space := r < utf8.RuneSelf && isRegexpSpace(byte(r))
			if !space && prevSpace {
				in.max++
			}
			in.solid = in.solid && !space
			in.blank = in.blank && space
			prevSpace = space
		}
		return in
	case syntax.OpCharClass:
		spaces, others := false, false
		for i := 0; i < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			n := 0 // the spaces in lo..hi
			for _, c := range "\t\n\f\r " {
				if lo <= c && c <= hi {
					n++
				}
			}
			spaces = spaces || n > 0
			others = others || int(hi-lo)+1 > n
		}
		in := runInfo{solid: !spaces, blank: !others}
		if others {
			in.max = 1
		}
		return in
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return runInfo{max: 1}
	case syntax.OpCapture, syntax.OpQuest:
		return spaceRuns(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return repeatRuns(spaceRuns(re.Sub[0]), -1)
	case syntax.OpRepeat:
		return repeatRuns(spaceRuns(re.Sub[0]), re.Max)
	case syntax.OpConcat:
		out := runInfo{solid: true, blank: true}
		inSolid := false // the previous node was solid: a solid one after it adds no run
		for _, sub := range re.Sub {
			in := spaceRuns(sub)
			if in.max < 0 {
				return unbounded
			}
			out.solid, out.blank = out.solid && in.solid, out.blank && in.blank
			switch {
			case in.max == 0 && in.solid:
				// Matches the empty string only: joins its neighbours.
			case in.solid:
				if !inSolid {
					out.max++
				}
				inSolid = true
			default:
				out.max += in.max
				inSolid = false
			}
		}
		return out
	case syntax.OpAlternate:
		out := runInfo{solid: true, blank: true}
		for _, sub := range re.Sub {
			in := spaceRuns(sub)
			if in.max < 0 {
				return unbounded
			}
			out.max = max(out.max, in.max)
			out.solid, out.blank = out.solid && in.solid, out.blank && in.blank
		}
		return out
	}
	return unbounded // ^, (?m)^ and (?m)$ look past the window's edge
}

// repeatRuns is the runs of at most n (-1: any number of) matches of a
// node described by in, one after the other.
func repeatRuns(in runInfo, n int) runInfo {
	switch {
	case in.max < 0:
		return unbounded
	case in.solid:
		return runInfo{max: min(in.max, 1), solid: true, blank: in.blank}
	case in.blank:
		return runInfo{blank: true}
	case n < 0:
		return unbounded
	}
	return runInfo{max: n * in.max, solid: false, blank: false}
}

// endsAtEnd reports a pattern whose every match ends at the end of the
// text: it closes with $ (not (?m)$), on every branch.
func endsAtEnd(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEndText:
		return true
	case syntax.OpCapture:
		return endsAtEnd(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && endsAtEnd(re.Sub[len(re.Sub)-1])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !endsAtEnd(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// tailWindow returns the end of s that holds every match of a pattern
// whose matches end at the end of s and span at most n runs of non-space
// characters, and its offset in s: the last n runs with the spaces before
// them, after one character of the run before (what \b at the window's
// first space looks at). No match can start at that character, since it
// would span n+1 runs, so the window's own start, which \b and ^ read
// otherwise than s, is never asked about.
func tailWindow(s string, n int) (string, int) {
	if 2*n >= len(s)+1 {
		// s has at most n runs: each but the last takes a space after it.
		return s, 0
	}
	i, runs := len(s), 0
	for {
		for i > 0 && isRegexpSpace(s[i-1]) {
			i--
		}
		if i == 0 {
			return s, 0
		}
		if runs == n {
			_, size := utf8.DecodeLastRuneInString(s[:i])
			return s[i-size:], i - size
		}
		runs++
		for i > 0 && !isRegexpSpace(s[i-1]) {
			i--
		}
	}
}

// maxEnds bounds the strings of rx.ends.
const maxEnds = 32

// endLits returns the strings, trailing spaces trimmed, one of which ends
// every match of the sequence seq, and false when that is not known:
// read from its end, past ends of text, word boundaries and spaces, to
// the literal before them, on every branch.
func endLits(seq []*syntax.Regexp) ([]factor, bool) {
	if len(seq) == 0 {
		return nil, false // the match may end where it starts
	}
	last := seq[len(seq)-1]
	rest := seq[: len(seq)-1 : len(seq)-1] // appends copy
	with := func(subs ...*syntax.Regexp) []*syntax.Regexp { return append(rest, subs...) }
	union := func(seqs ...[]*syntax.Regexp) ([]factor, bool) {
		var out []factor
		for _, q := range seqs {
			fs, ok := endLits(q)
			if !ok || len(out)+len(fs) > maxEnds {
				return nil, false
			}
			for _, f := range fs {
				if !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
		return out, true
	}
	switch last.Op {
	case syntax.OpEndText, syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return endLits(rest)
	case syntax.OpCapture:
		return endLits(with(last.Sub[0]))
	case syntax.OpConcat:
		return endLits(with(last.Sub...))
	case syntax.OpAlternate:
		seqs := make([][]*syntax.Regexp, len(last.Sub))
		for i, sub := range last.Sub {
			seqs[i] = with(sub)
		}
		return union(seqs...)
	case syntax.OpQuest, syntax.OpStar:
		return union(with(last.Sub[0]), rest)
	case syntax.OpPlus:
		return endLits(with(last.Sub[0]))
	case syntax.OpRepeat:
		if last.Min == 0 {
			return union(with(last.Sub[0]), rest)
		}
		return endLits(with(last.Sub[0]))
	case syntax.OpCharClass:
		if in := spaceRuns(last); in.blank {
			return endLits(rest)
		}
	case syntax.OpLiteral:
		lit := strings.TrimRightFunc(string(last.Rune), func(r rune) bool { return r < utf8.RuneSelf && isRegexpSpace(byte(r)) })
		if lit == "" {
			return endLits(rest)
		}
		fold := last.Flags&syntax.FoldCase != 0
		if fold {
			for _, r := range lit {
				if !foldsAsASCII(r) {
					return nil, false
				}
			}
			lit = asciiLower(lit)
		}
		return []factor{{s: lit, fold: fold}}, true
	}
	return nil, false
}

// endsWithOne reports whether s, its trailing spaces trimmed, ends with
// one of ends (ASCII case-insensitively for a fold one). A non-ASCII byte
// where a fold string would be compared lets s through: the Kelvin sign
// and the long s match "k" and "s" there.
func endsWithOne(s string, ends []factor) bool {
	i := len(s)
	for i > 0 && isRegexpSpace(s[i-1]) {
		i--
	}
	t := s[:i]
	for _, f := range ends {
		if !f.fold {
			if strings.HasSuffix(t, f.s) {
				return true
			}
			continue
		}
		tail := t[max(0, len(t)-3*len(f.s)):]
		for j := 0; j < len(tail); j++ {
			if tail[j] >= utf8.RuneSelf {
				return true
			}
		}
		if len(t) >= len(f.s) && asciiEqualFold(t[len(t)-len(f.s):], f.s) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether a, ASCII-lower-cased, is low.
func asciiEqualFold(a, low string) bool {
	for j := 0; j < len(a); j++ {
		if lowerByte(a[j]) != low[j] {
			return false
		}
	}
	return true
}

// hasAt is strings.HasPrefix(hay[i:], m) for a non-empty m, asking m's
// last byte first: the members of a group share their first byte, and
// often their first word ("the country", "the city").
func hasAt(hay string, i int, m string) bool {
	e := i + len(m)
	return e <= len(hay) && hay[e-1] == m[len(m)-1] && hay[i:e] == m
}
