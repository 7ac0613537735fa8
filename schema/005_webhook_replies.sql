-- 005_webhook_replies.sql: the TwiML a Twilio webhook was answered with, by
-- the request's I-Twilio-Idempotency-Token. Twilio sends a request again with
-- the same token when it got no answer in time (a slow turn, a broken
-- connection); the retry hears the answer of the first delivery instead of
-- moving the conversation on (or booking) a second time. A row is claimed
-- with answer_enc NULL before the request is handled and filled after it.
-- A call keeps only its last few rows; they go when the call ends, with the
-- call's log (erasure, retention), and after a day at the latest.

CREATE TABLE webhook_replies (
    id          INTEGER PRIMARY KEY,
    call_sid    TEXT NOT NULL REFERENCES lead_call_logs(call_sid) ON DELETE CASCADE,
    token       TEXT NOT NULL,                        -- I-Twilio-Idempotency-Token (not personal data)
    route       TEXT NOT NULL,                        -- the path the token came with
    answer_enc  BLOB,                                 -- the TwiML, sealed (it may greet by name); NULL while in hand
    created_at  TEXT NOT NULL,
    UNIQUE (call_sid, token)
);
CREATE INDEX webhook_replies_created ON webhook_replies(created_at);
