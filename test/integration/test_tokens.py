"""test_tokens.py: admin tokens carry a scope and an id. A "stats" token reads
the dashboard's figures and nothing else (403 with a JSON error elsewhere, no
callers' numbers in the figures); a token limited to one studio sees that
studio only (another studio's lead is 404, GDPR export and erasure are not
for it); a revoked token is refused from its next request on while others
stay valid; tokens without scope or id, or unknown to the database, are
refused; the audit log names each action's scope and token id; and
`terminfon token` mints, lists and revokes them."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin, issue_token, mint_jwt, new_number, q  # noqa: E402
from harness import (BERLIN, MUENCHEN, StackTest, new_call_sid, run_tests,  # noqa: E402
                     voice_params)

WEBHOOK = "/api/v1/twilio/voice/webhook"


class Tokens(StackTest):

    @classmethod
    def setUpClass(cls):
        StackTest.setUpClass.__func__(cls)
        cls.admin = Admin(cls.stack, sub="ops")
        # One caller of each studio.
        cls.berlin_number, cls.muenchen_number = new_number(), new_number()
        for number, to in ((cls.berlin_number, BERLIN), (cls.muenchen_number, MUENCHEN)):
            r = cls.stack.post_twilio(WEBHOOK, voice_params(new_call_sid(), from_=number, to=to))
            assert r.status == 200, r
        cls.berlin_lead = cls.admin.json("GET", "/api/v1/leads?phone=" + q(cls.berlin_number))["items"][0]["id"]
        cls.muenchen_lead = cls.admin.json("GET", "/api/v1/leads?phone=" + q(cls.muenchen_number))["items"][0]["id"]
        studios = {s["slug"]: s["id"] for s in cls.admin.json("GET", "/api/v1/studios")["items"]}
        cls.berlin_id, cls.muenchen_id = studios["berlin-mitte"], studios["muenchen-schwabing"]

    def assertError(self, r, status, fragment=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.content_type.startswith("application/json"), r)
        body = r.json()
        self.assertIsInstance(body.get("error"), str, r)
        if fragment:
            self.assertIn(fragment, body["error"])
        return body["error"]

    def audit_rows(self, token_id):
        return self.stack.rows("SELECT actor, action, target, scope FROM audit_log WHERE token_id = ? ORDER BY id",
                               (token_id,))

    # ---- scope stats

    def test_stats_token_reads_the_figures_only(self):
        stats = Admin(self.stack, sub="wall-display", scope="stats")
        before = self.stack.count("audit_log")
        refused = [
            ("GET", "/api/v1/leads"),
            ("GET", "/api/v1/leads?phone=" + q(self.berlin_number)),
            ("GET", "/api/v1/leads/%d" % self.berlin_lead),
            ("GET", "/api/v1/leads/%d/export" % self.berlin_lead),
            ("DELETE", "/api/v1/leads/%d" % self.berlin_lead),
            ("GET", "/api/v1/calls"),
            ("GET", "/api/v1/appointments"),
            ("POST", "/api/v1/appointments/1/cancel"),
            ("DELETE", "/api/v1/tokens/" + self.admin.token_id),
        ]
        for method, path in refused:
            with self.subTest(route=path, method=method):
                self.assertError(stats.request(method, path), 403, "scope stats")
        r = stats.request("POST", "/api/v1/dialogflow/test", body=json.dumps({"message": "hallo"}),
                          headers={"Content-Type": "application/json"})
        self.assertError(r, 403, "scope stats")
        # Nothing was erased, read or audited.
        self.assertEqual(self.stack.count("leads", "id = ?", (self.berlin_lead,)), 1)
        self.assertEqual(self.stack.count("audit_log"), before)
        self.assertEqual(self.admin.get("/api/v1/tokens/" + self.admin.token_id).status, 405)

        body = stats.json("GET", "/api/v1/stats")
        self.assertGreaterEqual(body["calls"]["total"], 2)
        self.assertTrue(body["recent_calls"])
        # No caller's number, not even a masked one; the admin token still sees them masked.
        for c in body["recent_calls"]:
            self.assertNotIn("caller", c)
        text = json.dumps(body)
        for number in (self.berlin_number, self.muenchen_number):
            self.assertNotIn(number[-4:], text.replace(str(body["generated_at"]), ""))
        callers = [c.get("caller") for c in self.admin.json("GET", "/api/v1/stats")["recent_calls"]]
        self.assertTrue(any(c and "*" in c for c in callers), callers)
        self.assertEqual(len(stats.json("GET", "/api/v1/studios")["items"]), 2)

    # ---- limited to one studio

    def test_studio_token_sees_its_studio_only(self):
        berlin = Admin(self.stack, sub="leitung-berlin", scope="admin", studio="berlin-mitte")
        leads = berlin.json("GET", "/api/v1/leads")["items"]
        ids = {lead["id"] for lead in leads}
        self.assertIn(self.berlin_lead, ids)
        self.assertNotIn(self.muenchen_lead, ids)
        self.assertTrue(all(lead["studio_id"] == self.berlin_id for lead in leads), leads)
        # Another studio's lead is not there at all.
        self.assertEqual(berlin.get("/api/v1/leads/%d" % self.berlin_lead).status, 200)
        self.assertError(berlin.get("/api/v1/leads/%d" % self.muenchen_lead), 404)
        self.assertEqual(berlin.json("GET", "/api/v1/leads?phone=" + q(self.muenchen_number))["items"], [])
        # Calls and appointments: its studio's, asked for or not.
        calls = berlin.json("GET", "/api/v1/calls")["items"]
        self.assertTrue(calls)
        self.assertTrue(all(c["studio_id"] == self.berlin_id for c in calls), calls)
        self.assertError(berlin.get("/api/v1/calls?studio=muenchen-schwabing"), 403, "another studio")
        self.assertError(berlin.get("/api/v1/appointments?studio=%d" % self.muenchen_id), 403)
        self.assertEqual(berlin.get("/api/v1/appointments?studio=berlin-mitte").status, 200)
        # GDPR export and erasure reach into every studio: not with this token.
        self.assertError(berlin.get("/api/v1/leads/%d/export" % self.berlin_lead), 403, "one studio")
        self.assertError(berlin.request("DELETE", "/api/v1/leads/%d" % self.berlin_lead), 403, "one studio")
        self.assertEqual(self.stack.count("leads", "id = ?", (self.berlin_lead,)), 1)
        self.assertError(berlin.request("DELETE", "/api/v1/tokens/" + self.admin.token_id), 403)
        # Its figures are its studio's.
        stats = berlin.json("GET", "/api/v1/stats")
        self.assertEqual(stats["studio"]["slug"], "berlin-mitte")
        self.assertEqual([s["slug"] for s in stats["studios"]], ["berlin-mitte"])
        self.assertEqual([s["slug"] for s in stats["bookings"]["studios"]], ["berlin-mitte"])
        all_calls = self.admin.json("GET", "/api/v1/stats")["calls"]["total"]
        self.assertLess(stats["calls"]["total"], all_calls)
        self.assertError(berlin.get("/api/v1/stats?studio=muenchen-schwabing"), 403)
        self.assertEqual([s["slug"] for s in berlin.json("GET", "/api/v1/studios")["items"]], ["berlin-mitte"])
        # A statistics token of München: München's figures.
        muc = Admin(self.stack, sub="leitung-muenchen", scope="stats", studio="muenchen-schwabing")
        self.assertEqual(muc.json("GET", "/api/v1/stats")["studio"]["slug"], "muenchen-schwabing")
        self.assertError(muc.get("/api/v1/leads"), 403)
        # The audit rows name the scope and the token.
        rows = self.audit_rows(berlin.token_id)
        self.assertIn(("leitung-berlin", "leads.list", "", "admin"), rows)
        self.assertIn(("leitung-berlin", "lead.read", "lead:%d" % self.berlin_lead, "admin"), rows)

    # ---- revocation

    def test_revoked_token_refused_at_once_others_stay(self):
        first = Admin(self.stack, sub="anna", scope="stats")
        second = Admin(self.stack, sub="anna", scope="stats")
        self.assertEqual(first.get("/api/v1/stats").status, 200)
        body = self.admin.json("DELETE", "/api/v1/tokens/" + first.token_id)
        self.assertEqual((body["id"], body["revoked"], body["scope"]), (first.token_id, True, "stats"))
        self.assertError(first.get("/api/v1/stats"), 401, "revoked")
        self.assertEqual(second.get("/api/v1/stats").status, 200)
        # Once more: still revoked, and still 200 (nothing changes).
        self.assertEqual(self.admin.request("DELETE", "/api/v1/tokens/" + first.token_id).status, 200)
        self.assertError(self.admin.request("DELETE", "/api/v1/tokens/0123456789abcdef0123456789abcdef"), 404)
        self.assertError(self.admin.request("DELETE", "/api/v1/tokens/" + "a" * 300), 404)
        self.assertIn(("ops", "token.revoke", "token:" + first.token_id, "admin"),
                      self.audit_rows(self.admin.token_id))
        # From a shell, by id: refused at once too.
        p = self.stack.cli("token", "--revoke", second.token_id, check=True)
        self.assertIn(second.token_id, p.stdout.decode())
        self.assertError(second.get("/api/v1/stats"), 401, "revoked")
        self.assertEqual(self.stack.cli("token", "--revoke", "0123456789abcdef0123456789abcdef").returncode, 1)
        row = self.stack.rows("SELECT revoked_by FROM admin_tokens WHERE id = ?", (second.token_id,))[0]
        self.assertTrue(row[0].startswith("cli:"), row)
        self.assertEqual(self.admin.get("/api/v1/stats").status, 200)

    # ---- tokens the guard does not know

    def test_tokens_without_scope_or_record_refused(self):
        secret = self.stack.env["TERMINFON_JWT_SECRET"]
        now = int(time.time())
        known = self.admin.token_id
        cases = {
            # What `terminfon token` made before tokens had scopes: full admin
            # and not revocable, so refused.
            "no scope, no id": {"sub": "ops", "iat": now, "exp": now + 600},
            "no id": {"sub": "ops", "iat": now, "exp": now + 600, "scope": "admin"},
            "no scope": {"sub": "ops", "iat": now, "exp": now + 600, "jti": known},
            # Signed with the secret, but never minted by terminfon.
            "unknown id": {"sub": "ops", "iat": now, "exp": now + 600, "scope": "admin", "jti": "f" * 32},
            # A known id with a wider scope or another subject than recorded.
            "scope widened": {"sub": "wall", "iat": now, "exp": now + 600, "scope": "admin",
                              "jti": Admin(self.stack, sub="wall", scope="stats").token_id},
            "other subject": {"sub": "mallory", "iat": now, "exp": now + 600, "scope": "admin", "jti": known},
            "studio dropped": {"sub": "b", "iat": now, "exp": now + 600, "scope": "admin",
                               "jti": Admin(self.stack, sub="b", studio="berlin-mitte").token_id},
            "unknown scope": {"sub": "ops", "iat": now, "exp": now + 600, "scope": "root", "jti": known},
        }
        for why, claims in cases.items():
            with self.subTest(why=why):
                token = mint_jwt(secret, claims=claims)
                self.assertError(self.admin.get("/api/v1/stats", token=token), 401)
                self.assertError(self.admin.get("/api/v1/leads", token=token), 401)

    # ---- the subcommand

    def test_token_subcommand(self):
        p = self.stack.cli("token")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--scope", p.stderr.decode())
        self.assertEqual(self.stack.cli("token", "--scope", "root").returncode, 2)
        p = self.stack.cli("token", "--scope", "stats", "--studio", "hamburg")
        self.assertEqual(p.returncode, 2)
        self.assertIn("hamburg", p.stderr.decode())
        self.assertEqual(self.stack.cli("token", "--scope", "admin", "--ttl", "367d").returncode, 2)
        # Plain: the token on stdout, its id on stderr.
        p = self.stack.cli("token", "--scope", "stats", "--sub", "tafel", "--ttl", "12h", check=True)
        token = p.stdout.decode().strip()
        self.assertEqual(token.count("."), 2)
        err = p.stderr.decode()
        row = self.stack.rows("SELECT id, scope, subject, studio_id FROM admin_tokens WHERE subject = 'tafel'")
        self.assertEqual(len(row), 1)
        self.assertIn(row[0][0], err)
        self.assertEqual(row[0][1:], ("stats", "tafel", None))
        self.assertEqual(self.admin.get("/api/v1/stats", token=token).status, 200)
        # JSON, limited to a studio.
        issued = issue_token(self.stack, scope="admin", sub="lisa", studio="muenchen-schwabing", ttl="90m")
        self.assertEqual((issued["scope"], issued["studio"], issued["subject"]), ("admin", "muenchen-schwabing", "lisa"))
        self.assertRegex(issued["id"], r"^[0-9a-f]{32}$")
        self.assertRegex(issued["expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # The list shows both, and no token itself.
        listing = self.stack.cli("token", "--list", check=True).stdout.decode()
        self.assertIn(issued["id"], listing)
        self.assertIn(row[0][0], listing)
        self.assertIn("muenchen-schwabing", listing)
        self.assertNotIn(token, listing)


if __name__ == "__main__":
    run_tests()
