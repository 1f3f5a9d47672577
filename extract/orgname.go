package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/geo"
)

// Organisations the gazetteer does not know are read from the text. New
// operators appear every week; their names announce themselves:
//
//   - a run of capitalised words ending in a corporate head ("Teraco Data
//     Environments", "Sify Technologies", "Princeton Digital Group"),
//     data/org_heads.txt, where the head also says what kind of company it
//     is;
//   - a name found once is an alias for the rest of the article, and so is
//     its first word ("Stack Infrastructure" ... "Stack says").
//
// The subject of a facility verb (sentence.go, unknownSubject) is the third
// source.

var orgHeads = mustLexicon("org_heads")

// Kinds of organisation heads in data/org_heads.txt.
const (
	headProvider = "provider"
	headOrg      = "org"
	headPublic   = "public"
	headLegal    = "legal"
)

// word is a token of a sentence with its byte offsets.
type word struct {
	start, end int
	text       string
}

// capitalisedRuns returns the runs of capitalised words of s, split at any
// punctuation other than "&" and at lower-case words.
func capitalisedRuns(s string) [][]word {
	var runs [][]word
	var cur []word
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == ' ' {
			i += size
			continue
		}
		if r == '&' && len(cur) > 0 {
			cur = append(cur, word{i, i + 1, "&"})
			i += size
			continue
		}
		if !isWordRune(r) {
			flush()
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) && !(r2 == '-' || r2 == '.' || r2 == '+' && j > i) {
				break
			}
			j += sz
		}
		// A trailing period ends the sentence or an abbreviation; keep it
		// only inside ("U.K.").
		w := strings.TrimRight(s[i:j], ".-")
		j = i + len(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) && strings.IndexFunc(w, unicode.IsUpper) > 0 {
			cur = append(cur, word{i, j, w})
		} else {
			flush()
		}
		if j == i {
			j = i + size
		}
		i = j
	}
	flush()
	return runs
}

// Names described as providers: "Ascenty, the Brazilian datacenter
// company", "colocation provider Teraco", "Zenlayer's new data center".
var (
	reProviderNoun = `(?i:data[ -]?cent(?:er|re)|datacent(?:er|re)|cloud|colocation|co-location|hosting|hyperscale|digital infrastructure|telecoms?|telecommunications)`
	reProviderHead = `(?i:company|companies|operator|provider|firm|developer|specialist|giant|platform|business|arm|unit|subsidiary|player|group)`
	reName         = `(\p{Lu}[\p{L}\d&.+-]*(?:\s\p{Lu}[\p{L}\d&.+-]*){0,3})`
	reDescAfter    = mustRx(reName + `(?:\s\([^)]{1,30}\))?,\s+(?:the|a|an|its|which is (?:a|an|the)|\p{Lu}[\p{L}.-]+(?:'s|’s))\s+(?:[\p{L}\d-]+\s+){0,4}?` + reProviderNoun + `\s+` + reProviderHead + `\b`)
	// "Aruba, the Bergamo-based operator": a company described by where it
	// is based and what it runs, in a sentence about sites.
	reBasedDesc = mustRx(reName + `(?:\s\([^)]{1,30}\))?,\s+(?:the|a|an)\s+(?:[\p{L}\d-]+\s+){0,2}?[\p{L}.]+-based\s+(?:[\p{L}\d-]+\s+){0,2}?(?:operator|developer|provider)\b`)
	// "Telecom Argentina, which runs 12 data centers": a relative clause
	// that shows the name running sites.
	reRunsDesc = mustRx(reName + `(?:\s\([^)]{1,30}\))?,\s+which\s+(?:already\s+|also\s+|now\s+)?(?:runs|operates|owns|has|manages)\s+(?:[\p{L}\d-]+\s+){0,4}?(?:data[ -]?cent(?:er|re)s|datacent(?:er|re)s|campuses|cloud regions)\b`)
	// "Poznań-based Beyond.pl": a name after where it is based is an
	// organisation, of no kind until it is seen building.
	reBasedBefore = mustRx(`\b\p{Lu}[\p{L}.]+-based\s+(?:(?:company|firm|startup|operator|developer|provider|group)\s+)?` + reName)
	reUnitOf      = mustRx(reName + `(?:\s\([^)]{1,30}\))?,\s+(?:the|a|an|its)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:arm|unit|subsidiary|division|offshoot)\s+of\s+` + reName)
	reDescBefore  = mustRx(`\b` + reProviderNoun + `\s+` + reProviderHead + `\s+` + reName)
	// "Bleu, the joint venture set up by Orange and Capgemini": a venture
	// is the company its sentence is about, not its parents.
	reVentureAfter = mustRx(reName + `(?:\s\([^)]{1,30}\))?,\s+(?:the|a|an|its|their)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:joint venture|JV|neocloud|(?:company|firm|venture|business)\s+(?:formed|set\s+up|created|established|founded|launched)\s+by)\b`)
	reOwnFacility  = mustRx(reName + `(?:'s|’s)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:data[ -]?cent(?:er|re)s?|datacent(?:er|re)s?|cloud regions?|availability zones?)\b`)
)

