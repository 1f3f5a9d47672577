package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// claimsDB ingests testdata/articles into a fresh database.
func claimsDB(t *testing.T) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "ingest.db")
	mustIngest(t, "run", "--db", dbPath, "../../testdata/articles")
	return dbPath
}

// topClaim is the id of the expansion claim with the most citations.
func topClaim(t *testing.T, dbPath string) string {
	t.Helper()
	out := mustIngest(t, "claims", "--db", dbPath, "--type", "expansion", "--format", "json")
	var rows []struct {
		Claim     string `json:"claim"`
		Citations int    `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("claims --format json: %v\n%s", err, out)
	}
	best := rows[0]
	for _, r := range rows {
		if r.Citations > best.Citations {
			best = r
		}
	}
	return best.Claim
}

// A rejected claim stays rejected, under the same id, after reextract and
// after running the same folder again (its facts rewritten).
func TestRejectSticks(t *testing.T) {
	dbPath := claimsDB(t)
	claim := topClaim(t, dbPath)
	cites := queryDB(t, dbPath, `SELECT count(*) FROM facts WHERE printf('%012x', claim_id) = ?`, claim)
	exported := strings.Count(mustIngest(t, "export", "--db", dbPath), "\n")
	out := mustIngest(t, "reject", "--db", dbPath, claim, "--why", "the article speaks of a partner's site")
	if !strings.Contains(out, claim+" rejected") {
		t.Errorf("reject printed %q", out)
	}
	check := func(when string) {
		t.Helper()
		if n := queryDB(t, dbPath, `SELECT count(*) FROM facts WHERE printf('%012x', claim_id) = ?`, claim); n != cites {
			t.Errorf("%s: %d facts cite %s, want %d (same id)", when, n, claim, cites)
		}
		for _, q := range []string{
			`SELECT count(*) FROM claim_list WHERE claim = ?`,
			`SELECT count(*) FROM claims WHERE claim = ?`,
			`SELECT count(*) FROM expansions WHERE claim = ?`,
		} {
			if n := queryDB(t, dbPath, q, claim); n != 0 {
				t.Errorf("%s: %s = %d, want 0", when, q, n)
			}
		}
		if n := queryDB(t, dbPath, `SELECT count(*) FROM claim_list_all WHERE claim = ? AND review = 'rejected'`, claim); n != 1 {
			t.Errorf("%s: claim_list_all does not show %s rejected", when, claim)
		}
		if out := mustIngest(t, "claims", "--db", dbPath); strings.Contains(out, claim) {
			t.Errorf("%s: claims lists the rejected claim", when)
		}
		if out := mustIngest(t, "claims", "--db", dbPath, "--all"); !strings.Contains(out, claim) || !strings.Contains(out, "rejected") {
			t.Errorf("%s: claims --all lacks the rejected claim:\n%s", when, out)
		}
		if n := strings.Count(mustIngest(t, "export", "--db", dbPath), "\n"); n != exported-cites {
			t.Errorf("%s: export has %d facts, want %d", when, n, exported-cites)
		}
		all := mustIngest(t, "export", "--db", dbPath, "--all")
		if n := strings.Count(all, `"review":"rejected"`); n != cites || strings.Count(all, "\n") != exported {
			t.Errorf("%s: export --all marks %d of %d facts rejected, want %d of %d", when, n, strings.Count(all, "\n"), cites, exported)
		}
	}
	check("after reject")
	mustIngest(t, "reextract", "--db", dbPath)
	check("after reextract")
	// An older extractor version makes run extract and store every article again.
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE articles SET extractor_version = 'old'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out = mustIngest(t, "run", "--db", dbPath, "../../testdata/articles")
	if !strings.Contains(out, "5 updated") {
		t.Errorf("run did not rewrite the articles: %s", out)
	}
	check("after run")
	mustIngest(t, "confirm", "--db", dbPath, claim)
	if n := queryDB(t, dbPath, `SELECT count(*) FROM claim_list WHERE claim = ? AND review = 'confirmed'`, claim); n != 1 {
		t.Errorf("confirm did not undo the reject")
	}
}

func TestReviewCommands(t *testing.T) {
	dbPath := claimsDB(t)
	claim := topClaim(t, dbPath)
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"reject needs a reason", []string{"reject", claim}, exitUsage, "--why is required"},
		{"reject needs a claim", []string{"reject", "--why", "x"}, exitUsage, "want a claim id"},
		{"unknown claim", []string{"reject", "--why", "x", "ffffffffffff"}, exitFailed, "no such claim"},
		{"correct needs --set", []string{"correct", claim}, exitUsage, "--set"},
		{"correct: bad field", []string{"correct", claim, "--set", "colour=red"}, exitUsage, "unknown field"},
		{"correct: bad set", []string{"correct", claim, "--set", "closed"}, exitUsage, "field=value"},
		{"correct: bad status", []string{"correct", claim, "--set", "status=shut"}, exitUsage, "status must be one of"},
		{"why needs one claim", []string{"why"}, exitUsage, "want one claim id"},
		{"why: unknown claim", []string{"why", "ffffffffffff"}, exitFailed, "no such claim"},
		{"correct", []string{"correct", claim, "--set", "status=closed", "--set", "year=2031", "--why", "shut in 2031"}, exitOK, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := ingest(t, append(tt.args, "--db", dbPath)...)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.stderr)
			}
		})
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM claim_list WHERE claim = ? AND status = 'closed' AND year = 2031 AND review = 'corrected'`, claim); n != 1 {
		t.Errorf("claim_list does not show the correction")
	}
	if n := queryDB(t, dbPath, `SELECT count(*) FROM corrections`); n != 2 {
		t.Errorf("%d corrections recorded, want 2 (one per field)", n)
	}
	out := mustIngest(t, "why", "--db", dbPath, claim)
	for _, want := range []string{"claim " + claim, "corrected", "correct status=closed: shut in 2031", "expansion/", "(confidence 0.", "testdata/articles/"} {
		if !strings.Contains(out, want) {
			t.Errorf("why lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "(confidence "); n != queryDB(t, dbPath, `SELECT count(*) FROM facts WHERE printf('%012x', claim_id) = ?`, claim) {
		t.Errorf("why shows %d citations:\n%s", n, out)
	}
}

func TestClaimsFilters(t *testing.T) {
	dbPath := claimsDB(t)
	count := func(args ...string) int {
		out := mustIngest(t, append([]string{"claims", "--db", dbPath, "--format", "json"}, args...)...)
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return len(rows)
	}
	all := queryDB(t, dbPath, `SELECT count(DISTINCT claim_id) FROM facts`)
	for _, tt := range []struct {
		args []string
		want int
	}{
		{nil, all},
		{[]string{"--type", "expansion"}, queryDB(t, dbPath, `SELECT count(DISTINCT claim_id) FROM facts_reviewed WHERE type = 'expansion'`)},
		{[]string{"--provider", "ALIBABA CLOUD"}, queryDB(t, dbPath, `SELECT count(DISTINCT claim_id) FROM facts_reviewed WHERE company = 'Alibaba Cloud'`)},
		{[]string{"--country", "mx"}, queryDB(t, dbPath, `SELECT count(DISTINCT claim_id) FROM facts WHERE coalesce(country, scope) = 'MX'`)},
		{[]string{"--min-confidence", "0.9"}, queryDB(t, dbPath, `SELECT count(*) FROM (SELECT claim_id FROM facts GROUP BY claim_id HAVING max(confidence) >= 900)`)}, // thousandths,
		{[]string{"--limit", "3"}, 3},
		{[]string{"--limit", "0"}, all},
	} {
		if got := count(tt.args...); got != tt.want || got == 0 {
			t.Errorf("claims %v: %d rows, want %d", tt.args, got, tt.want)
		}
	}
	csv := mustIngest(t, "claims", "--db", dbPath, "--format", "csv")
	if !strings.HasPrefix(csv, "claim,company,type,what,") || strings.Contains(csv, "e+") {
		t.Errorf("claims --format csv:\n%s", csv)
	}
	for _, args := range [][]string{{"--format", "xml"}, {"--type", "rumour"}, {"--since", "March"}, {"--limit", "-5"}} {
		if code, _, _ := ingest(t, append([]string{"claims", "--db", dbPath}, args...)...); code != exitUsage {
			t.Errorf("claims %v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// Not a terminal: the table fits 100 columns, long cells cut with "…".
	table := mustIngest(t, "claims", "--db", dbPath)
	for _, line := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("line of %d characters: %s", n, line)
		}
	}
	if !strings.Contains(table, "…") {
		t.Errorf("no cell cut:\n%s", table)
	}
	// The table shows the first page, in the listing's order, and says so.
	code, out, errOut := ingest(t, "claims", "--db", dbPath, "--limit", "2")
	if lines := strings.Count(out, "\n"); code != exitOK || lines != 3 || !strings.Contains(errOut, "the first 2 claims") {
		t.Errorf("claims --limit 2: exit %d, %d lines, stderr %q:\n%s", code, lines, errOut, out)
	}
}

func TestWriteTable(t *testing.T) {
	header := []string{"ID", "WHAT", "QUOTE"}
	rows := [][]string{{"a1", "region in CL, planned", strings.Repeat("Oracle will open a region. ", 10)}}
	for _, tt := range []struct {
		width     int
		wantQuote bool
		wantCut   string
	}{
		{300, true, ""},
		{80, true, "…"},
		{40, true, "…"},
		{35, false, ""},
		{20, false, "…"},
	} {
		var b strings.Builder
		writeTable(&b, tt.width, header, rows, []shrinkCol{{2, 12}, {1, 8}})
		out := b.String()
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if n := utf8.RuneCountInString(line); n > tt.width && tt.width >= 30 {
				t.Errorf("width %d: line of %d: %q", tt.width, n, line)
			}
		}
		if strings.Contains(out, "QUOTE") != tt.wantQuote {
			t.Errorf("width %d: quote column shown = %v, want %v:\n%s", tt.width, !tt.wantQuote, tt.wantQuote, out)
		}
		if !strings.Contains(out, tt.wantCut) {
			t.Errorf("width %d: no %q:\n%s", tt.width, tt.wantCut, out)
		}
	}
}
