-- Review views for the sqlite3 shell (.mode box). Only SQL that sqlite 3.40
-- understands: || for concatenation, printf, CASE. Each fact row is one claim
-- (one citation); footprint and summary group them.

-- fact_text adds readable amounts: whole numbers with thousands separators.
CREATE VIEW fact_text AS
SELECT f.*,
       CASE WHEN f.amount IS NULL THEN NULL
            WHEN f.amount = CAST(f.amount AS INTEGER) THEN printf('%,d', f.amount)
            ELSE printf('%.2f', f.amount) END AS amount_text,
       CASE WHEN f.usd IS NULL THEN NULL
            WHEN f.usd = CAST(f.usd AS INTEGER) THEN printf('%,d', f.usd)
            ELSE printf('%.2f', f.usd) END AS usd_text
FROM facts f;

CREATE VIEW claims AS
SELECT f.id AS fact,
       f.company,
       f.type,
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
               coalesce(f.amount_text, '?') || coalesce(' ' || f.currency, '') ||
               CASE WHEN f.usd_text IS NOT NULL AND coalesce(f.currency, '') <> 'USD'
                    THEN ' (USD ' || f.usd_text || ')' ELSE '' END ||
               coalesce(', ' || f.period, '')
       END AS what,
       f.status,
       f.year,
       f.confidence,
       f.quote,
       a.title,
       substr(a.published, 1, 10) AS published,
       a.source,
       f.article_id AS article
FROM fact_text f
JOIN articles a ON a.id = f.article_id;

CREATE VIEW expansions AS
SELECT f.id AS fact, f.company, f.country, f.city, f.facility, f.status,
       f.year, f.ordinal, substr(a.published, 1, 10) AS published,
       f.quote, a.source
FROM facts f
JOIN articles a ON a.id = f.article_id
WHERE f.type = 'expansion'
ORDER BY f.company, f.country, f.facility, a.published;

-- footprint groups expansion claims: one row per provider, country, facility
-- and status, with how often and where it is cited.
CREATE VIEW footprint AS
SELECT f.company, f.country, f.facility, f.status,
       group_concat(DISTINCT f.city) AS cities,
       min(f.year) AS first_year,
       max(f.year) AS last_year,
       count(*) AS claims,
       count(DISTINCT f.article_id) AS articles,
       min(substr(a.published, 1, 10)) AS first_published,
       max(substr(a.published, 1, 10)) AS last_published
FROM facts f
JOIN articles a ON a.id = f.article_id
WHERE f.type = 'expansion'
GROUP BY f.company, f.country, f.facility, f.status
ORDER BY f.company, f.country, f.facility, f.status;

CREATE VIEW counts AS
SELECT f.id AS fact, f.company, f.type, f.qualifier, f.value, f.scope,
       substr(a.published, 1, 10) AS published, f.quote, a.source
FROM facts f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('region_count', 'az_count', 'datacenter_count')
ORDER BY f.company, f.type, a.published DESC;

CREATE VIEW money_facts AS
SELECT f.id AS fact, f.company, f.type, f.label, f.qualifier,
       f.amount_text AS amount, f.currency, f.usd_text AS usd, f.period,
       substr(a.published, 1, 10) AS published, f.quote, a.source
FROM fact_text f
JOIN articles a ON a.id = f.article_id
WHERE f.type IN ('investment', 'money')
ORDER BY f.company, a.published DESC;

CREATE VIEW summary AS
SELECT coalesce(f.company, '(market)') AS company, f.type,
       count(*) AS claims, count(DISTINCT f.article_id) AS articles
FROM facts f
GROUP BY f.company, f.type
ORDER BY company, f.type;

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
