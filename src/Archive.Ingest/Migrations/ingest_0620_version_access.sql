-- Open/closed status (开放状态) and confidentiality level (密级) per sealed version, set by archivists; each change is
-- ledgered as version.access-status-set (its index kept here).
CREATE TABLE IF NOT EXISTS ingest.version_access (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    open_status     text NOT NULL CHECK (open_status IN ('open', 'closed')),
    classification  text NOT NULL CHECK (classification IN ('public', 'internal', 'secret', 'confidential', 'top-secret')),
    set_by          uuid NOT NULL,
    set_at          timestamptz NOT NULL,
    ledger_index    bigint NOT NULL,
    PRIMARY KEY (project_code, version),
    FOREIGN KEY (project_code, version) REFERENCES ingest.versions (project_code, version)
);
