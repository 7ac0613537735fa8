-- 003_sms_sender.sql: who confirmation and reminder SMS come from, per studio.
-- A studio's own number (twilio_number) is often a landline that callers
-- ring but that cannot send SMS, so SMS have a sender of their own:
-- NULL (or '') sends from TWILIO_PHONE_NUMBER; else an E.164 number that can
-- send SMS ('+4915112345678'), a Messaging Service ('MG' and 32 hex digits:
-- the request then carries MessagingServiceSid instead of From), or an
-- alphanumeric sender ID of 1 to 11 letters, digits and spaces with at least
-- one letter ('AILiegen'). `terminfon serve` and `terminfon check-config`
-- refuse to start on a malformed value. The voice number is never used.
ALTER TABLE studios ADD COLUMN sms_sender TEXT;
