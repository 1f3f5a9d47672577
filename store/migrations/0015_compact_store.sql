-- 0015: a smaller store (issue 11).
--
-- 1. Article text is stored compressed, in the sqlar format (store/sqlar.go):
--    articles.text_z is the text zlib-compressed, or as it is when that is
--    not smaller, and articles.text_size its length in bytes. The sqlite3
--    shell has sqlar_uncompress built in, and this program registers it,
--    so the views read quotes as
--      substr(CAST(sqlar_uncompress(a.text_z, a.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset)
--    article_text shows every article with its text, as articles did.
-- 2. Each fact's rule name is kept once, in rules; facts.rule_id points to
--    it and the views show the name, as before.
-- 3. A fact written since the claims were last stored (RefreshClaims) is
--    known by its id, above claim_mark.fact_id, rather than by a row in
--    claim_dirty: a run that adds facts no longer writes each new claim
--    into claim_dirty's index (one more B-tree insert per fact, and pages
--    freed when RefreshClaims empties it). claims_waiting is both. The
--    insert trigger remains for an id at or below the mark (SQLite may
--    give a new row the id of a deleted one).
-- The migration's Go part (compactStore, store/compact.go) drops the views
-- that read facts or articles, moves the data and drops the two old
-- columns; this file creates the views again, as 0013 and 0014 made them
-- (their comments say what each shows) but for the quote and the rule.
-- Both parts can be applied again.

CREATE TABLE IF NOT EXISTS rules (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

DROP TRIGGER IF EXISTS facts_claim_update;
CREATE TRIGGER facts_claim_update AFTER UPDATE ON facts BEGIN
    INSERT INTO claim_dirty VALUES (OLD.claim_id), (NEW.claim_id) ON CONFLICT DO NOTHING;
END;

-- claim_mark: one row, the highest fact id whose claim claim_stats holds
-- (or claim_dirty names). Created here, it is the highest id now: every
-- claim is stored or in claim_dirty. Applied again, the claims of the
-- facts above it are moved to claim_dirty first.
CREATE TABLE IF NOT EXISTS claim_mark (fact_id INTEGER NOT NULL);
INSERT INTO claim_dirty SELECT claim_id FROM facts WHERE id > (SELECT fact_id FROM claim_mark)
    ON CONFLICT DO NOTHING;
DELETE FROM claim_mark;
INSERT INTO claim_mark SELECT coalesce(max(id), 0) FROM facts;

DROP TRIGGER IF EXISTS facts_claim_insert;
CREATE TRIGGER facts_claim_insert AFTER INSERT ON facts
WHEN NEW.id <= (SELECT fact_id FROM claim_mark) BEGIN
    INSERT INTO claim_dirty VALUES (NEW.claim_id) ON CONFLICT DO NOTHING;
END;

-- claims_waiting: the claims claim_stats does not hold as they are now.
-- NOT INDEXED: facts are found by id; SQLite would otherwise merge the
-- two parts in order, reading all of facts_claim.
DROP VIEW IF EXISTS claims_waiting;
CREATE VIEW claims_waiting AS
SELECT claim_id FROM claim_dirty
UNION
SELECT claim_id FROM facts NOT INDEXED WHERE id > (SELECT fact_id FROM claim_mark);

-- claims_pending is 1 when a claim waits: cheap (claim_dirty's first row,
-- a search of facts by id). The conflicts views test the same in forms
-- SQLite evaluates once, before any scan of facts (a single EXISTS of one
-- table; not an OR, nor a read of this view, which cost 22 ms over
-- 100,000 articles): live, "a fact above the mark, or above -1 when a
-- claim is in claim_dirty" (with no facts there is nothing to compute);
-- stored, neither.
DROP VIEW IF EXISTS claims_pending;
CREATE VIEW claims_pending AS
SELECT EXISTS (SELECT 1 FROM claim_dirty)
    OR EXISTS (SELECT 1 FROM facts WHERE id > (SELECT fact_id FROM claim_mark)) AS pending;

-- article_text: every article as it was stored before 0015, its text
-- uncompressed.
DROP VIEW IF EXISTS article_text;
CREATE VIEW article_text AS
SELECT id, key, source, url, title, site, published, language, content_hash,
       CAST(sqlar_uncompress(text_z, text_size) AS TEXT) AS text,
       feed_url, feed_guid, feed_title, extractor_version, first_seen, updated_at, file_modified
FROM articles;

DROP VIEW IF EXISTS claim_review;
CREATE VIEW claim_review AS
WITH fixes AS (
    SELECT c.claim_id, c.field, c.value FROM corrections c
    WHERE c.action = 'correct'
      AND c.id = (SELECT max(d.id) FROM corrections d
                  WHERE d.claim_id = c.claim_id AND d.field = c.field AND d.action = 'correct')
)
SELECT r.claim_id,
       (SELECT CASE l.action WHEN 'reject' THEN 'rejected' WHEN 'confirm' THEN 'confirmed' ELSE 'corrected' END
          FROM corrections l WHERE l.claim_id = r.claim_id ORDER BY l.id DESC LIMIT 1) AS review,
       (SELECT l.reason FROM corrections l WHERE l.claim_id = r.claim_id ORDER BY l.id DESC LIMIT 1) AS reason,
       (SELECT max(l.created_at) FROM corrections l WHERE l.claim_id = r.claim_id) AS reviewed_at,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'company') AS company,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'value') AS value,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'scope') AS scope,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'qualifier') AS qualifier,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'country') AS country,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'city') AS city,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'facility') AS facility,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'status') AS status,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'ordinal') AS ordinal,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'year') AS year,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'amount') AS amount,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'currency') AS currency,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'usd') AS usd,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'period') AS period,
       (SELECT value FROM fixes x WHERE x.claim_id = r.claim_id AND x.field = 'label') AS label
