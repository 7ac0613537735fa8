"""test_sms_sender.py: who confirmation SMS come from, through real nginx,
`terminfon serve` and its background sender, against the Twilio fake. The
example studios' numbers are landlines that cannot send SMS (the fake refuses
them with 21606, as Twilio does): a booking's SMS goes out From
TWILIO_PHONE_NUMBER, from a studio's alphanumeric sender ID, or through its
Messaging Service (MessagingServiceSid instead of From), never From the
landline; one Twilio refuses shows in the admin API (GET /api/v1/sms and the
lead's detail, masked and without text) and in the dashboard's figures. A
malformed sender stops `serve` and `check-config` with one line; check-config
also names misspelt variables, a time zone that does not exist and a
malformed Account SID; `-h`, `--version` and mistyped commands answer."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fakes"))
from admin_client import FAKE_NOW, Admin, call, new_number, write_db  # noqa: E402
from fake_twilio import FakeTwilio  # noqa: E402
from harness import BERLIN, MUENCHEN, Stack, StackTest, run_tests, wait_until  # noqa: E402

SENDER = "+4915730000001"                       # TWILIO_PHONE_NUMBER: a mobile number that can text
SERVICE = "MG0123456789abcdef0123456789abcdef"


class SmsSender(StackTest):

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeTwilio(sms_incapable=[BERLIN, MUENCHEN])
        cls.fake.start()
        cls.stack = Stack(workers=2, name=cls.__name__,
                          env={"TERMINFON_FAKE_NOW": FAKE_NOW, "TWILIO_API_BASE_URL": cls.fake.base_url,
                               "TWILIO_PHONE_NUMBER": SENDER})
        cls.fake.auth_token = cls.stack.auth_token
        cls.stack.start()
        cls.admin = Admin(cls.stack, sub="ops-sms")
        # Tokens are recorded in the database when `terminfon token` knows scopes.
        p = cls.stack.cli("token", "--scope", "admin", "--sub", "ops-sms")
        lines = [ln for ln in p.stdout.decode().splitlines() if ln.strip()]
        if p.returncode == 0 and lines:
            cls.admin.token = lines[-1].strip()

    @classmethod
    def tearDownClass(cls):
        try:
            StackTest.tearDownClass.__func__(cls)
        finally:
            cls.fake.stop()

    # ---- helpers

    def set_sender(self, sender, slug="berlin-mitte"):
        write_db(self.stack, "UPDATE studios SET sms_sender = ? WHERE slug = ?", (sender, slug))

    def book(self, hour):
        """A new caller books tomorrow at hour in Berlin (each test its own
        hour: a slot holds two); returns (number, lead id)."""
        number = new_number("+49151")
        call(self.stack, "hallo ich hätte gern einen termin", "mein name ist erika mustermann",
             "morgen um %d uhr" % hour, "ja", "nein danke", frm=number)
        rows = self.stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")
        lead = rows[0][0]
        self.assertEqual(self.stack.count("appointments", "lead_id = ? AND status = 'booked'", (lead,)), 1,
                         "the call booked nothing")
        return number, lead

    def sms_request(self, number):
        """The fake's record of the confirmation to number, once it came."""
        def found():
            return [r for r in self.fake.requests()
                    if r["path"].endswith("/Messages.json") and r["form"].get("To") == number]
        wait_until(lambda: found(), 15, what="the SMS request to the fake")
        return found()[0]

    # ---- who sends

    def test_default_sender_is_twilio_phone_number(self):
        self.set_sender(None)
        number, _ = self.book(10)
        r = self.sms_request(number)
        self.assertEqual(r["form"].get("From"), SENDER)
        self.assertNotIn("MessagingServiceSid", r["form"])
        self.assertEqual(r["status"], 201)
        # The text still gives the studio's voice number to call back.
        self.assertIn(BERLIN, r["form"]["Body"])

    def test_alphanumeric_sender_of_a_studio(self):
        self.set_sender("AILiegen")
        try:
            number, _ = self.book(11)
            r = self.sms_request(number)
            self.assertEqual(r["form"].get("From"), "AILiegen")
            self.assertEqual(r["status"], 201)
        finally:
            self.set_sender(None)

    def test_messaging_service_of_a_studio(self):
        self.set_sender(SERVICE)
        try:
            number, _ = self.book(15)
            r = self.sms_request(number)
            self.assertEqual(r["form"].get("MessagingServiceSid"), SERVICE)
            self.assertNotIn("From", r["form"])
            self.assertEqual(r["status"], 201)
        finally:
            self.set_sender(None)

    def test_zz_no_sms_ever_from_a_landline(self):
        sent = [r for r in self.fake.requests() if r["path"].endswith("/Messages.json")]
        self.assertTrue(sent)
        self.assertFalse([r for r in sent if r["form"].get("From") in (BERLIN, MUENCHEN) and r["status"] == 201])

    # ---- a refused SMS is seen

    def test_refused_sms_in_admin_api_and_dashboard(self):
        self.set_sender(BERLIN)         # the landline entered as sender by mistake
        try:
            number, lead = self.book(16)
            r = self.sms_request(number)
            self.assertEqual(r["status"], 400)
            self.assertEqual(r["form"].get("From"), BERLIN)
        finally:
            self.set_sender(None)
        wait_until(lambda: self.stack.count("sms_outbox", "lead_id = ? AND status = 'failed'", (lead,)) == 1, 15,
                   what="the SMS marked failed")

        body = self.admin.json("GET", "/api/v1/sms?status=failed")
        mine = [m for m in body["items"] if m["lead_id"] == lead]
        self.assertEqual(len(mine), 1, body)
        m = mine[0]
        self.assertEqual(m["status"], "failed")
        self.assertEqual(m["kind"], "confirmation")
        self.assertEqual(m["from"], BERLIN)
        self.assertEqual(m["error"], "http 400, code 21606")
        self.assertIn("kann keine SMS senden", m["reason"])
        self.assertNotEqual(m["to"], number)
        self.assertTrue(m["to"].startswith(number[:6]) and "*" in m["to"], m["to"])
        text = json.dumps(body, ensure_ascii=False)
        self.assertNotIn(number, text)
        self.assertNotIn("Termin", text)            # no SMS text
        self.assertNotIn("body", m)
        # Only failed ones are listed; a bad status is refused.
        self.assertTrue(all(x["status"] == "failed" for x in body["items"]))
        self.assertEqual(self.admin.get("/api/v1/sms?status=kaputt").status, 422)

        detail = self.admin.json("GET", "/api/v1/leads/%d" % lead)
        self.assertEqual([s["status"] for s in detail["sms"]], ["failed"])
        self.assertIn("kann keine SMS senden", detail["sms"][0]["reason"])

        stats = self.admin.json("GET", "/api/v1/stats")
        items = stats["sms_not_delivered"]["items"]
        self.assertIn(m["id"], [x["id"] for x in items])
        mine = [x for x in items if x["id"] == m["id"]][0]
        self.assertIn("kann keine SMS senden", mine["reason"])
        self.assertNotIn("to", mine)                # the dashboard gets no numbers of callers
        self.assertIn("Abnehmen im Liegen", mine["studio"])

    # ---- start-up checks

    def test_malformed_sender_stops_serve_and_check_config(self):
        self.set_sender("Abnehmen im Liegen", slug="muenchen-schwabing")   # 18 characters: too long
        try:
            p = self.stack.cli("check-config")
            self.assertEqual(p.returncode, 1, p)
            err = p.stderr.decode()
            self.assertIn("studio muenchen-schwabing: sms_sender must be", err)
            self.assertNotIn("configuration ok", p.stdout.decode())
            sock = os.path.join(self.stack.tmp, "second.sock")
            started = time.monotonic()
            p = self.stack.cli("serve", "--socket", sock, timeout=30)
            self.assertEqual(p.returncode, 1, p)
            self.assertLess(time.monotonic() - started, 20)
            lines = [ln for ln in p.stderr.decode().splitlines() if "sms_sender" in ln]
            self.assertEqual(len(lines), 1, p.stderr.decode())
            self.assertIn("studio muenchen-schwabing", lines[0])
            self.assertFalse(os.path.exists(sock))
        finally:
            self.set_sender(None, slug="muenchen-schwabing")
        p = self.stack.cli("check-config")
        self.assertEqual(p.returncode, 0, p)

    def test_check_config_without_any_sender(self):
        p = self.stack.cli("check-config", env={"TWILIO_PHONE_NUMBER": ""})
        self.assertEqual(p.returncode, 1, p)
        err = p.stderr.decode()
        self.assertIn("studio berlin-mitte has no SMS sender", err)
        self.assertIn("never used for SMS", err)

    def test_check_config_says_what_is_wrong(self):
        cases = [
            ({"TERMINFON_TIMEZONE": "Europe/Berln"}, 1, "TERMINFON_TIMEZONE 'Europe/Berln' is not a known time zone"),
            ({"TWILIO_ACCOUNT_SID": "AC123"}, 1, "TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits"),
            ({"TERMINFON_WOKERS": "8"}, 0, "TERMINFON_WOKERS is not a setting of terminfon and is ignored; "
                                           "did you mean TERMINFON_WORKERS?"),
            ({"TWILO_AUTH_TOKEN": "x", "TWILIO_AUTH_TOKEN": ""}, 1, "(TWILO_AUTH_TOKEN is set: misspelt?)"),
            ({"BASE_URL": ""}, 0, "BASE_URL is empty"),
        ]
        for env, rc, fragment in cases:
            with self.subTest(env=env):
                p = self.stack.cli("check-config", env=env)
                self.assertEqual(p.returncode, rc, p)
                self.assertIn(fragment, p.stderr.decode())
                self.assertEqual(len([ln for ln in p.stderr.decode().splitlines() if fragment in ln]), 1)
                if rc:
                    self.assertNotIn("configuration ok", p.stdout.decode())
                else:
                    self.assertIn("configuration ok, with", p.stdout.decode())
        p = self.stack.cli("check-config", env={"BASE_URL": "https://termine.example.de"})
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(p.stdout.decode().splitlines()[-1], "configuration ok")

    def test_help_version_and_mistyped_commands(self):
        for flag in ("-h", "--help", "help"):
            p = self.stack.cli(flag)
            self.assertEqual(p.returncode, 0, flag)
            self.assertIn("check-config", p.stdout.decode())
        p = self.stack.cli("--version")
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout.decode(), r"^terminfon [0-9]+\.[0-9]+\.[0-9]+")
        for typo, meant in (("serv", "serve"), ("chek-config", "check-config"), ("migarte", "migrate")):
            p = self.stack.cli(typo)
            self.assertEqual(p.returncode, 2)
            self.assertIn("did you mean '%s'?" % meant, p.stderr.decode())
        p = self.stack.cli("frobnicate")
        self.assertEqual(p.returncode, 2)
        self.assertNotIn("did you mean", p.stderr.decode())


if __name__ == "__main__":
    run_tests()
