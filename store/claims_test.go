package store

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

func TestClaimKeyAndID(t *testing.T) {
	oracleCL := extract.Fact{Type: "expansion", Company: "Oracle", Country: "CL", Facility: "region", Status: "planned", City: "Santiago", Year: 2026}
	for _, tt := range []struct {
		name    string
		a, b    extract.Fact
		key     string
		sameIDs bool
	}{
		{"expansion key ignores city, year and quote", oracleCL,
			extract.Fact{Type: "expansion", Company: "Oracle", Country: "CL", Facility: "region", Status: "planned", Quote: "other"},
			"expansion|oracle|cl|region|planned", true},
		{"another status is another claim", oracleCL,
			extract.Fact{Type: "expansion", Company: "Oracle", Country: "CL", Facility: "region", Status: "launched"},
			"expansion|oracle|cl|region|planned", false},
		{"case and spaces do not matter",
			extract.Fact{Type: "region_count", Company: "Alibaba  Cloud", Value: 29, Scope: "global"},
			extract.Fact{Type: "region_count", Company: "alibaba cloud", Value: 29, Scope: "Global"},
			"region_count|alibaba cloud|29|global", true},
		{"another count type is another claim",
			extract.Fact{Type: "region_count", Company: "AWS", Value: 33, Scope: "global"},
			extract.Fact{Type: "az_count", Company: "AWS", Value: 33, Scope: "global"},
			"region_count|aws|33|global", false},
		{"money: amount and currency, not usd",
			extract.Fact{Type: "investment", Company: "Microsoft", Amount: 3.2e9, Currency: "USD", USD: 3.2e9},
			extract.Fact{Type: "investment", Company: "Microsoft", Amount: 3.2e9, Currency: "USD", Period: "3 years"},
			"investment|microsoft|3200000000|usd", true},
		{"market money has no company",
			extract.Fact{Type: "money", Amount: 723.4e9, Currency: "USD", Label: "market_spend"},
			extract.Fact{Type: "money", Amount: 723.4e9, Currency: "EUR"},
			"money||723400000000|usd", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClaimKey(tt.a); got != tt.key {
				t.Errorf("ClaimKey = %q, want %q", got, tt.key)
			}
			ida, idb := ClaimID(tt.a), ClaimID(tt.b)
			if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(ida) {
				t.Errorf("ClaimID = %q, want 12 hex digits", ida)
			}
			if (ida == idb) != tt.sameIDs {
				t.Errorf("ClaimID %s vs %s: same = %v, want %v", ida, idb, ida == idb, tt.sameIDs)
			}
		})
	}
	// The README's example: sha256("expansion|oracle|cl|region|planned")[:12].
	if got := ClaimID(oracleCL); got != "f5e2dfafe7e2" {
		t.Errorf("ClaimID(%s) = %s", ClaimKey(oracleCL), got)
	}
}

// twoSites stores one claim cited by three articles: one on site A, its
// syndicated copy on site B, and an independent one on site C.
func twoSites(t *testing.T, db *DB) (claim string, ids []int64) {
	t.Helper()
	ctx := context.Background()
	text := "Oracle will open its first cloud region in Chile next year."
	f := cite(t, text, text, extract.Fact{Type: "expansion", Company: "Oracle", Country: "CL", Facility: "region", Status: "planned", Year: 2026})
	for i, site := range []string{"A", "B", "C"} {
		a := &article.Article{Source: "/in/" + site + ".txt", Site: site, Title: "Oracle in Chile " + site,
			Published: time.Date(2025, 3, 1+i, 0, 0, 0, 0, time.UTC), Text: text}
		res, err := db.SaveArticle(ctx, a, []extract.Fact{f}, "v1")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ArticleID)
	}
	if _, err := db.sql.Exec(`INSERT INTO article_fingerprints (article_id, simhash, duplicate_of) VALUES (?, 1, NULL), (?, 1, ?), (?, 2, NULL)`,
		ids[0], ids[1], ids[0], ids[2]); err != nil {
		t.Fatal(err)
	}
	return ClaimID(f), ids
}

func TestClaimListAndCitations(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	claim, _ := twoSites(t, db)
	cs, err := db.Claims(ctx, ClaimFilter{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("Claims = %v, %v; want one", cs, err)
	}
	c := cs[0]
	if c.ID != claim || c.Citations != 3 || c.Sources != 2 || c.FirstSeen != "2025-03-01" || c.LastSeen != "2025-03-03" ||
		c.What != "region in CL, planned 2026" || c.Status != "planned" || c.Confidence != 0.9 {
		t.Errorf("claim = %+v; want %s, 3 citations, 2 sources (a copy counts as its original), 2025-03-01..03", c, claim)
	}
	cites, err := db.Citations(ctx, claim)
	if err != nil || len(cites) != 3 {
		t.Fatalf("Citations = %v, %v", cites, err)
	}
	if cites[1].CopyOf != "/in/A.txt" || cites[0].CopyOf != "" || cites[0].Site != "A" {
		t.Errorf("citations = %+v; want B a copy of A", cites)
	}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"SELECT count(*) FROM claim_list WHERE typeof(citations) = 'integer' AND typeof(sources) = 'integer' AND typeof(confidence) = 'real'", 1},
		{"SELECT count(*) FROM citations WHERE typeof(start) = 'integer' AND typeof(confidence) = 'real'", 3},
		{"SELECT count(*) FROM facts WHERE claim_id IS NULL", 0},
	} {
		if n := queryInt(t, db, tt.query); n != tt.want {
			t.Errorf("%s = %d, want %d", tt.query, n, tt.want)
		}
	}
}

