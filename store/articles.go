package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cloudfacts/ingest/article"
	"github.com/cloudfacts/ingest/extract"
)

// Outcome says what SaveArticle did.
type Outcome int

const (
	Inserted  Outcome = iota + 1 // a new article
	Updated                      // text or extractor version changed; facts replaced
	Unchanged                    // same text and extractor version; nothing written
)

func (o Outcome) String() string {
	switch o {
	case Inserted:
		return "inserted"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// SaveResult reports the outcome of SaveArticle and the article's id.
type SaveResult struct {
	ArticleID int64
	Outcome   Outcome
}

// SaveArticle stores an article, identified by a.Key(), with its facts.
// When the stored article has the same content hash and extractor version,
// nothing is written and the outcome is Unchanged. Otherwise the article row
// is inserted or updated and its facts replaced, in one transaction. Any
// difference in extractorVersion counts as newer: versions are not ordered.
//
// Every fact's quote must be the text between its offsets, or nothing is
// saved: a fact that cannot be cited is a bug in the extractor.
func (db *DB) SaveArticle(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string) (SaveResult, error) {
	key := a.Key()
	if key == "" {
		return SaveResult{}, errors.New("store: article has neither URL nor source")
	}
	if err := checkFacts(a.Text, facts); err != nil {
		return SaveResult{}, fmt.Errorf("store: article %s: %w", key, err)
	}
	hash := ContentHash(a.Text)

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()

	var (
		id                  int64
		oldHash, oldVersion string
		outcome             = Inserted
	)
	err = tx.QueryRowContext(ctx,
		`SELECT id, content_hash, extractor_version FROM articles WHERE key = ?`, key,
	).Scan(&id, &oldHash, &oldVersion)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return SaveResult{}, fmt.Errorf("store: look up article %s: %w", key, err)
	case oldHash == hash && oldVersion == extractorVersion:
		return SaveResult{ArticleID: id, Outcome: Unchanged}, nil
	default:
		outcome = Updated
	}

	var published any
	if !a.Published.IsZero() {
		published = a.Published.Format(timeFormat)
	}
	ts := now()
	err = tx.QueryRowContext(ctx, `
		INSERT INTO articles (key, source, url, title, site, published, language,
			content_hash, text, feed_url, feed_guid, feed_title,
			extractor_version, first_seen, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET
			source = excluded.source, url = excluded.url, title = excluded.title,
			site = excluded.site, published = excluded.published,
			language = excluded.language, content_hash = excluded.content_hash,
			text = excluded.text, feed_url = excluded.feed_url,
			feed_guid = excluded.feed_guid, feed_title = excluded.feed_title,
			extractor_version = excluded.extractor_version,
			updated_at = excluded.updated_at
		RETURNING id`,
		key, a.Source, nullString(a.URL), nullString(a.Title), nullString(a.Site), published, nullString(a.Language),
		hash, a.Text, nullString(a.FeedURL), nullString(a.FeedGUID), nullString(a.FeedTitle),
		extractorVersion, ts, ts,
	).Scan(&id)
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: write article %s: %w", key, err)
	}
	if err := replaceFacts(ctx, tx, id, facts, extractorVersion); err != nil {
		return SaveResult{}, fmt.Errorf("store: article %s: %w", key, err)
	}
	if err := tx.Commit(); err != nil {
		return SaveResult{}, fmt.Errorf("store: commit article %s: %w", key, err)
	}
	return SaveResult{ArticleID: id, Outcome: outcome}, nil
}

// ArticleUnchanged reports whether the article stored under key has this
// content hash and extractor version, so the caller can skip extraction.
func (db *DB) ArticleUnchanged(ctx context.Context, key, contentHash, extractorVersion string) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx,
		`SELECT count(*) FROM articles WHERE key = ? AND content_hash = ? AND extractor_version = ?`,
		key, contentHash, extractorVersion,
	).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: look up article %s: %w", key, err)
	}
	return n > 0, nil
}

// eachBatch bounds how many articles EachArticle holds in memory.
const eachBatch = 100

