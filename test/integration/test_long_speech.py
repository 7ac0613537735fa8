"""test_long_speech.py: a SpeechResult longer than terminfon keeps (3,000
bytes of umlauts, the limit falling inside a character) is cut between two
characters, and the caller's GDPR export is valid UTF-8 JSON holding the
cut text; so is the export after invalid bytes were written straight into
the database."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from admin_client import Admin, new_number, q, write_db  # noqa: E402
from harness import StackTest, new_call_sid, on_postgres, run_tests, voice_params  # noqa: E402

TF_MAX_SPEECH = 2048          # lib/core/tf_limits.h


class LongSpeech(StackTest):

    def export(self, admin, number):
        items = admin.json("GET", "/api/v1/leads?phone=" + q(number))["items"]
        self.assertEqual(len(items), 1)
        r = admin.get("/api/v1/leads/%d/export" % items[0]["id"])
        self.assertEqual(r.status, 200, r)
        return json.loads(r.body.decode("utf-8", errors="strict"))

    def test_long_speech_is_cut_between_characters_and_exports(self):
        s = self.stack
        admin = Admin(s)
        number = new_number("+49151")
        sid = new_call_sid()
        self.assertTwiml(s.post_twilio("/api/v1/twilio/voice/webhook", voice_params(call_sid=sid, from_=number)))
        said = "a" + "\u00e4" * 1499 + "b"                    # 3,000 bytes
        raw = said.encode("utf-8")
        self.assertEqual(len(raw), 3000)
        self.assertEqual(raw[TF_MAX_SPEECH] & 0xC0, 0x80, "the limit must fall inside a character")
        r = s.post_twilio("/api/v1/twilio/voice/gather",
                          voice_params(call_sid=sid, from_=number, status="in-progress",
                                       SpeechResult=said, Confidence="0.9"))
        self.assertTwiml(r)

        doc = self.export(admin, number)
        texts = [t["text"] for t in doc["turns"] if t.get("text")]
        self.assertEqual(texts, ["a" + "\u00e4" * 1023])       # 2,047 bytes: the whole characters
        self.assertLessEqual(len(texts[0].encode("utf-8")), TF_MAX_SPEECH)

        if on_postgres():
            # A UTF8 PostgreSQL database refuses invalid bytes: they never reach a row.
            with self.assertRaises(Exception):
                write_db(s, "UPDATE dialogflow_conversations SET intent = convert_from(?, 'UTF8')"
                            " WHERE call_sid = ?", (b"book\xc3", sid))
            return
        # Invalid bytes written straight into a row still export as valid JSON.
        write_db(s, "UPDATE dialogflow_conversations SET intent = CAST(X'626f6f6bc3' AS TEXT),"
                    " page = CAST(X'eda080ff' AS TEXT) WHERE call_sid = ?", (sid,))
        doc = self.export(admin, number)
        turn = [t for t in doc["turns"] if t["call_sid"] == sid][0]
        self.assertEqual(turn["intent"], "book\ufffd")
        self.assertEqual(turn["page"], "\ufffd" * 4)


if __name__ == "__main__":
    run_tests()
