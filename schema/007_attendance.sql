-- 007_attendance.sql: whether callers came, what they answered to a reminder
-- by SMS, and what staff did with a callback request.
--
-- appointments.status already knows 'completed' (the caller came) and
-- 'no_show'; attendance_marked_at/_by say when and by whom staff marked it.
-- An appointment still 'booked' a day after it began counts as "unknown",
-- never as attended. confirmed_at is set when the caller answered "JA" to
-- the reminder.
ALTER TABLE appointments ADD COLUMN confirmed_at TEXT;
ALTER TABLE appointments ADD COLUMN attendance_marked_at TEXT;
ALTER TABLE appointments ADD COLUMN attendance_marked_by TEXT;
CREATE INDEX appointments_status_starts ON appointments(status, starts_at);

-- Callback requests staff close by hand from the dashboard or the admin API:
-- status 'done' (reached) or 'unreachable' (tried, not reached).
ALTER TABLE callback_requests ADD COLUMN handled_at TEXT;
ALTER TABLE callback_requests ADD COLUMN handled_by TEXT;

-- Incoming SMS (POST /api/v1/twilio/sms/incoming), one row per MessageSid:
-- a webhook Twilio retries acts once. The text itself is not kept; only
-- what terminfon understood and did.
CREATE TABLE sms_inbound (
    id             INTEGER PRIMARY KEY,
    message_sid    TEXT NOT NULL UNIQUE,
    lead_id        INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    appointment_id INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
    answer         TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'other')),
    action         TEXT NOT NULL,                     -- confirmed, cancelled, no_appointment, unknown_sender, not_understood, ...
    created_at     TEXT NOT NULL
);
CREATE INDEX sms_inbound_created ON sms_inbound(created_at);
