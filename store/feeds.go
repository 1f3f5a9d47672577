package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cloudfacts/ingest/crawl"
	"github.com/cloudfacts/ingest/feed"
	"github.com/cloudfacts/ingest/fetch"
)

// DB is the crawl's persistent state: feeds and item pages live in the
// tables of migrations/0003_feeds.sql, next to the articles they lead to.
var _ crawl.Store = (*DB)(nil)

// FeedInfo is a subscribed feed as `ingest feeds list` shows it.
type FeedInfo struct {
	crawl.Feed
	Category string
	AddedAt  time.Time
	Items    int // item pages seen in this feed
	Done     int // of which processed
}

// stamp formats a crawl time for the feeds and feed_items tables: UTC,
// fixed-width milliseconds, so that text comparison in SQL is time order.
// The zero time is NULL.
func stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(stampFormat)
}

func parseStamp(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeFormat, s.String)
}

// AddFeeds subscribes to feeds, in one transaction, and returns how many
// were new. A feed already subscribed keeps its state; a title or category
// given for it replaces the stored one.
func (db *DB) AddFeeds(ctx context.Context, subs []feed.Subscription) (added int, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	ts := now()
	for _, s := range subs {
		if s.URL == "" {
			return 0, errors.New("store: feed with an empty URL")
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO feeds (url, title, category, added_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (url) DO NOTHING`,
			s.URL, nullString(s.Title), nullString(s.Category), ts)
		if err != nil {
			return 0, fmt.Errorf("store: add feed %s: %w", fetch.Redact(s.URL), err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
			continue
		}
		if s.Title != "" || s.Category != "" {
			_, err := tx.ExecContext(ctx,
				`UPDATE feeds SET title = coalesce(?, title), category = coalesce(?, category) WHERE url = ?`,
				nullString(s.Title), nullString(s.Category), s.URL)
			if err != nil {
				return 0, fmt.Errorf("store: update feed %s: %w", fetch.Redact(s.URL), err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: commit feeds: %w", err)
	}
	return added, nil
}

// AddFeed subscribes to one feed; adding it again changes nothing.
func (db *DB) AddFeed(ctx context.Context, url string) error {
	_, err := db.AddFeeds(ctx, []feed.Subscription{{URL: url}})
	return err
}

// RemoveFeed unsubscribes from a feed and reports whether it was
// subscribed. Articles it led to stay, and so do its items' outcomes, so
// that subscribing again does not fetch them again.
func (db *DB) RemoveFeed(ctx context.Context, url string) (bool, error) {
	res, err := db.sql.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, url)
	if err != nil {
		return false, fmt.Errorf("store: remove feed %s: %w", fetch.Redact(url), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: remove feed %s: %w", fetch.Redact(url), err)
	}
	return n > 0, nil
}

// ResetFeed forgets a feed's consecutive failures and makes it due now,
// re-enabling a feed the crawl disabled. It reports whether the feed is
// subscribed. The last error stays visible until a check succeeds.
func (db *DB) ResetFeed(ctx context.Context, url string) (bool, error) {
	res, err := db.sql.ExecContext(ctx,
		`UPDATE feeds SET error_count = 0, next_check = NULL WHERE url = ?`, url)
	if err != nil {
		return false, fmt.Errorf("store: reset feed %s: %w", fetch.Redact(url), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: reset feed %s: %w", fetch.Redact(url), err)
	}
	return n > 0, nil
}

// ResetFeeds resets every feed as ResetFeed does and returns how many
// there are.
func (db *DB) ResetFeeds(ctx context.Context) (int, error) {
	res, err := db.sql.ExecContext(ctx, `UPDATE feeds SET error_count = 0, next_check = NULL`)
	if err != nil {
		return 0, fmt.Errorf("store: reset feeds: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: reset feeds: %w", err)
	}
	return int(n), nil
}

// feedCols are the columns scanFeed reads, in its order.
const feedCols = `url, coalesce(title, ''), coalesce(etag, ''), coalesce(last_modified, ''),
	coalesce(body_hash, ''), last_status, coalesce(last_error, ''), error_count,
	last_check, last_success, next_check`

type scanner interface{ Scan(dest ...any) error }

func scanFeed(sc scanner, extra ...any) (crawl.Feed, error) {
	var (
		f                 crawl.Feed
		check, succ, next sql.NullString
		errCheck, errSucc error
		errNext           error
	)
	dest := append([]any{&f.URL, &f.Title, &f.ETag, &f.LastModified, &f.BodyHash,
		&f.LastStatus, &f.LastError, &f.ErrorCount, &check, &succ, &next}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return f, err
	}
	f.LastCheck, errCheck = parseStamp(check)
	f.LastSuccess, errSucc = parseStamp(succ)
	f.NextCheck, errNext = parseStamp(next)
	if err := errors.Join(errCheck, errSucc, errNext); err != nil {
		return f, fmt.Errorf("feed %s: %w", fetch.Redact(f.URL), err)
	}
	return f, nil
}

// ListFeeds returns every subscribed feed, by category and URL.
func (db *DB) ListFeeds(ctx context.Context) ([]FeedInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT `+feedCols+`, coalesce(category, ''), added_at,
			(SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url),
			(SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url AND i.state = 'done')
		FROM feeds ORDER BY coalesce(category, ''), url`)
	if err != nil {
		return nil, fmt.Errorf("store: list feeds: %w", err)
	}
	defer rows.Close()
	var out []FeedInfo
	for rows.Next() {
		var (
			fi    FeedInfo
			added sql.NullString
		)
		fi.Feed, err = scanFeed(rows, &fi.Category, &added, &fi.Items, &fi.Done)
		if err != nil {
			return nil, fmt.Errorf("store: read feed: %w", err)
		}
		if fi.AddedAt, err = parseStamp(added); err != nil {
			return nil, fmt.Errorf("store: feed %s: added_at: %w", fetch.Redact(fi.URL), err)
		}
		out = append(out, fi)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list feeds: %w", err)
	}
	return out, nil
}

// DueFeeds implements crawl.Store: feeds never checked first, then by
// NextCheck.
func (db *DB) DueFeeds(ctx context.Context, now time.Time) ([]crawl.Feed, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT `+feedCols+` FROM feeds
		WHERE next_check IS NULL OR next_check <= ?
		ORDER BY coalesce(next_check, ''), url`, stamp(now))
	if err != nil {
		return nil, fmt.Errorf("store: due feeds: %w", err)
	}
	defer rows.Close()
	var out []crawl.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: read feed: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: due feeds: %w", err)
	}
	return out, nil
}

// ClaimFeed implements crawl.Store with one conditional UPDATE: SQLite
// runs it under its write lock, so of two claimants only one matches.
func (db *DB) ClaimFeed(ctx context.Context, feedURL string, l crawl.Lease) (crawl.Feed, bool, error) {
	if l.Owner == "" {
		return crawl.Feed{}, false, errors.New("store: claim feed: empty lease owner")
	}
	f, err := scanFeed(db.sql.QueryRowContext(ctx, `
		UPDATE feeds SET lease_owner = ?1, lease_until = ?2
		WHERE url = ?3
			AND (?5 OR next_check IS NULL OR next_check <= ?4)
			AND (lease_owner IS NULL OR lease_owner = ?1 OR lease_until <= ?4)
		RETURNING `+feedCols,
		l.Owner, stamp(l.Until), feedURL, stamp(l.Now), l.IgnoreDue))
	if errors.Is(err, sql.ErrNoRows) {
		return crawl.Feed{}, false, nil
	}
	if err != nil {
		return crawl.Feed{}, false, fmt.Errorf("store: claim feed %s: %w", fetch.Redact(feedURL), err)
	}
	return f, true, nil
}

// SaveFeed implements crawl.Store. A check recorded with an error is also
// recorded in the failures table (stage "feed"); a successful check
// resolves the feed's open failure.
func (db *DB) SaveFeed(ctx context.Context, f crawl.Feed, owner string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	var holder, lastCheck sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT lease_owner, last_check FROM feeds WHERE url = ?`, f.URL).
		Scan(&holder, &lastCheck)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: save feed %s: %w", fetch.Redact(f.URL), crawl.ErrLeaseLost)
	}
	if err != nil {
		return fmt.Errorf("store: save feed %s: %w", fetch.Redact(f.URL), err)
	}
	if owner == "" || holder.String != owner {
		return fmt.Errorf("store: save feed %s: %w", fetch.Redact(f.URL), crawl.ErrLeaseLost)
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE feeds SET title = ?, etag = ?, last_modified = ?, body_hash = ?,
			last_status = ?, last_error = ?, error_count = ?,
			last_check = ?, last_success = ?, next_check = ?,
			lease_owner = NULL, lease_until = NULL
		WHERE url = ?`,
		nullString(f.Title), nullString(f.ETag), nullString(f.LastModified), nullString(f.BodyHash),
		f.LastStatus, nullString(fetch.RedactText(f.LastError)), f.ErrorCount,
		stamp(f.LastCheck), stamp(f.LastSuccess), stamp(f.NextCheck), f.URL)
	if err != nil {
		return fmt.Errorf("store: save feed %s: %w", fetch.Redact(f.URL), err)
	}
	// A feed given back unchanged records no check, and no failure.
	if !f.LastCheck.IsZero() && f.LastCheck.UTC().Format(stampFormat) != lastCheck.String {
		if f.LastError != "" {
			err = recordFailure(ctx, tx, 0, f.URL, "feed", f.LastError)
		} else {
			err = resolveFailure(ctx, tx, f.URL)
		}
		if err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save feed %s: commit: %w", fetch.Redact(f.URL), err)
	}
	return nil
}

// HasArticle implements crawl.Store: an article is stored under url when
// it is the article's key, its canonical URL, or the URL it was fetched
// from.
func (db *DB) HasArticle(ctx context.Context, url string) (bool, error) {
	var ok bool
	err := db.sql.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM articles WHERE key = ?1)
			OR EXISTS (SELECT 1 FROM articles WHERE key = ?1 AND has_url)
			OR EXISTS (SELECT 1 FROM articles WHERE source = ?1)`, url).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: look up article %s: %w", fetch.Redact(url), err)
	}
	return ok, nil
}

