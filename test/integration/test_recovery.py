"""test_recovery.py: whole calls through real nginx and terminfon, played with
`terminfon call --say ...`, in which the conversation recovers instead of
failing: a name said at the offer step, an hours question in the middle of a
booking, an either-or question when the agent is unsure, a question nobody
here can answer (a person is offered), the second silence (put through), a day
gone by (refused kindly), the studio's FAQ answered before the booking goes
on, a cancellation confirmed before it happens; and the studio FAQ through the
admin API (/api/v1/studios/{slug}/faq), audited. The wall clock is fixed with
TERMINFON_FAKE_NOW."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin, issue_token  # noqa: E402
from harness import BERLIN, MUENCHEN, StackTest, run_tests  # noqa: E402

# Tuesday 24 November 2026, 10:00 in Berlin.
NOW = "2026-11-24T09:00:00Z"


def call(stack, *turns, frm, to=BERLIN):
    """Plays one call; turns are spoken words ("" for silence), or "#N" for
    key presses. Returns the bot's lines (without "Bot: ") and the dials."""
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


class Recovery(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "FALLBACK_PHONE_NUMBER": "+4930555000"}

    def lead_of(self, frm):
        rows = self.stack.rows("SELECT lead_id FROM lead_call_logs ORDER BY id DESC LIMIT 1")
        return rows[0][0]

    def appointments(self, lead):
        return self.stack.rows("SELECT starts_at, status FROM appointments WHERE lead_id = ? ORDER BY id", (lead,))

    def test_name_at_the_offer_step(self):
        frm = "+4915100000201"
        bot, _ = call(self.stack, "ich hätte gern einen termin am donnerstag", "nein", "anna schmidt", "den ersten", "ja",
                      frm=frm)
        self.assertIn("Welcher Termin passt Ihnen?", bot[2])
        self.assertNotIn("nicht", bot[3])                          # not "nicht verstanden"
        self.assertIn("Vielen Dank, Anna Schmidt.", bot[3])
        self.assertIn("Welcher Termin passt Ihnen?", bot[3])       # the offer again
        self.assertIn("gebucht", bot[5])
        # The name is kept: the next call greets the caller by it.
        bot, _ = call(self.stack, "tschüss", frm=frm)
        self.assertIn("Anna Schmidt", bot[0])

    def test_hours_question_in_the_middle_of_a_booking(self):
        frm = "+4915100000202"
        bot, _ = call(self.stack, "termin am donnerstag", "max müller", "wie sind ihre öffnungszeiten", "den zweiten",
                      "ja", frm=frm)
        self.assertIn("Montag bis Freitag", bot[3])
        self.assertIn("Zurück zu Ihrem Termin", bot[3])
        self.assertIn("Welcher Termin passt Ihnen?", bot[3])
        self.assertIn("Ist das richtig?", bot[4])
        self.assertIn("gebucht", bot[5])
        rows = self.appointments(self.lead_of(frm))
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0][0].startswith("2026-11-26 "), rows)

    def test_either_or_when_unsure(self):
        frm = "+4915100000203"
        call(self.stack, "termin am montag um 11", "lena koch", "ja", frm=frm)
        bot, _ = call(self.stack, "ich weiß nicht ob ich den termin absagen oder verschieben soll", "verschieben",
                      "dienstag um 16 uhr", "ja", frm=frm)
        self.assertIn("absagen oder verschieben?", bot[1])
        self.assertIn("Montag, den 30. November, um 11 Uhr", bot[2])
        self.assertIn("Erledigt", bot[4])
        rows = self.appointments(self.lead_of(frm))
        self.assertEqual([r[1] for r in rows], ["rescheduled", "booked"], rows)

    def test_unknown_question_offers_a_person(self):
        bot, dials = call(self.stack, "kann ich bei ihnen mit karte bezahlen", "ja bitte", frm="+4915100000204")
        self.assertNotIn("nicht ganz verstanden", bot[1])
        self.assertIn("nicht sicher beantworten", bot[1])
        self.assertIn("verbinden", bot[1])
        self.assertEqual(dials, ["[Verbinde mit +4930901821]"])

    def test_second_silence_is_put_through(self):
        bot, dials = call(self.stack, "", "", frm="+4915100000205")
        self.assertIn("nicht gehört", bot[1])
        self.assertIn("nicht hören", bot[2])
        self.assertTrue(dials, bot)
        sid = self.stack.rows("SELECT call_sid FROM lead_call_logs ORDER BY id DESC LIMIT 1")[0][0]
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "transferred")

    def test_past_day_refused(self):
        p = self.stack.cli("parse-date", "--now", "2026-11-24T10:00:00+01:00", "letzten dienstag", check=True)
        said = json.loads(p.stdout)
        self.assertEqual((said["value"], said["past"]), ("2026-11-17", True))
        frm = "+4915100000206"
        bot, _ = call(self.stack, "ich möchte einen termin am letzten dienstag", "donnerstag um 10", frm=frm)
        self.assertIn("Dienstag, der 17. November, ist leider schon vorbei.", bot[1])
        self.assertIn("Wann würde es Ihnen denn passen?", bot[1])
        self.assertIn("Übermorgen um 10 Uhr ist noch ein Termin frei.", bot[2])   # Thursday, the day after tomorrow
        self.assertFalse(self.stack.rows("SELECT id FROM appointments WHERE starts_at < '2026-11-24'"))

    def test_faq_answered_then_booking_goes_on(self):
        frm = "+4915100000207"
        bot, _ = call(self.stack, "ich hätte gern einen termin übermorgen", "jonas weber",
                      "was kostet denn eine sitzung", "den ersten", "ja", frm=frm)
        self.assertIn("zwischen 39 und 69 Euro", bot[3])
        self.assertIn("Welcher Termin passt Ihnen?", bot[3])
        self.assertIn("gebucht", bot[5])
        rows = self.appointments(self.lead_of(frm))
        self.assertTrue(rows and rows[0][0].startswith("2026-11-26 "), rows)
        turns = self.stack.rows("SELECT intent FROM dialogflow_conversations WHERE call_sid ="
                                " (SELECT call_sid FROM lead_call_logs ORDER BY id DESC LIMIT 1) ORDER BY turn")
        self.assertEqual(turns[2][0], "info_faq")

    def test_cancel_is_confirmed_before_it_happens(self):
        frm = "+4915100000208"
        call(self.stack, "termin morgen um 15 uhr", "eva berg", "ja", frm=frm)
        lead = self.lead_of(frm)
        bot, _ = call(self.stack, "ich möchte meinen termin stornieren", frm=frm)
        self.assertIn("Soll ich Ihren Termin morgen um 15 Uhr im Studio Berlin absagen?", bot[1])
        self.assertEqual([r[1] for r in self.appointments(lead)], ["booked"])   # not on one word
        bot, _ = call(self.stack, "ich möchte meinen termin stornieren", "ja", frm=frm)
        self.assertIn("abgesagt", bot[2])
        self.assertEqual([r[1] for r in self.appointments(lead)], ["cancelled"])

    def test_time_that_is_no_slot_start(self):
        bot, _ = call(self.stack, "ich möchte einen termin morgen um halb drei", "karl lang", frm="+4915100000209")
        self.assertIn("Termine beginnen bei uns jeweils zur vollen Stunde.", bot[2])
        self.assertNotIn("nichts mehr frei", bot[2])
        self.assertLess(bot[2].index("um 14 Uhr"), bot[2].index("um 15 Uhr"))


