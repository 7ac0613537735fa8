#!/usr/bin/env python3
"""gen_requests.py: writes the pre-signed Twilio requests scripts/bench loads
with wrk, one request a line: PATH <tab> X-Twilio-Signature <tab> form body.

  gen_requests.py --token TOKEN --base-url URL --out DIR [--calls N]
                  [--callers N] [--gather-calls N] [--seed N] [--today YYYY-MM-DD]

Files written to DIR:
  voice.txt         the voice webhook of --calls different calls (CallSids),
                    from --callers different numbers, to the two example studios
  gather_open.txt   the voice webhooks that open the --gather-calls calls
  gather.txt        their turns of a booking conversation with the embedded
                    agent (want an appointment, name, day and time, yes, bye),
                    in blocks so that a call's turns come in order and far apart
  status.txt        call status callbacks (in-progress, then completed) of the
                    calls of voice.txt

Signatures are computed as Twilio does, over BASE_URL + path, so they hold
whatever port the stack listens on. Standard library only.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import os
import random
import urllib.parse

VOICE = "/api/v1/twilio/voice/webhook"
GATHER = "/api/v1/twilio/voice/gather"
STATUS = "/api/v1/twilio/status/callback"
STUDIOS = ("+4930901820", "+4989901820")     # the example studios (seed-example)
ACCOUNT = "AC" + "0" * 32

FIRST = ("Anna", "Max", "Lena", "Paul", "Marie", "Jonas", "Sophie", "Lukas", "Mia", "Felix",
         "Emma", "Leon", "Hannah", "Noah", "Lea", "Elias", "Clara", "Ben", "Ida", "Theo")
LAST = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann")
OPENERS = ("hallo ich hätte gern einen termin", "ich möchte einen termin vereinbaren",
           "guten tag ich würde gerne einen termin machen", "äh ja ich bräuchte einen termin bitte",
           "ich möchte gern zur probebehandlung kommen")
RELATIVE_DAYS = ("morgen", "übermorgen", "am montag", "am dienstag", "am mittwoch", "am donnerstag",
                 "am freitag", "nächste woche montag", "nächsten mittwoch")
MONTHS = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "dezember")
HOUR_WORDS = ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
              "zehn", "elf", "zwölf")
YES = ("ja", "ja genau", "ja bitte", "das passt", "jawohl")
BYE = ("nein danke", "nein das wars", "nein danke tschüss")


def signature(token, url, params):
    """X-Twilio-Signature: base64(HMAC-SHA1(token, URL + every name+value in
    name order)); `params` is a list of (name, value) with unique names."""
    msg = url + "".join(k + v for k, v in sorted(params, key=lambda kv: kv[0].encode("utf-8")))
    mac = hmac.new(token.encode("utf-8"), msg.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


def call_params(sid, frm, to, status):
    """The parameters of every voice request (empty geo fields included, as
    Twilio sends them)."""
    return [
        ("AccountSid", ACCOUNT), ("ApiVersion", "2010-04-01"), ("CallSid", sid),
        ("CallStatus", status),
        ("Called", to), ("CalledCity", ""), ("CalledCountry", "DE"), ("CalledState", ""), ("CalledZip", ""),
        ("Caller", frm), ("CallerCity", ""), ("CallerCountry", "DE"), ("CallerState", ""), ("CallerZip", ""),
        ("Direction", "inbound"),
        ("From", frm), ("FromCity", ""), ("FromCountry", "DE"), ("FromState", ""), ("FromZip", ""),
        ("To", to), ("ToCity", ""), ("ToCountry", "DE"), ("ToState", ""), ("ToZip", ""),
    ]


def day_phrases(today):
    """What callers say for a day: relative days, and dates of the next eight
    weeks (inside the studios' booking horizon)."""
    dates = []
    for n in range(1, 57):
        d = today + datetime.timedelta(days=n)
        dates.append("am %d. %s" % (d.day, MONTHS[d.month - 1]))
    return list(RELATIVE_DAYS) + dates


def time_phrase(rnd):
    """A time within the studios' opening hours, said in one of the usual ways."""
    hour = rnd.randrange(9, 19)
    way = rnd.randrange(4)
    if way == 0:
        return "um %d uhr" % hour
    if way == 1:
        return "um halb %s" % HOUR_WORDS[(hour + 1) % 12 or 12]
    if way == 2:
        return "um %d uhr dreißig" % hour
    return "nachmittags um %d uhr" % (hour - 12) if hour > 13 else "vormittags um %d uhr" % hour


def line(token, base_url, path, params):
    sig = signature(token, base_url + path, params)
    return "%s\t%s\t%s\n" % (path, sig, urllib.parse.urlencode(params))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--token", required=True, help="TWILIO_AUTH_TOKEN of the stack")
    ap.add_argument("--base-url", required=True, help="BASE_URL of the stack")
    ap.add_argument("--out", required=True, help="directory for the request files")
    ap.add_argument("--calls", type=int, default=30000)
    ap.add_argument("--callers", type=int, default=5000)
    ap.add_argument("--gather-calls", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", help="YYYY-MM-DD the dates callers say count from (default: today)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    today = datetime.date.fromisoformat(a.today) if a.today else datetime.date.today()
    days = day_phrases(today)
    base = a.base_url.rstrip("/")
    os.makedirs(a.out, exist_ok=True)

    callers = ["+4915%d%08d" % (rnd.choice((1, 2, 7, 9)), rnd.randrange(10 ** 8)) for _ in range(a.callers)]

    def sid():
        return "CA%032x" % rnd.getrandbits(128)

    calls = [(sid(), rnd.choice(callers), rnd.choice(STUDIOS)) for _ in range(a.calls)]
    with open(os.path.join(a.out, "voice.txt"), "w", encoding="utf-8") as f:
        for s, frm, to in calls:
            f.write(line(a.token, base, VOICE, call_params(s, frm, to, "ringing")))

    with open(os.path.join(a.out, "status.txt"), "w", encoding="utf-8") as f:
        for seq, status in ((1, "in-progress"), (2, "completed")):
            for s, frm, to in calls:
                p = call_params(s, frm, to, status) + [
                    ("Timestamp", "Tue, 24 Nov 2026 09:%02d:%02d +0000" % (rnd.randrange(60), rnd.randrange(60))),
                    ("CallbackSource", "call-progress-events"), ("SequenceNumber", str(seq))]
                if status == "completed":
                    d = rnd.randrange(20, 400)
                    p += [("CallDuration", str(d)), ("Duration", str((d + 59) // 60))]
                f.write(line(a.token, base, STATUS, p))

    # Booking conversations: each call is opened by its voice webhook (the
    # bench sends gather_open.txt first), then says its turns in order.
    gcalls = [(sid(), "+4916%d%08d" % (rnd.randrange(10), rnd.randrange(10 ** 8)), rnd.choice(STUDIOS))
              for _ in range(a.gather_calls)]
    with open(os.path.join(a.out, "gather_open.txt"), "w", encoding="utf-8") as f:
        for s, frm, to in gcalls:
            f.write(line(a.token, base, VOICE, call_params(s, frm, to, "ringing")))
    turns = []
    for s, frm, to in gcalls:
        turns.append([
            rnd.choice(OPENERS),
            "mein name ist %s %s" % (rnd.choice(FIRST), rnd.choice(LAST)),
            "%s %s" % (rnd.choice(days), time_phrase(rnd)),
            rnd.choice(YES),
            rnd.choice(BYE),
        ])
    block = 256          # far more than the connections in flight: turns stay in order
    with open(os.path.join(a.out, "gather.txt"), "w", encoding="utf-8") as f:
        for b in range(0, len(gcalls), block):
            for t in range(5):
                for i in range(b, min(b + block, len(gcalls))):
                    s, frm, to = gcalls[i]
                    p = call_params(s, frm, to, "in-progress") + [
                        ("SpeechResult", turns[i][t]),
                        ("Confidence", "%.8f" % rnd.uniform(0.62, 0.97))]
                    f.write(line(a.token, base, GATHER, p))


if __name__ == "__main__":
    main()