// ClaimItem implements crawl.Store: the item is remembered on first sight
// and leased by a conditional UPDATE, in one IMMEDIATE transaction.
func (db *DB) ClaimItem(ctx context.Context, it crawl.Item, l crawl.Lease) (int, bool, error) {
	if l.Owner == "" {
		return 0, false, errors.New("store: claim item: empty lease owner")
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	ts := now()
	_, err = tx.ExecContext(ctx, `
		INSERT INTO feed_items (url, feed_url, link, guid, title, published, first_seen, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO NOTHING`,
		it.URL, nullString(it.FeedURL), nullString(it.Entry.Link), nullString(it.Entry.GUID),
		nullString(it.Entry.Title), stamp(it.Entry.Published), ts, ts)
	if err != nil {
		return 0, false, fmt.Errorf("store: claim item %s: %w", fetch.Redact(it.URL), err)
	}
	var attempts int
	err = tx.QueryRowContext(ctx, `
		UPDATE feed_items SET lease_owner = ?1, lease_until = ?2, updated_at = ?5
		WHERE url = ?3 AND state IN ('pending', 'failed')
			AND (next_retry IS NULL OR next_retry <= ?4)
			AND (lease_owner IS NULL OR lease_owner = ?1 OR lease_until <= ?4)
		RETURNING attempts`,
		l.Owner, stamp(l.Until), it.URL, stamp(l.Now), ts).Scan(&attempts)
	granted := true
	if errors.Is(err, sql.ErrNoRows) {
		granted = false
	} else if err != nil {
		return 0, false, fmt.Errorf("store: claim item %s: %w", fetch.Redact(it.URL), err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("store: claim item %s: commit: %w", fetch.Redact(it.URL), err)
	}
	if !granted {
		return 0, false, nil
	}
	return attempts, true, nil
}

// CompleteItem implements crawl.Store, and resolves the page's open
// failure.
func (db *DB) CompleteItem(ctx context.Context, url, _ string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	ts := now()
	_, err = tx.ExecContext(ctx, `
		INSERT INTO feed_items (url, state, first_seen, updated_at) VALUES (?1, 'done', ?2, ?2)
		ON CONFLICT (url) DO UPDATE SET state = 'done', last_error = NULL, next_retry = NULL,
			lease_owner = NULL, lease_until = NULL, updated_at = excluded.updated_at`,
		url, ts)
	if err != nil {
		return fmt.Errorf("store: complete item %s: %w", fetch.Redact(url), err)
	}
	if err := resolveFailure(ctx, tx, url); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: complete item %s: commit: %w", fetch.Redact(url), err)
	}
	return nil
}

// FailItem implements crawl.Store. A failed attempt (one that counts) is
// also recorded in the failures table, stage "page".
func (db *DB) FailItem(ctx context.Context, f crawl.ItemFailure, owner string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	var (
		holder   sql.NullString
		attempts int
	)
	err = tx.QueryRowContext(ctx, `SELECT lease_owner, attempts FROM feed_items WHERE url = ?`, f.URL).
		Scan(&holder, &attempts)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: fail item %s: %w", fetch.Redact(f.URL), crawl.ErrLeaseLost)
	case err != nil:
		return fmt.Errorf("store: fail item %s: %w", fetch.Redact(f.URL), err)
	case owner == "" || holder.String != owner:
		return fmt.Errorf("store: fail item %s: %w", fetch.Redact(f.URL), crawl.ErrLeaseLost)
	}
	state := "failed"
	if f.NextRetry.IsZero() {
		state = "given_up"
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE feed_items SET state = ?, attempts = ?, last_error = ?, next_retry = ?,
			lease_owner = NULL, lease_until = NULL, updated_at = ?
		WHERE url = ?`,
		state, f.Attempts, nullString(fetch.RedactText(f.Reason)), stamp(f.NextRetry), now(), f.URL)
	if err != nil {
		return fmt.Errorf("store: fail item %s: %w", fetch.Redact(f.URL), err)
	}
	// A page deferred without an attempt (its host asked us to wait) is
	// not a failure worth listing.
	if f.Attempts > attempts {
		if err := recordFailure(ctx, tx, 0, f.URL, "page", f.Reason); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: fail item %s: commit: %w", fetch.Redact(f.URL), err)
	}
	return nil
}

// ReleaseItem implements crawl.Store.
func (db *DB) ReleaseItem(ctx context.Context, url, owner string) error {
	res, err := db.sql.ExecContext(ctx, `
		UPDATE feed_items SET lease_owner = NULL, lease_until = NULL, updated_at = ?
		WHERE url = ? AND lease_owner = ?`, now(), url, owner)
	if err != nil {
		return fmt.Errorf("store: release item %s: %w", fetch.Redact(url), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: release item %s: %w", fetch.Redact(url), err)
	}
	if n == 0 || owner == "" {
		return fmt.Errorf("store: release item %s: %w", fetch.Redact(url), crawl.ErrLeaseLost)
	}
	return nil
}

// DueItems implements crawl.Store.
func (db *DB) DueItems(ctx context.Context, now time.Time, limit int) ([]crawl.Item, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	ts := stamp(now)
	rows, err := db.sql.QueryContext(ctx, `
		SELECT url, coalesce(feed_url, ''), coalesce(link, ''), coalesce(guid, ''),
			coalesce(title, ''), published
		FROM feed_items
		WHERE state IN ('pending', 'failed')
			AND (next_retry IS NULL OR next_retry <= ?1)
			AND (lease_owner IS NULL OR lease_until <= ?1)
		ORDER BY coalesce(next_retry, ''), url
		LIMIT ?2`, ts, limit)
	if err != nil {
		return nil, fmt.Errorf("store: due items: %w", err)
	}
	defer rows.Close()
	var out []crawl.Item
	for rows.Next() {
		var (
			it        crawl.Item
			published sql.NullString
		)
		if err := rows.Scan(&it.URL, &it.FeedURL, &it.Entry.Link, &it.Entry.GUID, &it.Entry.Title, &published); err != nil {
			return nil, fmt.Errorf("store: read item: %w", err)
		}
		if it.Entry.Published, err = parseStamp(published); err != nil {
			return nil, fmt.Errorf("store: item %s: published: %w", fetch.Redact(it.URL), err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: due items: %w", err)
	}
	return out, nil
}
