"""test_nginx_conf.py: nginx's side of the contract, against a fake FastCGI
responder (no terminfon needed): the parameters nginx passes, body cap, TLS,
fallback TwiML for POST when no worker answers, JSON 503 for the rest, the rate
limit, and that the production template renders and passes `nginx -t`."""

import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import FakeFcgi, StackTest, run_tests  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"


def api_block(path):
    """The text between the "api" markers, indentation stripped."""
    with open(path) as f:
        text = f.read()
    m = re.search(r"# ---- BEGIN api.*?\n(.*?)# ---- END api ----", text, re.S)
    assert m, "no api markers in %s" % path
    return [ln.strip() for ln in m.group(1).splitlines()]


class NginxToFastCgi(StackTest):
    backend = "fake"

    def echo(self, r):
        self.assertEqual(r.status, 200, r)
        return r.json()

    def test_params_passed(self):
        params = {"CallSid": "CA" + "1" * 32, "From": "+4915112345678", "SpeechResult": "gr\u00fc\u00df"}
        r = self.stack.post_twilio(WEBHOOK + "?x=1&y=%C3%BC", params,
                                   headers={"Proxy": "http://evil.example:1"})
        e = self.echo(r)
        p = e["params"]
        port = str(self.stack.http_port)
        expect = {
            "REQUEST_METHOD": "POST",
            "REQUEST_URI": WEBHOOK + "?x=1&y=%C3%BC",
            "DOCUMENT_URI": WEBHOOK,
            "SCRIPT_NAME": WEBHOOK,
            "QUERY_STRING": "x=1&y=%C3%BC",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "REQUEST_SCHEME": "http",
            "SERVER_PORT": port,
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:" + port,
            "GATEWAY_INTERFACE": "CGI/1.1",
        }
        for k, v in expect.items():
            self.assertEqual(p.get(k), v, k)
        self.assertTrue(p.get("SERVER_NAME"))
        self.assertTrue(p.get("REQUEST_ID"))
        self.assertNotIn("HTTPS", p)
        self.assertEqual(p.get("HTTP_PROXY", ""), "", "httpoxy: Proxy header must not pass")
        self.assertEqual(p["HTTP_X_TWILIO_SIGNATURE"],
                         self.stack.sign(WEBHOOK + "?x=1&y=%C3%BC", params))
        body = e["body"].encode("latin-1")
        self.assertEqual(p["CONTENT_LENGTH"], str(len(body)))
        self.assertIn(b"SpeechResult=gr%C3%BC%C3%9F", body)
        # Upstream keep-alive stays off: FCGI_KEEP_CONN (bit 0) not set.
        self.assertEqual(e["flags"] & 1, 0)

    def test_https_params(self):
        e = self.echo(self.stack.request("GET", "/api/v1/leads?phone=x", scheme="https"))
        p = e["params"]
        self.assertEqual(p["REQUEST_SCHEME"], "https")
        self.assertEqual(p["HTTPS"], "on")
        self.assertEqual(p["SERVER_PORT"], str(self.stack.https_port))
        self.assertEqual(p["HTTP_HOST"], "127.0.0.1:%d" % self.stack.https_port)

    def test_body_cap(self):
        n = len(self.stack.fake.requests)
        # A Twilio route answers TwiML, not nginx's HTML page: the fallback.
        r = self.stack.post_twilio(WEBHOOK, {"Big": "x" * (70 * 1024)})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.content_type.startswith("text/xml"), r)
        self.assertEqual(r.body, self.stack.fallback)
        # The rest of the API answers JSON.
        r = self.stack.request("POST", "/api/v1/dialogflow/test", body="x" * (70 * 1024),
                               headers={"Content-Type": "application/json"})
        self.assertEqual((r.status, r.json()), (413, {"error": "body too large"}))
        ok = self.stack.post_twilio(WEBHOOK, {"Big": "x" * (60 * 1024)})
        self.assertEqual(ok.status, 200)
        self.assertEqual(len(self.stack.fake.requests), n + 1)

    def test_health_metrics_and_paths(self):
        self.assertEqual(self.stack.request("GET", "/api/v1/health").status, 200)
        self.assertEqual(self.stack.request("GET", "/api/v1/metrics").status, 200)
        self.assertEqual(self.stack.request("GET", "/").status, 200)
        self.assertEqual(self.stack.request("GET", "/etc/passwd").status, 404)

    def test_zz_fallback_when_no_worker(self):
        s = self.stack
        s.fake.stop()
        try:
            for method in ("POST", "GET"):
                for path in (WEBHOOK, "/api/v1/twilio/status/callback", "/api/v1/twilio/nope"):
                    r = s.request(method, path, body="CallSid=CA1" if method == "POST" else None,
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
                    self.assertEqual(r.status, 200, (method, path, r))
                    self.assertTrue(r.content_type.startswith("text/xml"), r)
                    self.assertEqual(r.body, s.fallback, (method, path))
            for path in ("/api/v1/health", "/api/v1/leads", "/api/v1/dialogflow/webhook"):
                r = s.request("GET", path)
                self.assertEqual(r.status, 503, (path, r))
                self.assertTrue(r.content_type.startswith("application/json"), r)
                self.assertIn("error", r.json())
        finally:
            s.fake = FakeFcgi(s.socket_path)
        self.assertEqual(s.request("GET", "/api/v1/health").status, 200)

    def test_fallback_is_valid_twiml(self):
        import xml.etree.ElementTree as ET
        root = ET.fromstring(self.stack.fallback)
        self.assertEqual(root.tag, "Response")
        errs = harness.xmllint_schema_errors(self.stack.fallback)
        self.assertFalse(errs, errs)
        src = os.path.join(harness.ROOT, "nginx", "fallback.xml")
        if os.path.exists(src):
            with open(src, "rb") as f:
                self.assertEqual(f.read(), self.stack.fallback)


class FallbackQuoting(StackTest):
    """A fallback with the characters nginx strings treat specially comes
    back byte for byte (no upstream at all here)."""
    backend = None
    tricky = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n'
              '  <Say language="de-DE">Geht\'s? $5 \\ ${x} "\u00e4\u00f6\u00fc\u00df" \\n</Say>\n'
              '</Response>\n').encode("utf-8")

    @classmethod
    def setUpClass(cls):
        fd, cls.path = tempfile.mkstemp(suffix=".xml")
        with os.fdopen(fd, "wb") as f:
            f.write(cls.tricky)
        cls.fallback = cls.path
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        os.unlink(cls.path)

    def test_bytes(self):
        r = self.stack.request("POST", WEBHOOK, body="a=b",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, self.tricky)


