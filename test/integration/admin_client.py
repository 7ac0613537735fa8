"""admin_client.py: what the admin and privacy tests share: HS256 tokens made
the way `terminfon token` makes them (and broken on purpose), an admin client
that waits out nginx's rate limit, and whole calls played with `terminfon call`.
Standard library only."""

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
import urllib.parse

FAKE_NOW = "2026-11-24T09:00:00Z"     # Tuesday, 10:00 in Berlin


def b64url(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def mint_jwt(secret, sub="ops", ttl=3600, now=None, alg="HS256", header=None, claims=None, sign_with=None):
    """A compact JWT. header/claims replace the defaults; sign_with signs with
    another secret; alg other than HS256 leaves the signature empty."""
    now = int(time.time()) if now is None else now
    h = header if header is not None else {"alg": alg, "typ": "JWT"}
    c = claims if claims is not None else {"sub": sub, "iat": now, "exp": now + ttl}
    signing_input = b64url(json.dumps(h, separators=(",", ":"))) + "." + \
        b64url(json.dumps(c, separators=(",", ":")))
    if alg != "HS256":
        return signing_input + "."
    key = (sign_with if sign_with is not None else secret).encode("utf-8")
    sig = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(sig)


def new_number(prefix="+49152"):
    return prefix + "".join(secrets.choice("0123456789") for _ in range(8))


def q(value):
    """A query value with every reserved character escaped ('+' as %2B)."""
    return urllib.parse.quote(value, safe="")


def issue_token(stack, scope="admin", sub="ops", studio=None, ttl=None):
    """A token minted and recorded by `terminfon token --json`: its fields
    (token, id, scope, studio, subject, expires_at)."""
    args = ["token", "--scope", scope, "--sub", sub, "--json"]
    if studio:
        args += ["--studio", studio]
    if ttl:
        args += ["--ttl", str(ttl)]
    p = stack.cli(*args, check=True)
    return json.loads(p.stdout.decode("utf-8").strip().splitlines()[-1])


class Admin:
    """Requests to the admin API with a valid token of subject `sub` (scope
    admin for every studio unless told otherwise)."""

    def __init__(self, stack, sub="ops", scope="admin", studio=None):
        self.stack = stack
        self.sub = sub
        self.secret = stack.env["TERMINFON_JWT_SECRET"]
        issued = issue_token(stack, scope=scope, sub=sub, studio=studio)
        self.token = issued["token"]
        self.token_id = issued["id"]

    def request(self, method, path, token="default", body=None, headers=None):
        """One request; a 429 of nginx's rate limit is waited out and repeated."""
        h = dict(headers or {})
        if token == "default":
            token = self.token
        if token is not None:
            h["Authorization"] = "Bearer " + token
        for _ in range(100):
            r = self.stack.request(method, path, body=body, headers=h)
            if r.status != 429:
                return r
            time.sleep(0.15)
        raise AssertionError("still rate limited after 15 s: %s %s" % (method, path))

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def json(self, method, path, status=200, **kw):
        r = self.request(method, path, **kw)
        assert r.status == status, "%s %s: expected %d, got %r" % (method, path, status, r)
        assert r.content_type.startswith("application/json"), r
        return r.json()

    def audit(self, action=None):
        """audit_log rows (actor, action, target), oldest first."""
        sql = "SELECT actor, action, target FROM audit_log"
        args = ()
        if action:
            sql += " WHERE action = ?"
            args = (action,)
        return self.stack.rows(sql + " ORDER BY id", args)


def call(stack, *turns, frm, to=None):
    """Plays one call with `terminfon call`; turns are spoken words, or "#N"
    for key presses. Returns the bot's lines."""
    args = ["call", "--url", stack.base(), "--quiet", "--from", frm]
    if to:
        args += ["--to", to]
    for t in turns:
        if t.startswith("#"):
            args += ["--digits", t[1:]]
        else:
            args += ["--say", t]
    p = stack.cli(*args, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "call failed (%d):\n%s\n%s" % (p.returncode, out, p.stderr.decode())
    return [ln[5:] for ln in out.splitlines() if ln.startswith("Bot: ")]


def lead_id_of(stack, call_sid=None):
    """The lead of a call, or the newest lead."""
    if call_sid:
        rows = stack.rows("SELECT lead_id FROM lead_call_logs WHERE call_sid = ?", (call_sid,))
    else:
        rows = stack.rows("SELECT id FROM leads ORDER BY id DESC LIMIT 1")
    return rows[0][0] if rows else None


def write_db(stack, sql, args=()):
    """A write straight into the stack's database, for what no route makes
    (old timestamps, a callback request)."""
    stack.write(sql, args)


def file_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def db_files(stack):
    """The database file and its -wal as they are on disk now."""
    return file_bytes(stack.db_path) + file_bytes(stack.db_path + "-wal")


def db_values(stack):
    """Every value of every column of every table, read through SQL, as
    bytes: what the database holds, on any backend (blobs as they are)."""
    cols = stack.rows("SELECT table_name, column_name FROM information_schema.columns"
                      " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
    out = []
    for table, column in cols:
        for (v,) in stack.rows('SELECT "%s" FROM "%s"' % (column, table)):
            if v is None:
                continue
            if isinstance(v, memoryview):
                v = v.tobytes()
            out.append(v if isinstance(v, bytes) else str(v).encode("utf-8"))
    return b"\n".join(out)


def repo_path(*parts):
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), *parts)
