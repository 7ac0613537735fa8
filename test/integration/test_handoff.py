"""test_handoff.py: a person when the caller needs one, played through real
nginx and terminfon with `terminfon call` as callers would, with the loopback
fake of Twilio's REST API: transfers answered, busy and unanswered (callback
offered and stored); three callers and one staff line (positions, first come
first served, workers killed and nginx reloaded while they wait, a caller who
hangs up, one who waits too long and is offered a callback, terminfon
restarted between two rounds of the hold loop, a transfer whose end was
lost); callbacks placed only inside opening hours and retried;
recording consent given and refused; an angry caller put through. The wall
clock is fixed with TERMINFON_FAKE_NOW (Tuesday 24 November 2026, 10:00 in
Berlin); the Berlin studio has one staff line."""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fakes"))
from harness import (BERLIN, StackTest, _die_with_parent, new_call_sid, run_tests, shift_text,  # noqa: E402
                     voice_params, wait_until)
from fake_twilio import FakeTwilio  # noqa: E402

NOW = "2026-11-24T09:00:00Z"
BERLIN_STAFF = "+4930901821"
FALLBACK = "+4930555000"
ACCOUNT = "AC" + "0" * 32
WANT_PERSON = "ich möchte bitte mit einem mitarbeiter sprechen"
ANGRY = "das ist eine absolute frechheit ich bin total wütend und verärgert"


def phone_args(stack, turns, frm=None, to=BERLIN, dial=(), talk=0, pause_max=1, give_up=0, call_sid=None,
               outbound=None, not_answered=None):
    args = ["call", "--url", stack.base(), "--quiet", "--to", to, "--pause-max", str(pause_max)]
    if frm:
        args += ["--from", frm]
    for d in dial:
        args += ["--dial-status", d]
    if talk:
        args += ["--talk", str(talk)]
    if give_up:
        args += ["--give-up", str(give_up)]
    if call_sid:
        args += ["--call-sid", call_sid]
    if outbound:
        args += ["--outbound", outbound]
    if not_answered:
        args += ["--not-answered", not_answered]
    for t in turns:
        args += ["--digits", t[1:]] if t.startswith("#") else ["--say", t]
    return args


def parse(out):
    lines = [ln[5:] for ln in out.splitlines() if ln.startswith("Bot: ")]
    dials = [ln for ln in out.splitlines() if ln.startswith("[Verbinde mit")]
    return lines, dials


def phone(stack, *turns, **kw):
    """Plays one call to its end; returns (bot lines, dials, whole output)."""
    p = stack.cli(*phone_args(stack, turns, **kw), timeout=180)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    return parse(out) + (out,)


def start_phone(stack, *turns, **kw):
    """Starts a call in the background (from this thread: the child dies with us)."""
    return subprocess.Popen([stack.bin] + phone_args(stack, turns, **kw), cwd=stack.tmp, env=stack.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_die_with_parent)


def finish(p, timeout=120):
    out, err = p.communicate(timeout=timeout)
    out = out.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, err.decode())
    return parse(out) + (out,)


def write_db(stack, sql, args=()):
    stack.write(sql, args)


def handoffs(stack, call_sid):
    return stack.rows("SELECT state, outcome, number, caller_id, coalesce(studio_id, 0), enqueued_at, started_at,"
                      " ended_at FROM handoffs WHERE call_sid = ? ORDER BY id", (call_sid,))


def line_state(stack):
    """(connected, waiting) rows of the Berlin studio."""
    r = stack.rows("SELECT coalesce(sum(CASE WHEN state = 'connected' THEN 1 ELSE 0 END), 0),"
                   " coalesce(sum(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END), 0)"
                   " FROM handoffs WHERE studio_id = 1")
    return r[0]


