-- The audit ledger: an append-only RFC 6962 Merkle log (CONTRACT.md §5).
-- Stored tree hashes follow the layout of Go's golang.org/x/mod/sumdb/tlog, so roots and
-- proofs read O(log n) rows and never rescan entries.

CREATE TABLE ledger.entries (
    index           bigint      PRIMARY KEY CHECK (index >= 0),
    bytes           bytea       NOT NULL CHECK (octet_length(bytes) <= 65536),
    type            text        NOT NULL,
    idempotency_key text        UNIQUE,
    appended_at     timestamptz NOT NULL
);

CREATE INDEX entries_type_index ON ledger.entries (type, index);

CREATE TABLE ledger.tree_hashes (
    stored_index bigint PRIMARY KEY CHECK (stored_index >= 0),
    hash         bytea  NOT NULL CHECK (octet_length(hash) = 32)
);

-- Note verifier keys (<name>+<hex8>+<base64>) that signed checkpoints; the newest is the current one.
CREATE TABLE ledger.verifier_keys (
    verifier_key text        PRIMARY KEY,
    name         text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE TABLE ledger.checkpoints (
    tree_size    bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root         bytea       NOT NULL CHECK (octet_length(root) = 32),
    note         text        NOT NULL,
    verifier_key text        NOT NULL REFERENCES ledger.verifier_keys (verifier_key),
    signed_at    timestamptz NOT NULL
);

-- The ledger only grows: rows are never updated or deleted through ordinary statements.
CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON ledger.entries
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON ledger.entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER tree_hashes_append_only BEFORE UPDATE OR DELETE ON ledger.tree_hashes
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER tree_hashes_no_truncate BEFORE TRUNCATE ON ledger.tree_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger.checkpoints
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON ledger.checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER verifier_keys_append_only BEFORE UPDATE OR DELETE ON ledger.verifier_keys
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
