// Package extract reads expansion facts out of article text: counts of
// regions, availability zones and data centers, facility launches, plans and
// closures per country, investments and other money figures, each resolved
// to the provider it is about.
//
// Each fact type has its own file and its own rule table: count.go,
// expansion.go, money.go (investment and money). Rules carry ids that are
// stored with every fact, so a reviewer can trace a claim to the rule that
// made it. The shared reading of a sentence (organisations, places, numbers,
// cue words) lives in sentence.go; provider resolution across sentences in
// discourse.go.
package extract

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/geo"
	"github.com/cloudfacts/ingest/nlp"
)

// Version identifies the rule set. It is stored with every fact; bump it when
// a rule changes so that `ingest reextract` and re-runs refresh old facts.
const Version = "2026.11.28-5"

// Document is the input of one extraction.
type Document struct {
	Text      string
	Published time.Time // zero when unknown; resolves "next year" and the like
}

// Extractor holds the gazetteers and models, loaded once and shared. It is
// safe for concurrent use.
type Extractor struct {
	orgs *orgGazetteer
}

// New loads the gazetteers (the places' too) and the NLP models.
func New() (*Extractor, error) {
	orgs, err := loadOrgs(providersTSV)
	if err != nil {
		return nil, fmt.Errorf("extract: provider gazetteer: %w", err)
	}
	if err := nlp.Load(); err != nil {
		return nil, fmt.Errorf("extract: nlp models: %w", err)
	}
	geo.Load()
	return &Extractor{orgs: orgs}, nil
}

// Limits bound the work spent on one article. A page of a million
// sentences or a list that yields tens of thousands of facts is not an
// article; what was cut is reported, not hidden.
type Limits struct {
	MaxSentences int // sentences read; 0 means DefaultLimits'
	MaxFacts     int // facts kept; 0 means DefaultLimits'
}

// DefaultLimits are generous for news: the longest real articles have a
// few hundred sentences and a few dozen facts.
var DefaultLimits = Limits{MaxSentences: 5000, MaxFacts: 2000}

// Result is an extraction with what, if anything, was left out.
type Result struct {
	Facts []Fact
	// Truncated says why the article was not read to its end ("sentence
	// limit 5000 reached at offset 812345"), empty when it was.
	Truncated string
}

// Extract returns the facts stated in doc, in text order. Quotes are whole
// sentences; Start and End are code-point offsets into doc.Text.
func (x *Extractor) Extract(doc Document) []Fact {
	r, _ := x.ExtractContext(context.Background(), doc, Limits{})
	return r.Facts
}

// ExtractContext is Extract bounded by lim and stopped by ctx: it checks
// ctx between sentences, so a signal stops even a huge article promptly,
// and returns ctx's error with the facts read so far.
func (x *Extractor) ExtractContext(ctx context.Context, doc Document, lim Limits) (res Result, err error) {
	if lim.MaxSentences <= 0 {
		lim.MaxSentences = DefaultLimits.MaxSentences
	}
	if lim.MaxFacts <= 0 {
		lim.MaxFacts = DefaultLimits.MaxFacts
	}
	defer releaseLowered(lowerArticle(doc.Text))
	scratch := factsPool.Get().(*[]Fact)
	res.Facts = (*scratch)[:0]
	defer func() { res.Facts = keepFacts(scratch, res.Facts) }()
	sents := splitLong(nlp.Sentences(doc.Text), maxSentence)
	if len(sents) > lim.MaxSentences {
		res.Truncated = fmt.Sprintf("sentence limit %d reached at byte %d of %d", lim.MaxSentences, sents[lim.MaxSentences].Start, len(doc.Text))
		sents = sents[:lim.MaxSentences]
	}
	d := newDiscourse(doc.Published)
	// Names the gazetteer does not know are learnt from the whole article
	// first, so a later short form ("Stack") and an earlier headline
	// mention resolve too.
	local, known, err := x.learnNames(ctx, sents)
	if err != nil {
		return res, err
	}
	// A first pass finds the article's main provider, the fallback for
	// definite descriptions ("the data center") before any provider is named.
	analysed := make([]*sentence, len(sents))
	near := ""
	for i, s := range sents {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		analysed[i] = x.analyse(s.Text, known[i], local, near)
		d.count(analysed[i])
		if c := lastCountry(analysed[i].places); c != "" {
			near = c
		}
		local.countCountries(analysed[i].places)
	}
	offs := newRuneOffsets(doc.Text)
	var fsArray []Fact
	for i, s := range sents {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		a := analysed[i]
		fs := fsArray[:0] // one array for every sentence's facts
		counts := countFacts(a, d)
		fs = append(fs, counts...)
		exps := expansionFacts(a, d)
		if d.list != nil && (isListItem(a.text) || d.listMarker) {
			exps = append(exps, listItemFacts(a, d)...)
			// prose splits "1. Lagos, Nigeria" after the numeral.
			d.listMarker = isListMarker(a.text)
		} else if len(exps) == 0 {
			d.list = listIntroOf(a, d)
		} else {
			d.list = nil
		}
		fs = append(fs, exps...)
		fs = append(fs, countedExpansions(counts, exps)...)
		fs = append(fs, moneyFacts(a, d)...)
		if isQuestion(a.text) || retracted(a.text) {
			// "Will AWS open a region in Chile?" asserts nothing, and
			// neither does what a correction withdraws.
			fs = nil
		}
		if len(res.Facts)+len(fs) > lim.MaxFacts {
			res.Truncated = fmt.Sprintf("fact limit %d reached at byte %d of %d", lim.MaxFacts, s.Start, len(doc.Text))
			break
		}
		start, end := offs.at(s.Start), offs.at(s.End)
		for _, f := range fs {
			f.Quote = s.Text
			f.Start, f.End = start, end
			res.Facts = append(res.Facts, f)
		}
		for _, f := range fs {
			// "The new region will consist of three zones" describes the
			// site of the last expansion, not the last place named.
			if f.Type == TypeExpansion && f.Status != StatusClosed {
				d.lastSiteCountry, d.lastSiteCity = f.Country, f.City
				break
			}
		}
		d.leave(a)
		if cap(fs) > cap(fsArray) {
			fsArray = fs
		}
	}
	return res, nil
}