class Transfers(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "FALLBACK_PHONE_NUMBER": FALLBACK}

    def outcome(self, sid):
        return self.stack.call_log(sid, "outcome")[0]

    def test_dial_twiml(self):
        """The Dial: the studio's transfer number, the Twilio number as caller
        ID, a ring timeout, and dial-status as action."""
        sid = new_call_sid()
        self.stack.post_twilio("/api/v1/twilio/voice/webhook", voice_params(sid, from_="+4915100000100"))
        r = self.stack.post_twilio("/api/v1/twilio/voice/gather", voice_params(
            sid, from_="+4915100000100", status="in-progress", SpeechResult=WANT_PERSON, Confidence="0.9"))
        root = self.assertValidTwiml(r)
        dial = root.find("Dial")
        self.assertIsNotNone(dial, r.text)
        self.assertEqual(dial.find("Number").text, BERLIN_STAFF)
        self.assertEqual(dial.get("callerId"), BERLIN)
        self.assertEqual(dial.get("timeout"), "25")
        self.assertEqual(dial.get("action"), "/api/v1/twilio/voice/dial-status")
        self.assertEqual(handoffs(self.stack, sid)[0][:2], ("connected", None))
        r = self.stack.post_twilio("/api/v1/twilio/voice/dial-status", voice_params(
            sid, from_="+4915100000100", status="in-progress", DialCallStatus="completed", DialCallDuration="30"))
        root = self.assertValidTwiml(r)
        self.assertIsNotNone(root.find("Hangup"))
        self.assertEqual(handoffs(self.stack, sid)[0][:2], ("ended", "completed"))
        self.assertEqual(self.outcome(sid), "transferred")

    def test_transfer_answered(self):
        sid = new_call_sid()
        bot, dials, _ = phone(self.stack, WANT_PERSON, frm="+4915100000101", call_sid=sid, dial=["completed"])
        self.assertIn("verbinde", bot[1])
        self.assertEqual(dials, ["[Verbinde mit %s]" % BERLIN_STAFF])
        self.assertIn("Auf Wiederhören", bot[2])
        self.assertEqual(self.outcome(sid), "transferred")
        self.assertEqual(handoffs(self.stack, sid)[0][:4], ("ended", "completed", BERLIN_STAFF, BERLIN))
        self.assertEqual(line_state(self.stack), (0, 0))

    def test_transfer_busy_callback_by_speech(self):
        sid = new_call_sid()
        bot, dials, _ = phone(self.stack, WANT_PERSON, "ja bitte", frm="+4915100000102", call_sid=sid,
                              dial=["busy"])
        self.assertEqual(len(dials), 1)
        self.assertIn("niemand erreichbar", bot[2])
        self.assertIn("zurückrufen", bot[2])
        self.assertIn("rufen Sie", bot[3])
        rows = self.stack.rows("SELECT reason, status FROM callback_requests WHERE call_sid = ?", (sid,))
        self.assertEqual(rows, [("transfer_failed", "pending")])
        self.assertEqual(self.outcome(sid), "callback")
        self.assertEqual(handoffs(self.stack, sid)[0][:2], ("ended", "busy"))

    def test_transfer_unanswered_callback_by_key(self):
        sid = new_call_sid()
        bot, dials, _ = phone(self.stack, WANT_PERSON, "#1", frm="+4915100000103", call_sid=sid,
                              dial=["no-answer"])
        self.assertIn("drücken Sie die 1", bot[2])
        rows = self.stack.rows("SELECT reason FROM callback_requests WHERE call_sid = ?", (sid,))
        self.assertEqual(rows, [("transfer_failed",)])
        self.assertEqual(self.outcome(sid), "callback")
        self.assertEqual(handoffs(self.stack, sid)[0][1], "no-answer")

    def test_transfer_failed_callback_declined(self):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, WANT_PERSON, "nein danke", frm="+4915100000104", call_sid=sid,
                          dial=["failed"])
        self.assertIn("jederzeit wieder anrufen", bot[3])
        self.assertEqual(self.stack.count("callback_requests", "call_sid = ?", (sid,)), 0)
        self.assertEqual(self.outcome(sid), "transfer_failed")

    def test_withheld_number_gets_no_callback_offer(self):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, WANT_PERSON, frm="anonymous", call_sid=sid, dial=["busy"])
        self.assertIn("später noch einmal", bot[2])
        self.assertEqual(self.outcome(sid), "transfer_failed")


