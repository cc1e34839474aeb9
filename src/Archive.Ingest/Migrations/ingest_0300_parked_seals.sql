-- Parked seals (issue 9 point 6): an archivist may abandon a seal that needs an operator; its staged bytes are then
-- held (never purged by the cleanup job) until an archivist releases them.
ALTER TABLE ingest.submissions ADD COLUMN IF NOT EXISTS staging_held boolean NOT NULL DEFAULT false;