FROM (SELECT DISTINCT claim_id FROM corrections) r;

DROP VIEW IF EXISTS facts_reviewed;
CREATE VIEW facts_reviewed AS
SELECT f.id, f.article_id, f.claim_id, f.type,
       coalesce(r.company, f.company) AS company,
       (SELECT substr(CAST(sqlar_uncompress(q.text_z, q.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset)
          FROM articles q WHERE q.id = f.article_id) AS quote,
       f.start_offset, f.end_offset, (SELECT r.name FROM rules r WHERE r.id = f.rule_id) AS rule,
       (SELECT q.extractor_version FROM articles q WHERE q.id = f.article_id) AS extractor_version,
       f.confidence,
       coalesce(CAST(r.value AS INTEGER), f.value) AS value,
       coalesce(r.scope, f.scope) AS scope,
       coalesce(r.qualifier, f.qualifier) AS qualifier,
       coalesce(r.country, f.country) AS country,
       coalesce(r.city, f.city) AS city,
       coalesce(r.facility, f.facility) AS facility,
       coalesce(r.status, f.status) AS status,
       coalesce(CAST(r.ordinal AS INTEGER), f.ordinal) AS ordinal,
       coalesce(CAST(r.year AS INTEGER), f.year) AS year,
       coalesce(CAST(r.amount AS NUMERIC), f.amount) AS amount,
       coalesce(r.currency, f.currency) AS currency,
       coalesce(CAST(r.usd AS NUMERIC), f.usd) AS usd,
       coalesce(r.period, f.period) AS period,
       coalesce(r.label, f.label) AS label,
       r.review, r.reason AS review_reason
FROM facts f
LEFT JOIN claim_review r ON r.claim_id = f.claim_id;

DROP VIEW IF EXISTS fact_text;
CREATE VIEW fact_text AS
SELECT f.*,
       CASE WHEN f.amount IS NULL THEN NULL
            WHEN f.amount = CAST(f.amount AS INTEGER) THEN printf('%,d', f.amount)
            ELSE printf('%.2f', f.amount) END AS amount_text,
       CASE WHEN f.usd IS NULL THEN NULL
            WHEN f.usd = CAST(f.usd AS INTEGER) THEN printf('%,d', f.usd)
            ELSE printf('%.2f', f.usd) END AS usd_text,
       CASE
           WHEN f.type IN ('region_count', 'az_count', 'datacenter_count') THEN
               coalesce(f.qualifier || ' ', '') || coalesce(f.value, '?') || ' ' ||
               CASE f.type WHEN 'region_count' THEN 'regions'
                           WHEN 'az_count' THEN 'availability zones'
                           ELSE 'data centers' END ||
               coalesce(' (' || f.scope || ')', '')
           WHEN f.type = 'expansion' THEN
               coalesce(f.facility, '?') || ' in ' || coalesce(f.country, '?') ||
               coalesce('/' || f.city, '') || coalesce(' #' || f.ordinal, '')
           ELSE
               coalesce(f.label || ': ', '') || coalesce(f.qualifier || ' ', '') ||
               coalesce(CASE WHEN f.amount = CAST(f.amount AS INTEGER) THEN printf('%,d', f.amount)
                             ELSE printf('%.2f', f.amount) END, '?') ||
               coalesce(' ' || f.currency, '') ||
               CASE WHEN f.usd IS NOT NULL AND coalesce(f.currency, '') <> 'USD'
                    THEN ' (USD ' || CASE WHEN f.usd = CAST(f.usd AS INTEGER) THEN printf('%,d', f.usd)
                                          ELSE printf('%.2f', f.usd) END || ')' ELSE '' END ||
               coalesce(', ' || f.period, '')
       END AS what
FROM facts_reviewed f;

DROP VIEW IF EXISTS claims;
CREATE VIEW claims AS
SELECT f.id AS fact,
       f.claim_id AS claim,
       f.company,
       f.type,
       f.what,
       f.status,
       f.year,
       f.confidence,
       f.quote,
       a.title,
       substr(a.published, 1, 10) AS published,
       a.source,
       f.article_id AS article,
       f.review
FROM fact_text f
JOIN articles a ON a.id = f.article_id
WHERE f.review IS NOT 'rejected';

DROP VIEW IF EXISTS expansions;
CREATE VIEW expansions AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.country, f.city, f.facility, f.status,
       f.year, f.ordinal, substr(a.published, 1, 10) AS published,
       f.quote, a.source, f.review
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
WHERE f.type = 'expansion' AND f.review IS NOT 'rejected'
ORDER BY f.company, f.country, f.facility, a.published;

DROP VIEW IF EXISTS footprint;
CREATE VIEW footprint AS
SELECT f.company, f.country, f.facility, f.status,
       group_concat(DISTINCT f.city) AS cities,
       min(f.year) AS first_year,
       max(f.year) AS last_year,
       count(*) AS claims,
       count(DISTINCT f.article_id) AS articles,
       min(substr(a.published, 1, 10)) AS first_published,
       max(substr(a.published, 1, 10)) AS last_published
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
WHERE f.type = 'expansion' AND f.review IS NOT 'rejected'
GROUP BY f.company, f.country, f.facility, f.status
ORDER BY f.company, f.country, f.facility, f.status;

DROP VIEW IF EXISTS counts;
CREATE VIEW counts AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.type, f.qualifier, f.value, f.scope,
       substr(a.published, 1, 10) AS published, f.quote, a.source, f.review
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('region_count', 'az_count', 'datacenter_count') AND f.review IS NOT 'rejected'
ORDER BY f.company, f.type, a.published DESC;

DROP VIEW IF EXISTS money_facts;
CREATE VIEW money_facts AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.type, f.label, f.qualifier,
       f.amount, f.currency, f.usd, f.amount_text, f.usd_text, f.period,
       substr(a.published, 1, 10) AS published, f.quote, a.source, f.review
FROM fact_text f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('investment', 'money') AND f.review IS NOT 'rejected'
ORDER BY f.company, a.published DESC;

DROP VIEW IF EXISTS citations;
CREATE VIEW citations AS
SELECT f.claim_id AS claim,
       a.title,
       coalesce(a.site, '') AS site,
       substr(a.published, 1, 10) AS published,
       f.quote,
       f.start_offset AS start,
       f.end_offset AS "end",
       f.rule,
       f.confidence,
       coalesce(a.url, a.source) AS url,
       (SELECT coalesce(o.url, o.source) FROM article_fingerprints fp JOIN articles o ON o.id = fp.duplicate_of
         WHERE fp.article_id = a.id) AS copy_of,
       f.review
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
ORDER BY f.claim_id, a.published, f.confidence DESC;

DROP VIEW IF EXISTS summary;
CREATE VIEW summary AS
SELECT coalesce(f.company, '(market)') AS company, f.type,
       count(*) AS claims, count(DISTINCT f.article_id) AS articles
FROM facts_reviewed f
WHERE f.review IS NOT 'rejected'
GROUP BY f.company, f.type
ORDER BY company, f.type;

DROP VIEW IF EXISTS claim_dirty_stats;
CREATE VIEW claim_dirty_stats AS
WITH c AS (
    SELECT f.claim_id,
           min(f.company) AS company, min(f.type) AS type,
           min(f.value) AS value, min(f.scope) AS scope,
           min(f.country) AS country, min(f.facility) AS facility, min(f.status) AS status,
           max(f.year) AS year,
           min(f.amount) AS amount, min(f.currency) AS currency, max(f.usd) AS usd,
           min(f.label) AS label,
           min(substr(a.published, 1, 10)) AS first_seen,
           max(substr(a.published, 1, 10)) AS last_seen,
           count(*) AS citations,
           count(DISTINCT coalesce(o.site, o.url, o.source)) AS sources,
           max(f.confidence) AS confidence
    FROM claims_waiting d
    CROSS JOIN facts f ON f.claim_id = d.claim_id
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN article_fingerprints fp ON fp.article_id = a.id
    JOIN articles o ON o.id = coalesce(fp.duplicate_of, a.id)
    GROUP BY f.claim_id
),
r AS (
    SELECT c.*,
           EXISTS (SELECT 1 FROM corrections x WHERE x.claim_id = c.claim_id) AS reviewed
    FROM c
)
SELECT coalesce(CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'company' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.company)
           ELSE r.company END, '') AS company,
       r.type,
       coalesce(r.last_seen, '') AS last_seen,
       r.claim_id,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'value' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.value)
           ELSE r.value END AS value,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'scope' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.scope)
           ELSE r.scope END AS scope,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'country' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.country)
           ELSE r.country END AS country,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'facility' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.facility)
           ELSE r.facility END AS facility,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'status' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.status)
           ELSE r.status END AS status,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'year' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.year)
           ELSE r.year END AS year,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'amount' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.amount)
           ELSE r.amount END AS amount,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'currency' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.currency)
           ELSE r.currency END AS currency,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'usd' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.usd)
           ELSE r.usd END AS usd,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'label' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.label)
           ELSE r.label END AS label,
       r.first_seen, r.citations, r.sources, r.confidence,
       (SELECT x.id FROM facts x WHERE x.claim_id = r.claim_id
         ORDER BY x.confidence DESC, x.id LIMIT 1) AS fact,
       CASE WHEN r.reviewed THEN (SELECT CASE l.action WHEN 'reject' THEN 'rejected' WHEN 'confirm' THEN 'confirmed' ELSE 'corrected' END
          FROM corrections l WHERE l.claim_id = r.claim_id ORDER BY l.id DESC LIMIT 1) END AS review
