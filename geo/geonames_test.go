package geo

import (
	"strings"
	"testing"
)

// Places that only the generated gazetteer (data/geonames.tsv) knows, and
// the words it must not take for places.
func TestFindGenerated(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Cities and subdivisions from GeoNames, not in cities.tsv.
		{"finnish town", "a data center in Tuusula, north of Helsinki", []string{"Tuusula|FI|city", "Helsinki|FI|city"}},
		{"norwegian town", "Green Mountain opened a site in Sandnes.", []string{"Sandnes|NO|city"}},
		{"short form of official name", "Huawei plans a second site in Tultitlán.", []string{"Tultitlán|MX|city"}},
		{"official name", "the Tultitlán de Mariano Escobedo municipality", []string{"Tultitlán de Mariano Escobedo|MX|city"}},
		{"idaho town", "Meta is building in Kuna, Idaho.", []string{"Kuna|US|city", "Idaho|US|city"}},
		{"utah town", "a campus in Lehi", []string{"Lehi|US|city"}},
		{"indonesian city", "Telkom opened facilities in Bandar Lampung and Banda Aceh.", []string{"Bandar Lampung|ID|city", "Banda Aceh|ID|city"}},
		{"indian state", "Sify expands in Meghalaya and Arunachal Pradesh.", []string{"Meghalaya|IN|city", "Arunachal Pradesh|IN|city"}},
		{"japanese prefecture", "A site in Tochigi and another in Wakayama.", []string{"Tochigi|JP|city", "Wakayama|JP|city"}},
		{"korean province", "SK built in Gyeonggi-do.", []string{"Gyeonggi-do|KR|city"}},
		{"philippine region", "Power in Calabarzon is cheap.", []string{"Calabarzon|PH|city"}},
		{"german state", "Saxony-Anhalt was chosen for the Intel plant.", []string{"Saxony-Anhalt|DE|city"}},
		{"mexican state", "Data centers in Hidalgo and Colima.", []string{"Hidalgo|MX|city", "Colima|MX|city"}},
		{"large proper noun, guarded", "Its office in Jackson grew.", []string{"Jackson|US|city"}},

		// Second-level subdivisions: US counties with their suffix,
		// British and Irish counties and French départements by name.
		{"us county", "Amazon bought land in Maricopa County for a campus.", []string{"Maricopa County|US|city"}},
		{"us county of ordinary words", "a proposal in Orange County", []string{"Orange County|US|city"}},
		{"english county", "A data centre in Hertfordshire and one in Essex.", []string{"Hertfordshire|GB|city", "Essex|GB|city"}},
		{"irish county", "Plans for a campus in County Meath were approved.", []string{"Meath|IE|city"}},
		{"french departement", "two sites in Seine-Saint-Denis and Essonne", []string{"Seine-Saint-Denis|FR|city", "Essonne|FR|city"}},
		{"county shared with a us city, alone", "a site in Kent", nil},
		{"county shared with a us city, with its state", "a warehouse in Kent, Washington", []string{"Kent|US|city", "Washington|US|city"}},

		// A generated name before a capitalised word heads a longer name
		// the gazetteer lacks; in a headline every word is capitalised.
		{"head of a longer name", "a data centre at Waltham Cross in Hertfordshire", []string{"Hertfordshire|GB|city"}},
		{"street named after a town", "offices on Sandnes Street in Oslo", []string{"Oslo|NO|city"}},
		{"town before a capitalised word in a headline", "Google Opens Data Centre In Lehi This Year", []string{"Lehi|US|city"}},

		// Ambiguous or ordinary-word names: only with a comma neighbour
		// in their country.
		{"lancaster pennsylvania", "Lancaster, Pennsylvania will host it.", []string{"Lancaster|US|city", "Pennsylvania|US|city"}},
		{"lancaster england", "Lancaster, England", []string{"Lancaster|GB|city", "England|GB|country"}},
		{"lancaster alone", "Lancaster is growing.", nil},
		{"mobile alabama", "a plant in Mobile, Alabama", []string{"Mobile|US|city", "Alabama|US|city"}},
		{"split croatia", "a cable lands in Split, Croatia", []string{"Split|HR|city", "Croatia|HR|country"}},
		{"bath england", "Bath, England", []string{"Bath|GB|city", "England|GB|country"}},

		// Negatives.
		{"reading", "Reading the report, analysts agreed.", nil},
		{"mobile apps", "Mobile apps drive demand.", nil},
		{"nice view", "a nice view of the bay", nil},
		{"will open", "The region will open next year. Will it?", nil},
		{"march", "March 2025 was busy.", nil},
		{"orange business", "Orange Business signed the deal.", nil},
		{"split the cost", "Split the cost with partners.", nil},
		{"bath", "Bath time", nil},
		{"apple valley", "Apple Valley Partners invested.", nil},
		{"enterprise", "Enterprise customers want AI.", nil},
		{"independence", "Independence Day sales", nil},
		{"mercedes", "Mercedes trucks", nil},
		{"surname jackson", "President Andrew Jackson was elected.", nil},
		{"first name jackson", "Jackson Smith spoke.", nil},
		{"first name paul", "Paul Allen founded it; Paul said so.", nil},
		{"company toyota", "Toyota and Hitachi invest.", nil},
		{"india ncr", "the National Capital Region of India", []string{"India|IN|country"}},
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

func TestGeneratedSize(t *testing.T) {
	n, context := 0, 0
	err := readTSV("data/geonames.tsv", 3, func(f []string) error {
		n++
		if len(f) > 4 && strings.Contains(f[4], "c") {
			context++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20000 {
		t.Errorf("geonames.tsv has %d rows, want at least 20000", n)
	}
	if context*3 > n {
		t.Errorf("%d of %d rows are context-only", context, n)
	}
}

// BenchmarkLoad is the one-time cost of building the gazetteer.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}
