package extract

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Lexicons are the word lists the rules read: status cues, investment
// verbs, facility nouns, corporate suffixes. Each lives in its own file of
// data/ so that a newcomer can read and extend it without touching Go; the
// corpus cases in testdata/corpus/ prove each list and the phrases it must
// ignore.
//
// File format (data/*.txt):
//
//	# a comment
//	[tag]            following phrases carry this tag (a cue class, an id...)
//	shut down        a phrase: matched case-insensitively on word boundaries
//	=MoU             a leading "=" makes the phrase case-sensitive
//	{drop|dropped} {|its|the} plans
//	                 braces list alternatives, an empty one makes the
//	                 group optional: the line stands for every phrase it
//	                 spells ("drop plans", "dropped its plans", ...)
//
// At each position the longest phrase wins; matches do not overlap.

//go:embed data/*.txt
var lexiconFS embed.FS

type phrase struct {
	text      string // lower-cased unless exact
	exact     bool   // case-sensitive
	tag       string
	firstWord string
}

// lexicon matches a list of phrases in a sentence, indexed by first word so
// that a sentence is scanned once whatever the size of the list.
type lexicon struct {
	name    string
	byFirst map[string][]phrase // longest first
	all     map[string]string   // phrase as listed (exact case) or lower-cased -> tag
	// firsts has the bit of firstKey set for every key of byFirst: most
	// words of a sentence open no phrase, and a bit test rules them out
	// for less than a map lookup costs.
	firsts [firstBits / 64]uint64
}

const firstBits = 1 << 15

// firstKey hashes a lower-cased word from its length and three of its
// bytes, which is cheap and tells most words apart.
func firstKey(w string) uint32 {
	h := uint32(len(w))
	h = h*31 + uint32(w[0])
	h = h*31 + uint32(w[len(w)-1])
	h = h*31 + uint32(w[len(w)/2])
	return (h * 0x9E3779B1) >> (32 - 15)
}

// mayOpen reports whether w (lower-cased) may be a key of byFirst.
func (l *lexicon) mayOpen(w string) bool { return l.mayOpenKey(firstKey(w)) }

func (l *lexicon) mayOpenKey(k uint32) bool { return l.firsts[k/64]&(1<<(k%64)) != 0 }

// lexMatch is one phrase found in a sentence (byte offsets).
type lexMatch struct {
	start, end int
	tag        string
}

func mustLexicon(name string) *lexicon {
	l, err := loadLexicon(name)
	if err != nil {
		panic(err)
	}
	return l
}

func loadLexicon(name string) (*lexicon, error) {
	data, err := lexiconFS.ReadFile("data/" + name + ".txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	return parseLexicon(name, string(data))
}

func parseLexicon(name, data string) (*lexicon, error) {
	l := &lexicon{name: name, byFirst: map[string][]phrase{}, all: map[string]string{}}
	tag := ""
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("%s.txt:%d: unclosed tag %q", name, n+1, line)
			}
			tag = strings.TrimSpace(line[1 : len(line)-1])
			continue
		}
		exact := strings.HasPrefix(line, "=")
		if exact {
			line = line[1:]
		} else {
			line = asciiLower(line)
		}
		spelled, err := expandBraces(line)
		if err != nil {
			return nil, fmt.Errorf("%s.txt:%d: %w", name, n+1, err)
		}
		for _, text := range spelled {
			p := phrase{tag: tag, exact: exact, text: strings.Join(strings.Fields(text), " ")}
			w, _ := firstWordAt(p.text, 0)
			if w == "" {
				return nil, fmt.Errorf("%s.txt:%d: phrase %q does not start with a letter or digit", name, n+1, text)
			}
			p.firstWord = asciiLower(w)
			l.all[p.text] = p.tag
			l.byFirst[p.firstWord] = append(l.byFirst[p.firstWord], p)
			k := firstKey(p.firstWord)
			l.firsts[k/64] |= 1 << (k % 64)
		}
	}
	for k, ps := range l.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].text) > len(ps[j].text) })
		l.byFirst[k] = ps
	}
	return l, nil
}

