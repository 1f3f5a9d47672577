-- Every view of the store, defined once (store/views.go). After the
-- migrations, a store whose views were made from another text of this file
-- has them all dropped and made again from this one, so a migration changes
-- tables only and a view is changed here.
--
-- Codes (migration 0016): facts.type, facts.facility and facts.status, and
-- claim_stats.type, .facility and .status, are small integers, numbered in
-- the alphabetical order of their names so that ORDER BY, min() and max()
-- give what the names gave; fact_codes lists them for the sqlite3 shell,
-- and the views show the names:
--   type      1 az_count, 2 datacenter_count, 3 expansion, 4 investment,
--             5 money, 6 region_count
--   facility  1 availability_zone, 2 data_center, 3 edge_location,
--             4 local_zone, 5 other, 6 region, 7 service_center
--   status    1 closed, 2 launched, 3 planned
-- The CASE expressions below are those lists (TestFactCodes holds them to
-- fact_codes and to the Go side, store/codes.go).
--
-- claim_stats.first_seen and .last_seen are days since 1970-01-01 (2 or 3
-- bytes, not 10); an undated claim's last_seen is -1000000, which sorts
-- last as '' did, and its first_seen NULL. claim_list_all shows dates.

CREATE VIEW open_failures AS
SELECT source, stage, reason, attempts, first_seen, last_seen, last_run_id AS last_run
FROM failures
WHERE resolved_at IS NULL
ORDER BY last_seen DESC, source;

CREATE VIEW run_log AS
SELECT id, command, args, started_at,
       CAST(round((julianday(finished_at) - julianday(started_at)) * 86400) AS INTEGER) AS seconds,
       status, files_seen AS files, articles_new AS new, articles_updated AS updated,
       articles_unchanged AS unchanged, facts, skipped, failed, error
FROM runs
ORDER BY id DESC;

CREATE VIEW url_shown AS
-- Every feed and page URL (url) and how the views show it (shown): with the
-- password of its user information replaced by ***; a URL without one
-- (no "user:password@" before the path) is shown as it is. url is the
-- key the views look up: as stored, password included, as in the tables;
-- select shown, not url, to see URLs without passwords. UNION ALL, not
-- UNION, so that looking one URL up uses each table's index; the URL of a
-- removed feed has a row for each item it listed.
WITH urls(url) AS (SELECT url FROM feeds
                   UNION ALL SELECT url FROM feed_items
                   UNION ALL SELECT feed_url FROM feed_items WHERE feed_url NOT IN (SELECT url FROM feeds)),
     -- p: where "://" is, 0 if nowhere; rest: what follows "scheme://"
     a AS (SELECT url, instr(url, '://') AS p, substr(url, instr(url, '://') + 3) AS rest FROM urls),
     -- host: rest up to the first "/": user information, host and port
     b AS (SELECT *, substr(rest, 1, instr(rest || '/', '/') - 1) AS host FROM a),
     -- at: the last "@" in host, 0 if none (rtrim drops every other
     -- character from the end; net/url too reads the last one)
     c AS (SELECT *, length(rtrim(host, replace(host, '@', ''))) AS at FROM b),
     -- userinfo: host before that "@": "user:password", or "user"
     d AS (SELECT *, substr(host, 1, at - 1) AS userinfo FROM c)
SELECT url,
       CASE WHEN p > 0 AND instr(userinfo, ':') > 0
            THEN substr(url, 1, p + 2) || substr(userinfo, 1, instr(userinfo, ':')) || '***' || substr(rest, at)
            ELSE url END AS shown
FROM d;

CREATE VIEW feed_status AS
SELECT (SELECT shown FROM url_shown s WHERE s.url = feeds.url) AS url,
       title, category,
       CASE WHEN last_check IS NULL THEN 'new'
            WHEN error_count >= 3 THEN 'disabled'
            WHEN error_count > 0 THEN 'failing'
            ELSE 'ok' END AS status,
       last_status, error_count, last_error, last_check, last_success, next_check,
       (SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url) AS items,
       (SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url AND i.state = 'done') AS done
