package quantity

import (
	"fmt"
	"testing"
)

// benchSentences mimic the mix of a news article: most sentences carry no
// figure at all, a few carry several.
var benchSentences = []string{
	"The provider said on Tuesday that it would open its fourth region in the country next spring.",
	"Analysts expect demand for accelerated computing to keep rising as enterprises move workloads.",
	"It plans to invest more than 150 billion yuan ($20.7 billion) over the next three years in chips and servers.",
	"The campus will host 12 data halls drawing 200MW, with the first phase due by 2027.",
	"Rival operators have committed to spending about $18 billion each quarter on infrastructure.",
	"The new facility, its second in Jakarta, will serve banks, retailers and government agencies.",
	"Sales rose 14 percent to ₹4,200 crore, while costs stayed under Rs 900 crore.",
	"With this launch the network spans 41 regions and 130 availability zones across 25 countries.",
	"A spokesperson declined to comment on whether the company would expand into neighbouring markets.",
	"The deal, valued at €2.3bn, was signed on March 14 in Madrid between 2026 and 2029 milestones.",
	"“We are committed to the region for the long term,” the chief executive told reporters.",
	"Some two to three thousand engineers will be hired, according to people familiar with the plan.",
}

func BenchmarkSentence(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, s := range benchSentences {
			Numbers(s)
			Ordinals(s)
			FindMoney(s, MoneyOptions{})
			Period(s)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

func BenchmarkFindMoney(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, s := range benchSentences {
			FindMoney(s, MoneyOptions{})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

// TestReadIsTheFunctions holds Sentence's methods to the functions they
// stand for.
func TestReadIsTheFunctions(t *testing.T) {
	opts := []MoneyOptions{{}, {Yen: "CNY"}, {Yen: "JPY"}, {Country: "IN"}, {Country: "MX"}, {Country: "SE"}}
	shared := []string{
		"The plan costs ¥300 billion.",
		"The plan costs ¥300 billion and 20 billion pesos.",
		"It will spend 4 billion kronor (kr 4bn) and $2 billion.",
		"Revenue reached 12 billion dollars, or Rs 900 crore.",
		"Some ￥5,000 and 3 million rupees changed hands.",
	}
	for _, s := range append(shared, benchSentences...) {
		for _, o := range opts {
			// Asked first, before Numbers reads money without options.
			if got, want := fmt.Sprint(Read(s).Money(o)), fmt.Sprint(FindMoney(s, o)); got != want {
				t.Errorf("%q %+v: Money first %s, want %s", s, o, got, want)
			}
		}
		q := Read(s)
		if got, want := fmt.Sprint(q.Numbers()), fmt.Sprint(Numbers(s)); got != want {
			t.Errorf("%q: Numbers %s, want %s", s, got, want)
		}
		if got, want := fmt.Sprint(q.Ordinals()), fmt.Sprint(Ordinals(s)); got != want {
			t.Errorf("%q: Ordinals %s, want %s", s, got, want)
		}
		for _, o := range opts {
			if got, want := fmt.Sprint(q.Money(o)), fmt.Sprint(FindMoney(s, o)); got != want {
				t.Errorf("%q %+v: Money %s, want %s", s, o, got, want)
			}
		}
	}
}

// BenchmarkRead reads each sentence once for numbers, ordinals and money,
// as the extractor does.
func BenchmarkRead(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, s := range benchSentences {
			q := Read(s)
			q.Numbers()
			q.Ordinals()
			q.Money(MoneyOptions{})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}