// describedNeedles are substrings one of which every description contains.
var describedNeedles = []string{" of ", " by ", "data", "cent", "cloud", "coloc", "co-loc", "hosting", "hyperscale", "infrastructure", "telecom", "availability", "venture", "jv", "-based", "campuses"}

// describedNames finds organisations the sentence describes as providers,
// and units named as part of another company ("VITRO Inc., the data center
// arm of PLDT": parent PLDT).
func describedNames(s string) []corporateName {
	var out []corporateName
	var buf [512]byte
	if low, _ := lowerInto(&buf, s); !containsAny(low, describedNeedles) {
		return nil
	}
	for _, m := range reUnitOf.FindAllStringSubmatchIndex(s, -1) {
		name := strings.TrimSpace(reCorpSuffix.ReplaceAllString(s[m[2]:m[3]], ""))
		if name == "" || genericNameWord(name) {
			continue
		}
		out = append(out, corporateName{start: m[2], end: m[3], name: name, kind: orgProvider,
			surface: s[m[2]:m[3]], parent: s[m[4]:m[5]]})
	}
	for _, re := range []*rx{reDescAfter, reDescBefore, reOwnFacility, reVentureAfter, reBasedDesc, reRunsDesc, reBasedBefore} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			name := s[m[2]:m[3]]
			ws := strings.Fields(name)
			// Leading sentence words are not part of a name ("The", "In").
			for len(ws) > 0 && (orgGeneric[ws[0]] || reDeterminerStart.MatchString(ws[0])) {
				ws = ws[1:]
			}
			if len(ws) == 0 {
				continue
			}
			name = strings.Join(ws, " ")
			if genericNameWord(name) && !(re == reBasedDesc && m[3]-len(name) == 0) || titleCase(s) {
				// ("Aruba, the Bergamo-based operator, said": a
				// description that says where the sentence's subject is
				// based makes even a place's name a company; "in Italy,
				// the U.S.-based operator said" does not.)
				continue
			}
			start := m[3] - len(name)
			kind := orgProvider
			if re == reBasedBefore {
				kind = orgOther
			}
			out = append(out, corporateName{start: start, end: m[3], name: name, kind: kind})
		}
	}
	return out
}

// corporateName is an organisation read from its name's shape.
type corporateName struct {
	start, end int
	name       string // canonical: the name without legal suffixes
	kind       string // orgProvider or orgOther
	first      string // the first word, an alias when distinctive
	surface    string // the name as written, when it differs from name
	parent     string // "X, the data center arm of Y": Y, as written
}

