-- 001_init.sql: the first schema of terminfon. Timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS'; personal data is stored sealed (AES-256-GCM blobs,
-- see lib/crypto.h) and phone numbers are found through a keyed hash. Ids of
-- people, calls and appointments are never reused (AUTOINCREMENT), so an audit
-- row naming an erased lead never points at somebody else.

CREATE TABLE studios (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    city             TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    region           TEXT NOT NULL DEFAULT 'DE',          -- holiday region: DE-BE, DE-BY, ...
    timezone         TEXT NOT NULL DEFAULT 'Europe/Berlin',
    twilio_number    TEXT UNIQUE,                         -- the studio's own inbound number (E.164)
    transfer_number  TEXT,                                -- where callers are put through to a person
    slot_minutes     INTEGER NOT NULL DEFAULT 60 CHECK (slot_minutes BETWEEN 5 AND 480),
    capacity         INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 100),
    lead_minutes     INTEGER NOT NULL DEFAULT 120 CHECK (lead_minutes >= 0),
    horizon_days     INTEGER NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 730),
    staff_lines      INTEGER NOT NULL DEFAULT 1 CHECK (staff_lines >= 0),
    max_wait_seconds INTEGER NOT NULL DEFAULT 180 CHECK (max_wait_seconds >= 0),
    overflow_studio_id INTEGER REFERENCES studios(id),    -- takes the calls while this one is closed
    is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Routing by the caller's number: longest matching E.164 prefix wins.
CREATE TABLE studio_area_codes (
    studio_id INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    prefix    TEXT NOT NULL,                              -- '+4930' for Berlin's 030
    PRIMARY KEY (prefix, studio_id)
);

-- Several ranges a day are allowed (a lunch break is two rows).
CREATE TABLE opening_hours (
    id        INTEGER PRIMARY KEY,
    studio_id INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),   -- 0 = Monday
    opens     TEXT NOT NULL CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes    TEXT NOT NULL CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]'),
    CHECK (opens < closes)
);
CREATE INDEX opening_hours_studio ON opening_hours(studio_id, weekday);

-- Whole days closed: for one studio, or for a holiday region ('DE' is national).
CREATE TABLE closures (
    id        INTEGER PRIMARY KEY,
    studio_id INTEGER REFERENCES studios(id) ON DELETE CASCADE,
    region    TEXT,
    day       TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    reason    TEXT NOT NULL DEFAULT '',
    CHECK ((studio_id IS NULL) <> (region IS NULL))
);
CREATE UNIQUE INDEX closures_studio_day ON closures(studio_id, day) WHERE studio_id IS NOT NULL;
CREATE UNIQUE INDEX closures_region_day ON closures(region, day) WHERE region IS NOT NULL;

CREATE TABLE leads (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    phone_hash   TEXT NOT NULL UNIQUE,                    -- keyed HMAC of the E.164 number
    phone_enc    BLOB NOT NULL,
    name_enc     BLOB,
    email_enc    BLOB,
    studio_id    INTEGER REFERENCES studios(id) ON DELETE SET NULL,
    status       TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'contacted', 'booked', 'customer', 'lost')),
    source       TEXT NOT NULL DEFAULT 'phone',
    sentiment    REAL,
    call_count   INTEGER NOT NULL DEFAULT 0,
    last_call_at TEXT,
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at   TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX leads_last_call ON leads(last_call_at);

-- One row a call, keyed by Twilio's CallSid; also holds the conversation state.
CREATE TABLE lead_call_logs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    call_sid         TEXT NOT NULL UNIQUE,
    lead_id          INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    studio_id        INTEGER REFERENCES studios(id) ON DELETE SET NULL,
    direction        TEXT NOT NULL DEFAULT 'inbound',
    to_number        TEXT NOT NULL DEFAULT '',            -- our own number, not personal data
    status           TEXT NOT NULL DEFAULT 'ringing',     -- Twilio CallStatus
    status_rank      INTEGER NOT NULL DEFAULT 0,          -- never moves backwards
    last_sequence    INTEGER NOT NULL DEFAULT -1,
    outcome          TEXT,                                -- booked, transferred, callback, info, ...
    engine           TEXT NOT NULL DEFAULT 'embedded',
    turn             INTEGER NOT NULL DEFAULT 0,
    state_enc        BLOB,                                -- the dialog state (sealed JSON)
    duration_seconds INTEGER,
    sentiment        REAL,
    started_at       TEXT NOT NULL DEFAULT (datetime('now')),
    ended_at         TEXT,
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lead_call_logs_lead ON lead_call_logs(lead_id, created_at);
CREATE INDEX lead_call_logs_created ON lead_call_logs(created_at);
CREATE INDEX lead_call_logs_status ON lead_call_logs(status, created_at);

