"""test_conversation.py: whole calls through real nginx and terminfon, played
with `terminfon call --say ...` as a caller would, for every flow of the
embedded German agent; each checks what the caller hears and the rows written
(appointment at the right local time and studio, lead name, transfer number,
callback request). The wall clock is fixed with TERMINFON_FAKE_NOW."""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BERLIN, MUENCHEN, StackTest, run_tests, wait_until  # noqa: E402

# Tuesday 24 November 2026, 10:00 in Berlin.
NOW = "2026-11-24T09:00:00Z"


def call(stack, *turns, frm="+4915112340000", to=BERLIN):
    """Plays one call; turns are spoken words, or "#N" for key presses.
    Returns the bot's lines (without "Bot: ")."""
    args = ["call", "--url", stack.base(), "--quiet", "--from", frm, "--to", to]
    for t in turns:
        if t.startswith("#"):
            args += ["--digits", t[1:]]
        else:
            args += ["--say", t]
    p = stack.cli(*args, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    lines = [ln[5:] for ln in out.splitlines() if ln.startswith("Bot: ")]
    dials = [ln for ln in out.splitlines() if ln.startswith("[Verbinde mit")]
    return lines, dials


class Conversations(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "FALLBACK_PHONE_NUMBER": "+4930555000"}

    def appointments(self, where="1 = 1", args=()):
        return self.stack.rows("SELECT studio_id, starts_at, status, lead_id FROM appointments WHERE "
                               + where + " ORDER BY id", args)

    def test_new_caller_books_with_name(self):
        frm = "+4915100000001"
        bot, _ = call(self.stack, "hallo äh ich hätte gern einen termin", "mein name ist max müller",
                      "morgen um 15 uhr", "ja", "nein danke", frm=frm)
        self.assertIn("Nachnamen", bot[1])                       # a new caller is asked for the name
        self.assertIn("Max Müller", bot[2])
        self.assertIn("orgen um 15 Uhr", bot[3])            # the wished slot, confirmed back in full
        self.assertIn("gebucht", bot[4])
        self.assertIn("SMS", bot[4])
        self.assertIn("Auf Wiederhören", bot[5])
        rows = self.appointments("call_sid IN (SELECT call_sid FROM lead_call_logs WHERE outcome = 'booked')")
        self.assertTrue(any(r[1] == "2026-11-25 14:00:00" and r[0] == 1 for r in rows), rows)
        self.assertEqual(self.stack.count("sms_outbox", "kind = 'confirmation'") >= 1, True)
        # The next call greets the caller by name.
        bot, _ = call(self.stack, "tschüss", frm=frm)
        self.assertIn("Max Müller", bot[0])

    def test_availability_first_offer(self):
        frm = "+4915100000002"
        bot, _ = call(self.stack, "welche termine haben sie am donnerstag frei", "anna schmidt",
                      "den ersten", "ja genau", frm=frm)
        self.assertIn("Übermorgen hätte ich", bot[2])            # Thursday, said the way people say it
        self.assertIn("Ist das richtig", bot[3])
        self.assertIn("gebucht", bot[4])
        lead = self.stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")[0][0]
        rows = self.appointments("lead_id = ?", (lead,))
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0][1].startswith("2026-11-26 "), rows)

    def test_muenchen_by_number_called(self):
        frm = "+4915100000003"
        bot, _ = call(self.stack, "ich möchte einen termin am freitag um halb zehn", "frau weber", "ja",
                      frm=frm, to=MUENCHEN)
        self.assertIn("München", bot[0])
        self.assertIn("gebucht", bot[-1])
        lead = self.stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")[0][0]
        self.assertEqual(self.appointments("lead_id = ?", (lead,)), [(2, "2026-11-27 08:30:00", "booked", lead)])

    def test_cancel_and_move(self):
        frm = "+4915100000004"
        call(self.stack, "termin am montag um 11", "lena koch", "ja", frm=frm)
        bot, _ = call(self.stack, "ich muss meinen termin verschieben", "lieber am dienstag um 16 uhr", "ja", frm=frm)
        self.assertIn("Montag, den 30. November, um 11 Uhr", bot[1])   # told which appointment they have
        self.assertIn("Erledigt", bot[-1])
        lead = self.stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")[0][0]
        rows = self.appointments("lead_id = ?", (lead,))
        self.assertEqual([r[2] for r in rows], ["rescheduled", "booked"], rows)
        self.assertEqual(rows[1][1], "2026-12-01 15:00:00")
        bot, _ = call(self.stack, "ich möchte den termin absagen", "ja", "nein", frm=frm)
        self.assertIn("Dienstag, den 1. Dezember, um 16 Uhr", bot[1])
        self.assertIn("abgesagt", bot[2])
        rows = self.appointments("lead_id = ?", (lead,))
        self.assertEqual(rows[-1][2], "cancelled")
        kinds = [r[0] for r in self.stack.rows("SELECT kind FROM sms_outbox WHERE lead_id = ? ORDER BY id", (lead,))]
        self.assertEqual(kinds, ["confirmation", "reschedule", "cancellation"])

    def test_hours_and_address(self):
        bot, _ = call(self.stack, "wie sind ihre öffnungszeiten", "wo ist das studio", "nein danke",
                      frm="+4915100000005")
        self.assertIn("Montag bis Freitag", bot[1])
        self.assertIn("Friedrichstraße 123", bot[2])
        self.assertIn("Auf Wiederhören", bot[3])

    def test_transfer_to_a_person(self):
        bot, dials = call(self.stack, "ich möchte bitte mit einem mitarbeiter sprechen", frm="+4915100000006")
        self.assertIn("verbinde", bot[1])
        self.assertEqual(dials, ["[Verbinde mit +4930901821]"])   # Berlin's transfer number, open now
        sid = self.stack.rows("SELECT call_sid FROM lead_call_logs ORDER BY id DESC LIMIT 1")[0][0]
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "transferred")

    def test_callback_by_key(self):
        bot, _ = call(self.stack, "#1", frm="+4915100000007")
        self.assertIn("zurück", bot[1])
        r = self.stack.rows("SELECT reason, status FROM callback_requests ORDER BY id DESC LIMIT 1")
        self.assertEqual(r, [("dtmf", "pending")])

    def test_not_heard_reprompts_then_transfers(self):
        bot, dials = call(self.stack, "", "", "", frm="+4915100000008")
        self.assertIn("nicht gehört", bot[1])
        self.assertNotEqual(bot[1], bot[2])                   # a different phrasing the second time
        self.assertIn("nicht hören", bot[2])
        self.assertTrue(dials, bot)

    def test_angry_caller_is_put_through(self):
        bot, dials = call(self.stack, "das ist eine absolute frechheit ich bin total wütend und verärgert",
                          frm="+4915100000009")
        self.assertIn("tut mir leid", bot[1])
        self.assertTrue(dials, bot)

    def test_every_turn_is_logged(self):
        frm = "+4915100000010"
        call(self.stack, "termin übermorgen vormittag", "paul schulz", "den zweiten", "ja", frm=frm)
        sid = self.stack.rows("SELECT call_sid FROM lead_call_logs ORDER BY id DESC LIMIT 1")[0][0]
        turns = self.stack.rows("SELECT turn, intent, page, latency_us FROM dialogflow_conversations "
                                "WHERE call_sid = ? ORDER BY turn", (sid,))
        self.assertEqual([t[0] for t in turns], [1, 2, 3, 4])
        self.assertEqual(turns[0][1], "book")
        self.assertTrue(all(t[3] > 0 for t in turns))
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "booked")