class ClosedStudio(StackTest):
    # Sunday 29 November 2026, 13:00 in Berlin: both studios are closed.
    stack_env = {"TERMINFON_FAKE_NOW": "2026-11-29T12:00:00Z", "FALLBACK_PHONE_NUMBER": FALLBACK}

    def test_closed_studio_goes_to_the_fallback_number(self):
        sid = new_call_sid()
        _, dials, _ = phone(self.stack, WANT_PERSON, frm="+4915100000110", call_sid=sid)
        self.assertEqual(dials, ["[Verbinde mit %s]" % FALLBACK])
        # A number no studio owns is not counted against anyone's lines.
        self.assertEqual(handoffs(self.stack, sid)[0][:5], ("ended", "completed", FALLBACK, BERLIN, 0))


class WaitingLine(StackTest):
    workers = 3
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "FALLBACK_PHONE_NUMBER": FALLBACK}

    def tearDown(self):
        write_db(self.stack, "UPDATE studios SET max_wait_seconds = 180, staff_lines = 1 WHERE id = 1")
        wait_until(lambda: line_state(self.stack) == (0, 0), 30, what="a free line after the test")

    def hold_line(self, frm, talk):
        """A caller who is put through and talks for `talk` seconds."""
        sid = new_call_sid()
        p = start_phone(self.stack, WANT_PERSON, frm=frm, call_sid=sid, talk=talk)
        wait_until(lambda: line_state(self.stack)[0] == 1, 30, what="the first caller on the line")
        return p, sid

    def test_three_callers_one_line(self):
        a, sid_a = self.hold_line("+4915100000201", talk=5)
        sid_b, sid_c = new_call_sid(), new_call_sid()
        b = start_phone(self.stack, WANT_PERSON, frm="+4915100000202", call_sid=sid_b, talk=3)
        wait_until(lambda: line_state(self.stack) == (1, 1), 30, what="the second caller waiting")
        c = start_phone(self.stack, WANT_PERSON, frm="+4915100000203", call_sid=sid_c, talk=1)
        wait_until(lambda: line_state(self.stack) == (1, 2), 30, what="the third caller waiting")
        # Workers die and nginx reloads while they wait: nothing of the line
        # lives in a worker, so the next round of each hold loop goes on.
        workers = self.stack.worker_pids()
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        self.stack.nginx.send_signal(signal.SIGHUP)
        wait_until(lambda: len(set(self.stack.worker_pids()) - set(workers)) >= 3, 30, what="respawned workers")
        bot_a, dials_a, _ = finish(a)
        bot_b, dials_b, out_b = finish(b)
        bot_c, dials_c, out_c = finish(c)
        for d in (dials_a, dials_b, dials_c):
            self.assertEqual(d, ["[Verbinde mit %s]" % BERLIN_STAFF])
        self.assertTrue(any("alle Kolleginnen und Kollegen im Gespräch" in b and "als Nächstes an der Reihe" in b
                            for b in bot_b), out_b)
        self.assertTrue(any("Position 2 der Warteschlange" in b for b in bot_c), out_c)
        self.assertTrue(any("jetzt als Nächstes an der Reihe" in b for b in bot_c), out_c)
        self.assertTrue(any("Vielen Dank fürs Warten" in b for b in bot_c), out_c)
        rows = [handoffs(self.stack, s)[0] for s in (sid_a, sid_b, sid_c)]
        self.assertTrue(all(r[0] == "ended" and r[1] == "completed" for r in rows), rows)
        # First come, first served, and never two on the one line.
        self.assertLessEqual(rows[0][6], rows[1][6])
        self.assertLessEqual(rows[1][6], rows[2][6])
        self.assertLessEqual(rows[0][7], rows[1][6])
        self.assertLessEqual(rows[1][7], rows[2][6])
        for s in (sid_a, sid_b, sid_c):
            self.assertEqual(self.stack.call_log(s, "outcome")[0], "transferred")

    def test_terminfon_restarts_between_two_rounds(self):
        """terminfon stops and starts while one caller talks to a person and
        another waits: neither notices, as long as no request of theirs
        falls into the gap (here the hold loop pauses 6 s)."""
        a, sid_a = self.hold_line("+4915100000261", talk=14)
        sid_b = new_call_sid()
        b = start_phone(self.stack, WANT_PERSON, frm="+4915100000262", call_sid=sid_b, pause_max=6)
        wait_until(lambda: self.stack.rows("SELECT checks FROM handoffs WHERE call_sid = ? AND state = 'waiting'",
                                           (sid_b,)) == [(1,)], 30, interval=0.02, what="a round of the hold loop")
        self.assertEqual(self.stack.stop_terminfon(), 0)
        self.stack.start_terminfon(wait=True)
        _, dials_a, _ = finish(a)
        bot_b, dials_b, out_b = finish(b)
        self.assertEqual(dials_a, ["[Verbinde mit %s]" % BERLIN_STAFF])
        self.assertEqual(dials_b, ["[Verbinde mit %s]" % BERLIN_STAFF], out_b)
        self.assertTrue(any("Vielen Dank fürs Warten" in x for x in bot_b), out_b)
        self.assertEqual(handoffs(self.stack, sid_a)[0][:2], ("ended", "completed"))
        self.assertEqual(handoffs(self.stack, sid_b)[0][:2], ("ended", "completed"))

    def test_waits_too_long_and_takes_a_callback(self):
        write_db(self.stack, "UPDATE studios SET max_wait_seconds = 3 WHERE id = 1")
        a, _ = self.hold_line("+4915100000211", talk=8)
        sid = new_call_sid()
        bot, dials, out = phone(self.stack, WANT_PERSON, "ja gerne", frm="+4915100000212", call_sid=sid)
        finish(a)
        self.assertEqual(dials, [], out)
        self.assertTrue(any("so lange warten" in b and "zurückrufen" in b for b in bot), out)
        self.assertIn("rufen Sie", bot[-1])
        rows = self.stack.rows("SELECT reason, status FROM callback_requests WHERE call_sid = ?", (sid,))
        self.assertEqual(rows, [("queue_timeout", "pending")])
        self.assertEqual(handoffs(self.stack, sid)[0][:2], ("ended", "timeout"))
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "callback")

    def test_caller_who_hangs_up_frees_the_place(self):
        a, _ = self.hold_line("+4915100000221", talk=7)
        sid_e, sid_f = new_call_sid(), new_call_sid()
        e = start_phone(self.stack, WANT_PERSON, frm="+4915100000222", call_sid=sid_e, give_up=2)
        wait_until(lambda: line_state(self.stack) == (1, 1), 30, what="the caller who gives up waiting")
        f = start_phone(self.stack, WANT_PERSON, frm="+4915100000223", call_sid=sid_f)
        _, dials_e, out_e = finish(e)
        self.assertEqual(dials_e, [], out_e)
        self.assertIn("legt auf", out_e)
        # Its final status callback ended its place in the line.
        self.assertEqual(handoffs(self.stack, sid_e)[0][:2], ("ended", "hangup"))
        self.assertEqual(self.stack.call_log(sid_e, "outcome")[0], "queue_abandoned")
        finish(a)
        bot_f, dials_f, out_f = finish(f)
        self.assertTrue(any("Position 2" in b for b in bot_f), out_f)
        self.assertTrue(any("jetzt als Nächstes" in b for b in bot_f), out_f)
        self.assertEqual(dials_f, ["[Verbinde mit %s]" % BERLIN_STAFF])

    def test_lost_end_of_a_transfer_does_not_leak_the_line(self):
        """A transfer whose dial-status and final status never came (nginx was
        down when it ended) holds the line only until the staleness rule."""
        sid = new_call_sid()
        frm = "+4915100000231"
        self.stack.post_twilio("/api/v1/twilio/voice/webhook", voice_params(sid, from_=frm))
        r = self.stack.post_twilio("/api/v1/twilio/voice/gather", voice_params(
            sid, from_=frm, status="in-progress", SpeechResult=WANT_PERSON, Confidence="0.9"))
        self.assertIsNotNone(self.assertTwiml(r).find("Dial"))
        self.assertEqual(line_state(self.stack), (1, 0))
        # Another caller now waits: the line is in use.
        sid2 = new_call_sid()
        self.stack.post_twilio("/api/v1/twilio/voice/webhook", voice_params(sid2, from_="+4915100000232"))
        r = self.stack.post_twilio("/api/v1/twilio/voice/gather", voice_params(
            sid2, from_="+4915100000232", status="in-progress", SpeechResult=WANT_PERSON, Confidence="0.9"))
        root = self.assertValidTwiml(r)
        self.assertIsNone(root.find("Dial"))
        self.assertEqual(root.find("Redirect").text, "/api/v1/twilio/voice/queue-check")
        self.assertIsNotNone(root.find("Pause"))
        # Three hours pass without a word about the first call.
        for hid, started, enqueued in self.stack.rows(
                "SELECT id, started_at, enqueued_at FROM handoffs WHERE call_sid = ?", (sid,)):
            write_db(self.stack, "UPDATE handoffs SET started_at = ?, enqueued_at = ? WHERE id = ?",
                     (shift_text(started, -3 * 3600), shift_text(enqueued, -3 * 3600), hid))
        r = self.stack.post_twilio("/api/v1/twilio/voice/queue-check", voice_params(
            sid2, from_="+4915100000232", status="in-progress"))
        root = self.assertValidTwiml(r)
        self.assertIsNotNone(root.find("Dial"), r.text)
        self.assertEqual(handoffs(self.stack, sid)[0][:2], ("ended", "stale"))
        self.stack.post_twilio("/api/v1/twilio/voice/dial-status", voice_params(
            sid2, from_="+4915100000232", status="in-progress", DialCallStatus="completed"))

    def test_angry_caller_is_put_through_with_empathy(self):
        frm = "+4915100000241"
        sid = new_call_sid()
        bot, dials, out = phone(self.stack, ANGRY, frm=frm, call_sid=sid)
        self.assertIn("tut mir leid", bot[1])
        self.assertEqual(dials, ["[Verbinde mit %s]" % BERLIN_STAFF])
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "transferred")
        lead = self.stack.rows("SELECT l.sentiment FROM leads l JOIN lead_call_logs c ON c.lead_id = l.id"
                               " WHERE c.call_sid = ?", (sid,))[0][0]
        self.assertLess(lead, -0.5)
        # While the line is busy, an angry caller waits like anyone else,
        # after the same empathic sentence.
        a, _ = self.hold_line("+4915100000242", talk=4)
        bot, dials, out = phone(self.stack, ANGRY, frm="+4915100000243")
        finish(a)
        self.assertIn("tut mir leid", bot[1])
        self.assertIn("alle Kolleginnen und Kollegen im Gespräch", bot[2])
        self.assertEqual(dials, ["[Verbinde mit %s]" % BERLIN_STAFF])

    def test_queue_view(self):
        a, sid_a = self.hold_line("+4915100000251", talk=3)
        sid = new_call_sid()
        b = start_phone(self.stack, WANT_PERSON, frm="+4915100000252", call_sid=sid)
        wait_until(lambda: line_state(self.stack) == (1, 1), 30, what="a waiting caller")
        p = self.stack.cli("queue", check=True)
        out = p.stdout.decode()
        self.assertIn("berlin-mitte: 1 of 1 staff line(s) in use, 1 waiting", out)
        self.assertIn(sid_a, out)
        self.assertIn(sid, out)
        finish(a)
        finish(b)


