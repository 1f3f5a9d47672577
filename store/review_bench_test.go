package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudfacts/ingest/extract"
)

// A large store for the review benchmarks (issue 10: with 100,000 articles
// the claims filters and the README's review queries answer in under
// 100 ms). buildReviewDB writes it with bulk SQL in one transaction:
// articles with about four facts each, of varied providers, countries,
// types, dates and confidences, with claim ids from ClaimID, some
// syndicated copies and some corrections. Nothing of it is committed.
//
//	go test ./store -run XXX -bench Review -benchtime 20x

var (
	benchProviders = []string{"Amazon Web Services", "Microsoft Azure", "Google Cloud", "Oracle", "Alibaba Cloud",
		"IBM Cloud", "Tencent Cloud", "Huawei Cloud", "OVHcloud", "DigitalOcean", "Equinix", "Digital Realty",
		"CoreWeave", "Akamai", "Hetzner", "Scaleway", "Vultr", "Cloudflare", "NTT", "Yotta"}
	benchCountries = []string{"US", "IE", "DE", "FR", "GB", "NL", "SE", "ES", "IT", "PL", "IN", "JP", "KR", "SG",
		"MY", "ID", "TH", "AU", "NZ", "BR", "MX", "CL", "CO", "ZA", "AE", "SA", "QA", "IL", "TR", "KE",
		"NG", "EG", "CA", "CH", "AT", "NO", "FI", "DK", "PT", "GR"}
	benchFacilities = []string{"region", "data_center", "availability_zone", "edge_location", "local_zone"}
	benchCurrencies = []string{"USD", "USD", "USD", "EUR", "CNY", "INR", "GBP"}
	benchUSDRate    = map[string]float64{"USD": 1, "EUR": 1.08, "CNY": 0.138, "INR": 0.012, "GBP": 1.27}
	benchLabels     = []string{"revenue", "market_spend", "capex", "bond", "market_value"}
)

// benchFact makes one fact for an article published at day (days since
// 2018-01-01) by provider p.
func benchFact(r *rand.Rand, p string, pi, day int) extract.Fact {
	f := extract.Fact{Company: p, Confidence: 0.5 + float64(r.IntN(50))/100, Rule: "bench"}
	switch k := r.IntN(20); {
	case k < 7:
		types := []string{extract.TypeRegionCount, extract.TypeAZCount, extract.TypeDatacenterCount}
		ti := r.IntN(3)
		f.Type = types[ti]
		// Counts grow with time, with some noise.
		base := (10+pi)*(1+2*ti) + day/(120+10*pi)
		f.Value = base + r.IntN(3) - 1
		f.Scope = "global"
		if r.IntN(4) == 0 {
			f.Scope = benchCountries[r.IntN(len(benchCountries))]
			f.Value = 1 + (base+day/365)%7
		}
		if r.IntN(5) == 0 {
			f.Qualifier = "more than"
		}
	case k < 15:
		f.Type = extract.TypeExpansion
		f.Country = benchCountries[(pi*7+r.IntN(12))%len(benchCountries)]
		f.Facility = benchFacilities[r.IntN(len(benchFacilities))]
		switch s := r.IntN(20); {
		case s == 0:
			f.Status = "closed"
		case s < 9:
			f.Status = "launched"
		default:
			f.Status = "planned"
		}
		f.Year = 2018 + day/365 + r.IntN(3)
		if r.IntN(3) == 0 {
			f.City = fmt.Sprintf("City %d", r.IntN(200))
		}
	case k < 18:
		f.Type = extract.TypeInvestment
		f.Currency = benchCurrencies[r.IntN(len(benchCurrencies))]
		f.Amount = float64(1+r.IntN(400)) * 1e8
		if f.Currency != "USD" {
			f.USD = f.Amount * benchUSDRate[f.Currency] * (1 + float64(r.IntN(3))/100)
		} else {
			f.USD = f.Amount
		}
		f.Period = []string{"3 years", "5 years", "2026"}[r.IntN(3)]
		if r.IntN(3) == 0 {
			f.Country = benchCountries[r.IntN(len(benchCountries))]
		}
	default:
		f.Type = extract.TypeMoney
		f.Label = benchLabels[r.IntN(len(benchLabels))]
		f.Currency = "USD"
		f.Amount = float64(1+r.IntN(900)) * 1e9
		f.USD = f.Amount
		if r.IntN(3) == 0 {
			f.Company = "" // market-wide
		}
	}
	return f
}

