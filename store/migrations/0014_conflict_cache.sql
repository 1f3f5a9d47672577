-- 0014: conflicts answered from a stored table.
--
-- The conflicts view compares every count and investment of the store with
-- window functions: seconds over 100,000 articles, however few rows it
-- gives. conflict_cache holds its rows as of the last time the claims were
-- brought up to date (DB.RefreshClaims, when a command that wrote closes
-- the database). Claims are up to date exactly when claim_dirty is empty:
-- every write that can change a conflict (a fact written or deleted, an
-- article's date, site or URL changed) marks its claims there. So
-- conflicts reads the stored rows when claim_dirty is empty and computes
-- them live (conflicts_live) otherwise: never stale, and fast once a run
-- has closed.

DROP VIEW IF EXISTS conflicts;
DROP VIEW IF EXISTS conflicts_live;
DROP VIEW IF EXISTS conflicts_pending; -- an earlier name of this migration's view

-- conflicts_live computes the pairs from the facts. Every scan of facts in
-- it also requires a claim waiting in claim_dirty: SQLite tests that
-- constant condition before the scan, so while the cache is current the
-- view costs nothing, and while claims wait (or inside RefreshClaims,
-- which empties claim_dirty last) it computes everything.
CREATE VIEW conflicts_live AS
WITH c AS (
    SELECT f.id, f.company, f.type, f.scope, f.value,
           coalesce(substr(a.published, 1, 10), '') AS day
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    WHERE f.type IN ('region_count', 'az_count', 'datacenter_count') AND EXISTS (SELECT 1 FROM claim_dirty)
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
    WHERE e.type = 'expansion' AND e.status = 'closed' AND e.company IS NOT NULL AND EXISTS (SELECT 1 FROM claim_dirty)
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
          WHERE f.type = 'investment' AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM claim_dirty)
            AND f.currency <> 'USD' AND f.usd IS NOT NULL) x
    JOIN (SELECT f.id, f.company, f.amount, f.currency, f.usd,
                 coalesce(substr(a.published, 1, 10), '') AS day
          FROM facts f JOIN articles a ON a.id = f.article_id
          WHERE f.type = 'investment' AND f.company IS NOT NULL AND f.amount IS NOT NULL AND EXISTS (SELECT 1 FROM claim_dirty)
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

CREATE TABLE IF NOT EXISTS conflict_cache AS SELECT * FROM conflicts_live WHERE 0;
-- Fill the cache now: a claim marked for the length of the fill makes the
-- view compute.
INSERT INTO claim_dirty VALUES ('') ON CONFLICT DO NOTHING;
DELETE FROM conflict_cache;
INSERT INTO conflict_cache SELECT * FROM conflicts_live;
DELETE FROM claim_dirty WHERE claim_id = '';

CREATE VIEW conflicts AS
SELECT * FROM conflict_cache WHERE NOT EXISTS (SELECT 1 FROM claim_dirty)
UNION ALL
SELECT * FROM conflicts_live;
