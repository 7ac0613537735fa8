-- 004_tokens.sql for PostgreSQL: schema/004_tokens.sql in PostgreSQL's dialect, the same
-- tables, columns and indexes.
--
-- 004_tokens.sql: admin tokens carry a scope and an id. Every token that
-- `terminfon token` mints is a row here, keyed by its "jti"; the router's
-- guard looks the row up on each request to the admin API, so a token that
-- is revoked (revoked_at set) or that no row knows is refused at once. Rows
-- are dropped a day after they expire, when the next token is minted.

CREATE TABLE admin_tokens (
    id          TEXT COLLATE "C" PRIMARY KEY,                     -- the token's "jti": 32 lower-case hex digits
    subject     TEXT COLLATE "C" NOT NULL,                        -- the token's "sub": who it was given to
    scope       TEXT COLLATE "C" NOT NULL CHECK (scope IN ('stats', 'admin')),
    studio_id   BIGINT REFERENCES studios(id) ON DELETE CASCADE,  -- NULL: every studio
    created_at  TEXT COLLATE "C" NOT NULL,
    expires_at  TEXT COLLATE "C" NOT NULL,
    revoked_at  TEXT COLLATE "C",
    revoked_by  TEXT COLLATE "C"                                  -- who revoked it, as the audit log names them
);
CREATE INDEX admin_tokens_expires ON admin_tokens(expires_at);

-- The audit log names the token an admin action was done with, and its scope
-- (NULL for what was done from a shell: erase, purge, rekey).
ALTER TABLE audit_log ADD COLUMN scope TEXT COLLATE "C";
ALTER TABLE audit_log ADD COLUMN token_id TEXT COLLATE "C";