FROM feeds
ORDER BY category, feeds.url;

CREATE VIEW crawl_queue AS
SELECT (SELECT shown FROM url_shown s WHERE s.url = feed_items.url) AS url,
       state, attempts, last_error, next_retry, lease_until AS leased_until,
       title, published,
       (SELECT shown FROM url_shown s WHERE s.url = feed_items.feed_url) AS feed_url,
       first_seen
FROM feed_items
WHERE state <> 'done'
ORDER BY state, next_retry, feed_items.url;

CREATE VIEW claims_waiting AS
SELECT claim_id FROM claim_dirty
UNION
SELECT claim_id FROM facts NOT INDEXED WHERE id > (SELECT fact_id FROM claim_mark);

CREATE VIEW claims_pending AS
SELECT EXISTS (SELECT 1 FROM claim_dirty)
    OR EXISTS (SELECT 1 FROM facts WHERE id > (SELECT fact_id FROM claim_mark)) AS pending;

CREATE VIEW article_text AS
SELECT a.id, a.key, a.source, a.url, a.title, a.site, a.published, a.language, lower(hex(a.content_hash)) AS content_hash,
       (SELECT CAST(sqlar_uncompress(t.text_z, t.text_size) AS TEXT) FROM article_texts t WHERE t.article_id = a.id) AS text,
       a.feed_url, a.feed_guid, a.feed_title, a.extractor_version, a.first_seen, a.updated_at, a.file_modified
FROM articles a;

CREATE VIEW claim_review AS
WITH fixes AS (
    SELECT c.claim_num AS claim_id, c.field, c.value FROM corrections c
    WHERE c.action = 'correct'
      AND c.id = (SELECT max(d.id) FROM corrections d
                  WHERE d.claim_num = c.claim_num AND d.field = c.field AND d.action = 'correct')
)
SELECT r.claim_id,
       (SELECT CASE l.action WHEN 'reject' THEN 'rejected' WHEN 'confirm' THEN 'confirmed' ELSE 'corrected' END
          FROM corrections l WHERE l.claim_num = r.claim_id ORDER BY l.id DESC LIMIT 1) AS review,
       (SELECT l.reason FROM corrections l WHERE l.claim_num = r.claim_id ORDER BY l.id DESC LIMIT 1) AS reason,
       (SELECT max(l.created_at) FROM corrections l WHERE l.claim_num = r.claim_id) AS reviewed_at,
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
FROM (SELECT DISTINCT claim_num AS claim_id FROM corrections) r;