// findCorporateNames finds capitalised names that end in a corporate head.
// A title-case line (a headline) capitalises every word, so there a head
// proves nothing and the line is skipped.
func findCorporateNames(s string) []corporateName {
	if titleCase(s) {
		return nil
	}
	var out []corporateName
	runs := capitalisedRuns(s)
	// "Industry and Telecoms Group": "and" inside a name that ends in a
	// head joins the runs on either side.
	for i := 1; i < len(runs); i++ {
		prev, cur := runs[i-1], runs[i]
		if s[prev[len(prev)-1].end:cur[0].start] == " and " && headedRun(cur) {
			runs[i] = append(append(append([]word(nil), prev...), word{prev[len(prev)-1].end + 1, cur[0].start - 1, "and"}), cur...)
			runs[i-1] = nil
		}
	}
	for _, run := range runs {
		// The sentence's first word is capitalised anyway.
		if len(run) > 0 && run[0].start == 0 && reDeterminerStart.MatchString(run[0].text) {
			run = run[1:]
		}
		if len(run) > 0 {
			before := strings.TrimRight(s[:run[0].start], " ")
			if strings.HasSuffix(before, "'s") || strings.HasSuffix(before, "’s") {
				// "Microsoft's Intelligent Cloud": a unit or product of
				// the owner, not another company.
				continue
			}
		}
		if len(run) >= 2 && legalPrefix[run[0].text] {
			// "PT DCI Indonesia": an Indonesian company's legal form
			// comes first, and the rest is its name.
			if name := joinWords(run[1:]); !genericNameWord(name) {
				out = append(out, corporateName{start: run[1].start, end: run[len(run)-1].end, name: name, kind: orgOther, first: run[1].text})
			}
			continue
		}
		c, ok := corporateRun(run)
		if len(run) == 0 {
			continue
		}
		if ok && reSegmentAfter.MatchString(s[c.end:]) && reSegmentBefore.MatchString(s[:c.start]) {
			// "Revenue in the Intelligent Cloud segment": a part of a
			// company's accounts, not a company.
			continue
		}
		// "Military Industry and Telecoms Group (Viettel)": the short
		// name in brackets is what the article calls the company.
		if m := reShortName.FindStringSubmatch(s[run[len(run)-1].end:]); m != nil && (ok || headedRun(run)) {
			short := m[1]
			if !ok {
				c = corporateName{start: run[0].start, end: run[len(run)-1].end, kind: orgOther}
				if t, _ := orgHeads.tagOf(run[len(run)-1].text); t == headProvider {
					c.kind = orgProvider
				}
			}
			c.surface = s[c.start:c.end]
			c.name, c.first = short, short
			ok = true
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}

var (
	reSegmentAfter  = mustRx(`^\s+(?:segment|segments|division|business\s+unit|reporting\s+unit|business|line)\b`)
	reSegmentBefore = mustRx(`(?i)\b(?:the|its|their|our)\s+$`)
)

// legalPrefix are legal forms written before a company's name.
var legalPrefix = map[string]bool{"PT": true, "PT.": true}

var reShortName = mustRx(`^\s*\(([A-Z][\p{L}\d&.-]+(?: [A-Z][\p{L}\d&.-]+)?)\)`)

// headedRun reports a run that ends in a corporate head, whatever precedes it.
func headedRun(run []word) bool {
	t, ok := orgHeads.tagOf(run[len(run)-1].text)
	return ok && t != headPublic
}

func corporateRun(run []word) (corporateName, bool) {
	if len(run) < 2 {
		return corporateName{}, false
	}
	end := len(run)
	for end > 1 {
		if t, ok := orgHeads.tagOf(run[end-1].text); ok && t == headLegal {
			end--
			continue
		}
		break
	}
	// The longest head at the end of the run decides the kind.
	kind := ""
	headAt := end
	for k := 1; k < end; k++ {
		if t, ok := orgHeads.tagOf(joinWords(run[k:end])); ok && t != headLegal {
			kind, headAt = t, k
			break
		}
	}
	if kind == "" {
		if end < len(run) {
			// A legal suffix alone makes a company: "Hickory Pty Ltd".
			kind, headAt = headOrg, end
		} else {
			return corporateName{}, false
		}
	}
	for _, w := range run[:end] {
		if t, ok := orgHeads.tagOf(w.text); ok && t == headPublic {
			kind = headPublic
		}
	}
	// The words before the head must name someone: "U.K. Data Centers",
	// "New Data Centres" and "Mexican Cloud" are descriptions.
	distinctive := false
	for _, w := range run[:headAt] {
		if _, head := orgHeads.tagOf(w.text); !head && !genericNameWord(w.text) {
			distinctive = true
		}
	}
	if !distinctive && kind != headPublic {
		return corporateName{}, false
	}
	name := joinWords(run[:end])
	c := corporateName{start: run[0].start, end: run[end-1].end, name: name, kind: orgOther}
	if kind == headProvider {
		c.kind = orgProvider
	}
	if first := run[0].text; !genericNameWord(first) && (utf8.RuneCountInString(first) >= 3 || isAcronym(first)) && kind != headPublic {
		c.first = first
	}
	return c, true
}

// isAcronym reports a short all-capitals word ("SK", "LG"): distinctive
// enough to stand for the company named with it.
func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func joinWords(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// genericNameWord reports a capitalised word that does not name anyone on
// its own: a place, a nationality, a determiner, a facility or market word.
func genericNameWord(w string) bool {
	if _, ok := orgGeneric[w]; ok {
		return true
	}
	for _, m := range geo.Find(w) {
		if m.Start == 0 && m.End == len(w) {
			return true
		}
	}
	return false
}

var orgGeneric = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`The A An This That These Those Its Their Our New Global National International
		Regional Local AI Hyperscale Green Sovereign Public Private Digital Cloud Data Centre Centres Center Centers
		Big Tech First Second Third Largest Leading Top North South East West Central Asia Asian Europe European
		Africa African Middle America American Latin Pacific Gulf Arab Nordic Southeast Western Eastern Northern
		Southern Mr Ms Dr Prime Minister President CEO Chief Officer Minister Government State City
		EU Industrial Enterprise Edge Hybrid Trusted Secure Gov Multicloud Distributed`) {
		m[w] = true
	}
	return m
}()

// titleCase reports a line whose words are nearly all capitalised: a
// headline, where capitals prove nothing.
func titleCase(s string) bool {
	words, upper := 0, 0
	inField := false
	for i := 0; i < len(s); { // the fields of strings.Fields, without the slice
		if c := s[i]; c < utf8.RuneSelf { // ASCII without the unicode tables
			i++
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				inField = false
			case inField:
			case 'a' <= c && c <= 'z':
				inField, words = true, words+1
			case 'A' <= c && c <= 'Z':
				inField, words, upper = true, words+1, upper+1
			default:
				inField = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			inField = false
			continue
		}
		if inField {
			continue
		}
		inField = true
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return words >= 4 && upper*10 >= words*8
}

// localOrgs are the organisations an article names that the gazetteer does
// not know, by the strings that refer to them in this article.
type localOrgs struct {
	alias map[string]org
	tech  bool // the article names cloud, AI or data centers somewhere
	// The countries named so far and the most named of them: the country
	// an article is about, where a town too small for the gazetteer is.
	countries map[string]int
	top       string
}

// countCountries counts the countries of a sentence's places; a tie goes
// to the later.
func (l *localOrgs) countCountries(ps []place) {
	for _, p := range ps {
		if p.country == "" || p.ref || p.negated || p.demonym || p.townOf < 0 {
			continue
		}
		if l.countries == nil {
			l.countries = map[string]int{}
		}
		l.countries[p.country]++
		if l.countries[p.country] >= l.countries[l.top] {
			l.top = p.country
		}
	}
}

func newLocalOrgs() *localOrgs { return &localOrgs{alias: map[string]org{}} }

// learn records an organisation and, when distinctive, its first word.
func (l *localOrgs) learn(c corporateName) {
	o := org{name: c.name, kind: c.kind}
	if prev, ok := l.alias[c.name]; ok && prev.kind == orgProvider {
		o.kind = orgProvider
	}
	l.alias[c.name] = o
	if c.surface != "" {
		l.alias[c.surface] = o
	}
	if c.parent != "" {
		// Every name learnt for the unit now means the parent.
		for k, v := range l.alias {
			if v.name == strings.Fields(c.surface)[0] || k == strings.Fields(c.surface)[0] {
				l.alias[k] = o
			}
		}
	}
	if c.first != "" {
		// A unit named as its parent's ("VITRO, the data center arm of
		// PLDT") overrides what its name alone said.
		if prev, ok := l.alias[c.first]; !ok || prev.name == c.name || c.parent != "" {
			l.alias[c.first] = o
		}
	}
}

// promote marks an organisation a provider once it is seen building.
func (l *localOrgs) promote(name string) {
	if publicBody(name) {
		return
	}
	for k, o := range l.alias {
		if o.name == name {
			o.kind = orgProvider
			l.alias[k] = o
		}
	}
}

// find returns the mentions of known local names in s, longest first at
// each position, on word boundaries.
func (l *localOrgs) find(s string) []orgMention {
	if len(l.alias) == 0 {
		return nil
	}
	var out []orgMention
	for a, o := range l.alias {
		for off := 0; ; {
			i := strings.Index(s[off:], a)
			if i < 0 {
				break
			}
			i += off
			off = i + len(a)
			if !wordBoundary(s, i, i+len(a)) {
				continue
			}
			out = append(out, orgMention{start: i, end: i + len(a), name: o.name, kind: o.kind, local: true})
		}
	}
	sortBy(out, func(o orgMention) int { return o.start })
	// Keep the longest of overlapping mentions.
	var kept []orgMention
	for _, o := range out {
		if n := len(kept); n > 0 && o.start < kept[n-1].end {
			if o.end-o.start > kept[n-1].end-kept[n-1].start {
				kept[n-1] = o
			}
			continue
		}
		kept = append(kept, o)
	}
	return kept
}
