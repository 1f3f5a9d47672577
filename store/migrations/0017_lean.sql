-- 0017: claim ids as numbers, confidences in thousandths, each article's
-- URL once (issue 11: a smaller store).
--
-- facts.claim_id, claim_stats.claim_id and claim_dirty.claim_id hold the
-- claim id's 12 hex digits as a number: 6 or 8 bytes instead of 13, in
-- every fact, every claim, facts_claim and claim_stats_claim. The views
-- show the id as before, printf('%012x', claim_id), and citations and
-- claim_list_all also give the number (claim_num) for a lookup that uses
-- the index: in the sqlite3 shell, where claim_num = 0xf5e2dfafe7e2.
-- corrections keeps the id as typed (hex text, for the shell's joins with
-- the views) and gives its number in a virtual column, claim_num, which
-- the views and triggers join on.
--
-- facts.confidence and claim_stats.confidence, REALs of 8 bytes, become
-- integers of 2, in thousandths (0.85 is 850; the names stay, for the
-- migrations before this one, which may be applied again); the views show
-- the confidence as before (confidence / 1000.0). articles.url was
-- the key again whenever an article has a URL (Article.Key is the URL when
-- there is one), with its own index: it is now a virtual column,
-- CASE WHEN has_url THEN key END, which costs nothing stored, and a
-- lookup by URL reads the key's index. The migration's Go part
-- (leanStore, store/lean.go) makes facts and claim_stats again and
-- changes articles' columns; this file gives the tables back their
-- indexes and triggers. Both parts can be applied again. Like every
-- migration from 0016 on, it finds no view: the views are views.sql's,
-- made after the migrations.

-- Nothing reads articles by the whole published stamp: the views order
-- and filter by its date, substr(published, 1, 10), which articles_day
-- (0011) indexes. 3 KB per 100 articles.
DROP INDEX IF EXISTS articles_published;

-- The indexes of facts as 0016 left them.
CREATE INDEX IF NOT EXISTS facts_article ON facts (article_id, start_offset);
CREATE INDEX IF NOT EXISTS facts_company_type ON facts (company, type);
CREATE INDEX IF NOT EXISTS facts_claim ON facts (claim_id);
CREATE INDEX IF NOT EXISTS facts_investment ON facts (company, currency, amount)
    WHERE type = 4;
CREATE INDEX IF NOT EXISTS facts_closed ON facts (company, country)
    WHERE type = 3 AND status = 1;

CREATE UNIQUE INDEX IF NOT EXISTS claim_stats_claim ON claim_stats (claim_id);
CREATE INDEX IF NOT EXISTS claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL;

CREATE INDEX IF NOT EXISTS corrections_claim_num ON corrections (claim_num, field);

-- The triggers of facts as 0016 left them.
DROP TRIGGER IF EXISTS facts_claim_delete;
CREATE TRIGGER facts_claim_delete AFTER DELETE ON facts BEGIN
    INSERT INTO claim_dirty VALUES (OLD.claim_id) ON CONFLICT DO NOTHING;
END;
DROP TRIGGER IF EXISTS facts_claim_update;
CREATE TRIGGER facts_claim_update AFTER UPDATE ON facts BEGIN
    INSERT INTO claim_dirty VALUES (OLD.claim_id), (NEW.claim_id) ON CONFLICT DO NOTHING;
END;
DROP TRIGGER IF EXISTS facts_claim_insert;
CREATE TRIGGER facts_claim_insert AFTER INSERT ON facts
WHEN NEW.id <= (SELECT fact_id FROM claim_mark) BEGIN
    INSERT INTO claim_dirty VALUES (NEW.claim_id) ON CONFLICT DO NOTHING;
END;

-- 0013's trigger on articles, watching the columns url is made of (key
-- and has_url) instead of url.
DROP TRIGGER IF EXISTS articles_claim_update;
CREATE TRIGGER articles_claim_update AFTER UPDATE OF published, site, key, has_url, source ON articles BEGIN
    INSERT INTO claim_dirty
        SELECT claim_id FROM (
            SELECT claim_id FROM facts WHERE article_id = NEW.id
            UNION SELECT f.claim_id FROM article_fingerprints fp JOIN facts f ON f.article_id = fp.article_id
                  WHERE fp.duplicate_of = NEW.id) WHERE true
        ON CONFLICT DO NOTHING;
END;

-- 0009's triggers on corrections, with the claim's number.
DROP TRIGGER IF EXISTS corrections_claim_insert;
CREATE TRIGGER corrections_claim_insert AFTER INSERT ON corrections BEGIN
    INSERT INTO claim_dirty VALUES (NEW.claim_num) ON CONFLICT DO NOTHING;
END;
DROP TRIGGER IF EXISTS corrections_claim_delete;
CREATE TRIGGER corrections_claim_delete AFTER DELETE ON corrections BEGIN
    INSERT INTO claim_dirty VALUES (OLD.claim_num) ON CONFLICT DO NOTHING;
END;
DROP TRIGGER IF EXISTS corrections_claim_update;
CREATE TRIGGER corrections_claim_update AFTER UPDATE ON corrections BEGIN
    INSERT INTO claim_dirty VALUES (OLD.claim_num), (NEW.claim_num) ON CONFLICT DO NOTHING;
END;
