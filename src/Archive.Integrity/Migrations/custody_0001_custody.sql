-- Custody (CONTRACT §8): the registry of every sealed object in each copy, per-chunk digests for verified reads,
-- verification runs with their work lists (claims live here, never in a process's memory) and their failures.

-- Per-chunk SHA-256 of content-addressed bytes (the same bytes have the same chunks in every version and copy).
CREATE TABLE IF NOT EXISTS custody.chunk_digests (
    sha256            text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size              bigint NOT NULL CHECK (size >= 0),
    chunk_size        integer NOT NULL CHECK (chunk_size > 0),
    digests           bytea NOT NULL
);

-- One row per object per copy; a content-addressed online object shared by several items is one row.
CREATE TABLE IF NOT EXISTS custody.objects (
    copy              text NOT NULL CHECK (copy IN ('online', 'offline')),
    key               text NOT NULL,
    project_code      text NOT NULL,
    version           integer NOT NULL,
    path              text NOT NULL,
    size              bigint NOT NULL CHECK (size >= 0),
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    sm3               text NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
    counterpart_key   text NOT NULL,
    state             text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'failed', 'repaired', 'lost')),
    registered_at     timestamptz NOT NULL,
    last_verified_at  timestamptz NULL,
    PRIMARY KEY (copy, key)
);

CREATE INDEX IF NOT EXISTS objects_oldest ON custody.objects (copy, last_verified_at NULLS FIRST);
CREATE INDEX IF NOT EXISTS objects_project ON custody.objects (project_code, version);

CREATE TABLE IF NOT EXISTS custody.runs (
    id                uuid PRIMARY KEY,
    status            text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    trigger           text NOT NULL,
    copies            text[] NOT NULL,
    projects          text[] NULL,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz NULL,
    completed_at      timestamptz NULL,
    objects_checked   bigint NOT NULL DEFAULT 0,
    bytes_checked     bigint NOT NULL DEFAULT 0,
    repaired          integer NOT NULL DEFAULT 0,
    lost              integer NOT NULL DEFAULT 0,
    ledger_index      bigint NULL,
    report            bytea NULL,
    report_sha256     text NULL
);

CREATE INDEX IF NOT EXISTS runs_created ON custody.runs (created_at);

-- A run's work list: claimed with FOR UPDATE SKIP LOCKED and a lease, so several processes share one run and a
-- killed worker's claims are taken over after the lease.
CREATE TABLE IF NOT EXISTS custody.run_objects (
    run_id            uuid NOT NULL REFERENCES custody.runs (id),
    copy              text NOT NULL,
    key               text NOT NULL,
    state             text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
    claimed_until     timestamptz NULL,
    checks            integer NOT NULL DEFAULT 0,
    result            text NULL,
    bytes             bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, copy, key)
);

CREATE INDEX IF NOT EXISTS run_objects_open ON custody.run_objects (run_id) WHERE state <> 'done';

CREATE TABLE IF NOT EXISTS custody.run_failures (
    run_id            uuid NOT NULL REFERENCES custody.runs (id),
    copy              text NOT NULL,
    key               text NOT NULL,
    project_code      text NOT NULL,
    version           integer NOT NULL,
    path              text NOT NULL,
    kind              text NOT NULL,
    repaired          boolean NOT NULL,
    lost              boolean NOT NULL,
    ledger_index      bigint NULL,
    PRIMARY KEY (run_id, copy, key)
);

-- The latest completed verification of each project's copy (CONTRACT §8 lastVerification).
CREATE TABLE IF NOT EXISTS custody.project_verifications (
    project_code      text NOT NULL,
    copy              text NOT NULL,
    run_id            uuid NOT NULL,
    verified_at       timestamptz NOT NULL,
    result            text NOT NULL CHECK (result IN ('ok', 'repaired', 'failed', 'lost')),
    PRIMARY KEY (project_code, copy)
);