-- One row a turn of the conversation, whichever engine answered it.
CREATE TABLE dialogflow_conversations (
    id           INTEGER PRIMARY KEY,
    call_sid     TEXT NOT NULL,
    lead_id      INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    turn         INTEGER NOT NULL,
    engine       TEXT NOT NULL DEFAULT 'embedded',
    text_enc     BLOB,                                    -- what the caller said
    reply_enc    BLOB,                                    -- what terminfon answered
    intent       TEXT,
    confidence   REAL,
    entities_enc BLOB,                                    -- sealed JSON
    sentiment    REAL,
    page         TEXT,
    latency_us   INTEGER,
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (call_sid, turn)
);
CREATE INDEX dialogflow_conversations_created ON dialogflow_conversations(created_at);
CREATE INDEX dialogflow_conversations_lead ON dialogflow_conversations(lead_id);

CREATE TABLE appointments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id          INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    studio_id        INTEGER NOT NULL REFERENCES studios(id),
    starts_at        TEXT NOT NULL,                       -- UTC
    ends_at          TEXT NOT NULL,                       -- UTC
    status           TEXT NOT NULL DEFAULT 'booked'
                     CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show', 'rescheduled')),
    source           TEXT NOT NULL DEFAULT 'phone',
    call_sid         TEXT,
    rescheduled_from INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
    reminder_queued_at TEXT,
    cancelled_at     TEXT,
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX appointments_slot ON appointments(studio_id, starts_at, status);
CREATE INDEX appointments_lead ON appointments(lead_id, status, starts_at);
CREATE INDEX appointments_starts ON appointments(starts_at, status);

CREATE TABLE recordings (
    id            INTEGER PRIMARY KEY,
    call_sid      TEXT NOT NULL,
    recording_sid TEXT UNIQUE,                            -- NULL for a refusal
    url           TEXT,
    status        TEXT NOT NULL,                          -- in-progress, completed, absent, failed, refused, deleted
    duration      INTEGER,
    channels      INTEGER,
    source        TEXT,
    error_code    TEXT,
    delete_requested_at TEXT,                             -- erasure or retention asked Twilio to delete it
    deleted_at    TEXT,
    created_at    TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX recordings_call ON recordings(call_sid);

CREATE TABLE sms_outbox (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    appointment_id  INTEGER REFERENCES appointments(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,                        -- confirmation, reschedule, cancellation, reminder
    dedupe_key      TEXT NOT NULL UNIQUE,                 -- e.g. 'reminder:42': queued exactly once
    to_enc          BLOB NOT NULL,
    from_number     TEXT NOT NULL DEFAULT '',
    body_enc        BLOB NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued',       -- queued, sending, sent, delivered, undelivered, failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT (datetime('now')),
    message_sid     TEXT UNIQUE,
    last_error      TEXT,
    sent_at         TEXT,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);

CREATE TABLE callback_requests (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    studio_id       INTEGER REFERENCES studios(id) ON DELETE SET NULL,
    call_sid        TEXT,                                 -- the call that asked for it
    reason          TEXT NOT NULL,                        -- dtmf, speech, transfer_failed, queue_timeout
    status          TEXT NOT NULL DEFAULT 'pending',      -- pending, calling, done, failed, cancelled
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT (datetime('now')),
    last_call_sid   TEXT,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (call_sid, reason)
);
CREATE INDEX callback_requests_due ON callback_requests(status, next_attempt_at);

-- Admin reads and writes, for the data-protection officer.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX audit_log_created ON audit_log(created_at);

-- Bumped by triggers when studio data changes, so workers can cache it.
CREATE TABLE studio_data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO studio_data_version (id, version) VALUES (1, 1);
CREATE TRIGGER studios_v_ins AFTER INSERT ON studios BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER studios_v_upd AFTER UPDATE ON studios BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER studios_v_del AFTER DELETE ON studios BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER hours_v_ins AFTER INSERT ON opening_hours BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER hours_v_upd AFTER UPDATE ON opening_hours BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER hours_v_del AFTER DELETE ON opening_hours BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER closures_v_ins AFTER INSERT ON closures BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER closures_v_upd AFTER UPDATE ON closures BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER closures_v_del AFTER DELETE ON closures BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER area_v_ins AFTER INSERT ON studio_area_codes BEGIN UPDATE studio_data_version SET version = version + 1; END;
CREATE TRIGGER area_v_del AFTER DELETE ON studio_area_codes BEGIN UPDATE studio_data_version SET version = version + 1; END;