class RateLimit(StackTest):
    backend = "fake"

    def test_flood_is_limited(self):
        s = self.stack

        def one(_):
            return s.post_twilio("/api/v1/twilio/status/callback", {"CallSid": "CA1"})

        with concurrent.futures.ThreadPoolExecutor(max_workers=100) as ex:
            answers = list(ex.map(one, range(150)))
        # A refused Twilio request gets the fallback TwiML with 200 (never a
        # 429 page); the others reach the upstream.
        self.assertEqual({r.status for r in answers}, {200}, answers)
        refused = [r for r in answers if r.body == s.fallback]
        self.assertGreater(len(refused), 0, "150 requests at once from one address: none refused")
        self.assertGreaterEqual(len(answers) - len(refused), 60)
        self.assertEqual(len(s.fake.requests), len(answers) - len(refused))


class Templates(StackTest):
    backend = None

    def test_api_blocks_identical(self):
        self.assertEqual(api_block(harness.LOCAL_TEMPLATE), api_block(harness.PROD_TEMPLATE))

    def test_render_refuses_missing_values(self):
        out = os.path.join(self.stack.tmp, "x.conf")
        with self.assertRaises(AssertionError):
            harness.render_template(harness.PROD_TEMPLATE, out, SERVER_NAME="a.example")

    def test_production_renders_and_checks(self):
        tmp = self.stack.tmp
        out = os.path.join(tmp, "terminfon.conf")
        harness.render_template(harness.PROD_TEMPLATE, out, SERVER_NAME="termine.example.de",
                                SOCKET="/run/terminfon/terminfon.sock",
                                ACME_ROOT="/var/www/letsencrypt")
        with open(out) as f:
            text = f.read()
        for needle in ("/etc/letsencrypt/live/termine.example.de/fullchain.pem",
                       "/etc/letsencrypt/live/termine.example.de/privkey.pem",
                       "Strict-Transport-Security", "limit_req zone=terminfon_twilio",
                       "client_max_body_size 64k", "fastcgi_keep_conn off",
                       "server unix:/run/terminfon/terminfon.sock",
                       "/.well-known/acme-challenge/", "return 301 https://termine.example.de",
                       "error_page 413 429 500 502 503 504 = @twilio_fallback",
                       "error_page 429 = @api_rate_limited", "add_header Retry-After"):
            self.assertIn(needle, text)
        upstream = re.search(r"upstream terminfon \{(.*?)\}", text, re.S).group(1)
        self.assertNotRegex(upstream, r"^\s*keepalive", "upstream keep-alive must stay off")
        self.assertNotRegex(text, r"(?m)^\s*include\s", "the site must stand alone")
        # nginx -t with the certificate and log paths pointed at test files.
        t = text.replace("/etc/letsencrypt/live/termine.example.de/fullchain.pem", self.stack.tls_cert)
        t = t.replace("/etc/letsencrypt/live/termine.example.de/privkey.pem", self.stack.tls_key)
        t = t.replace("/etc/letsencrypt/live/termine.example.de/chain.pem", self.stack.tls_cert)
        t = t.replace("/var/log/nginx/", tmp + "/")
        site = os.path.join(tmp, "site.conf")
        with open(site, "w") as f:
            f.write(t)
        main = os.path.join(tmp, "main.conf")
        pfx = os.path.join(tmp, "p")
        os.makedirs(os.path.join(pfx, "logs"), exist_ok=True)
        with open(main, "w") as f:
            f.write("pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp {\n"
                    "client_body_temp_path %s/b; fastcgi_temp_path %s/f; proxy_temp_path %s/p;\n"
                    "uwsgi_temp_path %s/u; scgi_temp_path %s/s;\ninclude %s;\n}\n"
                    % ((pfx,) * 7 + (site,)))
        p = subprocess.run([self.stack.nginx_bin, "-t", "-p", pfx, "-e", pfx + "/logs/error.log",
                            "-c", main], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout.decode("utf-8", "replace"))


if __name__ == "__main__":
    run_tests()
