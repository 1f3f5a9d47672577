// Package quantity reads numbers, ordinals, money amounts and time periods
// out of one English news sentence. It only says what a figure is and where
// it stands (byte offsets into the sentence); deciding what the figure counts
// is left to the fact extractors.
//
// Everything works on a small token list built once per call rather than on
// one large regular expression: the rules look at neighbours ("is the number
// glued to letters?", "is there a currency word after the scale word?") and
// that is cheaper and easier to read over tokens.
//
// The word lists those rules match (hedges, scale words, number words,
// time spans, currencies) are data: data/*.tsv, each explaining its own
// format, embedded at build time and parsed once (see lexicon.go).
package quantity

import (
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota // a run of letters
	tNum                 // digits, with "," thousands groups and one "." decimal part
	tSym                 // any other single non-space rune
)

type token struct {
	start, end int
	kind       tokKind
	sp         bool // whitespace (or the start of the text) right before it
}

// text holds a sentence, its ASCII-lowercased twin (same byte offsets, so
// spans carry over) and its tokens.
type text struct {
	s, lower string
	toks     []token
	// optRead is set when reading money consults MoneyOptions; zero is
	// the money read without options, kept for money's reuse.
	optRead bool
	zero    struct {
		done, optRead bool
		money         []Money
	}
}

func newText(s string) *text { return newTextLowered(s, asciiLower(s)) }

// newTextLowered is newText for s and its asciiLower, already made.
func newTextLowered(s, lower string) *text {
	t, _ := textPool.Get().(*text)
	var toks []token
	if t != nil {
		toks = t.toks[:0]
	} else {
		t, toks = &text{}, make([]token, 0, len(s)/4+4)
	}
	*t = text{s: s, lower: lower}
	t.toks = tokenize(s, toks)
	return t
}

// textPool keeps the texts Sentence.Release gives back: their token lists
// were the largest allocation of reading a sentence. Nothing a rule
// returns points into a token list.
var textPool sync.Pool

// asciiLower lowercases ASCII letters only, so byte offsets stay valid for
// any input; non-ASCII letters never matter to the word tables here.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func tokenize(s string, toks []token) []token {
	sp := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				i++
				continue
			case isDigit(c):
				j := scanDigits(s, i)
				toks = append(toks, token{i, j, tNum, sp})
				sp = false
				i = j
				continue
			case ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
				j := i + 1
				for j < len(s) {
					if isASCIILetter(s[j]) {
						j++
						continue
					}
					if s[j] >= utf8.RuneSelf {
						r, n := utf8.DecodeRuneInString(s[j:])
						if unicode.IsLetter(r) {
							j += n
							continue
						}
					}
					break
				}
				toks = append(toks, token{i, j, tWord, sp})
				sp = false
				i = j
				continue
			default:
				toks = append(toks, token{i, i + 1, tSym, sp})
				sp = false
				i++
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == utf8.RuneError && n == 1:
			// Invalid bytes separate tokens like spaces do, so a garbled
			// byte never glues two figures together.
			sp = true
			i += n
		case unicode.IsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, token{i, j, tWord, sp})
			sp = false
			i = j
		default:
			toks = append(toks, token{i, i + n, tSym, sp})
			sp = false
			i += n
		}
	}
	return toks
}

// indianGroups extends a one- or two-digit head ending at j over Indian
// groups: one or more ",dd" and a final ",ddd". Anything else leaves j.
func indianGroups(s string, j int) int {
	k := j
	pairs := 0
	for k+3 <= len(s) && s[k] == ',' && isDigit(s[k+1]) && isDigit(s[k+2]) && (k+3 == len(s) || s[k+3] == ',') {
		k += 3
		pairs++
	}
	if pairs == 0 || k+4 > len(s) || s[k] != ',' || !isDigit(s[k+1]) || !isDigit(s[k+2]) || !isDigit(s[k+3]) || (k+4 < len(s) && isDigit(s[k+4])) {
		return j
	}
	return k + 4
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// scanDigits reads "1,200,000.5" as one token. A comma only joins groups of
// exactly three digits, so "2019,2020" stays two numbers; or, in Indian
// grouping ("2,40,000", "1,00,00,000"), a one- or two-digit head, groups of
// two and a last group of three.
func scanDigits(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j-i <= 2 {
		j = indianGroups(s, j)
	}
	for j+3 < len(s)+0 && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) && (j+4 == len(s) || !isDigit(s[j+4])) {
		j += 4
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	return j
}

// Accessors tolerate out-of-range indexes so the rules can peek freely.

func (t *text) word(i int) string {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != tWord {
		return ""
	}
	return t.lower[t.toks[i].start:t.toks[i].end]
}

// raw is the token as written (case kept).
func (t *text) raw(i int) string {
	if i < 0 || i >= len(t.toks) {
		return ""
	}
	return t.s[t.toks[i].start:t.toks[i].end]
}

func (t *text) sym(i int) string {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != tSym {
		return ""
	}
	return t.s[t.toks[i].start:t.toks[i].end]
}

func (t *text) kind(i int) (tokKind, bool) {
	if i < 0 || i >= len(t.toks) {
		return 0, false
	}
	return t.toks[i].kind, true
}

// glued reports that token i follows token i-1 with no space between.
func (t *text) glued(i int) bool {
	return i > 0 && i < len(t.toks) && !t.toks[i].sp
}

func (t *text) isNum(i int) bool  { k, ok := t.kind(i); return ok && k == tNum }
func (t *text) isWord(i int) bool { k, ok := t.kind(i); return ok && k == tWord }

// numValue parses a tNum token times 10^exp. Going through ParseFloat with
// the exponent appended keeps "52.3 billion" exactly 52300000000 instead of
// 52.3*1e9's rounding error.
func (t *text) numValue(i int, exp int) float64 {
	r := t.raw(i)
	var buf [48]byte
	b := buf[:0]
	for j := 0; j < len(r); j++ {
		if r[j] != ',' {
			b = append(b, r[j])
		}
	}
	if exp != 0 {
		b = append(b, 'e')
		b = strconv.AppendInt(b, int64(exp), 10)
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0
	}
	return v
}

// isPlainInt reports a digit token with neither comma nor decimal point.
func (t *text) isPlainInt(i int) bool {
	if !t.isNum(i) {
		return false
	}
	for _, c := range []byte(t.raw(i)) {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// isYear is a bare four-digit 1900-2100, the one shape news uses for years.
func (t *text) isYear(i int) bool {
	r := t.raw(i)
	if len(r) != 4 || !t.isPlainInt(i) {
		return false
	}
	v := t.numValue(i, 0)
	return v >= 1900 && v <= 2100
}
