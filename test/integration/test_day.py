"""test_day.py: the studio's day end to end, through real nginx and terminfon.

A few calls are made (two bookings, a callback wish, an information call that
hangs up after the answer), then:
- a caller's SMS answer to the reminder: "nein" cancels the appointment and
  frees its slot (with the cancellation SMS), "Ja!" confirms, anything else
  gets a short German answer with the studio's number; retries act once;
- staff mark callbacks done or not reached and visits attended or no-show
  through the admin API (audited; a stats token may not);
- GET /api/v1/day and /api/v1/trends agree with the database, and a stats
  token sees no names and no numbers;
- the dashboard in headless Chromium (DevTools protocol over a pipe): login
  through the address fragment (the token leaves the URL), the charts, marking
  a callback done and an appointment no-show by keyboard and by click, German
  formats with an English browser; a screenshot of each view is written
  under the test's temporary folder.

Setting up a reminder (reminder_queued_at) and a visit that has begun is done
in SQL: the reminder job only sends a day ahead, and a visit begins hours
after it is booked."""

import base64
import datetime
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BERLIN, StackTest, new_call_sid, run_tests, voice_params  # noqa: E402
from test_dashboard import MONTHS, chromium_bin, mask, play  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")
CALLERS = {
    "nein": "+4915100000201",
    "ja": "+4915100000202",
    "callback": "+4915100000203",
    "info": "+4915100000204",
    "stranger": "+4915100000299",
}
SERVED = ("booked", "rescheduled", "cancelled", "transferred", "callback", "info")


def sms_params(body, from_, to=BERLIN, sid=None):
    """What Twilio posts to a Messaging webhook for an incoming SMS."""
    return {
        "ToCountry": "DE", "ToState": "", "SmsMessageSid": sid or "SM" + os.urandom(16).hex(),
        "NumMedia": "0", "ToCity": "", "FromZip": "", "SmsSid": sid or "SM" + os.urandom(16).hex(),
        "FromState": "", "SmsStatus": "received", "FromCity": "", "Body": body, "FromCountry": "DE",
        "To": to, "MessagingServiceSid": "", "ToZip": "", "NumSegments": "1", "ReferralNumMedia": "0",
        "MessageSid": sid or "SM" + os.urandom(16).hex(), "AccountSid": "AC" + "0" * 32, "From": from_,
        "ApiVersion": "2010-04-01",
    }


