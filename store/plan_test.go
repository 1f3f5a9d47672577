package store

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// queryPlan returns the lines of EXPLAIN QUERY PLAN for q.
func queryPlan(t *testing.T, db *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.sql.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestReviewQueryPlans checks that the claims filters and the README's
// review queries read facts and articles through the index meant for them
// (migration 0011 and before), on a small store after ANALYZE: a plan that
// scans facts or articles whole where an index should serve fails.
// BenchmarkReview times the same reads over 100,000 articles.
func TestReviewQueryPlans(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plans.db")
	buildReviewDB(t, path, 2000)
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	tests := []struct {
		name  string
		query string
		args  []any
		index []string // each must appear in the plan as USING ... INDEX name
	}{
		{"provider", "", nil, []string{"facts_company_nocase"}},
		{"type", "", nil, []string{"facts_type"}},
		{"country", "", nil, []string{"facts_country", "facts_scope"}},
		{"since", "", nil, []string{"articles_published", "facts_article"}},
		{"min-confidence", "", nil, []string{"facts_confidence"}},
		{"claims of candidates", `SELECT * FROM claim_list WHERE claim IN ('0123456789ab', 'ba9876543210')`, nil, []string{"facts_claim"}},
		{"why", `SELECT * FROM citations WHERE claim = ?`, []any{"0123456789ab"}, []string{"facts_claim"}},
		{"claim by id", `SELECT * FROM claim_list_all WHERE claim = ?`, []any{"0123456789ab"}, []string{"facts_claim"}},
		{"corrections of a claim", `SELECT * FROM corrections WHERE claim_id = ? ORDER BY id`, []any{"0123456789ab"}, []string{"corrections_claim"}},
		{"count_timeline of a provider", `SELECT * FROM count_timeline WHERE provider = ?`, []any{"Oracle"}, []string{"facts_company_type"}},
		// Investments are paired through facts_investment, not each with
		// every other (migration 0012).
		{"conflicts", `SELECT * FROM conflicts`, nil, []string{"facts_investment"}},
		{"readme 1", readmeReviewQueries[0].sql, nil, []string{"articles_day", "facts_article"}},
		{"readme 3", readmeReviewQueries[2].sql, nil, []string{"facts_type"}},
		{"readme 4", readmeReviewQueries[3].sql, nil, []string{"facts_type"}},
	}
	filters := map[string]ClaimFilter{
		"provider":       {Providers: []string{"oracle"}},
		"type":           {Types: []string{"investment"}},
		"country":        {Countries: []string{"ie"}},
		"since":          {Since: "2025-06-01"},
		"min-confidence": {MinConfidence: 0.95},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, args := tc.query, tc.args
			if f, ok := filters[tc.name]; ok {
				q, args = candidateSQL(f)
			}
			plan := queryPlan(t, db, q, args...)
			text := strings.Join(plan, "\n")
			for _, ix := range tc.index {
				if !strings.Contains(text+"\n", "INDEX "+ix+" ") && !strings.Contains(text+"\n", "INDEX "+ix+"\n") {
					t.Errorf("plan does not use %s:\n%s", ix, text)
				}
			}
			// facts and articles (and their aliases in these queries) are
			// read through an index; a CTE may be scanned.
			for _, line := range plan {
				for _, name := range []string{"facts", "articles", "f", "a", "o", "e", "ea", "g1", "g2", "a1", "a2"} {
					if (line == "SCAN "+name || strings.HasPrefix(line, "SCAN "+name+" ")) && !strings.Contains(line, "INDEX") {
						t.Errorf("plan scans %s whole: %q\n%s", name, line, text)
					}
				}
			}
		})
	}

	// The pushed-down filters give what the view's WHERE gives.
	for name, f := range filters {
		got, err := db.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.claimsFromView(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Claims gives %d claims, the view %d", name, len(got), len(want))
		}
	}
}

// claimsFromView is Claims without the push-down: the view's WHERE only.
func (db *DB) claimsFromView(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	view, conds, args := claimConds(f)
	q := `SELECT ` + claimColumns + ` FROM ` + view
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	return db.queryClaims(ctx, q, args...)
}