// expandBraces spells out every phrase a line with "{a|b|}" groups stands
// for, in order; a line without braces is itself.
func expandBraces(line string) ([]string, error) {
	open := strings.IndexByte(line, '{')
	if open < 0 {
		if strings.IndexByte(line, '}') >= 0 {
			return nil, fmt.Errorf("unopened brace in %q", line)
		}
		return []string{line}, nil
	}
	n := strings.IndexByte(line[open:], '}')
	if n < 0 {
		return nil, fmt.Errorf("unclosed brace in %q", line)
	}
	group := line[open+1 : open+n]
	if strings.IndexByte(group, '{') >= 0 {
		return nil, fmt.Errorf("nested braces in %q", line)
	}
	rests, err := expandBraces(line[open+n+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(group, "|") {
		for _, rest := range rests {
			out = append(out, line[:open]+alt+rest)
		}
	}
	return out, nil
}

// find returns the phrases of l in s, left to right, longest at each
// position, not overlapping.
func (l *lexicon) find(s string) []lexMatch {
	// Matches gather on the stack and leave in one slice of their size.
	var first [8]lexMatch
	out := first[:0]
	var buf [512]byte
	low, _ := lowerInto(&buf, s) // keys and case-insensitive phrases
	if words, off, ok := articleWords(s); ok {
		// The article's words, cut to s: the same words the walk below
		// finds, since s starts and ends between runes.
		next := 0 // where a phrase may start, after the last one
		for k := firstWordEndingAfter(words, off); k < len(words) && int(words[k].start) < off+len(s); k++ {
			w := words[k]
			i, end := max(int(w.start), off)-off, min(int(w.end), off+len(s))-off
			if i < next {
				continue
			}
			key := w.key
			if i+off != int(w.start) || end+off != int(w.end) {
				key = firstKey(low[i:end])
			}
			if !l.mayOpenKey(key) {
				continue
			}
			if e, tag := l.phraseAt(s, low, i, end); e > 0 {
				out = append(out, lexMatch{start: i, end: e, tag: tag})
				next = e
			}
		}
	} else {
		for i := 0; i < len(s); {
			// i follows a non-word rune (or starts s): a word starts here
			// if s[i] is a word rune.
			if c := s[i]; c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					i++
					continue
				}
			} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
				i += size
				continue
			}
			end := wordEnd(s, i)
			if !l.mayOpen(low[i:end]) {
				i = end
				continue
			}
			if e, tag := l.phraseAt(s, low, i, end); e > 0 {
				out = append(out, lexMatch{start: i, end: e, tag: tag})
				i = e
			} else {
				i = end
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// phraseAt is the end and tag of the longest phrase of l at s[i:], whose
// first word ends at end; 0 when none is there.
func (l *lexicon) phraseAt(s, low string, i, end int) (int, string) {
	for _, p := range l.byFirst[low[i:end]] {
		hay := low[i:]
		if p.exact {
			hay = s[i:]
		}
		if !strings.HasPrefix(hay, p.text) {
			continue
		}
		e := i + len(p.text)
		if e < len(s) {
			if r, _ := runeAt(s, e); isWordRune(r) {
				continue
			}
		}
		return e, p.tag
	}
	return 0, ""
}

// articleWord is a run of word runes of an article being read, with the
// firstKey of its lower-cased form: the lexicons read every sentence, or
// a part of it, word by word, and the article is cut into words once.
type articleWord struct {
	start, end int32
	key        uint32
}

// splitWords returns the runs of word runes of text (low its lower-cased
// form), as find's walk reads them.
func splitWords(text, low string) []articleWord {
	if len(text) >= 1<<31 {
		return nil
	}
	out := make([]articleWord, 0, len(text)/6+1)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		end := wordEnd(text, i)
		out = append(out, articleWord{start: int32(i), end: int32(end), key: firstKey(low[i:end])})
		i = end
	}
	return out
}

// articleWords returns the words of the published article s lies in and
// s's offset in it; false when s is no part of one, or starts or ends
// inside a rune of it (where s's own walk reads other runes).
func articleWords(s string) ([]articleWord, int, bool) {
	if len(s) < minLowered {
		return nil, 0, false
	}
	l, off, ok := publishedPart(s)
	if !ok || l.words == nil || !utf8.RuneStart(l.text[off]) {
		return nil, 0, false
	}
	if e := off + len(s); e < len(l.text) && !utf8.RuneStart(l.text[e]) {
		return nil, 0, false
	}
	return l.words, off, true
}

// firstWordEndingAfter is the index of the first word that ends after off.
func firstWordEndingAfter(words []articleWord, off int) int {
	lo, hi := 0, len(words)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(words[m].end) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// wordEnd is the end of the run of word runes at s[i:].
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// runeAt decodes the rune at byte i of s, ASCII without a call.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tagOf returns the tag of a whole phrase: exact-case phrases are looked up
// as written, the others lower-cased.
func (l *lexicon) tagOf(s string) (string, bool) {
	if t, ok := l.all[s]; ok {
		return t, true
	}
	var buf [512]byte
	low, _ := lowerInto(&buf, s)
	t, ok := l.all[low]
	return t, ok
}

// has reports whether any phrase of l occurs in s.
func (l *lexicon) has(s string) bool { return len(l.find(s)) > 0 }

// firstWordAt returns the word (letters and digits) starting at byte i of s
// and the offset after it, or "" when s[i] does not start a word. A word
// starts only where the previous rune is not part of a word.
func firstWordAt(s string, i int) (string, int) {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWordRune(r) {
			// inside a word: skip to its end
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += size
			}
			return "", max(j, i+1)
		}
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) {
			break
		}
		j += size
	}
	if j == i {
		_, size := utf8.DecodeRuneInString(s[i:])
		return "", i + size
	}
	return s[i:j], j
}

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