// buildReviewDB creates a store at path holding n articles.
func buildReviewDB(tb testing.TB, path string, n int) {
	tb.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	insArticle, err := tx.PrepareContext(ctx, `
		INSERT INTO articles (id, key, source, has_url, title, site, published, language, content_hash,
			extractor_version, first_seen, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'en', ?, 'bench', ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	insText, err := tx.PrepareContext(ctx, `INSERT INTO article_texts (article_id, text_size, text_z) VALUES (?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	insFact, err := tx.PrepareContext(ctx, `
		INSERT INTO facts (article_id, type, company, start_offset, end_offset,
			rule_id, confidence, value, scope, qualifier,
			country, city, facility, status, ordinal, year,
			amount, currency, usd, period, label, claim_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	insPrint, err := tx.PrepareContext(ctx, `INSERT INTO article_fingerprints (article_id, simhash, duplicate_of) VALUES (?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(10, 4))
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := now()
	var claims []string
	rules, companies := map[string]int64{}, map[string]int64{}
	for id := 1; id <= n; id++ {
		day := r.IntN(8 * 365)
		pi := r.IntN(len(benchProviders))
		p := benchProviders[pi]
		site := fmt.Sprintf("news%d.example", r.IntN(300))
		url := fmt.Sprintf("https://%s/%d", site, id)
		published := any(start.AddDate(0, 0, day).Add(time.Duration(r.IntN(86400)) * time.Second).Format(timeFormat))
		if r.IntN(50) == 0 {
			published = nil
		}
		nf := 2 + r.IntN(5) // 2..6, about 4
		var text strings.Builder
		text.WriteString(fmt.Sprintf("%s news, story %d. ", p, id))
		facts := make([]extract.Fact, nf)
		for i := range facts {
			f := benchFact(r, p, pi, day)
			f.Quote = fmt.Sprintf("Sentence %d of story %d says %s %s %d %s %s %.0f.", i, id, f.Company, f.Type, f.Value, f.Country, f.Status, f.Amount)
			f.Start = text.Len()
			text.WriteString(f.Quote)
			f.End = text.Len()
			text.WriteString(" ")
			facts[i] = f
		}
		if _, err := insArticle.ExecContext(ctx, id, url, url, 1, fmt.Sprintf("%s: story %d", p, id), site,
			published, ContentHash(text.String()), ts, ts); err != nil {
			tb.Fatal(err)
		}
		if _, err := insText.ExecContext(ctx, id, text.Len(), compressText([]byte(text.String()))); err != nil {
			tb.Fatal(err)
		}
		var dup any
		if id > 100 && r.IntN(20) == 0 {
			dup = 1 + r.IntN(id-1)
		}
		if _, err := insPrint.ExecContext(ctx, id, r.Int64(), dup); err != nil {
			tb.Fatal(err)
		}
		for _, f := range facts {
			claim := ClaimID(f)
			if r.IntN(500) == 0 {
				claims = append(claims, claim)
			}
			rule, ok := rules[f.Rule]
			if !ok {
				if err := tx.QueryRowContext(ctx, `INSERT INTO rules (name) VALUES (?) RETURNING id`, f.Rule).Scan(&rule); err != nil {
					tb.Fatal(err)
				}
				rules[f.Rule] = rule
			}
			var company any
			if f.Company != "" {
				c, ok := companies[f.Company]
				if !ok {
					if err := tx.QueryRowContext(ctx, `INSERT INTO companies (name) VALUES (?) RETURNING id`, f.Company).Scan(&c); err != nil {
						tb.Fatal(err)
					}
					companies[f.Company] = c
				}
				company = c
			}
			if _, err := insFact.ExecContext(ctx, id, codeOf(typeNames, f.Type), company, f.Start, f.End,
				rule, permille(f.Confidence), nullInt(f.Value), nullString(f.Scope), nullString(f.Qualifier),
				nullString(f.Country), nullString(f.City), codeOf(facilityNames, f.Facility), codeOf(statusNames, f.Status),
				nullInt(f.Ordinal), nullInt(f.Year),
				nullFloat(f.Amount), nullString(f.Currency), nullFloat(f.USD), nullString(f.Period), nullString(f.Label),
				ClaimNum(f)); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for i, c := range claims {
		action, field, value := []string{"reject", "confirm", "correct"}[i%3], any(nil), any(nil)
		if action == "correct" {
			field, value = "year", "2024"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO corrections (claim_id, action, field, value, reason, created_at)
			VALUES (?, ?, ?, ?, 'bench', ?)`, c, action, field, value, ts); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	// As FinishRun does after a run of AnalyzeAfter articles or more.
	if err := db.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
}

// reviewQuery is one read an analyst makes: through the store's API (the
// CLI's) or as SQL typed in the shell.
type reviewQuery struct {
	name string
	run  func(ctx context.Context, db *DB) (int, error)
}

// sqlRows runs q and counts its rows.
func sqlRows(q string, args ...any) func(ctx context.Context, db *DB) (int, error) {
	return func(ctx context.Context, db *DB) (int, error) {
		rows, err := db.sql.QueryContext(ctx, q, args...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		dest := make([]any, len(cols))
		for i := range dest {
			dest[i] = new(any)
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return n, err
			}
			n++
		}
		return n, rows.Err()
	}
}

func claimsWith(f ClaimFilter) func(ctx context.Context, db *DB) (int, error) {
	return func(ctx context.Context, db *DB) (int, error) {
		cs, err := db.Claims(ctx, f)
		return len(cs), err
	}
}

// readmeReviewQueries are the README's review queries: "Review queries for
// the sqlite3 shell", 1 to 5, then those of "Claims, citations and
// corrections". Keep them as the README gives them.
var readmeReviewQueries = []struct{ name, sql string }{
	{"readme1_newest", `select company, type, what, status, year, published, quote from claims order by published desc limit 30`},
	{"readme2_building", `select company, country, group_concat(distinct facility) facilities, group_concat(distinct status) statuses, sum(citations) citations
      from claim_list where type = 'expansion' group by company, country order by company, country`},
	{"readme3_counts", `select company, group_concat(value, ', ') totals, sum(citations) citations from claim_list
      where type = 'region_count' and scope = 'global' group by company having count(*) > 1`},
	{"readme4_money", `select company, what, usd, first_seen, citations, quote from claim_list
      where type = 'investment' and usd >= 1e9 order by usd desc limit 20`},
	{"readme5_offsets", `select f.id, f.start_offset, f.end_offset, substr(a.text, f.start_offset + 1, f.end_offset - f.start_offset) as quote
      from facts f join article_text a on a.id = f.article_id where a.id = 1`},
	{"readme6_provider", `select claim, what, first_seen, last_seen, citations, sources, confidence, review
      from claim_list where company = 'Alibaba Cloud' order by sources desc, citations desc`},
	{"readme7_one_source", `select claim, company, what, confidence, quote from claim_list where sources = 1 order by confidence limit 50`},
	{"readme8_citations", `select title, site, published, rule, confidence, quote, url from citations where claim_num = 0xf5e2dfafe7e2`},
	{"readme9_decided", `select l.claim, l.company, l.what, l.review, c.action, c.field, c.value, c.reason, c.created_at
      from claim_list_all l join corrections c on c.claim_id = l.claim where l.review is not null order by c.id desc`},
	{"readme10_rejected", `select claim, company, what, (select reason from corrections c where c.claim_id = claim
      order by c.id desc limit 1) as why from claim_list_all where review = 'rejected'`},
}

// claimStatsByCompany is how claim_rows reads claim_stats: each
// company's claims by its key (migration 18).
const claimStatsByCompany = "SEARCH s USING PRIMARY KEY (company=?)"

// readmeUses are what the plans of readmeReviewQueries must show.
var readmeUses = [][]string{
	{"INDEX articles_day", "INDEX facts_article"},
	{claimStatsByCompany},
	{claimStatsByCompany},
	{claimStatsByCompany},
	{"INDEX facts_article (article_id=?)"},
	{claimStatsByCompany},
	{claimStatsByCompany},
	{"INDEX facts_claim (claim_id=?)"},
	{"INDEX claim_stats_review"},
	{"INDEX claim_stats_review (review=?)"},
}

var pageFilters = []struct {
	name string
	f    ClaimFilter
}{
	{"claims_provider", ClaimFilter{Providers: []string{"oracle"}}},
	{"claims_type", ClaimFilter{Types: []string{"investment"}}},
	{"claims_country", ClaimFilter{Countries: []string{"ie"}}},
	{"claims_since", ClaimFilter{Since: "2025-12-01"}},
	{"claims_min_confidence", ClaimFilter{MinConfidence: 0.99}},
	{"claims_provider_type_country", ClaimFilter{Providers: []string{"Oracle"}, Types: []string{"expansion"}, Countries: []string{"CL"}}},
}

// reviewQueries are the reads the benchmark times; claim is a claim id
// that some facts cite.
func reviewQueries(claim string) []reviewQuery {
	qs := []reviewQuery{
		{"claims_provider", claimsWith(ClaimFilter{Providers: []string{"oracle"}})},
		{"claims_type", claimsWith(ClaimFilter{Types: []string{"investment"}})},
		{"claims_country", claimsWith(ClaimFilter{Countries: []string{"ie"}})},
		{"claims_since", claimsWith(ClaimFilter{Since: "2025-12-01"})},
		{"claims_min_confidence", claimsWith(ClaimFilter{MinConfidence: 0.99})},
		{"claims_provider_type_country", claimsWith(ClaimFilter{Providers: []string{"Oracle"}, Types: []string{"expansion"}, Countries: []string{"CL"}})},
		{"claims_first_page", claimsWith(ClaimFilter{Limit: 100})},
		{"claim_list_all_rows", sqlRows(`SELECT * FROM claim_list`)},
		{"claim_by_id", func(ctx context.Context, db *DB) (int, error) {
			_, err := db.ClaimByID(ctx, claim)
			return 1, err
		}},
		{"why_citations", func(ctx context.Context, db *DB) (int, error) {
			cs, err := db.Citations(ctx, claim)
			return len(cs), err
		}},
		{"count_timeline_provider", func(ctx context.Context, db *DB) (int, error) {
			rs, err := db.CountTimeline(ctx, "Oracle")
			return len(rs), err
		}},
		{"facility_status_provider", func(ctx context.Context, db *DB) (int, error) {
			rs, err := db.FacilityStatus(ctx, "Oracle")
			return len(rs), err
		}},
		{"conflicts", func(ctx context.Context, db *DB) (int, error) {
			cs, err := db.Conflicts(ctx)
			return len(cs), err
		}},
	}
	// The same filters as the table of `ingest claims` shows them: the
	// first 100 claims.
	for _, q := range pageFilters {
		f := q.f
		f.Limit = 100
		qs = append(qs, reviewQuery{q.name + "_page", claimsWith(f)})
	}
	for _, q := range readmeReviewQueries {
		qs = append(qs, reviewQuery{q.name, sqlRows(q.sql)})
	}
	// The shell examples of "Review: timelines, conflicts, report".
	qs = append(qs,
		reviewQuery{"readme_timeline", sqlRows(`select provider, count, scope, published, value, change, source from count_timeline
			where provider = 'Alibaba Cloud' and count = 'availability zones' and scope = 'global'`)},
		reviewQuery{"readme_facilities", sqlRows(`select provider, country, facility, status, since, history from facility_status
			where provider = 'Alibaba Cloud' and country in ('TR', 'KE', 'NG')`)},
		reviewQuery{"readme_conflicts", sqlRows(`select kind, provider, what, value_1, date_1, value_2, date_2 from conflicts`)})
	return qs
}

const benchQueryTimeout = 30 * time.Second

func BenchmarkReview(b *testing.B) {
	ctx := context.Background()
	// INGEST_BENCH_DB names a file to keep the database in, built when
	// missing, for looking at plans in the sqlite3 shell.
	path := os.Getenv("INGEST_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "review.db")
	}
	if _, err := os.Stat(path); err != nil {
		t0 := time.Now()
		buildReviewDB(b, path, 100_000)
		b.Logf("built 100,000 articles in %v", time.Since(t0).Round(time.Millisecond))
	}
	// Open as a writing command does (migrations, then PRAGMA optimize
	// on close), then read as `ingest claims` does.
	if db, err := Open(ctx, path); err != nil {
		b.Fatal(err)
	} else if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var claim string
	if err := db.sql.QueryRowContext(ctx,
		`SELECT printf('%012x', claim_id) FROM facts WHERE company = (SELECT id FROM companies WHERE name = 'Oracle') AND type = 3 ORDER BY id LIMIT 1` /* expansion */).Scan(&claim); err != nil {
		b.Fatal(err)
	}
	for _, q := range reviewQueries(claim) {
		b.Run(q.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				// A query that takes minutes is reported, not waited for.
				qctx, cancel := context.WithTimeout(ctx, benchQueryTimeout)
				var err error
				n, err = q.run(qctx, db)
				cancel()
				if errors.Is(qctx.Err(), context.DeadlineExceeded) {
					b.Skipf("over %v", benchQueryTimeout)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "rows")
		})
	}
}
