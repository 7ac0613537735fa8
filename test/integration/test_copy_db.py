"""test_copy_db.py: `terminfon copy-db` moves an installation: a SQLite
database with calls, bookings, SMS and an erased lead is copied into an
empty database (PostgreSQL in the PostgreSQL pass, another SQLite file
otherwise), and a stack on the copy gives the same admin answers as the
original. A target that holds anything is refused, and a bare path, a
missing option or the same database twice get a clear line."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from admin_client import Admin, call, lead_id_of  # noqa: E402

NOW = "2026-11-24T09:00:00Z"

# What the admin API answers about everything copied.
PATHS = [
    "/api/v1/studios",
    "/api/v1/appointments?from=2026-11-01&to=2026-12-31",
    "/api/v1/calls",
    "/api/v1/sms",
    "/api/v1/leads?phone=%2B4915100000071",
    "/api/v1/leads?phone=%2B4915100000072",
]


def answers(stack, admin):
    out = {}
    for p in PATHS:
        r = admin.get(p)
        out[p] = (r.status, r.json() if r.content_type.startswith("application/json") else r.text)
    return out


class CopyDb(harness.unittest.TestCase):
    def test_copy_gives_the_same_answers(self):
        # No Twilio account: SMS stay queued on both sides, so both answer
        # about the same rows whatever their background processes do.
        env = {"TERMINFON_FAKE_NOW": NOW, "TWILIO_ACCOUNT_SID": ""}
        src = harness.Stack(sqlite=True, env=env, name="copy-source").start()
        dst = target = None
        try:
            # Two callers book, the second is erased afterwards (GDPR).
            for n, frm in ((1, "+4915100000071"), (2, "+4915100000072")):
                bot = call(src, "ich hätte gern einen termin", "mein name ist eva kopie%d" % n,
                           "morgen um %d uhr" % (13 + n), "ja", "nein danke", frm=frm)
                self.assertTrue(any("gebucht" in b for b in bot), bot)
            self.assertEqual(src.count("sms_outbox", "kind = 'confirmation'"), 2)
            erased = lead_id_of(src)
            admin = Admin(src)
            admin.json("DELETE", "/api/v1/leads/%d" % erased)
            self.assertEqual(src.count("sms_outbox"), 1)     # the erased caller's SMS went with them
            before = answers(src, admin)
            self.assertEqual(before[PATHS[1]][0], 200)
            src.stop_terminfon()

            target = harness.pg_create_database("copy") if harness.on_postgres() else \
                os.path.join(src.tmp, "copy.db")
            shown = target if not harness.on_postgres() else "postgresql://..."
            p = src.cli("copy-db", "--from", "sqlite:" + src.db_path, "--to", target)
            out = p.stdout.decode()
            self.assertEqual(p.returncode, 0, "%s\n%s" % (out, p.stderr.decode()))
            self.assertIn("the counts agree", out)
            self.assertRegex(out, r"\nleads\s+1\n")               # the erased caller is gone
            self.assertRegex(out, r"\nappointments\s+1\n")
            self.assertRegex(out, r"\naudit_log\s+[1-9]")        # the erasure was recorded

            # Copying again finds the target full.
            p = src.cli("copy-db", "--from", "sqlite:" + src.db_path, "--to", target)
            self.assertEqual(p.returncode, 1, shown)
            self.assertIn("the target is not empty", p.stderr.decode())

            # The same keys open the copy; no seed: the copy is the data.
            keys = {k: src.env[k] for k in ("TERMINFON_DATA_KEY", "TERMINFON_JWT_SECRET", "TWILIO_AUTH_TOKEN")}
            keys.update(env)
            if harness.on_postgres():
                dst = harness.Stack(db_url=target, env=keys, seed=False, name="copy-target").start()
            else:
                keys["TERMINFON_DB"] = target
                dst = harness.Stack(sqlite=True, env=keys, seed=False, name="copy-target")
                dst.db_path = target
                dst.start()
            after = answers(dst, Admin(dst))
            for p in PATHS:
                self.assertEqual(after[p], before[p], p)
            # The copy takes new calls: its ids go on after the copied ones.
            bot = call(dst, "ich hätte gern einen termin", "mein name ist otto neu", "morgen um 16 uhr",
                       "ja", "nein danke", frm="+4915100000073")
            self.assertTrue(any("gebucht" in b for b in bot), bot)
            self.assertEqual(dst.count("appointments"), 2)
        finally:
            src.stop()
            if dst is not None:
                dst.stop()
            if harness.on_postgres() and target is not None:
                harness.pg_drop_database(target)

    def test_bad_arguments(self):
        s = harness.Stack(sqlite=True, name="copy-args")
        try:
            for args, want in ((["--from", "a.db"], "needs --from and --to"),
                               (["--from", "sqlite:a.db", "--to", "a.db"], "the same database")):
                p = s.cli("copy-db", *args)
                self.assertEqual(p.returncode, 2, args)
                self.assertIn(want, p.stderr.decode())
        finally:
            s.cleanup()


if __name__ == "__main__":
    harness.run_tests()
