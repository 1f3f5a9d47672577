package nlp

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"gopkg.in/neurosnap/sentences.v1"
)

// punkt is prose's sentence segmenter (prose/v3 segment over
// gopkg.in/neurosnap/sentences.v1, both MIT licence) step for step, with the
// same model and the same decisions, so that its sentences are prose's to
// the byte; TestPunktIsProse and FuzzPunktIsProse hold it to that. It
// differs only in cost: the library makes a heap token for each word next
// to a period, lower-cases and splits words it then throws away, runs a
// regexp where one byte decides, and goes through interfaces for each test.
// Splitting was a tenth of extraction and a quarter of its allocations.
//
// The steps are the library's: words are cut at white space, and only those
// with a sentence-ending mark (. ! ?) and the word after each are kept; a
// first pass marks breaks and abbreviations by the word alone, a second
// (punkt's token-based pass) and a third (prose's multiPunctWordAnnotation)
// revise them by the pair of a word and the next. Each pass reads what the
// previous ones left, in order, as the library does.
type punkt struct {
	st *sentences.Storage
}

// pToken is the library's sentences.Token, without what no pass reads.
type pToken struct {
	tok       string
	pos       int
	sentBreak bool
	abbr      bool
}

// punktState is the scratch space of one segmentation.
type punktState struct {
	toks []pToken
	low  [2][]byte // lower-cased types, for the two a pair compares
	key  []byte    // a collocation key
}

var punktPool = sync.Pool{New: func() any { return &punktState{} }}

// The library's regexps, asked only where a cheaper test cannot say no.
var (
	pkNumeric           = regexp.MustCompile(`-?[\.,]?\d[\d,\.-]*\.?$`)
	pkLooksLikeEllipsis = regexp.MustCompile(`(?:\.\s?){2,}\.`)
	pkAbbr              = regexp.MustCompile(`((?:[\w]\.)+[\w]*\.)`)
)

// The orthographic context flags of the library (ortho.go).
const (
	orthoBegUc = 1 << 1
	orthoMidUc = 1 << 2
	orthoUnkUc = 1 << 3
	orthoBegLc = 1 << 4
	orthoMidLc = 1 << 5
	orthoUnkLc = 1 << 6
	orthoUc    = orthoBegUc + orthoMidUc + orthoUnkUc
	orthoLc    = orthoBegLc + orthoMidLc + orthoUnkLc
)

// segment appends to out the spans of text's sentences as prose's
// Segmenter.Segment gives them ([start, end), trimmed, none empty).
func (p *punkt) segment(text string, out [][2]int) [][2]int {
	if text == "" {
		return out
	}
	ps := punktPool.Get().(*punktState)
	defer punktPool.Put(ps)
	ps.toks = p.words(text, ps.toks[:0])
	toks := ps.toks
	for i := range toks {
		p.typeAnnotation(&toks[i])
	}
	for i := 0; i+1 < len(toks); i++ {
		p.tokenAnnotation(ps, &toks[i], &toks[i+1])
	}
	for i := range toks {
		if i+1 == len(toks) {
			if strings.Contains(toks[i].tok, "\n") && strings.Contains(toks[i].tok, " ") {
				toks[i].sentBreak = false
			}
			continue
		}
		p.multiPunct(ps, &toks[i], &toks[i+1])
	}
	last := 0
	for _, t := range toks {
		if t.sentBreak {
			out = appendTrimmed(out, text, last, t.pos)
			last = t.pos
		}
	}
	if last != len(text) {
		out = appendTrimmed(out, text, last, len(text))
	}
	return out
}

// appendTrimmed is segment.trimRange and the drop of what it empties.
func appendTrimmed(out [][2]int, text string, start, end int) [][2]int {
	start = max(start, 0)
	end = min(end, len(text))
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if size == 0 || !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if size == 0 || !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if start >= end {
		return out
	}
	return append(out, [2]int{start, end})
}

