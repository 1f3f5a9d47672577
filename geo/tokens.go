package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word or one punctuation character of the input. Matching
// works on keys, never on raw text, so that "Querétaro" and "Queretaro",
// or "Côte d’Ivoire" and "Côte d'Ivoire", meet in the trie.
type token struct {
	start, end int
	key        string
	word       bool
	// breakBefore is set when the gap before this token holds a line
	// break: a heading or list item starts there, as a sentence would.
	breakBefore bool
}

// tokenize splits s into word and punctuation tokens, dropping spaces.
// buf is reused to spare an allocation per sentence.
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	brk := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isASCIIWord(c):
				j := i + 1
				for j < len(s) && isASCIIWord(s[j]) {
					j++
				}
				if j < len(s) && s[j] >= utf8.RuneSelf {
					// The word goes on with non-ASCII letters ("Querétaro").
					j = scanWord(s, i)
					toks = append(toks, token{start: i, end: j, key: fold(s[i:j]), word: true, breakBefore: brk})
				} else {
					toks = append(toks, token{start: i, end: j, key: s[i:j], word: true, breakBefore: brk})
				}
				brk = false
				i = j
			case c == ' ' || c == '\t' || c == '\r':
				i++
			case c == '\n' || c == '\v' || c == '\f':
				brk = true
				i++
			default:
				toks = append(toks, token{start: i, end: i + 1, key: s[i : i+1], breakBefore: brk})
				brk = false
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := scanWord(s, i)
			toks = append(toks, token{start: i, end: j, key: fold(s[i:j]), word: true, breakBefore: brk})
			brk = false
			i = j
		case unicode.IsSpace(r):
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				brk = true
			}
			i += size
		default:
			toks = append(toks, token{start: i, end: i + size, key: punctKey(r, s[i:i+size]), breakBefore: brk})
			brk = false
			i += size
		}
	}
	return toks
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune counts combining marks as word runes so that text in
// decomposed form ("e" + U+0301) stays one word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIWord(byte(r))
	}
	if isApostrophe(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func scanWord(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u2032', '`', '\u00b4':
		return true
	}
	return false
}

func punctKey(r rune, raw string) string {
	if isApostrophe(r) {
		return "'"
	}
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return "-"
	}
	return raw
}

// foldSpecial covers letters that carry no Unicode decomposition, so
// NFD alone would keep them ("Łódź", "Wrocław").
var foldSpecial = map[rune]string{
	'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D",
	'ı': "i", 'ß': "ss", 'æ': "ae", 'Æ': "Ae", 'œ': "oe", 'Œ': "Oe",
	'ð': "d", 'þ': "th", 'ʻ': "",
}

// fold strips diacritics from a word, keeping its case.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := foldSpecial[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
