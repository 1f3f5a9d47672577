package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cloudfacts/ingest/article"
)

// Syndicated copies (migration 0008): article_fingerprints holds each
// article's SimHash and, for a copy of an earlier article, that article's
// id in duplicate_of. The pipeline decides; these are its reads and writes.

// Fingerprints calls fn with every stored fingerprint of an article whose
// id is above after, in id order.
func (db *DB) Fingerprints(ctx context.Context, after int64, fn func(id int64, simhash uint64)) error {
	return fingerprints(ctx, db.sql, after, fn)
}

// Fingerprints is DB.Fingerprints in the batch: it sees what the batch wrote.
func (b *Batch) Fingerprints(ctx context.Context, after int64, fn func(id int64, simhash uint64)) error {
	return fingerprints(ctx, b.q, after, fn)
}

func fingerprints(ctx context.Context, q querier, after int64, fn func(id int64, simhash uint64)) error {
	rows, err := q.QueryContext(ctx,
		`SELECT article_id, simhash FROM article_fingerprints WHERE article_id > ? ORDER BY article_id`, after)
	if err != nil {
		return fmt.Errorf("store: list fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, h int64
		if err := rows.Scan(&id, &h); err != nil {
			return fmt.Errorf("store: read fingerprint: %w", err)
		}
		fn(id, uint64(h))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: list fingerprints: %w", err)
	}
	return nil
}

// SetFingerprint records article id's SimHash and the article it copies
// (0: none).
func (db *DB) SetFingerprint(ctx context.Context, id int64, simhash uint64, duplicateOf int64) error {
	return setFingerprint(ctx, db.sql, id, simhash, duplicateOf)
}

// SetFingerprint is DB.SetFingerprint in the batch.
func (b *Batch) SetFingerprint(ctx context.Context, id int64, simhash uint64, duplicateOf int64) error {
	return setFingerprint(ctx, b.q, id, simhash, duplicateOf)
}

func setFingerprint(ctx context.Context, ex execer, id int64, simhash uint64, duplicateOf int64) error {
	var dup any
	if duplicateOf != 0 {
		dup = duplicateOf
	}
	_, err := ex.ExecContext(ctx, `
		INSERT INTO article_fingerprints (article_id, simhash, duplicate_of) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET simhash = excluded.simhash, duplicate_of = excluded.duplicate_of
		WHERE simhash IS NOT excluded.simhash OR duplicate_of IS NOT excluded.duplicate_of`,
		id, int64(simhash), dup)
	if err != nil {
		return fmt.Errorf("store: fingerprint of article %d: %w", id, err)
	}
	return nil
}

// DuplicateOf returns the article that article id copies, 0 when none or
// when it has no fingerprint.
func (db *DB) DuplicateOf(ctx context.Context, id int64) (int64, error) {
	var dup sql.NullInt64
	err := db.sql.QueryRowContext(ctx,
		`SELECT duplicate_of FROM article_fingerprints WHERE article_id = ?`, id).Scan(&dup)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: fingerprint of article %d: %w", id, err)
	}
	return dup.Int64, nil
}

// CopiesOf returns the articles linked to article id as its copies, in id
// order.
func (db *DB) CopiesOf(ctx context.Context, id int64) ([]int64, error) {
	return copiesOf(ctx, db.sql, id)
}

// CopiesOf is DB.CopiesOf in the batch.
func (b *Batch) CopiesOf(ctx context.Context, id int64) ([]int64, error) {
	return copiesOf(ctx, b.q, id)
}

func copiesOf(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT article_id FROM article_fingerprints WHERE duplicate_of = ? ORDER BY article_id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: copies of article %d: %w", id, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("store: copies of article %d: %w", id, err)
		}
		ids = append(ids, c)
	}
	return ids, rows.Err()
}

// ArticleID returns the id of the article stored under key, 0 when none.
func (db *DB) ArticleID(ctx context.Context, key string) (int64, error) {
	return articleID(ctx, db.sql, key)
}

// ArticleID is DB.ArticleID in the batch.
func (b *Batch) ArticleID(ctx context.Context, key string) (int64, error) {
	return articleID(ctx, b.q, key)
}

func articleID(ctx context.Context, q querier, key string) (int64, error) {
	var id int64
	err := queryRow(ctx, q, `SELECT id FROM articles WHERE key = ?`, key).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: look up article %s: %w", key, err)
	}
	return id, nil
}

