package quantity

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cloudfacts/ingest/internal/benchgen"
)

// cash is a compact expectation for one Money.
type cash struct {
	text     string
	amount   float64
	currency string
	usd      float64
	q        string
}

func TestFindMoney(t *testing.T) {
	tests := []struct {
		s    string
		opt  MoneyOptions
		want []cash
	}{
		// Signs and codes before the amount.
		{"The lab will cost $5 billion.", MoneyOptions{}, []cash{{"$5 billion", 5e9, "USD", 5e9, ""}}},
		{"It raised US$53 billion from bonds.", MoneyOptions{}, []cash{{"US$53 billion", 53e9, "USD", 53e9, ""}}},
		{"A US $1bn fund was set up.", MoneyOptions{}, []cash{{"US $1bn", 1e9, "USD", 1e9, ""}}},
		{"Sales reached USD 500 million.", MoneyOptions{}, []cash{{"USD 500 million", 5e8, "USD", 5e8, ""}}},
		{"The grid deal is worth 500 million USD.", MoneyOptions{}, []cash{{"500 million USD", 5e8, "USD", 5e8, ""}}},
		{"Funding of A$2.4bn and AU$300m was agreed.", MoneyOptions{}, []cash{{"A$2.4bn", 2.4e9, "AUD", 0, ""}, {"AU$300m", 3e8, "AUD", 0, ""}}},
		{"Ottawa added C$450 million to CA$1 billion.", MoneyOptions{}, []cash{{"C$450 million", 4.5e8, "CAD", 0, ""}, {"CA$1 billion", 1e9, "CAD", 0, ""}}},
		{"Listings raised HK$8bn and S$75m.", MoneyOptions{}, []cash{{"HK$8bn", 8e9, "HKD", 0, ""}, {"S$75m", 75e6, "SGD", 0, ""}}},
		{"Deals of NZ$90 million and NT$12 billion closed.", MoneyOptions{}, []cash{{"NZ$90 million", 9e7, "NZD", 0, ""}, {"NT$12 billion", 12e9, "TWD", 0, ""}}},
		{"The São Paulo campus costs R$3.1 billion.", MoneyOptions{}, []cash{{"R$3.1 billion", 3.1e9, "BRL", 0, ""}}},
		{"Paris gets €2bn and Berlin EUR 2bn.", MoneyOptions{}, []cash{{"€2bn", 2e9, "EUR", 0, ""}, {"EUR 2bn", 2e9, "EUR", 0, ""}}},
		{"A £1 billion plan and a £1B HQ.", MoneyOptions{}, []cash{{"£1 billion", 1e9, "GBP", 0, ""}, {"£1B", 1e9, "GBP", 0, ""}}},
		{"Tokyo spending of ¥800 billion.", MoneyOptions{}, []cash{{"¥800 billion", 8e11, "JPY", 0, ""}}},
		{"Beijing spending of ¥800 billion.", MoneyOptions{Yen: "CNY"}, []cash{{"¥800 billion", 8e11, "CNY", 0, ""}}},
		{"Seoul pledged ₩2 trillion and Moscow ₽40 billion.", MoneyOptions{}, []cash{{"₩2 trillion", 2e12, "KRW", 0, ""}, {"₽40 billion", 4e10, "RUB", 0, ""}}},
		{"The park will cost about AED1bn.", MoneyOptions{}, []cash{{"AED1bn", 1e9, "AED", 0, About}}},
		{"Riyadh set aside SAR 5 billion.", MoneyOptions{}, []cash{{"SAR 5 billion", 5e9, "SAR", 0, ""}}},
		{"Johannesburg gets R5 billion, Durban R 2 billion, not R2.", MoneyOptions{}, []cash{{"R5 billion", 5e9, "ZAR", 0, ""}, {"R 2 billion", 2e9, "ZAR", 0, ""}}},
		{"The state offered Rs 1,000 crore and Rs. 500 crore.", MoneyOptions{}, []cash{{"Rs 1,000 crore", 1e10, "INR", 0, ""}, {"Rs. 500 crore", 5e9, "INR", 0, ""}}},
		{"A fund of INR 500 crore and a ₹13,318 crore hub.", MoneyOptions{}, []cash{{"INR 500 crore", 5e9, "INR", 0, ""}, {"₹13,318 crore", 133.18e9, "INR", 0, ""}}},
		{"Plans worth ₹1.3 lakh crore and ₹40 lakh.", MoneyOptions{}, []cash{{"₹1.3 lakh crore", 1.3e12, "INR", 0, ""}, {"₹40 lakh", 4e6, "INR", 0, ""}}},
		{"It will spend RMB 10 billion.", MoneyOptions{}, []cash{{"RMB 10 billion", 1e10, "CNY", 0, ""}}},
		{"Kuala Lumpur gets RM2 billion; Jakarta Rp 3 trillion.", MoneyOptions{}, []cash{{"RM2 billion", 2e9, "MYR", 0, ""}, {"Rp 3 trillion", 3e12, "IDR", 0, ""}}},
		{"Exports hit 4 billion U.S. dollars and U.S.$2 billion.", MoneyOptions{}, []cash{{"4 billion U.S. dollars", 4e9, "USD", 4e9, ""}, {"U.S.$2 billion", 2e9, "USD", 2e9, ""}}},
		// Currency words after the amount.
		{"The group set aside 380 billion yuan for chips.", MoneyOptions{}, []cash{{"380 billion yuan", 3.8e11, "CNY", 0, ""}}},
		{"A fund of 10 billion renminbi opened.", MoneyOptions{}, []cash{{"10 billion renminbi", 1e10, "CNY", 0, ""}}},
		{"Cape Town won 5.4 billion rands and 900 million rand.", MoneyOptions{}, []cash{{"5.4 billion rands", 5.4e9, "ZAR", 0, ""}, {"900 million rand", 9e8, "ZAR", 0, ""}}},
		{"Osaka gets 1.6 trillion yen.", MoneyOptions{}, []cash{{"1.6 trillion yen", 1.6e12, "JPY", 0, ""}}},
		{"Outlays hit 52 billion pesos.", MoneyOptions{}, []cash{{"52 billion pesos", 52e9, "MXN", 0, ""}}},
		{"Outlays hit 52 billion pesos.", MoneyOptions{Country: "PH"}, []cash{{"52 billion pesos", 52e9, "PHP", 0, ""}}},
		{"Outlays hit 52 billion Colombian pesos.", MoneyOptions{Country: "MX"}, []cash{{"52 billion Colombian pesos", 52e9, "COP", 0, ""}}},
		{"Bangkok gets 3.8 billion baht; Seoul 500 billion won.", MoneyOptions{}, []cash{{"3.8 billion baht", 3.8e9, "THB", 0, ""}, {"500 billion won", 5e11, "KRW", 0, ""}}},
		{"Java gets 1 trillion rupiah.", MoneyOptions{}, []cash{{"1 trillion rupiah", 1e12, "IDR", 0, ""}}},
		{"Capex was 12.3 billion rubles, then 4 billion roubles.", MoneyOptions{}, []cash{{"12.3 billion rubles", 12.3e9, "RUB", 0, ""}, {"4 billion roubles", 4e9, "RUB", 0, ""}}},
		{"Grants of 10 million euros and 5 million pounds sterling.", MoneyOptions{}, []cash{{"10 million euros", 1e7, "EUR", 0, ""}, {"5 million pounds sterling", 5e6, "GBP", 0, ""}}},
		{"Penang gets 2 billion ringgit, Dubai 3 billion dirhams, Jeddah 4 billion riyals.", MoneyOptions{}, []cash{{"2 billion ringgit", 2e9, "MYR", 0, ""}, {"3 billion dirhams", 3e9, "AED", 0, ""}, {"4 billion riyals", 4e9, "SAR", 0, ""}}},
		{"Doha gets 4 billion riyals.", MoneyOptions{Country: "QA"}, []cash{{"4 billion riyals", 4e9, "QAR", 0, ""}}},
		{"Pune gets 900 crore rupees.", MoneyOptions{}, []cash{{"900 crore rupees", 9e9, "INR", 0, ""}}},
		{"It pledged 2 billion dollars.", MoneyOptions{}, []cash{{"2 billion dollars", 2e9, "USD", 2e9, ""}}},
		{"It pledged 2 billion dollars.", MoneyOptions{Country: "CA"}, []cash{{"2 billion dollars", 2e9, "CAD", 0, ""}}},
		{"Sums of 7 billion Australian dollars and 3 billion Hong Kong dollars.", MoneyOptions{}, []cash{{"7 billion Australian dollars", 7e9, "AUD", 0, ""}, {"3 billion Hong Kong dollars", 3e9, "HKD", 0, ""}}},
		{"Also 6 billion New Taiwan dollars and 1 billion Singapore dollars.", MoneyOptions{}, []cash{{"6 billion New Taiwan dollars", 6e9, "TWD", 0, ""}, {"1 billion Singapore dollars", 1e9, "SGD", 0, ""}}},
		{"Zurich gets 400 million Swiss francs.", MoneyOptions{}, []cash{{"400 million Swiss francs", 4e8, "CHF", 0, ""}}},
		{"Oslo gets 2 billion Norwegian krone, Stockholm 3 billion kronor.", MoneyOptions{}, []cash{{"2 billion Norwegian krone", 2e9, "NOK", 0, ""}, {"3 billion kronor", 3e9, "SEK", 0, ""}}},
		{"Warsaw gets 700 million zloty, Istanbul 9 billion lira.", MoneyOptions{}, []cash{{"700 million zloty", 7e8, "PLN", 0, ""}, {"9 billion lira", 9e9, "TRY", 0, ""}}},
		{"Lagos gets 80 billion naira, Nairobi 6 billion shillings, Hanoi 9 trillion dong.", MoneyOptions{}, []cash{{"80 billion naira", 8e10, "NGN", 0, ""}, {"6 billion shillings", 6e9, "KES", 0, ""}, {"9 trillion dong", 9e12, "VND", 0, ""}}},
		{"It will spend a billion dollars.", MoneyOptions{}, []cash{{"a billion dollars", 1e9, "USD", 1e9, ""}}},
		// Scale suffixes.
		{"Deals of $40k, $3m, $7mn, $2 mln, $6b, $8 bln, $1tn and $2 trn.", MoneyOptions{}, []cash{
			{"$40k", 4e4, "USD", 4e4, ""}, {"$3m", 3e6, "USD", 3e6, ""}, {"$7mn", 7e6, "USD", 7e6, ""},
			{"$2 mln", 2e6, "USD", 2e6, ""}, {"$6b", 6e9, "USD", 6e9, ""}, {"$8 bln", 8e9, "USD", 8e9, ""},
			{"$1tn", 1e12, "USD", 1e12, ""}, {"$2 trn", 2e12, "USD", 2e12, ""}}},
		{"A bid of $2.5 thousand.", MoneyOptions{}, []cash{{"$2.5 thousand", 2500, "USD", 2500, ""}}},
		// Pairing a restated amount.
		{"The group will put 200 billion yuan ($27.6 billion) into AI.", MoneyOptions{}, []cash{{"200 billion yuan ($27.6 billion)", 2e11, "CNY", 27.6e9, ""}}},
		{"It pledged at least 90 billion yuan ( US$12.4 billion ) this year.", MoneyOptions{}, []cash{{"90 billion yuan ( US$12.4 billion )", 9e10, "CNY", 12.4e9, AtLeast}}},
		{"Tokyo will see 2 trillion yen (about $13 billion) in spending.", MoneyOptions{}, []cash{{"2 trillion yen (about $13 billion)", 2e12, "JPY", 13e9, ""}}},
		{"A $15 billion (around ₹1.3 lakh crore) campus.", MoneyOptions{}, []cash{{"$15 billion (around ₹1.3 lakh crore)", 15e9, "USD", 15e9, ""}}},
		{"It spent 30 billion pesos, or about $1.7 billion, there.", MoneyOptions{}, []cash{{"30 billion pesos, or about $1.7 billion", 3e10, "MXN", 1.7e9, ""}}},
		{"Bonds of €3bn (£2.6bn) were sold.", MoneyOptions{}, []cash{{"€3bn (£2.6bn)", 3e9, "EUR", 0, ""}}},
		{"It paid $2 billion ($1 billion in cash).", MoneyOptions{}, []cash{{"$2 billion", 2e9, "USD", 2e9, ""}, {"$1 billion", 1e9, "USD", 1e9, ""}}},
		// Hedges.
		{"It committed a minimum investment of 60 billion yuan.", MoneyOptions{}, []cash{{"60 billion yuan", 6e10, "CNY", 0, AtLeast}}},
		{"It will invest more than $8bn, up to $3 billion, over $2 billion and roughly $4 billion.", MoneyOptions{}, []cash{
			{"$8bn", 8e9, "USD", 8e9, MoreThan}, {"$3 billion", 3e9, "USD", 3e9, UpTo},
			{"$2 billion", 2e9, "USD", 2e9, MoreThan}, {"$4 billion", 4e9, "USD", 4e9, About}}},
		{"Outlays may surpass $7 trillion or exceed €2bn.", MoneyOptions{}, []cash{{"$7 trillion", 7e12, "USD", 7e12, MoreThan}, {"€2bn", 2e9, "EUR", 0, MoreThan}}},
		{"Costs were about 9.1 billion out of rubles.", MoneyOptions{}, []cash{{"9.1 billion out of rubles", 9.1e9, "RUB", 0, About}}},
		{"Costs came in at less than €90 million, north of £1bn and an estimated $6bn.", MoneyOptions{}, []cash{
			{"€90 million", 9e7, "EUR", 0, LessThan}, {"£1bn", 1e9, "GBP", 0, MoreThan}, {"$6bn", 6e9, "USD", 6e9, About}}},
		{"Budgets of $3-5 billion were floated.", MoneyOptions{}, []cash{{"$3-5 billion", 3e9, "USD", 3e9, Between}}},
		// Both ends in full: a range when close and of one scale, two
		// figures after a verb of change or far apart.
		{"Capex of $20 billion to $23 billion is expected.", MoneyOptions{}, []cash{{"$20 billion to $23 billion", 2e10, "USD", 2e10, Between}}},
		{"It expects €1.2bn to €1.5bn in outlays.", MoneyOptions{}, []cash{{"€1.2bn to €1.5bn", 1.2e9, "EUR", 0, Between}}},
		{"It added $450 million to $1 billion of funds.", MoneyOptions{}, []cash{{"$450 million", 4.5e8, "USD", 4.5e8, ""}, {"$1 billion", 1e9, "USD", 1e9, ""}}},
		{"It raised its budget of $2 billion to $3 billion.", MoneyOptions{}, []cash{{"$2 billion", 2e9, "USD", 2e9, ""}, {"$3 billion", 3e9, "USD", 3e9, ""}}},
		{"Spending went from $2 billion to $2.5 billion.", MoneyOptions{}, []cash{{"$2 billion", 2e9, "USD", 2e9, ""}, {"$2.5 billion", 2.5e9, "USD", 2.5e9, ""}}},
		{"Bids ranged from $1 billion to $9 billion.", MoneyOptions{}, []cash{{"$1 billion", 1e9, "USD", 1e9, ""}, {"$9 billion", 9e9, "USD", 9e9, ""}}},
		{"She bought a $5 coffee.", MoneyOptions{}, []cash{{"$5", 5, "USD", 5, ""}}},
		{"A C$1.5-billion plan and $20 billion or more a quarter.", MoneyOptions{}, []cash{{"C$1.5-billion", 1.5e9, "CAD", 0, ""}, {"$20 billion", 2e10, "USD", 2e10, AtLeast}}},
		// Not money.
		{"It now has 5 billion users and 20 percent share.", MoneyOptions{}, nil},
		{"Prices in $ rose, said the US team.", MoneyOptions{}, nil},
		{"The chip runs at 3.2 GHz in the R2 rack.", MoneyOptions{}, nil},
		{"In 2025 dollars the plan looked cheap; billions of dollars were spent.", MoneyOptions{}, nil},
		{"The PHP 8 runtime and CAD 3 tools shipped.", MoneyOptions{}, nil},
		{"The team won 3 awards and lost 2 pounds.", MoneyOptions{}, nil},
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

func TestPeriod(t *testing.T) {
	tests := []struct{ s, want string }{
		{"It will spend $9 billion over the next three years.", "3 years"},
		{"The fund runs over three years.", "3 years"},
		{"Capex will rise in the next 3 years.", "3 years"},
		{"It plans to invest over five years in Texas.", "5 years"},
		{"The budget is spread over the course of 15 years.", "15 years"},
		{"The money comes over the five year period.", "5 years"},
		{"It has a ten-year plan for the region.", "10 years"},
		{"Investment will continue over the next decade.", "10 years"},
		// Vague spans are kept as written, as the gold annotations do.
		{"It will spend heavily over the next few years.", "few years"},
		{"Outlays grow over several years.", "several years"},
		{"$9bn or more each month for the next couple of years.", "per month"},
		{"It will pour money in over a couple of years.", "2 years"},
		{"It will pour money in over the next couple of years.", "2 years"},
		{"It has spent 40 billion rupees since 2019.", "since 2019"},
		{"It has spent 40 billion rupees since opening its office in 2019.", "since 2019"},
		{"It plans to allocate $9 billion in fiscal 2026 to chips.", "fiscal 2026"},
		{"The $1bn hall will be completed within 18 months.", ""},
		{"Rivals spend $20 billion each quarter.", "per quarter"},
		{"The firm spends $1 billion every quarter.", "per quarter"},
		{"Capex of $3 billion per quarter is planned.", "per quarter"},
		{"It burns $2 billion a quarter.", "per quarter"},
		{"A quarter of the revenue comes from Asia.", ""},
		{"It will invest $4 billion per year.", "per year"},
		{"It invests $4 billion annually.", "per year"},
		{"Spending is $6 billion a year.", "per year"},
		{"It spent $6 billion each year.", "per year"},
		{"A year ago the site was empty.", ""},
		{"It opened the site within a year.", ""},
		{"The hub will be complete by 2030.", "by 2030"},
		{"The hub will be complete by the end of 2028.", "by 2028"},
		{"The money is spent between 2026 and 2029.", "2026-2029"},
		{"The 2026-30 plan doubles capacity.", "2026-2030"},
		{"The plan covers 2025–2027.", "2025-2027"},
		{"It opened on 2024-05-08 in Lagos.", ""},
		{"It opened in 2021 with two halls.", ""},
		{"Its quarterly report showed growth.", ""},
		{"It will open more sites in the coming year.", ""},
		{"It will invest $1 billion over the coming years.", "coming years"},
		{"It will invest $1 billion over the coming year.", "1 year"},
		{"It will spend $2 billion for the next decade.", "10 years"},
		{"The fund lasts in 18 months.", "18 months"},
		{"Capacity rose in 2024 to 30 sites.", ""},
		{"From 2025 to 2028 it will build halls.", "2025-2028"},
		{"The work runs through fiscal 2027.", "by 2027"},
		{"It adopted a 7-year-old design.", ""},
		{"It shipped a two-year plan over the next decade.", "10 years"},
	}
	for _, tt := range tests {
		if got := Period(tt.s); got != tt.want {
			t.Errorf("Period(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func FuzzFindMoney(f *testing.F) {
	for _, s := range []string{
		"380 billion yuan ($52.3 billion) over three years",
		"US $1bn, HK$2m, R 5 billion, Rs. 500 crore, ₹1.3 lakh crore",
		"$15 billion (around ₹13,318 crore",
		"52 billion pesos, or about $3 billion",
		"U.S.$ 4 $ ( ) , or ¥",
		"$3-5 billion to 7 bn AED1bn",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, m := range FindMoney(s, MoneyOptions{Yen: "CNY", Country: "PH"}) {
			if m.Start < prev || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v in %q", m, s)
			}
			if m.Currency == "" || len(m.Currency) != 3 {
				t.Fatalf("bad currency %+v in %q", m, s)
			}
			prev = m.End
		}
	})
}

// TestReleasedTextsReadAlike reads generated news sentences twice: once
// each on fresh memory, once releasing each sentence before the next is
// read, so that every read but the first reuses the last one's memory.
func TestReleasedTextsReadAlike(t *testing.T) {
	type reading struct {
		numbers  []Number
		ordinals []Ordinal
		money    []Money
	}
	var sents []string
	for i := range 30 {
		for line := range strings.Lines(benchgen.Generate(1, i, false).Text) {
			sents = append(sents, line)
		}
	}
	read := func(s string, release bool) reading {
		q := Read(s)
		r := reading{q.Numbers(), q.Ordinals(), q.Money(MoneyOptions{Country: "JP", Yen: "JPY"})}
		if release {
			q.Release()
		}
		return r
	}
	var want []reading
	for _, s := range sents {
		want = append(want, read(s, false))
	}
	for i := len(sents) - 1; i >= 0; i-- {
		if got := read(sents[i], true); !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("%q read after a release: %+v, want %+v", sents[i], got, want[i])
		}
	}
}
