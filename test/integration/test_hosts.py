"""test_hosts.py: several terminfon hosts behind one nginx upstream, sharing
one database, with no stickiness (two `terminfon serve` instances with their
own sockets and logs; nginx passes each request to the next in turn).

- 50 callers race for the last place of a slot through both instances: one
  booking, and the 49 others hear that it was just taken, with alternatives;
- a call's turns land on both instances, and one instance is SIGKILLed (its
  supervisor and process group) in the middle of a stream of bookings: every
  booking a caller heard confirmed is in the database once, with one
  confirmation SMS row, and the fake Twilio receives no SMS twice;
- (PostgreSQL only) the server restarted under a stream of calls: callers
  hear the German fallback during the gap (never an HTTP error), nothing is
  half-written, and the same instances answer again without a restart.

Two instances on one SQLite file are valid on one machine, so the first two
run on both backends.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fakes"))
from fake_twilio import FakeTwilio  # noqa: E402
from harness import (LIB_SH, Stack, StackTest, on_postgres, proc_children, run_tests,  # noqa: E402
                     wait_until, xmllint_schema_errors)  # noqa: E402
from test_drills import GATHER, NAMES, VOICE, Caller, booked, booking_call, kind_of, says  # noqa: E402

NOW = "2026-11-24T09:00:00Z"      # Tuesday, 10:00 in Berlin
RACE_WISH = "ich möchte einen termin am 2. dezember um 10 uhr"
RACE_SLOT = "2026-12-02 09:00:00"   # that slot in UTC
# Free one-hour slots of the Berlin studio, one per booking of the streams.
SLOTS = [(day, hour) for day in (3, 4, 7, 8, 9, 10, 11, 14, 15, 16) for hour in (9, 10, 11, 12, 14, 15, 16, 17)]


def run_threads(fns, width):
    """Runs the callables on `width` threads; returns their results in order."""
    out = [None] * len(fns)
    lock = threading.Lock()
    todo = list(range(len(fns)))

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop(0)
            out[i] = fns[i]()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(width)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return out


def group_members(pgid):
    """Live pids of process group pgid (from /proc/*/stat)."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name, "rb") as f:
                    rest = f.read().decode("ascii", "replace").rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(rest) > 2 and rest[2] == str(pgid) and rest[0] != "Z":
                out.append(int(name))
    return out


def log_has(path, text):
    try:
        with open(path, "rb") as f:
            return text.encode() in f.read()
    except OSError:
        return False


class HostsTest(StackTest):
    """A stack of two instances with a fake of Twilio's REST API."""

    stack_db_url = None

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeTwilio()
        cls.fake.start()
        cls.stack = Stack(workers=2, name=cls.__name__, instances=2, db_url=cls.stack_db_url,
                          env={"TERMINFON_FAKE_NOW": NOW, "TWILIO_API_BASE_URL": cls.fake.base_url})
        cls.fake.auth_token = cls.stack.auth_token
        try:
            cls.stack.start()
        except BaseException:
            cls.fake.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            StackTest.tearDownClass.__func__(cls)
        finally:
            cls.fake.stop()

    def sms_sent_to(self, number):
        return [r for r in self.fake.requests()
                if r["path"].endswith("/Messages.json") and r["form"].get("To") == number]

    def expire_leases(self):
        """Lets the outbox's lease (120 s) run out for every message claimed
        and not marked sent, as if that time had passed."""
        self.stack.write("UPDATE sms_outbox SET next_attempt_at = '2000-01-01 00:00:00' WHERE status = 'sending'")

    def assertSmsOnce(self, calls, wait=True):
        """Each confirmed call's confirmation SMS row exists once and (wait)
        reaches the fake once; no caller gets an SMS twice. A message whose
        sender died holding it waits for its lease: the test lets that time pass."""
        s = self.stack
        confirmed = [c for c in calls if booked(c)]
        for c in confirmed:
            n = s.count("appointments", "call_sid = ? AND status = 'booked'", (c.sid,))
            self.assertEqual(n, 1, "call %s heard 'gebucht' but has %d bookings" % (c.sid, n))
            self.assertEqual(s.count("sms_outbox", "kind = 'confirmation' AND appointment_id IN "
                                     "(SELECT id FROM appointments WHERE call_sid = ?)", (c.sid,)), 1)

        def all_sent():
            return all(self.sms_sent_to(c.number) for c in confirmed)
        if wait:
            try:
                wait_until(all_sent, 15, what="the confirmation SMS")
            except AssertionError:
                # Claimed by a background process that is gone: its lease runs out.
                print("  [SMS held by a dead sender: its lease is let run out]", flush=True)
                self.expire_leases()
                wait_until(all_sent, 20, what="the confirmation SMS after the dead sender's lease")
            time.sleep(1.0)   # a second sender, if any, would show now
        twice = {c.number: len(self.sms_sent_to(c.number)) for c in calls if len(self.sms_sent_to(c.number)) > 1}
        self.assertEqual(twice, {}, "SMS sent more than once")
        return confirmed


class Race(HostsTest):

    def test_fifty_callers_one_place(self):
        s = self.stack
        s.write("UPDATE studios SET capacity = 1 WHERE slug = 'berlin-mitte'")
        self.assertEqual(s.count("appointments", "studio_id = 1 AND starts_at = ? AND status = 'booked'",
                                 (RACE_SLOT,)), 0, "the race slot is not free")
        # Each caller from an address of its own, as Twilio's pool: nginx's
        # per-address limit does not pace the race.
        callers = [Caller(s, "+49151%08d" % (70000000 + i), source="127.0.2.%d" % (i + 1)) for i in range(50)]

        def prepare(c, i):
            def run():
                for step in (lambda: c.post(VOICE), lambda: c.say(RACE_WISH), lambda: c.say(NAMES[i % len(NAMES)])):
                    step()
                    if c.log[-1][1] != "real":
                        return
            return run
        run_threads([prepare(c, i) for i, c in enumerate(callers)], 8)
        for c in callers:
            self.assertEqual(c.kinds(), ["real"] * 3, (c.sid, c.log[-1][3]))
            self.assertIn("10 Uhr", says(c.log[-1][3]), "not asked to confirm the slot: %s" % says(c.log[-1][3]))

        # The confirming turns, all at once.
        gate = threading.Barrier(len(callers))

        def confirm(c):
            gate.wait(30)
            c.say("ja")
        threads = [threading.Thread(target=confirm, args=(c,), daemon=True) for c in callers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertFalse(any(t.is_alive() for t in threads), "callers still waiting")

        winners = [c for c in callers if booked(c)]
        self.assertEqual(len(winners), 1, "callers who heard 'gebucht': %d" % len(winners))
        rows = s.rows("SELECT call_sid FROM appointments WHERE studio_id = 1 AND starts_at = ? "
                      "AND status = 'booked'", (RACE_SLOT,))
        self.assertEqual(rows, [(winners[0].sid,)])
        for c in callers:
            if c is winners[0]:
                continue
            r = c.log[-1][3]
            self.assertEqual(c.log[-1][1], "real", r)
            text = says(r)
            self.assertIn("nicht mehr verfügbar", text)
            self.assertIsNotNone(ET.fromstring(r.body).find("Gather"), text)
            offer = text.split("nicht mehr verfügbar", 1)[1]
            self.assertIn("Welcher Termin passt Ihnen", offer)
            self.assertNotIn("um 10 Uhr", offer, "the taken slot is offered again")
        self.assertSmsOnce(callers)


class Failover(HostsTest):

    def test_1_turns_alternate_between_instances(self):
        s = self.stack
        c = booking_call(s, SLOTS[0], "anna schmidt", "+4915160000000")
        c.say("wie sind ihre öffnungszeiten")
        c.say("nein danke")
        self.assertEqual(c.kinds(), ["real"] * 6, c.log)
        self.assertIn("gebucht", says(c.log[3][3]))
        for i in range(2):
            self.assertTrue(log_has(s.instance(i)[2], c.sid),
                            "instance %d logged nothing of call %s" % (i + 1, c.sid))
        self.assertSmsOnce([c])

    def test_2_sigkill_an_instance_during_bookings(self):
        s = self.stack
        slots = SLOTS[1:41]
        calls, lock = [], threading.Lock()
        todo = list(enumerate(slots))

        def caller(t):
            while True:
                with lock:
                    if not todo:
                        return
                    i, slot = todo.pop(0)
                c = booking_call(s, slot, NAMES[i % len(NAMES)], "+49151%08d" % (61000000 + i),
                                 source="127.0.3.%d" % (t + 1))
                with lock:
                    calls.append(c)

        threads = [threading.Thread(target=caller, args=(t,), daemon=True) for t in range(4)]
        for t in threads:
            t.start()
        wait_until(lambda: len(calls) >= 10, 60, what="ten calls before the kill")
        victim = s.instance(1)[0].pid
        s.kill_instance(1)
        wait_until(lambda: not group_members(victim), 10, what="the killed instance's workers to be gone")
        for t in threads:
            t.join(90)
        self.assertFalse(any(t.is_alive() for t in threads), "callers still busy")
        kinds = [k for c in calls for k in c.kinds()]
        print("  [%d calls, %d confirmed; answers: %d real, %d fallback, %d bad]" % (
            len(calls), sum(1 for c in calls if booked(c)), kinds.count("real"),
            kinds.count("fallback"), kinds.count("bad")), flush=True)
        self.assertEqual(kinds.count("bad"), 0, [c.log[-1][3] for c in calls if "bad" in c.kinds()])
        # After the kill the other instance takes every call.
        after = booking_call(s, SLOTS[41], "max müller", "+4915162000000")
        self.assertTrue(booked(after), after.log)
        confirmed = self.assertSmsOnce(calls + [after])
        self.assertGreaterEqual(len(confirmed), 30)
        self.assertEqual(s.rows(
            "SELECT call_sid FROM appointments WHERE status = 'booked' AND call_sid IS NOT NULL "
            "GROUP BY call_sid HAVING count(*) > 1"), [])
        self.assertEqual(s.rows(
            "SELECT appointment_id FROM sms_outbox WHERE kind = 'confirmation' "
            "GROUP BY appointment_id HAVING count(*) > 1"), [])


def _pg_bindir():
    p = subprocess.run(["bash", "-c", '. "$1"; tf_pg_bindir', "-", LIB_SH],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
    return p.stdout.decode().strip() if p.returncode == 0 else ""


@unittest.skipUnless(on_postgres(), "PostgreSQL only: restarting the database server has no "
                     "meaning for a SQLite file (set TERMINFON_TEST_DATABASE_URL)")
class ServerRestart(HostsTest):
    """Its own cluster (scripts/lib.sh pg-start), so that restarting it
    disturbs no other test."""

    @classmethod
    def setUpClass(cls):
        if not _pg_bindir():
            raise unittest.SkipTest("PostgreSQL is not installed (scripts/deps --test)")
        cls.pg_dir = tempfile.mkdtemp(prefix="tf-pg-")   # short: the server's socket is in it
        os.chmod(cls.pg_dir, 0o755)
        cls.pg("pg-start")
        try:
            super().setUpClass()
        except BaseException:
            cls.pg("pg-stop")
            raise

    @classmethod
    def pg(cls, what):
        p = subprocess.run(["bash", LIB_SH, what, cls.pg_dir], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        if p.returncode != 0:
            raise AssertionError("scripts/lib.sh %s failed: %s" % (what, p.stderr.decode()))
        if what == "pg-start":
            cls.stack_db_url = p.stdout.decode().strip().splitlines()[-1]

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.pg("pg-stop")
            shutil.rmtree(cls.pg_dir, ignore_errors=True)

    def test_restart_under_calls(self):
        s = self.stack
        supervisors = [s.instance(i)[0].pid for i in range(2)]
        children = [proc_children(p) for p in supervisors]
        calls, lock, stop = [], threading.Lock(), threading.Event()
        slots = list(SLOTS)
        count = [0]

        def caller(t):
            # Bookings and questions, in turn, until told to stop.
            while not stop.is_set():
                with lock:
                    i = count[0]
                    count[0] += 1
                    slot = slots.pop(0) if i % 2 and len(slots) > 4 else None
                number, source = "+49151%08d" % (63000000 + i), "127.0.4.%d" % (t + 1)
                if slot:
                    c = booking_call(s, slot, NAMES[i % len(NAMES)], number, source=source)
                else:
                    c = Caller(s, number, source=source)
                    c.post(VOICE)
                    if c.log[-1][1] == "real":
                        c.say("wie sind ihre öffnungszeiten")
                with lock:
                    calls.append(c)
                time.sleep(0.05)

        threads = [threading.Thread(target=caller, args=(t,), daemon=True) for t in range(3)]
        for t in threads:
            t.start()
        wait_until(lambda: len(calls) >= 6, 60, what="calls before the restart")
        self.pg("pg-stop")
        time.sleep(2.0)
        during = len(calls)
        self.pg("pg-start")
        back = len(calls)
        wait_until(lambda: len(calls) >= back + 15, 60, what="calls after the restart")
        stop.set()
        for t in threads:
            t.join(90)
        self.assertFalse(any(t.is_alive() for t in threads), "callers still busy")
        kinds = [k for c in calls for k in c.kinds()]
        print("  [%d calls (%d when the server stopped, %d when it was back, %d fallback answers after); "
              "answers: %d real, %d fallback, %d bad]" % (
                  len(calls), during, back, sum(c.kinds().count("fallback") for c in calls[back:]),
                  kinds.count("real"), kinds.count("fallback"), kinds.count("bad")), flush=True)
        self.assertEqual(kinds.count("bad"), 0, [c.log for c in calls if "bad" in c.kinds()])
        self.assertGreater(kinds.count("fallback"), 0, "no caller met the gap")
        fallbacks = [r for c in calls for _, kind, _, r in c.log if kind == "fallback"]
        for r in fallbacks:
            self.assertIn("Entschuldigung", says(r), r)
        for r in {r.body: r for r in fallbacks}.values():   # each distinct document once
            self.assertFalse(xmllint_schema_errors(r.body), r)
        # The same instances answer normally again.
        self.assertEqual([s.instance(i)[0].poll() for i in range(2)], [None, None])
        self.assertEqual([s.instance(i)[0].pid for i in range(2)], supervisors)
        self.assertEqual([proc_children(p) for p in supervisors], children,
                         "workers or background processes were replaced (crashed?)")
        late = calls[-5:]   # the first turns after the restart may still meet a lost connection
        self.assertTrue(late and all(k == "real" for c in late for k in c.kinds()),
                        [c.log for c in late if "real" not in c.kinds()][:3])
        again = [booking_call(s, SLOTS[-1 - i], "lena koch", "+4915164%06d" % i) for i in range(4)]
        self.assertEqual([booked(c) for c in again], [True] * 4, [c.log[-1] for c in again])
        # Nothing half-written.
        self.assertEqual(s.rows("SELECT id FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM sms_outbox o "
                                "WHERE o.appointment_id = a.id AND o.kind = 'confirmation')"), [])
        self.assertEqual(s.rows("SELECT call_sid FROM lead_call_logs c WHERE c.lead_id IS NULL OR NOT EXISTS "
                                "(SELECT 1 FROM leads l WHERE l.id = c.lead_id)"), [])
        # Messages claimed when the server went away wait for their lease
        # (test_sms_accepted_while_the_server_is_away): not waited for here.
        self.assertSmsOnce(calls + again, wait=False)

    def test_sms_accepted_while_the_server_is_away(self):
        """Twilio accepts an SMS, then the database is gone when the sender
        marks it sent: the sender keeps the message id and writes it once the
        server is back, so the SMS is not sent a second time when its lease
        runs out. (It was, before.)"""
        s = self.stack
        self.expire_leases()
        wait_until(lambda: s.count("sms_outbox", "status IN ('queued', 'sending')") == 0, 30,
                   what="the outbox to drain")
        self.fake.delay_ms = 4000      # Twilio takes its time answering
        try:
            c = booking_call(s, SLOTS[-6], "clara wolf", "+4915165000000")
            self.assertTrue(booked(c), c.log)
            wait_until(lambda: s.count("sms_outbox", "status = 'sending'") == 1, 15,
                       what="the sender to claim the SMS")
            self.pg("pg-stop")
            wait_until(lambda: self.sms_sent_to(c.number), 15, what="Twilio's answer")
            time.sleep(0.5)
            self.pg("pg-start")
        finally:
            self.fake.delay_ms = 0
        time.sleep(2.0)                # the sender meets the server again
        self.expire_leases()           # 120 s later
        time.sleep(3.0)
        self.assertEqual(len(self.sms_sent_to(c.number)), 1, "the SMS was sent twice")


if __name__ == "__main__":
    run_tests()