-- facts_reviewed: facts with their codes named, their quote and
-- extractor version (the article's), corrections applied, a review column.
CREATE VIEW facts_reviewed AS
SELECT f.id, f.article_id, printf('%012x', f.claim_id) AS claim_id,
       CASE f.type WHEN 1 THEN 'az_count' WHEN 2 THEN 'datacenter_count' WHEN 3 THEN 'expansion' WHEN 4 THEN 'investment' WHEN 5 THEN 'money' WHEN 6 THEN 'region_count' END AS type,
       coalesce(r.company, (SELECT co.name FROM companies co WHERE co.id = f.company)) AS company,
       (SELECT substr(CAST(sqlar_uncompress(q.text_z, q.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset)
          FROM article_texts q WHERE q.article_id = f.article_id) AS quote,
       f.start_offset, f.end_offset, (SELECT r.name FROM rules r WHERE r.id = f.rule_id) AS rule,
       (SELECT q.extractor_version FROM articles q WHERE q.id = f.article_id) AS extractor_version,
       f.confidence / 1000.0 AS confidence,
       coalesce(CAST(r.value AS INTEGER), f.value) AS value,
       coalesce(r.scope, f.scope) AS scope,
       coalesce(r.qualifier, f.qualifier) AS qualifier,
       coalesce(r.country, f.country) AS country,
       coalesce(r.city, f.city) AS city,
       coalesce(r.facility, CASE f.facility WHEN 1 THEN 'availability_zone' WHEN 2 THEN 'data_center' WHEN 3 THEN 'edge_location' WHEN 4 THEN 'local_zone' WHEN 5 THEN 'other' WHEN 6 THEN 'region' WHEN 7 THEN 'service_center' END) AS facility,
       coalesce(r.status, CASE f.status WHEN 1 THEN 'closed' WHEN 2 THEN 'launched' WHEN 3 THEN 'planned' END) AS status,
       coalesce(CAST(r.ordinal AS INTEGER), f.ordinal) AS ordinal,
       coalesce(CAST(r.year AS INTEGER), f.year) AS year,
       coalesce(CAST(r.amount AS NUMERIC), f.amount) AS amount,
       coalesce(r.currency, f.currency) AS currency,
       coalesce(CAST(r.usd AS NUMERIC), f.usd) AS usd,
       coalesce(r.period, f.period) AS period,
       coalesce(r.label, f.label) AS label,
       r.review, r.reason AS review_reason,
       f.claim_id AS claim_num
FROM facts f
LEFT JOIN claim_review r ON r.claim_id = f.claim_id;

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

CREATE VIEW expansions AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.country, f.city, f.facility, f.status,
       f.year, f.ordinal, substr(a.published, 1, 10) AS published,
       f.quote, a.source, f.review
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
WHERE f.type = 'expansion' AND f.review IS NOT 'rejected'
ORDER BY f.company, f.country, f.facility, a.published;

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

CREATE VIEW counts AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.type, f.qualifier, f.value, f.scope,
       substr(a.published, 1, 10) AS published, f.quote, a.source, f.review
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('region_count', 'az_count', 'datacenter_count') AND f.review IS NOT 'rejected'
ORDER BY f.company, f.type, a.published DESC;

CREATE VIEW money_facts AS
SELECT f.id AS fact, f.claim_id AS claim, f.company, f.type, f.label, f.qualifier,
       f.amount, f.currency, f.usd, f.amount_text, f.usd_text, f.period,
       substr(a.published, 1, 10) AS published, f.quote, a.source, f.review
FROM fact_text f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('investment', 'money') AND f.review IS NOT 'rejected'
ORDER BY f.company, a.published DESC;

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
       f.review,
       f.claim_num
FROM facts_reviewed f
JOIN articles a ON a.id = f.article_id
-- Ties by the article's key and the place in its text, not by the order
-- the articles were stored in.
ORDER BY f.claim_num, a.published, f.confidence DESC, a.key, f.start_offset, f.end_offset, f.id;

CREATE VIEW summary AS
SELECT coalesce(f.company, '(market)') AS company, f.type,
       count(*) AS claims, count(DISTINCT f.article_id) AS articles
FROM facts_reviewed f
WHERE f.review IS NOT 'rejected'
GROUP BY f.company, f.type
ORDER BY company, f.type;

-- claim_refresh_plan: 1 when most of the store's claims wait (more than
-- a fifth of the facts' id range is above claim_mark or in claim_dirty,
-- as after a large run): then claim_dirty_stats reads every fact in one
-- ordered pass rather than claim by claim through facts_claim.
-- every: no fact is at or below claim_mark, so every fact's claim waits
-- (a first import): the facts are read without asking which.
CREATE VIEW claim_refresh_plan AS
SELECT ((SELECT count(*) FROM claim_dirty) +
        (SELECT coalesce(max(id), 0) FROM facts) - (SELECT fact_id FROM claim_mark)) * 5 >
       (SELECT coalesce(max(id), 0) FROM facts) - (SELECT coalesce(min(id), 0) FROM facts) AS bulk,
       NOT EXISTS (SELECT 1 FROM facts WHERE id <= (SELECT fact_id FROM claim_mark)) AS every;

-- claim_dirty_stats: the claim_stats rows of the claims waiting
-- (claims_waiting), computed from their facts, corrections applied. The
-- facts are read one of two ways (claim_refresh_plan); only one part of w
-- reads any: each opens with a loop over claim_refresh_plan that gives
-- one row or none. (A condition on the plan in WHERE would be tested on
-- every row of the scan it guards: 37 ms over 100,000 articles.)
CREATE VIEW claim_dirty_stats AS
WITH w AS (
    SELECT f.* FROM claim_refresh_plan p
    CROSS JOIN claims_waiting d
    CROSS JOIN facts f ON f.claim_id = d.claim_id
    WHERE NOT p.bulk
    UNION ALL
    -- every_fact: the one whole read of facts a view makes, and only when
    -- claim_refresh_plan says so (TestReviewQueryPlans allows no other).
    SELECT every_fact.* FROM claim_refresh_plan p
    CROSS JOIN facts every_fact NOT INDEXED
    WHERE p.bulk AND NOT p.every AND every_fact.claim_id IN (SELECT claim_id FROM claims_waiting)
    UNION ALL
    -- Every claim waits: no list of them to look each fact up in (over
    -- 100,000 articles, a sixth of this view's time).
    SELECT every_fact.* FROM claim_refresh_plan p
    CROSS JOIN facts every_fact NOT INDEXED
    WHERE p.bulk AND p.every
),
c AS (
    SELECT w.claim_id,
           min((SELECT co.name FROM companies co WHERE co.id = w.company)) AS company, min(w.type) AS type,
           min(w.value) AS value, min(w.scope) AS scope,
           min(w.country) AS country, min(w.facility) AS facility, min(w.status) AS status,
           max(w.year) AS year,
           min(w.amount) AS amount, min(w.currency) AS currency, max(w.usd) AS usd,
           min(w.label) AS label,
           min(substr(a.published, 1, 10)) AS first_seen,
           max(substr(a.published, 1, 10)) AS last_seen,
           count(*) AS citations,
           count(DISTINCT coalesce(o.site, o.url, o.source)) AS sources,
           max(w.confidence) AS confidence,
           -- The example quote's fact: the best citation, and of equals
           -- the one of the smallest article key, then the first in the
           -- text. Not the smallest fact id: ids follow the order the
           -- articles reached the writer, which varies between runs over
           -- the same files. One string per fact, compared as bytes (as
           -- Go compares keys; char(1) ends the key), with the fact id
           -- in its last 12 digits (offsets stay below 2^22, as
           -- extraction reads 4 MiB of text at most, and ids below
           -- 10^12: the number has 19 digits): the pass stays one. (The
           -- publication day before the key cost a tenth more of this
           -- view's time.)
           min((2000 - w.confidence) || a.key || char(1) ||
               (1000000000000000000 + w.start_offset * 1000000000000 + w.id)) AS example
    FROM w
    -- CROSS: w first. SQLite would otherwise read every article and look
    -- w up by an automatic index (30 ms over 100,000 articles, for none).
    CROSS JOIN articles a ON a.id = w.article_id
    LEFT JOIN article_fingerprints fp ON fp.article_id = a.id
    JOIN articles o ON o.id = coalesce(fp.duplicate_of, a.id)
    GROUP BY w.claim_id
),
r AS (
    SELECT c.*,
           EXISTS (SELECT 1 FROM corrections x WHERE x.claim_num = c.claim_id) AS reviewed
    FROM c
)
SELECT coalesce(CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'company' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.company)
           ELSE r.company END, '') AS company,
       r.type,
       coalesce(CAST(julianday(r.last_seen) - 2440587.5 AS INTEGER), -1000000) AS last_seen,
       r.claim_id,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'value' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.value)
           ELSE r.value END AS value,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'scope' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.scope)
           ELSE r.scope END AS scope,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'country' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.country)
           ELSE r.country END AS country,
       CASE WHEN r.reviewed THEN coalesce((SELECT CASE x.value WHEN 'availability_zone' THEN 1 WHEN 'data_center' THEN 2 WHEN 'edge_location' THEN 3 WHEN 'local_zone' THEN 4 WHEN 'other' THEN 5 WHEN 'region' THEN 6 WHEN 'service_center' THEN 7 END FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'facility' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.facility)
           ELSE r.facility END AS facility,
       CASE WHEN r.reviewed THEN coalesce((SELECT CASE x.value WHEN 'closed' THEN 1 WHEN 'launched' THEN 2 WHEN 'planned' THEN 3 END FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'status' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.status)
           ELSE r.status END AS status,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'year' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS INTEGER), r.year)
           ELSE r.year END AS year,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'amount' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.amount)
           ELSE r.amount END AS amount,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'currency' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.currency)
           ELSE r.currency END AS currency,
       CASE WHEN r.reviewed THEN coalesce(CAST((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'usd' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1) AS NUMERIC), r.usd)
           ELSE r.usd END AS usd,
       CASE WHEN r.reviewed THEN coalesce((SELECT x.value FROM corrections x
           WHERE x.claim_num = r.claim_id AND x.field = 'label' AND x.action = 'correct' ORDER BY x.id DESC LIMIT 1), r.label)
           ELSE r.label END AS label,
       CAST(julianday(r.first_seen) - 2440587.5 AS INTEGER) AS first_seen, r.citations, r.sources, r.confidence,
       CAST(substr(r.example, -12) AS INTEGER) AS fact,
       CASE WHEN r.reviewed THEN (SELECT CASE l.action WHEN 'reject' THEN 'rejected' WHEN 'confirm' THEN 'confirmed' ELSE 'corrected' END
          FROM corrections l WHERE l.claim_num = r.claim_id ORDER BY l.id DESC LIMIT 1) END AS review
