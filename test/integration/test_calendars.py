"""test_calendars.py: the studio's own calendar against a real CalDAV server.

Radicale (Debian's `radicale`) runs on a free loopback port with a temporary
collection and a password; real nginx + terminfon run with the clock fixed at
Tuesday 24 November 2026, 10:00 in Berlin. Covered: a staff holiday entered in
Radicale takes that day out of what the phone line offers; a weekly meeting
blocks its slot every week; a booking made by phone appears in Radicale and
goes again when it is cancelled; the feed parses with Python's `icalendar`
(a second, independent parser), answers 304 to its ETag, keeps callers
pseudonymous, never shows its key in a log, and round-trips through Radicale;
Radicale stopped mid-run changes nothing for callers (the last good copy
stays, its age is a metric).
"""

import base64
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin  # noqa: E402
from harness import (BERLIN, StackTest, _die_with_parent, free_port, run_tests,  # noqa: E402
                     wait_until, which)

try:
    import icalendar  # noqa: F401
except ImportError:       # a Python of its own (pyenv) does not see Debian's packages
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar  # noqa: E402

NOW = "2026-11-24T09:00:00Z"         # Tuesday, 10:00 in Berlin
USER, PASSWORD = "studio", "geheim-" + base64.b16encode(os.urandom(6)).decode("ascii").lower()
SLUG = "berlin-mitte"
VTZ = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
       "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
       "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
       "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
       "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")


