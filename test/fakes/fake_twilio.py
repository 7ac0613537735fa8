#!/usr/bin/env python3
"""fake_twilio.py: a fake of Twilio's REST API (Messages, Calls, Recordings) on loopback, for tests.

As a program:
    python3 test/fakes/fake_twilio.py --port 0 --account-sid AC... --auth-token TOKEN \
        [--fail-first N] [--fail-status 500] [--retry-after S] [--delay-ms N] [--record FILE] \
        [--sms-incapable NUMBER ...]
prints "PORT <n>" as its first line on stdout once it listens, and stops
cleanly on SIGTERM or SIGINT.

As a module:
    fake = FakeTwilio(account_sid, auth_token, fail_first=2)
    port = fake.start()
    ... fake.requests() ...
    fake.stop()

Every request received is kept (and appended to the record file as one JSON
line): method, path, form fields, whether the Basic auth was right, the
status answered and the client's port (to see kept-alive connections), so that a test can assert that something happened exactly once.
A message is sent From a number or an alphanumeric sender ID, or through a
Messaging Service (MessagingServiceSid, "MG" + 32 hex digits) instead; the
record's "form" shows which. Like Twilio, the fake refuses a malformed From
(21212), a malformed MessagingServiceSid (21705), and a From that cannot send
SMS (21606): the numbers given as sms_incapable, e.g. a studio's landline.
Only the standard library is used.
"""

import argparse
import base64
import json
import re
import secrets
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

API_VERSION = "2010-04-01"
MAX_BODY = 1024 * 1024
E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
CALL_EVENTS = {"initiated", "ringing", "answered", "completed"}
# Twilio's magic test number that is always invalid (test credentials).
INVALID_TEST_NUMBER = "+15005550001"
# A sender ID of letters, digits and spaces (at least one letter), at most 11.
ALPHA_SENDER = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")
MESSAGING_SERVICE_SID = re.compile(r"^MG[0-9a-fA-F]{32}$")
# Addresses other than E.164 numbers that Twilio takes in To.
SMS_CHANNELS = ("whatsapp:", "messenger:")
CALL_CHANNELS = ("client:", "sip:")


def _valid_to(to, channels):
    if to == INVALID_TEST_NUMBER:
        return False
    for prefix in channels:
        if to.startswith(prefix):
            rest = to[len(prefix):]
            return bool(E164.match(rest)) if prefix == "whatsapp:" else bool(rest)
    return bool(E164.match(to))


def _now_rfc2822():
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())


def _sid(prefix):
    return prefix + secrets.token_hex(16)


def _error_body(status, code, message):
    return {
        "code": code,
        "message": message,
        "more_info": "https://www.twilio.com/docs/errors/%d" % code,
        "status": status,
    }


