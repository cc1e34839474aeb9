-- Sealing (DESIGN "Flow of one project", step 3): what a resumed job needs to finish the same version byte for byte.

-- The size of the signed checkpoint the bag's proof files were made against; fixed once, like version and sealed_at.
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS seal_checkpoint_size bigint NULL;

-- SHA-512 of content-addressed objects (the stores compute SHA-256 and SM3), for the bags' manifest-sha512.txt
-- when a resumed job skips a payload file it wrote before.
CREATE TABLE IF NOT EXISTS ingest.content_digests (
    sha256            text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size              bigint NOT NULL CHECK (size >= 0),
    sha512            text NOT NULL CHECK (sha512 ~ '^[0-9a-f]{128}$')
);

-- The recovery job looks for submissions left in 'sealing'.
CREATE INDEX IF NOT EXISTS submissions_sealing ON ingest.submissions (seal_requested_at) WHERE status = 'sealing';

-- When a sealing job last started on the submission: the recovery job re-schedules only jobs quiet for a while.
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS seal_attempted_at timestamptz NULL;

-- When the submission's staging prefix was emptied (after archiving or rejection); null while bytes may remain.
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS staging_cleared_at timestamptz NULL;
CREATE INDEX IF NOT EXISTS submissions_staging_left ON ingest.submissions (id)
    WHERE status IN ('archived', 'rejected') AND staging_cleared_at IS NULL;
