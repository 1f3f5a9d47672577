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
-- The migration's Go part (compactStore, store/compact.go) moves the data
-- and drops the two old columns; both parts can be applied again. Views
-- are store/views.sql's: the runner drops them all before this migration
-- (viewsFileVersion) and makes them again after the last one. (This file
-- once created them again itself, a copy of 0013's and 0014's; nothing in
-- it or its Go part reads a view, so a store that takes it now gets the
-- same views from views.sql.)

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
