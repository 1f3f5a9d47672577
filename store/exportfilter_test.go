package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"
)

// Export filters select facts in SQL; the conditions given must all hold.
func TestExportFiltered(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	all := []string{"expansion.open", "expansion.plan", "investment.invest", "count.regions", "count.azs",
		"money.spend", "money.spend", "count.dcs", "expansion.close"}
	tests := []struct {
		name   string
		filter ExportFilter
		want   []string // rules, in export order
	}{
		{"none", ExportFilter{}, all},
		{"provider, any case", ExportFilter{Providers: []string{"alibaba cloud"}},
			[]string{"expansion.open", "expansion.plan", "investment.invest", "count.regions", "count.azs"}},
		{"two providers", ExportFilter{Providers: []string{"Microsoft", "Amazon Web Services"}},
			[]string{"count.dcs", "expansion.close"}},
		{"type", ExportFilter{Types: []string{"expansion"}},
			[]string{"expansion.open", "expansion.plan", "expansion.close"}},
		{"two types", ExportFilter{Types: []string{"money", "az_count"}},
			[]string{"count.azs", "money.spend", "money.spend"}},
		{"countries, lower case", ExportFilter{Countries: []string{"mx", "ie"}},
			[]string{"expansion.open", "expansion.close"}},
		{"since leaves out undated articles", ExportFilter{Since: "2025-01-01"},
			[]string{"expansion.open", "expansion.plan", "investment.invest", "count.regions", "count.azs"}},
		{"since is inclusive", ExportFilter{Since: "2025-03-04"},
			[]string{"expansion.open", "expansion.plan", "investment.invest", "count.regions", "count.azs"}},
		{"min confidence", ExportFilter{MinConfidence: 0.95}, []string{"expansion.close"}},
		{"all at once", ExportFilter{Providers: []string{"Alibaba Cloud"}, Types: []string{"expansion"},
			Countries: []string{"MX", "AE"}, Since: "2025-01-01", MinConfidence: 0.8}, []string{"expansion.open"}},
		{"nothing", ExportFilter{Countries: []string{"FR"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := db.ExportFiltered(context.Background(), &buf, FormatJSONL, tt.filter); err != nil {
				t.Fatal(err)
			}
			var got []string
			sc := bufio.NewScanner(&buf)
			for sc.Scan() {
				var f struct{ Rule string }
				if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
					t.Fatalf("%v: %s", err, sc.Text())
				}
				got = append(got, f.Rule)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules %v, want %v", got, tt.want)
			}
		})
	}
}
