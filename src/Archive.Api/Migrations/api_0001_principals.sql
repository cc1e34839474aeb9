-- Principals (CONTRACT §2). Tokens are stored only as SHA-256 hashes.
CREATE TABLE IF NOT EXISTS api.principals (
    id            uuid PRIMARY KEY,
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    role          text NOT NULL CHECK (role IN ('ingest', 'archivist', 'approver', 'auditor', 'admin')),
    organization  text NULL CHECK (organization IS NULL OR char_length(organization) BETWEEN 1 AND 200),
    token_hash    bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at    timestamptz NOT NULL,
    created_by    uuid NULL REFERENCES api.principals (id),
    revoked_at    timestamptz NULL,
    revoked_by    uuid NULL REFERENCES api.principals (id)
);

CREATE INDEX IF NOT EXISTS principals_role ON api.principals (role) WHERE revoked_at IS NULL;
