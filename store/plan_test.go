package store

import (
	"context"
	"os"
	"os/exec"
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
// review queries read facts and articles only through the index meant for
// them, on a small store after ANALYZE: a plan that scans facts or
// articles whole where an index should serve fails. The claims filters
// read claim_stats (one row per claim; a scan of it is what a filter
// costs). BenchmarkReview times the same reads over 100,000 articles.
func TestReviewQueryPlans(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plans.db")
	buildReviewDB(t, path, 2000)
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	filters := map[string]ClaimFilter{
		"provider":       {Providers: []string{"oracle"}},
		"provider+type":  {Providers: []string{"oracle"}, Types: []string{"expansion"}},
		"type":           {Types: []string{"investment"}},
		"country":        {Countries: []string{"ie"}},
		"since":          {Since: "2025-06-01"},
		"min-confidence": {MinConfidence: 0.95},
		"first page":     {Limit: 100},
	}
	tests := []struct {
		name  string
		query string
		args  []any
		uses  []string // each must appear in the plan
	}{
		{"provider", "", nil, []string{claimStatsByCompany}},
		{"provider+type", "", nil, []string{claimStatsByCompany}},
		{"type", "", nil, []string{claimStatsByCompany}},
		{"country", "", nil, []string{claimStatsByCompany}},
		{"since", "", nil, []string{claimStatsByCompany}},
		{"min-confidence", "", nil, []string{claimStatsByCompany}},
		// claim_list's order is the index's: no sort before the LIMIT.
		// Merged in order, companies by name and each one's claims by
		// claim_stats' key: the first page is read without sorting
		// every claim.
		{"first page", "", nil, []string{"MERGE (UNION ALL)\nLEFT\nSCAN co USING COVERING INDEX sqlite_autoindex_companies_1\n" + claimStatsByCompany + "\n"}},
		{"claim by id", `SELECT * FROM claim_list_all WHERE claim_num = ?`, []any{0x0123456789ab}, []string{"SEARCH s USING INDEX claim_stats_claim (claim_id=?)"}},
		// The claims written since the last refresh: each read through
		// facts_claim (RefreshClaims stores the same rows).
		{"dirty claims", `SELECT * FROM claim_dirty_stats`, nil, []string{"SCAN d", "INDEX facts_claim (claim_id=?)"}},
		{"why", `SELECT * FROM citations WHERE claim_num = ?`, []any{0x0123456789ab}, []string{"INDEX facts_claim (claim_id=?)"}},
		{"corrections of a claim", `SELECT * FROM corrections WHERE claim_id = ? ORDER BY id`, []any{"0123456789ab"}, []string{"INDEX corrections_claim"}},
		{"count_timeline of a provider", `SELECT * FROM count_timeline WHERE provider = ?`, []any{"Oracle"}, []string{"INDEX facts_company_type (company=? AND type=?)"}},
		{"facility_status of a provider", `SELECT * FROM facility_status WHERE provider = ?`, []any{"Oracle"}, []string{"INDEX facts_company_type (company=? AND type=?)"}},
		// Investments are paired through facts_investment, not each with
		// every other (migration 0012).
		{"conflicts", `SELECT * FROM conflicts`, nil, []string{"INDEX facts_investment"}},
	}
	for i, q := range readmeReviewQueries {
		tests = append(tests, struct {
			name  string
			query string
			args  []any
			uses  []string
		}{q.name, q.sql, nil, readmeUses[i]})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, args := tc.query, tc.args
			if f, ok := filters[tc.name]; ok {
				q, args = claimsQuery(f)
			}
			plan := queryPlan(t, db, q, args...)
			if os.Getenv("SHOW_PLANS") != "" {
				t.Logf("%s\n%s", q, strings.Join(plan, "\n"))
			}
			text := strings.Join(plan, "\n") + "\n"
			for _, use := range tc.uses {
				if !strings.Contains(text, use) {
					t.Errorf("plan does not use %s:\n%s", use, text)
				}
			}
			// facts and articles (and their aliases in these queries) are
			// read through an index; a CTE may be scanned. The one
			// exception is every_fact in claim_dirty_stats, read only
			// when most claims wait (claim_refresh_plan; TestClaimBulkStats
			// checks it is not when one does).
			for _, line := range plan {
				// An index of facts read whole is a scan of facts (the
				// claims waiting, merged in order through facts_claim).
				if strings.HasPrefix(line, "SCAN ") && strings.Contains(line, "INDEX facts_") {
					t.Errorf("plan scans a facts index whole: %q\n%s", line, text)
				}
				for _, name := range []string{"facts", "articles", "f", "a", "o", "e", "ea", "g1", "g2", "a1", "a2", "q"} {
					if (line == "SCAN "+name || strings.HasPrefix(line, "SCAN "+name+" ")) && !strings.Contains(line, "INDEX") {
						t.Errorf("plan scans %s whole: %q\n%s", name, line, text)
					}
				}
			}
		})
	}

	// buildReviewDB closed the store: every claim written is in
	// claim_stats, none waits in claim_dirty.
	if n := queryInt(t, db, "SELECT count(*) FROM claim_dirty"); n != 0 {
		t.Errorf("%d claims left in claim_dirty after Close", n)
	}
	if n, want := queryInt(t, db, "SELECT count(*) FROM claim_stats"), queryInt(t, db, "SELECT count(DISTINCT claim_id) FROM facts"); n != want {
		t.Errorf("claim_stats has %d claims, facts cite %d", n, want)
	}
	// The filters give what filtering every claim in Go gives.
	all, err := db.Claims(ctx, ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range filters {
		got, err := db.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var want []Claim
		for _, c := range all {
			if f.Limit > 0 && len(want) == f.Limit {
				break
			}
			if claimPasses(c, f) {
				want = append(want, c)
			}
		}
		if len(got) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Claims gives %d claims, filtering in Go %d", name, len(got), len(want))
		}
	}
}

