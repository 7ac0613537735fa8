"""test_metrics.py: /api/v1/metrics adds up over all workers. A known number
of signed webhooks, answered by several workers, shows up exactly once each
in the request and call counters (the counters live in memory the supervisor
shares, not in a worker)."""

import os
import re
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import StackTest, run_tests, voice_params  # noqa: E402

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


if __name__ == "__main__":
    run_tests()
