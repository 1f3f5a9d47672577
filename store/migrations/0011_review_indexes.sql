-- Indexes for review over a large store (issue 10: with 100,000 articles
-- the claims filters and the README's review queries answer in under
-- 100 ms; store/review_bench_test.go times them, store/plan_test.go checks
-- their plans). Already there: facts (claim_id), (company, type), (type),
-- (country), (article_id), articles (published), corrections (claim_id).
-- IF NOT EXISTS: the file can be applied again.

-- ingest claims --provider compares without regard to case.
CREATE INDEX IF NOT EXISTS facts_company_nocase ON facts (company COLLATE NOCASE);
-- ingest claims --country: a count's scope (an expansion's country has
-- facts_country).
CREATE INDEX IF NOT EXISTS facts_scope ON facts (scope) WHERE scope IS NOT NULL;
-- ingest claims --min-confidence.
CREATE INDEX IF NOT EXISTS facts_confidence ON facts (confidence);
-- The views' published column is the date part: ORDER BY published
-- (review query 1, newest first) reads this index backwards.
CREATE INDEX IF NOT EXISTS articles_day ON articles (substr(published, 1, 10));
