-- Archival arrangement (DA/T 13, DA/T 22): 档号 per sealed version, unique and never reused. Numbers count per fonds,
-- category, year and tier in a counter row that only grows (incremented under its row lock).
CREATE TABLE IF NOT EXISTS ingest.archival_code_counters (
    fonds           text NOT NULL,
    category        text NOT NULL,
    year            integer NOT NULL,
    tier            text NOT NULL CHECK (tier IN ('Y', 'D30', 'D10')),
    last_number     bigint NOT NULL CHECK (last_number >= 1),
    PRIMARY KEY (fonds, category, year, tier)
);

CREATE TABLE IF NOT EXISTS ingest.archival_codes (
    project_code    text NOT NULL,
    version         integer NOT NULL,
    archival_code   text NOT NULL UNIQUE,
    fonds           text NOT NULL,
    category        text NOT NULL,
    year            integer NOT NULL,
    tier            text NOT NULL,
    number          bigint NOT NULL,
    PRIMARY KEY (project_code, version),
    UNIQUE (fonds, category, year, tier, number)
);
