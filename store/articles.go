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
	Present                      // SaveAlternate: the article is stored already; nothing written
)

func (o Outcome) String() string {
	switch o {
	case Inserted:
		return "inserted"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	case Present:
		return "present"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// SaveResult reports the outcome of SaveArticle and the article's id.
type SaveResult struct {
	ArticleID int64
	Outcome   Outcome
}

// SaveArticle stores an article, identified by a.Key(), with its facts.
// When the stored article has the same content hash, extractor version and
// publication date (the facts depend on nothing else), its facts are kept:
// the outcome is Unchanged when the rest of its metadata is the same too
// and nothing is written, else Updated with only the article row
// rewritten (a run that learnt a better title). Otherwise the article row
// is inserted or updated and its facts replaced, in one transaction. Any
// difference in extractorVersion counts as newer: versions are not ordered.
//
// Every fact's quote must be the text between its offsets, or nothing is
// saved: a fact that cannot be cited is a bug in the extractor.
func (db *DB) SaveArticle(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string) (SaveResult, error) {
	return db.save(ctx, a, facts, extractorVersion, false)
}

// SaveAlternate stores an article reached through another page of it (an
// AMP or print page whose canonical link is a.URL) only when nothing is
// stored under a.Key() yet; else the outcome is Present and nothing is
// written. The look-up and the write are one IMMEDIATE transaction, so a
// crawl fetching the canonical page and its alternate at the same time
// cannot let the alternate's feed title and GUID replace the canonical
// page's.
func (db *DB) SaveAlternate(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string) (SaveResult, error) {
	return db.save(ctx, a, facts, extractorVersion, true)
}

func (db *DB) save(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string, onlyNew bool) (SaveResult, error) {
	if a.Key() == "" {
		return SaveResult{}, errors.New("store: article has neither URL nor source")
	}
	b, err := db.Begin(ctx)
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: begin: %w", err)
	}
	defer b.Rollback()
	res, err := b.save(ctx, a, facts, extractorVersion, onlyNew)
	if err != nil {
		return SaveResult{}, err
	}
	if err := b.Commit(); err != nil {
		return SaveResult{}, fmt.Errorf("store: commit article %s: %w", a.Key(), err)
	}
	return res, nil
}

// SaveArticle is DB.SaveArticle in the batch: one unit (see Do), so an
// article that cannot be saved leaves the stored one as it was.
func (b *Batch) SaveArticle(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string) (SaveResult, error) {
	return b.save(ctx, a, facts, extractorVersion, false)
}

func (b *Batch) save(ctx context.Context, a *article.Article, facts []extract.Fact, extractorVersion string, onlyNew bool) (SaveResult, error) {
	key := a.Key()
	if key == "" {
		return SaveResult{}, errors.New("store: article has neither URL nor source")
	}
	if err := checkFacts(a.Text, facts); err != nil {
		return SaveResult{}, fmt.Errorf("store: article %s: %w", key, err)
	}
	var res SaveResult
	err := b.Do(ctx, func() (err error) {
		res, err = saveArticle(ctx, b.q, a, key, facts, extractorVersion, onlyNew)
		return err
	})
	return res, err
}

// Article statements, built once.
var (
	selectArticleSQL = `SELECT id, lower(hex(content_hash)), extractor_version, ` + strings.Join(articleColumns[:], ", ") + ` FROM articles WHERE key = ?`
	upsertArticleSQL = `
		INSERT INTO articles (key, ` + strings.Join(articleWriteColumns(), ", ") + `,
			content_hash, extractor_version, first_seen, updated_at)
		VALUES (?` + strings.Repeat(", ?", len(articleColumns)+4) + `)
		ON CONFLICT (key) DO UPDATE SET
			source = excluded.source, has_url = excluded.has_url, title = excluded.title,
			site = excluded.site, published = excluded.published,
			language = excluded.language, file_modified = excluded.file_modified,
			feed_url = excluded.feed_url, feed_guid = excluded.feed_guid,
			feed_title = excluded.feed_title, content_hash = excluded.content_hash,
			extractor_version = excluded.extractor_version,
			updated_at = excluded.updated_at
		RETURNING id`
)

func saveArticle(ctx context.Context, q *cachedTx, a *article.Article, key string, facts []extract.Fact, extractorVersion string, onlyNew bool) (SaveResult, error) {
	hash := ContentHash(a.Text)
	row := articleRow(a)
	var (
		id                  int64
		oldHash, oldVersion string
		old                 [len(articleColumns)]sql.NullString
		outcome             = Inserted
		keepFacts           bool
	)
	dest := []any{&id, &oldHash, &oldVersion}
	for i := range old {
		dest = append(dest, &old[i])
	}
	err := queryRow(ctx, q, selectArticleSQL, key).Scan(dest...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return SaveResult{}, fmt.Errorf("store: look up article %s: %w", key, err)
	case onlyNew:
		return SaveResult{ArticleID: id, Outcome: Present}, nil
	default:
		outcome = Updated
		if oldHash == hash && oldVersion == extractorVersion && old[colPublished] == row[colPublished] {
			if old == row {
				return SaveResult{ArticleID: id, Outcome: Unchanged}, nil
			}
			keepFacts = true
		}
	}

	ts := now()
	args := []any{key}
	for i, v := range row {
		if i == colURL {
			// url is the key when has_url is 1 (migration 17).
			args = append(args, v.Valid)
			continue
		}
		args = append(args, nullable(v))
	}
	args = append(args, hashBytes(hash), extractorVersion, ts, ts)
	if err := queryRow(ctx, q, upsertArticleSQL, args...).Scan(&id); err != nil {
		return SaveResult{}, fmt.Errorf("store: write article %s: %w", key, err)
	}
	if outcome == Inserted || oldHash != hash {
		// Written when the batch commits, with its other texts
		// (textpack.go); the old one goes now.
		if outcome == Updated {
			if _, err := q.ExecContext(ctx, `DELETE FROM article_texts WHERE article_id = ?`, id); err != nil {
				return SaveResult{}, fmt.Errorf("store: replace the text of article %s: %w", key, err)
			}
		}
		q.texts = append(q.texts, pendingText{article: id, size: len(a.Text), z: compressText([]byte(a.Text))})
	}
	if !keepFacts {
		if err := replaceFacts(ctx, q, id, facts, extractorVersion); err != nil {
			return SaveResult{}, fmt.Errorf("store: article %s: %w", key, err)
		}
	}
	return SaveResult{ArticleID: id, Outcome: outcome}, nil
}

// articleColumns are the article metadata columns SaveArticle writes and
// compares, in the order of articleRow.
var articleColumns = [...]string{"source", "url", "title", "site", "published", "language",
	"file_modified", "feed_url", "feed_guid", "feed_title"}

const (
	colURL       = 1
	colPublished = 4
)

// articleWriteColumns are articleColumns as SaveArticle writes them:
// has_url for url, which is the key when has_url is 1 (migration 17).
func articleWriteColumns() []string {
	cols := articleColumns
	cols[colURL] = "has_url"
	return cols[:]
}

// articleRow is a's metadata as stored, NULL where empty.
func articleRow(a *article.Article) [len(articleColumns)]sql.NullString {
	ns := func(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
	tm := func(t time.Time) sql.NullString {
		if t.IsZero() {
			return sql.NullString{}
		}
		return ns(t.Format(timeFormat))
	}
	return [...]sql.NullString{ns(a.Source), ns(a.URL), ns(a.Title), ns(a.Site), tm(a.Published), ns(a.Language),
		tm(a.FileModified.UTC()), ns(a.FeedURL), ns(a.FeedGUID), ns(a.FeedTitle)}
}

func nullable(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

// ArticleUnchanged reports whether the article stored under a.Key() has
// a's text, publication date and this extractor version, so that the
// caller can skip extraction: SaveArticle keeps its facts.
func (db *DB) ArticleUnchanged(ctx context.Context, a *article.Article, extractorVersion string) (bool, error) {
	key := a.Key()
	var n int
	err := db.sql.QueryRowContext(ctx,
		`SELECT count(*) FROM articles WHERE key = ? AND content_hash = ? AND extractor_version = ? AND published IS ?`,
		key, hashBytes(ContentHash(a.Text)), extractorVersion, nullable(articleRow(a)[colPublished]),
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
			SELECT a.id, a.source, a.url, a.title, a.site, a.published, a.language, t.text_z, t.text_size,
				a.feed_url, a.feed_guid, a.feed_title, a.file_modified
			FROM articles a JOIN article_texts t ON t.article_id = a.id
			WHERE a.id > ? ORDER BY a.id LIMIT ?`, last, eachBatch)
		if err != nil {
			return fmt.Errorf("store: list articles: %w", err)
		}
		var batch []row
		for rows.Next() {
			var (
				r                                               row
				url, title, site, published, lang, fu, fg, ftit sql.NullString
				modified                                        sql.NullString
				z                                               []byte
				size                                            int64
			)
			if err := rows.Scan(&r.id, &r.a.Source, &url, &title, &site, &published, &lang,
				&z, &size, &fu, &fg, &ftit, &modified); err != nil {
				rows.Close()
				return fmt.Errorf("store: read article: %w", err)
			}
			text, err := articleText(z, size)
			if err != nil {
				rows.Close()
				return fmt.Errorf("store: article %d: %w", r.id, err)
			}
			r.a.Text = text
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
			if modified.Valid {
				t, err := time.Parse(timeFormat, modified.String)
				if err != nil {
					rows.Close()
					return fmt.Errorf("store: article %d: file_modified: %w", r.id, err)
				}
				r.a.FileModified = t
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
	b, err := db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer b.Rollback()
	if err := b.ReplaceFacts(ctx, articleID, facts, extractorVersion); err != nil {
		return err
	}
	if err := b.Commit(); err != nil {
		return fmt.Errorf("store: commit article %d: %w", articleID, err)
	}
	return nil
}

// ReplaceFacts is DB.ReplaceFacts in the batch, as one unit.
func (b *Batch) ReplaceFacts(ctx context.Context, articleID int64, facts []extract.Fact, extractorVersion string) error {
	return b.Do(ctx, func() error {
		var (
			z    []byte
			size int64
		)
		err := queryRow(ctx, b.q, `SELECT text_z, text_size FROM article_texts WHERE article_id = ?`, articleID).Scan(&z, &size)
		if errors.Is(err, sql.ErrNoRows) {
			var ok bool
			if z, size, ok = b.q.pendingText(articleID); ok {
				err = nil
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: article %d: %w", articleID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		text, err := articleText(z, size)
		if err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		if err := checkFacts(text, facts); err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		if _, err := b.q.ExecContext(ctx,
			`UPDATE articles SET extractor_version = ?, updated_at = ? WHERE id = ?`,
			extractorVersion, now(), articleID); err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		if err := replaceFacts(ctx, b.q, articleID, facts, extractorVersion); err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		return nil
	})
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

func replaceFacts(ctx context.Context, tx *cachedTx, articleID int64, facts []extract.Fact, extractorVersion string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM facts WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("delete facts: %w", err)
	}
	if len(facts) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO facts (article_id, type, company, start_offset, end_offset,
			rule_id, confidence, value, scope, qualifier,
			country, city, facility, status, ordinal, year,
			amount, currency, usd, period, label, claim_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare fact insert: %w", err)
	}
	// Prepared once per batch: the transaction closes it.
	ctx = context.WithoutCancel(ctx)
	for i, f := range facts {
		rule, err := tx.ruleID(ctx, f.Rule)
		if err != nil {
			return fmt.Errorf("insert fact %d (%s, rule %q): %w", i, f.Type, f.Rule, err)
		}
		company, err := tx.companyID(ctx, f.Company)
		if err != nil {
			return fmt.Errorf("insert fact %d (%s, company %q): %w", i, f.Type, f.Company, err)
		}
		_, err = stmt.ExecContext(ctx,
			articleID, codeOf(typeNames, f.Type), company, f.Start, f.End,
			rule, permille(f.Confidence), nullInt(f.Value), nullString(f.Scope), nullString(f.Qualifier),
			nullString(f.Country), nullString(f.City), codeOf(facilityNames, f.Facility), codeOf(statusNames, f.Status),
			nullInt(f.Ordinal), nullInt(f.Year),
			nullFloat(f.Amount), nullString(f.Currency), nullFloat(f.USD), nullString(f.Period), nullString(f.Label),
			ClaimNum(f),
		)
		if err != nil {
			return fmt.Errorf("insert fact %d (%s, rule %q): %w", i, f.Type, f.Rule, err)
		}
	}
	return nil
}

// ResolveFailureExcept resolves the open failure of source unless its
// stage is stage: an article whose facts were kept unchanged still carries
// the truncation (stage "extract") recorded when they were read.
func (db *DB) ResolveFailureExcept(ctx context.Context, source, stage string) error {
	return resolveFailureExcept(ctx, db.sql, source, stage)
}

// ResolveFailureExcept is DB.ResolveFailureExcept in the batch.
func (b *Batch) ResolveFailureExcept(ctx context.Context, source, stage string) error {
	return resolveFailureExcept(ctx, b.q, source, stage)
}

func resolveFailureExcept(ctx context.Context, ex execer, source, stage string) error {
	_, err := ex.ExecContext(ctx,
		`UPDATE failures SET resolved_at = ? WHERE source = ? AND resolved_at IS NULL AND stage <> ?`,
		now(), source, stage)
	if err != nil {
		return fmt.Errorf("store: resolve failure of %s: %w", source, err)
	}
	return nil
}

// ResolveFailureStage resolves the open failure of source only if its
// stage is stage: a complete re-extraction clears a truncation, not a
// failure to read the file.
func (db *DB) ResolveFailureStage(ctx context.Context, source, stage string) error {
	return resolveFailureStage(ctx, db.sql, source, stage)
}

// ResolveFailureStage is DB.ResolveFailureStage in the batch.
func (b *Batch) ResolveFailureStage(ctx context.Context, source, stage string) error {
	return resolveFailureStage(ctx, b.q, source, stage)
}

func resolveFailureStage(ctx context.Context, ex execer, source, stage string) error {
	_, err := ex.ExecContext(ctx,
		`UPDATE failures SET resolved_at = ? WHERE source = ? AND resolved_at IS NULL AND stage = ?`,
		now(), source, stage)
	if err != nil {
		return fmt.Errorf("store: resolve failure of %s: %w", source, err)
	}
	return nil
}

// AdoptSource moves what is stored under the file path old (as an earlier
// version stored it: relative, or through a symlink) to the canonical path
// canon: the article keyed by old is re-keyed, unless one is already
// stored under canon (then the old one is deleted), and the open failure of old becomes canon's (or is
// resolved when canon has its own). Nothing is written when nothing is
// stored under old.
func (db *DB) AdoptSource(ctx context.Context, old, canon string) error {
	if old == canon {
		return nil
	}
	if n, err := storedUnder(ctx, db.sql, old); err != nil || n == 0 {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	if err := adoptSource(ctx, tx, old, canon); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: adopt %s as %s: commit: %w", old, canon, err)
	}
	return nil
}

// AdoptSource is DB.AdoptSource in the batch, as one unit.
func (b *Batch) AdoptSource(ctx context.Context, old, canon string) error {
	if old == canon {
		return nil
	}
	if n, err := storedUnder(ctx, b.q, old); err != nil || n == 0 {
		return err
	}
	return b.Do(ctx, func() error { return adoptSource(ctx, b.q, old, canon) })
}

// storedUnder counts the articles and open failures stored under old.
func storedUnder(ctx context.Context, q querier, old string) (int, error) {
	var n int
	err := queryRow(ctx, q, `
		SELECT (SELECT count(*) FROM articles WHERE key = ?1 OR source = ?1)
			+ (SELECT count(*) FROM failures WHERE source = ?1 AND resolved_at IS NULL)`, old).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: look up %s: %w", old, err)
	}
	return n, nil
}

func adoptSource(ctx context.Context, ex execer, old, canon string) error {
	for _, q := range []string{
		`UPDATE articles SET key = ?2, source = ?2
			WHERE key = ?1 AND NOT EXISTS (SELECT 1 FROM articles WHERE key = ?2)`,
		// Both stored: the same file, read as old from this folder now.
		`DELETE FROM articles WHERE key = ?1`,
		`UPDATE articles SET source = ?2 WHERE source = ?1`,
		`UPDATE failures SET source = ?2
			WHERE source = ?1 AND NOT EXISTS (SELECT 1 FROM failures WHERE source = ?2)`,
		`UPDATE failures SET resolved_at = ?3 WHERE source = ?1 AND resolved_at IS NULL`,
	} {
		if _, err := ex.ExecContext(ctx, q, old, canon, now()); err != nil {
			return fmt.Errorf("store: adopt %s as %s: %w", old, canon, err)
		}
	}
	return nil
}

// ruleID returns the id in rules of the rule name, adding it when it is
// new; nil (NULL) for no rule.
func (c *cachedTx) ruleID(ctx context.Context, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	if id, ok := c.rules[name]; ok {
		return id, nil
	}
	var id int64
	// DO UPDATE, a no-op, so that RETURNING gives the existing row's id.
	err := queryRow(ctx, c, `INSERT INTO rules (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("rule id: %w", err)
	}
	if c.rules == nil {
		c.rules = map[string]int64{}
	}
	c.rules[name] = id
	return id, nil
}

// companyID returns the id in companies of the company name, adding it
// when it is new (migration 17); nil (NULL) for none.
func (c *cachedTx) companyID(ctx context.Context, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	if id, ok := c.companies[name]; ok {
		return id, nil
	}
	var id int64
	// DO UPDATE, a no-op, so that RETURNING gives the existing row's id.
	err := queryRow(ctx, c, `INSERT INTO companies (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("company id: %w", err)
	}
	if c.companies == nil {
		c.companies = map[string]int64{}
	}
	c.companies[name] = id
	return id, nil
}
