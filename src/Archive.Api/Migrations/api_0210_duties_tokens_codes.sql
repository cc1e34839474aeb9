-- Separation of duties (三员分立), the two-person rule, token expiry and rotation, and platform ownership of codes
-- (issue 9 points 4, 5, 7, 8).

-- The three administrators: admin (system), security-admin (confirms), audit-admin (reads the ledger and access log).
ALTER TABLE api.principals DROP CONSTRAINT IF EXISTS principals_role_check;
ALTER TABLE api.principals ADD CONSTRAINT principals_role_check
    CHECK (role IN ('ingest', 'archivist', 'approver', 'auditor', 'admin', 'security-admin', 'audit-admin'));

-- A principal acts only once activated: at once for trading systems and for the bootstrap admin's first of each
-- kind, otherwise when a security administrator other than the proposer confirms it.
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS activated_at timestamptz NULL;
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS confirmed_by uuid NULL REFERENCES api.principals (id);
UPDATE api.principals SET activated_at = created_at WHERE activated_at IS NULL;

-- A proposal to re-enable a revoked principal, with the hash of the new token it will carry once confirmed.
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS enable_proposed_by uuid NULL REFERENCES api.principals (id);
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS enable_proposed_at timestamptz NULL;
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS pending_token_hash bytea NULL UNIQUE CHECK (octet_length(pending_token_hash) = 32);

-- Token expiry and rotation: the current token until token_expires_at; after a rotation the previous one until
-- previous_token_valid_until. Hashes only.
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS token_expires_at timestamptz NULL;
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS previous_token_hash bytea NULL UNIQUE CHECK (octet_length(previous_token_hash) = 32);
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS previous_token_valid_until timestamptz NULL;

-- The region codes (2, 4 or 6 leading digits of GB/T 2260 codes) and project-code prefixes a trading system may submit.
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS region_codes text[] NOT NULL DEFAULT '{}';
ALTER TABLE api.principals ADD COLUMN IF NOT EXISTS code_prefixes text[] NOT NULL DEFAULT '{}';

-- Tokens issued before expiry existed get the shortest default lifetime from now on, so none stays valid forever.
UPDATE api.principals SET token_expires_at = now() + interval '180 days' WHERE token_expires_at IS NULL;
