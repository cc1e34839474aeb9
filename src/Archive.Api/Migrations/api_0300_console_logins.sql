-- Console sign-in (控制台登录): logins issued by an administrator for an existing principal, and server-side sessions.
-- Passwords are stored only as ASP.NET Core Identity PBKDF2 hashes; session ids only as SHA-256 hashes.
CREATE TABLE IF NOT EXISTS api.console_logins (
    principal_id        uuid PRIMARY KEY REFERENCES api.principals (id),
    login_name          text NOT NULL CHECK (login_name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    password_hash       text NOT NULL,
    must_change         boolean NOT NULL,
    totp_secret         bytea NULL,
    totp_last_step      bigint NULL,
    failed_count        integer NOT NULL DEFAULT 0,
    first_failed_at     timestamptz NULL,
    locked_until        timestamptz NULL,
    issued_at           timestamptz NOT NULL,
    issued_by           uuid NULL REFERENCES api.principals (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS console_logins_name ON api.console_logins (login_name);

-- stage: 'password' (must change the initial password), 'totp' (second factor awaited), 'active'.
CREATE TABLE IF NOT EXISTS api.console_sessions (
    id_hash        bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    principal_id   uuid NOT NULL REFERENCES api.principals (id),
    stage          text NOT NULL CHECK (stage IN ('password', 'totp', 'active')),
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    ended_at       timestamptz NULL
);

CREATE INDEX IF NOT EXISTS console_sessions_principal ON api.console_sessions (principal_id) WHERE ended_at IS NULL;
