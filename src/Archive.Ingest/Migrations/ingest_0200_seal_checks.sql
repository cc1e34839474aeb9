-- 四性 checks at seal (CONTRACT §8): the record of what was checked, fixed when the seal is accepted, so the sealing
-- job writes the same archive/seal-checks.json into the bag on every retry.
CREATE TABLE IF NOT EXISTS ingest.seal_check_records (
    submission_id uuid        PRIMARY KEY REFERENCES ingest.submissions (id),
    record        bytea       NOT NULL,
    checked_at    timestamptz NOT NULL
);

-- Items a malware scan found infected: kept under quarantine/ in the online store (never promoted, never deleted
-- silently) and ledgered as item.quarantined. No foreign key: rows are written while the seal request holds its
-- submission row FOR UPDATE, which a key check would wait for.
CREATE TABLE IF NOT EXISTS ingest.quarantined_items (
    submission_id  uuid        NOT NULL,
    path           text        NOT NULL,
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    sm3            text        NOT NULL,
    size           bigint      NOT NULL,
    quarantine_key text        NOT NULL,
    signature      text        NOT NULL,
    ledger_index   bigint      NOT NULL,
    found_at       timestamptz NOT NULL,
    PRIMARY KEY (submission_id, path, sha256)
);
