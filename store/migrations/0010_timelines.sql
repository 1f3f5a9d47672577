-- Review over time (issue 10): count timelines, the current status of each
-- facility, and conflicting claims. Built on facts and articles only. Only
-- SQL that sqlite 3.40 understands (window functions, row values; no
-- ORDER BY inside aggregates). Dates are the articles' publication dates
-- (YYYY-MM-DD); facts of undated articles sort first, as the oldest.
-- Statements say IF NOT EXISTS so that the file can be applied again.

-- count_timeline: for every provider, count type and scope, the values in
-- publication order, each with its source. change is the difference from
-- the previous row (NULL for the first).
CREATE VIEW IF NOT EXISTS count_timeline AS
WITH c AS (
    SELECT f.id, f.company, f.type, f.scope, f.qualifier, f.value, f.quote,
           f.article_id, substr(a.published, 1, 10) AS published,
           a.title, coalesce(a.url, a.source) AS source
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN ('region_count', 'az_count', 'datacenter_count')
      AND f.value IS NOT NULL
)
SELECT company AS provider,
       CASE type WHEN 'region_count' THEN 'regions'
                 WHEN 'az_count' THEN 'availability zones'
                 ELSE 'data centers' END AS count,
       scope,
       published,
       value,
       value - lag(value) OVER w AS change,
       qualifier,
       row_number() OVER w AS step,
       id AS fact,
       article_id AS article,
       title,
       source,
       quote
FROM c
WINDOW w AS (PARTITION BY company, type, scope ORDER BY coalesce(published, ''), id)
ORDER BY company, type, scope, coalesce(published, ''), id;

-- facility_status: for every provider, country and facility, the latest
-- status with the date it was first reported and last reported, and its
-- history ("planned 2024-05 → launched 2025-02"). Claims of one date count
-- as the strongest among them: closed, then launched, then planned (an
-- article that reports a launch and more plans reads as launched).
CREATE VIEW IF NOT EXISTS facility_status AS
WITH e AS (
    SELECT f.id, f.company, f.country, f.facility, f.status, f.article_id,
           coalesce(substr(a.published, 1, 10), '') AS day,
           CASE f.status WHEN 'closed' THEN 3 WHEN 'launched' THEN 2 ELSE 1 END AS rank
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type = 'expansion' AND f.status IS NOT NULL AND f.country IS NOT NULL
),
daily AS (
    -- SQLite takes the bare column id from the row holding max(rank).
    SELECT company, country, facility, day, max(rank) AS rank, id
    FROM e
    GROUP BY company, country, facility, day
),
steps AS (
    SELECT *, lag(rank) OVER (PARTITION BY company, country, facility ORDER BY day) AS prev
    FROM daily
),
changes AS (
    SELECT * FROM steps
    WHERE prev IS NULL OR prev <> rank
    ORDER BY company, country, facility, day
),
history AS (
    SELECT company, country, facility,
           group_concat(CASE rank WHEN 3 THEN 'closed' WHEN 2 THEN 'launched' ELSE 'planned' END ||
                        ' ' || CASE day WHEN '' THEN 'undated' ELSE substr(day, 1, 7) END, ' → ') AS history,
           max(day) AS since
    FROM changes
    GROUP BY company, country, facility
),
latest AS (
    SELECT company, country, facility, max(day) AS day, rank, id
    FROM daily
    GROUP BY company, country, facility
),
totals AS (
    SELECT company, country, facility, count(*) AS claims, count(DISTINCT article_id) AS articles
    FROM e
    GROUP BY company, country, facility
)
SELECT l.company AS provider,
       l.country,
       coalesce(replace(l.facility, '_', ' '), 'facility') AS facility,
       CASE l.rank WHEN 3 THEN 'closed' WHEN 2 THEN 'launched' ELSE 'planned' END AS status,
       nullif(h.since, '') AS since,
       nullif(l.day, '') AS last_reported,
       h.history,
       t.claims,
       t.articles,
       l.id AS fact,
       f.quote,
       coalesce(a.url, a.source) AS source
FROM latest l
JOIN history h ON h.company IS l.company AND h.country = l.country AND h.facility IS l.facility
JOIN totals t ON t.company IS l.company AND t.country = l.country AND t.facility IS l.facility
JOIN facts f ON f.id = l.id
JOIN articles a ON a.id = f.article_id
ORDER BY l.company, l.country, l.facility;

