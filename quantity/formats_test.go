package quantity

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/currency"
)

// TestMoneyFormats covers the regional formats of issue 7 item 6: Indian
// grouping, abbreviations that need a scale word or a country in the
// sentence, ranges, restatements in a second currency and hedges.
func TestMoneyFormats(t *testing.T) {
	none := MoneyOptions{}
	tests := []struct {
		s    string
		opt  MoneyOptions
		want []cash
	}{
		// Indian grouping, crore and lakh.
		{"The state cleared projects worth ₹2,40,000 crore last year.", none, []cash{{"₹2,40,000 crore", 2.4e12, "INR", 0, ""}}},
		{"A grant of Rs 1,00,000 went to each school.", none, []cash{{"Rs 1,00,000", 1e5, "INR", 0, ""}}},
		{"The operator will put in Rs 6,000 crore by 2030.", none, []cash{{"Rs 6,000 crore", 6e10, "INR", 0, ""}}},
		{"Planned outlays top INR 1.5 lakh crore.", none, []cash{{"INR 1.5 lakh crore", 1.5e12, "INR", 0, ""}}},
		{"A first tranche of Rs. 500 crore was released.", none, []cash{{"Rs. 500 crore", 5e9, "INR", 0, ""}}},
		{"It earmarked 12 lakh rupees for training.", none, []cash{{"12 lakh rupees", 1.2e6, "INR", 0, ""}}},
		// Rupees of Pakistan and Sri Lanka; East African shillings; Egyptian
		// pounds written the local way.
		{"Jazz will spend Rs 20 billion on the Lahore site.", MoneyOptions{Country: "PK"}, []cash{{"Rs 20 billion", 2e10, "PKR", 0, ""}}},
		{"The Nairobi campus will cost Sh12 billion.", MoneyOptions{Country: "KE"}, []cash{{"Sh12 billion", 1.2e10, "KES", 0, ""}}},
		{"The Kampala site costs Sh300 billion.", MoneyOptions{Country: "UG"}, []cash{{"Sh300 billion", 3e11, "UGX", 0, ""}}},
		{"Lunch cost Sh200.", MoneyOptions{Country: "KE"}, nil},
		{"The Cairo hub will cost LE4.5 billion.", none, []cash{{"LE4.5 billion", 4.5e9, "EGP", 0, ""}}},
		// Thai baht with a B glued to the digits, in a Thai sentence only.
		{"The Bangkok campus will cost B1.2bn.", none, []cash{{"B1.2bn", 1.2e9, "THB", 0, ""}}},
		{"Thai regulators approved B50 billion in projects.", none, []cash{{"B50 billion", 5e10, "THB", 0, ""}}},
		{"The investment of B3.5bn was approved.", MoneyOptions{Country: "TH"}, []cash{{"B3.5bn", 3.5e9, "THB", 0, ""}}},
		{"Nvidia's B200 chips ship to Thailand.", none, nil},
		{"Plan B 50 billion was never funded in Thailand.", none, nil},
		{"Rack B12 in the Bangkok hall is full.", none, nil},
		{"The firm bought B40 billion of chips.", none, nil}, // no Thai context
		// Nordic crowns.
		{"The contract was worth an estimated DKR2.4 billion ($344 million).", none, []cash{{"DKR2.4 billion ($344 million)", 2.4e9, "DKK", 344e6, About}}},
		{"The Danish build will cost DKK 2.4bn.", none, []cash{{"DKK 2.4bn", 2.4e9, "DKK", 0, ""}}},
		{"In Sweden the hall costs kr 3 billion.", none, []cash{{"kr 3 billion", 3e9, "SEK", 0, ""}}},
		{"Norway's campus costs kr. 7 billion.", none, []cash{{"kr. 7 billion", 7e9, "NOK", 0, ""}}},
		{"The Copenhagen site cost 900 million kr.", none, []cash{{"900 million kr", 9e8, "DKK", 0, ""}}},
		{"The site will cost kr 3 billion.", none, nil}, // no country: kr is left ambiguous
		{"The site will cost kr 3 billion.", MoneyOptions{Country: "NO"}, []cash{{"kr 3 billion", 3e9, "NOK", 0, ""}}},
		{"The Stockholm office has kr 30 desks.", none, nil},
		{"It pays SKr4bn and NKr2bn.", none, []cash{{"SKr4bn", 4e9, "SEK", 0, ""}, {"NKr2bn", 2e9, "NOK", 0, ""}}},
		// Dollars with a letter prefix, and other prefixes.
		{"Sydney gets AU$1.2bn, Auckland NZ$300m, Toronto C$2 billion.", none, []cash{
			{"AU$1.2bn", 1.2e9, "AUD", 0, ""}, {"NZ$300m", 3e8, "NZD", 0, ""}, {"C$2 billion", 2e9, "CAD", 0, ""}}},
		{"Deals of S$1bn, HK$5bn, R$2 billion and MX$9 billion.", none, []cash{
			{"S$1bn", 1e9, "SGD", 0, ""}, {"HK$5bn", 5e9, "HKD", 0, ""}, {"R$2 billion", 2e9, "BRL", 0, ""}, {"MX$9 billion", 9e9, "MXN", 0, ""}}},
		{"It raised US$700 million.", none, []cash{{"US$700 million", 7e8, "USD", 7e8, ""}}},
		{"Johor gets RM 9.7 billion and Selangor RM9.7bn.", none, []cash{{"RM 9.7 billion", 9.7e9, "MYR", 0, ""}, {"RM9.7bn", 9.7e9, "MYR", 0, ""}}},
		{"Manila gets ₱40 billion and Cebu P12 billion.", none, []cash{{"₱40 billion", 4e10, "PHP", 0, ""}, {"P12 billion", 1.2e10, "PHP", 0, ""}}},
		{"It will invest PHP 40 billion.", none, []cash{{"PHP 40 billion", 4e10, "PHP", 0, ""}}},
		{"The P40 billion figure was wrong.", none, nil}, // P without a Philippine context
		{"Hanoi approved VND6-trillion, then VND 6 trillion and 6 trillion dong.", none, []cash{
			{"VND6-trillion", 6e12, "VND", 0, ""}, {"VND 6 trillion", 6e12, "VND", 0, ""}, {"6 trillion dong", 6e12, "VND", 0, ""}}},
		{"Doha set aside QAR 2 billion and QR2bn more.", none, []cash{{"QAR 2 billion", 2e9, "QAR", 0, ""}, {"QR2bn", 2e9, "QAR", 0, ""}}},
		{"Riyadh spends SAR 5 billion; Jeddah SR5bn.", none, []cash{{"SAR 5 billion", 5e9, "SAR", 0, ""}, {"SR5bn", 5e9, "SAR", 0, ""}}},
		{"Abu Dhabi pledged AED1bn and Dubai Dh1bn.", none, []cash{{"AED1bn", 1e9, "AED", 0, ""}, {"Dh1bn", 1e9, "AED", 0, ""}}},
		{"The SR71 and QR2 codes are not money.", none, nil},
		{"Durban gets R5 billion.", none, []cash{{"R5 billion", 5e9, "ZAR", 0, ""}}},
		{"The R5 bus and R2 rack.", none, nil},
		{"Warsaw gets 3 billion zł and Gdańsk zł2 billion; Kraków PLN 1bn.", none, []cash{
			{"3 billion zł", 3e9, "PLN", 0, ""}, {"zł2 billion", 2e9, "PLN", 0, ""}, {"PLN 1bn", 1e9, "PLN", 0, ""}}},
		{"Seoul adds ₩3 trillion, KRW 1 trillion and 500 billion won.", none, []cash{
			{"₩3 trillion", 3e12, "KRW", 0, ""}, {"KRW 1 trillion", 1e12, "KRW", 0, ""}, {"500 billion won", 5e11, "KRW", 0, ""}}},
		{"The team won 3 games.", none, nil},
		{"Java gets Rp 2 trillion and 3 trillion rupiah; Penang 4 billion ringgit.", none, []cash{
			{"Rp 2 trillion", 2e12, "IDR", 0, ""}, {"3 trillion rupiah", 3e12, "IDR", 0, ""}, {"4 billion ringgit", 4e9, "MYR", 0, ""}}},
		{"Costs: 2 billion dirhams, 5 billion riyals, 8 billion rand, 9 billion baht.", none, []cash{
			{"2 billion dirhams", 2e9, "AED", 0, ""}, {"5 billion riyals", 5e9, "SAR", 0, ""}, {"8 billion rand", 8e9, "ZAR", 0, ""}, {"9 billion baht", 9e9, "THB", 0, ""}}},
		// Pesos by the country in the sentence.
		{"Its Manila campus costs 10 billion pesos.", none, []cash{{"10 billion pesos", 1e10, "PHP", 0, ""}}},
		{"Its Querétaro campus costs 10 billion pesos.", none, []cash{{"10 billion pesos", 1e10, "MXN", 0, ""}}},
		{"Its Santiago, Chile campus costs 10 billion pesos.", none, []cash{{"10 billion pesos", 1e10, "CLP", 0, ""}}},
		{"A Colombian site costs 900 billion pesos.", none, []cash{{"900 billion pesos", 9e11, "COP", 0, ""}}},
		{"Argentina will see 50 billion pesos.", none, []cash{{"50 billion pesos", 5e10, "ARS", 0, ""}}},
		{"The site costs 10 billion pesos.", none, []cash{{"10 billion pesos", 1e10, "MXN", 0, ""}}},
		// Ranges: the lower end, with the upper end's scale, qualifier between.
		{"Phase two needs Rs 6,000-7,000 crore.", none, []cash{{"Rs 6,000-7,000 crore", 6e10, "INR", 0, Between}}},
		{"Expansion will cost $1.7-$1.9 billion in total.", none, []cash{{"$1.7-$1.9 billion", 1.7e9, "USD", 1.7e9, Between}}},
		{"Expansion will cost $1.7bn-$1.9bn in total.", none, []cash{{"$1.7bn-$1.9bn", 1.7e9, "USD", 1.7e9, Between}}},
		{"It will spend between $1.7 billion and $1.9 billion.", none, []cash{{"$1.7 billion and $1.9 billion", 1.7e9, "USD", 1.7e9, Between}}},
		{"It will spend $1.7 to $1.9 billion.", none, []cash{{"$1.7 to $1.9 billion", 1.7e9, "USD", 1.7e9, Between}}},
		{"Budgets of 1.7-1.9 billion euros are planned.", none, []cash{{"1.7-1.9 billion euros", 1.7e9, "EUR", 0, Between}}},
		{"It will spend between 6,000 and 7,000 crore rupees.", none, []cash{{"6,000 and 7,000 crore rupees", 6e10, "INR", 0, Between}}},
		{"It will cost about €2–3 billion.", none, []cash{{"€2–3 billion", 2e9, "EUR", 0, Between}}},
		{"Revenue grew from $1.7 to $1.9 billion.", none, []cash{{"$1.7", 1.7, "USD", 1.7, ""}, {"$1.9 billion", 1.9e9, "USD", 1.9e9, ""}}},
		{"It added $450 million to $1 billion of debt.", none, []cash{{"$450 million", 4.5e8, "USD", 4.5e8, ""}, {"$1 billion", 1e9, "USD", 1e9, ""}}},
		{"It spent $2 million to 5 million users.", none, []cash{{"$2 million", 2e6, "USD", 2e6, ""}}},
		{"Prices of $1.9-1.7 billion make no sense.", none, []cash{{"$1.9", 1.9, "USD", 1.9, ""}}},
		{"A $5G upgrade and a $3-$2 swap.", none, []cash{{"$3", 3, "USD", 3, ""}, {"$2", 2, "USD", 2, ""}}},
		// Two currencies in one phrase: one mention.
		{"The bond raised €4bn (about $4.3bn).", none, []cash{{"€4bn (about $4.3bn)", 4e9, "EUR", 4.3e9, ""}}},
		{"It will invest $3.2 billion (SEK 33.7 billion) in Sweden.", none, []cash{{"$3.2 billion (SEK 33.7 billion)", 3.2e9, "USD", 3.2e9, ""}}},
		{"It will invest SEK 33.7 billion ($3.2 billion) in Sweden.", none, []cash{{"SEK 33.7 billion ($3.2 billion)", 3.37e10, "SEK", 3.2e9, ""}}},
		{"It will invest 33.7 billion Swedish crowns ($3.2 billion).", none, []cash{{"33.7 billion Swedish crowns ($3.2 billion)", 3.37e10, "SEK", 3.2e9, ""}}},
		{"Meta has invested 15 billion Danish crowns in Odense.", none, []cash{{"15 billion Danish crowns", 1.5e10, "DKK", 0, ""}}},
		{"The crown jewels cost 3 crowns.", none, nil},
		{"It spent €5bn, roughly $5.4bn, on land.", none, []cash{{"€5bn, roughly $5.4bn", 5e9, "EUR", 5.4e9, ""}}},
		{"It spent £2bn, or about $2.5bn, on land.", none, []cash{{"£2bn, or about $2.5bn", 2e9, "GBP", 2.5e9, ""}}},
		{"It spent €5bn, about €1bn of it on land.", none, []cash{{"€5bn", 5e9, "EUR", 0, ""}, {"€1bn", 1e9, "EUR", 0, About}}},
		{"Sites cost €5bn, $2bn and £1bn.", none, []cash{{"€5bn", 5e9, "EUR", 0, ""}, {"$2bn", 2e9, "USD", 2e9, ""}, {"£1bn", 1e9, "GBP", 0, ""}}},
		{"It will spend 1.2 trillion won (approximately US$900 million).", none, []cash{{"1.2 trillion won (approximately US$900 million)", 1.2e12, "KRW", 9e8, ""}}},
		// Hedges, normalised.
		{"Spending may reach $5 billion.", none, []cash{{"$5 billion", 5e9, "USD", 5e9, UpTo}}},
		{"Spending could reach $5 billion.", none, []cash{{"$5 billion", 5e9, "USD", 5e9, UpTo}}},
		{"It pledged as many as $5 billion.", none, []cash{{"$5 billion", 5e9, "USD", 5e9, UpTo}}},
		{"Costs exceeding $4bn and over $1bn.", none, []cash{{"$4bn", 4e9, "USD", 4e9, MoreThan}, {"$1bn", 1e9, "USD", 1e9, MoreThan}}},
		{"An estimated $3bn, nearly $2bn, some $1bn, around $7bn.", none, []cash{
			{"$3bn", 3e9, "USD", 3e9, About}, {"$2bn", 2e9, "USD", 2e9, About}, {"$1bn", 1e9, "USD", 1e9, About}, {"$7bn", 7e9, "USD", 7e9, About}}},
		{"At least $8bn, then $9bn or more.", none, []cash{{"$8bn", 8e9, "USD", 8e9, AtLeast}, {"$9bn", 9e9, "USD", 9e9, AtLeast}}},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			var g []cash
			for _, m := range FindMoney(tt.s, tt.opt) {
				if tt.s[m.Start:m.End] != m.Text {
					t.Fatalf("span %d:%d is %q, Text %q", m.Start, m.End, tt.s[m.Start:m.End], m.Text)
				}
				g = append(g, cash{m.Text, m.Amount, m.Currency, m.USD, m.Qualifier})
			}
			if fmt.Sprint(g) != fmt.Sprint(tt.want) {
				t.Errorf("FindMoney(%q, %+v)\n got %v\nwant %v", tt.s, tt.opt, g, tt.want)
			}
		})
	}
}

// TestCurrencyData checks the lexicon: every code is ISO 4217, and a bad
// line is reported rather than skipped.
func TestCurrencyData(t *testing.T) {
	check := func(what, code string) {
		if code == "" {
			return
		}
		if _, err := currency.ParseISO(code); err != nil {
			t.Errorf("%s: %q is not an ISO 4217 code", what, code)
		}
	}
	for k, c := range symbolCurrency {
		check("symbol "+k, c)
	}
	for k, c := range dollarPrefixes {
		check("dollar "+k, c)
	}
	for k := range isoCodes {
		check("code", k)
	}
	for _, m := range []map[string]currencyName{prefixNames, suffixNames, currencyWords} {
		for k, c := range m {
			check(k, c.code)
			for cc, code := range c.byCountry {
				check(k+" in "+cc, code)
			}
		}
	}
	for _, bad := range []string{
		"word\tyuan",
		"word\tyuan\tCNY\tstrange",
		"planet\tmars\tXXX",
		"word\tpesos\tMXN\t-\tMX=MXN",
		"prefix\tkr\t-",
	} {
		if err := loadCurrencies(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("loadCurrencies(%q) = %v, want an error for line 1", bad, err)
		}
	}
}