FROM r;

-- claim_bulk_stats is claim_dirty_stats for many claims at once (a run
-- that wrote a large share of the store, RefreshClaims decides): facts
-- read in table order and grouped by a sort, rather than each claim's
-- facts looked up through facts_claim, a quarter faster when most claims
-- are dirty.
DROP VIEW IF EXISTS claim_bulk_stats;
CREATE VIEW claim_bulk_stats AS
WITH c AS (
    SELECT f.claim_id,
           min(f.company) AS company, min(f.type) AS type,
           min(f.value) AS value, min(f.scope) AS scope,
           min(f.country) AS country, min(f.facility) AS facility, min(f.status) AS status,
           max(f.year) AS year,
           min(f.amount) AS amount, min(f.currency) AS currency, max(f.usd) AS usd,
           min(f.label) AS label,
           min(substr(a.published, 1, 10)) AS first_seen,
           max(substr(a.published, 1, 10)) AS last_seen,
           count(*) AS citations,
           count(DISTINCT coalesce(o.site, o.url, o.source)) AS sources,
           max(f.confidence) AS confidence
    FROM facts f NOT INDEXED
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN article_fingerprints fp ON fp.article_id = a.id
    JOIN articles o ON o.id = coalesce(fp.duplicate_of, a.id)
    WHERE f.claim_id IN (SELECT claim_id FROM claims_waiting)
    GROUP BY f.claim_id
),
r AS (
    SELECT c.*,
           EXISTS (SELECT 1 FROM corrections x WHERE x.claim_id = c.claim_id) AS reviewed
    FROM c
)
SELECT coalesce(CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'company' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.company)
           ELSE r.company END, '') AS company,
       r.type,
       coalesce(r.last_seen, '') AS last_seen,
       r.claim_id,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'value' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.value)
           ELSE r.value END AS value,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'scope' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.scope)
           ELSE r.scope END AS scope,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'country' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.country)
           ELSE r.country END AS country,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'facility' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.facility)
           ELSE r.facility END AS facility,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'status' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.status)
           ELSE r.status END AS status,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'year' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.year)
           ELSE r.year END AS year,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'amount' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.amount)
           ELSE r.amount END AS amount,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'currency' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.currency)
           ELSE r.currency END AS currency,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'usd' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.usd)
           ELSE r.usd END AS usd,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_id = r.claim_id AND x.field = 'label' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.label)
           ELSE r.label END AS label,
       r.first_seen, r.citations, r.sources, r.confidence,
       (SELECT x.id FROM facts x WHERE x.claim_id = r.claim_id
         ORDER BY x.confidence DESC, x.id LIMIT 1) AS fact,
       CASE WHEN r.reviewed THEN (SELECT CASE l.action WHEN 'reject' THEN 'rejected' WHEN 'confirm' THEN 'confirmed' ELSE 'corrected' END
          FROM corrections l WHERE l.claim_id = r.claim_id ORDER BY l.id DESC LIMIT 1) END AS review