-- conflicts: pairs of claims that cannot both be right, one row per pair
-- (value_1 and date_1 the earlier claim).
--   same date:    one provider, count type and scope, different values in
--                 articles of the same date;
--   dropped:      a count lower than the one last reported before it, with
--                 no closure by that provider (in that country, for a
--                 country scope) reported in between;
--   USD differs:  one investment (provider, currency, amount) given USD
--                 equivalents more than 1% apart (beyond rounding);
--   amount differs: USD investments of one provider over one period (and
--                 country) whose amounts differ by more than 1% and less
--                 than 25%: close enough to be one investment told twice.
CREATE VIEW IF NOT EXISTS conflicts AS
WITH c AS (
    SELECT f.id, f.company, f.type, f.scope, f.value,
           coalesce(substr(a.published, 1, 10), '') AS day,
           coalesce(a.url, a.source) AS source,
           CASE f.type WHEN 'region_count' THEN 'regions'
                       WHEN 'az_count' THEN 'availability zones'
                       ELSE 'data centers' END || coalesce(' (' || f.scope || ')', '') AS what
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN ('region_count', 'az_count', 'datacenter_count')
      AND f.value IS NOT NULL AND f.company IS NOT NULL
),
i AS (
    SELECT f.id, f.company, f.amount, f.currency, f.usd, f.period, f.country,
           coalesce(substr(a.published, 1, 10), '') AS day,
           coalesce(a.url, a.source) AS source, f.article_id
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type = 'investment' AND f.company IS NOT NULL AND f.amount IS NOT NULL
),
pairs AS (
    SELECT 'same date' AS kind, x.company, x.what, x.value AS v1, x.day AS d1, y.value AS v2, y.day AS d2,
           min(x.id) AS f1, min(y.id) AS f2
    FROM c x
    JOIN c y ON y.company = x.company AND y.type = x.type AND y.scope IS x.scope
            AND y.day = x.day AND y.day <> '' AND x.value < y.value
    GROUP BY x.company, x.type, x.scope, x.day, x.value, y.value
    UNION ALL
    SELECT 'dropped', x.company, x.what, x.value, x.day, y.value, y.day, min(x.id), min(y.id)
    FROM c y
    JOIN c x ON x.company = y.company AND x.type = y.type AND x.scope IS y.scope
            AND x.day = (SELECT max(p.day) FROM c p
                         WHERE p.company = y.company AND p.type = y.type AND p.scope IS y.scope
                           AND p.day < y.day)
            AND x.value > y.value
    WHERE NOT EXISTS (
        SELECT 1 FROM facts e JOIN articles ea ON ea.id = e.article_id
        WHERE e.type = 'expansion' AND e.status = 'closed' AND e.company = y.company
          AND coalesce(substr(ea.published, 1, 10), '') > x.day
          AND coalesce(substr(ea.published, 1, 10), '') <= y.day
          AND (y.scope IS NULL OR length(y.scope) <> 2 OR e.country = y.scope))
    GROUP BY x.company, x.type, x.scope, x.day, x.value, y.day, y.value
    UNION ALL
    SELECT 'USD differs', x.company,
           'USD equivalent of ' || printf('%,d', x.amount) || ' ' || x.currency,
           x.usd, x.day, y.usd, y.day, min(x.id), min(y.id)
    FROM i x
    JOIN i y ON y.company = x.company AND y.currency = x.currency AND y.amount = x.amount
            AND (x.day, x.id) < (y.day, y.id)
            AND abs(y.usd - x.usd) > 0.01 * min(x.usd, y.usd)
    WHERE x.currency <> 'USD' AND x.usd IS NOT NULL AND y.usd IS NOT NULL
    GROUP BY x.company, x.currency, x.amount, x.usd, y.usd
    UNION ALL
    SELECT 'amount differs', x.company,
           'USD investment' || coalesce(' in ' || x.country, '') || ' over ' || x.period,
           x.amount, x.day, y.amount, y.day, min(x.id), min(y.id)
    FROM i x
    JOIN i y ON y.company = x.company AND y.currency = 'USD' AND y.period = x.period
            AND y.country IS x.country AND y.article_id <> x.article_id
            AND (x.day, x.id) < (y.day, y.id)
            AND abs(y.amount - x.amount) > 0.01 * min(x.amount, y.amount)
            AND abs(y.amount - x.amount) < 0.25 * min(x.amount, y.amount)
    WHERE x.currency = 'USD'
    GROUP BY x.company, x.country, x.period, x.amount, y.amount
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
