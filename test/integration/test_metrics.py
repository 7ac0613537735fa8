"""test_metrics.py: /api/v1/metrics adds up over all workers. A known number
of signed webhooks, answered by several workers, shows up exactly once each
in the request and call counters (the counters live in memory the supervisor
shares, not in a worker). After a day's mix of calls (booked, put through,
put through after waiting, a failed transfer turned into a callback, left
in the waiting line, hung up, failed; final status callbacks sent twice as
Twilio retries them) the outcome counters equal the call log's outcomes;
the gauges equal what the database holds; the scrape passes `promtool
check metrics` (when promtool is installed)."""

import os
import re
import shutil
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import BERLIN, StackTest, new_call_sid, run_tests, voice_params, wait_until  # noqa: E402
from test_handoff import WANT_PERSON, finish, line_state, phone, start_phone, write_db  # noqa: E402

ROUTE = "POST /api/v1/twilio/voice/webhook"


def metric(text, name, labels=None):
    pattern = re.escape(name) + (r"\{" + re.escape(labels) + r"\}" if labels else "") + r" (\d+)$"
    m = re.search(pattern, text, re.M)
    return int(m.group(1)) if m else None


class MetricsAcrossWorkers(StackTest):
    workers = 3

    def snapshot(self):
        r = self.stack.request("GET", "/api/v1/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.content_type.startswith("text/plain"))
        return r.text

    def test_counters_add_up(self):
        s = self.stack
        before = self.snapshot()
        ok0 = metric(before, "terminfon_requests_total", 'route="%s",code="2xx"' % ROUTE) or 0
        calls0 = metric(before, "terminfon_calls_started_total") or 0
        forged0 = metric(before, "terminfon_signature_rejected_total") or 0

        n, threads = 60, 4
        statuses = []
        lock = threading.Lock()

        def worker(k):
            for i in range(n // threads):
                r = s.post_twilio("/api/v1/twilio/voice/webhook",
                                  voice_params(from_="+49151%03d%05d" % (k, i)))
                with lock:
                    statuses.append(r.status)

        ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(120)
        self.assertEqual(statuses, [200] * n)
        for _ in range(5):
            self.assertEqual(s.post_twilio("/api/v1/twilio/voice/webhook", voice_params(), sign="forged").status, 403)

        after = self.snapshot()
        self.assertEqual(metric(after, "terminfon_requests_total", 'route="%s",code="2xx"' % ROUTE) - ok0, n)
        self.assertEqual(metric(after, "terminfon_calls_started_total") - calls0, n)
        self.assertEqual(metric(after, "terminfon_signature_rejected_total") - forged0, 5)
        self.assertEqual(metric(after, "terminfon_request_duration_seconds_count", 'route="%s"' % ROUTE),
                         metric(after, "terminfon_requests_total", 'route="%s",code="2xx"' % ROUTE) +
                         metric(after, "terminfon_requests_total", 'route="%s",code="4xx"' % ROUTE))
        self.assertEqual(s.count("lead_call_logs"), metric(after, "terminfon_calls_started_total"))
        # More than one worker answered them: the sum is not one process's count.
        pids = {rec.get("pid") for rec in s.log_records()
                if rec.get("msg") == "request" and rec.get("route") == "/api/v1/twilio/voice/webhook"}
        self.assertGreater(len(pids), 1, "all requests went to one worker; the test proves nothing")


def outcome_metrics(text):
    return {m.group(1): int(m.group(2)) for m in
            re.finditer(r'^terminfon_call_outcomes_total\{outcome="([^"]+)"\} (\d+)$', text, re.M)}


class OutcomesAgreeWithDatabase(StackTest):
    workers = 3
    # Tuesday 24 November 2026, 10:00 in Berlin: the studio is open.
    stack_env = {"TERMINFON_FAKE_NOW": "2026-11-24T09:00:00Z", "FALLBACK_PHONE_NUMBER": "+4930555000"}

    def post(self, path, sid, frm, tok=None, **params):
        h = {"I-Twilio-Idempotency-Token": tok} if tok else None
        r = self.stack.post_twilio(path, voice_params(sid, from_=frm, **params), headers=h)
        self.assertEqual(r.status, 200, r)
        return r

    def ended(self, sid, frm, status, twice=True):
        """The final status callback; Twilio's retry of it (the same token) when twice."""
        tok = new_call_sid()
        for _ in range(2 if twice else 1):
            self.post("/api/v1/twilio/status/callback", sid, frm, tok=tok, status=status, CallDuration="40",
                      SequenceNumber="4")

    def scrape(self):
        r = self.stack.request("GET", "/api/v1/metrics")
        self.assertEqual(r.status, 200, r)
        return r.text

    def test_outcomes_counted_once_when_the_call_ends(self):
        s = self.stack
        write_db(s, "UPDATE studios SET max_wait_seconds = 180, staff_lines = 1 WHERE id = 1")
        # Booked, told goodbye; the softphone sends the final status itself.
        phone(s, "ich hätte gern einen termin morgen um 15 uhr", "max müller", "ja", "nein danke",
              frm="+4915100008001")
        # Put through at once, the person answers.
        phone(s, WANT_PERSON, frm="+4915100008002", dial=["completed"])
        # Nobody answers: a callback instead.
        phone(s, WANT_PERSON, "ja bitte", frm="+4915100008003", dial=["busy"])
        # One talks to the only staff member; the next waits and is put
        # through afterwards, a third gives up waiting.
        a = start_phone(s, WANT_PERSON, frm="+4915100008004", talk=6)
        wait_until(lambda: line_state(s)[0] == 1, 30, what="the first caller on the line")
        b = start_phone(s, WANT_PERSON, frm="+4915100008005", talk=1)
        wait_until(lambda: line_state(s) == (1, 1), 30, what="the second caller waiting")
        c = start_phone(s, WANT_PERSON, frm="+4915100008006", give_up=1)
        for p in (a, b, c):
            finish(p)
        # Hangs up after the welcome; and a call that fails.
        for frm, status in (("+4915100008007", "completed"), ("+4915100008008", "failed")):
            sid = new_call_sid()
            self.post("/api/v1/twilio/voice/webhook", sid, frm)
            self.ended(sid, frm, status)
        # Ends in the middle of a conversation: the turn's outcome stands.
        sid, frm = new_call_sid(), "+4915100008009"
        self.post("/api/v1/twilio/voice/webhook", sid, frm)
        self.post("/api/v1/twilio/voice/gather", sid, frm, status="in-progress",
                  SpeechResult="wann haben sie heute geöffnet", Confidence="0.9")
        self.ended(sid, frm, "completed")
        wait_until(lambda: s.count("lead_call_logs", "status_rank < 4") == 0, 30, what="every call ended")

        db = dict(s.rows("SELECT outcome, count(*) FROM lead_call_logs WHERE outcome IS NOT NULL GROUP BY outcome"))
        for want in ("booked", "transferred", "callback", "queue_abandoned", "abandoned", "failed"):
            self.assertIn(want, db)
        self.assertEqual(db["transferred"], 3, db)                  # three calls, however many attempts
        metrics = outcome_metrics(self.scrape())
        for outcome, n in db.items():
            self.assertEqual(metrics.get(outcome), n, "outcome %s: metrics %s, database %s" % (outcome, metrics, db))
        self.assertEqual(sum(metrics.values()), s.count("lead_call_logs"), metrics)
        # The call's outcome no longer changes once it is counted.
        self.ended(sid, frm, "completed")
        self.assertEqual(outcome_metrics(self.scrape()), metrics)

    def test_gauges_and_build(self):
        s = self.stack
        text = self.scrape()
        self.assertTrue(re.search(r'(?m)^terminfon_build_info\{version="\d+\.\d+\.\d+"\} 1$', text),
                        "no terminfon_build_info{version} 1 in the scrape")
        # A booking queues a confirmation SMS (Twilio is unreachable here, so
        # it stays unsent); a callback request stays open.
        phone(s, "ich hätte gern einen termin übermorgen um 11 uhr", "erika muster", "ja", "nein danke",
              frm="+4915100008101")
        phone(s, "rufen sie mich bitte zurück", frm="+4915100008102")
        text = self.scrape()
        unsent = s.count("sms_outbox", "status IN ('queued', 'sending')")
        self.assertGreater(unsent, 0)
        self.assertEqual(metric(text, "terminfon_sms_unsent"), unsent)
        self.assertIsNotNone(metric(text, "terminfon_sms_due"))
        self.assertLessEqual(metric(text, "terminfon_sms_due"), unsent)
        opened = s.count("callback_requests", "status IN ('pending', 'calling')")
        self.assertGreater(opened, 0)
        self.assertEqual(metric(text, "terminfon_callbacks_open"), opened)
        self.assertEqual(metric(text, "terminfon_callers_waiting"), s.count("handoffs", "state = 'waiting'"))
        self.assertIn("# TYPE terminfon_sms_due gauge", text)

    def test_scrape_passes_promtool(self):
        promtool = shutil.which("promtool")
        if not promtool:
            self.skipTest("promtool is not installed (Debian package prometheus): scrape not linted")
        p = subprocess.run([promtool, "check", "metrics"], input=self.scrape().encode(), capture_output=True,
                           timeout=60)
        self.assertEqual(p.returncode, 0, (p.stdout + p.stderr).decode())


if __name__ == "__main__":
    run_tests()