class Day(StackTest):
    stack_env = {"FALLBACK_PHONE_NUMBER": "+4930555000"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.stack
        cls.admin = s.cli("token", "--scope", "admin", "--sub", "empfang", check=True).stdout.decode().strip()
        cls.stats_token = s.cli("token", "--scope", "stats", "--sub", "leitung", check=True).stdout.decode().strip()
        days = cls.open_days(2)
        for who, name, day in (("nein", "max müller", days[0]), ("ja", "erika schmidt", days[1])):
            out = play(s, CALLERS[who], "ich hätte gern einen termin", "mein name ist " + name,
                       "am %d. %s um 15 uhr" % (day.day, MONTHS[day.month - 1]), "ja", "nein danke")
            assert "gebucht" in out, out
        play(s, CALLERS["callback"], "bitte rufen sie mich zurück")
        # Asks for the hours, hears them, hangs up: served, not "aufgelegt".
        play(s, CALLERS["info"], "wie sind ihre öffnungszeiten")
        booked = [r[0] for r in s.rows("SELECT id FROM appointments WHERE status = 'booked' ORDER BY id")]
        assert len(booked) == 2, booked
        cls.appointment = {"nein": booked[0], "ja": booked[1]}
        cls.write("UPDATE appointments SET reminder_queued_at = ?", (harness.utc_text(),))

    @classmethod
    def open_days(cls, n):
        """The next n weekdays after today without a closure in Berlin."""
        closed = {r[0] for r in cls.stack.rows(
            "SELECT day FROM closures WHERE region IN ('DE', 'DE-BE') OR studio_id = 1")}
        d, out = datetime.datetime.now(ZONE).date(), []
        while len(out) < n:
            d += datetime.timedelta(days=1)
            if d.weekday() < 5 and d.isoformat() not in closed:
                out.append(d)
        return out

    @classmethod
    def write(cls, sql, args=()):
        return cls.stack.write(sql, args)

    def call(self, method, path, token=None):
        h = {"Authorization": "Bearer " + (token or self.admin)}
        for _ in range(50):
            r = self.stack.request(method, path, headers=h, body="" if method == "POST" else None)
            if r.status != 429:
                return r
            time.sleep(0.2)
        return r

    def sms(self, body, who, sid=None):
        r = self.stack.post_twilio("/api/v1/twilio/sms/incoming", sms_params(body, CALLERS[who], sid=sid))
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.content_type.startswith("text/xml"), r)
        self.assertIn("<Response", r.text)
        m = re.search(r"<Message>(.*?)</Message>", r.text, re.S)
        return m.group(1) if m else None

    # ---- the waiting line

    def test_0_waiting_line(self):
        sid = self.stack.rows("SELECT c.call_sid FROM lead_call_logs c JOIN leads l ON l.id = c.lead_id"
                              " ORDER BY c.id LIMIT 1")[0][0]
        hid = self.write("INSERT INTO handoffs (call_sid, studio_id, number, state, enqueued_at, seen_at)"
                         " VALUES (?, 1, '+4930901829', 'waiting', ?, ?)",
                         # 96 s: the stored time has whole seconds, and so has the
                         # answer; a caller waiting 95 s or more says so either way.
                         (sid, harness.utc_text(-96), harness.utc_text()))
        try:
            d = self.call("GET", "/api/v1/day").json()
            self.assertEqual(len(d["waiting"]), 1, d["waiting"])
            w = d["waiting"][0]
            self.assertEqual(w["studio"], "Abnehmen im Liegen Berlin-Mitte")
            self.assertGreaterEqual(w["waiting_seconds"], 95)
            self.assertLess(w["waiting_seconds"], 95 + 60)
            self.assertEqual(w["caller"], mask(CALLERS["nein"]))
            self.assertIn("Müller", w["name"])
            s = self.call("GET", "/api/v1/day", token=self.stats_token).json()
            self.assertEqual(len(s["waiting"]), 1)
            self.assertNotIn("caller", s["waiting"][0])
            self.assertNotIn("name", s["waiting"][0])
            m = self.call("GET", "/api/v1/day?studio=muenchen-schwabing").json()
            self.assertEqual(m["waiting"], [])
        finally:
            self.write("UPDATE handoffs SET state = 'ended', ended_at = ? WHERE id = ?", (harness.utc_text(), hid))

    # ---- SMS answers to the reminder

    def test_1_sms_nein_cancels_and_frees_the_slot(self):
        ap = self.appointment["nein"]
        starts, studio = self.stack.rows("SELECT starts_at, studio_id FROM appointments WHERE id = ?", (ap,))[0]
        sid = "SM" + "1" * 32
        answer = self.sms("Nein, leider nicht.", "nein", sid=sid)
        # The cancellation SMS (queued with the cancellation) is the answer: one SMS, not two.
        self.assertIsNone(answer)
        self.assertEqual(self.stack.rows("SELECT status FROM appointments WHERE id = ?", (ap,))[0][0], "cancelled")
        self.assertEqual(self.stack.count("sms_outbox", "dedupe_key = ?", ("cancellation:%d" % ap,)), 1)
        self.assertEqual(self.stack.count("appointments", "studio_id = ? AND starts_at = ? AND status = 'booked'",
                                          (studio, starts)), 0)
        self.assertEqual(self.stack.rows("SELECT answer, action FROM sms_inbound WHERE message_sid = ?", (sid,)),
                         [("no", "cancelled")])
        # Twilio retries: nothing more happens.
        self.sms("Nein, leider nicht.", "nein", sid=sid)
        self.assertEqual(self.stack.count("sms_inbound", "message_sid = ?", (sid,)), 1)
        self.assertEqual(self.stack.count("sms_outbox", "dedupe_key = ?", ("cancellation:%d" % ap,)), 1)
        # Another "nein" finds no appointment any more, and says so in German.
        again = self.sms("nee", "nein")
        self.assertIn("keinen anstehenden Termin", again)
        self.assertIn(BERLIN, again)

    def test_2_sms_ja_confirms(self):
        ap = self.appointment["ja"]
        answer = self.sms("Ja!", "ja")
        self.assertIn("ist bestätigt", answer)
        self.assertIn("Abnehmen im Liegen Berlin-Mitte", answer)
        self.assertRegex(answer, r"\d\d\.\d\d\.\d{4}, 15:00 Uhr")
        row = self.stack.rows("SELECT status, confirmed_at IS NOT NULL FROM appointments WHERE id = ?", (ap,))[0]
        self.assertEqual(row, ("booked", 1))

    def test_3_sms_other_and_strangers_get_a_german_answer(self):
        answer = self.sms("Wo kann ich parken?", "ja")
        self.assertIn("nicht verstanden", answer)
        self.assertIn("JA", answer)
        self.assertIn("NEIN", answer)
        self.assertIn(BERLIN, answer)
        answer = self.sms("NEIN", "stranger")
        self.assertIn("keinen anstehenden Termin", answer)
        # The text itself is kept nowhere, and no log line carries it.
        self.assertEqual(self.stack.count("sms_inbound", "action = 'not_understood'"), 1)
        with open(self.stack.log_path, "rb") as f:
            log = f.read().decode("utf-8", "replace")
        self.assertNotIn("parken", log)
        self.assertNotIn(CALLERS["ja"], log)

    def test_4_sms_must_be_signed(self):
        r = self.stack.post_twilio("/api/v1/twilio/sms/incoming", sms_params("nein", CALLERS["ja"]), sign="forged")
        self.assertEqual(r.status, 403)
        self.assertEqual(self.stack.rows("SELECT status FROM appointments WHERE id = ?",
                                         (self.appointment["ja"],))[0][0], "booked")

    # ---- staff marks

    def past_visit(self, who, hours_ago=2, status="booked"):
        lead = self.stack.rows("SELECT lead_id FROM appointments WHERE id = ?", (self.appointment[who],))[0][0]
        return self.write(
            "INSERT INTO appointments (lead_id, studio_id, starts_at, ends_at, status, source)"
            " VALUES (?, 1, ?, ?, ?, 'phone')",
            (lead, harness.utc_text(-hours_ago * 3600), harness.utc_text(-(hours_ago - 1) * 3600), status))

    def test_5_marking_visits(self):
        ap = self.past_visit("ja")
        r = self.call("POST", "/api/v1/appointments/%d/no-show" % ap, token=self.stats_token)
        self.assertEqual(r.status, 403)
        r = self.call("POST", "/api/v1/appointments/%d/attended" % ap)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["status"], "completed")
        self.assertEqual(self.stack.rows("SELECT status, attendance_marked_by FROM appointments WHERE id = ?",
                                         (ap,))[0], ("completed", "empfang"))
        self.assertEqual(self.stack.count("audit_log", "action = 'appointment.attended' AND target = ?",
                                          ("appointment:%d" % ap,)), 1)
        # A future appointment cannot be marked; an unknown one is 404.
        r = self.call("POST", "/api/v1/appointments/%d/no-show" % self.appointment["ja"])
        self.assertEqual(r.status, 409, r)
        self.assertEqual(self.call("POST", "/api/v1/appointments/999999/no-show").status, 404)
        self.assertEqual(self.call("GET", "/api/v1/appointments/%d/no-show" % ap).status, 405)

    def test_6_two_no_shows_flag_the_lead(self):
        for h in (30, 60):
            self.past_visit("ja", hours_ago=h, status="no_show")
        d = self.call("GET", "/api/v1/day").json()
        self.assertGreaterEqual(d["flagged_leads"]["count"], 1)
        names = [x["name"] for x in d["flagged_leads"]["items"]]
        self.assertTrue(any(n and "Schmidt" in n for n in names), names)
        self.assertIn(mask(CALLERS["ja"]), [x["caller"] for x in d["flagged_leads"]["items"]])
        s = self.call("GET", "/api/v1/day", token=self.stats_token).json()
        self.assertEqual(s["flagged_leads"]["count"], d["flagged_leads"]["count"])
        self.assertNotIn("items", s["flagged_leads"])

    def test_7_callbacks(self):
        d = self.call("GET", "/api/v1/day").json()
        open_ = [c for c in d["callbacks"]]
        self.assertEqual(len(open_), self.stack.count("callback_requests", "status IN ('pending', 'calling', 'failed')"))
        self.assertGreaterEqual(len(open_), 1)
        cb = open_[0]
        self.assertEqual(cb["caller"], mask(CALLERS["callback"]))
        self.assertEqual(self.call("POST", "/api/v1/callbacks/%d/done" % cb["id"], token=self.stats_token).status, 403)
        r = self.call("POST", "/api/v1/callbacks/%d/unreachable" % cb["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.stack.rows("SELECT status, handled_by FROM callback_requests WHERE id = ?",
                                         (cb["id"],))[0], ("unreachable", "empfang"))
        self.assertEqual(self.call("POST", "/api/v1/callbacks/%d/done" % cb["id"]).status, 409)
        self.assertEqual(self.stack.count("audit_log", "action = 'callback.unreachable'"), 1)
        self.assertNotIn(cb["id"], [c["id"] for c in self.call("GET", "/api/v1/day").json()["callbacks"]])

    # ---- figures against the database

    def test_8_trends_agree_with_the_database(self):
        # Not marked a day after it began: unknown, never attended.
        self.past_visit("ja", hours_ago=30)
        t = self.call("GET", "/api/v1/trends?days=30").json()
        self.assertEqual(len(t["dates"]), 30)
        self.assertEqual(t["dates"][-1], datetime.datetime.now(ZONE).date().isoformat())
        calls = self.stack.count("lead_call_logs", "direction <> 'test'")
        self.assertEqual(t["totals"]["calls"], calls)
        self.assertEqual(sum(t["calls"]), calls)
        self.assertEqual(sum(t["hours"]["calls"]), calls)
        made = self.stack.count("appointments", "rescheduled_from IS NULL AND source <> 'test'"
                                " AND created_at >= ?", (harness.utc_text(-29 * 86400)[:10] + " 00:00:00",))
        self.assertEqual(t["totals"]["bookings"], made)
        served = self.stack.rows(
            "SELECT count(*) FROM lead_call_logs c WHERE c.outcome IN (%s) OR (c.outcome = 'abandoned' AND"
            " (SELECT d.intent FROM dialogflow_conversations d WHERE d.call_sid = c.call_sid"
            "  ORDER BY d.turn DESC LIMIT 1) LIKE 'info%%')"
            % ",".join("?" * len(SERVED)), SERVED)[0][0]
        self.assertEqual(t["totals"]["served"], served)
        self.assertAlmostEqual(t["totals"]["success_rate"], served / calls, places=4)
        # The caller who asked for the opening hours, heard them and hung up
        # was served: the call ends as "info", not "abandoned".
        info = self.stack.rows("SELECT c.outcome FROM lead_call_logs c JOIN leads l ON l.id = c.lead_id"
                               " WHERE c.id = (SELECT max(id) FROM lead_call_logs WHERE lead_id = l.id)"
                               " ORDER BY c.id")
        self.assertEqual(self.stack.count("lead_call_logs", "outcome = 'abandoned'"), 0, info)
        self.assertEqual(self.stack.count("lead_call_logs", "outcome = 'info'"), 1, info)
        # The information call counts as served, and among the reasons as "info".
        self.assertGreaterEqual(t["no_booking"].get("info", 0), 1)
        self.assertNotIn("booked", t["no_booking"])
        # The day's success rate uses the same rule.
        s = self.call("GET", "/api/v1/stats").json()
        self.assertEqual(s["calls"]["successful"], served)
        a = t["attendance"]
        self.assertEqual(a["attended"], self.stack.count("appointments", "status = 'completed'"))
        self.assertEqual(a["no_show"], self.stack.count("appointments", "status = 'no_show'"))
        if a["attended"] + a["no_show"]:
            self.assertAlmostEqual(a["no_show_rate"], a["no_show"] / (a["attended"] + a["no_show"]), places=4)
        self.assertEqual(sum(x["no_show"] for x in a["sources"]), a["no_show"])
        unknown = self.stack.count("appointments", "status = 'booked' AND starts_at <= ?",
                                   (harness.utc_text(-86400),))
        self.assertGreaterEqual(unknown, 1)
        self.assertEqual(a["unknown"], unknown)
        berlin = [s for s in t["studios"] if s["slug"] == "berlin-mitte"][0]
        self.assertEqual(berlin["attendance"]["unknown"], unknown)
        self.assertEqual(sum(berlin["calls"]), calls)
        self.assertEqual(self.call("GET", "/api/v1/trends?days=12").status, 400)
        self.assertEqual(len(self.call("GET", "/api/v1/trends?days=90").json()["dates"]), 90)

    def test_9_stats_token_sees_no_names_or_numbers(self):
        for path in ("/api/v1/day", "/api/v1/trends?days=90", "/api/v1/stats"):
            r = self.call("GET", path, token=self.stats_token)
            self.assertEqual(r.status, 200, (path, r))
            self.assertNotIn('"caller"', r.text, path)
            self.assertNotIn('"name":', r.text.replace('"name":"Abnehmen', ""), path)
            for phone in CALLERS.values():
                self.assertNotIn(mask(phone), r.text, path)
                self.assertNotIn(phone[-6:], r.text, path)
            self.assertNotIn("Schmidt", r.text)
            self.assertNotIn("Müller", r.text)
        d = self.call("GET", "/api/v1/day", token=self.stats_token).json()
        self.assertEqual(d["scope"], "stats")
        # Personal data read with an admin token leaves an audit row; figures do not.
        before = self.stack.count("audit_log", "action = 'day.read'")
        self.call("GET", "/api/v1/day", token=self.stats_token)
        self.assertEqual(self.stack.count("audit_log", "action = 'day.read'"), before)
        self.call("GET", "/api/v1/day")
        self.assertEqual(self.stack.count("audit_log", "action = 'day.read'"), before + 1)

    def test_a_studio_token_sees_and_marks_its_studio_only(self):
        muc = self.stack.cli("token", "--scope", "admin", "--sub", "empfang-muc", "--studio", "muenchen-schwabing",
                             check=True).stdout.decode().strip()
        d = self.call("GET", "/api/v1/day", token=muc).json()
        self.assertEqual([a for a in d["appointments"] if a["studio_id"] != 2], [])
        self.assertEqual([c for c in d["callbacks"] if c["studio"] != "Abnehmen im Liegen München-Schwabing"], [])
        self.assertEqual(self.call("GET", "/api/v1/day?studio=berlin-mitte", token=muc).status, 403)
        cb = self.write("INSERT INTO callback_requests (lead_id, studio_id, call_sid, reason) VALUES (NULL, 1, ?, 'dtmf')",
                        (new_call_sid(),))
        self.assertEqual(self.call("POST", "/api/v1/callbacks/%d/done" % cb, token=muc).status, 404)
        ap = self.past_visit("ja")
        self.assertEqual(self.call("POST", "/api/v1/appointments/%d/no-show" % ap, token=muc).status, 404)
        self.assertEqual(self.stack.rows("SELECT status FROM appointments WHERE id = ?", (ap,))[0][0], "booked")
        t = self.call("GET", "/api/v1/trends", token=muc).json()
        self.assertEqual(t["studio"]["slug"], "muenchen-schwabing")
        self.assertEqual(t["totals"]["calls"], 0)
        self.write("UPDATE callback_requests SET status = 'cancelled' WHERE id = ?", (cb,))
        self.write("UPDATE appointments SET status = 'cancelled' WHERE id = ?", (ap,))

    def test_every_outcome_has_a_german_label(self):
        with open(os.path.join(harness.ROOT, "lib", "core", "metrics.c")) as f:
            outcomes = set(re.findall(r'"terminfon_call_outcomes_total", "([a-z_]+)"', f.read()))
        self.assertIn("queue_abandoned", outcomes)
        with open(os.path.join(harness.ROOT, "dashboard", "app.js")) as f:
            js = f.read()
        labels = dict(re.findall(r'"([a-z_]+)": "([^"]+)"', js[js.index("var OUTCOME"):js.index("var REASON")]))
        for o in outcomes | {"open", "waiting"}:
            self.assertIn(o, labels, o)
            self.assertNotRegex(labels[o], r"_", o)

    # ---- the page in Chromium

    def test_page_in_chromium(self):
        binary = chromium_bin()
        if binary is None:
            self.skipTest("chromium is not installed (scripts/deps installs it)")
        # Something to do on the page: a callback and a visit that began.
        lead = self.stack.rows("SELECT lead_id FROM appointments WHERE id = ?", (self.appointment["ja"],))[0][0]
        cb = self.write("INSERT INTO callback_requests (lead_id, studio_id, call_sid, reason)"
                        " VALUES (?, 1, ?, 'speech')", (lead, new_call_sid()))
        # The page shows the studio's day: the visit begins today in Berlin, also just after midnight.
        now = datetime.datetime.now(ZONE)
        since_midnight = (now - now.replace(hour=0, minute=0, second=0, microsecond=0)).total_seconds()
        visit = self.past_visit("ja", hours_ago=min(3600.0, max(since_midnight - 5, 0.0)) / 3600)
        shots = tempfile.mkdtemp(prefix="terminfon-day-shots-", dir=self.stack.tmp)
        with Browser(binary) as b:
            b.open(self.stack.url("/dashboard/") + "#token=" + urllib.parse.quote(self.admin, safe=""))
            b.wait("document.body.getAttribute('data-loaded') === '1'")
            self.assertNotIn("token", b.eval("location.href"))
            self.assertEqual(b.eval("location.hash"), "")
            b.screenshot(os.path.join(shots, "1-jetzt.png"))
            # Every figure the page shows agrees with the API.
            t = self.call("GET", "/api/v1/trends?days=30").json()
            self.assertEqual(b.eval("document.getElementById('trend-calls').textContent"), str(t["totals"]["calls"]))
            self.assertEqual(b.eval("document.querySelectorAll('#chart-daily svg rect.bar').length"), 30)
            self.assertEqual(b.eval("document.querySelectorAll('#chart-hours-calls svg rect').length"), 7 * 24)
            label = b.eval("document.querySelector('#chart-daily svg').getAttribute('aria-label')")
            self.assertRegex(label, r"vom \d\d\.\d\d\.\d{4} bis \d\d\.\d\d\.\d{4}")
            # German formats with an English browser: a percent with a comma.
            self.assertEqual(b.eval("navigator.language"), "en-US")
            today = datetime.datetime.now(ZONE).date()
            self.assertEqual(b.eval("document.getElementById('date-input').value"), today.strftime("%d.%m.%Y"))
            success = b.eval("document.getElementById('trend-success').textContent")
            self.assertRegex(success, r"^\d{1,3},\d %$")
            # Every outcome in German: none of the API's words shows.
            reasons = b.eval("document.getElementById('no-booking-list').textContent")
            self.assertNotRegex(reasons, r"[a-z]+_[a-z]+|abandoned|info\b")
            b.eval("document.getElementById('card-trends').scrollIntoView()")
            b.screenshot(os.path.join(shots, "2-entwicklung.png"))
            # Every form control and button has a name a screen reader can say.
            unnamed = b.eval("""Array.from(document.querySelectorAll('button, select, input, textarea'))
                .filter(e => !e.hidden && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                             && !e.textContent.trim()).map(e => e.id || e.tagName).join(',')""")
            self.assertEqual(unnamed, "")
            # WCAG AA contrast of every visible piece of text (4.5:1; 3:1 for large text).
            low = b.eval(CONTRAST_JS)
            self.assertEqual(low, [], "text below WCAG AA contrast")
            # Marking the callback done by keyboard: Tab to it, Enter.
            target = "callback-%d-done" % cb
            self.assertTrue(b.eval("!!document.getElementById('%s')" % target))
            for _ in range(200):
                if b.eval("document.activeElement && document.activeElement.id") == target:
                    break
                b.key("Tab")
            self.assertEqual(b.eval("document.activeElement.id"), target)
            b.key("Enter")
            b.wait("!document.getElementById('%s')" % target)
            self.assertEqual(self.stack.rows("SELECT status FROM callback_requests WHERE id = ?", (cb,))[0][0], "done")
            # Marking the visit a no-show with a click.
            b.eval("document.getElementById('appointment-%d-no-show').click()" % visit)
            b.wait("(document.querySelector('tr[data-appointment=\"%d\"]') || {}).getAttribute &&"
                   " document.querySelector('tr[data-appointment=\"%d\"]').getAttribute('data-status') === 'no_show'"
                   % (visit, visit))
            self.assertEqual(self.stack.rows("SELECT status FROM appointments WHERE id = ?", (visit,))[0][0], "no_show")
            self.assertIn("nicht erschienen",
                          b.eval("document.querySelector('tr[data-appointment=\"%d\"] td.state').textContent" % visit))
            b.screenshot(os.path.join(shots, "3-markiert.png"))
            # The studio manager's token: the same figures, no names, no numbers, no buttons.
            b.eval("sessionStorage.clear()")
            b.open("about:blank")
            b.open(self.stack.url("/dashboard/") + "#token=" + urllib.parse.quote(self.stats_token, safe=""))
            b.wait("document.body.getAttribute('data-loaded') === '1'")
            page = b.eval("document.body.innerText")
            self.assertIn("Jetzt zu tun", page)
            for phone in CALLERS.values():
                self.assertNotIn(mask(phone), page)
            self.assertNotIn("Schmidt", page)
            self.assertEqual(b.eval("document.querySelectorAll('#card-now button').length"), 0)
            b.screenshot(os.path.join(shots, "4-leitung.png"))
            # On a phone: nothing wider than the screen (wide tables scroll in their box).
            b.send("Emulation.setDeviceMetricsOverride", session=True, width=390, height=844, deviceScaleFactor=1,
                   mobile=True)
            b.wait("document.documentElement.clientWidth === 390")
            self.assertLessEqual(b.eval("document.documentElement.scrollWidth"), 390)
            b.screenshot(os.path.join(shots, "5-telefon.png"))
        for name in ("1-jetzt.png", "2-entwicklung.png", "3-markiert.png", "4-leitung.png", "5-telefon.png"):
            with open(os.path.join(shots, name), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", name)
            # The temporary folder goes when the tests pass; TERMINFON_SCREENSHOTS=DIR keeps a copy.
            if os.environ.get("TERMINFON_SCREENSHOTS"):
                os.makedirs(os.environ["TERMINFON_SCREENSHOTS"], exist_ok=True)
                shutil.copy(os.path.join(shots, name), os.environ["TERMINFON_SCREENSHOTS"])


CONTRAST_JS = """(() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                               if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c; } return [255, 255, 255]; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e || e.closest('svg') || !e.getClientRects().length) continue;
    const st = getComputedStyle(e);
    if (st.visibility === 'hidden' || e.closest('[hidden]') || e.closest('.visually-hidden')) continue;
    const fg = lum(rgb(st.color)), bg = lum(background(e));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) out.push(n.textContent.trim().slice(0, 30) + ' ' + ratio.toFixed(2));
  }
  return out.slice(0, 20);
})()"""


class Browser:
    """Headless Chromium driven over its DevTools protocol on a pipe
    (--remote-debugging-pipe: commands on fd 3, answers on fd 4, each a JSON
    message ending in a NUL byte)."""

    def __init__(self, binary):
        self.binary = binary
        self.next_id = 0
        self.buf = b""

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="terminfon-chromium-")
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()
        # Out of the way of 3 and 4 first, so that neither dup2 below
        # overwrites the other's source.
        high_r, high_w = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 100), fcntl.fcntl(res_w, fcntl.F_DUPFD, 100)
        os.close(cmd_r)
        os.close(res_w)
        cmd_r, res_w = high_r, high_w

        def fds():
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            [self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
             "--lang=en-US", "--window-size=1280,900", "--user-data-dir=" + self.profile,
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, close_fds=False, env=dict(os.environ, LANG="en_US.UTF-8", LANGUAGE="en_US"))
        os.close(cmd_r)
        os.close(res_w)
        targets = self.send("Target.getTargets")["targetInfos"]
        page = [t for t in targets if t["type"] == "page"]
        target = page[0]["targetId"] if page else self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.res_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method, session=False, timeout=30, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                m = json.loads(raw)
                if m.get("id") == self.next_id:
                    if "error" in m:
                        raise AssertionError("%s: %s" % (method, m["error"]))
                    return m.get("result", {})
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("chromium did not answer %s" % method)
            ready, _, _ = select.select([self.res_r], [], [], left)
            if ready:
                chunk = os.read(self.res_r, 1 << 16)
                if not chunk:
                    raise AssertionError("chromium went away during %s" % method)
                self.buf += chunk

    def open(self, url):
        self.send("Page.navigate", session=True, url=url)
        self.wait("document.readyState === 'complete'")

    def eval(self, expr):
        r = self.send("Runtime.evaluate", session=True, expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise AssertionError("%s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expr, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.eval(expr):
                    return
            except AssertionError:
                pass
            time.sleep(0.1)
        raise AssertionError("the page never got to: " + expr)

    def key(self, name):
        codes = {"Tab": 9, "Enter": 13}
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", session=True, type=kind, key=name, code=name,
                      windowsVirtualKeyCode=codes[name], text="\r" if name == "Enter" and kind == "keyDown" else "")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


if __name__ == "__main__":
    run_tests()
