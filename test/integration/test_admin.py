"""test_admin.py: the admin API through real nginx and terminfon: tokens that
must be refused, lead lookup by number after a signed voice webhook, a lead's
detail, GDPR export and erasure (down to Twilio deleting the recording),
appointment filters and cancelling, pagination, bad input (400, 404, 405, 409,
413, 422) and the audit rows every read and write leaves."""

import calendar
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fakes"))
from admin_client import (FAKE_NOW, Admin, call, db_files, lead_id_of, mint_jwt,  # noqa: E402
                          new_number, q, write_db)
from fake_twilio import FakeTwilio  # noqa: E402
from harness import (MUENCHEN, Stack, StackTest, new_call_sid, run_tests,  # noqa: E402
                     voice_params, wait_until)

WEBHOOK = "/api/v1/twilio/voice/webhook"
RECORDING = "/api/v1/twilio/recording/callback"
ADMIN_ROUTES = [
    ("GET", "/api/v1/leads?phone=%2B4915112345678"),
    ("GET", "/api/v1/leads"),
    ("GET", "/api/v1/leads/1"),
    ("GET", "/api/v1/leads/1/export"),
    ("DELETE", "/api/v1/leads/999999"),
    ("GET", "/api/v1/appointments"),
    ("POST", "/api/v1/appointments/999999/cancel"),
    ("GET", "/api/v1/calls"),
    ("GET", "/api/v1/studios"),
]