FROM r;

DROP VIEW IF EXISTS claim_rows;
CREATE VIEW claim_rows AS
SELECT * FROM claim_stats WHERE claim_id NOT IN (SELECT claim_id FROM claims_waiting)
UNION ALL
SELECT * FROM claim_dirty_stats
ORDER BY company, type, last_seen DESC;

DROP VIEW IF EXISTS claim_list_all;
CREATE VIEW claim_list_all AS
SELECT s.claim_id AS claim, nullif(s.company, '') AS company, s.type,
       CASE
           WHEN s.type IN ('region_count', 'az_count', 'datacenter_count') THEN
               coalesce(s.value, '?') || ' ' ||
               CASE s.type WHEN 'region_count' THEN 'regions'
                           WHEN 'az_count' THEN 'availability zones'
                           ELSE 'data centers' END ||
               coalesce(' (' || s.scope || ')', '')
           WHEN s.type = 'expansion' THEN
               coalesce(s.facility, '?') || ' in ' || coalesce(s.country, '?') ||
               coalesce(', ' || s.status, '') || coalesce(' ' || s.year, '')
           ELSE
               coalesce(s.label || ': ', '') ||
               coalesce(CASE WHEN s.amount = CAST(s.amount AS INTEGER) THEN printf('%,d', s.amount)
                             ELSE printf('%.2f', s.amount) END, '?') ||
               coalesce(' ' || s.currency, '') ||
               CASE WHEN s.usd IS NOT NULL AND coalesce(s.currency, '') <> 'USD'
                    THEN ' (USD ' || CASE WHEN s.usd = CAST(s.usd AS INTEGER) THEN printf('%,d', s.usd)
                                          ELSE printf('%.2f', s.usd) END || ')' ELSE '' END
       END AS what,
       s.value, s.scope, s.country, s.facility, s.status, s.year,
       s.amount, s.currency, s.usd,
       s.first_seen, nullif(s.last_seen, '') AS last_seen, s.citations, s.sources, s.confidence,
       (SELECT substr(CAST(sqlar_uncompress(a.text_z, a.text_size) AS TEXT), x.start_offset + 1, x.end_offset - x.start_offset)
          FROM facts x JOIN articles a ON a.id = x.article_id WHERE x.id = s.fact) AS quote,
       s.review
