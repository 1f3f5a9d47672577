-- 0016: codes for the fact type, facility and status, days for the claims'
-- dates, no sources in conflict_cache (issue 11: a smaller store).
--
-- facts.type, facts.facility and facts.status, and the same columns of
-- claim_stats, hold small integers instead of names: 1 byte instead of 5 to
-- 17 in every fact, every claim and facts_company_type. The codes are
-- numbered in the alphabetical order of the names (ORDER BY, min() and
-- max() give what they gave); fact_codes lists them, and the views show
-- the names (store/views.sql). claim_stats keeps first_seen and last_seen
-- as days since 1970-01-01 (an undated claim's last_seen -1000000, sorting
-- last as '' did): 2 or 3 bytes for 11, twice in the table and once in
-- claim_stats_claim. The migration's Go part (codeStore,
-- store/codes.go) makes the two tables again with the codes; this file
-- gives them back their indexes and triggers. Both parts can be applied
-- again. Like every migration from 0016 on, it finds no view: the views
-- are views.sql's, made after the migrations.

CREATE TABLE IF NOT EXISTS fact_codes (
    field TEXT NOT NULL,    -- type, facility or status
    code  INTEGER NOT NULL,
    name  TEXT NOT NULL,
    PRIMARY KEY (field, code)
) WITHOUT ROWID;
INSERT INTO fact_codes (field, code, name) VALUES
    ('type', 1, 'az_count'), ('type', 2, 'datacenter_count'), ('type', 3, 'expansion'),
    ('type', 4, 'investment'), ('type', 5, 'money'), ('type', 6, 'region_count'),
    ('facility', 1, 'availability_zone'), ('facility', 2, 'data_center'), ('facility', 3, 'edge_location'),
    ('facility', 4, 'local_zone'), ('facility', 5, 'other'), ('facility', 6, 'region'),
    ('facility', 7, 'service_center'),
    ('status', 1, 'closed'), ('status', 2, 'launched'), ('status', 3, 'planned')
    ON CONFLICT DO NOTHING;

-- The indexes of facts as 0011, 0012 and 0013 left them, with codes in
-- the partial ones: investments (type 4) and closures (type 3, status 1).
CREATE INDEX IF NOT EXISTS facts_article ON facts (article_id, start_offset);
CREATE INDEX IF NOT EXISTS facts_company_type ON facts (company, type);
CREATE INDEX IF NOT EXISTS facts_claim ON facts (claim_id);
CREATE INDEX IF NOT EXISTS facts_investment ON facts (company, currency, amount)
    WHERE type = 4;
CREATE INDEX IF NOT EXISTS facts_closed ON facts (company, country)
    WHERE type = 3 AND status = 1;

-- conflict_cache keeps no sources: the conflicts view reads each from its
-- fact's article (two URLs a row were 68 of 580 MB over 100,000 articles).
UPDATE conflict_cache SET source_1 = NULL, source_2 = NULL WHERE source_1 IS NOT NULL OR source_2 IS NOT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS claim_stats_claim ON claim_stats (claim_id);
CREATE INDEX IF NOT EXISTS claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL;

-- The triggers of facts as 0015 left them.
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
