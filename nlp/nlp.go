// Package nlp splits article text into sentences with exact offsets and tags
// their words, using github.com/jdkato/prose/v3. Models load once per process
// and are shared; every function here is safe for concurrent use.
//
// prose is used for sentences, tokens and part-of-speech tags only; Tagged
// scores prose's tagging model itself (perceptron.go), word by word. Its
// entity labels are not used: they call Microsoft and Saudi Arabia PERSON, so
// companies and places come from gazetteers (packages geo and extract).
package nlp

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// Sentence is a span of the text it came from: Text == text[Start:End].
// Offsets are in bytes.
type Sentence struct {
	Text       string
	Start, End int
}

// Token is a word or punctuation mark with its byte offset in the string it
// was read from and its Penn Treebank part-of-speech tag.
type Token = token.Token

// newsAbbrevs are abbreviations that end in a period inside news sentences
// and that the stock English punkt model does not all know. A missing entry
// splits "Tencent Holdings Ltd. launched ..." into two sentences, and the
// fact loses its subject.
var newsAbbrevs = []string{
	"inc", "corp", "co", "ltd", "llc", "plc", "bhd", "pte", "pty", "ag", "nv", "sa",
	"approx", "est", "no", "nos", "st", "ave", "dr", "mr", "mrs", "ms", "prof",
	"sr", "jr", "gen", "gov", "sen", "rep", "rev", "vs", "etc", "fig", "dept",
	"u.s", "u.k", "u.n", "e.u", "u.a.e", "s.a", "n.v",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"rs", "mn", "bn", "mln", "bln",
}

// segmenters are prose's segmenter and punkt, its copy that Sentences
// uses, over the same model.
type segmenters struct {
	prose *segment.Segmenter
	punkt *punkt
}

var segmenter = sync.OnceValues(func() (*segmenters, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	for _, a := range []string{"sgt", "mt"} {
		training.AbbrevTypes.Add(a)
	}
	for _, a := range newsAbbrevs {
		training.AbbrevTypes.Add(a)
	}
	return &segmenters{prose: segment.WithTraining(training), punkt: &punkt{st: training}}, nil
})

var tagger = sync.OnceValues(func() (*tag.Tagger, error) { return tag.New() })

var tokenizer = sync.OnceValue(func() *tokenize.Tokenizer { return tokenize.New() })

// Load loads the models now rather than on first use, so that a long run
// reports a broken model at start-up and benchmarks do not time the loading.
// prose's own tagger, which only Tag uses, loads on Tag's first call.
func Load() error {
	if _, err := segmenter(); err != nil {
		return err
	}
	_, err := model()
	return err
}