class _WithFakeTwilio(StackTest):
    """A stack whose REST calls go to the loopback fake of Twilio."""

    extra_env = {}

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeTwilio(ACCOUNT, "placeholder")
        port = cls.fake.start()
        cls.stack_env = dict(cls.extra_env, TERMINFON_FAKE_NOW=NOW, FALLBACK_PHONE_NUMBER=FALLBACK,
                             TWILIO_API_BASE_URL="http://127.0.0.1:%d" % port)
        try:
            super().setUpClass()
        except BaseException:
            cls.fake.stop()
            raise
        cls.fake.auth_token = cls.stack.auth_token

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.fake.stop()

    def setUp(self):
        # Each test looks at its own requests: older ones are called off.
        write_db(self.stack, "UPDATE callback_requests SET status = 'cancelled'"
                 " WHERE status IN ('pending', 'calling')")

    def fake_requests(self, path_end, method="POST"):
        return [r for r in self.fake.requests() if r["path"].endswith(path_end) and r["method"] == method]

    def calls_placed(self):
        return self.fake_requests("/Calls.json")

    def run_callbacks(self, now):
        p = self.stack.cli("callbacks", env={"BASE_URL": self.stack.base(), "TERMINFON_FAKE_NOW": now})
        out = p.stdout.decode() + p.stderr.decode()
        self.assertEqual(p.returncode, 0, out)
        return out


