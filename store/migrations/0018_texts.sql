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
-- The migration's Go part (textsStore, store/texts.go) moves the texts
-- and makes claim_stats again; this file gives claim_stats back its
-- indexes. Both parts can be applied again. Like every migration from
-- 0016 on, it finds no view: the views are views.sql's, made after the
-- migrations.

CREATE UNIQUE INDEX IF NOT EXISTS claim_stats_claim ON claim_stats (claim_id);
CREATE INDEX IF NOT EXISTS claim_stats_review ON claim_stats (review) WHERE review IS NOT NULL;