// Sentences splits text into sentences. A line break always ends a sentence:
// news text puts headlines, datelines and captions on lines of their own
// with no final period, and they must not run into the next sentence.
func Sentences(text string) []Sentence {
	seg, err := segmenter()
	if err != nil {
		// The model is compiled into the binary; failing to decode it is a
		// build defect, not an input error.
		panic("nlp: sentence model: " + err.Error())
	}
	var out []Sentence
	var spans [][2]int
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := text[lineStart:lineEnd]
		if strings.TrimSpace(line) != "" {
			spans = seg.punkt.segment(line, spans[:0])
			for _, s := range spans {
				out = appendSplit(out, line, lineStart, s[0], s[1])
			}
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return fill(text, out)
}

// appendSplit adds one punkt sentence of a line, trimmed, joining it to the
// previous one when it starts in lower case: punkt sometimes breaks after an
// abbreviation it does not know ("U.S. officials" is safe, "approx. three"
// is not), and a real sentence never starts in lower case in news text.
func appendSplit(out []Sentence, line string, base, start, end int) []Sentence {
	start, end = trim(line, start, end)
	if start >= end {
		return out
	}
	if n := len(out); n > 0 && out[n-1].End > base && startsLower(line[start:end]) {
		prev := &out[n-1]
		prev.End = base + end
		prev.Text = ""
		return out
	}
	return append(out, Sentence{Start: base + start, End: base + end})
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func trim(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// fill sets Text from the offsets, once the boundaries are final.
func fill(text string, ss []Sentence) []Sentence {
	for i := range ss {
		ss[i].Text = text[ss[i].Start:ss[i].End]
	}
	return ss
}

// Tag tokenizes s and tags each token with its part of speech, with prose's
// tokenizer and tagger over the whole sentence. Token offsets are byte
// offsets into s. Extraction uses Tagged, which gives the same tags as far
// as they are asked for; Tag is the reference it is tested against.
func Tag(s string) []Token {
	toks := tokenizer().Tokenize(s)
	tg, err := tagger()
	if err != nil {
		panic("nlp: tagger model: " + err.Error())
	}
	tg.TagTokens(toks)
	return toks
}

// Tagged is a sentence tokenized and tagged on demand, from its start.
// Rules often need only the first words' tags (the subject and its verb),
// and tagging is the dearest step of reading a sentence.
//
// The tags are exactly Tag's: the tokenizer reads each whitespace-delimited
// span on its own, so a prefix cut at a space tokenizes as it would in the
// whole; and the tagger decides a word from the two tags before it and the
// words up to two after it, so a word can be tagged once those are read.
type Tagged struct {
	text    string
	toks    []Token
	ctx     []string // normalised words after two start markers; end markers once done
	scanned int      // bytes of text tokenized
	done    bool     // all of text is tokenized
	tagged  int      // tokens tagged
	st      tagState
}

// NewTagged returns s, to be tagged as its tokens are asked for. Release
// gives its memory back for the next sentence.
func NewTagged(s string) *Tagged {
	t, _ := taggedPool.Get().(*Tagged)
	if t == nil {
		// Rules ask for a few tokens of most sentences (the subject and
		// the first verb): room for those, and append grows the rest.
		n := min(len(s)/6+4, 12)
		t = &Tagged{ctx: make([]string, 0, n+4), toks: make([]Token, 0, n)}
	}
	toks, ctx, st := t.toks[:0], append(t.ctx[:0], "-START-", "-START2-"), t.st
	*t = Tagged{text: s, toks: toks, ctx: ctx,
		st: tagState{p1: "-START-", p2: "-START2-", words: st.words[:0], suf: st.suf[:0], scores: st.scores}}
	return t
}

// taggedPool keeps released Tagged for reuse: tagging is asked of most
// sentences, and its slices were a sixth of what extraction allocated.
var taggedPool sync.Pool

// Release returns t to be reused by NewTagged. Neither t nor anything
// read from it but its Tokens (which are copies) may be used after.
func (t *Tagged) Release() { taggedPool.Put(t) }

// Token returns the i-th token of the sentence, tagged as Tag would, and
// false when the sentence has no more than i tokens.
func (t *Tagged) Token(i int) (Token, bool) {
	if i < t.tagged {
		return t.toks[i], true
	}
	t.tokenize(i + 3)
	if i >= len(t.toks) {
		return Token{}, false
	}
	p, err := model()
	if err != nil {
		panic("nlp: tagger model: " + err.Error())
	}
	for ; t.tagged <= i; t.tagged++ {
		k := t.tagged
		t.toks[k].Tag = p.tagAt(&t.st, k, t.ctx, t.toks[k].Text)
	}
	return t.toks[i], true
}

// Has reports whether the sentence has more than i tokens, without
// tagging them.
func (t *Tagged) Has(i int) bool {
	t.tokenize(i + 1)
	return i < len(t.toks)
}

// tokenize reads text on, one whitespace-delimited span at a time as
// prose's tokenizer does, until there are n tokens or the text ends. A
// span of ASCII letters and digits is one token, as prose would make it:
// none of its affixes or contractions applies, and an emoticon ("xD") is
// kept whole anyway. Any other span goes to prose's tokenizer.
func (t *Tagged) tokenize(n int) {
	for len(t.toks) < n && !t.done {
		i := t.scanned
		for i < len(t.text) {
			r, size := utf8.DecodeRuneInString(t.text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		j, simple := i, true
		for j < len(t.text) {
			c := t.text[j]
			if c < utf8.RuneSelf {
				if c == ' ' || c >= '\t' && c <= '\r' {
					break
				}
				simple = simple && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(t.text[j:])
			if unicode.IsSpace(r) {
				break
			}
			simple = false
			j += size
		}
		if span := t.text[i:j]; span != "" {
			if simple {
				t.add(Token{Text: span, Start: i})
			} else {
				for _, tok := range tokenizer().Tokenize(span) {
					tok.Start += i
					t.add(tok)
				}
			}
		}
		t.scanned = j
		if j == len(t.text) {
			t.done = true
			t.ctx = append(t.ctx, "-END-", "-END2-")
		}
	}
}

func (t *Tagged) add(tok Token) {
	t.toks = append(t.toks, tok)
	t.ctx = append(t.ctx, normalize(tok.Text))
}