FROM r;



CREATE VIEW claim_rows AS
SELECT co.name AS company, s.type, s.last_seen, s.claim_id, s.value, s.scope, s.country, s.facility, s.status,
       s.year, s.amount, s.currency, s.usd, s.label, s.first_seen, s.citations, s.sources, s.confidence, s.fact, s.review
FROM companies co
JOIN claim_stats s ON s.company = co.id
WHERE s.claim_id NOT IN (SELECT claim_id FROM claims_waiting)
UNION ALL
SELECT * FROM claim_dirty_stats
ORDER BY company, type, last_seen DESC;

-- claim_rows: every claim's claim_stats row (with the company's name),
-- those of the claims waiting computed afresh, in the listing order
-- (SQLite merges the two parts).
-- claim_list_all: the same with names for codes, what the claim says and
-- the example quote.
CREATE VIEW claim_list_all AS
SELECT printf('%012x', s.claim_id) AS claim, nullif(s.company, '') AS company, CASE s.type WHEN 1 THEN 'az_count' WHEN 2 THEN 'datacenter_count' WHEN 3 THEN 'expansion' WHEN 4 THEN 'investment' WHEN 5 THEN 'money' WHEN 6 THEN 'region_count' END AS type,
       CASE
           WHEN s.type IN (6, 1, 2) THEN
               coalesce(s.value, '?') || ' ' ||
               CASE s.type WHEN 6 THEN 'regions'
                           WHEN 1 THEN 'availability zones'
                           ELSE 'data centers' END ||
               coalesce(' (' || s.scope || ')', '')
           WHEN s.type = 3 THEN
               coalesce(CASE s.facility WHEN 1 THEN 'availability_zone' WHEN 2 THEN 'data_center' WHEN 3 THEN 'edge_location' WHEN 4 THEN 'local_zone' WHEN 5 THEN 'other' WHEN 6 THEN 'region' WHEN 7 THEN 'service_center' END, '?') || ' in ' || coalesce(s.country, '?') ||
               coalesce(', ' || CASE s.status WHEN 1 THEN 'closed' WHEN 2 THEN 'launched' WHEN 3 THEN 'planned' END, '') || coalesce(' ' || s.year, '')
           ELSE
               coalesce(s.label || ': ', '') ||
               coalesce(CASE WHEN s.amount = CAST(s.amount AS INTEGER) THEN printf('%,d', s.amount)
                             ELSE printf('%.2f', s.amount) END, '?') ||
               coalesce(' ' || s.currency, '') ||
               CASE WHEN s.usd IS NOT NULL AND coalesce(s.currency, '') <> 'USD'
                    THEN ' (USD ' || CASE WHEN s.usd = CAST(s.usd AS INTEGER) THEN printf('%,d', s.usd)
                                          ELSE printf('%.2f', s.usd) END || ')' ELSE '' END
       END AS what,
       s.value, s.scope, s.country,
       CASE s.facility WHEN 1 THEN 'availability_zone' WHEN 2 THEN 'data_center' WHEN 3 THEN 'edge_location' WHEN 4 THEN 'local_zone' WHEN 5 THEN 'other' WHEN 6 THEN 'region' WHEN 7 THEN 'service_center' END AS facility,
       CASE s.status WHEN 1 THEN 'closed' WHEN 2 THEN 'launched' WHEN 3 THEN 'planned' END AS status,
       s.year, s.amount, s.currency, s.usd,
       date(s.first_seen + 2440587.5) AS first_seen,
       CASE WHEN s.last_seen > -1000000 THEN date(s.last_seen + 2440587.5) END AS last_seen,
       s.citations, s.sources, s.confidence / 1000.0 AS confidence,
       (SELECT substr(CAST(sqlar_uncompress(a.text_z, a.text_size) AS TEXT), x.start_offset + 1, x.end_offset - x.start_offset)
          FROM facts x JOIN article_texts a ON a.article_id = x.article_id WHERE x.id = s.fact) AS quote,
       s.review,
       s.claim_id AS claim_num