def jwt(secret, claims, alg="HS256"):
    def b64(raw):
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    head = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    if alg == "none":
        return head + "." + body + "."
    sig = hmac.new(secret.encode(), (head + "." + body).encode(), hashlib.sha256).digest()
    return head + "." + body + "." + b64(sig)


class TestRoute(StackTest):
    """POST /api/v1/dialogflow/test: one turn through the configured engine
    (here the embedded one), for people trying the agent out."""

    def post(self, token, body):
        return self.stack.request("POST", "/api/v1/dialogflow/test", body=json.dumps(body),
                                  headers={"Content-Type": "application/json",
                                           "Authorization": "Bearer " + token})

    def test_turns_through_the_embedded_agent(self):
        token = self.stack.cli("token", "--scope", "admin", check=True).stdout.decode().strip().splitlines()[-1]
        r = self.post(token, {"message": "wann haben sie geöffnet", "session": "s1"})
        self.assertEqual(r.status, 200, r)
        out = r.json()
        self.assertEqual((out["engine"], out["intent"], out["action"]), ("embedded", "info_hours", "gather"))
        self.assertIn("Montag bis Freitag", out["reply"])
        r = self.post(token, {"message": "ich möchte mit einem menschen sprechen", "session": "s1"})
        self.assertEqual(r.json()["action"], "transfer")
        self.assertEqual(self.post(token, {"text": "hallo"}).status, 422)
        self.assertEqual(self.stack.request("POST", "/api/v1/dialogflow/test", body="{",
                                            headers={"Content-Type": "application/json",
                                                     "Authorization": "Bearer " + token}).status, 400)

    def test_tokens_refused(self):
        secret = self.stack.env["TERMINFON_JWT_SECRET"]
        now = int(time.time())
        good = {"sub": "admin", "iat": now, "exp": now + 600}
        bad = {
            "missing": None,
            "expired": jwt(secret, {"sub": "admin", "iat": now - 7200, "exp": now - 3600}),
            "wrong signature": jwt("x" * 64, good),
            "alg none": jwt(secret, good, alg="none"),
            "alg HS512": jwt(secret, good, alg="HS512"),
        }
        for why, token in bad.items():
            with self.subTest(why=why):
                headers = {"Content-Type": "application/json"}
                if token:
                    headers["Authorization"] = "Bearer " + token
                r = self.stack.request("POST", "/api/v1/dialogflow/test", body='{"message":"hallo"}',
                                       headers=headers)
                self.assertEqual(r.status, 401, why)
                self.assertIn("error", r.json())
        # Well signed but without scope and id (as tokens were minted before
        # scopes): refused as well. One minted by `terminfon token` works.
        self.assertEqual(self.post(jwt(secret, good), {"message": "hallo"}).status, 401)
        token = self.stack.cli("token", "--scope", "admin", check=True).stdout.decode().strip().splitlines()[-1]
        self.assertEqual(self.post(token, {"message": "hallo"}).status, 200)


class DstAndYearEnd(StackTest):
    # Monday 28 December 2026, 10:00 in Berlin.
    stack_env = {"TERMINFON_FAKE_NOW": "2026-12-28T09:00:00Z"}

    def test_second_of_january_said_in_december(self):
        call(self.stack, "ich hätte gern einen termin am 2. januar um 10 uhr", "jana wolf", "ja",
             frm="+4915100000020")
        rows = self.stack.rows("SELECT starts_at FROM appointments ORDER BY id DESC LIMIT 1")
        self.assertEqual(rows, [("2027-01-02 09:00:00",)])


class SummerTime(StackTest):
    # Friday 27 March 2026, 10:00 in Berlin; the clocks go forward on Sunday.
    stack_env = {"TERMINFON_FAKE_NOW": "2026-03-27T09:00:00Z"}

    def test_monday_after_the_switch(self):
        call(self.stack, "termin am montag um 9 uhr", "otto fischer", "ja", frm="+4915100000030")
        rows = self.stack.rows("SELECT starts_at FROM appointments ORDER BY id DESC LIMIT 1")
        self.assertEqual(rows, [("2026-03-30 07:00:00",)])   # 9:00 CEST is 07:00 UTC


if __name__ == "__main__":
    run_tests()