// EachArticle calls fn with every stored article in id order, as stored
// (text and metadata, no fetching). fn may write to the store, for example
// with ReplaceFacts: no read is held open while it runs. An error from fn
// stops the walk and is returned.
func (db *DB) EachArticle(ctx context.Context, fn func(id int64, a article.Article) error) error {
	type row struct {
		id int64
		a  article.Article
	}
	var last int64
	for {
		rows, err := db.sql.QueryContext(ctx, `
			SELECT id, source, url, title, site, published, language, text,
				feed_url, feed_guid, feed_title
			FROM articles WHERE id > ? ORDER BY id LIMIT ?`, last, eachBatch)
		if err != nil {
			return fmt.Errorf("store: list articles: %w", err)
		}
		var batch []row
		for rows.Next() {
			var (
				r                                               row
				url, title, site, published, lang, fu, fg, ftit sql.NullString
			)
			if err := rows.Scan(&r.id, &r.a.Source, &url, &title, &site, &published, &lang,
				&r.a.Text, &fu, &fg, &ftit); err != nil {
				rows.Close()
				return fmt.Errorf("store: read article: %w", err)
			}
			r.a.URL, r.a.Title, r.a.Site, r.a.Language = url.String, title.String, site.String, lang.String
			r.a.FeedURL, r.a.FeedGUID, r.a.FeedTitle = fu.String, fg.String, ftit.String
			if published.Valid {
				t, err := time.Parse(timeFormat, published.String)
				if err != nil {
					rows.Close()
					return fmt.Errorf("store: article %d: published: %w", r.id, err)
				}
				r.a.Published = t
			}
			batch = append(batch, r)
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("store: list articles: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: list articles: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			if err := fn(r.id, r.a); err != nil {
				return err
			}
		}
		last = batch[len(batch)-1].id
	}
}

// ReplaceFacts replaces the facts of a stored article and records the
// extractor version that produced them, in one transaction. It returns
// ErrNotFound when there is no such article.
func (db *DB) ReplaceFacts(ctx context.Context, articleID int64, facts []extract.Fact, extractorVersion string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	var text string
	err = tx.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, articleID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: article %d: %w", articleID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: article %d: %w", articleID, err)
	}
	if err := checkFacts(text, facts); err != nil {
		return fmt.Errorf("store: article %d: %w", articleID, err)
	}
	if _, err := tx.ExecContext(ctx,
		`UPDATE articles SET extractor_version = ?, updated_at = ? WHERE id = ?`,
		extractorVersion, now(), articleID); err != nil {
		return fmt.Errorf("store: article %d: %w", articleID, err)
	}
	if err := replaceFacts(ctx, tx, articleID, facts, extractorVersion); err != nil {
		return fmt.Errorf("store: article %d: %w", articleID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit article %d: %w", articleID, err)
	}
	return nil
}

// checkFacts verifies that each quote is the text between its code-point
// offsets, the same slice sqlite's substr(text, start+1, end-start) gives.
func checkFacts(text string, facts []extract.Fact) error {
	// sqlite's string functions stop at a NUL, so substr would cite wrongly.
	if i := strings.IndexByte(text, 0); i >= 0 {
		return fmt.Errorf("text has a NUL byte at byte %d", i)
	}
	if len(facts) == 0 {
		return nil
	}
	runes := []rune(text)
	for i, f := range facts {
		if f.Start < 0 || f.End < f.Start || f.End > len(runes) {
			return fmt.Errorf("fact %d (%s, rule %q): offsets [%d,%d) outside text of %d code points",
				i, f.Type, f.Rule, f.Start, f.End, len(runes))
		}
		if got := string(runes[f.Start:f.End]); got != f.Quote {
			return fmt.Errorf("fact %d (%s, rule %q): text[%d:%d] is %q, not the quote %q",
				i, f.Type, f.Rule, f.Start, f.End, got, f.Quote)
		}
	}
	return nil
}

func replaceFacts(ctx context.Context, tx *sql.Tx, articleID int64, facts []extract.Fact, extractorVersion string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM facts WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("delete facts: %w", err)
	}
	if len(facts) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO facts (article_id, type, company, quote, start_offset, end_offset,
			rule, extractor_version, confidence, value, scope, qualifier,
			country, city, facility, status, ordinal, year,
			amount, currency, usd, period, label)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare fact insert: %w", err)
	}
	defer stmt.Close()
	for i, f := range facts {
		_, err := stmt.ExecContext(ctx,
			articleID, f.Type, nullString(f.Company), f.Quote, f.Start, f.End,
			nullString(f.Rule), extractorVersion, f.Confidence, nullInt(f.Value), nullString(f.Scope), nullString(f.Qualifier),
			nullString(f.Country), nullString(f.City), nullString(f.Facility), nullString(f.Status), nullInt(f.Ordinal), nullInt(f.Year),
			nullFloat(f.Amount), nullString(f.Currency), nullFloat(f.USD), nullString(f.Period), nullString(f.Label),
		)
		if err != nil {
			return fmt.Errorf("insert fact %d (%s, rule %q): %w", i, f.Type, f.Rule, err)
		}
	}
	return nil
}