FROM claim_rows s;

CREATE VIEW claim_list AS
SELECT * FROM claim_list_all WHERE review IS NOT 'rejected';

CREATE VIEW count_timeline AS
WITH c AS (
    SELECT f.id, co.name AS company, f.type, f.scope, f.qualifier, f.value,
           f.article_id, substr(a.published, 1, 10) AS published,
           a.title, coalesce(a.url, a.source) AS source, a.key, f.start_offset
    FROM facts f
    -- LEFT: a count without a provider is one too.
    LEFT JOIN companies co ON co.id = f.company
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN (6, 1, 2)
      AND f.value IS NOT NULL
),
t AS (
    SELECT company, type, scope, published, value, qualifier, id, article_id, title, source,
           key, start_offset,
           value - lag(value) OVER w AS change,
           row_number() OVER w AS step
    FROM c
    -- A day's counts by article key and place in the text, not by id
    -- (the order the writer got the articles in): change and step are
    -- the same in every store of the same articles.
    WINDOW w AS (PARTITION BY company, type, scope ORDER BY coalesce(published, ''), key, start_offset, id)
)
SELECT company AS provider,
       CASE type WHEN 6 THEN 'regions'
                 WHEN 1 THEN 'availability zones'
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
          FROM facts x JOIN article_texts q ON q.article_id = x.article_id WHERE x.id = t.id) AS quote
