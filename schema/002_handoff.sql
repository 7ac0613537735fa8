-- 002_handoff.sql: a person when the caller needs one: the transfers in
-- progress and the waiting line, the recording consent of a call, the
-- recording starts the background process sends, and what became of each
-- callback attempt. Times written by terminfon's clock are UTC text
-- 'YYYY-MM-DD HH:MM:SS' like every other timestamp.

-- One row per request of a call for a person. A row is 'waiting' while the
-- caller is in the waiting line, 'connected' from the <Dial> on (a staff line
-- is in use), and 'ended' once dial-status, the call's final status, the
-- maximum wait or the staleness rule closed it. A studio's lines in use are
-- its connected rows; a waiting caller's position is 1 + the number of
-- earlier waiting rows of the same studio. Rows of numbers that are no
-- studio's transfer number (FALLBACK_PHONE_NUMBER) carry no studio and are
-- never counted.
CREATE TABLE handoffs (
    id          INTEGER PRIMARY KEY,
    call_sid    TEXT NOT NULL,
    studio_id   INTEGER REFERENCES studios(id) ON DELETE SET NULL,
    number      TEXT NOT NULL,                        -- where the call is put through (a staff number)
    caller_id   TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'connected', 'ended')),
    enqueued_at TEXT NOT NULL,                        -- when the caller asked for a person
    seen_at     TEXT NOT NULL,                        -- the last webhook of this call about it
    started_at  TEXT,                                 -- when the <Dial> went out
    ended_at    TEXT,
    position    INTEGER NOT NULL DEFAULT 0,           -- the position the caller was told last
    checks      INTEGER NOT NULL DEFAULT 0,           -- rounds of the hold loop
    outcome     TEXT,                                 -- DialCallStatus, timeout, hangup, stale
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
-- At most one open row a call; ended rows stay as the history.
CREATE UNIQUE INDEX handoffs_open ON handoffs(call_sid) WHERE state <> 'ended';
CREATE INDEX handoffs_line ON handoffs(studio_id, state, enqueued_at);
CREATE INDEX handoffs_ended ON handoffs(state, ended_at);

-- NULL: not asked (recording off); 'asked': told at the welcome, nothing
-- recorded yet; 'asked_recording': told, and the recording already runs (a
-- callback placed with Record=true after consent on the first call);
-- 'given'; 'refused'.
ALTER TABLE lead_call_logs ADD COLUMN recording_consent TEXT
    CHECK (recording_consent IN ('asked', 'asked_recording', 'given', 'refused'));

-- Recordings to start through Twilio's REST API once the caller consented:
-- webhooks never wait on Twilio, so the background process sends them.
CREATE TABLE recording_starts (
    id              INTEGER PRIMARY KEY,
    call_sid        TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'started', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    recording_sid   TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX recording_starts_due ON recording_starts(status, next_attempt_at);

-- What the last attempt of a callback came to: NULL (never looked at: due at
-- once), closed (waiting for the studio to open), placed, answered, busy,
-- no-answer, failed, canceled, lost (no final status came), error codes of
-- Twilio's API. next_attempt_at counts only once this is set.
ALTER TABLE callback_requests ADD COLUMN last_result TEXT;
