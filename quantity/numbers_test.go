package quantity

import (
	"fmt"
	"strings"
	"testing"
)

// num is a compact expectation: the text, its value, range end, hedge.
type num struct {
	text  string
	value float64
	to    float64
	q     string
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		s    string
		want []num
	}{
		{"The provider now runs 34 regions and 108 zones worldwide.", []num{{"34", 34, 0, ""}, {"108", 108, 0, ""}}},
		{"It operates more than 1,200 edge sites.", []num{{"1,200", 1200, 0, MoreThan}}},
		{"Latency fell by 3.5 times after the upgrade.", []num{{"3.5", 3.5, 0, ""}}},
		{"The firm opened three facilities in Chile.", []num{{"three", 3, 0, ""}}},
		{"Its network spans twenty-nine countries.", []num{{"twenty-nine", 29, 0, ""}}},
		{"The group has two hundred and fifty engineers there.", []num{{"two hundred and fifty", 250, 0, ""}}},
		{"Some 40,000 servers were shipped to the site.", []num{{"40,000", 40000, 0, About}}},
		{"A dozen partners signed up, and a pair of campuses are planned.", []num{{"A dozen", 12, 0, ""}, {"a pair of", 2, 0, ""}}},
		{"It will add a couple of zones.", []num{{"a couple of", 2, 0, ""}}},
		{"The vendor plans two to three new regions.", []num{{"two to three", 2, 3, ""}}},
		{"It expects 2-3 sites in Poland.", []num{{"2-3", 2, 3, ""}}},
		{"Between 4 and 6 halls will be built.", []num{{"4 and 6", 4, 6, ""}}},
		{"Its footprint grew from 12 to 19 sites.", []num{{"12", 12, 0, ""}, {"19", 19, 0, ""}}},
		{"The service reached 3 million customers.", []num{{"3 million", 3e6, 0, ""}}},
		{"Traffic hit 1.2bn requests.", []num{{"1.2bn", 1.2e9, 0, ""}}},
		{"It served 2-3 million users.", []num{{"2-3 million", 2e6, 3e6, ""}}},
		{"The company has at least 12 campuses.", []num{{"12", 12, 0, AtLeast}}},
		{"There are no fewer than 8 sites.", []num{{"8", 8, 0, AtLeast}}},
		{"It has about 60 zones, nearly 20 regions and approx. 300 PoPs.", []num{{"60", 60, 0, About}, {"20", 20, 0, About}, {"300", 300, 0, About}}},
		{"The plan covers up to 5 buildings and as many as 9 halls.", []num{{"5", 5, 0, UpTo}, {"9", 9, 0, UpTo}}},
		{"Fewer than 10 staff work there, under 4 shifts.", []num{{"10", 10, 0, LessThan}, {"4", 4, 0, LessThan}}},
		{"No more than 6 racks fit.", []num{{"6", 6, 0, UpTo}}},
		{"Upwards of 70 firms and in excess of 90 startups joined.", []num{{"70", 70, 0, MoreThan}, {"90", 90, 0, MoreThan}}},
		{"Over three years it added 15 sites.", []num{{"three", 3, 0, ""}, {"15", 15, 0, ""}}},
		{"It has one region in Kenya.", []num{{"one", 1, 0, ""}}},
		{"It runs 30+ regions and seven or more zones.", []num{{"30", 30, 0, MoreThan}, {"seven", 7, 0, AtLeast}}},
		{"It courts a 2-million-strong developer base.", []num{{"2-million", 2e6, 0, ""}}},
		// Negatives.
		{"Revenue rose in 2024 and again in 1999.", nil},
		{"Margins climbed 20 percent, or 4 per cent, or 7%.", nil},
		{"It costs $5 billion and €300 million.", nil},
		{"The talk began on March 4 and ended 9 June.", nil},
		{"Trading opens at 0900 GMT, and the call is at 9:30 or 10 a.m.", nil},
		{"The orders were dated 2020/05/08 and 12-05-2021.", nil},
		{"The site draws 100MW, the second 1 GW, with 86ms latency and 3 min failover.", nil},
		{"The chip runs at 3.2 GHz with 64 GB of memory.", nil},
		{"It hosts Qwen3, GPT-4, SBG2 and Windows 11.", nil},
		{"It is one of the largest, a one-stop shop with a one-time fee.", nil},
		{"Users got 5G and 24/7 support; it ranked 1st.", nil},
		{"Spending in 2026-30 will double.", nil},
		{"Two-thirds of the load sits on 2 to 3 GW of Microsoft 365 and Fortune 500 clients.", nil},
		{"The office sits at ZIP 04417 and filed form 10-K.", nil},
		{"The zero-carbon site opened DEC 3, 2024.", nil},
		{"It sold two zero-coupon notes.", []num{{"two", 2, 0, ""}}},
		{"No one expected it, but one firm did.", []num{{"one", 1, 0, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			got := Numbers(tt.s)
			var g []num
			for _, n := range got {
				if tt.s[n.Start:n.End] != n.Text {
					t.Fatalf("span %d:%d is %q, Text %q", n.Start, n.End, tt.s[n.Start:n.End], n.Text)
				}
				g = append(g, num{n.Text, n.Value, n.RangeTo, n.Qualifier})
			}
			if fmt.Sprint(g) != fmt.Sprint(tt.want) {
				t.Errorf("Numbers(%q)\n got %v\nwant %v", tt.s, g, tt.want)
			}
		})
	}
}

