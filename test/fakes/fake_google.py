#!/usr/bin/env python3
"""fake_google.py: a fake of Google's OAuth token endpoint and of the
Dialogflow CX v3 REST API (detectIntent) on loopback, for tests.

The token endpoint takes the JWT bearer grant (RFC 7523) and checks the
assertion as Google would: RS256 signature against the public half of the
service account's key pair, header (alg, typ, kid) and claims (iss, aud,
scope, iat, exp). detectIntent checks the bearer token it issued, the session
path and the request's shape, keeps session parameters, and answers what the
test scripted for the session: text, audio, live-agent handoff, end of
interaction, telephony transfer, a delay, an HTTP error or garbage. A step may
call the agent's fulfillment webhook (terminfon's, through nginx) with a
WebhookRequest and merge its answer into the response, as CX does.

As a program:
    python3 test/fakes/fake_google.py --port 0 --public-key pub.pem \
        --client-email sa@project.iam.gserviceaccount.com --project P --location L --agent A \
        [--kid KEYID] [--webhook-url URL --webhook-secret S]
prints "PORT <n>" as its first line on stdout once it listens (the token URI
is then http://127.0.0.1:<n>/token), answers every turn with a default text,
and stops cleanly on SIGTERM or SIGINT.

As a module:
    fake = FakeGoogle(public_key_pem, client_email, "proj", "global", "agent-id")
    port = fake.start()
    fake.script(call_sid, [{"say": "Gern.", "intent": "termin.buchen"}, ...])
    ... fake.token_fetches, fake.detect_requests(), fake.webhook_calls() ...
    fake.stop()

A step of a script (a dict; every key optional):
    delay_ms      wait this long before answering
    status        answer with this HTTP status and Google's error envelope
    raw           answer 200 with these bytes (garbage, truncated JSON, ...)
    say           a text message (a string or a list of strings)
    play          a playAudio message with this URI
    handoff       true: a liveAgentHandoff message
    end           true: an endInteraction message (and the END_SESSION page)
    transfer      a telephonyTransferCall to this number
    intent, confidence, page, sentiment (score), match_type
    parameters    set into the session as if the agent had collected them
    webhook       a tag, a dict {"tag": ..., "parameters": {...}}, or a list of them:
                  called in order after the messages above
    after         text after the webhooks' messages (the next page's entry prompt)
Only the standard library is used.
"""

import argparse
import base64
import hashlib
import json
import re
import secrets
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

MAX_BODY = 1024 * 1024
GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
SCOPES = ("https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/dialogflow")
DETECT_RE = re.compile(r"^/v3/projects/([^/]+)/locations/([^/]+)/agents/([^/]+)"
                       r"(?:/environments/([^/]+))?/sessions/([^/:]+):detectIntent$")
QUERY_INPUTS = ("text", "intent", "audio", "event", "dtmf", "toolCallResult")
CLOCK_SKEW = 300
DEFAULT_STEP = {"say": "Wie kann ich Ihnen helfen?", "intent": "default.welcome", "page": "Start Page"}

# DigestInfo of SHA-256 (RFC 8017, 9.2 note 1).
SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


# --------------------------------------------------------------------------
# RS256 without third-party modules

def _der(data, i):
    """(tag, content, next index) of the DER element at data[i]."""
    tag, length = data[i], data[i + 1]
    i += 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[i:i + n], "big")
        i += n
    return tag, data[i:i + length], i + length


def rsa_public_key(pem):
    """(n, e) of a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY"."""
    if isinstance(pem, bytes):
        pem = pem.decode("ascii")
    body = "".join(ln for ln in pem.strip().splitlines() if not ln.startswith("-----"))
    der = base64.b64decode(body)
    tag, seq, _ = _der(der, 0)
    if "BEGIN RSA PUBLIC KEY" not in pem:
        _, _, i = _der(seq, 0)                 # AlgorithmIdentifier
        tag, bits, _ = _der(seq, i)            # BIT STRING
        if tag != 0x03:
            raise ValueError("not a SubjectPublicKeyInfo")
        tag, seq, _ = _der(bits[1:], 0)
    tag, n, i = _der(seq, 0)
    tag2, e, _ = _der(seq, i)
    if tag != 0x02 or tag2 != 0x02:
        raise ValueError("not an RSA public key")
    return int.from_bytes(n, "big"), int.from_bytes(e, "big")


