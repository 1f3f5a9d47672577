package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cloudfacts/ingest/urlnorm"
)

// Review reads (issue 10): count timelines, facility status and conflicts,
// from the views of migration 0010 (as 0013 redefined them), and one
// article with its citations.

// TimelineRow is one row of the count_timeline view.
type TimelineRow struct {
	Provider  string
	Count     string // "regions", "availability zones", "data centers"
	Scope     string
	Published string // YYYY-MM-DD, "" when the article has no date
	Value     int64
	Change    sql.NullInt64 // from the previous row of the same timeline
	Qualifier string
	Step      int
	Fact      int64
	Article   int64
	Title     string
	Source    string
	Quote     string
}

// FacilityRow is one row of the facility_status view.
type FacilityRow struct {
	Provider     string
	Country      string
	Facility     string // "data center", "region"...
	Status       string // planned, launched, closed
	Since        string
	LastReported string
	History      string // "planned 2024-05 → launched 2025-02"
	Claims       int
	Articles     int
	Fact         int64
	Quote        string
	Source       string
}

// Conflict is one row of the conflicts view: two claims that cannot both
// be right, the earlier first.
type Conflict struct {
	Kind             string // same date, dropped, USD differs
	Provider         string
	What             string
	Value1, Value2   float64
	Date1, Date2     string
	Fact1, Fact2     int64
	Source1, Source2 string
	Quote1, Quote2   string
}

// MoneyRow is an investment or money fact.
type MoneyRow struct {
	Fact      int64
	Provider  string
	Type      string
	Label     string
	Qualifier string
	Amount    sql.NullFloat64
	Currency  string
	USD       sql.NullFloat64
	Period    string
	Published string
	Source    string
	Quote     string
}

// ReportCitation is one fact as the report cites it.
type ReportCitation struct {
	Fact      int64
	Provider  string
	Type      string
	What      string // the claims view's reading of the fact
	Status    string
	Quote     string
	Title     string
	Published string
	Source    string // URL, else path
	Article   int64
}

// ArticleView is one article with its facts, for `ingest show`.
type ArticleView struct {
	ID        int64
	Title     string
	Source    string
	URL       string
	Published string
	Text      string
	Facts     []CitedFact
}

// CitedFact is a fact of an article with its code-point offsets.
type CitedFact struct {
	ID         int64
	Type       string
	Provider   string
	What       string
	Status     string
	Confidence float64
	Start, End int
	Quote      string
}