// learnNames reads the organisations an article names that the gazetteer
// does not know: bracketed short names of known ones, names with corporate
// heads, names described as providers and units of other companies.
//
// It also returns the gazetteer's mentions in each sentence, read once here
// for the analysis that follows.
func (x *Extractor) learnNames(ctx context.Context, sents []nlp.Sentence) (*localOrgs, [][]orgMention, error) {
	local := newLocalOrgs()
	known := make([][]orgMention, len(sents))
	firsts := map[string]map[string]orgMention{} // first word -> known names it opens
	generic := map[string]bool{}                 // first words that stand for no one
	for i, s := range sents {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		known[i] = x.orgs.find(s.Text)
		if !local.tech && reTechContext.MatchString(s.Text) {
			local.tech = true
		}
		for _, o := range known[i] {
			first, _, multi := strings.Cut(o.name, " ")
			if !multi || len(first) < 3 {
				continue
			}
			if generic[first] {
				continue
			}
			if firsts[first] == nil {
				if genericNameWord(first) { // once per word, not per mention
					generic[first] = true
					continue
				}
				firsts[first] = map[string]orgMention{}
			}
			firsts[first][o.name] = o
		}
		for _, o := range known[i] {
			// "Princeton Digital Group (PDG)": the bracketed short name
			// stands for a known organisation in the rest of the article.
			if m := reShortName.FindStringSubmatch(s.Text[o.end:]); m != nil && len(x.orgs.find(m[1])) == 0 {
				local.learn(corporateName{name: o.name, kind: o.kind, first: m[1]})
			}
		}
		for _, c := range findCorporateNames(s.Text) {
			if len(x.orgs.find(c.name)) == 0 && len(x.orgs.find(c.surface)) == 0 {
				local.learn(c)
			}
		}
		for _, c := range describedNames(s.Text) {
			if c.parent != "" {
				// A unit's facts are its parent's.
				if ps := x.orgs.find(c.parent); len(ps) > 0 {
					c.name = ps[0].name
				} else if ps := local.find(c.parent); len(ps) > 0 {
					c.name = ps[0].name
				} else {
					c.name = strings.TrimSpace(reCorpSuffix.ReplaceAllString(c.parent, ""))
				}
				if f := strings.Fields(c.surface); len(f) > 0 && !genericNameWord(f[0]) {
					c.first = f[0] // "VITRO" for "VITRO Inc."
				}
			}
			if len(x.orgs.find(c.name)) == 0 || c.parent != "" {
				local.learn(c)
				if c.kind == orgProvider {
					local.promote(c.name)
				}
			}
		}
	}
	// "Stack Infrastructure ... Stack operates": the first word of a known
	// name the article uses stands for it, unless it opens two of them or
	// the gazetteer gives it a meaning of its own.
	for first, names := range firsts {
		if len(names) != 1 || len(x.orgs.find(first)) > 0 {
			continue
		}
		for _, o := range names {
			if _, taken := local.alias[first]; !taken {
				local.alias[first] = org{name: o.name, kind: o.kind}
			}
		}
	}
	return local, known, nil
}

