package score

import "testing"

func s(v string) *string   { return &v }
func n(v float64) *float64 { return &v }

func TestScoreSetSemantics(t *testing.T) {
	gold := map[string][]Fact{"a.txt": {
		{Type: "expansion", Company: s("Amazon Web Services"), Country: s("MX"), Status: s("planned")},
		{Type: "region_count", Company: s("Alibaba Cloud"), Value: n(29)},
		{Type: "investment", Company: s("Alibaba Cloud"), Currency: s("CNY"), Amount: n(380e9)},
	}}
	preds := map[string][]Fact{"a.txt": {
		// AWS = Amazon Web Services; a fact restated twice counts once.
		{Type: "expansion", Company: s("AWS"), Country: s("mx"), Status: s("planned")},
		{Type: "expansion", Company: s("AWS"), Country: s("MX"), Status: s("planned")},
		{Type: "region_count", Company: s("Aliyun"), Value: n(28)},
		{Type: "investment", Company: s("Alibaba"), Currency: s("CNY"), Amount: n(380.4e9)},
	}}
	r := Score(gold, preds)
	if r.Micro != (Counts{Gold: 3, Pred: 3, TP: 2}) {
		t.Fatalf("micro = %+v, want gold 3 pred 3 tp 2", r.Micro)
	}
	if len(r.Misses) != 1 || len(r.Extras) != 1 {
		t.Errorf("misses %v extras %v", r.Misses, r.Extras)
	}
	_, _, f := r.Micro.F1()
	if f < 0.666 || f > 0.667 {
		t.Errorf("F1 = %v", f)
	}
}

func TestParseJSONLGroupsByURLBaseName(t *testing.T) {
	p, err := ParseJSONL([]byte(`{"type":"az_count","company":"X","value":3,"url":"testdata/articles/a.txt","article":"7"}
{"type":"az_count","company":"X","value":4,"url":null,"article":"b.txt"}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p["a.txt"]) != 1 || len(p["b.txt"]) != 1 {
		t.Errorf("grouping: %v", p)
	}
}
