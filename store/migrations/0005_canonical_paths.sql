-- One canonical path per file. From this version `ingest run` stores the
-- path of a file it reads absolute, cleaned and with symlinks resolved, so
-- that "in/a.txt", "./in//a.txt" and "/abs/in/a.txt" are one article.
--
-- A migration cannot do that for what is stored: it does not know the
-- folder an earlier run started in, and the files may be gone. It cleans
-- the stored paths (sources of articles and failures that are not URLs):
-- a leading "./", repeated "/", "/./" and a trailing "/" or "/." go; ".."
-- is left as it is. Articles keyed by their path are re-keyed; when two
-- become one, the most recently updated is kept (its facts with it) and the
-- others are deleted; failures likewise keep the most recently seen. The
-- next `ingest run` from the folder an earlier run started in adopts the
-- article stored under the cleaned relative path (store.AdoptSource).
CREATE TEMP TABLE clean_paths AS
WITH RECURSIVE step (tbl, id, p, depth) AS (
    SELECT 'articles', id, source, 0 FROM articles WHERE source NOT LIKE '%://%'
    UNION ALL
    SELECT 'failures', id, source, 0 FROM failures WHERE source NOT LIKE '%://%'
    UNION ALL
    SELECT tbl, id, CASE
            WHEN p LIKE './%' AND length(p) > 2 THEN substr(p, 3)
            WHEN instr(p, '//') > 0 THEN replace(p, '//', '/')
            WHEN instr(p, '/./') > 0 THEN replace(p, '/./', '/')
            WHEN p LIKE '_%/.' THEN substr(p, 1, length(p) - 2)
            WHEN p LIKE '_%/' THEN substr(p, 1, length(p) - 1)
        END, depth + 1
    FROM step WHERE p IS NOT NULL
)
-- SQLite takes the bare column p from the row of max(depth).
SELECT tbl, id, p, max(depth) AS depth FROM step WHERE p IS NOT NULL GROUP BY tbl, id;

DELETE FROM articles WHERE id IN (
    SELECT a.id FROM articles a JOIN clean_paths c ON c.tbl = 'articles' AND c.id = a.id
    WHERE a.key = a.source AND EXISTS (
        SELECT 1 FROM articles b JOIN clean_paths d ON d.tbl = 'articles' AND d.id = b.id
        WHERE b.key = b.source AND d.p = c.p AND b.id <> a.id
          AND (b.updated_at > a.updated_at OR (b.updated_at = a.updated_at AND b.id > a.id))));

UPDATE articles SET
    key = CASE WHEN key = source THEN (SELECT p FROM clean_paths WHERE tbl = 'articles' AND id = articles.id) ELSE key END,
    source = (SELECT p FROM clean_paths WHERE tbl = 'articles' AND id = articles.id)
WHERE id IN (SELECT id FROM clean_paths WHERE tbl = 'articles' AND depth > 0);

DELETE FROM failures WHERE id IN (
    SELECT a.id FROM failures a JOIN clean_paths c ON c.tbl = 'failures' AND c.id = a.id
    WHERE EXISTS (
        SELECT 1 FROM failures b JOIN clean_paths d ON d.tbl = 'failures' AND d.id = b.id
        WHERE d.p = c.p AND b.id <> a.id
          AND (b.last_seen > a.last_seen OR (b.last_seen = a.last_seen AND b.id > a.id))));

UPDATE failures SET source = (SELECT p FROM clean_paths WHERE tbl = 'failures' AND id = failures.id)
WHERE id IN (SELECT id FROM clean_paths WHERE tbl = 'failures' AND depth > 0);

DROP TABLE clean_paths;
