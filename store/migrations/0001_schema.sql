-- Tables of the fact store. Columns are NULL where the fact model says null;
-- timestamps are ISO 8601 text in UTC, published keeps the article's offset.

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE, -- canonical URL, else source
    source            TEXT NOT NULL,        -- file path or fetched URL
    url               TEXT,                 -- canonical URL when known
    title             TEXT,
    site              TEXT,
    published         TEXT,                 -- ISO 8601
    language          TEXT,
    content_hash      TEXT NOT NULL,
    text              TEXT NOT NULL,
    feed_url          TEXT,
    feed_guid         TEXT,
    feed_title        TEXT,
    extractor_version TEXT NOT NULL,
    first_seen        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE INDEX articles_published ON articles (published);

CREATE TABLE facts (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type              TEXT NOT NULL CHECK (type IN (
                          'region_count', 'az_count', 'datacenter_count',
                          'expansion', 'investment', 'money')),
    company           TEXT,
    quote             TEXT NOT NULL,
    -- code points, 0-based, end-exclusive:
    -- substr(articles.text, start_offset + 1, end_offset - start_offset) = quote
    start_offset      INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset        INTEGER NOT NULL CHECK (end_offset >= start_offset),
    rule              TEXT,
    extractor_version TEXT NOT NULL,
    confidence        REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    -- count facts
    value             INTEGER,
    scope             TEXT,
    qualifier         TEXT,                 -- also investment and money
    -- expansion facts
    country           TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    city              TEXT,
    facility          TEXT CHECK (facility IS NULL OR facility IN (
                          'region', 'data_center', 'availability_zone', 'edge_location',
                          'local_zone', 'service_center', 'other')),
    status            TEXT CHECK (status IS NULL OR status IN ('planned', 'launched', 'closed')),
    ordinal           INTEGER,
    year              INTEGER,
    -- investment and money facts; NUMERIC keeps whole amounts as integers,
    -- which the shell prints without a trailing ".0"
    amount            NUMERIC,
    currency          TEXT,
    usd               NUMERIC,
    period            TEXT,
    label             TEXT CHECK (label IS NULL OR label IN (
                          'revenue', 'market_spend', 'capex', 'bond', 'market_value', 'other'))
);

CREATE INDEX facts_article ON facts (article_id, start_offset);
CREATE INDEX facts_company_type ON facts (company, type);
CREATE INDEX facts_type ON facts (type);
CREATE INDEX facts_country ON facts (country) WHERE country IS NOT NULL;

CREATE TABLE runs (
    id                 INTEGER PRIMARY KEY,
    command            TEXT NOT NULL,
    args               TEXT NOT NULL DEFAULT '[]', -- JSON array
    started_at         TEXT NOT NULL,
    finished_at        TEXT,
    -- running: not finished (or the process died); partial: some items failed;
    -- failed: the run stopped early with error
    status             TEXT NOT NULL DEFAULT 'running'
                           CHECK (status IN ('running', 'ok', 'partial', 'failed')),
    error              TEXT,
    files_seen         INTEGER NOT NULL DEFAULT 0,
    articles_new       INTEGER NOT NULL DEFAULT 0,
    articles_updated   INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    facts              INTEGER NOT NULL DEFAULT 0,
    skipped            INTEGER NOT NULL DEFAULT 0,
    failed             INTEGER NOT NULL DEFAULT 0
);

-- One row per source that failed; a later failure bumps it, a later success
-- resolves it, so the table survives restarts and shows what still needs care.
CREATE TABLE failures (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,
    stage       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    last_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    resolved_at TEXT
);

CREATE INDEX failures_open ON failures (last_seen) WHERE resolved_at IS NULL;
