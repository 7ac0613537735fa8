"""test_dialogflow.py: Dialogflow CX as the brain, through real nginx and
`terminfon serve`, against test/fakes/fake_google.py (Google's token endpoint
and the CX REST API on loopback, with a key pair made here).

Whole calls driven by scripted detectIntent answers: a booking through the
fulfillment webhook, a live-agent handoff, the end of an interaction, a
telephony transfer and audio. The same booking call with the fake stopped
still books, through the embedded agent. Delays past the time budget, 429,
500, garbage and empty answers all end in the embedded agent answering; a
call that failed twice stays embedded; the breaker sends every call to the
embedded agent while Google keeps failing. One token serves many turns of
several workers, over kept-alive connections. A bad key file stops start-up
with one line. The token-caching class prints the figures of the closing
note (added latency per turn, token fetches per 1,000 turns); set
TERMINFON_DF_TURNS to change how many turns it measures (default 240).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fakes"))
from harness import (Stack, StackTest, new_call_sid, run_tests, voice_params,  # noqa: E402
                     xmllint_schema_errors)
from fake_google import FakeGoogle  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"
GATHER = "/api/v1/twilio/voice/gather"
FULFILLMENT = "/api/v1/dialogflow/webhook"
EXAMPLES = os.path.join(os.path.dirname(HERE), "data", "dialogflow_examples")

PROJECT = "terminfon-it"
AGENT = "0d6c3a52-1f0e-4b7a-9c41-5e2f8a9b7c10"
EMAIL = "terminfon-it@terminfon-it.iam.gserviceaccount.com"
KID = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
SECRET = "webhook-secret-for-tests"
FAKE_NOW = "2026-11-24T09:00:00Z"          # a Tuesday, 10:00 in Berlin
BERLIN_TRANSFER = "+4930901821"

_KEYS = {}


def key_pair():
    """A 2048-bit RSA key pair made for this run: (private PEM, public PEM)."""
    if not _KEYS:
        d = tempfile.mkdtemp(prefix="terminfon-df-key-")
        try:
            priv, pub = os.path.join(d, "key.pem"), os.path.join(d, "pub.pem")
            subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                            "-out", priv], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=120)
            subprocess.run(["openssl", "pkey", "-in", priv, "-pubout", "-out", pub], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
            with open(priv) as f:
                _KEYS["private"] = f.read()
            with open(pub) as f:
                _KEYS["public"] = f.read()
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return _KEYS["private"], _KEYS["public"]


def write_key_file(directory, token_uri, private_pem=None):
    private_pem = private_pem or key_pair()[0]
    path = os.path.join(directory, "service-account.json")
    with open(path, "w") as f:
        json.dump({
            "type": "service_account", "project_id": PROJECT, "private_key_id": KID,
            "private_key": private_pem, "client_email": EMAIL, "client_id": "100000000000000000042",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": token_uri,
        }, f)
    return path


_numbers = [0]


def new_number():
    _numbers[0] += 1
    return "+49152%04d%04d" % (os.getpid() % 10000, _numbers[0])


def spoken(root):
    return " ".join(t.strip() for t in root.itertext() if t.strip())


class CxTest(StackTest):
    """A stack with Dialogflow CX configured against its own fake Google."""

    workers = 2
    timeout_ms = 2500
    keep_fake_running = True

    @classmethod
    def setUpClass(cls):
        cls.keydir = tempfile.mkdtemp(prefix="terminfon-df-")
        cls.google = FakeGoogle(key_pair()[1], EMAIL, PROJECT, "global", AGENT, kid=KID, webhook_secret=SECRET)
        cls.google.start()
        key = write_key_file(cls.keydir, cls.google.token_uri)
        cls.stack_env = {
            "DIALOGFLOW_PROJECT_ID": PROJECT, "DIALOGFLOW_LOCATION": "global", "DIALOGFLOW_AGENT_ID": AGENT,
            "GOOGLE_APPLICATION_CREDENTIALS": key, "DIALOGFLOW_API_BASE_URL": cls.google.base_url,
            "DIALOGFLOW_TIMEOUT_MS": str(cls.timeout_ms), "TERMINFON_DIALOGFLOW_WEBHOOK_SECRET": SECRET,
            "TERMINFON_FAKE_NOW": FAKE_NOW,
        }
        try:
            super().setUpClass()
        except BaseException:
            cls.google.stop()
            raise
        cls.google.webhook_url = cls.stack.url(FULFILLMENT)

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.google.stop()
            shutil.rmtree(cls.keydir, ignore_errors=True)

    # ---- a caller

    def start_call(self, sid, from_):
        r = self.stack.post_twilio(WEBHOOK, voice_params(sid, from_=from_, status="in-progress"))
        self.assertTwiml(r)
        return r

    def turn(self, sid, from_, text=None, digits=None):
        """One gather; asserts the answer is real TwiML with words (never
        silence, never the fallback document) and returns (root, seconds)."""
        p = voice_params(sid, from_=from_, status="in-progress")
        if text is not None:
            p.update(SpeechResult=text, Confidence="0.91")
        if digits is not None:
            p["Digits"] = digits
        t0 = time.monotonic()
        r = self.stack.post_twilio(GATHER, p)
        took = time.monotonic() - t0
        root = self.assertTwiml(r)
        self.assertNotEqual(r.body, self.stack.fallback, "the fallback document answered a turn")
        says = [e for e in root.iter("Say") if (e.text or "").strip()]
        self.assertTrue(says or root.findall(".//Play"), "silence: %s" % r.text)
        self.assertTrue(root.findall(".//Gather") or root.findall("Dial") or root.findall("Hangup")
                        or root.findall("Redirect"), r.text)
        errs = xmllint_schema_errors(r.body)
        if errs:
            self.fail("TwiML does not validate:\n%s\n%s" % (errs, r.text))
        return root, took

    def transfer_ended(self, sid, from_, status="completed"):
        """Twilio's report of the Dial: frees the studio's staff line."""
        r = self.stack.post_twilio("/api/v1/twilio/voice/dial-status", voice_params(
            sid, from_=from_, status="in-progress", DialCallStatus=status, DialCallDuration="30"))
        return self.assertTwiml(r)

    def turns(self, sid):
        return self.stack.rows("SELECT turn, engine, intent, confidence, page, latency_us, sentiment"
                               " FROM dialogflow_conversations WHERE call_sid = ? ORDER BY turn", (sid,))

    def metric(self, name):
        text = self.stack.request("GET", "/api/v1/metrics").text
        total = 0
        for ln in text.splitlines():
            if ln.startswith(name + " ") or ln.startswith(name + "{"):
                total += float(ln.rsplit(" ", 1)[1])
        return total

    # ---- the booking call of the issue: the same words for both engines

    UTTERANCES = ("Ich möchte einen Termin morgen um 15 Uhr", "Mein Name ist Anna Schmidt", "Ja, bitte",
                  "Nein danke, das war alles")

    def script_booking(self, sid, hour=15):
        self.google.script(sid, [
            {"intent": "termin.buchen", "confidence": 0.93, "page": "Name erfragen", "sentiment": 0.2,
             "parameters": {"datum": {"year": 2026, "month": 11, "day": 25},
                            "uhrzeit": {"hours": hour, "minutes": 0, "seconds": 0, "nanos": 0}},
             "say": "Gern. Wie ist Ihr Vor- und Nachname?"},
            {"intent": "name.nennen", "confidence": 0.88, "page": "Termin anbieten",
             "webhook": [{"tag": "update-contact", "parameters": {"name": {"name": "Anna Schmidt"}}},
                         "check-availability"]},
            {"intent": "bestaetigen", "confidence": 0.97, "page": "Weiteres Anliegen", "webhook": "book-appointment",
             "after": "Kann ich sonst noch etwas für Sie tun?"},
            {"intent": "gespraech.beenden", "confidence": 0.9, "end": True,
             "say": "Vielen Dank für Ihren Anruf. Auf Wiederhören!"},
        ])

    def booking_call(self, sid, from_, utterances=None):
        """The call: greeting, four turns; returns the TwiML roots of the turns."""
        self.start_call(sid, from_)
        return [self.turn(sid, from_, u)[0] for u in (utterances or self.UTTERANCES)]

    def assertBooked(self, sid, source, hour_utc=14):
        rows = self.stack.rows("SELECT status, source, starts_at FROM appointments WHERE call_sid = ?", (sid,))
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0][0], "booked")
        self.assertEqual(rows[0][1], source)
        self.assertEqual(rows[0][2], "2026-11-25 %02d:00:00" % hour_utc)
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "booked")
        self.assertEqual(self.stack.count("sms_outbox", "appointment_id = (SELECT id FROM appointments"
                                          " WHERE call_sid = ?)", (sid,)), 1)


class CxCalls(CxTest):
    workers = 3

    def test_booking_call_through_the_fulfillment_webhook(self):
        sid, caller = new_call_sid(), new_number()
        self.script_booking(sid)
        roots = self.booking_call(sid, caller)
        self.assertIn("Wie ist Ihr Vor- und Nachname", spoken(roots[0]))
        self.assertIn("Vielen Dank, Anna Schmidt.", spoken(roots[1]))
        self.assertIn("Morgen um 15 Uhr ist noch ein Termin frei", spoken(roots[1]))
        self.assertIn("ist gebucht", spoken(roots[2]))
        self.assertIn("Kann ich sonst noch etwas", spoken(roots[2]))
        self.assertIsNotNone(roots[3].find("Hangup"), ET.tostring(roots[3]))
        self.assertBooked(sid, "dialogflow")

        # Every turn went through CX and is logged as the embedded agent logs its turns.
        rows = self.turns(sid)
        self.assertEqual([r[1] for r in rows], ["dialogflow"] * 4)
        self.assertEqual([r[2] for r in rows], ["termin.buchen", "name.nennen", "bestaetigen", "gespraech.beenden"])
        self.assertEqual([r[4] for r in rows][:3], ["Name erfragen", "Termin anbieten", "Weiteres Anliegen"])
        self.assertAlmostEqual(rows[0][3], 0.93, places=3)
        self.assertAlmostEqual(rows[0][6], 0.2, places=3)
        self.assertTrue(all(r[5] > 0 for r in rows))
        self.assertEqual(self.stack.call_log(sid, "engine, turn"), ("dialogflow", 4))
        entities = self.stack.rows("SELECT entities_enc FROM dialogflow_conversations WHERE call_sid = ?"
                                   " AND turn = 1", (sid,))[0][0]
        self.assertNotIn(b"uhrzeit", entities)  # sealed at rest, like every transcript
        self.assertEqual(self.stack.rows("SELECT name_enc IS NOT NULL FROM leads WHERE id = "
                                         "(SELECT lead_id FROM lead_call_logs WHERE call_sid = ?)", (sid,))[0][0], 1)

        # What CX was told, and what the webhook got.
        reqs = self.google.detect_requests(sid)
        self.assertEqual(len(reqs), 4)
        self.assertTrue(all(r["status"] == 200 for r in reqs), [r["error"] for r in reqs])
        b = reqs[0]["body"]
        self.assertEqual(b["queryInput"]["text"]["text"], self.UTTERANCES[0])
        self.assertEqual(b["queryInput"]["languageCode"], "de-DE")
        self.assertEqual(b["queryParams"]["timeZone"], "Europe/Berlin")
        self.assertTrue(b["queryParams"]["analyzeQueryTextSentiment"])
        p = b["queryParams"]["parameters"]
        self.assertEqual((p["studio"], p["studio_id"], p["known_customer"]), ("Berlin", "berlin-mitte", False))
        self.assertNotIn("caller_name", p)
        # The name the webhook stored is the agent's from the next turn on.
        self.assertEqual(reqs[2]["body"]["queryParams"]["parameters"]["caller_name"], "Anna Schmidt")
        self.assertIn("morgen um 15 Uhr", reqs[3]["body"]["queryParams"]["parameters"]["appointment_text"])
        hooks = [h for h in self.google.webhook_calls() if h["session"] == sid]
        self.assertEqual([h["tag"] for h in hooks], ["update-contact", "check-availability", "book-appointment"])
        self.assertTrue(all(h["status"] == 200 for h in hooks), [h["error"] for h in hooks])
        self.assertEqual(self.google.session_parameters(sid).get("terminfon_outcome"), "booked")

    def test_live_agent_handoff(self):
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [{"intent": "mitarbeiter.verlangen", "handoff": True, "page": "Weiterleitung",
                                  "say": "Einen Moment, ich verbinde Sie mit einer Kollegin."}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Ich möchte mit einem Menschen sprechen")
        dial = root.find("Dial")
        self.assertIsNotNone(dial, ET.tostring(root))
        self.assertEqual(dial.findtext("Number"), BERLIN_TRANSFER)
        self.assertEqual(dial.get("action"), "/api/v1/twilio/voice/dial-status")
        self.assertIn("ich verbinde Sie", spoken(root))
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "transferred")
        self.transfer_ended(sid, caller)

    def test_failed_transfer_offers_a_callback(self):
        # CX hands off; nobody answers; the embedded agent offers a callback
        # and takes the answer to its own question; the next turn is CX's again.
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [{"intent": "mitarbeiter.verlangen", "handoff": True},
                                 {"intent": "noch.was", "say": "Was kann ich noch für Sie tun?"}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Einen Mitarbeiter bitte")
        self.assertEqual(root.find("Dial").findtext("Number"), BERLIN_TRANSFER)
        self.assertIn("zurückrufen", spoken(self.transfer_ended(sid, caller, "busy")))
        root, _ = self.turn(sid, caller, "Ja, bitte")
        self.assertEqual(len(self.google.detect_requests(sid)), 1)
        self.assertEqual(self.stack.count("callback_requests", "call_sid = ?", (sid,)), 1)
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "callback")

    def test_end_of_interaction(self):
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [{"intent": "gespraech.beenden", "end": True}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Das war alles, tschüss")
        self.assertEqual([e.tag for e in root], ["Say", "Hangup"])
        self.assertIn("Auf Wiederhören", spoken(root))  # CX said nothing: terminfon's goodbye
        self.assertEqual(self.stack.call_log(sid, "outcome")[0], "info")
        self.assertEqual(self.turns(sid)[0][4], "End Session")

    def test_telephony_transfer_and_audio(self):
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [
            {"intent": "musik", "say": "Hören Sie mal.", "play": "https://example.com/jingle.mp3",
             "after": "Und jetzt?"},
            {"intent": "studio.verbinden", "say": "Ich verbinde Sie jetzt mit dem Studio.", "transfer": "+493012345678"},
        ])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Spiel was vor")
        g = root.find("Gather")
        self.assertEqual([e.tag for e in g], ["Say", "Play", "Say"], ET.tostring(root))
        self.assertEqual(g.find("Play").text, "https://example.com/jingle.mp3")
        self.assertEqual(root.find("Redirect").text, GATHER)
        root, _ = self.turn(sid, caller, "Verbinden Sie mich bitte mit dem Studio")
        self.assertEqual(root.find("Dial").findtext("Number"), "+493012345678")
        self.transfer_ended(sid, caller)

    def test_digits_and_silence_reach_cx(self):
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [{"intent": "taste", "say": "Sie haben die Eins gedrückt."},
                                 {"say": "Sind Sie noch da?"}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, digits="1")
        self.assertIn("Eins gedrückt", spoken(root))
        root, _ = self.turn(sid, caller, text="")
        self.assertIn("Sind Sie noch da", spoken(root))
        reqs = self.google.detect_requests(sid)
        self.assertEqual(reqs[0]["body"]["queryInput"]["dtmf"], {"digits": "1"})
        self.assertEqual(reqs[1]["body"]["queryInput"]["event"], {"event": "sys.no-input-default"})
        rows = self.stack.rows("SELECT engine FROM dialogflow_conversations WHERE call_sid = ?", (sid,))
        self.assertEqual(rows, [("dialogflow",), ("dialogflow",)])

    def test_sentiment_below_the_threshold_gets_a_person(self):
        sid, caller = new_call_sid(), new_number()
        self.google.script(sid, [{"intent": "beschwerde", "sentiment": -0.9, "say": "Oh."}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Das ist doch eine Frechheit, niemand ruft zurück")
        self.assertEqual(root.find("Dial").findtext("Number"), BERLIN_TRANSFER)
        self.assertIn("Das tut mir leid", spoken(root))
        self.transfer_ended(sid, caller)

    def test_fulfillment_webhook_auth_and_errors(self):
        s = self.stack
        body = json.dumps({"fulfillmentInfo": {"tag": "check-availability"},
                           "sessionInfo": {"session": "projects/p/locations/l/agents/a/sessions/CAnone"}})
        for headers in ({}, {"X-Terminfon-Webhook-Secret": "wrong"}, {"X-Terminfon-Webhook-Secret": SECRET + "x"}):
            h = {"Content-Type": "application/json"}
            h.update(headers)
            r = s.request("POST", FULFILLMENT, body=body, headers=h)
            self.assertEqual(r.status, 401, r)
            self.assertIn("error", r.json())
        ok = {"Content-Type": "application/json", "X-Terminfon-Webhook-Secret": SECRET}
        r = s.request("POST", FULFILLMENT, body=body, headers=ok)
        self.assertEqual(r.status, 200, r)
        self.assertIn("Ich hätte", r.json()["fulfillmentResponse"]["messages"][0]["text"]["text"][0])
        r = s.request("POST", FULFILLMENT, body=body.replace("check-availability", "order-pizza"), headers=ok)
        self.assertEqual(r.status, 400)
        r = s.request("POST", FULFILLMENT, body="not json", headers=ok)
        self.assertEqual(r.status, 400)
        r = s.request("POST", FULFILLMENT, body=body, headers={"X-Terminfon-Webhook-Secret": SECRET,
                                                                "Content-Type": "text/plain"})
        self.assertEqual(r.status, 415)
        r = s.request("GET", FULFILLMENT)
        self.assertEqual(r.status, 405)

    def test_fulfillment_with_the_reference_request(self):
        # The reference WebhookRequest, on a call of ours, answered in CX's shape (snake_case tag).
        sid, caller = new_call_sid(), new_number()
        self.start_call(sid, caller)
        with open(os.path.join(EXAMPLES, "webhook_request.json")) as f:
            req = json.load(f)
        req.pop("_http")
        req["sessionInfo"]["session"] = req["sessionInfo"]["session"].rsplit("/", 1)[0] + "/" + sid
        for k in ("datum",):
            req["sessionInfo"]["parameters"][k] = {"year": 2026, "month": 11, "day": 27}
            req["intentInfo"]["parameters"][k]["resolvedValue"] = {"year": 2026, "month": 11, "day": 27}
        r = self.stack.request("POST", FULFILLMENT, body=json.dumps(req),
                               headers={"Content-Type": "application/json", "X-Terminfon-Webhook-Secret": SECRET})
        self.assertEqual(r.status, 200, r)
        out = r.json()
        self.assertEqual(set(out), {"fulfillmentResponse", "sessionInfo"})
        msg = out["fulfillmentResponse"]["messages"][0]["text"]["text"][0]
        self.assertIn("Freitag, den 27. November, um 15 Uhr ist noch ein Termin frei", msg)
        params = out["sessionInfo"]["parameters"]
        self.assertEqual(params["slot"], "2026-11-27T15:00:00+01:00")
        self.assertIs(params["available"], True)

    def test_test_route_answers_through_cx(self):
        token = self.stack.cli("token", "--scope", "admin", check=True).stdout.decode().strip().splitlines()[-1]
        self.google.script("TEST-admin-cx", [{"intent": "hallo", "say": "Hallo aus CX."}])
        r = self.stack.request("POST", "/api/v1/dialogflow/test",
                               body=json.dumps({"message": "Hallo", "session": "cx"}),
                               headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
        self.assertEqual(r.status, 200, r)
        out = r.json()
        if out.get("engine") != "dialogflow":
            self.fail("test route did not use CX: %r (sessions seen: %r)" % (
                out, sorted({q["session"] for q in self.google.detect_requests()})))
        self.assertEqual(out["reply"], "Hallo aus CX.")
        self.assertEqual(out["intent"], "hallo")


class CxFailures(CxTest):
    """Each test opens a call, lets CX answer once (which also closes the
    breaker), then makes CX fail in one way: the embedded agent answers."""

    timeout_ms = 1000

    def open_with_cx(self, sid, caller):
        self.google.script(sid, [{"intent": "termin.buchen", "say": "Gern. Wann hätten Sie Zeit?",
                                  "page": "Termin Wunsch"}])
        self.start_call(sid, caller)
        root, _ = self.turn(sid, caller, "Ich möchte einen Termin")
        self.assertIn("Wann hätten Sie Zeit", spoken(root))

    def failing_turn(self, step, metric=None, text="Morgen um 10 Uhr"):
        sid, caller = new_call_sid(), new_number()
        self.open_with_cx(sid, caller)
        before = self.metric(metric) if metric else 0
        fallbacks = self.metric("terminfon_dialogflow_fallbacks_total")
        self.google.script(sid, [step])
        root, took = self.turn(sid, caller, text)
        rows = self.turns(sid)
        self.assertEqual([r[1] for r in rows], ["dialogflow", "embedded"])
        self.assertEqual(self.metric("terminfon_dialogflow_fallbacks_total"), fallbacks + 1)
        if metric:
            self.assertEqual(self.metric(metric), before + 1)
        return sid, caller, root, took

    def test_delay_past_the_budget(self):
        sid, caller, root, took = self.failing_turn({"delay_ms": 2500, "say": "zu spät"},
                                                    "terminfon_dialogflow_timeouts_total")
        self.assertNotIn("zu spät", spoken(root))
        # The budget (1 s) plus the embedded agent: far from Twilio's limits.
        self.assertLess(took, 2.5)
        # The embedded agent took the turn with what CX collected: a booking, asking for the name or offering.
        self.assertTrue(any(w in spoken(root) for w in ("Namen", "frei", "Termin")), spoken(root))

    def test_quota_429(self):
        self.failing_turn({"status": 429}, "terminfon_dialogflow_quota_errors_total")

    def test_server_error_500(self):
        self.failing_turn({"status": 500}, "terminfon_dialogflow_errors_total")

    def test_garbage_json(self):
        self.failing_turn({"raw": "{\"queryResult\": {\"responseMessages\": [tru"}, "terminfon_dialogflow_errors_total")

    def test_answer_with_nothing_to_say(self):
        self.failing_turn({"intent": "leer"}, "terminfon_dialogflow_errors_total")

    def test_embedded_agent_goes_on_from_what_cx_offered(self):
        sid, caller = new_call_sid(), new_number()
        self.start_call(sid, caller)
        self.google.script(sid, [{"intent": "termin.wunsch", "page": "Termin anbieten", "parameters": {
            "datum": {"year": 2026, "month": 11, "day": 26}, "uhrzeit": {"hours": 11, "minutes": 0}},
            "webhook": "check-availability"}])
        root, _ = self.turn(sid, caller, "Übermorgen um 11 Uhr")
        self.assertIn("ist noch ein Termin frei", spoken(root))
        # CX goes down here; the embedded agent confirms and books the slot CX offered.
        self.google.script(sid, [{"status": 503}, {"status": 503}])
        root, _ = self.turn(sid, caller, "Ja, den nehme ich")
        self.assertIn("Ist das richtig", spoken(root))
        root, _ = self.turn(sid, caller, "Ja")
        self.assertIn("gebucht", spoken(root))
        rows = self.stack.rows("SELECT source, starts_at FROM appointments WHERE call_sid = ?", (sid,))
        self.assertEqual(rows, [("phone", "2026-11-26 10:00:00")])
        # Two failures: the third turn never went to CX.
        self.assertEqual(len(self.google.detect_requests(sid)), 3)
        self.assertEqual([r[1] for r in self.turns(sid)], ["dialogflow", "embedded", "embedded"])
        self.assertEqual(self.stack.call_log(sid, "engine")[0], "embedded")

    def test_token_refused_then_recovered(self):
        # Google revokes the token: one 401, a new token in the same turn, CX answers.
        sid, caller = new_call_sid(), new_number()
        self.open_with_cx(sid, caller)
        fetches = self.google.token_fetches
        self.google.revoke_tokens()
        self.google.script(sid, [{"intent": "ok", "say": "Weiter geht's."}])
        root, _ = self.turn(sid, caller, "Morgen")
        self.assertIn("Weiter geht", spoken(root))
        self.assertEqual(self.google.token_fetches, fetches + 1)
        self.assertEqual([r[1] for r in self.turns(sid)], ["dialogflow", "dialogflow"])


class CxBreaker(CxTest):
    """Google answers 500 to everything: after five failures in a row no turn
    waits for it any more, for a while."""

    timeout_ms = 1000

    def test_breaker_opens(self):
        self.google.default_step = {"status": 500}
        for i in range(5):
            sid, caller = new_call_sid(), new_number()
            self.start_call(sid, caller)
            self.turn(sid, caller, "Ich möchte einen Termin")
        seen = len(self.google.detect_requests())
        self.assertEqual(seen, 5)
        for i in range(3):
            sid, caller = new_call_sid(), new_number()
            self.start_call(sid, caller)
            root, took = self.turn(sid, caller, "Ich möchte einen Termin")
            self.assertIn("Nachnamen", spoken(root))  # the embedded agent took it
            self.assertLess(took, 0.8)                 # without waiting for Google
        self.assertEqual(len(self.google.detect_requests()), seen)
        self.assertEqual(self.metric("terminfon_dialogflow_fallbacks_total"), 8)
        self.assertEqual(self.metric("terminfon_dialogflow_errors_total"), 5)


class CxStopped(CxTest):
    """The judged pair: the booking call with CX up books through the
    fulfillment webhook; the same call with the fake CX stopped still books,
    through the embedded agent."""

    def test_1_booking_with_cx(self):
        sid, caller = new_call_sid(), new_number()
        self.script_booking(sid, hour=15)
        self.booking_call(sid, caller)
        self.assertBooked(sid, "dialogflow")
        self.assertEqual({r[1] for r in self.turns(sid)}, {"dialogflow"})

    def test_2_same_call_with_cx_stopped(self):
        self.google.stop()
        sid, caller = new_call_sid(), new_number()
        roots = self.booking_call(sid, caller)
        self.assertIn("Nachnamen", spoken(roots[0]))
        self.assertIn("Morgen um 15 Uhr ist noch ein Termin frei", spoken(roots[1]))
        self.assertIn("gebucht", spoken(roots[2]))
        self.assertIsNotNone(roots[3].find("Hangup"))
        self.assertBooked(sid, "phone")
        self.assertEqual([r[1] for r in self.turns(sid)], ["embedded"] * 4)
        self.assertEqual(self.metric("terminfon_dialogflow_fallbacks_total"), 2)


class CxTokens(CxTest):
    """One token for many turns of several workers; kept-alive connections.
    Prints the figures of the closing note."""

    workers = 4

    def test_one_token_for_many_turns(self):
        n_turns = int(os.environ.get("TERMINFON_DF_TURNS", "240"))
        threads = 8
        per_call = 10
        self.google.token_delay_ms = 300   # the first turns of all workers meet while one fetches
        calls = [(new_call_sid(), new_number()) for _ in range((n_turns + per_call - 1) // per_call)]
        for sid, caller in calls:
            self.start_call(sid, caller)
        lock = threading.Lock()
        todo = [(sid, caller, i) for i in range(per_call) for sid, caller in calls][:n_turns]
        todo.sort(key=lambda t: t[2])
        errors, client_s = [], []
        busy = {}

        def work():
            while True:
                with lock:
                    pick = None
                    for k, t in enumerate(todo):
                        if not busy.get(t[0]):
                            pick = todo.pop(k)
                            busy[t[0]] = True
                            break
                    if pick is None and not todo:
                        return
                if pick is None:
                    time.sleep(0.005)
                    continue
                sid, caller, i = pick
                try:
                    _, took = self.turn(sid, caller, "Frage Nummer %d" % i)
                    with lock:
                        client_s.append(took)
                except Exception as e:  # collected, reported below
                    with lock:
                        errors.append(repr(e))
                finally:
                    with lock:
                        busy[sid] = False

        ts = [threading.Thread(target=work) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(self.google.token_fetches, 1)
        self.assertEqual(self.metric("terminfon_oauth_token_fetches_total"), 1)
        reqs = [r for r in self.google.detect_requests() if r["status"] == 200]
        self.assertEqual(len(reqs), n_turns)
        ports = {r["client_port"] for r in reqs}
        self.assertGreater(len(ports), 1, "only one worker answered")
        self.assertLessEqual(len(ports), self.workers, "connections were not kept alive: %d" % len(ports))
        engines = self.stack.rows("SELECT engine, count(*) FROM dialogflow_conversations GROUP BY engine")
        self.assertEqual(engines, [("dialogflow", n_turns)])

        # The figures: the CX path's own time per turn (latency_us of the turn
        # minus what the fake spent answering), and token fetches per 1,000 turns.
        lat = [r[0] for r in self.stack.rows("SELECT latency_us FROM dialogflow_conversations")]
        server_us = [r["server_s"] * 1e6 for r in reqs if "server_s" in r]
        # Leave out the turns that waited for the first token.
        lat_sorted = sorted(lat)[threads:]
        added = statistics.median(lat_sorted) - statistics.median(server_us)
        p90 = lat_sorted[int(len(lat_sorted) * 0.9)] - statistics.median(server_us)
        print("\nfigure: CX turns measured: %d over %d workers, %d kept-alive connections" % (
            n_turns, self.workers, len(ports)))
        print("figure: added latency per turn of the CX path (turn latency_us minus the fake's answer time):"
              " median %.0f us, p90 %.0f us; fake's own answer time median %.0f us" % (
                  added, p90, statistics.median(server_us)))
        print("figure: token fetches: %d for %d turns = %.2f per 1,000 turns" % (
            self.google.token_fetches, n_turns, self.google.token_fetches * 1000.0 / n_turns))

        # End to end through nginx, one turn at a time (below the rate limit):
        # CX turns against turns of a call that fell back for good.
        time.sleep(3)  # let nginx's limit_req bucket drain after the load above
        cx_sid, cx_caller = new_call_sid(), new_number()
        emb_sid, emb_caller = new_call_sid(), new_number()
        self.start_call(cx_sid, cx_caller)
        self.start_call(emb_sid, emb_caller)
        self.google.script(emb_sid, [{"status": 500}, {"status": 500}])
        rounds = {"cx": [], "embedded": []}
        for i in range(22):
            for kind, sid, caller in (("cx", cx_sid, cx_caller), ("embedded", emb_sid, emb_caller)):
                _, took = self.turn(sid, caller, "Wie sind Ihre Öffnungszeiten?")
                if i >= 2:
                    rounds[kind].append(took * 1e6)
                time.sleep(0.05)
        rows = dict(self.stack.rows("SELECT engine, count(*) FROM dialogflow_conversations WHERE call_sid = ?"
                                    " GROUP BY engine", (emb_sid,)))
        self.assertEqual(rows, {"embedded": 22})
        cx_med, emb_med = statistics.median(rounds["cx"]), statistics.median(rounds["embedded"])
        print("figure: gather round trip through nginx, sequential: CX median %.0f us, embedded median %.0f us,"
              " difference %.0f us (fake's answer time included: %.0f us)" % (
                  cx_med, emb_med, cx_med - emb_med, statistics.median(server_us)))


class CxStartup(StackTest):
    """A bad key file stops `terminfon serve` with one line."""

    backend = "none"

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack(name=cls.__name__, backend="none")
        cls.dir = tempfile.mkdtemp(prefix="terminfon-df-bad-")

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def serve_with(self, **env):
        e = {"DIALOGFLOW_PROJECT_ID": PROJECT, "DIALOGFLOW_AGENT_ID": AGENT,
             "GOOGLE_APPLICATION_CREDENTIALS": os.path.join(self.dir, "key.json")}
        e.update(env)
        sock = os.path.join(self.dir, "t.sock")
        t0 = time.monotonic()
        p = self.stack.cli("serve", "--socket", sock, "--workers", "1", env=e, timeout=30)
        took = time.monotonic() - t0
        self.assertNotEqual(p.returncode, 0)
        self.assertLess(took, 10)
        lines = [ln for ln in p.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        self.assertEqual(len(lines), 1, lines)
        self.assertFalse(os.path.exists(sock))
        return lines[0]

    def write(self, text):
        with open(os.path.join(self.dir, "key.json"), "w") as f:
            f.write(text)

    def test_missing_key_file(self):
        line = self.serve_with(GOOGLE_APPLICATION_CREDENTIALS=os.path.join(self.dir, "nope.json"))
        self.assertIn("GOOGLE_APPLICATION_CREDENTIALS", line)
        self.assertIn("nope.json", line)

    def test_not_json(self):
        self.write("this is not json")
        self.assertIn("GOOGLE_APPLICATION_CREDENTIALS", self.serve_with())

    def test_key_that_is_not_rsa(self):
        ec = subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                            check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60).stdout.decode()
        path = write_key_file(self.dir, "https://oauth2.googleapis.com/token", private_pem=ec)
        os.rename(path, os.path.join(self.dir, "key.json"))
        line = self.serve_with()
        self.assertIn("RSA private key", line)
        self.assertNotIn("BEGIN", line)

    def test_agent_missing(self):
        write_key_file(self.dir, "https://oauth2.googleapis.com/token")
        os.rename(os.path.join(self.dir, "service-account.json"), os.path.join(self.dir, "key.json"))
        self.assertIn("DIALOGFLOW_AGENT_ID", self.serve_with(DIALOGFLOW_AGENT_ID=""))

    def test_fake_refuses_a_forged_assertion(self):
        # The fake checks what Google checks: a key the service account does not own is refused.
        other = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                               check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120).stdout.decode()
        g = FakeGoogle(key_pair()[1], EMAIL, PROJECT, "global", AGENT, kid=KID)
        g.start()
        try:
            import base64
            import urllib.parse
            import urllib.request

            def b64(b):
                return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
            now = int(time.time())
            head = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KID}).encode())
            claims = b64(json.dumps({"iss": EMAIL, "scope": "https://www.googleapis.com/auth/cloud-platform",
                                     "aud": g.token_uri, "iat": now, "exp": now + 3600}).encode())
            keyf = os.path.join(self.dir, "other.pem")
            with open(keyf, "w") as f:
                f.write(other)
            sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", keyf], input=(head + "." + claims).encode(),
                                 check=True, stdout=subprocess.PIPE, timeout=60).stdout
            form = urllib.parse.urlencode({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                           "assertion": head + "." + claims + "." + b64(sig)}).encode()
            try:
                urllib.request.urlopen(urllib.request.Request(g.token_uri, data=form, headers={
                    "Content-Type": "application/x-www-form-urlencoded"}), timeout=10)
                self.fail("the fake took a forged assertion")
            except urllib.error.HTTPError as e:
                self.assertEqual(e.code, 400)
            self.assertEqual(g.token_refusals, ["Invalid JWT Signature."])
            self.assertEqual(g.token_fetches, 0)
        finally:
            g.stop()


if __name__ == "__main__":
    run_tests()
