-- 0018: article text in a table of its own, and claim_stats' company as
-- an id (issue 11: a smaller store).
--
-- article_texts holds each article's text as articles held it since 0015
-- (text_z, text_size: the sqlar format, store/sqlar.go), one row per
-- article (article_id). An articles row with its text was 1.6 KB, so two
-- fit a 4 KiB page and a fifth of every page was left empty; without it a
-- row is some 340 bytes and a page holds a dozen, and the texts, a row
-- each, pack three to a page more often than two. The views read the text
-- by article_id (article_text shows every article with its text, as
-- before); article_texts' own id is the order the texts were written in.
--
-- claim_stats.company is an id in companies, as facts.company is since
-- 0017 (1 byte for some 8, in every claim and in claim_stats_claim, which
-- holds claim_stats' key). The market-wide claims have the company '',
-- id 0 in companies; a corrected name is added to companies when the
-- claims are stored. The views list claims in the order of the names, as
-- before: claim_rows reads companies by name and each company's claims
-- by claim_stats' key.
--
-- conflict_cache keeps the kind as a code, the provider as an id in
-- companies and the dates as days, and not what the conflict is about,
-- which the view conflicts reads from its first fact. articles keeps the
-- content hash as its 32 bytes (article_text shows the 64 hex digits).
--
-- The migration's Go part (textsStore, store/texts.go) moves the texts,
-- makes claim_stats and conflict_cache again and turns the hashes into
-- bytes; this file gives claim_stats back its indexes, and indexes the
-- copies' duplicate_of only. Both parts can be applied again. Like every migration from
-- 0016 on, it finds no view: the views are views.sql's, made after the
-- migrations.

-- article_fingerprints_duplicate_of serves the look-ups of an article's
-- copies (duplicate_of = ?): only the copies' rows, not every article's
-- NULL.
DROP INDEX IF EXISTS article_fingerprints_duplicate_of;
CREATE INDEX article_fingerprints_duplicate_of ON article_fingerprints (duplicate_of)
    WHERE duplicate_of IS NOT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS claim_stats_claim ON claim_stats (claim_id);
CREATE INDEX IF NOT EXISTS claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL;
