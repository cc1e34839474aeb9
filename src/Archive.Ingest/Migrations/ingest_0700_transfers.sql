-- Transfers to a state archive (移交, CONTRACT §9): one row per completed package, written in the transaction that
-- appends its transfer.exported ledger entry (index kept here). A transfer is a copy; nothing else changes.
CREATE TABLE IF NOT EXISTS ingest.transfers (
    id                uuid PRIMARY KEY,
    recipient         text NOT NULL,
    recipient_code    text NULL,
    note              text NULL,
    exported_by       uuid NOT NULL,
    exported_by_name  text NOT NULL,
    exported_at       timestamptz NOT NULL,
    package_sha256    text NOT NULL CHECK (package_sha256 ~ '^[0-9a-f]{64}$'),
    package_bytes     bigint NOT NULL CHECK (package_bytes > 0),
    ledger_index      bigint NOT NULL,
    versions          jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS transfers_exported ON ingest.transfers (exported_at DESC);
