-- Access by audit agencies (CONTRACT §7, seed §5.6.5): requests, decisions, grants, and the access log
-- projected from the ledger. The ledger is the record; these tables are the working state and an index of it.

CREATE TABLE IF NOT EXISTS api.access_requests (
    id                     uuid PRIMARY KEY,
    -- 审批单号: shown on watermarks and the 登记表, e.g. 2026-000012.
    approval_number        text NOT NULL UNIQUE,
    requester_id           uuid NOT NULL REFERENCES api.principals (id),
    organization           text NOT NULL,
    scope                  text NOT NULL CHECK (scope IN ('read', 'copy')),
    purpose                text NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 2000),
    basis_document_number  text NOT NULL CHECK (char_length(basis_document_number) BETWEEN 1 AND 100),
    basis_issuer           text NOT NULL CHECK (char_length(basis_issuer) BETWEEN 1 AND 200),
    days                   integer NOT NULL CHECK (days BETWEEN 1 AND 3650),
    include_personal_data  boolean NOT NULL,
    levels_required        smallint NOT NULL CHECK (levels_required IN (1, 2)),
    status                 text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
    created_at             timestamptz NOT NULL,
    document_key           text NULL,
    document_sha256        text NULL CHECK (document_sha256 IS NULL OR document_sha256 ~ '^[0-9a-f]{64}$'),
    document_size          bigint NULL,
    document_media_type    text NULL,
    -- The access.requested entry, appended when the document arrives: only then can the request be decided.
    requested_entry        bigint NULL UNIQUE,
    CHECK ((document_key IS NULL) = (requested_entry IS NULL))
);

CREATE INDEX IF NOT EXISTS access_requests_requester ON api.access_requests (requester_id, created_at);
CREATE INDEX IF NOT EXISTS access_requests_organization ON api.access_requests (organization, created_at);

CREATE TABLE IF NOT EXISTS api.access_request_projects (
    request_id    uuid NOT NULL REFERENCES api.access_requests (id),
    position      integer NOT NULL,
    project_code  text NOT NULL,
    PRIMARY KEY (request_id, position),
    UNIQUE (request_id, project_code)
);

CREATE INDEX IF NOT EXISTS access_request_projects_code ON api.access_request_projects (project_code);

CREATE TABLE IF NOT EXISTS api.access_decisions (
    request_id    uuid NOT NULL REFERENCES api.access_requests (id),
    level         smallint NOT NULL CHECK (level IN (1, 2)),
    approver_id   uuid NOT NULL REFERENCES api.principals (id),
    approve       boolean NOT NULL,
    comment       text NULL CHECK (comment IS NULL OR char_length(comment) <= 2000),
    decided_at    timestamptz NOT NULL,
    ledger_index  bigint NOT NULL UNIQUE,
    PRIMARY KEY (request_id, level)
);

CREATE TABLE IF NOT EXISTS api.access_grants (
    id             uuid PRIMARY KEY,
    request_id     uuid NOT NULL UNIQUE REFERENCES api.access_requests (id),
    principal_id   uuid NOT NULL REFERENCES api.principals (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at),
    revoked_at     timestamptz NULL,
    revoked_by     uuid NULL REFERENCES api.principals (id),
    revoke_reason  text NULL,
    revoked_entry  bigint NULL UNIQUE,
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX IF NOT EXISTS access_grants_principal ON api.access_grants (principal_id) WHERE revoked_at IS NULL;

-- The 查询/复制记录: one row per access.* ledger entry, projected from the ledger in index order.
CREATE TABLE IF NOT EXISTS api.access_log (
    ledger_index  bigint PRIMARY KEY,
    type          text NOT NULL,
    at            timestamptz NOT NULL,
    principal_id  uuid NULL,
    organization  text NULL,
    projects      text[] NOT NULL DEFAULT '{}',
    request_id    uuid NULL,
    grant_id      uuid NULL,
    read_entry    bigint NULL,
    entry         jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS access_log_at ON api.access_log (at);
CREATE INDEX IF NOT EXISTS access_log_principal ON api.access_log (principal_id, ledger_index);
CREATE INDEX IF NOT EXISTS access_log_request ON api.access_log (request_id, ledger_index);
CREATE INDEX IF NOT EXISTS access_log_projects ON api.access_log USING gin (projects);

-- How far the projection has read the ledger (one row).
CREATE TABLE IF NOT EXISTS api.access_log_position (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    next_index  bigint NOT NULL CHECK (next_index >= 0)
);

INSERT INTO api.access_log_position (singleton, next_index) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE SEQUENCE IF NOT EXISTS api.access_request_numbers;