// claimPasses is ClaimFilter in Go.
func claimPasses(c Claim, f ClaimFilter) bool {
	in := func(v string, list []string) bool {
		if len(list) == 0 {
			return true
		}
		for _, l := range list {
			if strings.EqualFold(v, l) {
				return true
			}
		}
		return false
	}
	place := c.Country
	if place == "" {
		place = c.Scope
	}
	return in(c.Company, f.Providers) && in(c.Type, f.Types) && in(place, f.Countries) &&
		(f.Since == "" || c.LastSeen >= f.Since) && c.Confidence >= f.MinConfidence
}

// The review queries the benchmark times are the README's, word for word
// (but for spacing), and run in the sqlite3 shell (3.40 in CI) on a store
// of the fixture articles, numbers printed as numbers.
func TestReadmeReviewQueries(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text := squash(string(readme))
	for _, q := range readmeReviewQueries {
		if !strings.Contains(text, squash(q.sql)+";") {
			t.Errorf("%s is not in the README:\n%s", q.name, q.sql)
		}
	}
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 shell not installed")
	}
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	db.Close()
	want := map[string]string{
		"readme1_newest":   "data_center in MX/Querétaro #1",
		"readme2_building": "Alibaba Cloud",
		"readme4_money":    "53000000000",
		"readme5_offsets":  "Alibaba Cloud will open its first data centre in Querétaro",
		"readme6_provider": "87 availability zones (global)",
	}
	for _, q := range readmeReviewQueries {
		out, err := exec.CommandContext(ctx, shell, "-bail", "-batch", "-cmd", ".mode box --wrap 60", path, q.sql+";").CombinedOutput()
		if err != nil || !strings.Contains(string(out), want[q.name]) {
			t.Errorf("%s: %v, want %q in:\n%s", q.name, err, want[q.name], out)
		}
	}
}