// words is DefaultWordTokenizer.Tokenize(text, true): the words with a
// sentence-ending mark and the word after each, with the offset of the
// white space after them. Like the library it tests each rune's start
// against the last byte's offset, so a final word ending in a rune of
// more than one byte is not read.
func (p *punkt) words(text string, toks []pToken) []pToken {
	n := len(text)
	lastSpace := 0
	getNext := false
	// punct is DefaultPunctStrings.HasSentencePunct of the word: a
	// sentence mark since lastSpace, and a mark is no space.
	punct := false
	for i := 0; i < n; {
		size := 1
		var space bool
		switch byteClass[text[i]] {
		case bPlain:
		case bMark:
			punct = true
		case bSpace:
			space = true
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
		}
		if !space && i != n-1 {
			i += size
			continue
		}
		cursor := i
		if i == n-1 {
			cursor = n
		}
		i += size
		word := trimSpace(text[lastSpace:cursor])
		if word == "" {
			continue
		}
		if !punct && !getNext {
			lastSpace = cursor
			continue
		}
		toks = append(toks, pToken{tok: word, pos: cursor})
		lastSpace = cursor
		getNext, punct = punct, false
	}
	if len(toks) == 0 {
		toks = append(toks, pToken{tok: text, pos: n})
	}
	return toks
}

// The classes of bytes words reads: a space, a sentence mark, the first
// byte of a rune of several (or a stray one), any other.
const (
	bPlain = iota
	bSpace
	bMark
	bMulti
)

var byteClass = func() (c [256]uint8) {
	for i := utf8.RuneSelf; i < 256; i++ {
		c[i] = bMulti
	}
	for _, b := range []byte(" \t\n\v\f\r") {
		c[b] = bSpace
	}
	for _, b := range []byte(".!?") {
		c[b] = bMark
	}
	return c
}()

// trimSpace is strings.TrimSpace, without a call for ASCII ends.
func trimSpace(s string) string {
	for len(s) > 0 && isASCIISpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isASCIISpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		return strings.TrimSpace(s)
	}
	return s
}

func isASCIISpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// typeAnnotation is TypeBasedAnnotation.typeAnnotation, with prose's
// HasSentEndChars.
func (p *punkt) typeAnnotation(t *pToken) {
	if hasSentEndChars(t.tok) {
		t.sentBreak = true
		return
	}
	if !strings.HasSuffix(t.tok, ".") || strings.HasSuffix(t.tok, "..") {
		return
	}
	// The library cuts the word at its rune count less one, in bytes.
	noPeriod := strings.ToLower(t.tok[:utf8.RuneCountInString(t.tok)-1])
	lastHyph := noPeriod
	if k := strings.LastIndexByte(noPeriod, '-'); k >= 0 {
		lastHyph = noPeriod[k+1:]
	}
	if p.st.AbbrevTypes[noPeriod] != 0 || p.st.AbbrevTypes[lastHyph] != 0 {
		t.abbr = true
	} else {
		t.sentBreak = true
	}
}

// hasSentEndChars is prose's wordTokenizer.HasSentEndChars: the word
// ends in a mark, perhaps closed by a quote or a bracket (`?`, `."`,
// `!”`, but not a bare period), not in "Yahoo!", or has a mark followed by
// an opening bracket or a quote (`.[`, `?(`, `."`) anywhere.
func hasSentEndChars(tok string) bool {
	if endsSent(tok) && !strings.Contains(tok, "Yahoo!") {
		return true
	}
	for i := 0; i+1 < len(tok); i++ {
		switch tok[i] {
		case '.':
			if c := tok[i+1]; c == '[' || c == '(' || c == '"' {
				return true
			}
		case '?', '!':
			if c := tok[i+1]; c == '[' || c == '(' {
				return true
			}
		}
	}
	return false
}

