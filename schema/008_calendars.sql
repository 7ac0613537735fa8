-- 008_calendars.sql: a studio's own calendar. Staff subscribe to a feed of
-- the studio's appointments (GET /api/v1/studios/{slug}/calendar.ics?key=...)
-- with a secret per subscription; only its SHA-256 is kept. A studio may also
-- name a CalDAV calendar: the background process reads its busy times (staff
-- holidays, maintenance, events made by hand) into calendar_busy, which the
-- slot search leaves out, and, when asked to, writes bookings into it through
-- the queue caldav_writes. Webhooks never wait on a CalDAV server.

CREATE TABLE calendar_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    studio_id   INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    key_hash    TEXT NOT NULL UNIQUE,                 -- lower-case hex SHA-256 of the key
    label       TEXT NOT NULL DEFAULT '',             -- who subscribes with it ("Empfang", "Google")
    full_names  INTEGER NOT NULL DEFAULT 0 CHECK (full_names IN (0, 1)),  -- 0: "M. M., +49151*****78"
    created_at  TEXT NOT NULL,
    revoked_at  TEXT,
    last_used_at TEXT
);
CREATE INDEX calendar_keys_studio ON calendar_keys(studio_id);

-- At most one CalDAV calendar a studio. The password (or app token) is
-- sealed like personal data (aad "studio_caldav.password").
CREATE TABLE studio_caldav (
    studio_id      INTEGER PRIMARY KEY REFERENCES studios(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,                     -- the calendar collection, http(s)://.../
    username       TEXT NOT NULL DEFAULT '',
    password_enc   BLOB,
    write_bookings INTEGER NOT NULL DEFAULT 0 CHECK (write_bookings IN (0, 1)),
    next_sync_at   TEXT NOT NULL,                     -- the background process reads it then (on demand: now)
    fetched_at     TEXT,                              -- the last good copy of the busy times
    tried_at       TEXT,                              -- the last attempt, good or not
    last_error     TEXT,                              -- NULL after a good read
    busy_count     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- The busy intervals of the last good copy, UTC [starts_at, ends_at); a read
-- replaces a studio's rows in one transaction.
CREATE TABLE calendar_busy (
    id        INTEGER PRIMARY KEY,
    studio_id INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL
);
CREATE INDEX calendar_busy_studio ON calendar_busy(studio_id, starts_at);

-- Bookings to write to (or delete from) a studio's CalDAV calendar, one row
-- an appointment: what is written is decided when it is sent, from the
-- appointment as it is then (booked: PUT, anything else: DELETE).
CREATE TABLE caldav_writes (
    id              INTEGER PRIMARY KEY,
    studio_id       INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    appointment_id  INTEGER NOT NULL UNIQUE REFERENCES appointments(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX caldav_writes_due ON caldav_writes(status, next_attempt_at);

-- Every change of an appointment (booked, moved, cancelled, by phone,
-- Dialogflow or the admin API) queues its write, when its studio writes
-- bookings to CalDAV; a row already there is queued again.
CREATE TRIGGER caldav_writes_ins AFTER INSERT ON appointments
WHEN (SELECT write_bookings FROM studio_caldav WHERE studio_id = NEW.studio_id) = 1
 AND NEW.source <> 'test'
BEGIN
    INSERT INTO caldav_writes (studio_id, appointment_id, next_attempt_at)
    VALUES (NEW.studio_id, NEW.id, '1970-01-01 00:00:00')
    ON CONFLICT (appointment_id) DO UPDATE SET status = 'queued', attempts = 0,
        next_attempt_at = '1970-01-01 00:00:00', updated_at = datetime('now');
END;
CREATE TRIGGER caldav_writes_upd AFTER UPDATE OF status, starts_at, ends_at ON appointments
WHEN (SELECT write_bookings FROM studio_caldav WHERE studio_id = NEW.studio_id) = 1
 AND NEW.source <> 'test'
BEGIN
    INSERT INTO caldav_writes (studio_id, appointment_id, next_attempt_at)
    VALUES (NEW.studio_id, NEW.id, '1970-01-01 00:00:00')
    ON CONFLICT (appointment_id) DO UPDATE SET status = 'queued', attempts = 0,
        next_attempt_at = '1970-01-01 00:00:00', updated_at = datetime('now');
END;

-- Bookings erased (GDPR) leave no event behind in the studio's CalDAV
-- calendar: the erasure deletes the appointments, and each event still
-- written there (named by the booking's first appointment) is queued for a
-- DELETE here.
CREATE TABLE caldav_deletes (
    id              INTEGER PRIMARY KEY,
    studio_id       INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    uid_id          INTEGER NOT NULL,                 -- the booking's first appointment id: names the event
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT '1970-01-01 00:00:00',
    created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX caldav_deletes_due ON caldav_deletes(next_attempt_at);
CREATE TRIGGER caldav_deletes_erase AFTER DELETE ON appointments
WHEN OLD.rescheduled_from IS NULL AND OLD.source <> 'test'
 AND (SELECT write_bookings FROM studio_caldav WHERE studio_id = OLD.studio_id) = 1
BEGIN
    INSERT INTO caldav_deletes (studio_id, uid_id) VALUES (OLD.studio_id, OLD.id);
END;

-- A counter per studio that every change of its appointments, and of a
-- caller's name or number, moves on. The feed's ETag is made from it, so a
-- subscriber's poll that finds nothing new is answered 304 without the feed
-- being built.
CREATE TABLE calendar_versions (
    studio_id INTEGER PRIMARY KEY REFERENCES studios(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER calendar_v_ins AFTER INSERT ON appointments BEGIN
    INSERT INTO calendar_versions (studio_id, version) VALUES (NEW.studio_id, 1)
    ON CONFLICT (studio_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER calendar_v_upd AFTER UPDATE ON appointments BEGIN
    INSERT INTO calendar_versions (studio_id, version) VALUES (NEW.studio_id, 1)
    ON CONFLICT (studio_id) DO UPDATE SET version = version + 1;
    UPDATE calendar_versions SET version = version + 1 WHERE studio_id = OLD.studio_id AND OLD.studio_id <> NEW.studio_id;
END;
CREATE TRIGGER calendar_v_del AFTER DELETE ON appointments BEGIN
    UPDATE calendar_versions SET version = version + 1 WHERE studio_id = OLD.studio_id;
END;
CREATE TRIGGER calendar_v_lead AFTER UPDATE OF name_enc, phone_enc ON leads BEGIN
    UPDATE calendar_versions SET version = version + 1
     WHERE studio_id IN (SELECT studio_id FROM appointments WHERE lead_id = NEW.id);
END;
