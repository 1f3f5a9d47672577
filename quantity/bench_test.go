package quantity

import "testing"

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