class _Answer(Exception):
    """Raised inside a route to answer with a Twilio error document."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status = status
        self.body = _error_body(status, code, message)
        self.headers = headers or {}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API offers
    server_version = "fake-twilio"
    sys_version = ""
    timeout = 5  # idle kept-alive connections are closed after this

    def log_message(self, fmt, *args):  # quiet: tests read the record instead
        pass

    def do_POST(self):
        self._handle("POST")

    def do_GET(self):
        self._handle("GET")

    def do_DELETE(self):
        self._handle("DELETE")

    def do_PUT(self):
        self._handle("PUT")

    def _handle(self, method):
        fake = self.server.fake
        length = self.headers.get("Content-Length")
        try:
            n = int(length) if length else 0
        except ValueError:
            n = -1
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            self._send(413, _error_body(413, 20413, "Request entity too large"))
            return
        raw = self.rfile.read(n) if n else b""
        pairs = []
        ctype = self.headers.get("Content-Type", "")
        if raw and ctype.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
        url = urlsplit(self.path)
        auth_ok = self._auth_ok(fake)

        status, body, headers = fake._answer(method, url.path, pairs, auth_ok)
        fake._record(method, url.path, url.query, pairs, auth_ok, status, self.client_address[1])
        self._send(status, body, headers)

    def _auth_ok(self, fake):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return secrets.compare_digest(user, fake.account_sid) and secrets.compare_digest(password, fake.auth_token)

    def _send(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status != 204:
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Twilio-Request-Id", _sid("RQ"))
        self.end_headers()
        if status != 204 and data:
            self.wfile.write(data)


class FakeTwilio:
    """A fake Twilio REST API. start() returns the port; stop() shuts it down."""

    def __init__(self, account_sid="AC" + "0" * 32, auth_token="test-auth-token", host="127.0.0.1", port=0,
                 fail_first=0, fail_status=500, retry_after=None, delay_ms=0, record=None, sms_incapable=()):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.host = host
        self.port = port
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.delay_ms = delay_ms
        self.record_path = record
        self.sms_incapable = set(sms_incapable)  # From numbers that cannot send SMS (landlines)
        self._lock = threading.Lock()
        self._count = 0
        self._requests = []
        self.messages = {}
        self.calls = {}
        self.recordings = {}
        self._server = None
        self._thread = None

    # -- life cycle --------------------------------------------------------

    def start(self):
        self._server = ThreadingHTTPServer((self.host, self.port), _Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.fake = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-twilio", daemon=True)
        self._thread.start()
        return self.port

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    @property
    def base_url(self):
        return "http://%s:%d" % (self.host, self.port)

    def requests(self):
        """Every request so far, oldest first (copies)."""
        with self._lock:
            return [dict(r) for r in self._requests]

    # -- bookkeeping -------------------------------------------------------

    def _record(self, method, path, query, pairs, auth_ok, status, peer_port=0):
        form = {}
        for k, v in pairs:
            if k in form:
                if not isinstance(form[k], list):
                    form[k] = [form[k]]
                form[k].append(v)
            else:
                form[k] = v
        entry = {
            "time": time.time(),
            "method": method,
            "path": path,
            "query": query,
            "form": form,
            "form_pairs": [[k, v] for k, v in pairs],
            "auth_ok": auth_ok,
            "status": status,
            "peer_port": peer_port,  # the same port twice means a kept-alive connection
        }
        with self._lock:
            self._requests.append(entry)
            if self.record_path:
                with open(self.record_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    # -- answers -----------------------------------------------------------

    def _answer(self, method, path, pairs, auth_ok):
        """(status, body or None, headers) for one request."""
        if self.delay_ms:
            time.sleep(self.delay_ms / 1000.0)
        with self._lock:
            self._count += 1
            n = self._count
        if n <= self.fail_first:
            return self._failure()
        if not auth_ok:
            return 401, _error_body(401, 20003, "Authenticate"), {"WWW-Authenticate": 'Basic realm="Twilio API"'}
        try:
            status, body = self._route(method, path, pairs)
            return status, body, {}
        except _Answer as a:
            return a.status, a.body, a.headers

    def _failure(self):
        status = self.fail_status
        headers = {}
        if status == 429:
            body = _error_body(429, 20429, "Too Many Requests")
            headers["Retry-After"] = str(self.retry_after if self.retry_after is not None else 1)
        elif status == 503:
            body = _error_body(503, 20503, "Service Unavailable")
            if self.retry_after is not None:
                headers["Retry-After"] = str(self.retry_after)
        elif status >= 500:
            body = _error_body(status, 20500, "Internal Server Error")
        else:
            body = _error_body(status, 20001, "Unknown error")
        return status, body, headers

    def _route(self, method, path, pairs):
        prefix = "/%s/Accounts/" % API_VERSION
        if not path.startswith(prefix):
            raise self._not_found(path)
        account, _, rest = path[len(prefix):].partition("/")
        if account != self.account_sid:
            raise self._not_found(path)
        form = {}
        for k, v in pairs:
            form.setdefault(k, []).append(v)

        if rest == "Messages.json":
            self._method(method, ("POST",))
            return 201, self._create_message(form)
        if rest == "Calls.json":
            self._method(method, ("POST",))
            return 201, self._create_call(form)
        m = re.fullmatch(r"Messages/(SM[0-9a-f]{32})\.json", rest)
        if m:
            self._method(method, ("GET",))
            return 200, self._find(self.messages, m.group(1), path)
        m = re.fullmatch(r"Calls/(CA[0-9a-f]{32})\.json", rest)
        if m:
            self._method(method, ("GET",))
            return 200, self._find(self.calls, m.group(1), path)
        m = re.fullmatch(r"Calls/(CA[0-9a-f]{32})/Recordings\.json", rest)
        if m:
            self._method(method, ("POST",))
            return 201, self._start_recording(m.group(1), form)
        m = re.fullmatch(r"Recordings/(RE[0-9a-f]{32})\.json", rest)
        if m:
            self._method(method, ("GET", "DELETE"))
            if method == "GET":
                return 200, self._find(self.recordings, m.group(1), path)
            with self._lock:
                gone = self.recordings.pop(m.group(1), None)
            if gone is None:
                raise self._not_found(path)
            return 204, None
        raise self._not_found(path)

    @staticmethod
    def _method(method, allowed):
        if method not in allowed:
            raise _Answer(405, 20004, "Method not allowed")

    @staticmethod
    def _not_found(path):
        return _Answer(404, 20404, "The requested resource %s was not found" % path)

    def _find(self, table, sid, path):
        with self._lock:
            if sid not in table:
                raise self._not_found(path)
            return table[sid]

    @staticmethod
    def _one(form, name):
        values = form.get(name)
        return values[0] if values else None

    def _create_message(self, form):
        to = self._one(form, "To")
        sender = self._one(form, "From")
        service = self._one(form, "MessagingServiceSid")
        body = self._one(form, "Body")
        if not to:
            raise _Answer(400, 21604, "A 'To' phone number is required.")
        if not sender and not service:
            raise _Answer(400, 21603, "A 'From' phone number is required.")
        if not body and not form.get("MediaUrl") and not self._one(form, "ContentSid"):
            raise _Answer(400, 21602, "Message body is required.")
        if service and not MESSAGING_SERVICE_SID.match(service):
            raise _Answer(400, 21705, "The Messaging Service Sid %s is invalid." % service)
        if sender and not (E164.match(sender) or ALPHA_SENDER.match(sender) or sender.startswith(SMS_CHANNELS)):
            raise _Answer(400, 21212, "The 'From' number %s is not a valid phone number, shortcode, or alphanumeric "
                          "sender ID." % sender)
        if sender in self.sms_incapable:
            raise _Answer(400, 21606, "The 'From' phone number provided (%s) is not a valid message-capable Twilio "
                          "phone number for this destination." % sender)
        if not _valid_to(to, SMS_CHANNELS):
            raise _Answer(400, 21211, "The 'To' number %s is not a valid phone number." % to)
        if body and len(body) > 1600:
            raise _Answer(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        sid = _sid("SM")
        now = _now_rfc2822()
        uri = "/%s/Accounts/%s/Messages/%s" % (API_VERSION, self.account_sid, sid)
        msg = {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": body or "",
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": sender,
            "messaging_service_sid": service,
            "num_media": "0",
            "num_segments": str(max(1, (len(body or "") + 152) // 153)),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "accepted" if service and not sender else "queued",
            "subresource_uris": {"media": uri + "/Media.json"},
            "to": to,
            "uri": uri + ".json",
        }
        with self._lock:
            self.messages[sid] = msg
        return msg

    def _create_call(self, form):
        to = self._one(form, "To")
        sender = self._one(form, "From")
        url = self._one(form, "Url")
        if not to:
            raise _Answer(400, 21201, "No 'To' number is specified")
        if not sender:
            raise _Answer(400, 21213, "No 'From' number is specified")
        if not url and not self._one(form, "Twiml") and not self._one(form, "ApplicationSid"):
            raise _Answer(400, 21205, "Url parameter is required.")
        if url and not re.match(r"^https?://", url):
            raise _Answer(400, 21205, "Url is not a valid URL: %s" % url)
        if not _valid_to(to, CALL_CHANNELS):
            raise _Answer(400, 21211, "Invalid 'To' Phone Number: %s" % to)
        for ev in form.get("StatusCallbackEvent", []):
            for word in ev.split():
                if word not in CALL_EVENTS:
                    raise _Answer(400, 21626, "Invalid StatusCallbackEvent: %s" % word)
        record = self._one(form, "Record")
        if record is not None and record.lower() not in ("true", "false"):
            raise _Answer(400, 21626, "Record must be true or false")
        sid = _sid("CA")
        now = _now_rfc2822()
        uri = "/%s/Accounts/%s/Calls/%s" % (API_VERSION, self.account_sid, sid)
        call = {
            "account_sid": self.account_sid,
            "annotation": None,
            "answered_by": None,
            "api_version": API_VERSION,
            "caller_name": None,
            "date_created": now,
            "date_updated": now,
            "direction": "outbound-api",
            "duration": None,
            "end_time": None,
            "forwarded_from": None,
            "from": sender,
            "from_formatted": sender,
            "group_sid": None,
            "parent_call_sid": None,
            "phone_number_sid": None,
            "price": None,
            "price_unit": "USD",
            "queue_time": "0",
            "sid": sid,
            "start_time": None,
            "status": "queued",
            "subresource_uris": {
                "notifications": uri + "/Notifications.json",
                "recordings": uri + "/Recordings.json",
                "payments": uri + "/Payments.json",
                "events": uri + "/Events.json",
                "siprec": uri + "/Siprec.json",
                "streams": uri + "/Streams.json",
                "user_defined_message_subscriptions": uri + "/UserDefinedMessageSubscriptions.json",
                "user_defined_messages": uri + "/UserDefinedMessages.json",
            },
            "to": to,
            "to_formatted": to,
            "trunk_sid": None,
            "uri": uri + ".json",
        }
        with self._lock:
            self.calls[sid] = call
        return call

    def _start_recording(self, call_sid, form):
        sid = _sid("RE")
        now = _now_rfc2822()
        rec = {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "call_sid": call_sid,
            "conference_sid": None,
            "channels": 1,
            "date_created": now,
            "date_updated": now,
            "start_time": now,
            "duration": "-1",
            "encryption_details": None,
            "error_code": None,
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "source": "StartCallRecordingAPI",
            "status": "in-progress",
            "track": "both",
            "uri": "/%s/Accounts/%s/Calls/%s/Recordings/%s.json" % (API_VERSION, self.account_sid, call_sid, sid),
        }
        with self._lock:
            self.recordings[sid] = rec
        return rec


def main(argv=None):
    ap = argparse.ArgumentParser(description="Fake of Twilio's REST API for tests.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--account-sid", default="AC" + "0" * 32)
    ap.add_argument("--auth-token", default="test-auth-token")
    ap.add_argument("--fail-first", type=int, default=0, help="answer the first N requests with --fail-status")
    ap.add_argument("--fail-status", type=int, default=500)
    ap.add_argument("--retry-after", type=int, default=None, help="Retry-After seconds on 429/503 (429: default 1)")
    ap.add_argument("--delay-ms", type=int, default=0, help="wait this long before every answer")
    ap.add_argument("--record", default=None, help="append one JSON line per request to this file")
    ap.add_argument("--sms-incapable", action="append", default=[], metavar="NUMBER",
                    help="a From number that cannot send SMS (answered 400 / 21606); repeatable")
    args = ap.parse_args(argv)

    fake = FakeTwilio(args.account_sid, args.auth_token, host=args.host, port=args.port,
                      fail_first=args.fail_first, fail_status=args.fail_status, retry_after=args.retry_after,
                      delay_ms=args.delay_ms, record=args.record, sms_incapable=args.sms_incapable)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    port = fake.start()
    print("PORT %d" % port, flush=True)
    while not stop.is_set():
        stop.wait(0.2)
    fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
