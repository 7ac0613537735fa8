"""test_dashboard.py: the managers' dashboard end to end. Makes a day of calls
through real nginx and terminfon (a booking, a transfer, an information call
and a call still ringing), checks GET /api/v1/stats against the database and
/api/v1/metrics, then loads /dashboard/ in headless Chromium and checks that
the page shows the figures the API reports, with masked numbers only.

The wall clock is fixed with TERMINFON_FAKE_NOW at 10:00 Berlin time of the
real day (rows carry terminfon's clock, the faked one; "today" of the
dashboard is that day). The SQL of docs/monitoring.md is run with its
'now' set to the same instant."""

import datetime
import html.parser
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BERLIN, StackTest, new_call_sid, run_tests, voice_params  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")
TODAY = datetime.datetime.now(ZONE).date()
FAKE_NOW = TODAY.isoformat() + "T09:00:00Z"
MONTHS = ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "dezember"]
# Served calls: the success rate's numerator (an answered information call counts).
SUCCESS = ("booked", "rescheduled", "cancelled", "transferred", "callback", "info")

CALLERS = {
    "booking": "+4915100000101",
    "transfer": "+4915100000102",
    "info": "+4915100000103",
    "ringing": "+4915100000104",
}


def mask(phone):
    """log_mask_phone: country and network prefix and the last two digits."""
    keep = 6 if phone.startswith("+") else 5
    return "".join(c if i < keep or i >= len(phone) - 2 else "*" for i, c in enumerate(phone))


def js_percent(rate):
    """The page's percent(): one decimal, German comma."""
    return ("%.1f" % (math.floor(rate * 1000 + 0.5) / 10)).replace(".", ",") + " %"


def utc_text(day, zone=ZONE):
    """'YYYY-MM-DD HH:MM:SS' (UTC) of local midnight starting `day`."""
    local = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone)
    return local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def day_range(day):
    return utc_text(day), utc_text(day + datetime.timedelta(days=1))


