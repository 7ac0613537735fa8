-- 006_studio_faq.sql: what a studio's callers ask besides hours and address
-- (prices, what to bring, parking, how long a session takes), as data the
-- studio's staff keep up to date (seed, admin API /studios/{slug}/faq). The
-- embedded agent matches a caller's question against each row's keywords
-- with its own German normalisation and speaks the answer.

CREATE TABLE studio_faq (
    id          INTEGER PRIMARY KEY,
    studio_id   INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 80),        -- a short label: 'preise'
    keywords    TEXT NOT NULL CHECK (length(keywords) BETWEEN 1 AND 1000),   -- comma-separated words or phrases
    answer      TEXT NOT NULL CHECK (length(answer) BETWEEN 1 AND 1000),     -- German, as it is spoken
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at  TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (studio_id, topic)
);