func TestCorrectionsInViewsAndExport(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name       string
		action     string
		fields     [][2]string
		review     string
		status     string
		inDefault  int // rows in claims, expansions, claim_list
		exportRows int
	}{
		{"reject", ActionReject, nil, "rejected", "planned", 0, 0},
		{"confirm", ActionConfirm, nil, "confirmed", "planned", 1, 3},
		{"correct status", ActionCorrect, [][2]string{{"status", "closed"}, {"year", "2027"}}, "corrected", "closed", 1, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := openTest(t)
			claim, _ := twoSites(t, db)
			if err := db.Review(ctx, claim, tt.action, "checked", tt.fields); err != nil {
				t.Fatal(err)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM claim_list WHERE claim = ? AND review = ? AND status = ?", claim, tt.review, tt.status); n != tt.inDefault {
				t.Errorf("claim_list rows = %d, want %d", n, tt.inDefault)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM claim_list_all WHERE claim = ? AND review = ?", claim, tt.review); n != 1 {
				t.Errorf("claim_list_all rows = %d, want 1", n)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM expansions WHERE claim = ? AND status = ?", claim, tt.status); n != 3*tt.inDefault {
				t.Errorf("expansions rows = %d, want %d", n, 3*tt.inDefault)
			}
			if n := queryInt(t, db, "SELECT count(*) FROM claims WHERE claim = ? AND review = ?", claim, tt.review); n != 3*tt.inDefault {
				t.Errorf("claims rows = %d, want %d", n, 3*tt.inDefault)
			}
			var out bytes.Buffer
			if err := db.Export(ctx, &out, FormatJSONL); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(out.String(), "\n"); n != tt.exportRows {
				t.Errorf("export has %d rows, want %d", n, tt.exportRows)
			}
			if tt.status == "closed" && !strings.Contains(out.String(), `"status":"closed","ordinal":null,"year":2027`) {
				t.Errorf("export lacks the correction:\n%s", out.String())
			}
			out.Reset()
			if err := db.ExportFiltered(ctx, &out, FormatJSONL, ExportFilter{All: true}); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(out.String(), `"review":"`+tt.review+`"`); n != 3 {
				t.Errorf("export --all marks %d rows %s, want 3:\n%s", n, tt.review, out.String())
			}
		})
	}
}

func TestReviewErrors(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	claim, _ := twoSites(t, db)
	for _, tt := range []struct {
		name   string
		claim  string
		action string
		fields [][2]string
		want   string
	}{
		{"unknown claim", "000000000000", ActionReject, nil, "no such claim"},
		{"unknown field", claim, ActionCorrect, [][2]string{{"colour", "red"}}, "unknown field"},
		{"bad status", claim, ActionCorrect, [][2]string{{"status", "open"}}, "status must be one of"},
		{"bad country", claim, ActionCorrect, [][2]string{{"country", "Chile"}}, "two-letter"},
		{"bad year", claim, ActionCorrect, [][2]string{{"year", "next"}}, "whole number"},
		{"correct without fields", claim, ActionCorrect, nil, "needs a field"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Review(ctx, tt.claim, tt.action, "", tt.fields)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Review = %v, want an error with %q", err, tt.want)
			}
		})
	}
	if n := queryInt(t, db, "SELECT count(*) FROM corrections"); n != 0 {
		t.Errorf("%d corrections recorded by failed reviews", n)
	}
	if v, err := CheckCorrection("country", "ie"); v != "IE" || err != nil {
		t.Errorf("CheckCorrection(country, ie) = %q, %v", v, err)
	}
}

