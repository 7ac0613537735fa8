"""test_webhook.py: the voice webhook through real nginx and `terminfon serve`:
a signed call gets German TwiML with a Gather and exactly one lead and one call
log; unsigned, forged, tampered and misdirected requests get 403 and write
nothing; bad bodies, wrong methods and unknown paths get 400, 405 and 404."""

import os
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (StackTest, new_call_sid, run_tests, twilio_signature,  # noqa: E402
                     voice_params, wait_until)

WEBHOOK = "/api/v1/twilio/voice/webhook"
GERMAN = ("willkommen", "hallo", "guten tag", "termin", "studio", "ihnen", "sie ",
          "möchten", "wie kann", "herzlich", "abnehmen")


def new_number():
    return "+49151" + "".join(secrets.choice("0123456789") for _ in range(8))


class VoiceWebhook(StackTest):

    def assertGatherTwiml(self, r):
        root = self.assertValidTwiml(r)
        gathers = root.findall(".//Gather")
        self.assertEqual(len(gathers), 1, r.text)
        g = gathers[0]
        self.assertEqual(g.get("action"), "/api/v1/twilio/voice/gather", r.text)
        self.assertEqual(g.get("input"), "speech dtmf", r.text)
        self.assertEqual(g.get("language"), "de-DE", r.text)
        spoken = " ".join(t for t in root.itertext()).lower()
        self.assertTrue(any(w in spoken for w in GERMAN), "no German greeting in %r" % r.text)
        return root

    def assertNothingWritten(self, before, call_sid):
        self.assertEqual(self.stack.counts(), before)
        self.assertIsNone(self.stack.call_log(call_sid))

    # ---- the good path

    def test_signed_call_creates_one_lead_and_one_call_log(self):
        s = self.stack
        number = new_number()
        sid = new_call_sid()
        before = s.counts()
        r = s.post_twilio(WEBHOOK, voice_params(sid, from_=number))
        self.assertGatherTwiml(r)
        after = s.counts()
        self.assertEqual(after["leads"], before["leads"] + 1)
        self.assertEqual(after["lead_call_logs"], before["lead_call_logs"] + 1)
        self.assertEqual(s.count("lead_call_logs", "call_sid = ?", (sid,)), 1)

        # Twilio retries: the same CallSid again is the same call.
        r = s.post_twilio(WEBHOOK, voice_params(sid, from_=number))
        self.assertGatherTwiml(r)
        self.assertEqual(s.counts(), after)

        # A second call from the same number: same lead, a second call log.
        sid2 = new_call_sid()
        r = s.post_twilio(WEBHOOK, voice_params(sid2, from_=number))
        self.assertGatherTwiml(r)
        again = s.counts()
        self.assertEqual(again["leads"], after["leads"])
        self.assertEqual(again["lead_call_logs"], after["lead_call_logs"] + 1)
        lead_ids = s.rows("SELECT DISTINCT lead_id FROM lead_call_logs WHERE call_sid IN (?, ?)",
                          (sid, sid2))
        self.assertEqual(len(lead_ids), 1)

    def test_munich_number_and_unknown_params(self):
        # Twilio adds parameters without notice; they are signed too.
        s = self.stack
        sid = new_call_sid()
        p = voice_params(sid, from_=new_number(), to="+4989901820",
                         StirVerstat="TN-Validation-Passed-A", SomethingNew="ä ö ü & = +")
        self.assertGatherTwiml(s.post_twilio(WEBHOOK, p))
        self.assertIsNotNone(s.call_log(sid))

    def test_signed_over_https(self):
        s = self.stack
        sid = new_call_sid()
        r = s.post_twilio(WEBHOOK, voice_params(sid, from_=new_number()), scheme="https")
        self.assertGatherTwiml(r)
        self.assertIsNotNone(s.call_log(sid))

    def test_phone_number_not_stored_or_logged_in_clear(self):
        s = self.stack
        number = new_number()
        sid = new_call_sid()
        self.assertGatherTwiml(s.post_twilio(WEBHOOK, voice_params(sid, from_=number)))
        raw = number.encode("ascii")
        for suffix in ("", "-wal"):
            path = s.db_path + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    self.assertNotIn(raw, f.read(), "caller's number in clear in %s" % path)
        # One access-log line for the request, with the CallSid and a masked number.
        recs = wait_until(lambda: [r for r in s.log_records()
                                   if r.get("msg") == "request" and r.get("call_sid") == sid],
                          5, what="the request's log line")
        self.assertEqual(recs[0].get("status"), 200)
        self.assertEqual(recs[0].get("route"), WEBHOOK)
        with open(s.log_path, "rb") as f:
            self.assertNotIn(raw, f.read(), "caller's number in clear in terminfon's log")

    def test_handler_log_lines_carry_the_call_sid(self):
        # The webhook logs "call opened"; a turn whose first webhook never
        # arrived logs that it opens the call late. Both lines, written by
        # the handler, name the call they belong to.
        s = self.stack
        sid = new_call_sid()
        self.assertGatherTwiml(s.post_twilio(WEBHOOK, voice_params(sid, from_=new_number())))
        late = new_call_sid()
        p = voice_params(late, from_=new_number(), status="in-progress", SpeechResult="Wann haben Sie offen?",
                         Confidence="0.9")
        r = s.post_twilio("/api/v1/twilio/voice/gather", p)
        self.assertValidTwiml(r)
        self.assertIsNotNone(s.call_log(late))
        for want, msg in ((sid, "call opened"), (late, "call opened late, its first webhook was missed")):
            recs = wait_until(lambda: [r for r in s.log_records() if r.get("msg") == msg
                                       and r.get("call_sid") == want],
                              5, what="%r with the CallSid" % msg)
            self.assertTrue(recs[0].get("req"), recs[0])

    # ---- refused

    def test_unsigned_is_refused(self):
        s = self.stack
        sid = new_call_sid()
        before = s.counts()
        r = s.post_twilio(WEBHOOK, voice_params(sid, from_=new_number()), sign=False)
        self.assertEqual(r.status, 403, r)
        self.assertNothingWritten(before, sid)

    def test_forged_is_refused(self):
        s = self.stack
        sid = new_call_sid()
        before = s.counts()
        r = s.post_twilio(WEBHOOK, voice_params(sid, from_=new_number()), sign="forged")
        self.assertEqual(r.status, 403, r)
        # A signature made with another token.
        p = voice_params(sid, from_=new_number())
        sig = twilio_signature("0" * 32, s.url(WEBHOOK), p)
        self.assertEqual(s.post_twilio(WEBHOOK, p, signature=sig).status, 403)
        self.assertEqual(s.post_twilio(WEBHOOK, p, signature="").status, 403)
        self.assertNothingWritten(before, sid)

    def test_tampered_is_refused(self):
        s = self.stack
        sid = new_call_sid()
        before = s.counts()
        p = voice_params(sid, from_=new_number())
        sig = s.sign(WEBHOOK, p)
        changed = dict(p, From=new_number())
        self.assertEqual(s.post_twilio(WEBHOOK, changed, signature=sig).status, 403)
        added = dict(p, Digits="1")
        self.assertEqual(s.post_twilio(WEBHOOK, added, signature=sig).status, 403)
        dropped = dict(p)
        del dropped["CallerZip"]
        self.assertEqual(s.post_twilio(WEBHOOK, dropped, signature=sig).status, 403)
        # A query string the signature did not cover.
        self.assertEqual(s.post_twilio(WEBHOOK + "?x=1", p, signature=sig).status, 403)
        self.assertNothingWritten(before, sid)

    def test_signed_for_another_url_is_refused(self):
        s = self.stack
        sid = new_call_sid()
        before = s.counts()
        p = voice_params(sid, from_=new_number())
        for url in ("https://example.com" + WEBHOOK,
                    s.url("/api/v1/twilio/voice/gather"),
                    "http://127.0.0.1:%d%s" % (s.https_port, WEBHOOK)):
            r = s.post_twilio(WEBHOOK, p, signature=s.sign(url, p))
            self.assertEqual(r.status, 403, (url, r))
        self.assertNothingWritten(before, sid)

    # ---- bad requests

    def test_malformed_body_is_400(self):
        s = self.stack
        before = s.counts()
        for body in ("CallSid=CA%ZZ&From=%2B4915112345678", "From=%2", "CallSid=CA%"):
            r = s.post_twilio(WEBHOOK, {}, body=body, sign="forged")
            self.assertEqual(r.status, 400, (body, r))
        self.assertEqual(s.counts(), before)

    def test_get_on_post_route_is_405(self):
        for path in (WEBHOOK, "/api/v1/twilio/status/callback", "/api/v1/twilio/voice/gather"):
            r = self.stack.request("GET", path)
            self.assertEqual(r.status, 405, (path, r))

    def test_unknown_path_is_404(self):
        s = self.stack
        self.assertEqual(s.request("GET", "/api/v1/nope").status, 404)
        self.assertEqual(s.request("GET", "/api/v1/twilio/voice/webhook/extra").status, 404)
        self.assertEqual(s.post_twilio("/api/v1/twilio/voice/nope", voice_params()).status, 404)

    def test_health(self):
        r = self.stack.request("GET", "/api/v1/health")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json().get("status"), "ok")


if __name__ == "__main__":
    run_tests()