class Callbacks(_WithFakeTwilio):
    extra_env = {"TERMINFON_CALLBACK_ATTEMPTS": "3", "TERMINFON_CALLBACK_RETRY_MINUTES": "30"}

    def request(self, frm):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, "#1", frm=frm, call_sid=sid)
        self.assertIn("zurück", bot[1])
        return self.stack.rows("SELECT id FROM callback_requests WHERE call_sid = ?", (sid,))[0][0]

    def row(self, cb):
        return self.stack.rows("SELECT status, attempts, last_result, next_attempt_at, last_call_sid"
                               " FROM callback_requests WHERE id = ?", (cb,))[0]

    def test_needs_base_url(self):
        p = self.stack.cli("callbacks")
        self.assertEqual(p.returncode, 1)
        self.assertIn("BASE_URL", p.stderr.decode())
        self.assertEqual(self.calls_placed(), [])

    def test_placed_only_in_opening_hours_retried_and_answered(self):
        frm = "+4915100000301"
        cb = self.request(frm)
        # Tuesday 22:00 in Berlin: closed. Nothing is placed; the request
        # waits for Wednesday 9:00 (08:00 UTC).
        out = self.run_callbacks("2026-11-24T21:00:00Z")
        self.assertIn("0 placed, 1 waiting for opening hours, 0 to retry, 0 given up", out)
        self.assertEqual(self.calls_placed(), [])
        self.assertEqual(self.row(cb)[:4], ("pending", 0, "closed", "2026-11-25 08:00:00"))
        self.run_callbacks("2026-11-25T07:30:00Z")
        self.assertEqual(self.calls_placed(), [])
        # Open: the call goes out.
        out = self.run_callbacks("2026-11-25T08:01:00Z")
        self.assertIn("1 placed", out)
        placed = self.calls_placed()
        self.assertEqual(len(placed), 1)
        form = placed[0]["form"]
        self.assertTrue(placed[0]["auth_ok"])
        self.assertEqual(form["To"], frm)
        self.assertEqual(form["From"], BERLIN)
        self.assertEqual(form["Url"], "%s/api/v1/twilio/voice/webhook?callback=%d" % (self.stack.base(), cb))
        self.assertEqual(form["StatusCallback"], self.stack.base() + "/api/v1/twilio/status/callback")
        self.assertNotIn("Record", form)                     # recording is off
        status, attempts, result, next_at, call1 = self.row(cb)
        self.assertEqual((status, attempts, result), ("calling", 1, "placed"))
        self.assertEqual(next_at, "2026-11-25 08:31:00")
        # Nobody answers: Twilio reports no-answer.
        phone(self.stack, outbound=form["Url"], to=frm, call_sid=call1, not_answered="no-answer")
        self.assertEqual(self.row(cb)[:3], ("pending", 1, "no-answer"))
        # Not before the retry interval.
        self.run_callbacks("2026-11-25T08:10:00Z")
        self.assertEqual(len(self.calls_placed()), 1)
        self.run_callbacks("2026-11-25T08:32:00Z")
        placed = self.calls_placed()
        self.assertEqual(len(placed), 2)
        status, attempts, _, _, call2 = self.row(cb)
        self.assertEqual((status, attempts), ("calling", 2))
        self.assertNotEqual(call1, call2)
        # Answered: greeted as the callback, then the normal conversation.
        bot, _, out = phone(self.stack, "wie sind ihre öffnungszeiten", "nein danke", outbound=placed[1]["form"]["Url"],
                            to=frm, call_sid=call2)
        self.assertIn("Sie hatten um einen Rückruf gebeten", bot[0])
        self.assertIn("Montag bis Freitag", bot[1])
        self.assertIn("Auf Wiederhören", bot[2])
        self.assertEqual(self.row(cb)[:3], ("done", 2, "answered"))
        log = self.stack.rows("SELECT direction, lead_id, status FROM lead_call_logs WHERE call_sid = ?", (call2,))[0]
        self.assertEqual(log[0], "outbound-api")
        lead = self.stack.rows("SELECT lead_id FROM callback_requests WHERE id = ?", (cb,))[0][0]
        self.assertEqual(log[1], lead)
        self.assertEqual(log[2], "completed")
        # Done: never placed again.
        self.run_callbacks("2026-11-25T12:00:00Z")
        self.assertEqual(len(self.calls_placed()), 2)

    def test_unanswered_callbacks_are_given_up(self):
        frm = "+4915100000302"
        cb = self.request(frm)
        hour = 9
        for attempt, status in enumerate(("busy", "no-answer", "busy"), 1):
            before = len(self.calls_placed())
            self.run_callbacks("2026-11-26T%02d:00:00Z" % hour)
            placed = [r for r in self.calls_placed()[before:] if r["form"]["To"] == frm]
            self.assertEqual(len(placed), 1, attempt)
            call = self.row(cb)[4]
            phone(self.stack, outbound=placed[0]["form"]["Url"], to=frm, call_sid=call, not_answered=status)
            hour += 1
        self.assertEqual(self.row(cb)[:3], ("failed", 3, "busy"))
        before = len(self.calls_placed())
        self.run_callbacks("2026-11-26T15:00:00Z")
        self.assertEqual(len(self.calls_placed()), before)

    def test_list(self):
        cb = self.request("+4915100000303")
        p = self.stack.cli("callbacks", "--list", check=True)
        out = p.stdout.decode()
        line = [ln for ln in out.splitlines() if ln.split() and ln.split()[0] == str(cb)]
        self.assertEqual(len(line), 1, out)
        self.assertIn("pending", line[0])
        self.assertIn("dtmf", line[0])
        self.assertIn("berlin-mitte", line[0])
        self.assertIn("+49151******03", line[0])