func TestOrdinals(t *testing.T) {
	tests := []struct {
		s    string
		want string // "text=value" joined by "; "
	}{
		{"It is the firm's third facility in the state.", "third=3"},
		{"The first and second phases are done.", "first=1; second=2"},
		{"This marks its twenty-first region and 10th zone.", "twenty-first=21; 10th=10"},
		{"The 2nd, 3rd and 30th sites.", "2nd=2; 3rd=3; 30th=30"},
		{"A thirtieth anniversary and a twentieth office.", "thirtieth=30; twentieth=20"},
		{"The second region follows a first one.", "second=2; first=1"},
		{"It handles a million requests per second.", ""},
		{"Failover takes 30 seconds or thirty second at worst.", ""},
		{"The firm opened 3 sites and then firstly an office.", ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, o := range Ordinals(tt.s) {
			if tt.s[o.Start:o.End] != o.Text {
				t.Fatalf("%q: bad span %+v", tt.s, o)
			}
			parts = append(parts, fmt.Sprintf("%s=%d", o.Text, o.Value))
		}
		if got := strings.Join(parts, "; "); got != tt.want {
			t.Errorf("Ordinals(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{
		"more than 1,200 servers in two to three regions",
		"twenty-nine zones, a dozen sites, 2-3 million users",
		"GPT-4 at 0900 GMT on 2020/05/08 with 5G",
		"its 21st and twenty-first sites",
		"1,2,3.4.5--6 to 7 and",
		"a an and hundred thousand",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := -1
		for _, n := range Numbers(s) {
			if n.Start < 0 || n.End > len(s) || n.Start >= n.End || s[n.Start:n.End] != n.Text {
				t.Fatalf("bad span %+v in %q", n, s)
			}
			if n.Start < prev {
				t.Fatalf("out of order %+v in %q", n, s)
			}
			prev = n.End
		}
		for _, o := range Ordinals(s) {
			if o.Start < 0 || o.End > len(s) || s[o.Start:o.End] != o.Text || o.Value <= 0 {
				t.Fatalf("bad ordinal %+v in %q", o, s)
			}
		}
		_ = Period(s)
	})
}

func TestIndianGrouping(t *testing.T) {
	tests := []struct {
		s    string
		want []num
	}{
		{"The scheme trained 2,40,000 students.", []num{{"2,40,000", 240000, 0, ""}}},
		{"It counted 1,00,00,000 visits.", []num{{"1,00,00,000", 1e7, 0, ""}}},
		{"It counted 12,34,567 visits.", []num{{"12,34,567", 1234567, 0, ""}}},
		{"It has 1,200,000 users.", []num{{"1,200,000", 1.2e6, 0, ""}}},
		// Not Indian groups: the comma separates figures.
		{"Scores were 10,20 and 30.", []num{{"10", 10, 0, ""}, {"20", 20, 0, ""}, {"30", 30, 0, ""}}},
		{"Rows 2,40,0000 were bad.", []num{{"2", 2, 0, ""}, {"40", 40, 0, ""}}},
		{"It has 123,45,678 rows.", []num{{"123", 123, 0, ""}, {"45,678", 45678, 0, ""}}},
	}
	for _, tt := range tests {
		var g []num
		for _, n := range Numbers(tt.s) {
			g = append(g, num{n.Text, n.Value, n.RangeTo, n.Qualifier})
		}
		if fmt.Sprint(g) != fmt.Sprint(tt.want) {
			t.Errorf("Numbers(%q)\n got %v\nwant %v", tt.s, g, tt.want)
		}
	}
}