// endsSent reports whether tok ends with one of prose's enders: `."`,
// `.)`, `.’`, `.”`, and `?` or `!` alone or followed by `"`, `'`, `)`, `’`
// or `”`.
func endsSent(tok string) bool {
	n := len(tok)
	if n == 0 {
		return false
	}
	switch c := tok[n-1]; c {
	case '?', '!':
		return true
	case '"', ')':
		return n >= 2 && (tok[n-2] == '.' || tok[n-2] == '?' || tok[n-2] == '!')
	case '\'':
		return n >= 2 && (tok[n-2] == '?' || tok[n-2] == '!')
	}
	// ’ and ” are E2 80 99 and E2 80 9D.
	if n >= 4 && tok[n-3] == 0xE2 && tok[n-2] == 0x80 && (tok[n-1] == 0x99 || tok[n-1] == 0x9D) {
		c := tok[n-4]
		return c == '.' || c == '?' || c == '!'
	}
	return false
}

// typ is DefaultWordTokenizer.Type: the word lower-cased, its trailing
// number "##number##", its commas dropped; in ps.low[k] when it is not
// the word itself.
func (p *punkt) typ(ps *punktState, k int, tok string) string {
	low := tok
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c >= utf8.RuneSelf {
			low = strings.ToLower(tok)
			break
		} else if c >= 'A' && c <= 'Z' {
			b := append(ps.low[k][:0], tok...)
			for j := i; j < len(b); j++ {
				if b[j] >= utf8.RuneSelf {
					b = nil // not ASCII after all
					break
				}
				b[j] = lowerASCII(b[j])
			}
			if b == nil {
				low = strings.ToLower(tok)
			} else {
				ps.low[k] = b
				low = unsafe.String(unsafe.SliceData(b), len(b))
			}
			break
		}
	}
	if hasDigit(low) {
		// \d is ASCII in Go's regexp: no digit, no number.
		low = pkNumeric.ReplaceAllString(low, "##number##")
	}
	if len(low) == 1 || strings.IndexByte(low, ',') < 0 {
		return low
	}
	// Dropping bytes from the front to the back reads each before it is
	// written over, when low is already in the buffer.
	b := ps.low[k]
	if cap(b) < len(low) {
		b = make([]byte, 0, len(low))
	}
	b = b[:len(low)]
	n := 0
	for i := 0; i < len(low); i++ {
		if c := low[i]; c != ',' {
			b[n] = c
			n++
		}
	}
	ps.low[k] = b
	return unsafe.String(unsafe.SliceData(b), n)
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// typeNoPeriod is TypeNoPeriod; typeNoSentPeriod is TypeNoSentPeriod.
func (p *punkt) typeNoPeriod(ps *punktState, k int, tok string) string {
	t := p.typ(ps, k, tok)
	if len(t) > 1 && t[len(t)-1] == '.' {
		return t[:len(t)-1]
	}
	return t
}

func (p *punkt) typeNoSentPeriod(ps *punktState, k int, t *pToken) string {
	if t.sentBreak {
		return p.typeNoPeriod(ps, k, t.tok)
	}
	return p.typ(ps, k, t.tok)
}

func firstUpper(tok string) bool {
	if tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}

func firstLower(tok string) bool {
	if tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsLower(r)
}

