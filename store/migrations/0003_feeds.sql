-- Scheduled crawling (`ingest feeds`, `ingest crawl`): the subscribed feeds
-- and the pages their items point to. Timestamps are ISO 8601 text in UTC
-- with fixed-width milliseconds, so text order is time order. A lease
-- (lease_owner, lease_until) is how overlapping crawl runs share the work:
-- a row is claimed by one conditional UPDATE, granted only when nobody else
-- holds an unexpired lease. Statements say IF NOT EXISTS so that the file
-- can be applied to a store whose views were dropped by hand.

CREATE TABLE IF NOT EXISTS feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,                 -- the user's title, or the feed's own once known
    category      TEXT,                 -- folder path from an OPML import, "Cloud/AWS"
    added_at      TEXT NOT NULL,
    -- validators for the next conditional GET
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,                 -- SHA-256 of the last body parsed
    last_status   INTEGER NOT NULL DEFAULT 0, -- HTTP status of the last check, 0 if none
    last_error    TEXT,                 -- why the last check failed; NULL after a success
    error_count   INTEGER NOT NULL DEFAULT 0, -- consecutive failed checks
    last_check    TEXT,
    last_success  TEXT,
    next_check    TEXT,                 -- NULL: due now
    lease_owner   TEXT,
    lease_until   TEXT
);

CREATE INDEX IF NOT EXISTS feeds_next_check ON feeds (next_check);

-- One row per item page, keyed by its canonical URL, whichever feed (or
-- feeds) listed it. The feed item's metadata is kept so that a later run can
-- retry the page without the feed.
CREATE TABLE IF NOT EXISTS feed_items (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL UNIQUE,   -- canonical item URL
    feed_url    TEXT,                   -- the feed it was first seen in
    link        TEXT,                   -- the link as the feed gave it
    guid        TEXT,
    title       TEXT,
    published   TEXT,                   -- the feed's date for the item
    state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'done', 'failed', 'given_up')),
    attempts    INTEGER NOT NULL DEFAULT 0, -- failed fetches so far
    last_error  TEXT,
    next_retry  TEXT,                   -- not claimed before; NULL: now
    lease_owner TEXT,
    lease_until TEXT,
    first_seen  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS feed_items_due ON feed_items (next_retry) WHERE state IN ('pending', 'failed');
CREATE INDEX IF NOT EXISTS feed_items_feed ON feed_items (feed_url);

-- HasArticle looks articles up by canonical URL and by the URL fetched.
CREATE INDEX IF NOT EXISTS articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);

-- Feeds as `ingest feeds list` shows them. status: new (never checked), ok,
-- failing (the last check failed), disabled (3 or more failures in a row,
-- the default threshold: skipped until `ingest feeds reset`).
CREATE VIEW IF NOT EXISTS feed_status AS
SELECT url, title, category,
       CASE WHEN last_check IS NULL THEN 'new'
            WHEN error_count >= 3 THEN 'disabled'
            WHEN error_count > 0 THEN 'failing'
            ELSE 'ok' END AS status,
       last_status, error_count, last_error, last_check, last_success, next_check,
       (SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url) AS items,
       (SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url AND i.state = 'done') AS done
FROM feeds
ORDER BY category, url;

-- Pages the crawl has not finished: waiting for a retry, given up, or in
-- flight (leased by a run).
CREATE VIEW IF NOT EXISTS crawl_queue AS
SELECT url, state, attempts, last_error, next_retry, lease_until AS leased_until,
       title, published, feed_url, first_seen
FROM feed_items
WHERE state <> 'done'
ORDER BY state, next_retry, url;