def rs256_verify(pub, signing_input, signature):
    """RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, 8.2.2)."""
    n, e = pub
    k = (n.bit_length() + 7) // 8
    if len(signature) != k:
        return False
    s = int.from_bytes(signature, "big")
    if s >= n:
        return False
    em = pow(s, e, n).to_bytes(k, "big")
    t = SHA256_PREFIX + hashlib.sha256(signing_input).digest()
    expected = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return secrets.compare_digest(em, expected)


def b64url_decode(s):
    if not re.fullmatch(r"[A-Za-z0-9_-]*", s):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def google_error(code, status, message):
    return {"error": {"code": code, "message": message, "status": status}}


# --------------------------------------------------------------------------
# the server

class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, *args):
        super().__init__(*args)
        self.open_sockets = set()
        self.sock_lock = threading.Lock()

    def process_request_thread(self, request, client_address):
        with self.sock_lock:
            self.open_sockets.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.sock_lock:
                self.open_sockets.discard(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Google's front ends offer
    server_version = "fake-google"
    sys_version = ""
    timeout = 30

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        fake = self.server.fake
        started = time.monotonic()
        length = self.headers.get("Content-Length")
        try:
            n = int(length) if length else 0
        except ValueError:
            n = -1
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            self._send(413, google_error(413, "INVALID_ARGUMENT", "request too large"))
            return
        raw = self.rfile.read(n) if n else b""
        path = urlsplit(self.path).path
        if path == "/token":
            status, body = fake._token(self.headers, raw)
            self._send(status, body)
            return
        m = DETECT_RE.match(path)
        if not m:
            self._send(404, google_error(404, "NOT_FOUND", "no such method"))
            return
        answer = fake._detect(m, self.headers, raw, self.client_address[1], started)
        if answer.get("delay_ms"):
            time.sleep(answer["delay_ms"] / 1000.0)
        if "raw" in answer:
            self._send_raw(answer["status"], answer["raw"])
        else:
            self._send(answer["status"], answer["body"])
        fake._served(answer, time.monotonic() - started - answer.get("delay_ms", 0) / 1000.0)

    def do_GET(self):
        self._send(405, google_error(405, "INVALID_ARGUMENT", "POST only"))

    def _send(self, status, body):
        self._send_raw(status, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def _send_raw(self, status, data):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True  # the client gave up (its time budget)


class FakeGoogle:
    """Google's token endpoint and the CX detectIntent API. start() returns the
    port; stop() closes the listener and every open connection, so a stopped
    fake refuses like a Google that is down."""

    def __init__(self, public_key_pem, client_email, project, location, agent, kid=None,
                 webhook_url=None, webhook_secret=None, host="127.0.0.1", port=0, token_lifetime=3599):
        self.public_key = rsa_public_key(public_key_pem)
        self.client_email = client_email
        self.project, self.location, self.agent = project, location, agent
        self.kid = kid
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.host, self.port = host, port
        self.token_lifetime = token_lifetime
        self.token_delay_ms = 0
        self.token_status = None          # answer the token endpoint with this error status
        self.default_step = dict(DEFAULT_STEP)
        self._lock = threading.Lock()
        self._tokens = set()
        self._scripts = {}                # session -> list of steps
        self._sessions = {}               # session -> parameters
        self.token_fetches = 0
        self.token_refusals = []          # why assertions were refused
        self._requests = []
        self._webhooks = []
        self._server = None
        self._thread = None

    # -- life cycle ------------------------------------------------------

    def start(self):
        self._server = _Server((self.host, self.port), _Handler)
        self._server.fake = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-google", daemon=True)
        self._thread.start()
        return self.port

    def stop(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        with self._server.sock_lock:
            socks = list(self._server.open_sockets)
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(5)
        self._server = None

    @property
    def token_uri(self):
        return "http://%s:%d/token" % (self.host, self.port)

    @property
    def base_url(self):
        return "http://%s:%d" % (self.host, self.port)

    def session_path(self, session):
        return "projects/%s/locations/%s/agents/%s/sessions/%s" % (self.project, self.location, self.agent, session)

    # -- the test's view ---------------------------------------------------

    def script(self, session, steps):
        """Appends steps to the script of a session ("*": every session without one)."""
        with self._lock:
            self._scripts.setdefault(session, []).extend(steps)

    def detect_requests(self, session=None):
        with self._lock:
            return [r for r in self._requests if session is None or r["session"] == session]

    def webhook_calls(self):
        with self._lock:
            return list(self._webhooks)

    def session_parameters(self, session):
        with self._lock:
            return dict(self._sessions.get(session, {}))

    # -- token endpoint ------------------------------------------------------

    def _refuse(self, why):
        with self._lock:
            self.token_refusals.append(why)
        return 400, {"error": "invalid_grant", "error_description": why}

    def _token(self, headers, raw):
        if self.token_delay_ms:
            time.sleep(self.token_delay_ms / 1000.0)
        if self.token_status:
            return self.token_status, {"error": "internal_failure", "error_description": "scripted failure"}
        ctype = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return self._refuse("content type must be application/x-www-form-urlencoded")
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        if form.get("grant_type") != GRANT_TYPE:
            return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"}
        parts = form.get("assertion", "").split(".")
        if len(parts) != 3:
            return self._refuse("assertion is not a JWS compact serialisation")
        try:
            header = json.loads(b64url_decode(parts[0]))
            claims = json.loads(b64url_decode(parts[1]))
            signature = b64url_decode(parts[2])
        except (ValueError, UnicodeDecodeError):
            return self._refuse("assertion is not base64url JSON")
        if not isinstance(header, dict) or header.get("alg") != "RS256" or header.get("typ", "JWT") != "JWT":
            return self._refuse("header must say alg RS256, typ JWT")
        if self.kid is not None and header.get("kid") != self.kid:
            return self._refuse("kid does not name the key")
        if not rs256_verify(self.public_key, (parts[0] + "." + parts[1]).encode("ascii"), signature):
            return self._refuse("Invalid JWT Signature.")
        now = time.time()
        if not isinstance(claims, dict):
            return self._refuse("claims are not an object")
        if claims.get("iss") != self.client_email:
            return self._refuse("iss is not the service account")
        if claims.get("aud") != self.token_uri:
            return self._refuse("aud is not the token URI")
        scope = claims.get("scope")
        if not isinstance(scope, str) or not any(s in scope.split(" ") for s in SCOPES):
            return self._refuse("scope lacks cloud-platform or dialogflow")
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int) or not isinstance(exp, int):
            return self._refuse("iat and exp must be integers")
        if abs(iat - now) > CLOCK_SKEW:
            return self._refuse("iat is not now")
        if exp <= now or exp - iat > 3600:
            return self._refuse("exp must be in the future and at most an hour after iat")
        token = "ya29.fake-" + secrets.token_urlsafe(48)
        with self._lock:
            self._tokens.add(token)
            self.token_fetches += 1
        return 200, {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer"}

    def revoke_tokens(self):
        with self._lock:
            self._tokens.clear()

    # -- detectIntent ----------------------------------------------------------

    def _detect(self, m, headers, raw, client_port, started):
        project, location, agent, _env, session = m.groups()
        rec = {"session": session, "client_port": client_port, "time": time.time(), "status": None,
               "body": None, "error": None}

        def fail(status, code, message):
            rec["status"], rec["error"] = status, message
            with self._lock:
                self._requests.append(rec)
            return {"status": status, "body": google_error(status, code, message), "rec": rec}

        auth = headers.get("Authorization", "")
        with self._lock:
            known = auth.startswith("Bearer ") and auth[7:] in self._tokens
        if not known:
            return fail(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        if (project, location, agent) != (self.project, self.location, self.agent):
            return fail(404, "NOT_FOUND", "agent not found")
        if len(session) > 36:
            return fail(400, "INVALID_ARGUMENT", "Session ID must not exceed 36 characters.")
        ctype = headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            body = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return fail(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
        rec["body"] = body
        problem = self._check_request(body) if ctype == "application/json" else "content type must be JSON"
        if problem:
            return fail(400, "INVALID_ARGUMENT", problem)

        qp = body.get("queryParams", {})
        with self._lock:
            params = self._sessions.setdefault(session, {})
            for k, v in (qp.get("parameters") or {}).items():
                if v is None:
                    params.pop(k, None)
                else:
                    params[k] = v
            steps = self._scripts.get(session) or self._scripts.get("*")
            step = steps.pop(0) if steps else dict(self.default_step)
            self._requests.append(rec)
        rec["step"] = step
        answer = {"rec": rec, "delay_ms": step.get("delay_ms", 0)}
        if "raw" in step:
            raw_body = step["raw"]
            answer.update(status=step.get("status", 200),
                          raw=raw_body.encode("utf-8") if isinstance(raw_body, str) else raw_body)
        elif step.get("status"):
            st = step["status"]
            names = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}
            answer.update(status=st, body=google_error(st, names.get(st, "UNKNOWN"), "scripted failure"))
        else:
            answer.update(status=200, body=self._respond(session, body, step))
        rec["status"] = answer["status"]
        return answer

    def _served(self, answer, seconds):
        answer["rec"]["server_s"] = seconds

    @staticmethod
    def _check_request(body):
        if not isinstance(body, dict):
            return "body must be an object"
        if "session" in body:
            return "session is a path field"
        qi = body.get("queryInput")
        if not isinstance(qi, dict):
            return "queryInput is required"
        inputs = [k for k in QUERY_INPUTS if k in qi]
        if len(inputs) != 1:
            return "queryInput needs exactly one input"
        if not isinstance(qi.get("languageCode"), str) or not qi["languageCode"]:
            return "queryInput.languageCode is required"
        if "text" in qi and (not isinstance(qi["text"].get("text"), str) or not qi["text"]["text"]
                             or len(qi["text"]["text"]) > 256):
            return "queryInput.text.text must hold 1 to 256 characters"
        if "dtmf" in qi and not re.fullmatch(r"[0-9*#]{1,32}", qi["dtmf"].get("digits", "")):
            return "queryInput.dtmf.digits is malformed"
        if "event" in qi and not qi["event"].get("event"):
            return "queryInput.event.event is required"
        qp = body.get("queryParams", {})
        if not isinstance(qp, dict):
            return "queryParams must be an object"
        if "parameters" in qp and not isinstance(qp["parameters"], dict):
            return "queryParams.parameters must be an object"
        if "timeZone" in qp and not re.fullmatch(r"[A-Za-z_]+(/[A-Za-z_+-]+)*", qp["timeZone"]):
            return "queryParams.timeZone is not an IANA zone"
        return None

    def _respond(self, session, body, step):
        qi = body["queryInput"]
        messages = []
        say = step.get("say")
        for t in ([say] if isinstance(say, str) else say or []):
            messages.append({"text": {"text": [t]}})
        if step.get("play"):
            messages.append({"playAudio": {"audioUri": step["play"]}})
        with self._lock:
            params = self._sessions.setdefault(session, {})
            params.update(step.get("parameters") or {})
        hooks = step.get("webhook") or []
        if not isinstance(hooks, list):
            hooks = [hooks]
        for hook in hooks:
            if isinstance(hook, str):
                hook = {"tag": hook}
            messages = self._call_webhook(session, body, step, hook, messages)
        after = step.get("after")
        for t in ([after] if isinstance(after, str) else after or []):
            messages.append({"text": {"text": [t]}})
        if step.get("handoff"):
            messages.append({"liveAgentHandoff": {"metadata": {"reason": "caller_request"}}})
        if step.get("transfer"):
            messages.append({"telephonyTransferCall": {"phoneNumber": step["transfer"]}})
        page = step.get("page")
        if step.get("end"):
            messages.append({"endInteraction": {}})
            page = page or "End Session"
        with self._lock:
            params = dict(self._sessions.get(session, {}))
        result = {
            "languageCode": qi["languageCode"],
            "parameters": params,
            "responseMessages": messages,
        }
        if "text" in qi:
            result["text"] = qi["text"]["text"]
        elif "dtmf" in qi:
            result["dtmf"] = qi["dtmf"]
        elif "event" in qi:
            result["triggerEvent"] = qi["event"]["event"]
        flow = "projects/%s/locations/%s/agents/%s/flows/00000000-0000-0000-0000-000000000000" % (
            self.project, self.location, self.agent)
        if page:
            result["currentPage"] = {"name": flow + "/pages/" + secrets.token_hex(8), "displayName": page}
        match = {"matchType": step.get("match_type", "INTENT" if step.get("intent") else "NO_MATCH")}
        if step.get("intent"):
            intent = {"name": "projects/%s/locations/%s/agents/%s/intents/%s" % (
                self.project, self.location, self.agent, secrets.token_hex(8)), "displayName": step["intent"]}
            result["intent"] = intent
            match["intent"] = intent
            match["confidence"] = step.get("confidence", 0.9)
            result["intentDetectionConfidence"] = match["confidence"]
        elif "event" in qi:
            match["event"] = qi["event"]["event"]
            match["matchType"] = "NO_INPUT"
        if "text" in qi:
            match["resolvedInput"] = qi["text"]["text"]
        result["match"] = match
        if "sentiment" in step and "text" in qi and body.get("queryParams", {}).get("analyzeQueryTextSentiment"):
            result["sentimentAnalysisResult"] = {"score": step["sentiment"], "magnitude": abs(step["sentiment"])}
        return {"responseId": secrets.token_hex(16), "queryResult": result}

    def _call_webhook(self, session, body, step, hook, messages):
        """POSTs a WebhookRequest to the agent's webhook and merges its answer
        the way CX does (APPEND or REPLACE; null deletes a session parameter)."""
        qi = body["queryInput"]
        with self._lock:
            params = self._sessions.setdefault(session, {})
            params.update(hook.get("parameters") or {})
            params = dict(params)
        req = {
            "detectIntentResponseId": secrets.token_hex(16),
            "fulfillmentInfo": {"tag": hook["tag"]},
            "sessionInfo": {"session": self.session_path(session), "parameters": params},
            "pageInfo": {"currentPage": "projects/x/pages/y", "displayName": step.get("page", "Start Page")},
            "languageCode": qi["languageCode"],
            "messages": messages,
        }
        if step.get("intent"):
            req["intentInfo"] = {"lastMatchedIntent": "projects/x/intents/y", "displayName": step["intent"],
                                 "confidence": step.get("confidence", 0.9),
                                 "parameters": {k: {"originalValue": str(v), "resolvedValue": v}
                                                for k, v in (hook.get("parameters") or {}).items()}}
        if "text" in qi:
            req["text"] = qi["text"]["text"]
        elif "dtmf" in qi:
            req["dtmfDigits"] = qi["dtmf"]["digits"]
        call = {"tag": hook["tag"], "session": session, "request": req, "status": None, "response": None,
                "error": None}
        data = json.dumps(req).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.webhook_secret is not None:
            headers["X-Terminfon-Webhook-Secret"] = self.webhook_secret
        try:
            if not self.webhook_url:
                raise OSError("no webhook URL configured")
            r = urllib.request.urlopen(urllib.request.Request(self.webhook_url, data=data, headers=headers,
                                                              method="POST"), timeout=5)
            call["status"] = r.status
            call["response"] = json.loads(r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            call["status"] = e.code
            call["error"] = e.read().decode("utf-8", "replace")
        except (OSError, ValueError) as e:
            call["error"] = str(e)
        with self._lock:
            self._webhooks.append(call)
        resp = call["response"]
        if call["status"] != 200 or not isinstance(resp, dict):
            # CX raises webhook.error; the default handler says something generic.
            return messages + [{"text": {"text": ["Entschuldigung, da ist etwas schiefgelaufen."]}}]
        fr = resp.get("fulfillmentResponse") or resp.get("fulfillment_response") or {}
        new = fr.get("messages") or []
        merge = fr.get("mergeBehavior") or fr.get("merge_behavior") or "APPEND"
        messages = new if merge == "REPLACE" else messages + new
        si = resp.get("sessionInfo") or resp.get("session_info") or {}
        with self._lock:
            params = self._sessions.setdefault(session, {})
            for k, v in (si.get("parameters") or {}).items():
                if v is None:
                    params.pop(k, None)
                else:
                    params[k] = v
        return messages


def main(argv=None):
    ap = argparse.ArgumentParser(description="Fake of Google's OAuth token endpoint and Dialogflow CX detectIntent.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--public-key", required=True, help="PEM file: public half of the service account's key")
    ap.add_argument("--client-email", required=True)
    ap.add_argument("--kid", default=None, help="private_key_id the assertion's header must name")
    ap.add_argument("--project", required=True)
    ap.add_argument("--location", default="global")
    ap.add_argument("--agent", required=True)
    ap.add_argument("--webhook-url", default=None)
    ap.add_argument("--webhook-secret", default=None)
    args = ap.parse_args(argv)
    with open(args.public_key, "rb") as f:
        pem = f.read()
    fake = FakeGoogle(pem, args.client_email, args.project, args.location, args.agent, kid=args.kid,
                      webhook_url=args.webhook_url, webhook_secret=args.webhook_secret, host=args.host,
                      port=args.port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("PORT %d" % fake.start(), flush=True)
    while not stop.is_set():
        stop.wait(0.2)
    fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