class AdminApi(StackTest):

    @classmethod
    def setUpClass(cls):
        # Twilio's REST API is a local fake: SMS and recording deletions land there.
        cls.fake = FakeTwilio()
        cls.fake.start()
        cls.stack = Stack(workers=2, name=cls.__name__,
                          env={"TERMINFON_FAKE_NOW": FAKE_NOW, "TWILIO_API_BASE_URL": cls.fake.base_url})
        cls.fake.auth_token = cls.stack.auth_token
        cls.stack.start()
        cls.admin = Admin(cls.stack, sub="ops-anna")

    @classmethod
    def tearDownClass(cls):
        try:
            StackTest.tearDownClass.__func__(cls)
        finally:
            cls.fake.stop()

    # ---- steps the tests share

    def webhook_call(self, number=None, to=None):
        sid, number = new_call_sid(), number or new_number()
        p = voice_params(sid, from_=number, **({"to": to} if to else {}))
        self.assertTwiml(self.stack.post_twilio(WEBHOOK, p))
        return sid, number

    def assertError(self, r, status, fragment=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.content_type.startswith("application/json"), r)
        body = r.json()
        self.assertIsInstance(body.get("error"), str, r)
        if fragment:
            self.assertIn(fragment, body["error"])
        return body["error"]

    def assertAudited(self, action, target):
        rows = self.admin.audit(action)
        self.assertIn(("ops-anna", action, target), rows, rows[-5:])

    def booked_lead(self, number, name_words="mein name ist erika mustermann"):
        """A lead with a call, turns, an appointment tomorrow 15:00 and its SMS,
        played as a caller would. Returns (lead id, call sid)."""
        call(self.stack, "hallo ich hätte gern einen termin", name_words, "morgen um 15 uhr", "ja", "nein danke",
             frm=number)
        sid = self.stack.rows("SELECT c.call_sid FROM lead_call_logs c JOIN leads l ON l.id = c.lead_id"
                              " ORDER BY c.id DESC LIMIT 1")[0][0]
        lead = lead_id_of(self.stack, sid)
        self.assertIsNotNone(lead)
        if not self.stack.count("appointments", "lead_id = ?", (lead,)):
            # The agent did not book: the admin API is still tested with a row of its own.
            write_db(self.stack, "INSERT INTO appointments (lead_id, studio_id, starts_at, ends_at, source, call_sid)"
                     " VALUES (?, 1, '2026-11-25 14:00:00', '2026-11-25 15:00:00', 'phone', ?)", (lead, sid))
        return lead, sid

    # ---- authentication

    def test_auth_missing_expired_forged_and_alg_none_refused(self):
        secret = self.admin.secret
        now = int(time.time())
        bad = {
            "missing": None,
            "empty": "",
            "garbage": "not.a.token",
            "expired": mint_jwt(secret, "ops", now=now - 7200, ttl=3600),
            "no exp": mint_jwt(secret, claims={"sub": "ops", "iat": now}),
            "wrong signature": mint_jwt(secret, "ops", sign_with="another-secret"),
            "alg none": mint_jwt(secret, "ops", alg="none"),
            "alg none upper": mint_jwt(secret, "ops", header={"alg": "NONE", "typ": "JWT"}, alg="NONE"),
            "alg HS512": mint_jwt(secret, "ops", header={"alg": "HS512", "typ": "JWT"}),
            "not yet valid": mint_jwt(secret, claims={"sub": "ops", "iat": now, "exp": now + 3600, "nbf": now + 600}),
        }
        for method, path in ADMIN_ROUTES:
            for why, token in bad.items():
                with self.subTest(route=path, token=why):
                    r = self.admin.request(method, path, token=token)
                    self.assertError(r, 401)
        # "Basic" and a bare token are not bearer tokens.
        good = self.admin.token
        for header in ("Basic " + good, good, "Bearer", "bearer " + good + "x"):
            r = self.admin.request("GET", "/api/v1/studios", token=None, headers={"Authorization": header})
            self.assertError(r, 401)
        self.assertEqual(self.admin.get("/api/v1/studios").status, 200)
        # Nothing of a refused request reaches the audit log.
        self.assertFalse([r for r in self.admin.audit() if r[0] != "ops-anna"])

    # ---- leads

    def test_lookup_by_phone_after_signed_webhook(self):
        sid, number = self.webhook_call()
        body = self.admin.json("GET", "/api/v1/leads?phone=" + q(number))
        self.assertEqual(len(body["items"]), 1, body)
        lead = body["items"][0]
        self.assertEqual(lead["phone"], number)
        self.assertEqual(lead["call_count"], 1)
        self.assertEqual(lead["id"], lead_id_of(self.stack, sid))
        self.assertAudited("leads.lookup", "lead:%d" % lead["id"])
        # Written the way people write numbers, and with an unescaped '+'.
        national = "0049 " + number[3:6] + "-" + number[6:]
        for form in (national, number):
            path = "/api/v1/leads?phone=" + (q(form) if form is national else form)
            self.assertEqual(self.admin.json("GET", path)["items"][0]["id"], lead["id"], form)
        # Unknown numbers answer an empty list (and are audited as a lookup of nobody).
        self.assertEqual(self.admin.json("GET", "/api/v1/leads?phone=%2B4915000000001")["items"], [])
        self.assertAudited("leads.lookup", "none")

    def test_lookup_bad_phone(self):
        self.assertError(self.admin.get("/api/v1/leads?phone=abc"), 400, "phone")
        self.assertError(self.admin.get("/api/v1/leads?phone="), 400, "phone")
        self.assertError(self.admin.get("/api/v1/leads?phone=%2B12"), 422, "phone")
        self.assertError(self.admin.get("/api/v1/leads?phone=%2B" + "1" * 40), 422, "phone")
        msg = self.assertError(self.admin.get("/api/v1/leads?phone=%2B4917099887766x"), 400)
        self.assertNotIn("4917099887766", msg)          # a number is never echoed

    def test_lead_detail_with_calls_and_appointments(self):
        number = new_number()
        lead, sid = self.booked_lead(number)
        sid2, _ = self.webhook_call(number)
        body = self.admin.json("GET", "/api/v1/leads/%d" % lead)
        self.assertEqual(body["id"], lead)
        self.assertEqual(body["phone"], number)
        self.assertEqual([c["call_sid"] for c in body["calls"]], [sid, sid2])
        self.assertEqual(body["calls"][0]["studio_id"], 1)
        self.assertEqual(len(body["appointments"]), 1)
        ap = body["appointments"][0]
        self.assertEqual(ap["starts_at"], "2026-11-25T14:00:00Z")
        self.assertEqual(ap["starts_local"], "2026-11-25T15:00:00+01:00")
        self.assertEqual(ap["status"], "booked")
        self.assertFalse(body["calls_truncated"])
        self.assertAudited("lead.read", "lead:%d" % lead)

    def test_lead_bad_ids_and_methods(self):
        for bad in ("abc", "0", "-1", "1.5", "01", "1e3", "99999999999999999999", "%31"):
            with self.subTest(id=bad):
                self.assertError(self.admin.get("/api/v1/leads/" + bad), 400, "lead id")
                self.assertError(self.admin.get("/api/v1/leads/%s/export" % bad), 400, "lead id")
                self.assertError(self.admin.request("DELETE", "/api/v1/leads/" + bad), 400, "lead id")
        self.assertError(self.admin.get("/api/v1/leads/987654"), 404, "no such lead")
        self.assertError(self.admin.get("/api/v1/leads/987654/export"), 404, "no such lead")
        self.assertError(self.admin.request("DELETE", "/api/v1/leads/987654"), 404, "no such lead")
        r = self.admin.request("PUT", "/api/v1/leads/1")
        self.assertError(r, 405)
        self.assertEqual(r.headers.get("allow"), "GET, DELETE")
        r = self.admin.request("POST", "/api/v1/leads")
        self.assertError(r, 405)
        self.assertEqual(r.headers.get("allow"), "GET")
        self.assertError(self.admin.request("GET", "/api/v1/appointments/1/cancel"), 405)
        self.assertError(self.admin.get("/api/v1/leads/1/calls"), 404)
        self.assertError(self.admin.get("/api/v1/lead"), 404)
        self.assertError(self.admin.get("/api/v1/leads/1?x=1"), 400, "\"x\"")

    # ---- GDPR

    def test_export_holds_everything_and_erasure_leaves_nothing(self):
        s = self.stack
        number = new_number()
        lead, sid = self.booked_lead(number, "mein name ist gertrud beispielfrau")
        rec_sid = "RE" + os.urandom(16).hex()
        p = voice_params(sid, from_=number, RecordingSid=rec_sid, RecordingStatus="completed",
                         RecordingUrl="https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/" + rec_sid,
                         RecordingDuration="42", RecordingChannels="1", RecordingSource="RecordVerb")
        self.assertTwiml(s.post_twilio(RECORDING, p))
        write_db(s, "INSERT INTO callback_requests (lead_id, studio_id, call_sid, reason) VALUES (?, 1, ?, 'dtmf')",
                 (lead, sid))

        body = self.admin.json("GET", "/api/v1/leads/%d/export" % lead)
        self.assertEqual(body["lead"]["id"], lead)
        self.assertEqual(body["lead"]["phone"], number)
        self.assertEqual(body["lead"]["name"], "Gertrud Beispielfrau")
        self.assertEqual([c["call_sid"] for c in body["calls"]], [sid])
        self.assertIsNotNone(body["calls"][0].get("state"), "the dialog state is personal data too")
        texts = [t["text"] for t in body["turns"]]
        self.assertEqual(len(texts), s.count("dialogflow_conversations", "call_sid = ?", (sid,)))
        self.assertIn("hallo ich hätte gern einen termin", texts)
        self.assertTrue(all(t["reply"] for t in body["turns"]))
        self.assertEqual(len(body["appointments"]), 1)
        self.assertEqual(len(body["sms"]), s.count("sms_outbox", "lead_id = ?", (lead,)))
        self.assertTrue(body["sms"], "the confirmation SMS")
        self.assertEqual(body["sms"][0]["to"], number)
        self.assertIn("bestätigt", body["sms"][0]["body"])
        self.assertEqual([(c["call_sid"], c["reason"]) for c in body["callback_requests"]], [(sid, "dtmf")])
        self.assertEqual([r["recording_sid"] for r in body["recordings"]], [rec_sid])
        self.assertEqual(body["recordings"][0]["duration_seconds"], 42)
        self.assertRegex(body["exported_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertAudited("lead.export", "lead:%d" % lead)

        phone_hash = s.rows("SELECT phone_hash FROM leads WHERE id = ?", (lead,))[0][0]
        body = self.admin.json("DELETE", "/api/v1/leads/%d" % lead)
        self.assertEqual(body["lead_id"], lead)
        self.assertTrue(body["erased"])
        self.assertEqual(body["deleted"]["calls"], 1)
        self.assertGreaterEqual(body["deleted"]["turns"], 3)
        self.assertEqual(body["deleted"]["appointments"], 1)
        self.assertEqual(body["deleted"]["callback_requests"], 1)
        self.assertEqual(body["recordings_pending_deletion"], 1)
        self.assertAudited("lead.erase", "lead:%d" % lead)

        # Nothing of the person is left in any table.
        for table, where, args in (
                ("leads", "id = ? OR phone_hash = ?", (lead, phone_hash)),
                ("lead_call_logs", "lead_id = ? OR call_sid = ?", (lead, sid)),
                ("dialogflow_conversations", "lead_id = ? OR call_sid = ?", (lead, sid)),
                ("appointments", "lead_id = ? OR call_sid = ?", (lead, sid)),
                ("sms_outbox", "lead_id = ?", (lead,)),
                ("callback_requests", "lead_id = ? OR call_sid = ?", (lead, sid)),
                ("recordings", "call_sid = ? OR url IS NOT NULL AND recording_sid = ?", (sid, rec_sid))):
            self.assertEqual(s.count(table, where, args), 0, table)
        self.assertError(self.admin.get("/api/v1/leads/%d" % lead), 404)
        self.assertError(self.admin.get("/api/v1/leads/%d/export" % lead), 404)
        self.assertError(self.admin.request("DELETE", "/api/v1/leads/%d" % lead), 404)
        self.assertEqual(self.admin.json("GET", "/api/v1/leads?phone=" + q(number))["items"], [])

        # Twilio is asked to delete the recording; once it confirms, the row goes too.
        def deleted():
            return [r for r in self.fake.requests()
                    if r["method"] == "DELETE" and r["path"].endswith("/Recordings/%s.json" % rec_sid)]
        wait_until(deleted, 30, what="DELETE of the recording at Twilio")
        wait_until(lambda: s.count("recordings", "recording_sid = ?", (rec_sid,)) == 0, 30,
                   what="the recording row to go")
        # And no copy in the files: the erased pages were overwritten and the WAL emptied.
        data = db_files(s)
        for secret in (sid, phone_hash, rec_sid):
            self.assertNotIn(secret.encode(), data, secret)
        # A new call from the same number starts from nothing.
        sid3, _ = self.webhook_call(number)
        fresh = self.admin.json("GET", "/api/v1/leads/%d" % lead_id_of(s, sid3))
        self.assertEqual((fresh["call_count"], fresh["name"], len(fresh["calls"]), fresh["appointments"]),
                         (1, None, 1, []))

    # ---- appointments

    def test_appointment_filters(self):
        number = new_number()
        lead, _ = self.booked_lead(number)
        ap = self.stack.rows("SELECT id FROM appointments WHERE lead_id = ?", (lead,))[0][0]
        ids = lambda path: [a["id"] for a in self.admin.json("GET", path)["items"]]  # noqa: E731
        self.assertIn(ap, ids("/api/v1/appointments?from=2026-11-25&to=2026-11-25&limit=200"))
        self.assertIn(ap, ids("/api/v1/appointments?from=2026-11-25&limit=200"))
        self.assertIn(ap, ids("/api/v1/appointments?to=2026-11-25&limit=200"))
        self.assertNotIn(ap, ids("/api/v1/appointments?from=2026-11-26&limit=200"))
        self.assertNotIn(ap, ids("/api/v1/appointments?to=2026-11-24&limit=200"))
        self.assertIn(ap, ids("/api/v1/appointments?studio=1&status=booked&limit=200"))
        self.assertIn(ap, ids("/api/v1/appointments?studio=berlin-mitte&limit=200"))
        self.assertNotIn(ap, ids("/api/v1/appointments?studio=muenchen-schwabing&limit=200"))
        self.assertNotIn(ap, ids("/api/v1/appointments?status=cancelled&limit=200"))
        self.assertEqual(ids("/api/v1/appointments?lead=%d" % lead), [ap])
        self.assertAudited("appointments.list", "lead:%d" % lead)
        for query, status, fragment in (
                ("from=2026-11-26&to=2026-11-25", 422, "from"),
                ("from=2026-13-01", 400, "from"),
                ("from=2026-02-30", 400, "from"),
                ("to=25.11.2026", 400, "to"),
                ("from=", 400, "from"),
                ("from=2020-01-01&to=2035-01-01", 422, "days"),
                ("status=gebucht", 422, "status"),
                ("status=", 422, "status"),
                ("studio=999", 422, "studio"),
                ("studio=nowhere", 422, "studio"),
                ("studio=0", 400, "studio"),
                ("lead=abc", 400, "lead"),
                ("limit=0", 422, "limit"),
                ("limit=201", 422, "limit"),
                ("limit=abc", 400, "limit"),
                ("limit=-1", 400, "limit"),
                ("offset=-5", 400, "offset"),
                ("offset=2000000", 422, "offset"),
                ("studio=1&studio=2", 400, "more than once"),
                ("sort=desc", 400, "sort"),
                ("from=%ZZ", 400, "query")):
            with self.subTest(query=query):
                self.assertError(self.admin.get("/api/v1/appointments?" + query), status, fragment)

    def test_cancel(self):
        number = new_number()
        lead, _ = self.booked_lead(number)
        ap = self.stack.rows("SELECT id FROM appointments WHERE lead_id = ?", (lead,))[0][0]
        body = self.admin.json("POST", "/api/v1/appointments/%d/cancel" % ap)
        self.assertEqual(body["id"], ap)
        self.assertEqual(body["status"], "cancelled")
        self.assertEqual(self.stack.rows("SELECT status FROM appointments WHERE id = ?", (ap,))[0][0], "cancelled")
        self.assertEqual(self.stack.count("sms_outbox", "lead_id = ? AND kind = 'cancellation'", (lead,)), 1)
        self.assertAudited("appointment.cancel", "appointment:%d" % ap)
        self.assertError(self.admin.request("POST", "/api/v1/appointments/%d/cancel" % ap), 409, "cancelled")
        self.assertError(self.admin.request("POST", "/api/v1/appointments/987654/cancel"), 404)
        self.assertError(self.admin.request("POST", "/api/v1/appointments/x/cancel"), 400, "appointment id")
        # An appointment in the past cannot be cancelled.
        write_db(self.stack, "INSERT INTO appointments (lead_id, studio_id, starts_at, ends_at) VALUES"
                 " (?, 1, '2026-11-20 09:00:00', '2026-11-20 10:00:00')", (lead,))
        old = self.stack.rows("SELECT max(id) FROM appointments")[0][0]
        self.assertError(self.admin.request("POST", "/api/v1/appointments/%d/cancel" % old), 409, "begun")
        # A body is not read, but one too large is refused before anything happens.
        r = self.admin.request("POST", "/api/v1/appointments/%d/cancel" % old, body=b"x" * (70 * 1024),
                               headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 413, r)

    # ---- lists

    def test_pagination_of_leads(self):
        made = {lead_id_of(self.stack, self.webhook_call()[0]) for _ in range(5)}
        seen, offset, pages = [], 0, 0
        while offset is not None:
            body = self.admin.json("GET", "/api/v1/leads?limit=2&offset=%d" % offset)
            self.assertLessEqual(len(body["items"]), 2)
            self.assertEqual(body["limit"], 2)
            self.assertEqual(body["offset"], offset)
            seen += [lead["id"] for lead in body["items"]]
            offset = body["next_offset"]
            pages += 1
            self.assertLess(pages, 1000)
        self.assertEqual(len(seen), len(set(seen)), "no lead twice")
        self.assertTrue(made <= set(seen))
        self.assertEqual(seen, sorted(seen, reverse=True), "newest first")
        self.assertEqual(len(seen), self.stack.count("leads"))
        body = self.admin.json("GET", "/api/v1/leads?status=new&limit=200")
        self.assertTrue(all(lead["status"] == "new" for lead in body["items"]))
        self.assertError(self.admin.get("/api/v1/leads?status=vip"), 422, "status")
        self.assertAudited("leads.list", "")

    def test_calls_list(self):
        sid, _ = self.webhook_call()
        sid2, _ = self.webhook_call(to=MUENCHEN)
        calls = self.admin.json("GET", "/api/v1/calls?limit=200")["items"]
        sids = [c["call_sid"] for c in calls]
        self.assertIn(sid, sids)
        self.assertIn(sid2, sids)
        self.assertLess(sids.index(sid2), sids.index(sid), "newest first")
        self.assertNotIn("state", calls[0], "the list does not show dialog states")
        lead = lead_id_of(self.stack, sid)
        calls = self.admin.json("GET", "/api/v1/calls?lead=%d" % lead)["items"]
        self.assertEqual([c["call_sid"] for c in calls], [sid])
        self.assertEqual(calls[0]["to"], "+4930901820")
        munich = [c["call_sid"] for c in self.admin.json("GET", "/api/v1/calls?studio=2&limit=200")["items"]]
        self.assertIn(sid2, munich)
        self.assertNotIn(sid, munich)
        # Days around the stack's clock (TERMINFON_FAKE_NOW), which stamps the calls.
        now = calendar.timegm(time.strptime(FAKE_NOW, "%Y-%m-%dT%H:%M:%SZ"))
        day = lambda d: time.strftime("%Y-%m-%d", time.gmtime(now + d * 86400))  # noqa: E731
        recent = self.admin.json("GET", "/api/v1/calls?from=%s&to=%s&status=ringing&limit=200" % (
            day(-1), day(1)))["items"]
        self.assertIn(sid, [c["call_sid"] for c in recent])
        old = self.admin.json("GET", "/api/v1/calls?to=%s&limit=200" % day(-2))["items"]
        self.assertNotIn(sid, [c["call_sid"] for c in old])
        self.assertError(self.admin.get("/api/v1/calls?status=done"), 422, "status")
        self.assertAudited("calls.list", "lead:%d" % lead)

    def test_studios(self):
        body = self.admin.json("GET", "/api/v1/studios")
        slugs = [s["slug"] for s in body["items"]]
        self.assertEqual(slugs, ["berlin-mitte", "muenchen-schwabing"])
        berlin = body["items"][0]
        self.assertEqual(berlin["opening_hours"]["monday"], [["09:00", "13:00"], ["14:00", "20:00"]])
        self.assertEqual(berlin["opening_hours"]["sunday"], [])
        self.assertIn("+4930", berlin["caller_prefixes"])
        self.assertEqual(berlin["timezone"], "Europe/Berlin")
        self.assertError(self.admin.get("/api/v1/studios?limit=1"), 400)

    def test_head_and_json_everywhere(self):
        r = self.admin.request("HEAD", "/api/v1/studios")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")
        r = self.admin.get("/api/v1/nothing-here")
        self.assertError(r, 404)
        json.loads(self.admin.get("/api/v1/leads?limit=1").text)


if __name__ == "__main__":
    run_tests()
