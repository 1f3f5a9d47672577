-- Claims, citations and corrections (issue 10).
--
-- A claim is what a fact states, its key: the provider, the fact type and
-- the type's key fields (counts: value and scope; expansion: country,
-- facility and status; investment and money: amount and currency). Every
-- fact, a sentence stating the claim, is one citation of it. A claim's id
-- is the first 12 hex digits of the SHA-256 of its normalised key string
-- (store.ClaimKey), computed in Go when facts are saved (SQLite has no
-- SHA-256) and for the facts already stored when this migration is
-- applied. It is recomputed from the same key by `reextract` and by a new
-- `run`, so it is stable and corrections keyed by it stick.
--
-- The column facts.claim_id (TEXT) is added, when missing, and filled by
-- this migration's Go part (store/claims.go, migrationHooks), which runs
-- before this file: so the file can be applied again.
CREATE INDEX IF NOT EXISTS facts_claim ON facts (claim_id);

-- An analyst's verdicts on claims, one row per action, newest last:
-- reject (the claim is wrong: it leaves the default views and export),
-- confirm (checked and right; also undoes a reject), correct (one field
-- set to a value: field and value). Keyed by the claim id, not by a fact
-- or article row, so it survives re-extraction.
CREATE TABLE IF NOT EXISTS corrections (
    id         INTEGER PRIMARY KEY,
    claim_id   TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('reject', 'confirm', 'correct')),
    field      TEXT,                 -- correct: the field set
    value      TEXT,                 -- correct: its new value, as typed
    reason     TEXT,
    created_at TEXT NOT NULL,        -- ISO 8601, UTC
    CHECK ((action = 'correct') = (field IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS corrections_claim ON corrections (claim_id, field);

-- claim_review: one row per claim with a verdict. review is the latest
-- action: rejected, confirmed or corrected; the field columns hold the
-- latest value each correction set (NULL: not corrected).
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

-- facts_reviewed: every fact with its claim's corrections applied (same
-- columns as facts, numbers as numbers) and its review (NULL: none).
DROP VIEW IF EXISTS facts_reviewed;
CREATE VIEW facts_reviewed AS
SELECT f.id, f.article_id, f.claim_id, f.type,
       coalesce(r.company, f.company) AS company,
       f.quote, f.start_offset, f.end_offset, f.rule, f.extractor_version, f.confidence,
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

-- fact_text as 0002 made it, over the reviewed facts: readable amounts.
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

-- The review views of 0002, with the claim id, corrections applied and a
-- review column; rejected claims are left out (claim_list_all and
-- citations keep them).
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

-- amount and usd are numbers (usd >= 1e9 compares numbers); amount_text
-- and usd_text are the same with thousands separators, for reading.
DROP VIEW IF EXISTS money_facts;
CREATE VIEW money_facts AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.type, f.label, f.qualifier,
       f.amount, f.currency, f.usd, f.amount_text, f.usd_text, f.period,
       substr(a.published, 1, 10) AS published, f.quote, a.source, f.review
FROM fact_text f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('investment', 'money') AND f.review IS NOT 'rejected'
ORDER BY f.company, a.published DESC;

-- citations: one row per fact, the claim it cites and where: the
-- article's title, site, date and URL (else its path), the quote and its
-- offsets in the article text, the rule and confidence.
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

-- claim_list_all: one row per claim, its key fields as corrected, when it
-- was first and last published, how many citations and independent
-- sources (distinct sites, a syndicated copy counted as its original's
-- site), the best confidence, an example quote (the most confident) and
-- the review. claim_list is the same without rejected claims.
DROP VIEW IF EXISTS claim_list_all;
CREATE VIEW claim_list_all AS
WITH c AS (
    SELECT f.claim_id,
           min(f.company) AS company,
           min(f.type) AS type,
           min(f.value) AS value, min(f.scope) AS scope,
           min(f.country) AS country, min(f.facility) AS facility, min(f.status) AS status,
           max(f.year) AS year,
           min(f.amount) AS amount, min(f.currency) AS currency, max(f.usd) AS usd,
           min(f.label) AS label,
           min(substr(a.published, 1, 10)) AS first_seen,
           max(substr(a.published, 1, 10)) AS last_seen,
           count(*) AS citations,
           count(DISTINCT coalesce(o.site, o.url, o.source)) AS sources,
           max(f.confidence) AS confidence,
           min(f.review) AS review
    FROM facts_reviewed f
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN article_fingerprints fp ON fp.article_id = a.id
    JOIN articles o ON o.id = coalesce(fp.duplicate_of, a.id)
    GROUP BY f.claim_id
)
SELECT c.claim_id AS claim, c.company, c.type,
       CASE
           WHEN c.type IN ('region_count', 'az_count', 'datacenter_count') THEN
               coalesce(c.value, '?') || ' ' ||
               CASE c.type WHEN 'region_count' THEN 'regions'
                           WHEN 'az_count' THEN 'availability zones'
                           ELSE 'data centers' END ||
               coalesce(' (' || c.scope || ')', '')
           WHEN c.type = 'expansion' THEN
               coalesce(c.facility, '?') || ' in ' || coalesce(c.country, '?') ||
               coalesce(', ' || c.status, '') || coalesce(' ' || c.year, '')
           ELSE
               coalesce(c.label || ': ', '') ||
               coalesce(CASE WHEN c.amount = CAST(c.amount AS INTEGER) THEN printf('%,d', c.amount)
                             ELSE printf('%.2f', c.amount) END, '?') ||
               coalesce(' ' || c.currency, '') ||
               CASE WHEN c.usd IS NOT NULL AND coalesce(c.currency, '') <> 'USD'
                    THEN ' (USD ' || CASE WHEN c.usd = CAST(c.usd AS INTEGER) THEN printf('%,d', c.usd)
                                          ELSE printf('%.2f', c.usd) END || ')' ELSE '' END
       END AS what,
       c.value, c.scope, c.country, c.facility, c.status, c.year,
       c.amount, c.currency, c.usd,
       c.first_seen, c.last_seen, c.citations, c.sources, c.confidence,
       (SELECT x.quote FROM facts x WHERE x.claim_id = c.claim_id
         ORDER BY x.confidence DESC, x.id LIMIT 1) AS quote,
       c.review
FROM c
ORDER BY c.company, c.type, c.last_seen DESC;

DROP VIEW IF EXISTS claim_list;
CREATE VIEW claim_list AS
SELECT * FROM claim_list_all WHERE review IS NOT 'rejected';

-- summary counts every fact, rejected ones aside.
DROP VIEW IF EXISTS summary;
CREATE VIEW summary AS
SELECT coalesce(f.company, '(market)') AS company, f.type,
       count(*) AS claims, count(DISTINCT f.article_id) AS articles
FROM facts_reviewed f
WHERE f.review IS NOT 'rejected'
GROUP BY f.company, f.type
ORDER BY company, f.type;
