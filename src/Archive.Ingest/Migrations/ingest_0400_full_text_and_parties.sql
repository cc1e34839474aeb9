-- Catalogue search (issue 10): the text of sealed PDF items (档案全文检索) and an index of the projects' parties.
-- Chinese needs no dictionary here: pg_trgm (PostgreSQL contrib, a trusted extension the database owner may create)
-- indexes character trigrams, which serve substring searches of three characters and more (see README).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- One row per PDF item of each sealed version, written by the full-text job after the seal (never by the seal itself).
-- status: 'text' (text extracted, possibly truncated at the cap), 'no-text' (a PDF without a text layer, e.g. a scan),
-- 'failed' (the PDF could not be read; problem says why), 'too-large' (not read: above the size the job loads).
-- No foreign key to the version: a disposal at the end of retention removes these rows with the version's other rows.
CREATE TABLE IF NOT EXISTS ingest.item_texts (
    project_code      text NOT NULL,
    version           integer NOT NULL,
    path              text NOT NULL,
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    status            text NOT NULL CHECK (status IN ('text', 'no-text', 'failed', 'too-large')),
    text              text NOT NULL DEFAULT '',
    pages             integer NULL,
    truncated         boolean NOT NULL DEFAULT false,
    problem           text NULL,
    extracted_at      timestamptz NOT NULL,
    PRIMARY KEY (project_code, version, path)
);

CREATE INDEX IF NOT EXISTS item_texts_sha256 ON ingest.item_texts (sha256);
CREATE INDEX IF NOT EXISTS item_texts_trgm ON ingest.item_texts USING gin (text public.gin_trgm_ops);

-- The parties of each project as its current metadata names them (the latest sealed submission, or the first one
-- before any seal), kept in step with ingest.projects.metadata by a trigger so that no writer can forget it.
-- is_agency: the party's role names an agency (招标代理机构, 采购代理机构 …: the role contains 代理, or "agen").
CREATE TABLE IF NOT EXISTS ingest.project_parties (
    project_code      text NOT NULL REFERENCES ingest.projects (code) ON DELETE CASCADE,
    ordinal           integer NOT NULL,
    role              text NOT NULL,
    name              text NOT NULL,
    credit_code       text NULL,
    is_agency         boolean NOT NULL,
    PRIMARY KEY (project_code, ordinal)
);

CREATE INDEX IF NOT EXISTS project_parties_credit_code ON ingest.project_parties (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX IF NOT EXISTS project_parties_name_trgm ON ingest.project_parties USING gin (name public.gin_trgm_ops);

CREATE OR REPLACE FUNCTION ingest.refresh_project_parties() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ingest.project_parties WHERE project_code = NEW.code;
    INSERT INTO ingest.project_parties (project_code, ordinal, role, name, credit_code, is_agency)
    SELECT NEW.code, x.ordinality::integer, coalesce(x.party->>'role', ''), x.party->>'name', nullif(x.party->>'creditCode', ''),
           strpos(coalesce(x.party->>'role', ''), '代理') > 0 OR strpos(lower(coalesce(x.party->>'role', '')), 'agen') > 0
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(NEW.metadata->'parties') = 'array' THEN NEW.metadata->'parties' ELSE '[]'::jsonb END)
         WITH ORDINALITY AS x(party, ordinality)
    WHERE jsonb_typeof(x.party) = 'object' AND coalesce(x.party->>'name', '') <> '';
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS projects_parties ON ingest.projects;
CREATE TRIGGER projects_parties AFTER INSERT OR UPDATE OF metadata ON ingest.projects
    FOR EACH ROW EXECUTE FUNCTION ingest.refresh_project_parties();

-- Backfill: projects archived before this migration.
INSERT INTO ingest.project_parties (project_code, ordinal, role, name, credit_code, is_agency)
SELECT p.code, x.ordinality::integer, coalesce(x.party->>'role', ''), x.party->>'name', nullif(x.party->>'creditCode', ''),
       strpos(coalesce(x.party->>'role', ''), '代理') > 0 OR strpos(lower(coalesce(x.party->>'role', '')), 'agen') > 0
FROM ingest.projects p,
     jsonb_array_elements(CASE WHEN jsonb_typeof(p.metadata->'parties') = 'array' THEN p.metadata->'parties' ELSE '[]'::jsonb END)
         WITH ORDINALITY AS x(party, ordinality)
WHERE jsonb_typeof(x.party) = 'object' AND coalesce(x.party->>'name', '') <> ''
ON CONFLICT DO NOTHING;

-- Sorting the catalogue by seal time without a per-row aggregate over versions.
CREATE INDEX IF NOT EXISTS versions_sealed ON ingest.versions (project_code, sealed_at);
CREATE INDEX IF NOT EXISTS projects_name ON ingest.projects (name COLLATE "C");
CREATE INDEX IF NOT EXISTS projects_region ON ingest.projects (region text_pattern_ops);
