"""test_routing.py: who a call belongs to, through real nginx and terminfon,
played with `terminfon call` as a caller would. The wall clock is fixed with
TERMINFON_FAKE_NOW at 08:30 Berlin time on a Tuesday: the Berlin studio opens
at 9, München (Berlin's overflow studio) at 8. A call to the Berlin number is
greeted as Berlin and books in Berlin; only the hand-over to a person goes to
the open München studio; a caller who asks for München ("lieber in
München", "in der Münchner Filiale") gets München's slots and a München
booking, and the call row says so."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BERLIN, StackTest, run_tests  # noqa: E402

# Tuesday 24 November 2026, 08:30 in Berlin.
NOW = "2026-11-24T07:30:00Z"
MUENCHEN_STAFF = "+4989901821"
FALLBACK = "+4930555000"


def call(stack, *turns, frm, to=BERLIN):
    """Plays one call; returns the bot's lines, the Dials and the CallSid."""
    args = ["call", "--url", stack.base(), "--quiet", "--from", frm, "--to", to]
    for t in turns:
        args += ["--digits", t[1:]] if t.startswith("#") else ["--say", t]
    p = stack.cli(*args, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    lines = [ln[5:] for ln in out.splitlines() if ln.startswith("Bot: ")]
    dials = [ln for ln in out.splitlines() if ln.startswith("[Verbinde mit")]
    return lines, dials, out


class BerlinBeforeOpening(StackTest):
    stack_env = {"TERMINFON_FAKE_NOW": NOW, "FALLBACK_PHONE_NUMBER": FALLBACK}

    def last_call(self):
        """(slug of the call's studio, outcome) of the newest call."""
        return self.stack.rows("SELECT s.slug, c.outcome FROM lead_call_logs c JOIN studios s ON s.id = c.studio_id"
                               " ORDER BY c.id DESC LIMIT 1")[0]

    def appointments(self, frm_lead_sql, args):
        return self.stack.rows("SELECT s.slug, a.starts_at, a.status FROM appointments a"
                               " JOIN studios s ON s.id = a.studio_id WHERE a.lead_id = (" + frm_lead_sql + ")"
                               " ORDER BY a.id", args)

    def newest_lead_appointments(self):
        return self.appointments("SELECT max(id) FROM leads", ())

    def test_greeted_and_booked_as_berlin(self):
        bot, _, out = call(self.stack, "ich hätte gern einen termin morgen um 15 uhr", "anna berg", "ja",
                           "nein danke", frm="+4915100000301")
        self.assertIn("Berlin-Mitte", bot[0], out)
        self.assertNotIn("München", bot[0], out)
        self.assertIn("geschlossen", bot[0], out)          # closed right now, and the agent still books
        self.assertIn("gebucht", bot[3], out)
        self.assertIn("Berlin", bot[3], out)
        self.assertEqual(self.newest_lead_appointments(), [("berlin-mitte", "2026-11-25 14:00:00", "booked")])
        self.assertEqual(self.last_call()[0], "berlin-mitte")

    def test_transfer_goes_to_the_open_studio(self):
        bot, dials, out = call(self.stack, "ich möchte bitte mit einem mitarbeiter sprechen", frm="+4915100000302")
        self.assertIn("Berlin-Mitte", bot[0], out)
        self.assertIn("verbinde", bot[1], out)
        self.assertEqual(dials, ["[Verbinde mit %s]" % MUENCHEN_STAFF], out)
        sid = self.stack.rows("SELECT call_sid FROM lead_call_logs ORDER BY id DESC LIMIT 1")[0][0]
        # The waiting line counted is München's (whose people took the call);
        # the call itself stays Berlin's.
        self.assertEqual(self.stack.rows("SELECT h.number, s.slug FROM handoffs h JOIN studios s ON s.id = h.studio_id"
                                         " WHERE h.call_sid = ?", (sid,)), [(MUENCHEN_STAFF, "muenchen-schwabing")])
        self.assertEqual(self.last_call(), ("berlin-mitte", "transferred"))

    def test_caller_asks_for_muenchen(self):
        bot, _, out = call(self.stack, "ich hätte gern einen termin morgen um 15 uhr", "jonas berg",
                           "lieber in münchen", "den zweiten", "ja", "nein danke", frm="+4915100000303")
        self.assertIn("Berlin-Mitte", bot[0], out)
        self.assertIn("Morgen um 15 Uhr ist noch ein Termin frei", bot[2], out)   # Berlin's slot first
        self.assertIn("Studio in München", bot[3], out)                            # said briefly
        self.assertIn("hätte ich", bot[3], out)
        self.assertIn("München", bot[4], out)                                      # confirmed for München
        self.assertIn("gebucht", bot[5], out)
        self.assertIn("München", bot[5], out)
        # München's grid (45-minute slots from 8:00), not Berlin's: 15:00 is
        # no slot there; the offers, in time order, are 14:00, 14:45 (13:45 UTC)
        # and 15:30.
        self.assertIn("14:45", bot[3], out)
        self.assertEqual(self.newest_lead_appointments(), [("muenchen-schwabing", "2026-11-25 13:45:00", "booked")])
        self.assertEqual(self.last_call(), ("muenchen-schwabing", "booked"))

    def test_muenchner_filiale_at_the_start(self):
        bot, _, out = call(self.stack, "ich möchte einen termin in der münchner filiale", "lea sommer",
                           "morgen vormittag", "den ersten", "ja", "nein danke", frm="+4915100000304")
        self.assertIn("Studio in München", bot[1], out)
        self.assertIn("Nachnamen", bot[1], out)
        self.assertIn("gebucht", bot[5], out)
        self.assertIn("München", bot[5], out)
        rows = self.newest_lead_appointments()
        self.assertEqual([r[0] for r in rows], ["muenchen-schwabing"], rows)
        self.assertEqual(self.last_call(), ("muenchen-schwabing", "booked"))


if __name__ == "__main__":
    run_tests()
