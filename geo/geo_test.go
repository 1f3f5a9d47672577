package geo

import (
	"fmt"
	"strings"
	"testing"

	"github.com/biter777/countries"
)

// render writes mentions as "Text|CC|kind" for compact expectations.
func render(ms []Mention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = fmt.Sprintf("%s|%s|%s", m.Text, m.Country, m.Kind)
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Cities, with and without accents.
		{"accented city", "Microsoft plans a cloud region in Querétaro, the company said.", []string{"Querétaro|MX|city"}},
		{"unaccented city", "The new region near Queretaro will open next year.", []string{"Queretaro|MX|city"}},
		{"decomposed accent", "A campus in Que\u0301retaro is planned.", []string{"Que\u0301retaro|MX|city"}},
		{"longest match city", "Oracle opened a second cloud region in Mexico City on Tuesday.", []string{"Mexico City|MX|city"}},
		{"two cities", "The provider added zones in Monterrey and Guadalajara.", []string{"Monterrey|MX|city", "Guadalajara|MX|city"}},
		{"sao paulo spellings", "Capacity in São Paulo doubled, and Sao Paulo state approved more.", []string{"São Paulo|BR|city", "Sao Paulo|BR|city"}},
		{"city comma country", "The firm runs servers in Santiago, Chile.", []string{"Santiago|CL|city", "Chile|CL|country"}},
		{"seoul south korea", "Its new office is in Seoul, South Korea.", []string{"Seoul|KR|city", "South Korea|KR|country"}},
		{"kuala lumpur malaysia", "A hub in Kuala Lumpur, Malaysia, went live.", []string{"Kuala Lumpur|MY|city", "Malaysia|MY|country"}},
		{"gulf cities", "Sites in Dubai, Abu Dhabi, Ajman and Sharjah were listed.", []string{"Dubai|AE|city", "Abu Dhabi|AE|city", "Ajman|AE|city", "Sharjah|AE|city"}},
		{"all caps city", "The NEOM project needs compute.", []string{"NEOM|SA|city"}},
		{"navi mumbai", "Navi Mumbai sits across the harbour from Mumbai.", []string{"Navi Mumbai|IN|city", "Mumbai|IN|city"}},
		{"alias in parens", "Bengaluru (Bangalore) hosts the team.", []string{"Bengaluru|IN|city", "Bangalore|IN|city"}},
		{"us region", "Most capacity is in Northern Virginia.", []string{"Northern Virginia|US|city"}},
		{"ho chi minh", "Ho Chi Minh City is the second site.", []string{"Ho Chi Minh City|VN|city"}},
		{"inzai japan", "The Inzai, Japan campus grew.", []string{"Inzai|JP|city", "Japan|JP|country"}},
		{"chinese region", "Ulanqab in Inner Mongolia is cold and cheap.", []string{"Ulanqab|CN|city", "Inner Mongolia|CN|city"}},
		{"en dash compound", "Demand in Dallas–Fort Worth keeps rising.", []string{"Dallas–Fort Worth|US|city"}},
		{"washington dc", "Lobbyists in Washington, D.C. welcomed it.", []string{"Washington, D.C.|US|city"}},
		{"the dalles", "Google first built in The Dalles, Oregon.", []string{"The Dalles|US|city", "Oregon|US|city"}},
		{"german states", "Bavaria and Hesse compete for projects.", []string{"Bavaria|DE|city", "Hesse|DE|city"}},
		{"aragon spellings", "Aragon, or Aragón, approved the plan.", []string{"Aragon|ES|city", "Aragón|ES|city"}},
		{"polish letters", "Offices in Wrocław and Łódź opened.", []string{"Wrocław|PL|city", "Łódź|PL|city"}},
		{"australian cities", "Sydney and Melbourne each got a zone.", []string{"Sydney|AU|city", "Melbourne|AU|city"}},
		{"st louis", "A facility in St. Louis was sold.", []string{"St. Louis|US|city"}},

		// Countries and aliases.
		{"list of six", "It will build in Austria, Czech Republic, Greece, Norway, South Africa and Sweden.",
			[]string{"Austria|AT|country", "Czech Republic|CZ|country", "Greece|GR|country", "Norway|NO|country", "South Africa|ZA|country", "Sweden|SE|country"}},
		{"possessive straight", "Mexico's digital economy is growing.", []string{"Mexico|MX|country"}},
		{"possessive curly", "Oman’s first hyperscale site is due.", []string{"Oman|OM|country"}},
		{"netherlands article", "Servers in the Netherlands and The Netherlands.", []string{"Netherlands|NL|country", "Netherlands|NL|country"}},
		{"holland", "Holland is a common name for the country.", []string{"Holland|NL|country"}},
		{"the emirates", "A first region in the Emirates was announced.", []string{"Emirates|AE|country"}},
		{"uae forms", "the UAE, the U.A.E. and the United Arab Emirates", []string{"UAE|AE|country", "U.A.E.|AE|country", "United Arab Emirates|AE|country"}},
		{"us forms", "the U.S., the US, the USA and America", []string{"U.S.|US|country", "US|US|country", "USA|US|country", "America|US|country"}},
		{"uk forms", "UK, U.K., Britain, Great Britain, England, Scotland, Wales, Northern Ireland",
			[]string{"UK|GB|country", "U.K.|GB|country", "Britain|GB|country", "Great Britain|GB|country", "England|GB|country", "Scotland|GB|country", "Wales|GB|country", "Northern Ireland|GB|country"}},
		{"ireland vs northern ireland", "Northern Ireland borders Ireland.", []string{"Northern Ireland|GB|country", "Ireland|IE|country"}},
		{"new south wales", "New South Wales got a second zone.", []string{"New South Wales|AU|city"}},
		{"koreas", "Korea, South Korea, North Korea and the Republic of Korea",
			[]string{"Korea|KR|country", "South Korea|KR|country", "North Korea|KP|country", "Republic of Korea|KR|country"}},
		{"vietnam spellings", "Vietnam, also written Viet Nam.", []string{"Vietnam|VN|country", "Viet Nam|VN|country"}},
		{"sar", "Hong Kong, Macau and Macao", []string{"Hong Kong|HK|city", "Macau|MO|city", "Macao|MO|city"}},
		{"hyphenated country", "A Hong Kong-based lender joined.", []string{"Hong Kong|HK|city"}},
		{"mainland china", "Its regions outside mainland China grew.", []string{"mainland China|CN|country"}},
		{"ivory coast", "Ivory Coast, or Côte d'Ivoire, or Côte d’Ivoire.", []string{"Ivory Coast|CI|country", "Côte d'Ivoire|CI|country", "Côte d’Ivoire|CI|country"}},
		{"saudi forms", "Saudi Arabia, also KSA, and a Saudi fund.", []string{"Saudi Arabia|SA|country", "KSA|SA|country", "Saudi|SA|demonym"}},
		{"philippines forms", "the Philippines, a Filipino bank, Philippine law", []string{"Philippines|PH|country", "Filipino|PH|demonym", "Philippine|PH|demonym"}},
		{"short names", "Laos, Iran, Syria, Bolivia, Venezuela, Tanzania, Moldova, Brunei",
			[]string{"Laos|LA|country", "Iran|IR|country", "Syria|SY|country", "Bolivia|BO|country", "Venezuela|VE|country", "Tanzania|TZ|country", "Moldova|MD|country", "Brunei|BN|country"}},
		{"eswatini", "Eswatini (formerly Swaziland)", []string{"Eswatini|SZ|country", "Swaziland|SZ|country"}},
		{"drc", "DRC, or the Democratic Republic of the Congo", []string{"DRC|CD|country", "Democratic Republic of the Congo|CD|country"}},
		{"turkiye", "Türkiye, Turkiye and Turkey are one country.", []string{"Türkiye|TR|country", "Turkiye|TR|country", "Turkey|TR|country"}},
		{"czechia", "Czechia and the Czech Republic", []string{"Czechia|CZ|country", "Czech Republic|CZ|country"}},
		{"singapore city state", "Singapore hosts many data centers.", []string{"Singapore|SG|country"}},
		{"kosovo", "Kosovo uses the euro.", []string{"Kosovo|XK|country"}},
		{"headline case", "Microsoft Opens Data Center In Jordan", []string{"Jordan|JO|country"}},

		// Demonyms.
		{"demonym", "a third Indonesian data center", []string{"Indonesian|ID|demonym"}},
		{"two word demonym", "South Korean and Korean firms bid.", []string{"South Korean|KR|demonym", "Korean|KR|demonym"}},
		{"plural demonyms", "Americans and Mexicans use the service.", []string{"Americans|US|demonym", "Mexicans|MX|demonym"}},
		{"irregular plurals", "Britons and Filipinos too.", []string{"Britons|GB|demonym", "Filipinos|PH|demonym"}},
		{"demonyms", "Swiss and Dutch regulators, an Emirati fund, a Thai bank.", []string{"Swiss|CH|demonym", "Dutch|NL|demonym", "Emirati|AE|demonym", "Thai|TH|demonym"}},

		// Word boundaries and longest match.
		{"indiana not india", "Indiana is not India.", []string{"Indiana|US|city", "India|IN|country"}},
		{"oman not in romania", "Romania, not Oman.", []string{"Romania|RO|country", "Oman|OM|country"}},
		{"mali not in somalia", "Somalia and Mali", []string{"Somalia|SO|country", "Mali|ML|country"}},
		{"guineas", "Papua New Guinea and Equatorial Guinea are not Guinea.", []string{"Papua New Guinea|PG|country", "Equatorial Guinea|GQ|country", "Guinea|GN|country"}},
		{"guinea bissau", "Guinea-Bissau signed.", []string{"Guinea-Bissau|GW|country"}},
		{"jersey", "New Jersey is not Jersey.", []string{"New Jersey|US|city", "Jersey|JE|country"}},
		{"niger delta", "Oil from the Niger Delta; Niger is north.", []string{"Niger Delta|NG|city", "Niger|NE|country"}},
		{"chad and niger", "Investment in Chad and Niger is small.", []string{"Chad|TD|country", "Niger|NE|country"}},

		// Negatives.
		{"regional manager", "our regional manager said so", nil},
		{"us dollar sign", "The company will spend US$5 billion.", nil},
		{"us dollar word", "the US dollar rose; 10 Mexican pesos; Chinese yuan", nil},
		{"lowercase us", "let us know", nil},
		{"lowercase turkey", "We ate turkey at the party.", nil},
		{"indian ocean", "The cable lands on the Indian Ocean coast.", nil},
		{"indian ocean island", "Indian Ocean islands such as Mauritius", []string{"Mauritius|MU|country"}},
		{"americas", "Latin America and North America are regions.", nil},
		{"company names", "China Telecom analysts and Bank of America agreed.", nil},
		{"seas", "Ships cross the South China Sea.", nil},
		{"emirates airline", "Emirates flies to many cities.", nil},
		{"first name vladimir", "President Vladimir Putin spoke in Moscow.", []string{"Moscow|RU|city"}},
		{"city vladimir", "A new site in Vladimir, Russia was built.", []string{"Vladimir|RU|city", "Russia|RU|country"}},
		{"first name jordan", "Jordan Peterson gave a talk.", nil},
		{"surname jordan", "Fans cheered for Michael Jordan at the game.", nil},
		{"chad smith", "Chad Smith joined the board.", nil},
		{"georgia tech", "Georgia Tech researchers wrote it.", nil},
		{"victoria beckham", "Victoria Beckham attended.", nil},
		{"charles darwin", "A book by Charles Darwin sold well.", nil},
		{"nice sentence start", "Nice to see growth. It is nice.", nil},
		{"reading sentence start", "Reading the report, analysts were upbeat.", nil},
		{"not across lines", "Mexico\nCity", []string{"Mexico|MX|country"}},

		// Ambiguous names resolved by their neighbour.
		{"reading city", "Equinix expands in Reading, England.", []string{"Reading|GB|city", "England|GB|country"}},
		{"nice city", "A data center near Nice, France opened.", []string{"Nice|FR|city", "France|FR|country"}},
		{"georgia us", "The firm operates in Atlanta, Georgia.", []string{"Atlanta|US|city", "Georgia|US|city"}},
		{"georgia country", "It signed a deal in Tbilisi, Georgia.", []string{"Tbilisi|GE|city", "Georgia|GE|country"}},
		{"georgia default", "New data centers in Georgia and Texas.", []string{"Georgia|US|city", "Texas|US|city"}},
		{"dublin ohio", "It has an office in Dublin, Ohio.", []string{"Dublin|US|city", "Ohio|US|city"}},
		{"dublin ireland", "Dublin and Cork compete for sites.", []string{"Dublin|IE|city", "Cork|IE|city"}},
		// Every other place of the sentence in one of the name's countries.
		{"dublin with ohio later", "It runs sites in Dublin and will expand in Ohio.", []string{"Dublin|US|city", "Ohio|US|city"}},
		{"dublin mixed others", "Sites in Dublin and Amsterdam, and one in Virginia.", []string{"Dublin|IE|city", "Amsterdam|NL|city", "Virginia|US|city"}},
		{"dublin based elsewhere", "The US-based operator expands in Dublin.", []string{"US|US|country", "Dublin|IE|city"}},
		{"san jose costa rica", "A hub in San José, Costa Rica.", []string{"San José|CR|city", "Costa Rica|CR|country"}},
		{"san jose california", "A hub in San Jose, California.", []string{"San Jose|US|city", "California|US|city"}},
		{"victoria australia", "Solar farms in Victoria, Australia.", []string{"Victoria|AU|city", "Australia|AU|country"}},
		{"victoria canada", "Offices in Victoria, British Columbia.", []string{"Victoria|CA|city", "British Columbia|CA|city"}},
		{"west jordan", "A campus in West Jordan, Utah.", []string{"West Jordan|US|city", "Utah|US|city"}},
		{"odessa texas", "Wind farms near Odessa, Texas.", []string{"Odessa|US|city", "Texas|US|city"}},
		{"odessa default", "The port of Odessa reopened.", []string{"Odessa|UA|city"}},
		{"korean satellite city", "Its first data center in Ansan cost 400 billion won.", []string{"Ansan|KR|city"}},
		{"darwin city", "A cable lands in Darwin.", []string{"Darwin|AU|city"}},
		{"stop phrase inside company", "China Telecom operates in Guizhou.", []string{"Guizhou|CN|city"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(Find(tt.in))
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("Find(%q)\n got: %q\nwant: %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindCityField(t *testing.T) {
	ms := Find("Plans for Querétaro and Mexico were confirmed.")
	if len(ms) != 2 {
		t.Fatalf("got %d mentions, want 2: %+v", len(ms), ms)
	}
	if ms[0].City != "Querétaro" || ms[1].City != "" {
		t.Errorf("City fields = %q, %q; want \"Querétaro\", \"\"", ms[0].City, ms[1].City)
	}
	if got := "Plans for Querétaro"[ms[0].Start:ms[0].End]; got != "Querétaro" {
		t.Errorf("offsets select %q", got)
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"the Netherlands", "NL", true},
		{"The Netherlands", "NL", true},
		{"Holland", "NL", true},
		{"UAE", "AE", true},
		{"the Emirates", "AE", true},
		{"United Arab Emirates", "AE", true},
		{"South Korea", "KR", true},
		{"Korea, Republic of", "KR", true},
		{"Korea, Democratic People's Republic of", "KP", true},
		{"Türkiye", "TR", true},
		{"turkiye", "TR", true},
		{"Czechia", "CZ", true},
		{"czech republic", "CZ", true},
		{"U.S.", "US", true},
		{"united states", "US", true},
		{"Great Britain", "GB", true},
		{"Côte d’Ivoire", "CI", true},
		{"Ivory Coast", "CI", true},
		{"Iran, Islamic Republic of", "IR", true},
		{"Virgin Islands, British", "VG", true},
		{"Congo, Democratic Republic of the", "CD", true},
		{"Bolivia, Plurinational State of", "BO", true},
		{"Viet Nam", "VN", true},
		{"Russian Federation", "RU", true},
		{"Swaziland", "SZ", true},
		{"mainland China", "CN", true},
		{"  Mexico  ", "MX", true},
		{"MX", "MX", true},
		{"KOR", "KR", true},
		{"Georgia", "GE", true},
		{"UK", "GB", true},
		{"DRC", "CD", true},
		{"us", "", false},
		{"in", "", false},
		{"it", "", false},
		{"mex", "", false},
		{"Narnia", "", false},
		{"Mexico City", "", false},
		{"Mexican", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := CountryCode(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("CountryCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := map[string]string{
		"MX": "Mexico", "mx": "Mexico", "KR": "South Korea", "KP": "North Korea",
		"US": "United States", "GB": "United Kingdom", "RU": "Russia", "IR": "Iran",
		"TW": "Taiwan", "HK": "Hong Kong", "CI": "Côte d'Ivoire", "VN": "Vietnam",
		"NL": "Netherlands", "XK": "Kosovo", "ZZ": "", "": "", "YU": "",
	}
	for code, want := range tests {
		if got := CountryName(code); got != want {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
}

// Every ISO country must be found, by its display name, as itself; the
// only exceptions are names whose default reading is another place.
func TestEveryCountryFindable(t *testing.T) {
	otherDefault := map[string]bool{"GE": true} // Georgia: the US state by default
	n := 0
	for _, c := range countries.All() {
		code := c.Alpha2()
		if withdrawn[code] {
			continue
		}
		n++
		name := CountryName(code)
		if name == "" {
			t.Errorf("%s has no display name", code)
			continue
		}
		if back, ok := CountryCode(name); !ok || back != code {
			t.Errorf("CountryCode(CountryName(%s)=%q) = %q, %v", code, name, back, ok)
		}
		if otherDefault[code] {
			continue
		}
		s := "They opened an office in " + name + " last year."
		ms := Find(s)
		wantKind := KindCountry
		if cityTerritories[code] {
			wantKind = KindCity
		}
		if len(ms) != 1 || ms[0].Country != code || ms[0].Kind != wantKind {
			t.Errorf("Find(%q) = %+v, want one %s country mention", s, ms, code)
		}
	}
	if n < 245 {
		t.Errorf("only %d countries; the ISO list has 249", n)
	}
}

func TestDataIsConsistent(t *testing.T) {
	g, err := build()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range g.conflicts {
		t.Error(c)
	}
}

func TestDataSize(t *testing.T) {
	count := func(path string) int {
		n := 0
		if err := readTSV(path, 1, func([]string) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("data/cities.tsv"); n < 400 {
		t.Errorf("cities.tsv has %d rows, want at least 400", n)
	}
	if n := count("data/demonyms.tsv"); n < 150 {
		t.Errorf("demonyms.tsv has %d rows, want at least 150", n)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Microsoft plans a region in Querétaro, Mexico.",
		"the U.S. and the UAE",
		"US$5 in Côte d’Ivoire",
		"Que\u0301retaro\n\nMexico City",
		"\xff\xfeMexico",
		"Papua New Guinea-Bissau",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, m := range Find(s) {
			if m.Start < prev || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("bad offsets %d:%d (prev end %d) in %q", m.Start, m.End, prev, s)
			}
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("s[%d:%d] = %q, Text = %q", m.Start, m.End, s[m.Start:m.End], m.Text)
			}
			if len(m.Country) != 2 || CountryName(m.Country) == "" {
				t.Fatalf("bad country %q for %q", m.Country, m.Text)
			}
			if (m.Kind == KindCity) != (m.City != "") {
				t.Fatalf("kind %v with City %q", m.Kind, m.City)
			}
			prev = m.End
		}
	})
}

var benchSentences = []string{
	"Microsoft said on Tuesday it would invest $1.3 billion in Mexico over three years, including a new cloud region in Querétaro.",
	"The company now operates 87 availability zones across 29 regions, 14 of which are outside mainland China.",
	"Analysts expect spending on cloud infrastructure to grow by about a fifth this year, according to the report.",
	"Its first data centers in Brazil, France and the Netherlands will open in 2026, the firm said in a statement.",
	"Oracle opened a second region in Seoul, South Korea, and plans another in Riyadh, Saudi Arabia.",
	"Shares rose 3% in early trading after the results beat expectations.",
}

func BenchmarkFind(b *testing.B) {
	load()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Find(benchSentences[i%len(benchSentences)])
		i++
	}
}
