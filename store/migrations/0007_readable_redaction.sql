-- feed_status and crawl_queue as 0006 made them, with a redaction a person
-- can read in .schema, in the form the program prints: a URL with a
-- password, "https://user:password@host/feed", shows as
-- "https://user:***@host/feed". The tables keep the real URL (it is fetched
-- with it).

-- The comments inside a CREATE VIEW are kept: .schema shows them.
DROP VIEW IF EXISTS url_shown;
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

DROP VIEW IF EXISTS feed_status;
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

DROP VIEW IF EXISTS crawl_queue;
CREATE VIEW crawl_queue AS
SELECT (SELECT shown FROM url_shown s WHERE s.url = feed_items.url) AS url,
       state, attempts, last_error, next_retry, lease_until AS leased_until,
       title, published,
       (SELECT shown FROM url_shown s WHERE s.url = feed_items.feed_url) AS feed_url,
       first_seen
FROM feed_items
WHERE state <> 'done'
ORDER BY state, next_retry, feed_items.url;

-- What the program wrote before, redacted as "user:xxxxx@", reads as it
-- writes now; so a failure recorded before is still found (by its redacted
-- source) and resolved when its page is fetched.
UPDATE OR IGNORE failures SET source = replace(source, ':xxxxx@', ':***@') WHERE source LIKE '%:xxxxx@%';
UPDATE failures SET reason = replace(reason, ':xxxxx@', ':***@') WHERE reason LIKE '%:xxxxx@%';
UPDATE feeds SET last_error = replace(last_error, ':xxxxx@', ':***@') WHERE last_error LIKE '%:xxxxx@%';
UPDATE feed_items SET last_error = replace(last_error, ':xxxxx@', ':***@') WHERE last_error LIKE '%:xxxxx@%';
UPDATE runs SET error = replace(error, ':xxxxx@', ':***@') WHERE error LIKE '%:xxxxx@%';