def play(stack, frm, *turns, to=BERLIN):
    args = ["call", "--url", stack.base(), "--quiet", "--from", frm, "--to", to]
    for t in turns:
        args += ["--digits", t[1:]] if t.startswith("#") else ["--say", t]
    p = stack.cli(*args, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    return out


def chromium_bin():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = harness.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """Elements with an id (and every td/li/tr) with their attributes and
    text, enough to read the rendered page."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.by_id = {}
        self.elements = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "text": []}
        self.elements.append(node)
        if node["attrs"].get("id"):
            self.by_id[node["attrs"]["id"]] = node
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for node in self.stack:
            node["text"].append(data)

    def text(self, id_):
        node = self.by_id.get(id_)
        assert node is not None, "no element #%s in the page" % id_
        return " ".join("".join(node["text"]).split())

    def attr(self, id_, name):
        node = self.by_id.get(id_)
        assert node is not None, "no element #%s in the page" % id_
        return node["attrs"].get(name)

    def hidden(self, id_):
        return "hidden" in self.by_id[id_]["attrs"]

    def all(self, tag, cls=None):
        out = []
        for n in self.elements:
            if n["tag"] == tag and (cls is None or cls in n["attrs"].get("class", "").split()):
                out.append((n["attrs"], " ".join("".join(n["text"]).split())))
        return out


def section(path, name):
    with open(path) as f:
        text = f.read()
    m = re.search(r"# ---- BEGIN %s.*?\n(.*?)# ---- END %s ----" % (name, name), text, re.S)
    assert m, "no %s markers in %s" % (name, path)
    return [ln.strip() for ln in m.group(1).splitlines()]


class Dashboard(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": FAKE_NOW, "FALLBACK_PHONE_NUMBER": "+4930555000"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.stack
        cls.token = s.cli("token", "--scope", "admin", check=True).stdout.decode().strip()
        cls.target = cls.booking_day()
        when = "am %d. %s um 15 uhr" % (cls.target.day, MONTHS[cls.target.month - 1])
        cls.transcripts = [
            play(s, CALLERS["booking"], "hallo ich hätte gern einen termin", "mein name ist max müller",
                 when, "ja", "nein danke"),
            play(s, CALLERS["transfer"], "ich möchte bitte mit einem mitarbeiter sprechen"),
            play(s, CALLERS["info"], "wie sind ihre öffnungszeiten", "nein danke"),
        ]
        # A call that has only rung so far: one signed voice webhook, no turn.
        r = s.post_twilio("/api/v1/twilio/voice/webhook",
                          voice_params(new_call_sid(), from_=CALLERS["ringing"], to=BERLIN))
        assert r.status == 200, r

    @classmethod
    def booking_day(cls):
        """The first day after today when Berlin is open at 15:00 (Monday to
        Friday, no closure), so the booking lands in the dashboard's week."""
        closed = {r[0] for r in cls.stack.rows(
            "SELECT day FROM closures WHERE region IN ('DE', 'DE-BE') OR studio_id = 1")}
        d = TODAY
        while True:
            d += datetime.timedelta(days=1)
            if d.weekday() < 5 and d.isoformat() not in closed:
                return d

    def get(self, path, token=True):
        """GET with the admin token, waiting out nginx's rate limit (429)."""
        h = {"Authorization": "Bearer " + self.token} if token else {}
        for _ in range(50):
            r = self.stack.request("GET", path, headers=h)
            if r.status != 429:
                return r
            time.sleep(0.2)
        return r

    def stats(self, query=""):
        r = self.get("/api/v1/stats" + query)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.content_type.startswith("application/json"), r)
        return r.json()

    # ---- the data made above

    def test_calls_were_made(self):
        self.assertIn("gebucht", self.transcripts[0])
        self.assertIn("[Verbinde mit", self.transcripts[1])
        outcomes = dict(self.stack.rows(
            "SELECT outcome, count(*) FROM lead_call_logs GROUP BY outcome"))
        self.assertEqual(outcomes.get("booked"), 1, outcomes)
        self.assertEqual(outcomes.get("transferred"), 1, outcomes)
        self.assertEqual(self.stack.count("appointments", "status = 'booked'"), 1)

    # ---- GET /api/v1/stats

    def test_stats_match_the_database(self):
        d = self.stats()
        self.assertEqual(d["date"], TODAY.isoformat())
        self.assertEqual(d["timezone"], "Europe/Berlin")
        self.assertIsNone(d["studio"])
        lo, hi = day_range(TODAY)
        where, args = "started_at >= ? AND started_at < ?", (lo, hi)
        total = self.stack.count("lead_call_logs", where, args)
        self.assertEqual(total, 4)
        c = d["calls"]
        self.assertEqual(c["total"], total)
        self.assertEqual(c["by_status"], dict(self.stack.rows(
            "SELECT status, count(*) FROM lead_call_logs WHERE " + where + " GROUP BY status", args)))
        self.assertEqual(c["by_outcome"], {k or "open": n for k, n in self.stack.rows(
            "SELECT outcome, count(*) FROM lead_call_logs WHERE " + where + " GROUP BY outcome", args)})
        # The success rate: served calls over all calls of the day; the
        # information call is served.
        ok = self.stack.count("lead_call_logs", where + " AND outcome IN (%s)" % ",".join("?" * len(SUCCESS)),
                              args + SUCCESS)
        self.assertEqual(ok, 3)
        self.assertEqual(c["successful"], ok)
        self.assertAlmostEqual(c["success_rate"], ok / total, places=4)

        f = d["funnel"]
        self.assertEqual(f["called"], total)
        self.assertEqual(f["booked"], 1)
        self.assertEqual(f["transferred"], 1)
        turns = ("SELECT count(DISTINCT c.call_sid) FROM lead_call_logs c JOIN dialogflow_conversations t"
                 " ON t.call_sid = c.call_sid WHERE c.started_at >= ? AND c.started_at < ? AND ")
        understood = self.stack.rows(
            turns + "t.intent NOT IN ('unknown', 'low_confidence', 'none', 'transfer_result')", args)[0][0]
        offered = self.stack.rows(turns + "t.page IN ('offer', 'confirm')", args)[0][0]
        self.assertEqual(f["understood"], understood)
        self.assertEqual(f["understood"], 3)          # the ringing call said nothing yet
        self.assertEqual(f["offered"], offered)
        self.assertGreaterEqual(f["offered"], 1)
        self.assertTrue(f["called"] >= f["understood"] >= f["offered"] >= f["booked"])

        b = d["bookings"]
        days = [TODAY + datetime.timedelta(days=i) for i in range(8)]
        self.assertEqual(b["days"], [x.isoformat() for x in days])
        per_day = [self.stack.count("appointments", "starts_at >= ? AND starts_at < ? AND status NOT IN"
                                    " ('cancelled', 'rescheduled')", day_range(x)) for x in days]
        self.assertEqual(b["per_day"], per_day)
        self.assertEqual(b["total"], sum(per_day))
        self.assertEqual(b["total"], 1)
        self.assertEqual(b["per_day"][days.index(self.target)], 1)
        berlin = [s for s in b["studios"] if s["slug"] == "berlin-mitte"][0]
        self.assertEqual(berlin["total"], 1)
        self.assertEqual(berlin["counts"][days.index(self.target)], 1)
        self.assertEqual(b["made"], self.stack.count(
            "appointments", "created_at >= ? AND created_at < ? AND status = 'booked'", (lo, hi)))

    def test_stats_agree_with_the_calls_list(self):
        d = self.stats("?date=" + TODAY.isoformat())
        r = self.get("/api/v1/calls?from=%s&to=%s&limit=200" % (TODAY, TODAY))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(r.json()["items"]), d["calls"]["total"])

    def test_recent_calls_are_masked(self):
        r = self.get("/api/v1/stats")
        self.assertEqual(r.status, 200, r)
        for phone in CALLERS.values():
            self.assertNotIn(phone.encode(), r.body)
            self.assertNotIn(phone[1:].encode(), r.body)
        recent = r.json()["recent_calls"]
        self.assertEqual(len(recent), 4)
        self.assertEqual(sorted(c["caller"] for c in recent), sorted(mask(p) for p in CALLERS.values()))
        times = [c["started_at"] for c in recent]
        self.assertEqual(times, sorted(times, reverse=True))
        for c in recent:
            self.assertRegex(c["started_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            self.assertEqual(c["studio"], "Abnehmen im Liegen Berlin-Mitte")
        ringing = [c for c in recent if c["caller"] == mask(CALLERS["ringing"])][0]
        self.assertIsNone(ringing["outcome"])

    def test_latency_matches_the_metrics(self):
        d = self.stats()
        r = self.stack.request("GET", "/api/v1/metrics")
        self.assertEqual(r.status, 200, r)
        counts, sums = {}, {}
        for ln in r.text.splitlines():
            m = re.match(r'terminfon_request_duration_seconds_(count|sum)\{route="(?:[A-Z]+ )?([^"]+)"\} (\S+)$', ln)
            if m:
                (counts if m.group(1) == "count" else sums)[m.group(2)] = float(m.group(3))
        routes = {x["route"]: x for x in d["latency"]["routes"]}
        self.assertIn("/api/v1/twilio/voice/webhook", routes)
        self.assertIn("/api/v1/twilio/voice/gather", routes)
        for name, x in routes.items():
            self.assertTrue(name.startswith("/api/v1/twilio/"), name)
            self.assertEqual(x["requests"], counts[name], name)
            if x["requests"]:
                self.assertAlmostEqual(x["avg_ms"], sums[name] / counts[name] * 1000, delta=0.1)
                self.assertLessEqual(x["p50_ms"], x["p99_ms"])
                self.assertGreater(x["p99_ms"], 0)
        self.assertEqual(routes["/api/v1/twilio/voice/webhook"]["requests"], 4)
        self.assertEqual(d["latency"]["requests"], sum(x["requests"] for x in routes.values()))

    def test_stats_filters_and_errors(self):
        self.assertEqual(self.get("/api/v1/stats", token=False).status, 401)
        r = self.stack.request("GET", "/api/v1/stats", headers={"Authorization": "Bearer x.y.z"})
        self.assertEqual(r.status, 401)
        for q, status in (("?date=2026-02-30", 400), ("?date=heute", 400), ("?nope=1", 400),
                          ("?date=2026-01-01&date=2026-01-02", 400), ("?studio=atlantis", 422)):
            r = self.get("/api/v1/stats" + q)
            self.assertEqual(r.status, status, (q, r))
            self.assertIn("error", r.json())
        m = self.stats("?studio=muenchen-schwabing")
        self.assertEqual(m["studio"]["slug"], "muenchen-schwabing")
        self.assertEqual(m["calls"]["total"], 0)
        self.assertIsNone(m["calls"]["success_rate"])
        self.assertEqual([s["slug"] for s in m["bookings"]["studios"]], ["muenchen-schwabing"])
        self.assertEqual(self.stats("?studio=1")["calls"]["total"], 4)
        old = self.stats("?date=2020-01-01")
        self.assertEqual(old["calls"]["total"], 0)
        self.assertEqual(old["recent_calls"], [])
        self.assertEqual(self.stack.request("POST", "/api/v1/stats").status, 405)

    # ---- what nginx serves

    def test_dashboard_files_served(self):
        s = self.stack
        r = s.request("GET", "/dashboard/")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.content_type.startswith("text/html"), r)
        page = r.text
        self.assertIn('lang="de"', page)
        for label in ("Anrufe heute", "Erfolgsquote", "Buchungen je Studio", "Gesprächsverlauf",
                      "Antwortzeit", "Letzte Anrufe", "Anmelden", "Jetzt zu tun", "Rückrufe", "Entwicklung",
                      "Warteschleife", "Termine heute und morgen", "SMS nicht zugestellt"):
            self.assertIn(label, page)
        # Nothing from elsewhere: every src/href is relative or data:.
        for ref in re.findall(r'(?:src|href)="([^"]*)"', page):
            self.assertFalse(re.match(r"^(?:[a-z]+:)?//", ref, re.I), ref)
        for name, ctype in (("app.js", "application/javascript"), ("style.css", "text/css")):
            r = s.request("GET", "/dashboard/" + name)
            self.assertEqual(r.status, 200, r)
            self.assertTrue(r.content_type.startswith(ctype), r)
            # The SVG namespace is a name, not an address anything is loaded from.
            self.assertNotRegex(r.text.replace("http://www.w3.org/2000/svg", ""), r"https?://", name)
        r = s.request("GET", "/dashboard")
        self.assertEqual(r.status, 301)
        self.assertTrue(r.headers.get("location", "").endswith("/dashboard/"), r.headers)
        self.assertEqual(s.request("POST", "/dashboard/", body="x").status, 403)
        self.assertEqual(s.request("GET", "/dashboard/../scripts/run").status, 404)
        self.assertEqual(s.request("GET", "/dashboard/nope.js").status, 404)

    def test_templates_share_the_dashboard_block(self):
        self.assertEqual(section(harness.LOCAL_TEMPLATE, "dashboard"), section(harness.PROD_TEMPLATE, "dashboard"))

    # ---- the page in Chromium

    def chromium(self, fragment):
        """The page's DOM after its scripts ran, as headless Chromium dumps it."""
        binary = chromium_bin()
        if binary is None:
            self.skipTest("chromium is not installed (scripts/deps installs it)")
        profile = tempfile.mkdtemp(prefix="terminfon-chromium-")
        try:
            url = self.stack.url("/dashboard/") + fragment
            p = subprocess.run(
                [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                 "--dump-dom", url],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        except OSError as e:
            self.skipTest("chromium cannot start: %s" % e)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        dom = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0 or "<html" not in dom:
            err = p.stderr.decode("utf-8", "replace")
            if "<html" not in dom and not self.chromium_works():
                self.skipTest("chromium cannot start at all: %s" % err[-500:])
            self.fail("chromium exited %d:\n%s" % (p.returncode, err[-2000:]))
        return dom

    def chromium_works(self):
        binary = chromium_bin()
        profile = tempfile.mkdtemp(prefix="terminfon-chromium-")
        try:
            p = subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--user-data-dir=" + profile, "--dump-dom", "data:text/html,<p>ok</p>"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            return b"<p>ok</p>" in p.stdout
        except (OSError, subprocess.TimeoutExpired):
            return False
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    def test_page_shows_the_api_figures(self):
        d = self.stats()
        dom_text = self.chromium("#token=" + urllib.parse.quote(self.token, safe=""))
        dom = Dom(dom_text)
        self.assertEqual(dom.attr("board", "hidden"), None, "the figures are not shown")
        self.assertTrue(dom.hidden("login"))
        self.assertEqual(dom.text("calls-title"), "Anrufe heute")
        self.assertEqual(dom.text("calls-total"), str(d["calls"]["total"]))
        self.assertEqual(dom.text("success-rate"), js_percent(d["calls"]["success_rate"]))
        self.assertEqual(dom.text("success-rate"), "75,0 %")
        self.assertEqual(dom.text("bookings-total"), str(d["bookings"]["total"]))
        self.assertEqual(dom.text("bookings-made"), str(d["bookings"]["made"]))
        totals = {a.get("data-value") for a, _ in dom.all("td", "total") if a.get("data-value")}
        self.assertIn(str(d["bookings"]["studios"][0]["total"]), totals)
        for step in ("called", "understood", "offered", "booked", "transferred"):
            self.assertEqual(dom.attr("funnel-" + step, "data-value"), str(d["funnel"][step]), step)
        self.assertEqual(dom.text("latency-requests"), str(d["latency"]["requests"]))
        callers = sorted(t for _, t in dom.all("td", "caller"))
        self.assertEqual(callers, sorted(c["caller"] for c in d["recent_calls"]))
        self.assertIn(mask(CALLERS["booking"]), callers)
        for phone in CALLERS.values():
            self.assertNotIn(phone, dom_text)
            self.assertNotIn(phone[1:], dom_text)
        # German labels of what the API says in English.
        self.assertIn("gebucht", dom.text("calls-by-outcome"))
        self.assertIn("weitergeleitet", dom.text("calls-by-outcome"))
        self.assertIn("Anrufbeginn", dom.text("latency-body"))
        # The token left the address bar; the page keeps it for this tab only.
        self.assertNotIn(self.token, dom_text)

    def test_page_with_a_stats_token_shows_figures_without_numbers(self):
        """The managers' token: the same figures, no caller's number (not even
        shortened) and no name."""
        stats_token = self.stack.cli("token", "--scope", "stats", "--sub", "leitung",
                                     check=True).stdout.decode().strip()
        d = self.stats()
        dom_text = self.chromium("#token=" + urllib.parse.quote(stats_token, safe=""))
        dom = Dom(dom_text)
        self.assertEqual(dom.attr("board", "hidden"), None, "the figures are not shown")
        self.assertEqual(dom.text("calls-total"), str(d["calls"]["total"]))
        self.assertEqual(dom.text("bookings-total"), str(d["bookings"]["total"]))
        callers = [t for _, t in dom.all("td", "caller")]
        self.assertEqual(callers, ["–"] * len(d["recent_calls"]))
        for phone in CALLERS.values():
            self.assertNotIn(mask(phone), dom_text)
            self.assertNotIn(phone[-4:], dom.text("recent-body"))
        self.assertNotIn("Müller", dom_text)
        self.assertNotIn("müller", dom_text.lower())

    def test_page_without_token_asks_to_log_in(self):
        dom = Dom(self.chromium(""))
        self.assertFalse(dom.hidden("login"))
        self.assertTrue(dom.hidden("board"))
        self.assertIn("Anmelden", dom.text("login"))

    def test_page_with_a_bad_token_goes_back_to_the_login(self):
        dom = Dom(self.chromium("#token=nicht.gueltig.x"))
        self.assertFalse(dom.hidden("login"))
        self.assertTrue(dom.hidden("board"))
        self.assertFalse(dom.hidden("login-error"))
        self.assertIn("ungültig", dom.text("login-error"))

    def test_page_for_another_day_and_studio(self):
        dom = Dom(self.chromium("#token=%s&date=2020-01-01&studio=muenchen-schwabing" %
                                urllib.parse.quote(self.token, safe="")))
        self.assertEqual(dom.text("calls-title"), "Anrufe am 01.01.2020")
        self.assertEqual(dom.text("calls-total"), "0")
        self.assertEqual(dom.text("success-rate"), "–")
        self.assertIn("Keine Anrufe", dom.text("recent-body"))

    # ---- the monitoring and deployment files

    @harness.skip_on_postgres("docs/monitoring.md's SQL is SQLite's (datetime(), 'localtime')")
    def test_monitoring_sql_runs_and_agrees(self):
        """Every SQL block of docs/monitoring.md runs on SQLite, and the seed's
        three queries say what /api/v1/stats says."""
        with open(os.path.join(harness.ROOT, "docs", "monitoring.md")) as f:
            blocks = re.findall(r"```sql\n(.*?)```", f.read(), re.S)
        self.assertGreaterEqual(len(blocks), 8)
        old_tz = os.environ.get("TZ")
        os.environ["TZ"] = "Europe/Berlin"     # the shell the docs start: today is Berlin's day
        time.tzset()
        con = sqlite3.connect("file:%s?mode=ro" % self.stack.db_path, uri=True, timeout=10)
        try:
            results = {}
            for block in blocks:
                title = block.splitlines()[0]
                self.assertTrue(title.startswith("-- "), block)
                for stmt in (s.strip() for s in block.split(";")):
                    if stmt and not all(ln.startswith("--") for ln in stmt.splitlines()):
                        try:
                            # 'now' of the docs is the stack's faked clock here.
                            stmt = stmt.replace("'now'", "'%s'" % FAKE_NOW.replace("T", " ").rstrip("Z"))
                            results.setdefault(title[3:], []).append(con.execute(stmt).fetchall())
                        except sqlite3.Error as e:
                            self.fail("%s: %s\n%s" % (title, e, stmt))
        finally:
            con.close()
            if old_tz is None:
                del os.environ["TZ"]
            else:
                os.environ["TZ"] = old_tz
            time.tzset()
        d = self.stats()
        results = {k: v[0] if len(v) == 1 else v for k, v in results.items()}
        calls, successful, pct = results["call success rate: today"][0]
        self.assertEqual((calls, successful), (d["calls"]["total"], d["calls"]["successful"]))
        self.assertEqual(pct, round(100 * d["calls"]["success_rate"], 1))
        made = dict(results["confirmed bookings: made today, per studio"])
        self.assertEqual(made["Abnehmen im Liegen Berlin-Mitte"], d["bookings"]["made"])
        week = results["confirmed bookings: the coming week per studio and day"]
        self.assertEqual([(r[0], r[2]) for r in week],
                         [(day, n) for day, n in zip(d["bookings"]["days"], d["bookings"]["per_day"]) if n])
        self.assertEqual(len(results["recent conversations: calls of the last hour"]), d["calls"]["total"])
        health = results["database health: integrity and mode"]
        self.assertEqual(health[0], [("ok",)])
        self.assertEqual(health[1], [("wal",)])

    def test_alert_rules_use_real_metrics(self):
        with open(os.path.join(harness.ROOT, "deploy", "prometheus", "alerts.yml")) as f:
            rules = f.read()
        r = self.stack.request("GET", "/api/v1/metrics")
        self.assertEqual(r.status, 200, r)
        exposed = set(re.findall(r"^# TYPE (\S+) ", r.text, re.M))
        used = set(re.findall(r"\b(terminfon_[a-z0-9_]+)", rules))
        self.assertTrue(used)
        for name in used:
            base = re.sub(r"_(bucket|sum|count)$", "", name) if name.endswith(
                ("_bucket", "_sum", "_count")) else name
            self.assertIn(base, exposed, name)
        for outcome in re.findall(r'outcome=~?"([^"]+)"', rules):
            for o in outcome.split("|"):
                self.assertIn('terminfon_call_outcomes_total{outcome="%s"}' % o, r.text)
        # The rules match route labels with or without the method in front.
        self.assertRegex(r.text, r'route="(?:POST )?/api/v1/twilio/voice/gather"')
        for pattern in set(re.findall(r'route=~"([^"]+)"', rules)):
            self.assertTrue(re.search(r'route="(%s)"' % pattern, r.text), pattern)

    def test_systemd_units_run_real_subcommands(self):
        usage = self.stack.cli("--help").stdout.decode()
        commands = set(re.findall(r"^  (\S+)", usage, re.M))
        unit_dir = os.path.join(harness.ROOT, "deploy", "systemd")
        units = sorted(os.listdir(unit_dir))
        self.assertIn("terminfon.service", units)
        for job in ("sms", "remind", "callbacks", "purge"):
            self.assertIn("terminfon-%s.service" % job, units)
            self.assertIn("terminfon-%s.timer" % job, units)
        for name in units:
            with open(os.path.join(unit_dir, name)) as f:
                text = f.read()
            for cmd in re.findall(r"^Exec\w*=\S*/terminfon (\S+)", text, re.M):
                self.assertIn(cmd, commands, name)
            if name.endswith(".timer"):
                self.assertIn(name[:-len(".timer")] + ".service", units)
            elif name != "terminfon.service":
                # Stopping a job must not take serve's socket directory with it.
                self.assertNotRegex(text, r"(?m)^RuntimeDirectory", name)


if __name__ == "__main__":
    run_tests()