FROM claim_rows s;

DROP VIEW IF EXISTS claim_list;
CREATE VIEW claim_list AS
SELECT * FROM claim_list_all WHERE review IS NOT 'rejected';

-- count_timeline inflates an article only for a row it gives and only
-- when its quote is asked for: the window is computed in t, and the quote
-- read by fact in the outer query, which SQLite merges into the caller's
-- (dropping the quote when the caller does not select it).
DROP VIEW IF EXISTS count_timeline;
CREATE VIEW count_timeline AS
WITH c AS (
    SELECT f.id, f.company, f.type, f.scope, f.qualifier, f.value,
           f.article_id, substr(a.published, 1, 10) AS published,
           a.title, coalesce(a.url, a.source) AS source
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN ('region_count', 'az_count', 'datacenter_count')
      AND f.value IS NOT NULL
),
t AS (
    SELECT company, type, scope, published, value, qualifier, id, article_id, title, source,
           value - lag(value) OVER w AS change,
           row_number() OVER w AS step
    FROM c
    WINDOW w AS (PARTITION BY company, type, scope ORDER BY coalesce(published, ''), id)
)
SELECT company AS provider,
       CASE type WHEN 'region_count' THEN 'regions'
                 WHEN 'az_count' THEN 'availability zones'
                 ELSE 'data centers' END AS count,
       scope,
       published,
       value,
       change,
       qualifier,
       step,
       id AS fact,
       article_id AS article,
       title,
       source,
       (SELECT substr(CAST(sqlar_uncompress(q.text_z, q.text_size) AS TEXT), x.start_offset + 1, x.end_offset - x.start_offset)
          FROM facts x JOIN articles q ON q.id = x.article_id WHERE x.id = t.id) AS quote
