package store

import (
	"context"
	"database/sql"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

var views = []string{"claims", "expansions", "footprint", "counts", "money_facts", "summary", "open_failures", "run_log"}

func TestClaimsWhat(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	tests := []struct {
		rule, what string
		company    sql.NullString
	}{
		{"expansion.open", "data_center in MX/Querétaro #1", sql.NullString{String: "Alibaba Cloud", Valid: true}},
		{"expansion.plan", "data_center in AE/Dubai", sql.NullString{String: "Alibaba Cloud", Valid: true}},
		{"investment.invest", "380,000,000,000 CNY (USD 53,000,000,000), 3 years", sql.NullString{String: "Alibaba Cloud", Valid: true}},
		{"count.regions", "29 regions (global)", sql.NullString{String: "Alibaba Cloud", Valid: true}},
		{"count.azs", "87 availability zones (global)", sql.NullString{String: "Alibaba Cloud", Valid: true}},
		{"count.dcs", "more than 100 data centers (global)", sql.NullString{String: "Amazon Web Services", Valid: true}},
		{"expansion.close", "data_center in IE/Dublin", sql.NullString{String: "Microsoft", Valid: true}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			var what string
			var company sql.NullString
			err := db.sql.QueryRow(`SELECT c.what, c.company FROM claims c JOIN facts_reviewed f ON f.id = c.fact WHERE f.rule = ?`, tt.rule).Scan(&what, &company)
			if err != nil {
				t.Fatal(err)
			}
			if what != tt.what || company != tt.company {
				t.Errorf("what, company = %q, %v; want %q, %v", what, company, tt.what, tt.company)
			}
		})
	}
	// Money in USD shows no second USD figure; the label leads.
	rows, err := db.sql.Query(`SELECT what FROM claims WHERE type = 'money' ORDER BY fact`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var money []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			t.Fatal(err)
		}
		money = append(money, w)
	}
	want := []string{"market_spend: more than 723,400,000,000 USD", "market_spend: 595,700,000,000 USD"}
	if strings.Join(money, "|") != strings.Join(want, "|") {
		t.Errorf("money claims = %q, want %q", money, want)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM claims"); n != queryInt(t, db, "SELECT count(*) FROM facts") {
		t.Errorf("claims has %d rows, want one per fact", n)
	}
}

func TestGroupingViews(t *testing.T) {
	db, _ := openTest(t)
	seed(t, db)
	// A second article restating the Dubai plan is a second claim of the
	// same footprint row.
	for _, f := range fixture(t)[:1] {
		f.a.URL = "https://example.com/alibaba-dubai-again"
		if _, err := db.SaveArticle(context.Background(), &f.a, f.facts[1:2], "v1"); err != nil {
			t.Fatal(err)
		}
	}
	var claims, articles int
	var cities string
	err := db.sql.QueryRow(`SELECT claims, articles, cities FROM footprint
		WHERE company = 'Alibaba Cloud' AND country = 'AE' AND facility = 'data_center' AND status = 'planned'`).Scan(&claims, &articles, &cities)
	if err != nil {
		t.Fatal(err)
	}
	if claims != 2 || articles != 2 || cities != "Dubai" {
		t.Errorf("footprint AE = %d claims, %d articles, cities %q; want 2, 2, Dubai", claims, articles, cities)
	}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"SELECT count(*) FROM expansions", 4},
		{"SELECT count(*) FROM counts", 3},
		{"SELECT count(*) FROM money_facts", 3},
		{"SELECT claims FROM summary WHERE company = '(market)' AND type = 'money'", 2},
		{"SELECT claims FROM summary WHERE company = 'Alibaba Cloud' AND type = 'expansion'", 3},
		{"SELECT count(*) FROM money_facts WHERE amount_text = '380,000,000,000' AND usd_text = '53,000,000,000'", 1},
		// numbers compare as numbers (README query 4)
		{"SELECT count(*) FROM money_facts WHERE amount = 380e9 AND usd = 53e9 AND usd >= 1e9", 1},
		{"SELECT count(*) FROM money_facts WHERE typeof(usd) NOT IN ('integer', 'real', 'null')", 0},
	} {
		if n := queryInt(t, db, tt.query); n != tt.want {
			t.Errorf("%s = %d, want %d", tt.query, n, tt.want)
		}
	}
}

// The views are read in the sqlite3 shell, which may be older than the
// embedded sqlite: check they parse and run there, on a live WAL database.
func TestViewsInSQLiteShell(t *testing.T) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 shell not installed")
	}
	ctx := context.Background()
	db, path := openTest(t)
	seed(t, db)
	run, err := db.StartRun(ctx, "ingest", []string{"testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RecordFailure(ctx, run, "broken.html", "text", "no main text"); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(ctx, run, RunCounts{FilesSeen: 4, ArticlesNew: 3, Facts: 9, Failed: 1}); err != nil {
		t.Fatal(err)
	}
	wantIn := map[string][]string{
		"claims":        {"data_center in MX/Querétaro #1", "380,000,000,000 CNY (USD 53,000,000,000), 3 years", "29 regions (global)"},
		"expansions":    {"Querétaro", "IE"},
		"footprint":     {"Alibaba Cloud", "closed"},
		"counts":        {"more than", "100"},
		"money_facts":   {"723,400,000,000"},
		"summary":       {"(market)"},
		"open_failures": {"broken.html", "no main text"},
		"run_log":       {"partial", "testdata/articles"},
	}
	for _, v := range views {
		t.Run(v, func(t *testing.T) {
			out, err := exec.CommandContext(ctx, shell, "-bail", "-batch", "-cmd", ".mode box", path, "SELECT * FROM "+v+";").CombinedOutput()
			if err != nil {
				t.Fatalf("sqlite3: %v\n%s", err, out)
			}
			for _, want := range wantIn[v] {
				if !strings.Contains(string(out), want) {
					t.Errorf("%s lacks %q:\n%s", v, want, out)
				}
			}
		})
	}
	// The offset contract holds in the shell's sqlite too: its substr
	// gives the quotes the extractor cited.
	var want []string
	for _, fx := range fixture(t) {
		for _, f := range fx.facts {
			want = append(want, f.Quote)
		}
	}
	sort.Strings(want)
	out, err := exec.CommandContext(ctx, shell, "-batch", "-noheader", "-list", path,
		"SELECT substr(a.text, f.start_offset + 1, f.end_offset - f.start_offset) AS q FROM facts f JOIN article_text a ON a.id = f.article_id ORDER BY q;").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != strings.Join(want, "\n") {
		t.Errorf("shell substr check: %v, got\n%s\nwant\n%s", err, out, strings.Join(want, "\n"))
	}
}
