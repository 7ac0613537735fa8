"""test_nginx_answers.py: what nginx answers by itself, through real nginx
and terminfon. A burst of signed Twilio webhooks past the rate limit is
answered with German TwiML throughout (the fallback for the refused ones,
never nginx's HTML page); the admin API's refusals are JSON with
Retry-After; and a lookup by phone number leaves no trace of the number in
nginx's error or access log or in terminfon's log, neither when a burst of
lookups is refused nor while terminfon is down."""

import concurrent.futures
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin, file_bytes  # noqa: E402
from harness import StackTest, new_call_sid, run_tests, voice_params, wait_until  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"
NUMBER = "+4915112345678"
LOOKUP = "/api/v1/leads?phone=%2B4915112345678"


def burst(n, fn):
    """n calls of fn(i) at once (one thread each); their results in order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
        return list(ex.map(fn, range(n)))


class TwilioBurst(StackTest):

    def test_burst_is_answered_with_twiml_throughout(self):
        s = self.stack
        calls = [voice_params(call_sid=new_call_sid(), from_=NUMBER) for _ in range(200)]
        signed = [s.sign(WEBHOOK, p) for p in calls]

        def one(i):
            return s.post_twilio(WEBHOOK, calls[i], signature=signed[i])

        t0 = time.monotonic()
        answers = burst(200, one)
        took = time.monotonic() - t0
        refused = 0
        for r in answers:
            self.assertEqual(r.status, 200, r)
            self.assertTrue(r.content_type.startswith("text/xml"), r)
            self.assertNotIn(b"<html", r.body.lower(), r)
            root = ET.fromstring(r.body)
            self.assertEqual(root.tag, "Response", r)
            says = list(root.iter("Say"))
            self.assertTrue(says, r)
            for say in says:
                self.assertEqual(say.get("language"), "de-DE", r)
                self.assertRegex(say.text or "", r"\b(Sie|Ihnen)\b", r)
            if r.body == s.fallback:
                refused += 1
        # The limit did refuse part of the burst (else this tested nothing),
        # and terminfon answered the rest (its greeting, not the fallback).
        self.assertGreater(refused, 0, "200 webhooks in %.1fs: none refused" % took)
        self.assertGreaterEqual(len(answers) - refused, 60)
        self.assertEqual(s.count("lead_call_logs"), len(answers) - refused)
        # The access log tells a refusal from an answer, though both are 200.
        log = file_bytes(os.path.join(s.prefix, "logs", "access.log")).decode("utf-8", "replace")
        self.assertEqual(len(re.findall(r"limit=REJECTED", log)), refused)


class AdminBurst(StackTest):

    def test_refusals_are_json_with_retry_after(self):
        s = self.stack
        answers = burst(60, lambda i: s.request("GET", "/api/v1/calls"))
        refused = [r for r in answers if r.status == 429]
        self.assertTrue(refused, "60 requests at once: none refused")
        for r in refused:
            self.assertTrue(r.content_type.startswith("application/json"), r)
            self.assertIsInstance(r.json().get("error"), str, r)
            self.assertGreaterEqual(int(r.headers.get("retry-after", "0")), 1, r.headers)
        # The others reached terminfon, which wants a token.
        for r in answers:
            if r.status != 429:
                self.assertEqual(r.status, 401, r)
                self.assertIn("error", r.json())


class LookupLeavesNoTrace(StackTest):

    def traces(self):
        """Where the number shows up in nginx's and terminfon's logs."""
        s = self.stack
        logs = {
            "error.log": file_bytes(s.nginx_error_log()),
            "access.log": file_bytes(os.path.join(s.prefix, "logs", "access.log")),
            "terminfon": file_bytes(s.log_path),
        }
        # The number's digits in any encoding; terminfon's masked form
        # (+49151******78) is allowed.
        needles = [b"15112345678", b"%2B49", b"%2b49", b"2345678"]
        return ["%s: %r" % (name, n) for name, data in logs.items() for n in needles if n in data]

    def lookup(self, token):
        """One lookup, waiting out the rate limit of the burst before it."""
        for _ in range(100):
            r = self.stack.request("GET", LOOKUP, headers={"Authorization": "Bearer " + token})
            if r.status != 429:
                return r
            time.sleep(0.15)
        raise AssertionError("still rate limited after 15 s")

    def test_lookups_refused_or_failed_are_not_logged_with_the_number(self):
        s = self.stack
        admin = Admin(s)
        r = self.lookup(admin.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["items"], [])

        # A burst of lookups: nginx refuses part of it.
        answers = burst(60, lambda i: s.request("GET", LOOKUP, headers={"Authorization": "Bearer " + admin.token}))
        refused = [r for r in answers if r.status == 429]
        self.assertTrue(refused, "60 lookups at once: none refused")
        for r in refused:
            self.assertTrue(r.content_type.startswith("application/json"), r)
            self.assertIn("retry-after", r.headers)

        # terminfon down: nginx answers by itself.
        s.stop_terminfon()
        r = self.lookup(admin.token)
        self.assertEqual(r.status, 503, r)
        self.assertTrue(r.content_type.startswith("application/json"), r)

        # Every request is in the access log, without its query. nginx writes
        # a line after the answer has gone out, so the last one may lag a little.
        def logged():
            access = file_bytes(os.path.join(s.prefix, "logs", "access.log")).decode("utf-8", "replace")
            return access.count("GET /api/v1/leads ") >= len(answers) + 2
        wait_until(logged, 5, what="every lookup in the access log")
        self.assertEqual(self.traces(), [])


if __name__ == "__main__":
    run_tests()
