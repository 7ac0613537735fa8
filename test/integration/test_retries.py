"""test_retries.py: Twilio sends a webhook again, with the same
I-Twilio-Idempotency-Token, when it got no answer in time. A retried turn is
answered with the TwiML of the first delivery: the dialog moves on once and
the appointment is booked once, also when the retry comes while the first
delivery is still in hand. The token is in the access log line. The Gather
names TERMINFON_SPEECH_MODEL when one is set (with a speechTimeout in
seconds, which Twilio wants then), and no model when it is empty. Through
real nginx and terminfon; the wall clock is fixed with TERMINFON_FAKE_NOW
(Tuesday 24 November 2026, 10:00 in Berlin)."""

import os
import secrets
import sys
import threading
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import StackTest, new_call_sid, run_tests, voice_params  # noqa: E402

NOW = "2026-11-24T09:00:00Z"
GATHER = "/api/v1/twilio/voice/gather"


def token():
    return secrets.token_hex(16)


class Turns:
    """One caller's webhooks, each with its own idempotency token unless told."""

    def __init__(self, test, frm):
        self.t = test
        self.s = test.stack
        self.sid = new_call_sid()
        self.frm = frm

    def start(self):
        r = self.s.post_twilio("/api/v1/twilio/voice/webhook", voice_params(self.sid, from_=self.frm),
                               headers={"I-Twilio-Idempotency-Token": token()})
        self.t.assertTwiml(r)
        return r

    def say(self, words, tok=None):
        params = voice_params(self.sid, from_=self.frm, status="in-progress", SpeechResult=words,
                              Confidence="0.92")
        return self.s.post_twilio(GATHER, params, headers={"I-Twilio-Idempotency-Token": tok or token()})

    def end(self):
        p = voice_params(self.sid, from_=self.frm, status="completed", CallDuration="60", SequenceNumber="3")
        r = self.s.post_twilio("/api/v1/twilio/status/callback", p,
                               headers={"I-Twilio-Idempotency-Token": token()})
        self.t.assertEqual(r.status, 200, r)

    def turns(self):
        return self.s.rows("SELECT count(*), coalesce(max(turn), 0) FROM dialogflow_conversations"
                           " WHERE call_sid = ?", (self.sid,))[0]

    def appointments(self):
        return self.s.count("appointments", "call_sid = ?", (self.sid,))


def spoken(r):
    return " ".join(e.text or "" for e in ET.fromstring(r.body).iter("Say"))


class RetriedTurns(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "TERMINFON_SPEECH_MODEL": "deepgram_nova-3"}

    def booking_up_to_confirmation(self, frm):
        c = Turns(self, frm)
        c.start()
        self.assertIn("Nachnamen", spoken(c.say("ich hätte gern einen termin morgen um 15 uhr")))
        self.assertIn("eintragen", spoken(c.say("mein name ist max müller")))
        return c

    def test_retried_yes_books_once_and_answers_the_same(self):
        c = self.booking_up_to_confirmation("+4915100007001")
        before = c.turns()
        tok = token()
        first = c.say("ja", tok)
        self.assertValidTwiml(first)
        self.assertIn("gebucht", spoken(first))
        again = c.say("ja", tok)
        self.assertEqual(again.status, 200)
        self.assertEqual(again.body, first.body)            # the same TwiML, word for word
        self.assertEqual(c.appointments(), 1)
        self.assertEqual(c.turns(), (before[0] + 1, before[1] + 1))  # one dialog step
        self.assertEqual(self.stack.count("sms_outbox", "appointment_id IN"
                                          " (SELECT id FROM appointments WHERE call_sid = ?)", (c.sid,)), 1)
        # A new token is a new turn: the conversation goes on from there.
        nxt = c.say("nein danke")
        self.assertIn("Auf Wiederhören", spoken(nxt))
        self.assertEqual(c.turns()[1], before[1] + 2)
        # The retry and its token are in the access log (the token is no personal data).
        lines = [r for r in self.stack.log_records()
                 if r.get("msg") == "request" and r.get("idempotency_token") == tok]
        self.assertEqual(len(lines), 2, lines)
        self.assertTrue(all(ln.get("route") == GATHER and ln.get("status") == 200 for ln in lines))
        self.assertTrue(any(r.get("msg") == "retried webhook answered as the first time"
                            for r in self.stack.log_records()))
        # The call ends: its kept answers go with it.
        self.assertGreater(self.stack.count("webhook_replies", "call_sid = ?", (c.sid,)), 0)
        c.end()
        self.assertEqual(self.stack.count("webhook_replies", "call_sid = ?", (c.sid,)), 0)

    def test_retry_while_first_still_in_hand(self):
        """Both deliveries at once (Twilio retried while the first was still
        being answered): one books, both callers' lines hear the same."""
        c = self.booking_up_to_confirmation("+4915100007002")
        before = c.turns()
        tok = token()
        results = [None, None]

        def go(i):
            results[i] = c.say("ja", tok)

        ts = [threading.Thread(target=go, args=(i,)) for i in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(30)
        self.assertEqual([r.status for r in results], [200, 200])
        self.assertEqual(results[0].body, results[1].body)
        self.assertIn("gebucht", spoken(results[0]))
        self.assertEqual(c.appointments(), 1)
        self.assertEqual(c.turns(), (before[0] + 1, before[1] + 1))

    def test_a_call_keeps_few_answers(self):
        c = Turns(self, "+4915100007003")
        c.start()
        for _ in range(8):
            self.assertEqual(c.say("wie bitte").status, 200)
        self.assertLessEqual(self.stack.count("webhook_replies", "call_sid = ?", (c.sid,)), 4)
        # Stored sealed: no TwiML in clear in the database.
        rows = self.stack.rows("SELECT answer_enc FROM webhook_replies WHERE call_sid = ?", (c.sid,))
        self.assertTrue(rows and all(b"<Response" not in bytes(r[0]) for r in rows))

    def test_gather_names_the_speech_model(self):
        c = Turns(self, "+4915100007004")
        for r in (c.start(), c.say("hallo")):
            root = self.assertValidTwiml(r)
            g = root.find("Gather")
            self.assertIsNotNone(g, r.text)
            self.assertEqual(g.get("speechModel"), "deepgram_nova-3")
            self.assertEqual(g.get("speechTimeout"), "2")   # Twilio refuses "auto" with a model
            self.assertEqual(g.get("language"), "de-DE")


class NoSpeechModel(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW}

    def test_gather_leaves_the_model_to_twilio(self):
        c = Turns(self, "+4915100007005")
        for r in (c.start(), c.say("hallo")):
            g = self.assertValidTwiml(r).find("Gather")
            self.assertIsNotNone(g, r.text)
            self.assertNotIn("speechModel", g.attrib)
            self.assertEqual(g.get("speechTimeout"), "auto")

    def test_without_a_token_every_delivery_is_a_turn(self):
        """No header (or one that is no token): nothing is kept, as before."""
        c = Turns(self, "+4915100007006")
        c.start()
        params = voice_params(c.sid, from_=c.frm, status="in-progress", SpeechResult="hallo", Confidence="0.9")
        self.assertEqual(self.stack.post_twilio(GATHER, params).status, 200)
        self.assertEqual(self.stack.post_twilio(GATHER, params, headers={
            "I-Twilio-Idempotency-Token": "not a token <script>"}).status, 200)
        self.assertEqual(c.turns()[1], 2)
        self.assertEqual(self.stack.count("webhook_replies", "call_sid = ?", (c.sid,)), 0)


if __name__ == "__main__":
    run_tests()
