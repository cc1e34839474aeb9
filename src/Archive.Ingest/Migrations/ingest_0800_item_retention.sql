-- Per-item end of retention (issue 11 §3/§4): each manifest item records its own 保管期限; an item whose retention
-- ended while its version's has not can be appraised and disposed on its own. The ledger is the record; these tables
-- are the working state and an index of it.

-- The item's own last day of retention as its manifest records it; null when permanent or not recorded (manifests
-- sealed before items had their own retention): such an item never ends on its own, only with its version.
ALTER TABLE ingest.version_items ADD COLUMN IF NOT EXISTS retain_until date NULL;

UPDATE ingest.version_items vi SET retain_until = (m.item -> 'retention' ->> 'until')::date
FROM ingest.versions v,
     LATERAL jsonb_array_elements(convert_from(v.manifest, 'UTF8')::jsonb -> 'items') AS m(item)
WHERE v.project_code = vi.project_code AND v.version = vi.version
  AND m.item ->> 'path' = vi.path
  AND m.item -> 'retention' ->> 'until' ~ '^\d{4}-\d{2}-\d{2}$'
  AND vi.retain_until IS NULL;

CREATE INDEX IF NOT EXISTS version_items_retain_until ON ingest.version_items (retain_until) WHERE retain_until IS NOT NULL;

-- One appraisal.opened per item and end of retention.
CREATE TABLE IF NOT EXISTS ingest.item_appraisal_openings (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    path            text NOT NULL,
    retain_until    date NOT NULL,
    opened_at       timestamptz NOT NULL,
    ledger_index    bigint NOT NULL,
    PRIMARY KEY (project_code, version, path, retain_until),
    FOREIGN KEY (project_code, version, path) REFERENCES ingest.version_items (project_code, version, path)
);

-- A "keep" decision's new end of retention for one item (the latest extension counts).
CREATE TABLE IF NOT EXISTS ingest.item_retention_extensions (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    path            text NOT NULL,
    retain_until    date NOT NULL,
    reason          text NOT NULL,
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    extended_at     timestamptz NOT NULL,
    PRIMARY KEY (project_code, version, path, disposal_id),
    FOREIGN KEY (project_code, version, path) REFERENCES ingest.version_items (project_code, version, path)
);

-- The items a disposal covers on their own (besides, or instead of, whole projects).
CREATE TABLE IF NOT EXISTS ingest.disposal_items (
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    project_code    text NOT NULL,
    version         integer NOT NULL,
    path            text NOT NULL,
    PRIMARY KEY (disposal_id, project_code, version, path),
    FOREIGN KEY (project_code, version, path) REFERENCES ingest.version_items (project_code, version, path)
);

CREATE INDEX IF NOT EXISTS disposal_items_item ON ingest.disposal_items (project_code, version, path);

-- A disposed item: its bag payload file is gone, its content-addressed object too unless something not disposed still
-- references the same bytes; reads answer 410 naming the tombstone entry. The version's other items stay.
CREATE TABLE IF NOT EXISTS ingest.disposed_items (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    path            text NOT NULL,
    disposal_id     uuid NOT NULL REFERENCES ingest.disposals (id),
    tombstone_entry bigint NOT NULL,
    disposed_at     timestamptz NOT NULL,
    PRIMARY KEY (project_code, version, path),
    FOREIGN KEY (project_code, version, path) REFERENCES ingest.version_items (project_code, version, path)
);

-- Each item of a not yet disposed version, not itself disposed, with its own effective end of retention: the sealed
-- end, or a later "keep" extension of its project or of the item; null (permanent or not recorded) stays null.
CREATE OR REPLACE VIEW ingest.item_retention AS
SELECT vi.project_code, vi.version, vi.path, vi.role, vi.sha256, vi.retain_until AS sealed_until,
       CASE WHEN vi.retain_until IS NULL THEN NULL
            ELSE greatest(vi.retain_until,
                          (SELECT max(e.retain_until) FROM ingest.retention_extensions e WHERE e.project_code = vi.project_code),
                          (SELECT max(x.retain_until) FROM ingest.item_retention_extensions x
                           WHERE x.project_code = vi.project_code AND x.version = vi.version AND x.path = vi.path))
       END AS retain_until
FROM ingest.version_items vi
WHERE NOT EXISTS (SELECT 1 FROM ingest.disposed_versions d WHERE d.project_code = vi.project_code AND d.version = vi.version)
  AND NOT EXISTS (SELECT 1 FROM ingest.disposed_items d WHERE d.project_code = vi.project_code AND d.version = vi.version AND d.path = vi.path);
