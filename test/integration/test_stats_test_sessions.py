"""test_stats_test_sessions.py: turns of POST /api/v1/dialogflow/test (people
trying the agent out) are no calls: after several test sessions, one of them
asking for a person and one booking, the figures of GET /api/v1/stats (calls,
outcomes, success rate, funnel, bookings, recent calls: what the dashboard
shows) and the Prometheus call and booking counters are what they were. A real
call afterwards does change them, so the comparison can see a difference."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin, new_number  # noqa: E402
from harness import BERLIN, StackTest, new_call_sid, run_tests, voice_params  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"
COUNTERS = ("terminfon_calls_started_total", "terminfon_call_outcomes_total", "terminfon_bookings_total",
            "terminfon_bookings_rejected_total", "terminfon_leads_created_total")


class TestSessionsOutOfStats(StackTest):

    @classmethod
    def setUpClass(cls):
        StackTest.setUpClass.__func__(cls)
        cls.admin = Admin(cls.stack, sub="ops")

    def real_call(self):
        r = self.stack.post_twilio(WEBHOOK, voice_params(new_call_sid(), from_=new_number(), to=BERLIN))
        self.assertTwiml(r)

    def turn(self, session, message):
        body = self.admin.json("POST", "/api/v1/dialogflow/test", body=json.dumps({"message": message,
                                                                                   "session": session}),
                               headers={"Content-Type": "application/json"})
        return body

    def metrics(self):
        text = self.stack.request("GET", "/api/v1/metrics").text
        out = {}
        for ln in text.splitlines():
            name = ln.split("{", 1)[0].split(" ", 1)[0]
            if name in COUNTERS:
                out[ln.rsplit(" ", 1)[0]] = float(ln.rsplit(" ", 1)[1])
        return out

    def figures(self, studio=None):
        """What the dashboard shows of the stats, without the clock and the
        request latencies (which the test route's own requests do not touch,
        but the admin requests of this test may)."""
        body = self.admin.json("GET", "/api/v1/stats" + ("?studio=" + studio if studio else ""))
        return {k: body[k] for k in ("calls", "funnel", "bookings", "recent_calls")}

    def test_test_turns_leave_every_figure_alone(self):
        self.real_call()
        before, before_berlin, before_metrics = self.figures(), self.figures("berlin-mitte"), self.metrics()
        self.assertEqual(before["calls"]["total"], 1)
        # Session a books (taking the first offer when the wish is taken),
        # b asks for a person, c only says goodbye.
        self.assertEqual(self.turn("probe-a", "wann haben sie geöffnet")["intent"], "info_hours")
        reply = self.turn("probe-a", "ich möchte einen termin übermorgen um 15 uhr")
        for _ in range(3):
            if reply.get("outcome") == "booked":
                break
            reply = self.turn("probe-a", "ja" if "richtig" in reply["reply"] else "den ersten")
        self.assertEqual(reply.get("outcome"), "booked", reply)
        self.assertEqual(self.turn("probe-b", "ich möchte mit einem menschen sprechen")["action"], "transfer")
        self.assertEqual(self.turn("probe-c", "auf wiederhören")["action"], "hangup")
        # The sessions ran and left their rows, marked as tests.
        self.assertEqual(self.stack.count("lead_call_logs", "direction = 'test'"), 3)
        self.assertEqual(self.stack.count("lead_call_logs", "direction = 'test' AND outcome IS NOT NULL"), 3,
                         self.stack.rows("SELECT call_sid, outcome FROM lead_call_logs"))
        self.assertEqual(self.stack.count("appointments", "call_sid LIKE 'TEST-%' AND source = 'test'"), 1)

        self.assertEqual(self.figures(), before)
        self.assertEqual(self.figures("berlin-mitte"), before_berlin)
        self.assertEqual(self.metrics(), before_metrics)

        # A real call is counted: the comparison above would have seen one.
        self.real_call()
        after = self.figures()
        self.assertEqual(after["calls"]["total"], 2)
        self.assertEqual(len(after["recent_calls"]), 2)
        started = "terminfon_calls_started_total"
        self.assertEqual(self.metrics()[started], before_metrics[started] + 1)


if __name__ == "__main__":
    run_tests()