FROM t
ORDER BY company, type, scope, coalesce(published, ''), id;

DROP VIEW IF EXISTS facility_status;
CREATE VIEW facility_status AS
WITH daily AS (
    -- SQLite takes the bare column id from the row holding max(rank).
    SELECT f.company, f.country, f.facility,
           coalesce(substr(a.published, 1, 10), '') AS day,
           max(CASE f.status WHEN 'closed' THEN 3 WHEN 'launched' THEN 2 ELSE 1 END) AS rank,
           f.id AS id,
           count(*) AS claims,
           count(DISTINCT f.article_id) AS articles
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type = 'expansion' AND f.status IS NOT NULL AND f.country IS NOT NULL
    GROUP BY f.company, f.country, f.facility, day
),
steps AS (
    SELECT *, lag(rank) OVER (PARTITION BY company, country, facility ORDER BY day) AS prev
    FROM daily
),
history AS (
    SELECT *,
           group_concat(CASE WHEN prev IS NULL OR prev <> rank THEN
                            CASE rank WHEN 3 THEN 'closed' WHEN 2 THEN 'launched' ELSE 'planned' END ||
                            ' ' || CASE day WHEN '' THEN 'undated' ELSE substr(day, 1, 7) END END, ' → ') OVER w AS history,
           max(CASE WHEN prev IS NULL OR prev <> rank THEN day END) OVER w AS since,
           max(day) OVER w AS last_day,
           sum(claims) OVER w AS total_claims,
           sum(articles) OVER w AS total_articles
    FROM steps
    WINDOW w AS (PARTITION BY company, country, facility ORDER BY day
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT h.company AS provider,
       h.country,
       coalesce(replace(h.facility, '_', ' '), 'facility') AS facility,
       CASE h.rank WHEN 3 THEN 'closed' WHEN 2 THEN 'launched' ELSE 'planned' END AS status,
       nullif(h.since, '') AS since,
       nullif(h.day, '') AS last_reported,
       h.history,
       h.total_claims AS claims,
       h.total_articles AS articles,
       h.id AS fact,
       substr(CAST(sqlar_uncompress(a.text_z, a.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset) AS quote,
       coalesce(a.url, a.source) AS source
FROM history h
JOIN facts f ON f.id = h.id
JOIN articles a ON a.id = f.article_id
WHERE h.day = h.last_day
ORDER BY h.company, h.country, h.facility;

DROP VIEW IF EXISTS conflicts_live;
CREATE VIEW conflicts_live AS
WITH c AS (
    SELECT f.id, f.company, f.type, f.scope, f.value,
           coalesce(substr(a.published, 1, 10), '') AS day
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN ('region_count', 'az_count', 'datacenter_count') AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
      AND f.value IS NOT NULL AND f.company IS NOT NULL
),
vals AS (
    SELECT company, type, scope, day, value, min(id) AS id,
           CASE type WHEN 'region_count' THEN 'regions'
                     WHEN 'az_count' THEN 'availability zones'
                     ELSE 'data centers' END || coalesce(' (' || scope || ')', '') AS what,
           CASE WHEN length(scope) = 2 THEN scope END AS country
    FROM c
    GROUP BY company, type, scope, day, value
),
ev AS (
    SELECT company, type, scope, day, value, id, what, country, 1 AS isval FROM vals
    UNION ALL
    SELECT e.company, NULL, NULL, coalesce(substr(ea.published, 1, 10), ''), NULL, NULL, NULL, e.country, 0
    FROM facts e
    JOIN articles ea ON ea.id = e.article_id
    WHERE e.type = 'expansion' AND e.status = 'closed' AND e.company IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
),
-- seq numbers the dates of every count (company, type, scope) in order:
-- the date before a date of a count is the one numbered one less.
-- closed counts the closures by the provider (in the count's country, for
-- a country scope) on or before the date.
seq AS MATERIALIZED (
    SELECT * FROM (
        SELECT company, type, scope, day, value, id, what, isval,
               dense_rank() OVER (ORDER BY company, type, scope, day) AS seq,
               CASE WHEN country IS NULL
                    THEN sum(1 - isval) OVER (PARTITION BY company ORDER BY day, isval)
                    ELSE sum(1 - isval) OVER (PARTITION BY company, country ORDER BY day, isval) END AS closed
        FROM ev)
    WHERE isval = 1
),
-- The grouping makes SQLite index steps for the join below (it does not
-- index seq itself); prev is the number of the date before.
steps AS (
    SELECT seq, seq - 1 AS prev, company, type, scope, day, value, id, what, closed
    FROM seq
    GROUP BY seq, value
),
pairs AS (
    SELECT 'same date' AS kind, x.company, x.what, x.value AS v1, x.day AS d1, y.value AS v2, y.day AS d2,
           x.id AS f1, y.id AS f2
    FROM vals x
    JOIN vals y ON y.company = x.company AND y.type = x.type AND y.scope IS x.scope AND y.day = x.day
    WHERE x.day <> '' AND x.value < y.value
    UNION ALL
    SELECT 'dropped', x.company, x.what, x.value, x.day, y.value, y.day, x.id, y.id
    FROM steps x
    JOIN steps y ON y.prev = x.seq AND y.company = x.company AND y.type = x.type AND y.scope IS x.scope
              AND x.value > y.value AND y.closed = x.closed
    UNION ALL
    SELECT 'USD differs', x.company,
           'USD equivalent of ' || printf('%,d', x.amount) || ' ' || x.currency,
           x.usd, x.day, y.usd, y.day, min(x.id), min(y.id)
    FROM (SELECT f.id, f.company, f.amount, f.currency, f.usd,
                 coalesce(substr(a.published, 1, 10), '') AS day
          FROM facts f JOIN articles a ON a.id = f.article_id
          WHERE f.type = 'investment' AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
            AND f.currency <> 'USD' AND f.usd IS NOT NULL) x
    JOIN (SELECT f.id, f.company, f.amount, f.currency, f.usd,
                 coalesce(substr(a.published, 1, 10), '') AS day
          FROM facts f JOIN articles a ON a.id = f.article_id
          WHERE f.type = 'investment' AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
            AND f.usd IS NOT NULL) y
      ON y.company = x.company AND y.currency = x.currency AND y.amount = x.amount
     AND (x.day, x.id) < (y.day, y.id)
     AND abs(y.usd - x.usd) > 0.01 * min(x.usd, y.usd)
    GROUP BY x.company, x.currency, x.amount, x.usd, y.usd
)
SELECT p.kind,
       p.company AS provider,
       p.what,
       p.v1 AS value_1,
       nullif(p.d1, '') AS date_1,
       p.v2 AS value_2,
       nullif(p.d2, '') AS date_2,
       p.f1 AS fact_1,
       p.f2 AS fact_2,
       coalesce(a1.url, a1.source) AS source_1,
       coalesce(a2.url, a2.source) AS source_2
FROM pairs p
JOIN facts g1 ON g1.id = p.f1
JOIN articles a1 ON a1.id = g1.article_id
JOIN facts g2 ON g2.id = p.f2
JOIN articles a2 ON a2.id = g2.article_id
ORDER BY p.company, p.kind, p.what, p.d1, p.d2;

DROP VIEW IF EXISTS conflicts;
CREATE VIEW conflicts AS
SELECT * FROM conflict_cache WHERE NOT EXISTS (SELECT 1 FROM claim_dirty)
    AND NOT EXISTS (SELECT 1 FROM facts WHERE id > (SELECT fact_id FROM claim_mark))
UNION ALL
SELECT * FROM conflicts_live;
