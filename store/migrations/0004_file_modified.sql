-- A file's modification time is not a publication date: it says when the
-- file was written or copied. It gets its own column, and published holds
-- only a date the article states (metadata, feed, dateline, URL).
--
-- Before this migration a .txt or .md file without a stated date got its
-- modification time as published. Such a time cannot be told from a stated
-- one with certainty; one written as modification times were (UTC, to the
-- second, not midnight) on a text-file source is taken to be one and moved,
-- so that `reextract` does not resolve "next year" against it. A stated
-- date written that way comes back on the next `ingest run` of the file.
ALTER TABLE articles ADD COLUMN file_modified TEXT; -- ISO 8601, UTC; NULL for fetched pages

UPDATE articles SET file_modified = published, published = NULL
WHERE source NOT LIKE 'http://%' AND source NOT LIKE 'https://%'
  AND (lower(source) LIKE '%.txt' OR lower(source) LIKE '%.md' OR lower(source) LIKE '%.markdown')
  AND published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'
  AND substr(published, 12, 8) <> '00:00:00';
