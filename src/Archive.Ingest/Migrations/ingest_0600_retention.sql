-- Lifecycle (CONTRACT §9; DA/T 70, 档案法 §23): legal holds, appraisals opened at the end of retention, disposal
-- appraisals with their group decisions, retention extended by a "keep" decision, and the tombstones of disposed
-- versions. The ledger is the record; these tables are the working state and an index of it.

CREATE TABLE IF NOT EXISTS ingest.holds (
    id              uuid PRIMARY KEY,
    project_code    text NOT NULL REFERENCES ingest.projects (code),
    reason          text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    reference       text NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 200),
    placed_by       uuid NOT NULL,
    placed_by_name  text NOT NULL,
    placed_at       timestamptz NOT NULL,
    placed_entry    bigint NOT NULL UNIQUE,
    released_by     uuid NULL,
    released_at     timestamptz NULL,
    released_entry  bigint NULL UNIQUE,
    CHECK ((released_at IS NULL) = (released_entry IS NULL))
);

CREATE INDEX IF NOT EXISTS holds_active ON ingest.holds (project_code) WHERE released_at IS NULL;

-- One appraisal.opened per version and end of retention (a "keep" decision moves the end; a later one opens again).
CREATE TABLE IF NOT EXISTS ingest.appraisal_openings (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    retain_until    date NOT NULL,
    opened_at       timestamptz NOT NULL,
    ledger_index    bigint NOT NULL,
    PRIMARY KEY (project_code, version, retain_until),
    FOREIGN KEY (project_code, version) REFERENCES ingest.versions (project_code, version)
);

-- A "keep" decision's new end of retention for every version of the project (the latest extension counts).
CREATE TABLE IF NOT EXISTS ingest.retention_extensions (
    project_code    text NOT NULL REFERENCES ingest.projects (code),
    retain_until    date NOT NULL,
    reason          text NOT NULL,
    disposal_id     uuid NOT NULL,
    extended_at     timestamptz NOT NULL,
    PRIMARY KEY (project_code, disposal_id)
);

CREATE TABLE IF NOT EXISTS ingest.disposals (
    id               uuid PRIMARY KEY,
    status           text NOT NULL CHECK (status IN ('appraising', 'kept', 'disposing', 'waiting', 'disposed')),
    reason           text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    proposed_by      uuid NOT NULL,
    proposed_by_name text NOT NULL,
    proposed_at      timestamptz NOT NULL,
    proposed_entry   bigint NOT NULL UNIQUE,
    waiting_reason   text NULL,
    register_key     text NULL,
    register_sha256  text NULL CHECK (register_sha256 IS NULL OR register_sha256 ~ '^[0-9a-f]{64}$'),
    completed_at     timestamptz NULL
);

CREATE INDEX IF NOT EXISTS disposals_pending ON ingest.disposals (proposed_at) WHERE status IN ('disposing', 'waiting');

CREATE TABLE IF NOT EXISTS ingest.disposal_projects (
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    project_code    text NOT NULL REFERENCES ingest.projects (code),
    PRIMARY KEY (disposal_id, project_code)
);

CREATE INDEX IF NOT EXISTS disposal_projects_code ON ingest.disposal_projects (project_code);

CREATE TABLE IF NOT EXISTS ingest.disposal_decisions (
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    approver_id     uuid NOT NULL,
    approver_name   text NOT NULL,
    decision        text NOT NULL CHECK (decision IN ('keep', 'dispose')),
    comment         text NULL CHECK (comment IS NULL OR char_length(comment) <= 2000),
    extend_until    date NULL,
    decided_at      timestamptz NOT NULL,
    ledger_index    bigint NOT NULL UNIQUE,
    PRIMARY KEY (disposal_id, approver_id),
    CHECK ((decision = 'keep') = (extend_until IS NOT NULL))
);

-- A disposed version: its content is gone from both stores; reads answer 410 naming the tombstone entry.
CREATE TABLE IF NOT EXISTS ingest.disposed_versions (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    tombstone_entry bigint NOT NULL,
    disposed_at     timestamptz NOT NULL,
    PRIMARY KEY (project_code, version),
    FOREIGN KEY (project_code, version) REFERENCES ingest.versions (project_code, version)
);

-- Each sealed, not yet disposed version with its effective end of retention: the sealed end, or a later "keep"
-- extension of its project; null (permanent) stays permanent.
CREATE OR REPLACE VIEW ingest.version_retention AS
SELECT v.project_code, v.version, v.retain_until AS sealed_until,
       CASE WHEN v.retain_until IS NULL THEN NULL
            ELSE greatest(v.retain_until, (SELECT max(e.retain_until) FROM ingest.retention_extensions e WHERE e.project_code = v.project_code))
       END AS retain_until
FROM ingest.versions v
WHERE NOT EXISTS (SELECT 1 FROM ingest.disposed_versions d WHERE d.project_code = v.project_code AND d.version = v.version);