class Recording(_WithFakeTwilio):
    extra_env = {"TERMINFON_RECORD_CALLS": "true"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Twilio needs absolute URLs for the recording callback: BASE_URL is
        # the address nginx got once it started.
        cls.stack.stop_terminfon()
        cls.stack.env["BASE_URL"] = cls.stack.base()
        cls.stack.start_terminfon(wait=True)

    def recording_starts(self, sid):
        return self.fake_requests("/Calls/%s/Recordings.json" % sid)

    def consent(self, sid):
        return self.stack.call_log(sid, "recording_consent")[0]

    def test_consent_given(self):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, "wie sind ihre öffnungszeiten", "nein danke", frm="+4915100000401", call_sid=sid)
        self.assertIn("wird dieses Gespräch aufgezeichnet", bot[0])
        self.assertIn("drücken Sie die 2", bot[0])
        self.assertIn("Montag bis Freitag", bot[1])
        self.assertEqual(self.consent(sid), "given")
        # The background process asks Twilio to record the call.
        wait_until(lambda: self.recording_starts(sid), 20, what="the recording start at Twilio")
        req = self.recording_starts(sid)
        self.assertEqual(len(req), 1)
        self.assertEqual(req[0]["form"]["RecordingStatusCallback"],
                         self.stack.base() + "/api/v1/twilio/recording/callback")
        wait_until(lambda: self.stack.count("recordings", "call_sid = ?", (sid,)), 20, what="the recording row")
        rec_sid = self.stack.rows("SELECT recording_sid FROM recordings WHERE call_sid = ?", (sid,))[0][0]
        # Twilio's recording callback stores it against the call.
        url = "https://api.twilio.com/2010-04-01/Accounts/%s/Recordings/%s" % (ACCOUNT, rec_sid)
        r = self.stack.post_twilio("/api/v1/twilio/recording/callback", {
            "AccountSid": ACCOUNT, "CallSid": sid, "RecordingSid": rec_sid, "RecordingUrl": url,
            "RecordingStatus": "completed", "RecordingDuration": "42", "RecordingChannels": "1",
            "RecordingSource": "StartCallRecordingAPI", "RecordingStartTime": "Tue, 24 Nov 2026 09:00:05 +0000"})
        self.assertEqual(r.status, 200)
        self.assertEqual(self.stack.rows("SELECT status, url, duration FROM recordings WHERE call_sid = ?", (sid,)),
                         [("completed", url, 42)])
        out = self.stack.cli("recordings", check=True).stdout.decode()
        self.assertTrue(any(sid in ln and "completed" in ln and "42" in ln for ln in out.splitlines()), out)

    def check_refused(self, sid, bot):
        self.assertIn("nicht aufgezeichnet", bot[1])
        self.assertEqual(self.consent(sid), "refused")
        self.assertEqual(self.stack.rows("SELECT status, recording_sid FROM recordings WHERE call_sid = ?", (sid,)),
                         [("refused", None)])
        time.sleep(2.5)   # more than two rounds of the background process
        self.assertEqual(self.recording_starts(sid), [])
        self.assertEqual(self.stack.count("recording_starts", "call_sid = ?", (sid,)), 0)

    def test_refused_by_voice(self):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, "nein", "ich möchte einen termin morgen um 15 uhr", frm="+4915100000402",
                          call_sid=sid)
        self.check_refused(sid, bot)
        self.assertIn("Nachnamen", bot[2])   # and the conversation goes on
        out = self.stack.cli("recordings", check=True).stdout.decode()
        self.assertTrue(any(sid in ln and "refused" in ln for ln in out.splitlines()), out)

    def test_refused_by_key(self):
        sid = new_call_sid()
        bot, _, _ = phone(self.stack, "#2", "tschüss", frm="+4915100000403", call_sid=sid)
        self.check_refused(sid, bot)

    def test_callback_recorded_after_consent_and_refused_there(self):
        frm = "+4915100000404"
        sid = new_call_sid()
        phone(self.stack, "ich hätte gern einen rückruf", frm=frm, call_sid=sid)
        self.assertEqual(self.consent(sid), "given")
        cb = self.stack.rows("SELECT id FROM callback_requests WHERE call_sid = ?", (sid,))[0][0]
        self.run_callbacks("2026-11-24T09:30:00Z")
        placed = [r for r in self.calls_placed() if r["form"]["To"] == frm]
        self.assertEqual(len(placed), 1)
        form = placed[0]["form"]
        self.assertEqual(form["Record"], "true")
        self.assertEqual(form["RecordingStatusCallback"], self.stack.base() + "/api/v1/twilio/recording/callback")
        call = self.stack.rows("SELECT last_call_sid FROM callback_requests WHERE id = ?", (cb,))[0][0]
        bot, _, _ = phone(self.stack, "nein", "tschüss", outbound=form["Url"], to=frm, call_sid=call)
        self.assertIn("Sie hatten um einen Rückruf gebeten", bot[0])
        self.assertIn("Wie bei Ihrem letzten Anruf", bot[0])
        self.assertIn("nicht aufgezeichnet", bot[1])
        self.assertEqual(self.consent(call), "refused")
        # The recording Twilio made from the start is deleted once it is reported.
        rec_sid = "RE" + "1" * 32
        self.stack.post_twilio("/api/v1/twilio/recording/callback", {
            "AccountSid": ACCOUNT, "CallSid": call, "RecordingSid": rec_sid, "RecordingUrl": "https://x/" + rec_sid,
            "RecordingStatus": "completed", "RecordingDuration": "12", "RecordingSource": "OutboundAPI"})
        rows = self.stack.rows("SELECT delete_requested_at IS NOT NULL FROM recordings WHERE recording_sid = ?",
                               (rec_sid,))
        self.assertEqual(rows, [(1,)])
        # ... by the background process, at Twilio.
        wait_until(lambda: self.fake_requests("/Recordings/%s.json" % rec_sid, "DELETE"), 20,
                   what="the deletion at Twilio")
        self.assertEqual(self.recording_starts(call), [])


if __name__ == "__main__":
    run_tests()