// Providers returns the providers named by facts, sorted.
func (db *DB) Providers(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT c.name FROM companies c WHERE EXISTS (SELECT 1 FROM facts f WHERE f.company = c.id) ORDER BY c.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CountTimeline returns count_timeline, for one provider when provider is
// not "" (exact name).
func (db *DB) CountTimeline(ctx context.Context, provider string) ([]TimelineRow, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT provider, count, coalesce(scope, ''), coalesce(published, ''), value, change,
		       coalesce(qualifier, ''), step, fact, article, coalesce(title, ''), source, quote
		FROM count_timeline`+providerWhere(provider), provider)
	if err != nil {
		return nil, fmt.Errorf("count_timeline: %w", err)
	}
	defer rows.Close()
	var out []TimelineRow
	for rows.Next() {
		var r TimelineRow
		var p sql.NullString
		if err := rows.Scan(&p, &r.Count, &r.Scope, &r.Published, &r.Value, &r.Change,
			&r.Qualifier, &r.Step, &r.Fact, &r.Article, &r.Title, &r.Source, &r.Quote); err != nil {
			return nil, err
		}
		r.Provider = p.String
		out = append(out, r)
	}
	return out, rows.Err()
}

// FacilityStatus returns facility_status, for one provider when provider
// is not "".
func (db *DB) FacilityStatus(ctx context.Context, provider string) ([]FacilityRow, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT coalesce(provider, ''), country, facility, status, coalesce(since, ''),
		       coalesce(last_reported, ''), history, claims, articles, fact, quote, source
		FROM facility_status`+providerWhere(provider), provider)
	if err != nil {
		return nil, fmt.Errorf("facility_status: %w", err)
	}
	defer rows.Close()
	var out []FacilityRow
	for rows.Next() {
		var r FacilityRow
		if err := rows.Scan(&r.Provider, &r.Country, &r.Facility, &r.Status, &r.Since,
			&r.LastReported, &r.History, &r.Claims, &r.Articles, &r.Fact, &r.Quote, &r.Source); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Conflicts returns the conflicts view with both quotes.
func (db *DB) Conflicts(ctx context.Context) ([]Conflict, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT c.kind, c.provider, c.what, c.value_1, coalesce(c.date_1, ''), c.value_2,
		       coalesce(c.date_2, ''), c.fact_1, c.fact_2, c.source_1, c.source_2,
		       substr(CAST(sqlar_uncompress(a1.text_z, a1.text_size) AS TEXT), f1.start_offset + 1, f1.end_offset - f1.start_offset),
		       substr(CAST(sqlar_uncompress(a2.text_z, a2.text_size) AS TEXT), f2.start_offset + 1, f2.end_offset - f2.start_offset)
		FROM conflicts c
		JOIN facts f1 ON f1.id = c.fact_1 JOIN article_texts a1 ON a1.article_id = f1.article_id
		JOIN facts f2 ON f2.id = c.fact_2 JOIN article_texts a2 ON a2.article_id = f2.article_id`)
	if err != nil {
		return nil, fmt.Errorf("conflicts: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		if err := rows.Scan(&c.Kind, &c.Provider, &c.What, &c.Value1, &c.Date1, &c.Value2, &c.Date2,
			&c.Fact1, &c.Fact2, &c.Source1, &c.Source2, &c.Quote1, &c.Quote2); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Money returns the investment and money facts, by provider (market-wide
// figures last), publication date, article key and place in the text (not
// by id: ids follow the order articles reached the writer).
func (db *DB) Money(ctx context.Context) ([]MoneyRow, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT f.id, coalesce(co.name, ''), CASE f.type WHEN 4 THEN 'investment' ELSE 'money' END,
		       coalesce(f.label, ''), coalesce(f.qualifier, ''),
		       f.amount, coalesce(f.currency, ''), f.usd, coalesce(f.period, ''),
		       coalesce(substr(a.published, 1, 10), ''), coalesce(a.url, a.source),
		       substr(CAST(sqlar_uncompress(t.text_z, t.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset)
		FROM facts f JOIN articles a ON a.id = f.article_id
		JOIN article_texts t ON t.article_id = f.article_id
		LEFT JOIN companies co ON co.id = f.company
		WHERE f.type IN (4, 5) -- investment, money (codes.go)
		ORDER BY co.name IS NULL, co.name, a.published, a.key, f.start_offset, f.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MoneyRow
	for rows.Next() {
		var r MoneyRow
		if err := rows.Scan(&r.Fact, &r.Provider, &r.Type, &r.Label, &r.Qualifier, &r.Amount,
			&r.Currency, &r.USD, &r.Period, &r.Published, &r.Source, &r.Quote); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReportCitations returns every fact with its quote and source, by id.
func (db *DB) ReportCitations(ctx context.Context) ([]ReportCitation, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT c.fact, coalesce(c.company, ''), c.type, c.what, coalesce(c.status, ''), c.quote,
		       coalesce(c.title, ''), coalesce(c.published, ''), coalesce(a.url, a.source), c.article
		FROM claims c JOIN articles a ON a.id = c.article
		ORDER BY c.fact`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportCitation
	for rows.Next() {
		var c ReportCitation
		if err := rows.Scan(&c.Fact, &c.Provider, &c.Type, &c.What, &c.Status, &c.Quote,
			&c.Title, &c.Published, &c.Source, &c.Article); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindArticle finds an article by id, file path (as given or absolute, with
// symlinks resolved) or URL (as given or canonical), and returns it with
// its facts in text order. It returns ErrNotFound when nothing matches.
func (db *DB) FindArticle(ctx context.Context, ref string) (*ArticleView, error) {
	candidates := []string{ref}
	if abs, err := filepath.Abs(ref); err == nil {
		candidates = append(candidates, abs)
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			candidates = append(candidates, real)
		}
	}
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		if c, err := urlnorm.Canonical(ref); err == nil {
			candidates = append(candidates, c)
		}
	}
	var id int64
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		id = n
	}
	var found int64
	for _, c := range candidates {
		err := db.sql.QueryRowContext(ctx, `
			SELECT id FROM articles WHERE key = ?1 OR source = ?1 OR url = ?1
			ORDER BY id LIMIT 1`, c).Scan(&found)
		if err == nil {
			break
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	if found == 0 && id > 0 {
		found = id
	}
	if found == 0 {
		return nil, ErrNotFound
	}
	v := &ArticleView{}
	var (
		title, url, published sql.NullString
		z                     []byte
		size                  int64
	)
	err := db.sql.QueryRowContext(ctx, `
		SELECT a.id, a.title, a.source, a.url, a.published, t.text_z, t.text_size
		FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`, found).
		Scan(&v.ID, &title, &v.Source, &url, &published, &z, &size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	v.Title, v.URL, v.Published = title.String, url.String, published.String
	if v.Text, err = articleText(z, size); err != nil {
		return nil, fmt.Errorf("article %d: %w", found, err)
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT f.id, f.type, coalesce((SELECT co.name FROM companies co WHERE co.id = f.company), ''), c.what, coalesce(f.status, ''), f.confidence / 1000.0,
		       f.start_offset, f.end_offset
		FROM facts f JOIN claims c ON c.fact = f.id
		WHERE f.article_id = ? ORDER BY f.start_offset, f.id`, found)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var f CitedFact
		if err := rows.Scan(&f.ID, &f.Type, &f.Provider, &f.What, &f.Status, &f.Confidence,
			&f.Start, &f.End); err != nil {
			return nil, err
		}
		// The article's text is at hand: no view inflates it again.
		f.Quote = substrChars(v.Text, int64(f.Start), int64(f.End))
		v.Facts = append(v.Facts, f)
	}
	return v, rows.Err()
}

// providerWhere is the condition of a view read for one provider, none
// for all: one condition for both, the empty provider or this one,
// would keep SQLite from taking the
// provider down to facts_company_type (through companies), and read
// every count or expansion (one provider's timeline over 100,000
// articles: 490 ms, 188 with the plain condition; facility status 182
// and 83 ms).
func providerWhere(provider string) string {
	if provider == "" {
		return ` WHERE ?1 = ''`
	}
	return ` WHERE provider = ?1`
}