// Rank is what decides which of two copies of a text is the original
// (Before): its publication day and its key, read from the article, not
// from the order the articles were stored in, which with several workers
// varies from run to run (and with it the links, the copies' facts and
// the claims' independent sources).
type Rank struct {
	ID   int64
	Day  string // YYYY-MM-DD, "" when undated
	Key  string
	Hash string // the content hash (ContentHash)
}

// Before reports whether r is the original of a copy ranked s: the
// earlier publication day (an undated article after every dated one:
// nothing says it came first), then the smaller key.
func (r Rank) Before(s Rank) bool {
	if r.Day != s.Day {
		return s.Day == "" || r.Day != "" && r.Day < s.Day
	}
	return r.Key < s.Key
}

// RankOf is the Rank a would be stored with (its ID 0).
func RankOf(a *article.Article) Rank {
	r := Rank{Key: a.Key(), Hash: ContentHash(a.Text)}
	if !a.Published.IsZero() {
		// The first 10 bytes of the stored date (timeFormat), as Ranks reads them.
		r.Day = a.Published.Format(time.DateOnly)
	}
	return r
}

// Ranks returns the Rank of each of ids that is stored, in id order.
func (b *Batch) Ranks(ctx context.Context, ids []int64) ([]Rank, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := b.q.QueryContext(ctx, `SELECT id, coalesce(substr(published, 1, 10), ''), key, lower(hex(content_hash))
		FROM articles WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: rank articles: %w", err)
	}
	defer rows.Close()
	var out []Rank
	for rows.Next() {
		var r Rank
		if err := rows.Scan(&r.ID, &r.Day, &r.Key, &r.Hash); err != nil {
			return nil, fmt.Errorf("store: rank articles: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rank articles: %w", err)
	}
	return out, nil
}

// EarliestWithHash returns the smallest of ids whose article has the
// content hash hash (see ContentHash), 0 when none has.
func (db *DB) EarliestWithHash(ctx context.Context, ids []int64, hash string) (int64, error) {
	return earliestWithHash(ctx, db.sql, ids, hash)
}

// EarliestWithHash is DB.EarliestWithHash in the batch.
func (b *Batch) EarliestWithHash(ctx context.Context, ids []int64, hash string) (int64, error) {
	return earliestWithHash(ctx, b.q, ids, hash)
}

func earliestWithHash(ctx context.Context, q querier, ids []int64, hash string) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := []any{hashBytes(hash)}
	for _, id := range ids {
		args = append(args, id)
	}
	var id sql.NullInt64
	err := queryRow(ctx, q, `SELECT min(id) FROM articles WHERE content_hash = ? AND id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, args...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: look up articles by content: %w", err)
	}
	return id.Int64, nil
}

// StoredArticle is what re-linking an article reads: its text, stated
// date, content hash and how many facts it has.
type StoredArticle struct {
	article.Article
	ContentHash string
	Facts       int
}

// ArticleByID returns the stored text and facts count of article id, or
// ErrNotFound.
func (db *DB) ArticleByID(ctx context.Context, id int64) (StoredArticle, error) {
	return articleByID(ctx, db.sql, id)
}

// ArticleByID is DB.ArticleByID in the batch.
func (b *Batch) ArticleByID(ctx context.Context, id int64) (StoredArticle, error) {
	return articleByID(ctx, b.q, id)
}

func articleByID(ctx context.Context, q querier, id int64) (StoredArticle, error) {
	var (
		s         StoredArticle
		published sql.NullString
		z         []byte
		stored    sql.NullInt64 // text_size, NULL when the text waits
		size      int64
	)
	err := queryRow(ctx, q, `
		SELECT a.source, t.text_z, t.text_size, a.published, lower(hex(a.content_hash)), (SELECT count(*) FROM facts WHERE article_id = a.id)
		FROM articles a LEFT JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`, id).Scan(&s.Source, &z, &stored, &published, &s.ContentHash, &s.Facts)
	size = stored.Int64
	if c, ok := q.(*cachedTx); ok && err == nil && !stored.Valid {
		// Saved in this batch: its text is written when the batch commits.
		z, size, _ = c.pendingText(id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("store: article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return s, fmt.Errorf("store: article %d: %w", id, err)
	}
	if s.Text, err = articleText(z, size); err != nil {
		return s, fmt.Errorf("store: article %d: %w", id, err)
	}
	if published.Valid {
		if s.Published, err = time.Parse(timeFormat, published.String); err != nil {
			return s, fmt.Errorf("store: article %d: published: %w", id, err)
		}
	}
	return s, nil
}
