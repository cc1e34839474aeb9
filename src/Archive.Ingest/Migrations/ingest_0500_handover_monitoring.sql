-- Handover monitoring, seals with recorded gaps, staging decisions and recording metadata (issue 11 §1–§2).

-- Recording metadata of venue audio/video items (room, channel, declared start and end), as sent with the item.
ALTER TABLE ingest.submission_items ADD COLUMN IF NOT EXISTS recording jsonb NULL;

-- 缺件说明: a written reason per missing required item, recorded by an archivist who seals an incomplete project.
CREATE TABLE IF NOT EXISTS ingest.submission_gaps (
    submission_id uuid        NOT NULL REFERENCES ingest.submissions (id),
    role          text        NOT NULL,
    title         text        NOT NULL,
    reason        text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    recorded_by   uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (submission_id, role)
);

-- One submission.overdue per project and deadline, whichever host's job notices it first.
CREATE TABLE IF NOT EXISTS ingest.overdue_notices (
    project_code  text        NOT NULL REFERENCES ingest.projects (code),
    due_date      date        NOT NULL,
    noticed_at    timestamptz NOT NULL,
    ledger_index  bigint      NOT NULL,
    missing       jsonb       NOT NULL,
    PRIMARY KEY (project_code, due_date)
);

-- 催交 reminders sent to a platform's ingest principals (one per overdue notice; visible to that platform only).
CREATE TABLE IF NOT EXISTS ingest.reminders (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_code  text        NOT NULL REFERENCES ingest.projects (code),
    platform      text        NOT NULL,
    due_date      date        NOT NULL,
    message       text        NOT NULL,
    missing       jsonb       NOT NULL,
    sent_at       timestamptz NOT NULL,
    ledger_index  bigint      NOT NULL,
    UNIQUE (project_code, due_date)
);
CREATE INDEX IF NOT EXISTS reminders_platform ON ingest.reminders (platform, sent_at);

-- Staging is never deleted without a recorded decision: a discard (ledgered with the digests) or the release of an
-- abandoned seal's held bytes (ledgered by the parked-seal workflow).
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS staging_discarded_at timestamptz NULL;
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS staging_released_at timestamptz NULL;
UPDATE ingest.submissions SET staging_released_at = created_at
    WHERE status = 'rejected' AND NOT staging_held AND staging_released_at IS NULL AND problems @> '[{"code":"seal.abandoned"}]'::jsonb;