class FaqApi(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = Admin(cls.stack, sub="ops-faq")

    def send(self, method, path, body=None, token="default"):
        data = json.dumps(body) if isinstance(body, dict) else body
        return self.admin.request(method, path, body=data, token=token,
                                  headers={"Content-Type": "application/json"} if body is not None else None)

    def test_crud_audited_and_answered_on_the_phone(self):
        base = "/api/v1/studios/berlin-mitte/faq"
        items = self.admin.json("GET", base)["items"]
        self.assertEqual(sorted(i["topic"] for i in items), ["dauer", "mitbringen", "parken", "preise"])
        r = self.send("POST", base, {"topic": "zahlung", "keywords": "karte, bar bezahlen, ec",
                                     "answer": "Bei uns zahlen Sie bar oder mit Karte."})
        self.assertEqual(r.status, 201, r)
        row = r.json()
        self.assertEqual((row["studio"], row["topic"]), ("berlin-mitte", "zahlung"))
        self.assertEqual(self.send("POST", base, {"topic": "zahlung", "keywords": "x", "answer": "y"}).status, 409)
        self.assertEqual(self.send("POST", base, {"topic": "x", "keywords": "y"}).status, 422)
        self.assertEqual(self.send("POST", base, "{").status, 400)
        self.assertIn(("ops-faq", "faq.create", "faq:%d" % row["id"]), self.admin.audit("faq.create"))

        bot, _ = call(self.stack, "kann ich bei ihnen mit karte bezahlen", "nein danke", frm="+4915100000301")
        self.assertIn("bar oder mit Karte", bot[1])
        # `terminfon nlu --studio` shows the row the phone line answers with.
        said = json.loads(self.stack.cli("nlu", "--studio", "berlin-mitte", "kann ich bei ihnen mit karte bezahlen",
                                         check=True).stdout)
        self.assertEqual((said["intent"], said["faq"]["topic"]), ("info_faq", "zahlung"))
        self.assertIn("bar oder mit Karte", said["faq"]["answer"])
        said = json.loads(self.stack.cli("nlu", "--studio", "berlin-mitte", "guten tag", check=True).stdout)
        self.assertIsNone(said["faq"])
        self.assertNotEqual(self.stack.cli("nlu", "--studio", "nowhere", "guten tag").returncode, 0)

        r = self.send("PUT", "%s/%d" % (base, row["id"]), {"answer": "Nur mit Karte, bitte."})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["answer"], "Nur mit Karte, bitte.")
        self.assertEqual(self.admin.json("GET", "%s/%d" % (base, row["id"]))["answer"], "Nur mit Karte, bitte.")
        # Another studio's path does not reach the row.
        self.assertEqual(self.admin.get("/api/v1/studios/muenchen-schwabing/faq/%d" % row["id"]).status, 404)
        self.assertEqual(self.admin.get("/api/v1/studios/nowhere/faq").status, 404)
        self.assertEqual(self.admin.request("DELETE", "%s/%d" % (base, row["id"])).status, 200)
        self.assertEqual(self.admin.request("DELETE", "%s/%d" % (base, row["id"])).status, 404)
        self.assertIn(("ops-faq", "faq.delete", "faq:%d" % row["id"]), self.admin.audit("faq.delete"))

    def test_scopes(self):
        stats = issue_token(self.stack, scope="stats", sub="dash")["token"]
        self.assertEqual(self.admin.get("/api/v1/studios/berlin-mitte/faq", token=stats).status, 403)
        self.assertEqual(self.admin.get("/api/v1/studios/berlin-mitte/faq", token=None).status, 401)
        munich = issue_token(self.stack, scope="admin", sub="muc", studio="muenchen-schwabing")["token"]
        self.assertEqual(self.admin.get("/api/v1/studios/berlin-mitte/faq", token=munich).status, 404)
        self.assertEqual(self.admin.get("/api/v1/studios/muenchen-schwabing/faq", token=munich).status, 200)
        self.assertEqual(self.send("PATCH", "/api/v1/studios/berlin-mitte/faq/1", {"answer": "x"}).status, 405)


if __name__ == "__main__":
    run_tests()