// isInitial is the library's `^[A-Za-z]\.$`.
func isInitial(tok string) bool {
	if len(tok) != 2 || tok[1] != '.' {
		return false
	}
	c := tok[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// heuristic is OrthoContext.Heuristic: 1 when t starts a sentence, 0 when
// it does not, -1 when unknown.
func (p *punkt) heuristic(ps *punktState, t *pToken) int {
	if len(t.tok) == 1 && strings.IndexByte(";:,.!?", t.tok[0]) >= 0 {
		return 0
	}
	ctx := p.st.OrthoContext[p.typeNoSentPeriod(ps, 1, t)]
	if firstUpper(t.tok) && ctx&orthoLc > 0 && ctx&orthoMidUc == 0 {
		return 1
	}
	if firstLower(t.tok) && (ctx&orthoUc > 0 || ctx&orthoBegLc == 0) {
		return 0
	}
	return -1
}

// tokenAnnotation is TokenBasedAnnotation.tokenAnnotation.
func (p *punkt) tokenAnnotation(ps *punktState, one, two *pToken) {
	if !strings.HasSuffix(one.tok, ".") {
		return
	}
	typ := p.typeNoPeriod(ps, 0, one.tok)
	nextTyp := p.typeNoSentPeriod(ps, 1, two)
	initial := isInitial(one.tok)
	ps.key = append(append(append(ps.key[:0], typ...), ','), nextTyp...)
	if p.st.Collocations[string(ps.key)] != 0 {
		one.sentBreak = false
		one.abbr = true
		return
	}
	if (one.abbr || strings.HasSuffix(one.tok, "..")) && !initial {
		if p.heuristic(ps, two) == 1 {
			one.sentBreak = true
			return
		}
		// heuristic may have overwritten nextTyp's buffer with the same
		// type: it reads the same token the same way.
		if firstUpper(two.tok) && p.st.SentStarters[nextTyp] != 0 {
			one.sentBreak = true
			return
		}
	}
	if one.tok == "." && two.tok == "." {
		one.sentBreak = false
		two.sentBreak = false
		return
	}
	if initial || typ == "##number##" {
		starter := p.heuristic(ps, two)
		if starter == 0 {
			one.sentBreak = false
			one.abbr = true
			return
		}
		if starter == -1 && initial && firstUpper(two.tok) && p.st.OrthoContext[nextTyp]&orthoLc == 0 {
			one.sentBreak = false
			one.abbr = true
			return
		}
	}
}

// multiPunct is prose's multiPunctWordAnnotation.tokenAnnotation.
func (p *punkt) multiPunct(ps *punktState, one, two *pToken) {
	if strings.HasSuffix(one.tok, ".") && two.tok == "." {
		one.sentBreak = false
		two.sentBreak = false
		return
	}
	var nextTyp string
	nonBreak := strings.HasSuffix(one.tok, ".") && !one.sentBreak
	// Three periods at least, or the regexp cannot match.
	ellipsis := strings.Count(one.tok, ".") >= 3 && pkLooksLikeEllipsis.MatchString(one.tok)
	internal := one.sentBreak && looksInternal(one.tok)
	if nonBreak || ellipsis || internal {
		nextTyp = p.typeNoSentPeriod(ps, 1, two)
		starter := p.st.SentStarters[nextTyp]
		if ellipsis && (firstUpper(two.tok) || starter != 0) {
			one.sentBreak = true
			return
		}
		if internal && firstLower(two.tok) && starter == 0 {
			one.sentBreak = false
			return
		}
		if nonBreak && firstUpper(two.tok) && p.st.OrthoContext[nextTyp]&112 != 0 {
			one.sentBreak = true
		}
	}
	// Two periods at least, or the regexp cannot match.
	if strings.Count(one.tok, ".") < 2 || !pkAbbr.MatchString(one.tok) {
		return
	}
	if isInitial(one.tok) {
		return
	}
	one.abbr = true
	one.sentBreak = false
	if p.heuristic(ps, two) == 1 {
		one.sentBreak = true
		return
	}
	// The library reuses nextTyp when it has one; it is this same type
	// (two has not changed), and heuristic has since used its buffer.
	nextTyp = p.typeNoSentPeriod(ps, 1, two)
	if firstUpper(two.tok) && p.st.SentStarters[nextTyp] != 0 {
		one.sentBreak = true
	}
}

func looksInternal(tok string) bool {
	for _, e := range [...]string{")", `’`, `”`, `"`, `'`} {
		if strings.HasSuffix(tok, e) {
			return true
		}
	}
	return false
}
