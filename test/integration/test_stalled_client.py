"""test_stalled_client.py: clients of terminfon's FastCGI socket that stop
sending cannot hold the workers. With every worker taken by a connection
that sent one byte and then nothing, a signed webhook through nginx still
gets terminfon's own answer (not nginx's fallback) within a few seconds, and
a client that stops in the middle of a request's body gets 400 and is
closed."""

import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import StackTest, run_tests, voice_params  # noqa: E402

WEBHOOK = "/api/v1/twilio/voice/webhook"


def record(rtype, content, req_id=1):
    """One FastCGI record (version 1), padded to 8 bytes."""
    pad = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBB", 1, rtype, req_id, len(content), pad, 0) + content + b"\0" * pad


def params(pairs):
    out = b""
    for k, v in pairs.items():
        k, v = k.encode(), v.encode()
        for n in (len(k), len(v)):
            out += bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
        out += k + v
    return out


class StalledClients(StackTest):
    workers = 2

    def stalled(self, n, data=b"\x01"):
        """n connections to the FastCGI socket that send data and then wait."""
        socks = []
        for _ in range(n):
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.connect(self.stack.socket_path)
            c.sendall(data)
            socks.append(c)
        return socks

    def test_stalled_clients_do_not_hold_the_workers(self):
        s = self.stack
        socks = self.stalled(s.workers)
        try:
            time.sleep(0.3)   # every worker has taken one of them
            t0 = time.monotonic()
            r = s.post_twilio(WEBHOOK, voice_params())
            took = time.monotonic() - t0
            self.assertTwiml(r)
            self.assertNotEqual(r.body, s.fallback, "nginx had to answer: every worker was held")
            self.assertLess(took, 3.0, "the webhook waited %.1fs for a worker" % took)
            # The stalled connections were closed by terminfon.
            for c in socks:
                c.settimeout(10)
                self.assertEqual(c.recv(64), b"")
        finally:
            for c in socks:
                c.close()

    def test_client_stalling_in_the_body_gets_400(self):
        s = self.stack
        head = record(1, struct.pack(">HB5x", 1, 0))          # BEGIN_REQUEST, responder
        head += record(4, params({"REQUEST_METHOD": "POST", "REQUEST_URI": WEBHOOK,
                                  "CONTENT_TYPE": "application/x-www-form-urlencoded",
                                  "CONTENT_LENGTH": "100", "REMOTE_ADDR": "127.0.0.1",
                                  "HTTP_HOST": "127.0.0.1", "REQUEST_SCHEME": "http"}))
        head += record(4, b"")
        head += record(5, b"CallSid=CA1")                      # 11 of the 100 bytes
        (c,) = self.stalled(1, head)
        try:
            c.settimeout(10)
            data = b""
            while True:
                chunk = c.recv(4096)
                if not chunk:
                    break
                data += chunk
            self.assertIn(b"Status: 400", data)
            self.assertIn(b"incomplete request", data)
        finally:
            c.close()
        # The workers serve as before.
        self.assertTwiml(s.post_twilio(WEBHOOK, voice_params()))


if __name__ == "__main__":
    run_tests()
