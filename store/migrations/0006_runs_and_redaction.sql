-- Truthful run records (issue 9): a run stopped by a signal is
-- 'interrupted'; one whose process is gone without finishing is marked
-- 'abandoned' by the next command that writes, which needs the process id
-- and host of each run. SQLite cannot change a CHECK constraint, so runs is
-- rebuilt; failures keep their link to the run that last saw them.
--
-- And secrets stay in the process: a feed or page URL may carry
-- "user:password@"; feed_status and crawl_queue show it as
-- "user:xxxxx@" (net/url's URL.Redacted), the table keeps the real URL.

CREATE TEMP TABLE failure_runs AS
SELECT id, last_run_id FROM failures WHERE last_run_id IS NOT NULL;

CREATE TABLE runs_new (
    id                 INTEGER PRIMARY KEY,
    command            TEXT NOT NULL,
    args               TEXT NOT NULL DEFAULT '[]', -- JSON array
    started_at         TEXT NOT NULL,
    finished_at        TEXT,
    -- running: not finished (or the process died and no command has
    -- looked since); partial: some items failed; failed: the run stopped
    -- early with error; interrupted: stopped by a signal; abandoned: its
    -- process is gone and never finished it
    status             TEXT NOT NULL DEFAULT 'running'
                           CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted', 'abandoned')),
    error              TEXT,
    files_seen         INTEGER NOT NULL DEFAULT 0,
    articles_new       INTEGER NOT NULL DEFAULT 0,
    articles_updated   INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    facts              INTEGER NOT NULL DEFAULT 0,
    skipped            INTEGER NOT NULL DEFAULT 0,
    failed             INTEGER NOT NULL DEFAULT 0,
    pid                INTEGER,                -- the process that ran it
    host               TEXT                    -- and the host it ran on
);

INSERT INTO runs_new (id, command, args, started_at, finished_at, status, error, files_seen,
    articles_new, articles_updated, articles_unchanged, facts, skipped, failed)
SELECT id, command, args, started_at, finished_at, status, error, files_seen,
    articles_new, articles_updated, articles_unchanged, facts, skipped, failed
FROM runs;

DROP VIEW IF EXISTS run_log;
DROP TABLE runs; -- sets failures.last_run_id to NULL: restored below
ALTER TABLE runs_new RENAME TO runs;
CREATE INDEX runs_running ON runs (host, pid) WHERE status = 'running';

UPDATE failures SET last_run_id = (SELECT f.last_run_id FROM failure_runs f WHERE f.id = failures.id)
WHERE id IN (SELECT id FROM failure_runs);
DROP TABLE failure_runs;

CREATE VIEW run_log AS
SELECT id, command, args, started_at,
       CAST(round((julianday(finished_at) - julianday(started_at)) * 86400) AS INTEGER) AS seconds,
       status, files_seen AS files, articles_new AS new, articles_updated AS updated,
       articles_unchanged AS unchanged, facts, skipped, failed, error
FROM runs
ORDER BY id DESC;

DROP VIEW IF EXISTS feed_status;
CREATE VIEW feed_status AS
SELECT CASE WHEN instr(url, '://') > 0 AND length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) > 0 AND instr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), ':') > 0
       THEN substr(url, 1, instr(url, '://') + 2) || substr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), 1, instr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), ':')) || 'xxxxx' || substr(substr(url, instr(url, '://') + 3), length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))))
       ELSE url END AS url,
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

DROP VIEW IF EXISTS crawl_queue;
CREATE VIEW crawl_queue AS
SELECT CASE WHEN instr(url, '://') > 0 AND length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) > 0 AND instr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), ':') > 0
       THEN substr(url, 1, instr(url, '://') + 2) || substr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), 1, instr(substr((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))) - 1), ':')) || 'xxxxx' || substr(substr(url, instr(url, '://') + 3), length(rtrim((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), replace((CASE WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0 THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1) ELSE substr(url, instr(url, '://') + 3) END), '@', ''))))
       ELSE url END AS url,
       state, attempts, last_error, next_retry, lease_until AS leased_until,
       title, published,
       CASE WHEN instr(feed_url, '://') > 0 AND length(rtrim((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), replace((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), '@', ''))) > 0 AND instr(substr((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), replace((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), '@', ''))) - 1), ':') > 0
       THEN substr(feed_url, 1, instr(feed_url, '://') + 2) || substr(substr((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), replace((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), '@', ''))) - 1), 1, instr(substr((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), 1, length(rtrim((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), replace((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), '@', ''))) - 1), ':')) || 'xxxxx' || substr(substr(feed_url, instr(feed_url, '://') + 3), length(rtrim((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), replace((CASE WHEN instr(substr(feed_url, instr(feed_url, '://') + 3), '/') > 0 THEN substr(substr(feed_url, instr(feed_url, '://') + 3), 1, instr(substr(feed_url, instr(feed_url, '://') + 3), '/') - 1) ELSE substr(feed_url, instr(feed_url, '://') + 3) END), '@', ''))))
       ELSE feed_url END AS feed_url,
       first_seen
FROM feed_items
WHERE state <> 'done'
ORDER BY state, next_retry, feed_items.url;
