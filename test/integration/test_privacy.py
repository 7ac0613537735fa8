"""test_privacy.py: personal data at rest and in logs, through real nginx and
terminfon. After a whole call (a name given, an appointment booked, its SMS
queued) neither the database file nor its -wal nor any log holds the number,
the name or what was said in clear text; `terminfon purge` honours the
retention period; `terminfon rekey` moves everything to a new key, merging
the duplicate a call made while the keys rotated."""

import calendar
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fakes"))
from admin_client import FAKE_NOW, Admin, call, db_files, db_values, file_bytes, new_number, q, write_db  # noqa: E402
from fake_twilio import FakeTwilio  # noqa: E402
from harness import Stack, StackTest, on_postgres, run_tests, utc_text, wait_until  # noqa: E402

NAME_WORDS = "mein name ist waltraud quastenflosser"
NAME = "Waltraud Quastenflosser"
PHRASE = "ich hätte gern einen termin wegen meiner hüfte"


def variants(number):
    """The ways a number could show up in a file."""
    return {number, number[1:], "0" + number[3:], number.replace("+", "%2B")}


class Privacy(StackTest):

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeTwilio()
        cls.fake.start()
        cls.stack = Stack(workers=2, name=cls.__name__,
                          env={"TERMINFON_FAKE_NOW": FAKE_NOW, "TWILIO_API_BASE_URL": cls.fake.base_url,
                               "TERMINFON_LOG_LEVEL": "debug"})
        cls.fake.auth_token = cls.stack.auth_token
        cls.stack.start()
        cls.admin = Admin(cls.stack, sub="dpo")

    @classmethod
    def tearDownClass(cls):
        try:
            StackTest.tearDownClass.__func__(cls)
        finally:
            cls.fake.stop()

    def lead_of(self, number):
        items = self.admin.json("GET", "/api/v1/leads?phone=" + q(number))["items"]
        return items[0] if items else None

    def logs(self):
        s = self.stack
        out = file_bytes(s.log_path)
        logdir = os.path.join(s.prefix, "logs")
        for name in os.listdir(logdir):
            out += file_bytes(os.path.join(logdir, name))
        return out

    def test_no_clear_text_in_database_or_logs_after_a_call(self):
        s = self.stack
        number = new_number("+49170")
        bot = call(s, PHRASE, NAME_WORDS, "morgen um 15 uhr", "ja", "nein danke", frm=number)
        self.assertTrue(any("gebucht" in line for line in bot), bot)
        lead = self.lead_of(number)
        self.assertIsNotNone(lead)
        self.assertEqual(lead["name"], NAME, "the agent stored the name (so the test below means something)")
        export = self.admin.json("GET", "/api/v1/leads/%d/export" % lead["id"])
        self.assertIn(PHRASE, [t["text"] for t in export["turns"]])
        self.assertTrue(export["sms"])
        sms_body = export["sms"][0]["body"]
        # The SMS is sent by the background process meanwhile; wait so its writes are in the files too.
        wait_until(lambda: any(r["path"].endswith("/Messages.json") for r in self.fake.requests()), 30,
                   what="the confirmation SMS at Twilio")

        # SQLite: the file and its WAL as on disk; PostgreSQL: every value of
        # every column of every table, read through SQL.
        data = db_values(s) if on_postgres() else db_files(s)
        self.assertTrue(data, "no database files")
        secrets_ = variants(number) | {NAME, NAME.lower(), "Quastenflosser", "quastenflosser", PHRASE,
                                       "wegen meiner h", sms_body[:40]}
        for text in secrets_:
            self.assertNotIn(text.encode("utf-8"), data, "in clear text in the database: %r" % text)
        # The sealed columns are there, as AES-GCM blobs (version 1).
        row = s.rows("SELECT phone_enc, name_enc FROM leads WHERE id = ?", (lead["id"],))[0]
        self.assertTrue(all(isinstance(v, (bytes, memoryview)) and bytes(v)[0] == 1 for v in row), row)
        # Logs: at most a masked number, never the name, the speech or the SMS.
        logs = self.logs()
        for text in variants(number) | {NAME, "quastenflosser", PHRASE, "wegen meiner", sms_body[:40]}:
            self.assertNotIn(text.encode("utf-8"), logs, "in a log: %r" % text)

    def test_purge_honours_retention(self):
        s = self.stack
        old_number, mixed_number, new_number_ = new_number(), new_number(), new_number()
        for n in (old_number, mixed_number, new_number_):
            call(s, PHRASE, NAME_WORDS, "nein danke", frm=n)
        call(s, "wie sind ihre öffnungszeiten", "nein danke", frm=mixed_number)
        old, mixed, new = (self.lead_of(n)["id"] for n in (old_number, mixed_number, new_number_))
        mixed_calls = s.rows("SELECT call_sid FROM lead_call_logs WHERE lead_id = ? ORDER BY id", (mixed,))
        self.assertEqual(len(mixed_calls), 2)
        old_call = mixed_calls[0][0]
        ago = utc_text(-200 * 86400, calendar.timegm(time.strptime(FAKE_NOW, "%Y-%m-%dT%H:%M:%SZ")))
        # The old lead: everything 200 days ago.
        write_db(s, "UPDATE leads SET created_at = ?, updated_at = ?, last_call_at = ? WHERE id = ?",
                 (ago, ago, ago, old))
        for table in ("lead_call_logs", "dialogflow_conversations", "sms_outbox", "callback_requests"):
            write_db(s, "UPDATE %s SET created_at = ? WHERE lead_id = ?" % table, (ago, old))
        write_db(s, "UPDATE lead_call_logs SET updated_at = ?, started_at = ? WHERE lead_id = ?", (ago, ago, old))
        # The mixed lead: its first call is old, its second one recent.
        write_db(s, "UPDATE lead_call_logs SET created_at = ? WHERE call_sid = ?", (ago, old_call))
        write_db(s, "UPDATE dialogflow_conversations SET created_at = ? WHERE call_sid = ?", (ago, old_call))
        # Recordings: one old of the mixed lead, one recent of the new lead.
        rec_old, rec_new = ("RE" + secrets.token_hex(16) for _ in range(2))
        new_call = s.rows("SELECT call_sid FROM lead_call_logs WHERE lead_id = ?", (new,))[0][0]
        write_db(s, "INSERT INTO recordings (call_sid, recording_sid, url, status, created_at)"
                 " VALUES (?, ?, 'https://example.invalid/a', 'completed', ?)", (old_call, rec_old, ago))
        write_db(s, "INSERT INTO recordings (call_sid, recording_sid, url, status)"
                 " VALUES (?, ?, 'https://example.invalid/b', 'completed')", (new_call, rec_new))
        texts_before = s.count("dialogflow_conversations", "lead_id = ? AND text_enc IS NOT NULL", (mixed,))

        p = s.cli("purge", "--days", "180", "--no-twilio", check=True)
        out = p.stdout.decode()
        self.assertRegex(out, r"1 inactive lead\(s\) erased")

        self.assertEqual(s.count("leads", "id = ?", (old,)), 0, "the inactive lead is erased")
        self.assertEqual(s.count("lead_call_logs", "lead_id = ?", (old,)), 0)
        self.assertEqual(s.count("dialogflow_conversations", "lead_id = ?", (old,)), 0)
        self.assertIsNone(self.lead_of(old_number))
        # The mixed lead stays; only its old call lost transcript and state.
        self.assertIsNotNone(self.lead_of(mixed_number))
        self.assertEqual(s.count("dialogflow_conversations",
                                 "call_sid = ? AND (text_enc IS NOT NULL OR reply_enc IS NOT NULL)", (old_call,)), 0)
        self.assertEqual(s.count("lead_call_logs", "call_sid = ? AND state_enc IS NOT NULL", (old_call,)), 0)
        recent_texts = s.count("dialogflow_conversations", "lead_id = ? AND text_enc IS NOT NULL", (mixed,))
        self.assertGreater(recent_texts, 0)
        self.assertLess(recent_texts, texts_before)
        export = self.admin.json("GET", "/api/v1/leads/%d/export" % mixed)
        self.assertTrue(any(t["text"] is None for t in export["turns"]))
        self.assertTrue(any(t["text"] for t in export["turns"]))
        # The recent lead keeps everything.
        self.assertEqual(s.count("dialogflow_conversations", "lead_id = ? AND text_enc IS NULL", (new,)), 0)
        # Only the old recording is to be deleted.
        marked = dict(s.rows("SELECT recording_sid, delete_requested_at IS NOT NULL FROM recordings"
                             " WHERE recording_sid IN (?, ?)", (rec_old, rec_new)))
        self.assertEqual(marked.get(rec_new), 0)
        self.assertIn(rec_old, marked)
        self.assertEqual(s.rows("SELECT actor, action FROM audit_log WHERE action = 'retention.purge'"
                                " ORDER BY id DESC LIMIT 1")[0][1], "retention.purge")
        self.assertIn(("retention", "lead.erase", "lead:%d" % old),
                      s.rows("SELECT actor, action, target FROM audit_log"))
        # Running it again finds nothing more.
        out = s.cli("purge", "--days", "180", "--no-twilio", check=True).stdout.decode()
        self.assertRegex(out, r"0 transcript\(s\) and 0 dialog state\(s\) cleared, 0 SMS deleted, 0 inactive")
        # Twilio deletes the old recording; the recent one is left alone.
        wait_until(lambda: s.count("recordings", "recording_sid = ? AND status = 'deleted'", (rec_old,)), 30,
                   what="the old recording deleted at Twilio")
        self.assertEqual(s.count("recordings", "recording_sid = ? AND deleted_at IS NULL", (rec_new,)), 1)
        self.assertFalse([r for r in self.fake.requests() if rec_new in r["path"]])
        # --days is validated.
        self.assertEqual(s.cli("purge", "--days", "0").returncode, 2)
        self.assertEqual(s.cli("purge", "--days", "x").returncode, 2)

    def test_rekey_moves_everything_to_the_new_key(self):
        s = self.stack
        key_a = s.env["TERMINFON_DATA_KEY"]
        key_b = secrets.token_hex(32)
        number = new_number("+49171")
        call(s, PHRASE, NAME_WORDS, "nein danke", frm=number)
        first = self.lead_of(number)["id"]

        def key_ids():
            ids = set()
            for sql in ("SELECT phone_enc, name_enc, email_enc FROM leads",
                        "SELECT state_enc FROM lead_call_logs",
                        "SELECT text_enc, reply_enc, entities_enc FROM dialogflow_conversations",
                        "SELECT to_enc, body_enc FROM sms_outbox"):
                for row in s.rows(sql):
                    ids |= {bytes(v[1:5]) for v in row if v is not None}
            return ids

        self.assertEqual(len(key_ids()), 1)
        # Rotation: the new key first; calls go on while the old key still opens.
        s.stop_terminfon()
        s.env["TERMINFON_DATA_KEY"] = key_b + "," + key_a
        s.start_terminfon(wait=True)
        leads_before = s.count("leads")
        call(s, "guten tag", "nein danke", frm=number)
        self.assertEqual(len(key_ids()), 2)
        # A lookup under the current key only makes a second lead for the same number.
        duplicate = s.count("leads") - leads_before
        p = s.cli("rekey", "--batch", "2", check=True)
        out = p.stdout.decode()
        self.assertRegex(out, r"[1-9][0-9]* re-sealed")
        self.assertIn("%d duplicate lead(s) merged" % duplicate, out)
        self.assertEqual(s.count("leads"), leads_before)
        self.assertEqual(len(key_ids()), 1, "everything under one key")
        again = s.cli("rekey", check=True).stdout.decode()
        self.assertRegex(again, r" 0 re-sealed, 0 phone hash\(es\) recomputed, 0 duplicate")
        # Without the old key everything still opens, and the number is found.
        s.stop_terminfon()
        s.env["TERMINFON_DATA_KEY"] = key_b
        s.start_terminfon(wait=True)
        lead = self.lead_of(number)
        self.assertEqual(lead["id"], first, "the lead of the rotation window was merged into the first one")
        self.assertEqual(lead["name"], NAME)
        self.assertEqual(lead["call_count"], 2)
        export = self.admin.json("GET", "/api/v1/leads/%d/export" % first)
        self.assertEqual(len(export["calls"]), 2)
        self.assertIn(PHRASE, [t["text"] for t in export["turns"]])
        self.assertFalse([lead for lead in self.admin.json("GET", "/api/v1/leads?limit=200")["items"]
                          if lead.get("unreadable")])
        self.assertTrue(s.rows("SELECT 1 FROM audit_log WHERE action = 'data.rekey'"))


if __name__ == "__main__":
    run_tests()