FROM t
ORDER BY company, type, scope, coalesce(published, ''), key, start_offset, id;

CREATE VIEW facility_status AS
WITH daily AS (
    -- The day's status: the highest rank (closed, launched, planned), and
    -- the fact that says it the first by article key and place in the
    -- text (not by id, the order the writer got the articles in): one
    -- string per fact, the rank inverted in its first digit and the
    -- fact id in its last 16.
    SELECT co.name AS company, f.country, f.facility,
           coalesce(substr(a.published, 1, 10), '') AS day,
           4 - CAST(substr(min((4 - CASE f.status WHEN 1 THEN 3 WHEN 2 THEN 2 ELSE 1 END) || a.key || char(1) || (10000000000 + f.start_offset) || (1000000000000000 + f.id)), 1, 1) AS INTEGER) AS rank,
           CAST(substr(min((4 - CASE f.status WHEN 1 THEN 3 WHEN 2 THEN 2 ELSE 1 END) || a.key || char(1) || (10000000000 + f.start_offset) || (1000000000000000 + f.id)), -16) AS INTEGER) - 1000000000000000 AS id,
           count(*) AS claims,
           count(DISTINCT f.article_id) AS articles
    FROM facts f
    -- Not LEFT: SQLite would not take a provider asked for down to
    -- facts_company_type through it. An expansion without a provider
    -- (none in the dev set or the generated corpora) is left out.
    JOIN companies co ON co.id = f.company
    JOIN articles a ON a.id = f.article_id
    WHERE f.type = 3 AND f.status IS NOT NULL AND f.country IS NOT NULL
    GROUP BY co.name, f.country, f.facility, day
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
       coalesce(replace(CASE h.facility WHEN 1 THEN 'availability_zone' WHEN 2 THEN 'data_center' WHEN 3 THEN 'edge_location' WHEN 4 THEN 'local_zone' WHEN 5 THEN 'other' WHEN 6 THEN 'region' WHEN 7 THEN 'service_center' END, '_', ' '), 'facility') AS facility,
       CASE h.rank WHEN 3 THEN 'closed' WHEN 2 THEN 'launched' ELSE 'planned' END AS status,
       nullif(h.since, '') AS since,
       nullif(h.day, '') AS last_reported,
       h.history,
       h.total_claims AS claims,
       h.total_articles AS articles,
       h.id AS fact,
       (SELECT substr(CAST(sqlar_uncompress(t.text_z, t.text_size) AS TEXT), f.start_offset + 1, f.end_offset - f.start_offset)
          FROM article_texts t WHERE t.article_id = f.article_id) AS quote,
       coalesce(a.url, a.source) AS source
FROM history h
JOIN facts f ON f.id = h.id
JOIN articles a ON a.id = f.article_id
WHERE h.day = h.last_day
ORDER BY h.company, h.country, h.facility;

-- conflict_pairs: the conflicts of the facts as they are (while claims
-- wait: conflicts_live, the same with the facts' sources; RefreshClaims
-- stores it in conflict_cache).
CREATE VIEW conflict_pairs AS
WITH c AS (
    SELECT f.id, co.name AS company, f.type, f.scope, f.value,
           coalesce(substr(a.published, 1, 10), '') AS day,
           -- which of a day's facts with one value stands for it: the
           -- smallest article key, then the first in the text, not the
           -- smallest id (the order the writer got the articles in)
           a.key || char(1) || (10000000000 + f.start_offset) || (1000000000000000 + f.id) AS pick
    FROM facts f
    JOIN companies co ON co.id = f.company
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN (6, 1, 2) AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
      AND f.value IS NOT NULL AND f.company IS NOT NULL
),
vals AS (
    SELECT company, type, scope, day, value, CAST(substr(min(pick), -16) AS INTEGER) - 1000000000000000 AS id,
           CASE type WHEN 6 THEN 'regions'
                     WHEN 1 THEN 'availability zones'
                     ELSE 'data centers' END || coalesce(' (' || scope || ')', '') AS what,
           CASE WHEN length(scope) = 2 THEN scope END AS country
    FROM c
    GROUP BY company, type, scope, day, value
),
ev AS (
    SELECT company, type, scope, day, value, id, what, country, 1 AS isval FROM vals
    UNION ALL
    SELECT eco.name, NULL, NULL, coalesce(substr(ea.published, 1, 10), ''), NULL, NULL, NULL, e.country, 0
    FROM facts e
    JOIN companies eco ON eco.id = e.company
    JOIN articles ea ON ea.id = e.article_id
    WHERE e.type = 3 AND e.status = 1 AND e.company IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
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
           x.id AS f1, y.id AS f2, x.type, x.scope
    FROM vals x
    JOIN vals y ON y.company = x.company AND y.type = x.type AND y.scope IS x.scope AND y.day = x.day
    WHERE x.day <> '' AND x.value < y.value
    UNION ALL
    SELECT 'dropped', x.company, x.what, x.value, x.day, y.value, y.day, x.id, y.id, x.type, x.scope
    FROM steps x
    JOIN steps y ON y.prev = x.seq AND y.company = x.company AND y.type = x.type AND y.scope IS x.scope
              AND x.value > y.value AND y.closed = x.closed
    UNION ALL
    SELECT 'USD differs', (SELECT co.name FROM companies co WHERE co.id = x.company),
           'USD equivalent of ' || printf('%,d', x.amount) || ' ' || x.currency,
           x.usd, rtrim(substr(min(x.pick), 1, 10)), y.usd, rtrim(substr(min(y.pick), 1, 10)),
           CAST(substr(min(x.pick), -16) AS INTEGER) - 1000000000000000,
           CAST(substr(min(y.pick), -16) AS INTEGER) - 1000000000000000, 4, NULL
    -- pick orders the facts by day (undated first), article key and
    -- place in the text, ending in the fact id: which of two facts is
    -- the earlier, and which stands for its side, do not follow the order
    -- the writer got the articles in.
    FROM (SELECT f.id, f.company, f.amount, f.currency, f.usd,
                 substr(coalesce(substr(a.published, 1, 10), '') || '          ', 1, 10) || a.key || char(1) ||
                     (10000000000 + f.start_offset) || (1000000000000000 + f.id) AS pick
          FROM facts f JOIN articles a ON a.id = f.article_id
          WHERE f.type = 4 AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
            AND f.currency <> 'USD' AND f.usd IS NOT NULL) x
    JOIN (SELECT f.id, f.company, f.amount, f.currency, f.usd,
                 substr(coalesce(substr(a.published, 1, 10), '') || '          ', 1, 10) || a.key || char(1) ||
                     (10000000000 + f.start_offset) || (1000000000000000 + f.id) AS pick
          FROM facts f JOIN articles a ON a.id = f.article_id
          WHERE f.type = 4 AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM facts WHERE id > (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_dirty) THEN -1 ELSE fact_id END FROM claim_mark))
            AND f.usd IS NOT NULL) y
      ON y.company = x.company AND y.currency = x.currency AND y.amount = x.amount
     AND x.pick < y.pick
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
       p.type,  -- the counts' type and scope (conflict_cache keeps them, not what)
       p.scope