// retracted reports a sentence that tells what an earlier version of the
// article said wrongly: "Correction: An earlier version of this article
// said CoreWeave would invest £2.5 billion."
func retracted(s string) bool {
	if strings.Contains(s, "version of") && reRetracted.MatchString(s) {
		return true
	}
	if !strings.Contains(s, "ly ") {
		return false
	}
	var buf [512]byte
	low, _ := lowerInto(&buf, s)
	return containsAny(low, wronglyNeedles) && reWronglySaid.MatchString(s)
}

var wronglyNeedles = []string{"incorrectly", "wrongly", "mistakenly", "erroneously"}

var (
	reRetracted   = mustRx(`(?i)\b(?:an?|the)\s+(?:earlier|previous|prior|original)\s+version\s+of\s+(?:this|the)\s+(?:article|story|report|piece|post)\b`)
	reWronglySaid = mustRx(`(?i)\b(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|described|gave|identified|attributed)\b`)
)

// isQuestion reports a sentence that asks rather than states: it ends with
// a question mark, perhaps inside closing quotes.
func isQuestion(s string) bool {
	s = strings.TrimRight(s, " \"'”’)")
	return strings.HasSuffix(s, "?")
}

// maxSentence is the longest sentence the rules read at once, in bytes.
// Real sentences are far shorter; a page without full stops (a list, a
// run of comma-joined clauses) is cut at clause boundaries so that every
// rule stays linear in the text.
const maxSentence = 1500

// splitLong cuts sentences longer than limit into pieces of at most limit
// bytes, at the last "; " or ", " (else space) before the limit. Each piece
// keeps its offsets into the document, so quotes stay exact.
func splitLong(sents []nlp.Sentence, limit int) []nlp.Sentence {
	var out []nlp.Sentence
	for _, s := range sents {
		for len(s.Text) > limit {
			cut := lastBoundary(s.Text[:limit])
			piece := nlp.Sentence{Text: strings.TrimRight(s.Text[:cut], " "), Start: s.Start}
			piece.End = piece.Start + len(piece.Text)
			out = append(out, piece)
			rest := s.Text[cut:]
			trimmed := strings.TrimLeft(rest, " ")
			s = nlp.Sentence{Text: trimmed, Start: s.Start + cut + len(rest) - len(trimmed), End: s.End}
		}
		if s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}

// lastBoundary is where to cut s: after its last "; " or ", ", else its
// last space, else at a rune boundary near its end.
func lastBoundary(s string) int {
	for _, sep := range []string{"; ", ", ", " "} {
		if i := strings.LastIndex(s, sep); i > len(s)/2 {
			return i + len(sep)
		}
	}
	i := len(s)
	for i > 0 && !utf8.RuneStart(s[i-1]) {
		i--
	}
	if i > 1 {
		return i - 1
	}
	return len(s)
}

// runeOffsets converts byte offsets to code-point offsets for one text,
// walking forward only, since sentences arrive in order.
type runeOffsets struct {
	text   string
	byteAt int
	runeAt int
}

func newRuneOffsets(text string) *runeOffsets { return &runeOffsets{text: text} }

func (r *runeOffsets) at(b int) int {
	if b < r.byteAt {
		r.byteAt, r.runeAt = 0, 0
	}
	r.runeAt += utf8.RuneCountInString(r.text[r.byteAt:b])
	r.byteAt = b
	return r.runeAt
}

// An article's facts gather in an array kept from one article to the next
// and leave in a slice of their number: grown one append at a time, a new
// array for each article came to twice what its facts take, the largest
// allocation of extraction.
var factsPool = sync.Pool{New: func() any { return new([]Fact) }}

// keepFacts returns a copy of facts, nil when there are none, and gives
// their array back to the pool in scratch.
func keepFacts(scratch *[]Fact, facts []Fact) []Fact {
	var out []Fact
	if len(facts) > 0 {
		out = slices.Clone(facts)
	}
	clear(facts) // no quote or name kept alive by the pool
	*scratch = facts[:0]
	factsPool.Put(scratch)
	return out
}
