"""test_drills.py: fault drills against real nginx and `terminfon serve`.

- workers SIGKILLed again and again during a stream of bookings: every
  booking a caller heard confirmed is in the database, none is there twice;
- the database write-locked by another process for a few seconds: callers
  still get valid TwiML inside Twilio's 15 s, nothing answered is lost, and
  past the busy timeout the fallback comes in time and leaves no half rows;
- the disk full for the database (SQLite's page limit, TERMINFON_DB_MAX_PAGES):
  fallback TwiML, no corruption, and calls are stored again once space returns;
- nginx reload and terminfon's rolling restart under load: no failed request;
- a flood past limit_req from one address is refused without starving a
  caller from another;
- duplicate and out-of-order Twilio deliveries of every route: no second lead,
  booking, SMS, call log, recording or callback request, no status backwards.

Each drill leaves the stack running and consistent for the next one. The only
time limit asserted is Twilio's 15 s per webhook; speed is scripts/bench's job.
"""

import http.client
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fakes"))
import harness  # noqa: E402
from fake_twilio import FakeTwilio  # noqa: E402
from harness import (BERLIN, Response, Stack, StackTest, new_call_sid, pid_alive,  # noqa: E402
                     proc_children, run_tests, voice_params, wait_until)

VOICE = "/api/v1/twilio/voice/webhook"
GATHER = "/api/v1/twilio/voice/gather"
STATUS = "/api/v1/twilio/status/callback"
RECORDING = "/api/v1/twilio/recording/callback"
SMS_STATUS = "/api/v1/twilio/sms/status"
DIAL_STATUS = "/api/v1/twilio/voice/dial-status"

TWILIO_LIMIT = 15.0           # seconds Twilio waits for a webhook's answer
NOW = "2026-11-24T09:00:00Z"  # Tuesday, 10:00 in Berlin

# Free one-hour slots of the Berlin studio (Mon-Fri 9-13, 14-20) in December
# 2026, one per booking, so that no two drill bookings compete for a slot.
MONTH = "dezember"
SLOTS = [(day, hour) for day in (1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 28, 29, 30)
         for hour in (9, 10, 11, 12, 14, 15, 16, 17, 18, 19)]
NAMES = ("anna schmidt", "max müller", "lena koch", "paul weber", "marie wagner", "jonas becker",
         "sophie schulz", "lukas richter", "clara wolf", "felix neumann")


def says(r):
    """The text of every <Say> of a TwiML answer, joined."""
    try:
        root = ET.fromstring(r.body)
    except ET.ParseError:
        return ""
    return " ".join((e.text or "") for e in root.iter("Say"))


def kind_of(stack, r):
    """'real' (terminfon's TwiML), 'fallback' (nginx's or terminfon's fallback
    document), 'limited' (429) or 'bad' (anything else)."""
    if r is None:
        return "bad"
    if r.status == 429:
        return "limited"
    if r.status != 200 or not r.content_type.startswith("text/xml"):
        return "bad"
    try:
        root = ET.fromstring(r.body)
    except ET.ParseError:
        return "bad"
    if root.tag != "Response":
        return "bad"
    if r.body == stack.fallback or (root.find("Gather") is None and "nicht erreichbar" in says(r)):
        return "fallback"
    return "real"


class Caller:
    """One caller's requests as Twilio sends them, each timed."""

    def __init__(self, stack, number, to=BERLIN, source=None):
        self.stack = stack
        self.number = number
        self.to = to
        self.source = source          # client address, for the flood drill
        self.sid = new_call_sid()
        self.log = []                 # (path, kind, seconds, response)

    def post(self, path, **extra):
        params = voice_params(self.sid, from_=self.number, to=self.to,
                              status="ringing" if path == VOICE else "in-progress", **extra)
        t0 = time.monotonic()
        try:
            if self.source:
                r = post_from(self.stack, self.source, path, params)
            else:
                r = self.stack.post_twilio(path, params)
        except OSError:
            r = None
        dt = time.monotonic() - t0
        self.log.append((path, kind_of(self.stack, r), dt, r))
        return r

    def say(self, text):
        return self.post(GATHER, SpeechResult=text, Confidence="0.91")

    def kinds(self):
        return [k for _, k, _, _ in self.log]

    def slowest(self):
        return max((dt for _, _, dt, _ in self.log), default=0.0)


