-- Catalogue look-up by `q` (issue 12 §1, measured by `./archive bench`): a code prefix or a name substring. Without
-- these indexes every look-up scanned every project twice (the count and the page); with them PostgreSQL answers
-- `code LIKE 'prefix%'` from a pattern b-tree and `name LIKE '%text%'` (3 characters and more) from a trigram index.
-- pg_trgm is created by ingest_0400.
CREATE INDEX IF NOT EXISTS projects_code_pattern ON ingest.projects (code text_pattern_ops);
CREATE INDEX IF NOT EXISTS projects_name_trgm ON ingest.projects USING gin (name public.gin_trgm_ops);
