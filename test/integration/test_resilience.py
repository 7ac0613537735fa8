"""test_resilience.py: the supervisor under stress. A worker SIGKILLed in the
middle of a stream of webhooks is respawned and no answered request loses its
rows; SIGHUP replaces the workers without dropping a request; SIGTERM lets
the workers finish and loses no answered request; with terminfon gone, nginx
answers the fallback TwiML (Twilio routes) and a JSON 503 (the rest)."""

import os
import signal
import sys
import threading
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (StackTest, new_call_sid, pid_alive, run_tests, voice_params,  # noqa: E402
                     wait_until)

WEBHOOK = "/api/v1/twilio/voice/webhook"


def proc_state(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read().decode("ascii", "replace")
    except OSError:
        return "?"
    return stat[stat.rfind(")") + 2:].split()[0]


def busy_worker(pids, timeout):
    """A worker seen running (state R, i.e. most likely inside a request)
    within timeout seconds, so that the kill hits a request in flight."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in pids:
            if proc_state(p) == "R":
                return p
    return None


class Stream:
    """Signed voice webhooks with distinct CallSids from several threads, each
    answer sorted into "real" (TwiML with a Gather), "fallback" (nginx's
    document, byte for byte), "bad" (anything else) or "error" (no answer)."""

    def __init__(self, stack, total=None, threads=4, pace=0.0):
        self.stack = stack
        self.total = total          # None: until stop()
        self.pace = pace
        self.lock = threading.Lock()
        self.next = 0
        self.results = []           # (call_sid, kind, detail)
        self.halt = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def done(self):
        with self.lock:
            return len(self.results)

    def stop(self):
        self.halt.set()

    def join(self, timeout):
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if any(t.is_alive() for t in self.threads):
            raise AssertionError("request threads still busy after %ss" % timeout)

    def _classify(self, r):
        if r.status != 200 or not r.content_type.startswith("text/xml"):
            return "bad"
        if r.body == self.stack.fallback:
            return "fallback"
        try:
            root = ET.fromstring(r.body)
        except ET.ParseError:
            return "bad"
        return "real" if root.tag == "Response" and root.find(".//Gather") is not None else "bad"

    def _run(self):
        while not self.halt.is_set():
            with self.lock:
                i = self.next
                if self.total is not None and i >= self.total:
                    return
                self.next += 1
            sid = new_call_sid()
            number = "+49157%08d" % (i % 50)
            try:
                r = self.stack.post_twilio(WEBHOOK, voice_params(sid, from_=number))
                kind, detail = self._classify(r), r
            except Exception as e:  # no answer at all
                kind, detail = "error", repr(e)
            with self.lock:
                self.results.append((sid, kind, detail))
            if self.pace:
                time.sleep(self.pace)

    def of(self, kind):
        with self.lock:
            return [r for r in self.results if r[1] == kind]


class Resilience(StackTest):

    def report(self, stream, what):
        print("  [%s: %d answered by terminfon, %d fallback, %d bad, %d no answer]" % (
            what, len(stream.of("real")), len(stream.of("fallback")), len(stream.of("bad")),
            len(stream.of("error"))), flush=True)

    def assertAllAnswered(self, stream):
        bad = stream.of("bad") + stream.of("error")
        self.assertEqual(bad, [], "requests without a TwiML answer: %r" % bad[:5])

    def assertRowsKept(self, stream):
        s = self.stack
        real = stream.of("real")
        missing = [sid for sid, _, _ in real if s.call_log(sid) is None]
        self.assertEqual(missing, [], "%d of %d answered calls have no call log" % (
            len(missing), len(real)))

    def ensure_running(self):
        s = self.stack
        if s.serve is None or s.serve.poll() is not None:
            s.start_terminfon(wait=True)
        wait_until(lambda: len(s.worker_pids()) >= self.workers, 10, what="workers")

    def test_1_sigkill_worker_mid_stream(self):
        s = self.stack
        self.ensure_running()
        workers = s.worker_pids()
        children = s.children()
        self.assertGreaterEqual(len(workers), 2, "serve has %r as workers" % workers)
        stream = Stream(s, total=200, threads=4).start()
        wait_until(lambda: stream.done() >= 50, 60, what="50 answered requests")
        victim = busy_worker(workers, 3.0) or workers[0]
        os.kill(victim, signal.SIGKILL)
        stream.join(120)
        self.report(stream, "SIGKILL of worker %d" % victim)
        self.assertEqual(len(stream.results), 200)
        self.assertAllAnswered(stream)
        fallback = stream.of("fallback")
        # Only the request in the killed worker's hands may have missed its answer.
        self.assertLessEqual(len(fallback), 1, "fallback answers: %d" % len(fallback))
        self.assertGreaterEqual(len(stream.of("real")), 199)
        self.assertRowsKept(stream)
        # Respawned: the victim is gone, a new child took its place.
        wait_until(lambda: not pid_alive(victim), 5, what="the killed worker to be reaped")

        def respawned():
            now = s.children()
            return len(now) >= len(children) and set(now) - set(children)
        wait_until(respawned, 5, what="a new worker")
        self.assertNotIn(victim, s.worker_pids())

    def test_2_sighup_replaces_workers_without_dropping(self):
        s = self.stack
        self.ensure_running()
        old = set(s.worker_pids())
        stream = Stream(s, total=80, threads=4).start()
        wait_until(lambda: stream.done() >= 10, 60, what="10 answered requests")
        s.serve.send_signal(signal.SIGHUP)
        stream.join(120)
        self.report(stream, "SIGHUP")
        self.assertAllAnswered(stream)
        self.assertEqual(stream.of("fallback"), [], "a rolling restart dropped requests")
        self.assertRowsKept(stream)
        wait_until(lambda: not (old & set(s.worker_pids())) and len(s.worker_pids()) >= len(old),
                   10, what="all workers replaced after SIGHUP")
        self.assertIsNone(s.serve.poll(), "the supervisor exited on SIGHUP")

    def test_3_sigterm_is_graceful(self):
        s = self.stack
        self.ensure_running()
        kids = s.children()
        stream = Stream(s, total=None, threads=2, pace=0.02).start()
        wait_until(lambda: len(stream.of("real")) >= 20, 60, what="20 answered requests")
        code = s.stop_terminfon(signal.SIGTERM)
        time.sleep(0.5)            # requests keep coming while it is gone
        stream.stop()
        stream.join(60)
        self.report(stream, "SIGTERM")
        self.assertEqual(code, 0, "terminfon serve exited %r on SIGTERM" % code)
        leftover = [k for k in kids if pid_alive(k)]
        self.assertEqual(leftover, [], "workers outlived the supervisor")
        self.assertAllAnswered(stream)
        self.assertRowsKept(stream)
        self.assertGreater(len(stream.of("fallback")), 0, "no request arrived after the stop")
        s.start_terminfon(wait=True)

    def test_4_stopped_gives_fallback(self):
        s = self.stack
        self.ensure_running()
        self.assertEqual(s.stop_terminfon(signal.SIGTERM), 0)
        try:
            before = s.counts()
            for path in (WEBHOOK, "/api/v1/twilio/voice/gather", "/api/v1/twilio/status/callback"):
                r = s.post_twilio(path, voice_params())
                self.assertEqual(r.status, 200, (path, r))
                self.assertTrue(r.content_type.startswith("text/xml"), r)
                self.assertEqual(r.body, s.fallback, path)
            self.assertValidTwiml(r)
            for path in ("/api/v1/health", "/api/v1/leads"):
                r = s.request("GET", path)
                self.assertEqual(r.status, 503, (path, r))
                self.assertTrue(r.content_type.startswith("application/json"), r)
                self.assertIn("error", r.json())
            self.assertEqual(s.counts(), before)
        finally:
            s.start_terminfon(wait=True)
        # And back: the next call is answered by terminfon again.
        r = s.post_twilio(WEBHOOK, voice_params())
        self.assertIsNotNone(self.assertTwiml(r).find(".//Gather"), r.text)


if __name__ == "__main__":
    run_tests()
