"""test_status.py: call status callbacks through nginx and terminfon. Twilio
sends them as separate requests that may arrive late, out of order or twice;
the call log only ever moves forward and keeps the duration of `completed`."""

import email.utils
import os
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import StackTest, new_call_sid, run_tests, voice_params  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"
STATUS = "/api/v1/twilio/status/callback"


def new_number():
    return "+49152" + "".join(secrets.choice("0123456789") for _ in range(8))


class StatusCallbacks(StackTest):

    def open_call(self):
        sid, number = new_call_sid(), new_number()
        r = self.stack.post_twilio(WEBHOOK, voice_params(sid, from_=number))
        self.assertTwiml(r)
        self.assertIsNotNone(self.stack.call_log(sid), "the webhook opened no call log")
        return sid, number

    def event(self, sid, number, status, seq=None, **extra):
        p = voice_params(sid, from_=number, status=status, CallbackSource="call-progress-events",
                         Timestamp=email.utils.formatdate(usegmt=True).replace("GMT", "+0000"),
                         **extra)
        if seq is not None:
            p["SequenceNumber"] = str(seq)
        r = self.stack.post_twilio(STATUS, p)
        self.assertTwiml(r, "status %s" % status)
        return r

    def test_sequence_with_late_ringing_ends_completed(self):
        s = self.stack
        sid, number = self.open_call()
        self.event(sid, number, "ringing", 0)
        self.assertEqual(s.call_log(sid)[0], "ringing")
        self.event(sid, number, "in-progress", 1)
        self.assertEqual(s.call_log(sid)[0], "in-progress")
        self.event(sid, number, "completed", 2, CallDuration="42", Duration="1")
        self.assertEqual(s.call_log(sid), ("completed", 42))
        # The ringing event Twilio fired first arrives last.
        self.event(sid, number, "ringing", 0)
        self.assertEqual(s.call_log(sid), ("completed", 42))
        # Delivered twice: harmless.
        self.event(sid, number, "completed", 2, CallDuration="42", Duration="1")
        self.event(sid, number, "in-progress", 1)
        self.assertEqual(s.call_log(sid), ("completed", 42))
        self.assertEqual(s.count("lead_call_logs", "call_sid = ?", (sid,)), 1)

    def test_never_backwards_without_sequence_numbers(self):
        s = self.stack
        sid, number = self.open_call()
        self.event(sid, number, "completed", CallDuration="7")
        self.event(sid, number, "in-progress")
        self.event(sid, number, "ringing")
        self.assertEqual(s.call_log(sid), ("completed", 7))

    def test_completed_before_in_progress(self):
        s = self.stack
        sid, number = self.open_call()
        self.event(sid, number, "ringing", 0)
        self.event(sid, number, "completed", 2, CallDuration="13")
        self.event(sid, number, "in-progress", 1)
        self.assertEqual(s.call_log(sid), ("completed", 13))

    def test_unsigned_status_changes_nothing(self):
        s = self.stack
        sid, number = self.open_call()
        self.event(sid, number, "in-progress", 1)
        p = voice_params(sid, from_=number, status="completed", CallDuration="999",
                         SequenceNumber="2", CallbackSource="call-progress-events")
        self.assertEqual(s.post_twilio(STATUS, p, sign="forged").status, 403)
        self.assertEqual(s.post_twilio(STATUS, p, sign=False).status, 403)
        self.assertEqual(s.call_log(sid)[0], "in-progress")
        self.assertNotEqual(s.call_log(sid)[1], 999)


if __name__ == "__main__":
    run_tests()
