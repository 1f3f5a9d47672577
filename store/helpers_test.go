package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

func openTest(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "facts.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// cite sets f's quote and code-point offsets to the first occurrence of
// quote in text.
func cite(t testing.TB, text, quote string, f extract.Fact) extract.Fact {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("quote %q not in text", quote)
	}
	f.Quote = quote
	f.Start = utf8.RuneCountInString(text[:i])
	f.End = f.Start + utf8.RuneCountInString(quote)
	if f.Confidence == 0 {
		f.Confidence = 0.9
	}
	return f
}

func queryInt(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// Texts with code points outside ASCII before and inside quotes, so that
// byte offsets and code-point offsets differ.
const (
	textAlibaba = "Hángzhōu – Alibaba Cloud’s chief said on Tuesday: “We are growing fast” 🚀. " +
		"Alibaba Cloud will open its first data centre in Querétaro, Mexico, in 2026. " +
		"It also plans a data center in Dubai. " +
		"The company will invest 380 billion yuan ($53 billion) over three years. " +
		"Alibaba Cloud now operates 29 regions and 87 availability zones worldwide."
	textMarket = "Global cloud spending will reach more than $723.4 billion in 2025, " +
		"analysts at Gartner estimate — up from $595.7 billion. " +
		"Amazon Web Services runs more than 100 data centers globally."
	textClosed = "Microsoft closed its data center in Dublin, Ireland in 2019 & moved the servers."
)

// fixture returns three articles with facts of every type.
func fixture(t testing.TB) []struct {
	a     article.Article
	facts []extract.Fact
} {
	s1 := "Alibaba Cloud will open its first data centre in Querétaro, Mexico, in 2026."
	s2 := "It also plans a data center in Dubai."
	s3 := "The company will invest 380 billion yuan ($53 billion) over three years."
	s4 := "Alibaba Cloud now operates 29 regions and 87 availability zones worldwide."
	m1 := "Global cloud spending will reach more than $723.4 billion in 2025, analysts at Gartner estimate — up from $595.7 billion."
	m2 := "Amazon Web Services runs more than 100 data centers globally."
	c1 := "Microsoft closed its data center in Dublin, Ireland in 2019 & moved the servers."
	const ac = "Alibaba Cloud"
	return []struct {
		a     article.Article
		facts []extract.Fact
	}{
		{
			a: article.Article{
				Source: "testdata/articles/alibaba.md", URL: "https://example.com/alibaba-mexico",
				Title: "Alibaba Cloud goes to Querétaro", Site: "Example News", Language: "en",
				Published: time.Date(2025, 3, 4, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
				Text:      textAlibaba,
			},
			facts: []extract.Fact{
				cite(t, textAlibaba, s1, extract.Fact{Type: extract.TypeExpansion, Company: ac, Rule: "expansion.open",
					Country: "MX", City: "Querétaro", Facility: extract.FacilityDataCenter, Status: extract.StatusPlanned, Ordinal: 1, Year: 2026}),
				cite(t, textAlibaba, s2, extract.Fact{Type: extract.TypeExpansion, Company: ac, Rule: "expansion.plan",
					Country: "AE", City: "Dubai", Facility: extract.FacilityDataCenter, Status: extract.StatusPlanned, Confidence: 0.75}),
				cite(t, textAlibaba, s3, extract.Fact{Type: extract.TypeInvestment, Company: ac, Rule: "investment.invest",
					Amount: 380e9, Currency: "CNY", USD: 53e9, Period: "3 years"}),
				cite(t, textAlibaba, s4, extract.Fact{Type: extract.TypeRegionCount, Company: ac, Rule: "count.regions",
					Value: 29, Scope: "global"}),
				cite(t, textAlibaba, s4, extract.Fact{Type: extract.TypeAZCount, Company: ac, Rule: "count.azs",
					Value: 87, Scope: "global"}),
			},
		},
		{
			a: article.Article{
				Source: "https://example.org/market?id=7", Title: "Cloud spending, \"record\" year",
				Text: textMarket, FeedURL: "https://example.org/feed.xml", FeedGUID: "guid-7", FeedTitle: "Example Org",
			},
			facts: []extract.Fact{
				cite(t, textMarket, m1, extract.Fact{Type: extract.TypeMoney, Rule: "money.spend",
					Amount: 723.4e9, Currency: "USD", USD: 723.4e9, Qualifier: "more than", Label: "market_spend"}),
				cite(t, textMarket, m1, extract.Fact{Type: extract.TypeMoney, Rule: "money.spend",
					Amount: 595.7e9, Currency: "USD", USD: 595.7e9, Label: "market_spend", Confidence: 0.6}),
				cite(t, textMarket, m2, extract.Fact{Type: extract.TypeDatacenterCount, Company: "Amazon Web Services", Rule: "count.dcs",
					Value: 100, Scope: "global", Qualifier: "more than"}),
			},
		},
		{
			a: article.Article{
				Source: "testdata/articles/closed.txt", Title: "Dublin exit",
				Published: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC),
				Text:      textClosed,
			},
			facts: []extract.Fact{
				cite(t, textClosed, c1, extract.Fact{Type: extract.TypeExpansion, Company: "Microsoft", Rule: "expansion.close",
					Country: "IE", City: "Dublin", Facility: extract.FacilityDataCenter, Status: extract.StatusClosed, Year: 2019, Confidence: 1}),
			},
		},
	}
}

// seed saves the fixture and returns the article ids in fixture order.
func seed(t *testing.T, db *DB) []int64 {
	t.Helper()
	var ids []int64
	for _, f := range fixture(t) {
		res, err := db.SaveArticle(context.Background(), &f.a, f.facts, "v1")
		if err != nil {
			t.Fatalf("SaveArticle(%s): %v", f.a.Key(), err)
		}
		ids = append(ids, res.ArticleID)
	}
	return ids
}
