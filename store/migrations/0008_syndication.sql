-- Syndicated copies (issue 10): each article's content fingerprint and,
-- for a copy of another article (the same wire story on another site),
-- the article it copies. Filled by the pipeline; read by the claim views,
-- which count a copy's citations as corroboration, not as an independent
-- source. A table of its own rather than new columns on articles, so that
-- the migration can be re-applied.
CREATE TABLE IF NOT EXISTS article_fingerprints (
    article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    simhash      INTEGER NOT NULL,            -- 64-bit SimHash of word shingles
    duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS article_fingerprints_simhash ON article_fingerprints(simhash);
CREATE INDEX IF NOT EXISTS article_fingerprints_duplicate_of ON article_fingerprints(duplicate_of);
