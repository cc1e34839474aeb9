-- Ingest (CONTRACT §3–§4): projects, submissions with their staged items, sealed versions.
-- Nothing here is ever updated after a version is archived, except its copies' verification state.

CREATE TABLE IF NOT EXISTS ingest.projects (
    code              text PRIMARY KEY CHECK (char_length(code) BETWEEN 1 AND 50),
    storage_segment   text NOT NULL UNIQUE,
    name              text NOT NULL,
    category          text NOT NULL,
    platform          text NOT NULL,
    region            text NULL,
    latest_version    integer NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
    metadata          jsonb NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS projects_category ON ingest.projects (category);
CREATE INDEX IF NOT EXISTS projects_created ON ingest.projects (created_at);

CREATE TABLE IF NOT EXISTS ingest.submissions (
    id                uuid PRIMARY KEY,
    project_code      text NOT NULL,
    platform          text NOT NULL,
    submitted_by      uuid NOT NULL,
    status            text NOT NULL CHECK (status IN ('open', 'sealing', 'archived', 'rejected')),
    metadata          jsonb NOT NULL,
    created_at        timestamptz NOT NULL,
    seal_requested_at timestamptz NULL,
    -- Fixed when sealing starts, so that a retried job seals the same version with the same time.
    version           integer NULL,
    sealed_at         timestamptz NULL,
    manifest_sha256   text NULL,
    ledger_index      bigint NULL,
    archived_at       timestamptz NULL,
    problems          jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX IF NOT EXISTS submissions_project ON ingest.submissions (project_code);
CREATE INDEX IF NOT EXISTS submissions_open ON ingest.submissions (created_at) WHERE status = 'open';
-- One sealing at a time per project: versions are a chain.
CREATE UNIQUE INDEX IF NOT EXISTS submissions_one_sealing ON ingest.submissions (project_code) WHERE status = 'sealing';
CREATE UNIQUE INDEX IF NOT EXISTS submissions_version ON ingest.submissions (project_code, version) WHERE version IS NOT NULL;

CREATE TABLE IF NOT EXISTS ingest.submission_items (
    submission_id     uuid NOT NULL REFERENCES ingest.submissions (id),
    path              text NOT NULL,
    role              text NOT NULL,
    media_type        text NOT NULL,
    size              bigint NOT NULL CHECK (size >= 0),
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    sm3               text NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
    received_at       timestamptz NOT NULL,
    staging_key       text NOT NULL,
    PRIMARY KEY (submission_id, path)
);

CREATE TABLE IF NOT EXISTS ingest.versions (
    project_code      text NOT NULL REFERENCES ingest.projects (code),
    version           integer NOT NULL CHECK (version >= 1),
    submission_id     uuid NOT NULL UNIQUE REFERENCES ingest.submissions (id),
    manifest          bytea NOT NULL,
    manifest_sha256   text NOT NULL,
    previous_sha256   text NULL,
    sealed_at         timestamptz NOT NULL,
    retain_until      date NULL,
    ledger_index      bigint NOT NULL,
    online_state      text NOT NULL CHECK (online_state IN ('confirmed', 'damaged', 'repaired')),
    offline_state     text NOT NULL CHECK (offline_state IN ('confirmed', 'damaged', 'repaired')),
    archived_at       timestamptz NOT NULL,
    PRIMARY KEY (project_code, version)
);

CREATE TABLE IF NOT EXISTS ingest.version_items (
    project_code      text NOT NULL,
    version           integer NOT NULL,
    path              text NOT NULL,
    role              text NOT NULL,
    media_type        text NOT NULL,
    size              bigint NOT NULL,
    sha256            text NOT NULL,
    sm3               text NOT NULL,
    object_key        text NOT NULL,
    PRIMARY KEY (project_code, version, path),
    FOREIGN KEY (project_code, version) REFERENCES ingest.versions (project_code, version)
);
