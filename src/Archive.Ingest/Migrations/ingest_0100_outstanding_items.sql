-- Required items a project owner has not handed over (seed §5.6.6: 违反规定拒绝提供归档资料的, 应及时报告).
-- Set from each seal attempt's checklist.missing-role problems; resolved once a seal attempt passes its checks.
-- Rows are kept after resolution, so the history of what was missing and for how long stays reportable.

CREATE TABLE IF NOT EXISTS ingest.outstanding_items (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_code          text NOT NULL REFERENCES ingest.projects (code),
    role                  text NOT NULL,
    message               text NOT NULL,
    first_reported_at     timestamptz NOT NULL,
    last_reported_at      timestamptz NOT NULL,
    first_submission_id   uuid NOT NULL REFERENCES ingest.submissions (id),
    last_submission_id    uuid NOT NULL REFERENCES ingest.submissions (id),
    attempts              integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    resolved_at           timestamptz NULL,
    resolved_by           uuid NULL REFERENCES ingest.submissions (id),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);

-- At most one open row per project and role; "since" is that row's first_reported_at.
CREATE UNIQUE INDEX IF NOT EXISTS outstanding_items_open ON ingest.outstanding_items (project_code, role) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS outstanding_items_since ON ingest.outstanding_items (first_reported_at) WHERE resolved_at IS NULL;