def post_from(stack, source, path, params):
    """A signed Twilio POST from another loopback address (source)."""
    body = urllib.parse.urlencode(params)
    conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=30, source_address=(source, 0))
    try:
        conn.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": stack.sign(path, params), "User-Agent": "TwilioProxy/1.1"})
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def booking_call(stack, slot, name, number, source=None):
    """A whole booking: the voice webhook, then the wish with day and time,
    the name, and "ja"; like Twilio, it ends at the first answer that is not
    terminfon's own. Returns the Caller; booked() says whether the caller
    heard the booking confirmed."""
    c = Caller(stack, number, source=source)
    day, hour = slot
    steps = (lambda: c.post(VOICE),
             lambda: c.say("ich möchte einen termin am %d. %s um %d uhr" % (day, MONTH, hour)),
             lambda: c.say(name),
             lambda: c.say("ja"))
    for step in steps:
        step()
        if c.log[-1][1] != "real":
            break
    return c


def socket_fds(pid):
    n = 0
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith("socket:"):
                    n += 1
            except OSError:
                pass
    except OSError:
        return 0
    return n


def busy_worker(pids, timeout):
    """A worker holding a FastCGI connection besides its listening socket,
    i.e. inside a request, seen within timeout seconds; None if none was."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in pids:
            if socket_fds(p) >= 2:
                return p
    return None


def booked(c):
    last = c.log[-1]
    return last[1] == "real" and "gebucht" in says(last[3])


class Stream:
    """Booking calls (or plain voice webhooks) from `threads` threads until
    `total` calls are done."""

    def __init__(self, stack, total, threads=4, bookings=True, slots=None, numbers=None):
        self.stack = stack
        self.total = total
        self.bookings = bookings
        self.slots = list(slots or [])
        self.numbers = numbers
        self.lock = threading.Lock()
        self.next = 0
        self.calls = []
        # Each thread's callers come from an address of their own, as Twilio's
        # requests come from a pool: nginx's per-address limit paces each.
        self.sources = ["127.0.1.%d" % (i + 1) for i in range(threads)]
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def done(self):
        with self.lock:
            return len(self.calls)

    def join(self, timeout):
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if any(t.is_alive() for t in self.threads):
            raise AssertionError("callers still busy after %ss" % timeout)

    def _run(self):
        while True:
            with self.lock:
                i = self.next
                if i >= self.total:
                    return
                self.next += 1
            number = self.numbers(i) if self.numbers else "+49151%08d" % random.randrange(10 ** 8)
            source = self.sources[i % len(self.sources)]
            if self.bookings:
                c = booking_call(self.stack, self.slots[i], NAMES[i % len(NAMES)], number, source)
            else:
                c = Caller(self.stack, number, source=source)
                c.post(VOICE)
                c.say("wie sind ihre öffnungszeiten")
            with self.lock:
                self.calls.append(c)

    def count(self, kind):
        return sum(c.kinds().count(kind) for c in self.calls)

    def summary(self):
        return "%d calls, %d requests: %d real, %d fallback, %d limited, %d bad; slowest %.2fs" % (
            len(self.calls), sum(len(c.log) for c in self.calls), self.count("real"),
            self.count("fallback"), self.count("limited"), self.count("bad"),
            max((c.slowest() for c in self.calls), default=0.0))


class Drills(StackTest):
    """One stack (with a fake of Twilio's REST API, so that SMS get their
    MessageSid) for all drills, run in order; each leaves it consistent."""

    workers = 2
    slot_index = 0

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeTwilio()
        cls.fake.start()
        cls.stack = Stack(workers=cls.workers, name=cls.__name__,
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

    # ---- helpers

    def take_slots(self, n):
        i = type(self).slot_index
        type(self).slot_index += n
        self.assertLessEqual(i + n, len(SLOTS), "the drills ran out of slots")
        return SLOTS[i:i + n]

    def report(self, what, stream):
        print("  [%s: %s]" % (what, stream.summary()), flush=True)

    def restart(self, env_changes):
        """Restarts `terminfon serve` with changed environment (None removes)."""
        s = self.stack
        self.assertEqual(s.stop_terminfon(signal.SIGTERM), 0)
        for k, v in env_changes.items():
            if v is None:
                s.env.pop(k, None)
            else:
                s.env[k] = v
        s.start_terminfon(wait=True)
        wait_until(lambda: len(s.worker_pids()) >= self.workers, 10, what="workers")

    def assertConsistent(self):
        """The database is intact and its invariants hold: one call log per
        CallSid, one lead per number hash, no slot over capacity, no call with
        two live bookings, one confirmation SMS per booking."""
        s = self.stack
        if not harness.on_postgres():
            # The file's own checks; a PostgreSQL server enforces its foreign keys itself.
            self.assertEqual(s.rows("PRAGMA integrity_check"), [("ok",)])
            self.assertEqual(s.rows("PRAGMA foreign_key_check"), [])
        self.assertEqual(s.rows("SELECT call_sid FROM lead_call_logs GROUP BY call_sid HAVING count(*) > 1"), [])
        self.assertEqual(s.rows("SELECT phone_hash FROM leads GROUP BY phone_hash HAVING count(*) > 1"), [])
        self.assertEqual(s.rows(
            "SELECT call_sid, count(*) FROM appointments WHERE status = 'booked' AND call_sid IS NOT NULL "
            "GROUP BY call_sid HAVING count(*) > 1"), [])
        self.assertEqual(s.rows(
            "SELECT a.studio_id, a.starts_at, count(*) FROM appointments a JOIN studios st ON st.id = a.studio_id "
            "WHERE a.status = 'booked' GROUP BY a.studio_id, a.starts_at HAVING count(*) > max(st.capacity)"), [])
        self.assertEqual(s.rows(
            "SELECT appointment_id FROM sms_outbox WHERE kind = 'confirmation' "
            "GROUP BY appointment_id HAVING count(*) > 1"), [])

    def assertBookingsKept(self, stream):
        """Every booking a caller heard confirmed is in the database once."""
        s = self.stack
        confirmed = [c for c in stream.calls if booked(c)]
        for c in confirmed:
            n = s.count("appointments", "call_sid = ? AND status = 'booked'", (c.sid,))
            self.assertEqual(n, 1, "call %s heard 'gebucht' but has %d bookings" % (c.sid, n))
            self.assertEqual(s.count("sms_outbox", "kind = 'confirmation' AND appointment_id IN "
                                     "(SELECT id FROM appointments WHERE call_sid = ?)", (c.sid,)), 1)
        return confirmed

    def assertInTime(self, stream):
        slow = [(c.sid, p, dt) for c in stream.calls for p, _, dt, _ in c.log if dt >= TWILIO_LIMIT]
        self.assertEqual(slow, [], "answers later than Twilio's %ss" % TWILIO_LIMIT)

    def ensure_running(self):
        s = self.stack
        if s.serve is None or s.serve.poll() is not None:
            s.start_terminfon(wait=True)
        wait_until(lambda: len(s.worker_pids()) >= self.workers, 10, what="workers")
        s.wait_health()

    # ---- the drills

    def test_1_sigkill_workers_during_bookings(self):
        s = self.stack
        self.ensure_running()
        n = 80
        stream = Stream(s, n, threads=4, slots=self.take_slots(n)).start()
        wait_until(lambda: stream.done() >= 4, 60, what="the first bookings")
        killed = []
        while stream.done() < n - 8 and len(killed) < 8:
            workers = s.worker_pids()
            # Preferably a worker inside a request; else any.
            victim = busy_worker(workers, 1.0) or (random.choice(workers) if workers else None)
            if victim:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
            time.sleep(0.2)
        stream.join(120)
        self.report("%d workers SIGKILLed" % len(killed), stream)
        self.assertGreaterEqual(len(killed), 2, "the stream ended before the kills")
        self.assertEqual(stream.count("bad"), 0, "answers that were not TwiML")
        self.assertInTime(stream)
        confirmed = self.assertBookingsKept(stream)
        # The kills cost at most the call whose request a killed worker had in hand.
        self.assertGreaterEqual(len(confirmed), n - len(killed), stream.summary())
        # Twilio delivers a confirming "ja" again: no second booking or SMS.
        before = (s.count("appointments"), s.count("sms_outbox"))
        for c in confirmed[:10]:
            c.say("ja")
        self.assertEqual((s.count("appointments"), s.count("sms_outbox")), before)
        for v in killed:
            wait_until(lambda: not pid_alive(v), 10, what="killed worker %d reaped" % v)
        self.ensure_running()
        self.assertConsistent()

    def test_2_database_write_locked(self):
        s = self.stack
        self.ensure_running()

        def hold_lock(seconds, started):
            # Every writer waits, readers go on: SQLite's BEGIN IMMEDIATE, or
            # on PostgreSQL an EXCLUSIVE lock on every table.
            if s.db_url:
                con = harness.pg_connect(s.db_url)
                con.autocommit = False
                try:
                    cur = con.cursor()
                    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                    tables = ", ".join('"%s"' % r[0] for r in cur.fetchall())
                    cur.execute("LOCK TABLE %s IN EXCLUSIVE MODE" % tables)
                    started.set()
                    time.sleep(seconds)
                    con.commit()
                finally:
                    con.close()
                return
            con = sqlite3.connect(s.db_path, timeout=30, isolation_level=None)
            try:
                con.execute("BEGIN IMMEDIATE")
                started.set()
                time.sleep(seconds)
                con.execute("COMMIT")
            finally:
                con.close()

        # Shorter than the busy timeout (5 s): every caller waits and is answered.
        started = threading.Event()
        locker = threading.Thread(target=hold_lock, args=(3.0, started))
        locker.start()
        started.wait(10)
        stream = Stream(s, 16, threads=4, slots=self.take_slots(16)).start()
        locker.join(30)
        stream.join(120)
        self.report("write lock for 3 s", stream)
        self.assertEqual(stream.count("bad"), 0)
        self.assertValidTwiml(stream.calls[0].log[0][3])
        self.assertInTime(stream)
        self.assertBookingsKept(stream)
        for c in stream.calls:
            if c.log[0][1] == "real":
                self.assertIsNotNone(s.call_log(c.sid), "answered call %s has no call log" % c.sid)
        self.assertConsistent()

        # Longer than a short busy timeout: the fallback comes in time, and a
        # call that got it left no rows behind (one transaction per webhook).
        self.restart({"TERMINFON_BUSY_TIMEOUT_MS": "1000"})
        try:
            leads_before = s.count("leads")
            started = threading.Event()
            locker = threading.Thread(target=hold_lock, args=(4.0, started))
            locker.start()
            started.wait(10)
            callers = []
            for i in range(6):
                c = Caller(s, "+49152%08d" % random.randrange(10 ** 8))
                c.post(VOICE)
                callers.append(c)
            locker.join(30)
            kinds = [c.log[0][1] for c in callers]
            print("  [write lock for 4 s, busy timeout 1 s: %s]" % kinds, flush=True)
            self.assertNotIn("bad", kinds)
            self.assertIn("fallback", kinds)
            self.assertValidTwiml(callers[kinds.index("fallback")].log[0][3])
            self.assertLess(max(c.slowest() for c in callers), TWILIO_LIMIT)
            for c in callers:
                has_log = s.call_log(c.sid) is not None
                self.assertEqual(has_log, c.log[0][1] == "real", (c.sid, c.log[0][1]))
            self.assertEqual(s.count("leads") - leads_before, kinds.count("real"), "leads without their call")
            # After the lock, the same callers get through.
            for c in callers:
                self.assertEqual(kind_of(s, c.post(VOICE)), "real")
                self.assertIsNotNone(s.call_log(c.sid))
        finally:
            self.restart({"TERMINFON_BUSY_TIMEOUT_MS": None})
        self.assertConsistent()

    @harness.skip_on_postgres("fills the SQLite file to its page limit (TERMINFON_DB_MAX_PAGES)")
    def test_3_disk_full(self):
        s = self.stack
        self.ensure_running()
        con = sqlite3.connect(s.db_path, timeout=30, isolation_level=None)
        try:
            # Filler that can be freed later: "space returns".
            con.execute("CREATE TABLE drill_filler (x BLOB)")
            con.execute("INSERT INTO drill_filler SELECT zeroblob(3000) FROM "
                        "(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300) "
                        "SELECT i FROM c)")
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            free = con.execute("PRAGMA freelist_count").fetchone()[0]
            self.assertLess(free, 20)
        finally:
            con.close()
        self.restart({"TERMINFON_DB_MAX_PAGES": str(pages + 2)})
        try:
            callers = []
            # Fill up: new callers until the workers can no longer write.
            for i in range(400):
                c = Caller(s, "+49153%08d" % i)
                c.post(VOICE)
                callers.append(c)
                if c.log[0][1] == "fallback":
                    break
            kinds = [c.log[0][1] for c in callers]
            print("  [disk full after %d calls stored]" % kinds.count("real"), flush=True)
            self.assertEqual(kinds[-1], "fallback", "the database never filled up")
            self.assertNotIn("bad", kinds)
            # While full: every route still answers valid TwiML in time.
            full = Caller(s, "+4915399999999")
            for r in (full.post(VOICE), full.say("ich hätte gern einen termin"),
                      full.post(STATUS, CallStatus="completed", CallDuration="12", SequenceNumber="3")):
                self.assertIn(kind_of(s, r), ("real", "fallback"), r)
                self.assertValidTwiml(r)
            self.assertLess(full.slowest(), TWILIO_LIMIT)
            self.assertEqual(s.rows("PRAGMA integrity_check"), [("ok",)])
            for c in callers:
                self.assertEqual(s.call_log(c.sid) is not None, c.log[0][1] == "real", c.sid)
            # Space returns: the filler goes, the same workers store calls again.
            con = sqlite3.connect(s.db_path, timeout=30, isolation_level=None)
            try:
                con.execute("DELETE FROM drill_filler")
            finally:
                con.close()
            again = Caller(s, "+4915388888888")
            self.assertEqual(kind_of(s, again.post(VOICE)), "real")
            self.assertIsNotNone(s.call_log(again.sid))
            lost = [c for c in callers if c.log[0][1] == "fallback"]
            for c in lost:      # Twilio's next call of the same callers
                c.sid = new_call_sid()
                self.assertEqual(kind_of(s, c.post(VOICE)), "real")
                self.assertIsNotNone(s.call_log(c.sid))
        finally:
            self.restart({"TERMINFON_DB_MAX_PAGES": None})
            con = sqlite3.connect(s.db_path, timeout=30, isolation_level=None)
            try:
                con.execute("DROP TABLE IF EXISTS drill_filler")
            finally:
                con.close()
        self.assertConsistent()

    def test_4_reload_and_restart_under_load(self):
        s = self.stack
        self.ensure_running()
        old_workers = set(s.worker_pids())
        nginx_kids = set(proc_children(s.nginx.pid))
        stream = Stream(s, 40, threads=4, slots=self.take_slots(40)).start()
        wait_until(lambda: stream.done() >= 2, 60, what="the first calls")
        s.nginx.send_signal(signal.SIGHUP)                  # nginx -s reload
        time.sleep(0.7)
        s.serve.send_signal(signal.SIGHUP)                  # terminfon's rolling restart
        time.sleep(0.7)
        s.nginx.send_signal(signal.SIGHUP)
        time.sleep(0.7)
        s.serve.send_signal(signal.SIGHUP)
        stream.join(120)
        self.report("2 nginx reloads and 2 rolling restarts", stream)
        self.assertEqual(stream.count("bad") + stream.count("fallback") + stream.count("limited"), 0,
                         "failed requests: " + stream.summary())
        self.assertInTime(stream)
        self.assertEqual(len(self.assertBookingsKept(stream)), 40)
        self.assertIsNone(s.nginx.poll(), "nginx exited on reload")
        self.assertIsNone(s.serve.poll(), "terminfon exited on SIGHUP")
        wait_until(lambda: not (old_workers & set(s.worker_pids())), 15, what="all workers replaced")
        wait_until(lambda: not (nginx_kids & set(proc_children(s.nginx.pid))), 15,
                   what="nginx's old worker gone")
        self.ensure_running()
        self.assertConsistent()

    def test_5_flood_past_limit_req(self):
        s = self.stack
        self.ensure_running()
        stop = threading.Event()
        flood = {"n": 0, "limited": 0, "other": 0}
        lock = threading.Lock()

        def flooder():
            while not stop.is_set():
                try:
                    r = s.post_twilio(VOICE, voice_params(), sign="forged")
                    # nginx refuses with the fallback TwiML (200), never a 429 page.
                    k = "limited" if r.status == 200 and r.body == s.fallback else r.status
                except OSError:
                    k = None
                with lock:
                    flood["n"] += 1
                    if k == "limited":
                        flood["limited"] += 1
                    elif k != 403:
                        flood["other"] += 1

        # Past the burst (60) in flight at once: nginx must refuse, not only pace.
        flooders = [threading.Thread(target=flooder, daemon=True) for _ in range(100)]
        for t in flooders:
            t.start()
        try:
            wait_until(lambda: flood["limited"] > 0, 30, what="the flood to be limited")
            # Meanwhile, callers from another address are served.
            callers = []
            for i in range(8):
                c = Caller(s, "+49154%08d" % i, source="127.0.0.2")
                c.post(VOICE)
                c.say("wie sind ihre öffnungszeiten")
                callers.append(c)
        finally:
            stop.set()
            for t in flooders:
                t.join(30)
        print("  [flood: %d requests, %d refused with the fallback; other caller: %s]" % (
            flood["n"], flood["limited"], [k for c in callers for k in c.kinds()]), flush=True)
        self.assertEqual(flood["other"], 0, "flood answers other than 403 and the fallback")
        self.assertGreater(flood["limited"], flood["n"] // 3)
        for c in callers:
            self.assertEqual(c.kinds(), ["real", "real"], c.log)
            self.assertLess(c.slowest(), TWILIO_LIMIT)
            self.assertIsNotNone(s.call_log(c.sid))
        time.sleep(2.5)        # the flooding address's bucket drains for the next drill
        self.assertConsistent()

    def test_6_duplicate_and_out_of_order_deliveries(self):
        s = self.stack
        self.ensure_running()
        slot = self.take_slots(1)[0]

        # Voice webhook twice: one call log, one lead, counted once.
        c = Caller(s, "+4915577777777")
        self.assertEqual([kind_of(s, c.post(VOICE)) for _ in range(2)], ["real", "real"])
        self.assertEqual(s.count("lead_call_logs", "call_sid = ?", (c.sid,)), 1)
        self.assertEqual(s.rows("SELECT count(*), sum(call_count) FROM leads WHERE id = "
                                "(SELECT lead_id FROM lead_call_logs WHERE call_sid = ?)", (c.sid,)), [(1, 1)])

        # A booking whose every turn arrives twice; the "ja" three times.
        c.say("ich möchte einen termin am %d. %s um %d uhr" % (slot[0], MONTH, slot[1]))
        c.say("ich möchte einen termin am %d. %s um %d uhr" % (slot[0], MONTH, slot[1]))
        c.say("max mustermann")
        c.say("max mustermann")
        answers = [c.say("ja") for _ in range(3)]
        self.assertTrue(all(kind_of(s, r) == "real" for r in answers), answers)
        self.assertTrue(any("gebucht" in says(r) for r in answers), [says(r) for r in answers])
        self.assertEqual(s.count("appointments", "call_sid = ?", (c.sid,)), 1)
        appt = s.rows("SELECT id FROM appointments WHERE call_sid = ?", (c.sid,))[0][0]
        self.assertEqual(s.count("sms_outbox", "appointment_id = ?", (appt,)), 1)
        self.assertEqual(s.count("leads", "id = (SELECT lead_id FROM lead_call_logs WHERE call_sid = ?)",
                                 (c.sid,)), 1)

        # SMS status reports: repeated and late ones never move it backwards.
        sid = wait_until(lambda: (s.rows("SELECT message_sid FROM sms_outbox WHERE appointment_id = ? "
                                         "AND message_sid IS NOT NULL", (appt,)) or [[None]])[0][0],
                         30, what="the confirmation SMS sent to the fake Twilio")
        for st in ("sent", "delivered", "delivered", "sent", "queued"):
            r = s.post_twilio(SMS_STATUS, {"AccountSid": "AC" + "0" * 32, "MessageSid": sid, "SmsSid": sid,
                                           "MessageStatus": st, "SmsStatus": st, "To": c.number,
                                           "From": BERLIN, "ApiVersion": "2010-04-01"})
            self.assertEqual(r.status, 200, r)
        self.assertEqual(s.rows("SELECT status FROM sms_outbox WHERE appointment_id = ?", (appt,)),
                         [("delivered",)])
        self.assertEqual(s.count("sms_outbox", "appointment_id = ?", (appt,)), 1)

        # Status callbacks out of order and repeated: completed stays completed.
        for st, seq, extra in (("completed", 4, {"CallDuration": "93", "Duration": "2"}),
                               ("in-progress", 2, {}), ("ringing", 1, {}),
                               ("completed", 4, {"CallDuration": "93", "Duration": "2"})):
            self.assertEqual(kind_of(s, c.post(STATUS, CallStatus=st, SequenceNumber=str(seq), **extra)), "real")
        self.assertEqual(s.call_log(c.sid), ("completed", 93))
        self.assertEqual(s.count("lead_call_logs", "call_sid = ?", (c.sid,)), 1)

        # Recording callbacks repeated, the in-progress one late: one row, completed.
        rec = "RE" + "ab" * 16
        for st in ("completed", "in-progress", "completed"):
            extra = {"RecordingSid": rec, "RecordingStatus": st, "RecordingChannels": "1",
                     "RecordingSource": "RecordVerb",
                     "RecordingUrl": "https://api.twilio.com/2010-04-01/Accounts/AC%s/Recordings/%s" % ("0" * 32, rec)}
            if st == "completed":
                extra["RecordingDuration"] = "42"
            self.assertEqual(kind_of(s, c.post(RECORDING, **extra)), "real")
        self.assertEqual(s.rows("SELECT status, duration FROM recordings WHERE recording_sid = ?", (rec,)),
                         [("completed", 42)])

        # Out of order: a call's status callback and gather before its voice webhook.
        late = Caller(s, "+4915566666666")
        self.assertEqual(kind_of(s, late.post(STATUS, CallStatus="in-progress", SequenceNumber="2")), "real")
        self.assertEqual(kind_of(s, late.say("wie sind ihre öffnungszeiten")), "real")
        self.assertEqual(kind_of(s, late.post(VOICE)), "real")
        self.assertEqual(s.count("lead_call_logs", "call_sid = ?", (late.sid,)), 1)
        self.assertEqual(s.call_log(late.sid, "status")[0], "in-progress")

        # A transfer nobody answered, reported twice: one callback request.
        t = Caller(s, "+4915555555555")
        t.post(VOICE)
        t.say("ich möchte bitte mit einem mitarbeiter sprechen")
        for _ in range(2):
            self.assertEqual(kind_of(s, t.post(DIAL_STATUS, DialCallStatus="no-answer", DialCallDuration="0")),
                             "real")
        # The caller takes the offered callback; the "ja" arrives twice.
        for _ in range(2):
            self.assertEqual(kind_of(s, t.say("ja bitte")), "real")
        self.assertEqual(s.rows("SELECT reason FROM callback_requests WHERE call_sid = ?", (t.sid,)),
                         [("transfer_failed",)])
        self.assertEqual(s.rows("SELECT call_sid FROM callback_requests GROUP BY call_sid, reason "
                                "HAVING count(*) > 1"), [])
        self.assertConsistent()


if __name__ == "__main__":
    run_tests()