class Radicale:
    """A Radicale server in a temporary directory, with one user."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "radicale")
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.proc = None
        with open(os.path.join(self.dir, "users"), "w") as f:
            f.write("%s:%s\n" % (USER, PASSWORD))
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write("[server]\nhosts = 127.0.0.1:%d\n[auth]\ntype = htpasswd\nhtpasswd_filename = %s\n"
                    "htpasswd_encryption = plain\n[storage]\nfilesystem_folder = %s\n[rights]\ntype = owner_only\n"
                    "[logging]\nlevel = warning\n" % (
                        self.port, os.path.join(self.dir, "users"), os.path.join(self.dir, "collections")))

    def start(self):
        self.proc = subprocess.Popen([which("radicale"), "--config", os.path.join(self.dir, "config")],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "radicale.log"), "ab"),
                                     preexec_fn=_die_with_parent)

        def up():
            try:
                return self.request("PROPFIND", "/", headers={"Depth": "0"})[0] in (207, 401, 403)
            except OSError:
                return False
        wait_until(up, 30, what="Radicale on port %d" % self.port)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        h = {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()}
        h.update(headers or {})
        try:
            conn.request(method, path, body=body.encode("utf-8") if isinstance(body, str) else body, headers=h)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def url(self, collection):
        return "http://127.0.0.1:%d/%s/%s/" % (self.port, USER, collection)

    def mkcalendar(self, collection):
        status, body = self.request("MKCALENDAR", "/%s/%s/" % (USER, collection))
        assert status == 201, (status, body)

    def put(self, collection, name, ics):
        status, body = self.request("PUT", "/%s/%s/%s.ics" % (USER, collection, name), body=ics,
                                    headers={"Content-Type": "text/calendar; charset=utf-8"})
        assert status in (201, 204), (status, body)

    def delete(self, collection, name):
        self.request("DELETE", "/%s/%s/%s.ics" % (USER, collection, name))

    def get(self, collection, name):
        return self.request("GET", "/%s/%s/%s.ics" % (USER, collection, name))

    def objects(self, collection):
        """Every calendar object of the collection, as icalendar Calendars."""
        status, body = self.request(
            "REPORT", "/%s/%s/" % (USER, collection),
            body='<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                 '<D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter>'
                 '</C:calendar-query>',
            headers={"Depth": "1", "Content-Type": "application/xml"})
        assert status == 207, (status, body)
        import xml.etree.ElementTree as ET
        root = ET.fromstring(body)
        out = []
        for el in root.iter("{urn:ietf:params:xml:ns:caldav}calendar-data"):
            if el.text:
                out.append(icalendar.Calendar.from_ical(el.text))
        return out


def event(uid, start, end, extra="", date=False):
    """A VCALENDAR with one VEVENT; start/end 'YYYYMMDDTHHMMSS' (Berlin) or dates."""
    if date:
        times = "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n" % (start, end)
    else:
        times = "DTSTART;TZID=Europe/Berlin:%s\r\nDTEND;TZID=Europe/Berlin:%s\r\n" % (start, end)
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//studio//handmade//DE\r\n" + VTZ +
            "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261120T120000Z\r\n%s%sSUMMARY:intern\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n" % (uid, times, extra))


def call(stack, *turns, frm):
    args = ["call", "--url", stack.base(), "--quiet", "--from", frm, "--to", BERLIN]
    for t in turns:
        args += ["--say", t]
    p = stack.cli(*args, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    return [ln[5:] for ln in out.splitlines() if ln.startswith("Bot: ")]


class Calendars(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW}

    @classmethod
    def setUpClass(cls):
        if not which("radicale"):
            raise AssertionError("radicale is not installed (scripts/deps --test installs it)")
        super().setUpClass()
        cls.radicale = Radicale(cls.stack.tmp)
        cls.radicale.start()
        cls.radicale.mkcalendar("termine")
        p = cls.stack.cli("caldav", "--studio", SLUG, "--url", cls.radicale.url("termine"), "--user", USER,
                          "--password-stdin", "--write-bookings", input=(PASSWORD + "\n").encode(), check=True)
        assert b"set" in p.stdout, p.stdout
        cls.admin = Admin(cls.stack)
        cls.sync()

    @classmethod
    def tearDownClass(cls):
        cls.radicale.stop()
        super().tearDownClass()

    @classmethod
    def caldav_state(cls):
        r = cls.admin.request("GET", "/api/v1/studios/%s/caldav" % SLUG)
        assert r.status == 200, r
        return r.json()

    @classmethod
    def sync(cls):
        """Asks for a read now and waits until the background process did it."""
        before = cls.caldav_state().get("tried_at")
        time.sleep(1.1)   # tried_at has whole seconds
        r = cls.admin.request("POST", "/api/v1/studios/%s/caldav/sync" % SLUG)
        assert r.status == 202, r
        return wait_until(lambda: (lambda s: s if s.get("tried_at") != before else None)(cls.caldav_state()),
                          20, interval=0.2, what="the background process to read the CalDAV calendar")

    def last_lead_appointments(self):
        lead = self.stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")[0][0]
        return self.stack.rows("SELECT id, starts_at, status FROM appointments WHERE lead_id = ? ORDER BY id",
                               (lead,))

    # ---- busy times block the phone line

    def test_holiday_removes_the_day(self):
        # Thursday 26 November: the whole team is away.
        self.radicale.put("termine", "urlaub", event("urlaub-1", "20261126", "20261127", date=True))
        state = self.sync()
        self.assertIsNone(state["last_error"], state)
        self.assertGreaterEqual(state["busy_count"], 1)
        rows = self.stack.rows("SELECT starts_at, ends_at FROM calendar_busy WHERE starts_at = '2026-11-25 23:00:00'")
        self.assertEqual(rows, [("2026-11-25 23:00:00", "2026-11-26 23:00:00")])
        # Without the holiday this call books Thursday (test_conversation); now
        # the first slot offered, and booked, is on another day.
        bot = call(self.stack, "welche termine haben sie am donnerstag frei", "anna schmidt", "den ersten",
                   "ja genau", frm="+4915100007001")
        self.assertFalse(any("Donnerstag" in b or "Übermorgen" in b for b in bot[2:3]), bot)
        rows = self.last_lead_appointments()
        self.assertEqual(len(rows), 1, (rows, bot))
        self.assertFalse(rows[0][1].startswith("2026-11-26"), rows)
        # Asked for a time on that day, the line does not book it either.
        call(self.stack, "ich hätte gern einen termin am donnerstag um 15 uhr", "bernd weber", "ja",
             frm="+4915100007002")
        for r in self.last_lead_appointments():
            self.assertFalse(r[1].startswith("2026-11-26"), r)

    def test_weekly_meeting_blocks_every_week(self):
        # Team meeting every Monday 10:00-11:00 (Berlin) from 30 November on.
        self.radicale.put("termine", "team", event("team-1", "20261130T100000", "20261130T110000",
                                                   extra="RRULE:FREQ=WEEKLY;BYDAY=MO\r\n"))
        self.sync()
        busy = [r[0] for r in self.stack.rows("SELECT starts_at FROM calendar_busy ORDER BY starts_at")]
        for day in ("2026-11-30", "2026-12-07", "2026-12-14", "2027-01-04"):
            self.assertIn(day + " 09:00:00", busy)
        for i, (when, day) in enumerate((("am montag um 10 uhr", "2026-11-30"),
                                         ("am 7. dezember um 10 uhr", "2026-12-07"))):
            call(self.stack, "ich hätte gern einen termin " + when, "carla meier", "ja", frm="+491510000720%d" % i)
            rows = self.last_lead_appointments()
            for r in rows:
                self.assertNotEqual(r[1], day + " 09:00:00", (when, rows))
        # The hour before and after stays bookable.
        call(self.stack, "ich hätte gern einen termin am montag um 11 uhr", "dora lang", "ja", frm="+491510000730")
        self.assertEqual([r[1] for r in self.last_lead_appointments()], ["2026-11-30 10:00:00"])

    # ---- bookings written to CalDAV

    def test_booking_appears_in_radicale_and_goes_on_cancel(self):
        frm = "+4915100007401"
        call(self.stack, "ich hätte gern einen termin am freitag um 15 uhr", "emil kraus", "ja", frm=frm)
        rows = self.last_lead_appointments()
        self.assertEqual([r[1:] for r in rows], [("2026-11-27 14:00:00", "booked")])
        name = "terminfon-%s-%d" % (SLUG, rows[0][0])
        got = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(self.radicale.get("termine", name)), 20,
                         interval=0.2, what="the booking in Radicale")
        cal = icalendar.Calendar.from_ical(got[1])
        ev = [c for c in cal.walk("VEVENT")][0]
        self.assertEqual(ev.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %Z"), "2026-11-27 15:00 CET")
        self.assertIn("E. K.", str(ev.get("SUMMARY")))
        self.assertNotIn("Kraus", got[1].decode("utf-8"))
        self.assertNotIn(frm, got[1].decode("utf-8"))
        # Cancelled by phone: gone from Radicale.
        call(self.stack, "ich möchte den termin absagen", "ja", "nein", frm=frm)
        self.assertEqual(self.last_lead_appointments()[-1][2], "cancelled")
        wait_until(lambda: self.radicale.get("termine", name)[0] == 404, 20, interval=0.2,
                   what="the cancelled booking to leave Radicale")

    def test_erased_caller_leaves_no_event(self):
        frm = "+4915100007471"
        call(self.stack, "ich hätte gern einen termin am freitag um 12 uhr", "jana berg", "ja", frm=frm)
        rows = self.last_lead_appointments()
        self.assertEqual([r[1] for r in rows], ["2026-11-27 11:00:00"])
        name = "terminfon-%s-%d" % (SLUG, rows[0][0])
        wait_until(lambda: self.radicale.get("termine", name)[0] == 200, 20, interval=0.2,
                   what="the booking in Radicale")
        self.stack.cli("erase", "--phone", frm, check=True)
        wait_until(lambda: self.radicale.get("termine", name)[0] == 404, 20, interval=0.2,
                   what="the erased caller's event to leave Radicale")

    def test_own_bookings_are_no_busy_times(self):
        # A booking terminfon wrote to the calendar is an appointment, counted
        # once: read back, it does not block its slot's second place.
        frm = "+4915100007451"
        call(self.stack, "ich hätte gern einen termin am freitag um 17 uhr", "hans roth", "ja", frm=frm)
        rows = self.last_lead_appointments()
        self.assertEqual([r[1] for r in rows], ["2026-11-27 16:00:00"])
        name = "terminfon-%s-%d" % (SLUG, rows[0][0])
        wait_until(lambda: self.radicale.get("termine", name)[0] == 200, 20, interval=0.2,
                   what="the booking in Radicale")
        self.sync()
        self.assertEqual(self.stack.rows("SELECT count(*) FROM calendar_busy WHERE starts_at <= '2026-11-27 16:00:00'"
                                         " AND ends_at > '2026-11-27 16:00:00'"), [(0,)])
        call(self.stack, "ich hätte gern einen termin am freitag um 17 uhr", "ida roth", "ja", frm="+4915100007452")
        self.assertEqual([r[1] for r in self.last_lead_appointments()], ["2026-11-27 16:00:00"])

    # ---- the feed

    def feed_key(self, *extra):
        p = self.stack.cli("calendar-key", "--studio", SLUG, *extra, check=True)
        m = re.search(r"/api/v1/studios/%s/calendar\.ics\?key=([0-9a-f]{64})" % SLUG, p.stdout.decode())
        self.assertTrue(m, p.stdout)
        return m.group(1)

    def test_feed_parses_and_round_trips(self):
        frm = "+491510007501"    # 13 characters: shown as the issue shows it
        call(self.stack, "ich hätte gern einen termin am freitag um 10 uhr", "frieda schulz", "ja", frm=frm)
        key = self.feed_key("--label", "Empfang")
        path = "/api/v1/studios/%s/calendar.ics?key=%s" % (SLUG, key)
        r = self.stack.request("GET", path)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.content_type.startswith("text/calendar"), r.content_type)
        etag = r.headers.get("etag")
        self.assertTrue(etag and etag.startswith('"'), r.headers)
        cal = icalendar.Calendar.from_ical(r.body)
        self.assertEqual([str(t["TZID"]) for t in cal.walk("VTIMEZONE")], ["Europe/Berlin"])
        events = cal.walk("VEVENT")
        standing = self.stack.rows("SELECT count(*) FROM appointments WHERE studio_id = 1 AND status <> 'rescheduled'"
                                   " AND source <> 'test'")[0][0]
        self.assertEqual(len(events), standing)
        uids = [str(e["UID"]) for e in events]
        self.assertEqual(len(uids), len(set(uids)))
        mine = [e for e in events if "F. S." in str(e["SUMMARY"])]
        self.assertEqual(len(mine), 1, [str(e["SUMMARY"]) for e in events])
        self.assertEqual(str(mine[0]["SUMMARY"]), "Termin \u2013 F. S., +49151*****01")
        self.assertEqual(mine[0].decoded("DTSTART").strftime("%Y-%m-%d %H:%M"), "2026-11-27 10:00")
        self.assertEqual(str(mine[0]["DTSTART"].params["TZID"]), "Europe/Berlin")
        self.assertEqual(str(mine[0]["STATUS"]), "CONFIRMED")
        self.assertNotIn("Schulz", r.text)
        self.assertNotIn(frm, r.text)
        # A subscriber that polls with the ETag gets 304 and no body.
        r2 = self.stack.request("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304, r2)
        self.assertEqual(r2.body, b"")
        # A move raises SEQUENCE under the same UID; a cancellation says so.
        uid = str(mine[0]["UID"])
        call(self.stack, "ich muss meinen termin verschieben", "lieber am freitag um 11 uhr", "ja", frm=frm)
        r3 = self.stack.request("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(r3.status, 200, r3)
        moved = [e for e in icalendar.Calendar.from_ical(r3.body).walk("VEVENT") if str(e["UID"]) == uid]
        self.assertEqual(len(moved), 1)
        self.assertEqual(int(moved[0]["SEQUENCE"]), 1)
        self.assertEqual(moved[0].decoded("DTSTART").strftime("%H:%M"), "11:00")
        call(self.stack, "ich möchte den termin absagen", "ja", "nein", frm=frm)
        r4 = self.stack.request("GET", path)
        gone = [e for e in icalendar.Calendar.from_ical(r4.body).walk("VEVENT") if str(e["UID"]) == uid]
        self.assertEqual([(str(e["STATUS"]), int(e["SEQUENCE"])) for e in gone], [("CANCELLED", 2)])
        # Full names only with a key that says so.
        full = self.feed_key("--full-names")
        r5 = self.stack.request("GET", "/api/v1/studios/%s/calendar.ics?key=%s" % (SLUG, full))
        self.assertIn("Frieda Schulz", r5.body.decode("utf-8"))
        # Round trip: every event, with the feed's VTIMEZONE, into a second
        # Radicale calendar; Radicale (vobject) accepts and hands them back.
        self.radicale.mkcalendar("abo")
        tz = cal.walk("VTIMEZONE")[0].to_ical().decode()
        for i, e in enumerate(events):
            text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//roundtrip//DE\r\n" + tz +
                    e.to_ical().decode() + "END:VCALENDAR\r\n")
            self.radicale.put("abo", "e%d" % i, text)
        back = self.radicale.objects("abo")
        self.assertEqual(sorted(str(c.walk("VEVENT")[0]["UID"]) for c in back), sorted(uids))
        # Wrong, revoked and missing keys; another studio's key.
        self.assertEqual(self.stack.request("GET", "/api/v1/studios/%s/calendar.ics?key=%s" % (SLUG, "0" * 64)).status,
                         403)
        self.assertEqual(self.stack.request("GET", "/api/v1/studios/%s/calendar.ics" % SLUG).status, 403)
        self.assertEqual(self.stack.request("GET", "/api/v1/studios/nowhere/calendar.ics?key=%s" % key).status, 404)
        other = self.stack.cli("calendar-key", "--studio", "muenchen-schwabing", check=True).stdout.decode()
        other_key = re.search(r"key=([0-9a-f]{64})", other).group(1)
        self.assertEqual(self.stack.request("GET", "/api/v1/studios/%s/calendar.ics?key=%s" % (SLUG, other_key)).status,
                         403)
        listed = self.stack.cli("calendar-key", "--list", "--studio", SLUG, check=True).stdout.decode()
        key_id = re.search(r"^(\d+)\s+%s\s+pseudonym\s+active\s+\S+ \S+\s+Empfang" % SLUG, listed, re.M)
        self.assertTrue(key_id, listed)
        self.stack.cli("calendar-key", "--revoke", key_id.group(1), check=True)
        self.assertEqual(self.stack.request("GET", path).status, 403)
        # The admin API makes keys too, and lists them without the key.
        r6 = self.admin.request("POST", "/api/v1/studios/%s/calendar-keys" % SLUG, body='{"label": "Google"}',
                                headers={"Content-Type": "application/json"})
        self.assertEqual(r6.status, 201, r6)
        made = r6.json()
        self.assertEqual(self.stack.request("GET", urllib.parse.urlsplit(made["url"]).path + "?key=" + made["key"]).status,
                         200)
        r7 = self.admin.request("GET", "/api/v1/studios/%s/calendar-keys" % SLUG)
        self.assertNotIn(made["key"], r7.text)
        self.assertEqual(self.admin.request("DELETE", "/api/v1/calendar-keys/%d" % made["id"]).status, 200)
        # Keys are kept as hashes, and no key reaches a log.
        stored = " ".join(r[0] for r in self.stack.rows("SELECT key_hash FROM calendar_keys"))
        logs = ""
        for p in (self.stack.log_path, os.path.join(self.stack.prefix, "logs", "access.log"),
                  self.stack.nginx_error_log()):
            with open(p, "rb") as f:
                logs += f.read().decode("utf-8", "replace")
        for k in (key, full, other_key, made["key"]):
            self.assertNotIn(k, stored)
            self.assertNotIn(k, logs)
        self.assertIn("/calendar.ics", logs)

    def test_admin_api_sets_caldav(self):
        muc = "muenchen-schwabing"
        body = '{"url": "%s", "username": "%s", "password": "falsch", "write_bookings": false}' % (
            self.radicale.url("termine"), USER)
        r = self.admin.request("PUT", "/api/v1/studios/%s/caldav" % muc, body=body,
                               headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("falsch", r.text)
        # A wrong password: the read fails, says why, and nothing is blocked.
        state = wait_until(lambda: (lambda j: j if j.get("tried_at") else None)(
            self.admin.request("GET", "/api/v1/studios/%s/caldav" % muc).json()), 20, interval=0.2,
            what="the first read of München's calendar")
        self.assertEqual(state["last_error"], "HTTP 401")
        self.assertIsNone(state["fetched_at"])
        self.assertEqual(self.stack.count("calendar_busy", "studio_id = 2"), 0)
        stored = self.stack.rows("SELECT password_enc FROM studio_caldav WHERE studio_id = 2")[0][0]
        self.assertNotIn(b"falsch", stored)
        bad = self.admin.request("PUT", "/api/v1/studios/%s/caldav" % muc, body='{"url": "ftp://x/"}',
                                 headers={"Content-Type": "application/json"})
        self.assertEqual(bad.status, 422, bad)
        self.assertEqual(self.admin.request("DELETE", "/api/v1/studios/%s/caldav" % muc).status, 200)
        self.assertEqual(self.admin.request("GET", "/api/v1/studios/%s/caldav" % muc).status, 404)

    # ---- CalDAV down

    def test_radicale_stopped_changes_nothing_for_callers(self):
        self.radicale.put("termine", "wartung", event("wartung-1", "20261202T140000", "20261202T200000"))
        good = self.sync()
        self.assertIsNone(good["last_error"])
        busy_before = self.stack.rows("SELECT starts_at, ends_at FROM calendar_busy ORDER BY starts_at")
        self.assertIn(("2026-12-02 13:00:00", "2026-12-02 19:00:00"), busy_before)
        self.radicale.stop()
        try:
            state = self.sync()
            self.assertIsNotNone(state["last_error"])
            self.assertEqual(state["fetched_at"], good["fetched_at"])
            self.assertEqual(self.stack.rows("SELECT starts_at, ends_at FROM calendar_busy ORDER BY starts_at"),
                             busy_before)
            # A caller books as always, and fast; the busy times still hold.
            t0 = time.monotonic()
            bot = call(self.stack, "ich hätte gern einen termin am mittwoch den 2. dezember um 15 uhr", "gerd vogel",
                       "den ersten", "ja", frm="+4915100007601")
            self.assertLess(time.monotonic() - t0, 30)
            rows = self.last_lead_appointments()
            self.assertEqual(len(rows), 1, bot)
            self.assertNotEqual(rows[0][1], "2026-12-02 14:00:00")
            metrics = self.stack.request("GET", "/api/v1/metrics").text
            self.assertRegex(metrics, r'terminfon_caldav_copy_age_seconds\{studio="%s"\} \d+' % SLUG)
            # The booking waits in the queue and is written once Radicale is back.
            name = "terminfon-%s-%d" % (SLUG, rows[0][0])
        finally:
            self.radicale.start()
        # The first good read after the outage sends what waited.
        self.sync()
        wait_until(lambda: self.radicale.get("termine", name)[0] == 200, 90, interval=0.5,
                   what="the queued booking to reach Radicale after its restart")


if __name__ == "__main__":
    run_tests()
