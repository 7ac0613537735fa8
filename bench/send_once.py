#!/usr/bin/env python3
"""send_once.py: sends every request of a bench/gen_requests.py file once,
from several threads on kept-alive connections (scripts/bench uses it to open
the calls whose gather turns it then measures).

  send_once.py URL FILE [THREADS]

Prints how many answers were not 200 and exits 1 when any was not.
"""

import http.client
import sys
import threading
import urllib.parse


def main():
    url, path = sys.argv[1], sys.argv[2]
    nthreads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    u = urllib.parse.urlsplit(url)
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n").split("\t", 2) for ln in f if ln.strip()]
    bad = []
    lock = threading.Lock()

    def run(part):
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        for target, sig, body in part:
            try:
                conn.request("POST", target, body=body.encode("utf-8"), headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Twilio-Signature": sig, "User-Agent": "TwilioProxy/1.1"})
                r = conn.getresponse()
                r.read()
                status = r.status
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
                status = repr(e)
            if status != 200:
                with lock:
                    bad.append(status)
        conn.close()

    threads = [threading.Thread(target=run, args=(lines[i::nthreads],)) for i in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("%d sent, %d not 200" % (len(lines), len(bad)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