// A database of schema 8 gets claim ids for its stored facts.
func TestMigration9BackfillsClaimIDs(t *testing.T) {
	cur, curPath := openTest(t)
	seed(t, cur)
	want := queryInt(t, cur, "SELECT count(DISTINCT claim_id) FROM facts")
	raw, path := storeAt(t, 8)
	copyAt(t, raw, 8, curPath)
	raw.Close()
	db2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n := queryInt(t, db2, "SELECT count(DISTINCT claim_id) FROM facts WHERE claim_id IS NOT NULL"); n != want || n == 0 {
		t.Errorf("%d claim ids after migration, want %d", n, want)
	}
	// and the ids are those SaveArticle computes
	rows, err := db2.sql.Query(`SELECT claim_id, type, coalesce(company, ''), coalesce(country, ''), coalesce(facility, ''), coalesce(status, '') FROM facts_reviewed WHERE type = 'expansion'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var id string
		var f extract.Fact
		if err := rows.Scan(&id, &f.Type, &f.Company, &f.Country, &f.Facility, &f.Status); err != nil {
			t.Fatal(err)
		}
		if id != ClaimID(f) {
			t.Errorf("backfilled %s, ClaimID %s for %+v", id, ClaimID(f), f)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no expansion facts to check")
	}
}

// The claim views run in the sqlite3 shell (3.40 in CI), and a rejected
// and a corrected claim read as the README says.
func TestClaimViewsInSQLiteShell(t *testing.T) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 shell not installed")
	}
	ctx := context.Background()
	db, path := openTest(t)
	claim, _ := twoSites(t, db)
	seed(t, db)
	if err := db.Review(ctx, claim, ActionCorrect, "closed in May", [][2]string{{"status", "closed"}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, want string }{
		{"select claim, what, first_seen, last_seen, citations, sources, confidence, review from claim_list order by sources desc;", "region in CL, closed 2026"},
		{"select * from claim_list_all;", "corrected"},
		{"select title, site, published, rule, confidence, quote, url from citations where claim = '" + claim + "';", "Oracle in Chile B"},
		{"select claim_id, action, field, value, reason from corrections;", "closed in May"},
		{"select company, amount_text, usd_text from money_facts where type = 'investment' and usd >= 1e9 order by usd desc;", "53,000,000,000"},
	} {
		out, err := exec.CommandContext(ctx, shell, "-bail", "-batch", "-cmd", ".mode box --wrap 60", path, tt.query).CombinedOutput()
		if err != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: %v, want %q in:\n%s", tt.query, err, tt.want, out)
		}
	}
}

// claim_stats follows every kind of write, at once through claim_dirty
// and, after RefreshClaims, in claim_stats itself: each step reads the
// claim before and after the refresh, and against a recomputation of
// every claim.
func TestClaimStatsFollowWrites(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	claim, ids := twoSites(t, db)
	seed(t, db)
	type want struct {
		citations, sources int
		lastSeen, status   string
		review             string
		present            bool
	}
	check := func(step string, w want) {
		t.Helper()
		for _, phase := range []string{"dirty", "refreshed", "recomputed"} {
			switch phase {
			case "refreshed":
				if err := db.RefreshClaims(ctx); err != nil {
					t.Fatal(err)
				}
				if n := queryInt(t, db, "SELECT count(*) FROM claim_dirty"); n != 0 {
					t.Fatalf("%s: %d claims dirty after RefreshClaims", step, n)
				}
			case "recomputed":
				if _, err := db.sql.Exec(`INSERT INTO claim_dirty SELECT claim_id FROM claim_stats WHERE true ON CONFLICT DO NOTHING`); err != nil {
					t.Fatal(err)
				}
			}
			c, err := db.ClaimByID(ctx, claim)
			if !w.present {
				if !errors.Is(err, ErrNoClaim) {
					t.Errorf("%s (%s): ClaimByID = %+v, %v; want no claim", step, phase, c, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s (%s): %v", step, phase, err)
			}
			if c.Citations != w.citations || c.Sources != w.sources || c.LastSeen != w.lastSeen || c.Status != w.status || c.Review != w.review {
				t.Errorf("%s (%s): claim = %+v; want %+v", step, phase, c, w)
			}
			all, err := db.Claims(ctx, ClaimFilter{All: true})
			if err != nil {
				t.Fatal(err)
			}
			if n := queryInt(t, db, "SELECT count(DISTINCT claim_id) FROM facts"); len(all) != n {
				t.Errorf("%s (%s): %d claims listed, facts cite %d", step, phase, len(all), n)
			}
		}
		if err := db.RefreshClaims(ctx); err != nil {
			t.Fatal(err)
		}
	}
	check("saved", want{3, 2, "2025-03-03", "planned", "", true})
	if _, err := db.sql.Exec(`UPDATE article_fingerprints SET duplicate_of = NULL WHERE article_id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	check("copy unlinked", want{3, 3, "2025-03-03", "planned", "", true})
	if _, err := db.sql.Exec(`UPDATE articles SET site = 'A' WHERE id = ?`, ids[2]); err != nil {
		t.Fatal(err)
	}
	check("site changed", want{3, 2, "2025-03-03", "planned", "", true})
	if _, err := db.sql.Exec(`UPDATE articles SET published = '2025-04-01T00:00:00Z' WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	check("date changed", want{3, 2, "2025-04-01", "planned", "", true})
	if err := db.Review(ctx, claim, ActionCorrect, "closed", [][2]string{{"status", "closed"}}); err != nil {
		t.Fatal(err)
	}
	check("corrected", want{3, 2, "2025-04-01", "closed", "corrected", true})
	if err := db.Review(ctx, claim, ActionReject, "wrong", nil); err != nil {
		t.Fatal(err)
	}
	check("rejected", want{3, 2, "2025-04-01", "closed", "rejected", true})
	if _, err := db.sql.Exec(`DELETE FROM articles WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	check("article deleted", want{2, 2, "2025-03-03", "closed", "rejected", true})
	if err := db.ReplaceFacts(ctx, ids[1], nil, "v2"); err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceFacts(ctx, ids[2], nil, "v2"); err != nil {
		t.Fatal(err)
	}
	check("facts replaced", want{present: false})
}