FROM pairs p
ORDER BY p.company, p.kind, p.what, p.d1, p.d2, p.v1, p.v2, p.f1, p.f2;

CREATE VIEW conflicts_live AS
SELECT p.kind, p.provider, p.what, p.value_1, p.date_1, p.value_2, p.date_2, p.fact_1, p.fact_2,
       (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id
         WHERE g.id = p.fact_1) AS source_1,
       (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id
         WHERE g.id = p.fact_2) AS source_2
FROM conflict_pairs p;

-- conflicts: conflict_cache while it is current, else conflicts_live.
-- The cache keeps the kind as a code, the provider as an id and the dates
-- as days, and neither what the conflict is about nor its sources
-- (migration 0018): what is said by the counts' type and scope, which it
-- keeps, or by the first fact's amount and currency (conflict_pairs);
-- each source is its fact's article's, read here only when asked for.
CREATE VIEW conflicts AS
SELECT CASE c.kind WHEN 1 THEN 'same date' WHEN 2 THEN 'dropped' WHEN 3 THEN 'USD differs' END AS kind,
       (SELECT co.name FROM companies co WHERE co.id = c.provider) AS provider,
       CASE WHEN c.kind = 3
            THEN (SELECT 'USD equivalent of ' || printf('%,d', f.amount) || ' ' || f.currency FROM facts f WHERE f.id = c.fact_1)
            ELSE CASE c.type WHEN 6 THEN 'regions'
                             WHEN 1 THEN 'availability zones'
                             ELSE 'data centers' END || coalesce(' (' || c.scope || ')', '') END AS what,
       c.value_1,
       CASE WHEN typeof(c.date_1) = 'integer' THEN date(c.date_1 + 2440587.5) ELSE c.date_1 END AS date_1,
       c.value_2,
       CASE WHEN typeof(c.date_2) = 'integer' THEN date(c.date_2 + 2440587.5) ELSE c.date_2 END AS date_2,
       c.fact_1, c.fact_2,
       (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id
         WHERE g.id = c.fact_1) AS source_1,
       (SELECT coalesce(a.url, a.source) FROM facts g JOIN articles a ON a.id = g.article_id
         WHERE g.id = c.fact_2) AS source_2
FROM conflict_cache c WHERE NOT EXISTS (SELECT 1 FROM claim_dirty)
    AND NOT EXISTS (SELECT 1 FROM facts WHERE id > (SELECT fact_id FROM claim_mark))
UNION ALL
SELECT * FROM conflicts_live;

