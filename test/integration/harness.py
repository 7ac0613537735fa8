"""harness.py: starts real nginx + `terminfon serve` on free loopback ports for
the integration tests, signs requests like Twilio, reads the database, and
runs the tests with a closing "N passed, N failed" line.

Standard library only, and Debian's psycopg2 for the PostgreSQL pass.
Environment: TERMINFON_BIN (the binary; default build/terminfon),
TERMINFON_KEEP_TMP=1 keeps every temporary prefix (failed runs keep theirs
anyway and print the tails of terminfon's and nginx's logs),
TERMINFON_TEST_DATABASE_URL (a PostgreSQL server, e.g.
postgresql:///postgres?host=/tmp/x&user=terminfon): every stack then gets a
fresh database of its own there instead of a SQLite file.
"""

import atexit
import base64
import calendar
import ctypes
import grp
import hashlib
import hmac
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIB_SH = os.path.join(ROOT, "scripts", "lib.sh")
LOCAL_TEMPLATE = os.path.join(ROOT, "nginx", "local.conf.in")
PROD_TEMPLATE = os.path.join(ROOT, "nginx", "terminfon.conf.in")
TWIML_XSD = os.path.join(ROOT, "test", "data", "twiml", "TwiML.voice.derived.xsd")
DASHBOARD_DIR = os.path.join(ROOT, "dashboard")

# The example studios `terminfon seed-example` loads.
BERLIN = "+4930901820"
MUENCHEN = "+4989901820"

# Every wait in the tests is bounded by one of these (seconds). A sanitizer
# build starts slower, so start-up gets room.
START_TIMEOUT = 30
HTTP_TIMEOUT = 30
STOP_TIMEOUT = 20

_STACKS = []
_FAILED = False

# The PostgreSQL pass (scripts/test): the server every stack makes its
# database on. Unset, every stack has a SQLite file.
PG_SERVER = os.environ.get("TERMINFON_TEST_DATABASE_URL", "")


def on_postgres():
    return PG_SERVER != ""


def _psycopg2():
    if "/usr/lib/python3/dist-packages" not in sys.path:
        sys.path.append("/usr/lib/python3/dist-packages")  # Debian's psycopg2
    import psycopg2
    return psycopg2


def pg_url_with_db(server_url, dbname):
    """server_url with its database name replaced by dbname."""
    u = urllib.parse.urlsplit(server_url)
    # urlunsplit drops the "//" of an empty authority (postgresql:///db?host=/dir).
    return "%s://%s/%s%s" % (u.scheme, u.netloc, dbname, "?" + u.query if u.query else "")


def pg_connect(url):
    """A psycopg2 connection (autocommit) to a libpq URL."""
    con = _psycopg2().connect(url)
    con.autocommit = True
    return con


def pg_create_database(prefix="it"):
    """A fresh, empty database on PG_SERVER; answers its URL."""
    name = "%s_%d_%s" % (prefix, os.getpid(), secrets.token_hex(4))
    con = pg_connect(PG_SERVER)
    try:
        con.cursor().execute("CREATE DATABASE " + name)
    finally:
        con.close()
    return pg_url_with_db(PG_SERVER, name)


def pg_drop_database(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    con = pg_connect(PG_SERVER)
    try:
        con.cursor().execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)
    finally:
        con.close()


def skip_on_postgres(why):
    """Decorator: a test of the SQLite file itself (its pages, WAL, bytes on
    disk) that has no meaning on a PostgreSQL server."""
    return unittest.skipIf(on_postgres(), "SQLite only: " + why)


class _PgRows:
    """The part of a sqlite3 connection the tests use, over psycopg2: ?
    parameters, execute().fetchall()/fetchone(), rows as tuples."""

    def __init__(self, url):
        self.con = pg_connect(url)

    def execute(self, sql, args=()):
        cur = self.con.cursor()
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(args))
        return cur

    def commit(self):
        pass

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --------------------------------------------------------------------------
# timestamps

def utc_text(offset=0.0, now=None):
    """'YYYY-MM-DD HH:MM:SS' (UTC) of `now` (default: the real clock) plus
    `offset` seconds: the portable stand-in for datetime('now', ...)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime((time.time() if now is None else now) + offset))


def shift_text(text, seconds):
    """A stored UTC timestamp (text, or datetime on PostgreSQL) moved by
    `seconds`, as 'YYYY-MM-DD HH:MM:SS'; None stays None."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = text.strftime("%Y-%m-%d %H:%M:%S")
    t = time.strptime(text[:19].replace("T", " "), "%Y-%m-%d %H:%M:%S")
    return utc_text(seconds, calendar.timegm(t))


# --------------------------------------------------------------------------
# processes

def which(name):
    """Path of a program, also looking in the sbin directories (nginx)."""
    found = shutil.which(name)
    if found:
        return found
    for d in ("/usr/sbin", "/sbin", "/usr/local/sbin"):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    return None


def terminfon_bin():
    b = os.environ.get("TERMINFON_BIN") or os.path.join(
        os.environ.get("TERMINFON_BUILD_DIR") or os.path.join(ROOT, "build"), "terminfon")
    return os.path.abspath(b)


try:
    _libc = ctypes.CDLL(None, use_errno=True)   # loaded here, not in a forked child
    _prctl = _libc.prctl
except (OSError, AttributeError):
    _prctl = None


def _die_with_parent():
    """preexec_fn: the child gets SIGTERM when this test process dies, even by
    SIGKILL (a ctest timeout), so no nginx or terminfon outlives a test.
    Children are started from the main thread only: the death signal follows
    the thread that forked."""
    if _prctl is not None:
        _prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG


def _ephemeral_low():
    """The lowest port the kernel hands out to outgoing connections."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port():
    """A port free now, below the kernel's ephemeral range: a port the kernel
    picked for bind(0) may be handed to another test's outgoing connection
    before nginx binds it ("Address already in use")."""
    low = min(_ephemeral_low(), 32768)
    rng = secrets.SystemRandom()
    for _ in range(200):
        port = rng.randrange(max(1024, low - 12000), low)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(pred, timeout, interval=0.05, what="condition"):
    """Polls pred() until it returns a true value; returns it, or raises
    AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() >= deadline:
            raise AssertionError("timed out after %.1fs waiting for %s" % (timeout, what))
        time.sleep(interval)


def proc_children(pid):
    """Pids whose parent is pid (from /proc/*/stat)."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read().decode("ascii", "replace")
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2:].split()
        if len(rest) >= 2 and rest[1] == str(pid) and rest[0] != "Z":
            out.append(int(name))
    return sorted(out)


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read().decode("ascii", "replace")
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].split()[0] != "Z"


def tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return "(no %s)" % path
    text = data.decode("utf-8", "replace").splitlines()
    return "\n".join(text[-lines:])


# --------------------------------------------------------------------------
# Twilio

def new_call_sid():
    return "CA" + secrets.token_hex(16)


def twilio_signature(auth_token, url, params):
    """X-Twilio-Signature as Twilio computes it: base64(HMAC-SHA1(token, URL +
    name+value for every name in byte order, its values sorted)). `params` is
    a dict or a list of (name, value) pairs (repeated names allowed)."""
    pairs = list(params.items()) if isinstance(params, dict) else list(params)
    by_name = {}
    for k, v in pairs:
        by_name.setdefault(k, set()).add(v)
    msg = url
    for k in sorted(by_name, key=lambda s: s.encode("utf-8")):
        for v in sorted(by_name[k], key=lambda s: s.encode("utf-8")):
            msg += k + v
    mac = hmac.new(auth_token.encode("utf-8"), msg.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


def voice_params(call_sid=None, from_="+4915112345678", to=BERLIN, status="ringing",
                 account_sid="AC" + "0" * 32, **extra):
    """The parameters Twilio posts to a voice URL (empty geo fields included,
    as Twilio sends them), plus `extra`."""
    p = {
        "AccountSid": account_sid,
        "ApiVersion": "2010-04-01",
        "CallSid": call_sid or new_call_sid(),
        "CallStatus": status,
        "Called": to, "CalledCity": "", "CalledCountry": "DE", "CalledState": "", "CalledZip": "",
        "Caller": from_, "CallerCity": "", "CallerCountry": "DE", "CallerState": "", "CallerZip": "",
        "Direction": "inbound",
        "From": from_, "FromCity": "", "FromCountry": "DE", "FromState": "", "FromZip": "",
        "To": to, "ToCity": "", "ToCountry": "DE", "ToState": "", "ToZip": "",
    }
    p.update(extra)
    return p


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # lower-case names
        self.body = body                # bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def content_type(self):
        return self.headers.get("content-type", "")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "<Response %d %s %r>" % (self.status, self.content_type, self.body[:300])


def xmllint_schema_errors(xml_bytes):
    """Errors of `xmllint --schema` against the derived TwiML schema, or None
    when xmllint or the schema is not there."""
    lint = which("xmllint")
    if not lint or not os.path.exists(TWIML_XSD):
        return None
    p = subprocess.run([lint, "--noout", "--schema", TWIML_XSD, "-"], input=xml_bytes,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    if p.returncode == 0:
        return ""
    return p.stdout.decode("utf-8", "replace")


# --------------------------------------------------------------------------
# a tiny FastCGI responder, to test nginx's side without terminfon

class FakeFcgi:
    """A FastCGI responder on a unix socket, one thread per connection.
    handler(params: dict of str, stdin: bytes, begin_flags: int) returns
    (status: int, headers: list of (name, value), body: bytes). Every request
    it saw is appended to self.requests as (params, stdin, flags)."""

    def __init__(self, path, handler=None, mode=0o666):
        self.path = path
        self.handler = handler or self.echo
        self.requests = []
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        self.sock.bind(path)
        os.chmod(path, mode)
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.stopping = False
        self.thread = threading.Thread(target=self._accept_loop, daemon=True)
        self.thread.start()

    @staticmethod
    def echo(params, stdin, flags):
        body = json.dumps({"params": params, "body": stdin.decode("latin-1"), "flags": flags})
        return 200, [("Content-Type", "application/json")], body.encode("utf-8")

    def stop(self):
        self.stopping = True
        self.thread.join(5)
        self.sock.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def _accept_loop(self):
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _read_exact(conn, n):
        buf = b""
        while len(buf) < n:
            chunk = conn.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    @staticmethod
    def _decode_params(data):
        out, i = {}, 0
        while i < len(data):
            lens = []
            for _ in range(2):
                b = data[i]
                if b & 0x80:
                    lens.append(struct.unpack(">I", data[i:i + 4])[0] & 0x7FFFFFFF)
                    i += 4
                else:
                    lens.append(b)
                    i += 1
            name = data[i:i + lens[0]].decode("latin-1")
            i += lens[0]
            out[name] = data[i:i + lens[1]].decode("latin-1")
            i += lens[1]
        return out

    @staticmethod
    def _record(rtype, req_id, content):
        pad = (8 - len(content) % 8) % 8
        return struct.pack(">BBHHBB", 1, rtype, req_id, len(content), pad, 0) + content + b"\0" * pad

    def _serve(self, conn):
        try:
            conn.settimeout(10)
            params_raw, stdin, flags, req_id = b"", b"", 0, 1
            while True:
                hdr = self._read_exact(conn, 8)
                _, rtype, req_id, clen, plen, _ = struct.unpack(">BBHHBB", hdr)
                content = self._read_exact(conn, clen)
                self._read_exact(conn, plen)
                if rtype == 1:      # BEGIN_REQUEST
                    flags = content[2]
                elif rtype == 4:    # PARAMS
                    params_raw += content
                elif rtype == 5:    # STDIN; empty record ends it
                    if not content:
                        break
                    stdin += content
            params = self._decode_params(params_raw)
            with self.lock:
                self.requests.append((params, stdin, flags))
            status, headers, body = self.handler(params, stdin, flags)
            head = "Status: %d\r\n" % status + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
            out = head.encode("latin-1") + body
            data = b""
            for i in range(0, len(out), 65535):
                data += self._record(6, req_id, out[i:i + 65535])
            data += self._record(6, req_id, b"")
            data += self._record(3, req_id, struct.pack(">IB3x", 0, 0))
            conn.sendall(data)
        except (EOFError, OSError):
            pass
        finally:
            conn.close()


# --------------------------------------------------------------------------
# the stack

class Stack:
    """nginx (nginx/local.conf.in rendered into a temporary prefix) in front of
    `terminfon serve` (or a FakeFcgi when backend="fake"), on free loopback
    ports, with its own database and secrets. stop() ends everything it
    started; an atexit hook does so for stacks a failing test left behind."""

    def __init__(self, workers=2, backend="terminfon", env=None, name="stack", fallback=None,
                 sqlite=False, db_url=None, seed=True, instances=1):
        """sqlite: a SQLite file even in the PostgreSQL pass; db_url: this
        existing database instead of a new one; seed: load the example
        studios at start; instances > 1: further `terminfon serve` processes
        (hosts) on the same database, each with its own socket and log,
        behind the one nginx upstream."""
        self.name = name
        self.instances = instances
        self.more = []                  # the Popen objects of instance 2, 3, ...
        self.fallback_src = fallback
        self.workers = workers
        self.backend = backend
        self.bin = terminfon_bin()
        self.nginx_bin = which("nginx")
        self.tmp = tempfile.mkdtemp(prefix="terminfon-it-")
        # nginx's workers run as nobody when the test runs as root: they must
        # reach the socket through this directory (the socket itself is 0666).
        os.chmod(self.tmp, 0o755)
        self.prefix = os.path.join(self.tmp, "nginx")
        self.socket_path = os.path.join(self.tmp, "terminfon.sock")
        self.db_path = os.path.join(self.tmp, "terminfon.db")
        self.own_db = db_url is None and not sqlite and on_postgres()
        self.db_url = db_url or (pg_create_database() if self.own_db else "")
        self.seed = seed
        self.log_path = os.path.join(self.tmp, "terminfon.log")
        self.more_sockets = [os.path.join(self.tmp, "terminfon-%d.sock" % (i + 2))
                             for i in range(instances - 1)]
        self.more_logs = [os.path.join(self.tmp, "terminfon-%d.log" % (i + 2))
                          for i in range(instances - 1)]
        self.conf_path = os.path.join(self.prefix, "nginx.conf")
        self.tls_cert = os.path.join(self.tmp, "tls", "cert.pem")
        self.tls_key = os.path.join(self.tmp, "tls", "key.pem")
        self.http_port = None
        self.https_port = None
        self.fallback = None
        self.serve = None
        self.nginx = None
        self.fake = None
        self.auth_token = secrets.token_hex(16)
        self.env = self._make_env(env or {})
        self.stopped = False
        self.cleaned = False
        _STACKS.append(self)

    # ---- setup

    def _make_env(self, extra):
        drop = ("TWILIO_", "TERMINFON_", "DIALOGFLOW_")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(drop) and k not in (
                   "BASE_URL", "FALLBACK_PHONE_NUMBER", "GOOGLE_APPLICATION_CREDENTIALS")}
        env.update({
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_PHONE_NUMBER": BERLIN,
            # Nothing in a test may reach the real Twilio: an address that refuses.
            "TWILIO_API_BASE_URL": "http://127.0.0.1:9",
            "TERMINFON_DATA_KEY": secrets.token_hex(32),
            "TERMINFON_JWT_SECRET": secrets.token_hex(32),
            "TERMINFON_DB": self.db_path,
            "TERMINFON_DATABASE_URL": self.db_url,
            "TERMINFON_SOCKET": self.socket_path,
            "TERMINFON_WORKERS": str(self.workers),
            "TERMINFON_LOG_LEVEL": "info",
        })
        env.update(extra)
        return env

    def start(self):
        try:
            self._make_tls()
            if self.backend == "terminfon":
                if not os.access(self.bin, os.X_OK):
                    raise AssertionError("no terminfon binary at %s (set TERMINFON_BIN)" % self.bin)
                self.cli("migrate", check=True)
                if self.seed:
                    self.cli("seed-example", check=True)
                self.start_terminfon(wait=False)
            elif self.backend == "fake":
                self.fake = FakeFcgi(self.socket_path)
            self.start_nginx()
            if self.backend == "terminfon":
                self.wait_health()
        except BaseException:
            global _FAILED
            _FAILED = True
            self.dump_logs("start failed")
            self.stop()
            raise
        return self

    def _make_tls(self):
        os.makedirs(os.path.dirname(self.tls_cert), exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-keyout", self.tls_key, "-out", self.tls_cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)

    def cli(self, *args, check=False, timeout=60, input=None, env=None):
        """Runs `terminfon ARGS` in the stack's directory and environment."""
        e = dict(self.env)
        if env:
            e.update(env)
        p = subprocess.run([self.bin] + list(args), cwd=self.tmp, env=e, input=input,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           stdin=None if input is not None else subprocess.DEVNULL)
        if check and p.returncode != 0:
            raise AssertionError("terminfon %s exited %d:\n%s%s" % (
                " ".join(args), p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace")))
        return p

    def render_nginx(self):
        os.makedirs(os.path.join(self.prefix, "logs"), exist_ok=True)
        os.makedirs(os.path.join(self.prefix, "tmp"), exist_ok=True)
        os.chmod(self.prefix, 0o755)
        if os.geteuid() == 0:
            group = "nogroup"
            try:
                grp.getgrnam(group)
            except KeyError:
                group = "nobody"
            user = "user nobody %s;" % group
        else:
            user = "# not root: no user directive"
        render_template(LOCAL_TEMPLATE, self.conf_path, PREFIX=self.prefix,
                        HTTP_PORT=self.http_port, HTTPS_PORT=self.https_port,
                        SOCKET=self.socket_path, TLS_CERT=self.tls_cert, TLS_KEY=self.tls_key,
                        USER=user, DASHBOARD=DASHBOARD_DIR,
                        **({"FALLBACK": self.fallback_src} if self.fallback_src else {}),
                        **({"MORE_UPSTREAMS": " ".join("server unix:%s max_fails=0;" % p
                                                       for p in self.more_sockets)}
                           if self.more_sockets else {}))
        with open(self.conf_path + ".fallback.xml", "rb") as f:
            self.fallback = f.read()

    def start_nginx(self):
        if not self.nginx_bin:
            raise AssertionError("nginx is not installed (scripts/deps installs it)")
        last = ""
        for _ in range(3):
            self.http_port, self.https_port = free_port(), free_port()
            self.render_nginx()
            errlog = os.path.join(self.prefix, "logs", "error.log")
            self.nginx = subprocess.Popen(
                [self.nginx_bin, "-p", self.prefix, "-e", errlog, "-c", self.conf_path,
                 "-g", "daemon off;"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=open(os.path.join(self.prefix, "logs", "stderr.log"), "ab"),
                preexec_fn=_die_with_parent)
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline:
                if self.nginx.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.http_port), timeout=1).close()
                    return
                except OSError:
                    time.sleep(0.05)
            last = tail(errlog, 20) + "\n" + tail(os.path.join(self.prefix, "logs", "stderr.log"), 20)
            self._kill_nginx()
            if "in use" not in last:
                break
        raise AssertionError("nginx did not start:\n" + last)

    def start_terminfon(self, wait=True):
        """Starts `terminfon serve`; with wait, until /api/v1/health answers."""
        assert self.serve is None or self.serve.poll() is not None, "terminfon runs already"
        if self.instances > 1:
            self.serve = self._spawn_serve(self.socket_path, self.log_path)
            self.more = [self._spawn_serve(p, lg) for p, lg in zip(self.more_sockets, self.more_logs)]
            if wait:
                self.wait_health()
            return
        log = open(self.log_path, "ab")
        self.serve = subprocess.Popen(
            [self.bin, "serve", "--socket", self.socket_path, "--workers", str(self.workers),
             "--socket-mode", "0666"],
            cwd=self.tmp, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            preexec_fn=_die_with_parent)
        log.close()
        if wait:
            self.wait_health()

    def _spawn_serve(self, sock, log_path):
        """One instance of several, in a session of its own, so that its
        supervisor, workers and background process die together (kill_instance)."""
        with open(log_path, "ab") as log:
            return subprocess.Popen(
                [self.bin, "serve", "--socket", sock, "--workers", str(self.workers),
                 "--socket-mode", "0666"],
                cwd=self.tmp, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                preexec_fn=_die_with_parent, start_new_session=True)

    def instance(self, i):
        """(Popen, socket path, log path) of instance i (0 is self.serve)."""
        if i == 0:
            return self.serve, self.socket_path, self.log_path
        return self.more[i - 1], self.more_sockets[i - 1], self.more_logs[i - 1]

    def kill_instance(self, i, sig=signal.SIGKILL):
        """Signals instance i's supervisor and its whole process group (workers,
        background process), as when a host dies; waits for the supervisor."""
        p = self.instance(i)[0]
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        p.wait(STOP_TIMEOUT)

    def wait_health(self, timeout=START_TIMEOUT):
        def ok():
            if self.serve is not None and self.serve.poll() is not None:
                raise AssertionError("terminfon serve exited with %s:\n%s" % (
                    self.serve.returncode, tail(self.log_path, 30)))
            for p, lg in zip(self.more, self.more_logs):
                if p.poll() is not None:
                    raise AssertionError("terminfon serve (%s) exited with %s:\n%s" % (
                        lg, p.returncode, tail(lg, 30)))
            if self.more and not all(_listening(p) for p in [self.socket_path] + self.more_sockets):
                return False
            try:
                r = self.request("GET", "/api/v1/health", timeout=5)
            except OSError:
                return False
            return r.status == 200
        wait_until(ok, timeout, what="/api/v1/health through nginx")

    # ---- teardown

    def stop_terminfon(self, sig=signal.SIGTERM, timeout=STOP_TIMEOUT):
        """Signals `terminfon serve` and waits for it; returns its exit code.
        Kills it (and says so) when it does not stop in time."""
        if self.serve is None or self.serve.poll() is not None:
            return None if self.serve is None else self.serve.returncode
        kids = proc_children(self.serve.pid)
        self.serve.send_signal(sig)
        try:
            code = self.serve.wait(timeout)
        except subprocess.TimeoutExpired:
            self.serve.kill()
            self.serve.wait(5)
            self._kill_pids(kids)
            raise AssertionError("terminfon serve did not exit within %ss of signal %d" % (timeout, sig))
        # Workers must not outlive their supervisor.
        self._kill_pids([k for k in kids if pid_alive(k)])
        return code

    def _stop_more(self):
        """SIGTERM to instances 2, 3, ...; then their sessions' leftovers go."""
        for p in self.more:
            if p.poll() is None:
                p.terminate()
        for p in self.more:
            try:
                p.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    @staticmethod
    def _kill_pids(pids):
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _kill_nginx(self):
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(5)

    def stop(self):
        """Ends everything this stack started; safe to call twice."""
        if self.stopped:
            return
        self.stopped = True
        try:
            self._stop_more()
            if self.serve is not None and self.serve.poll() is None:
                kids = proc_children(self.serve.pid)
                self.serve.terminate()
                try:
                    self.serve.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.serve.kill()
                    self.serve.wait(5)
                self._kill_pids([k for k in kids if pid_alive(k)])
        finally:
            self._kill_nginx()
            if self.fake is not None:
                self.fake.stop()

    def cleanup(self):
        if self.cleaned:
            return
        self.cleaned = True
        if os.environ.get("TERMINFON_KEEP_TMP") or _FAILED:
            print("harness: kept %s" % self.tmp, file=sys.stderr)
            return
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self.own_db:
            try:
                pg_drop_database(self.db_url)
            except Exception as e:  # the server may be gone at exit
                print("harness: database not dropped: %s" % e, file=sys.stderr)

    # ---- logs

    def nginx_error_log(self):
        return os.path.join(self.prefix, "logs", "error.log")

    def dump_logs(self, why="", lines=40):
        out = sys.stdout
        print("---- %s [%s] %s: terminfon stderr (%s), last %d lines ----" % (
            self.name, self.tmp, why, self.log_path, lines), file=out)
        print(tail(self.log_path, lines), file=out)
        for lg in self.more_logs:
            print("---- %s: %s, last %d lines ----" % (self.name, lg, lines), file=out)
            print(tail(lg, lines), file=out)
        print("---- %s: nginx error.log, last %d lines ----" % (self.name, lines), file=out)
        print(tail(self.nginx_error_log(), lines), file=out)
        print("---- end of logs ----", file=out)
        out.flush()

    def sanitizer_errors(self):
        """Lines of ASan/UBSan/LSan reports in terminfon's stderr (every instance's)."""
        text = ""
        for path in [self.log_path] + self.more_logs:
            try:
                with open(path, "rb") as f:
                    text += f.read().decode("utf-8", "replace")
            except OSError:
                pass
        marks = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                 "ERROR: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")
        return [ln for ln in text.splitlines() if any(m in ln for m in marks)]

    def log_records(self):
        """terminfon's JSON log lines, parsed (other lines skipped)."""
        out = []
        try:
            with open(self.log_path, "rb") as f:
                for ln in f.read().decode("utf-8", "replace").splitlines():
                    ln = ln.strip()
                    if ln.startswith("{"):
                        try:
                            out.append(json.loads(ln))
                        except ValueError:
                            pass
        except OSError:
            pass
        return out

    # ---- HTTP

    def base(self, scheme="http"):
        port = self.http_port if scheme == "http" else self.https_port
        return "%s://127.0.0.1:%d" % (scheme, port)

    def url(self, path, scheme="http"):
        return self.base(scheme) + path

    def request(self, method, path, body=None, headers=None, scheme="http", timeout=HTTP_TIMEOUT):
        """One request on a fresh connection (as Twilio makes them)."""
        if scheme == "https":
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=timeout,
                                               context=ctx)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=timeout)
        try:
            if isinstance(body, str):
                body = body.encode("utf-8")
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        finally:
            conn.close()

    def sign(self, path, params, scheme="http"):
        """The signature Twilio would send for posting params to path here."""
        url = path if "://" in path else self.url(path, scheme)
        return twilio_signature(self.auth_token, url, params)

    def post_twilio(self, path, params, sign=True, scheme="http", signature=None,
                    headers=None, body=None):
        """POSTs a form like Twilio. sign: True (valid signature), False (no
        header), "forged" (random bytes); signature= overrides; body= sends raw
        bytes instead of the encoded params (the signature stays over params)."""
        pairs = list(params.items()) if isinstance(params, dict) else list(params)
        h = {"Content-Type": "application/x-www-form-urlencoded",
             "User-Agent": "TwilioProxy/1.1",
             "Accept": "*/*"}
        if signature is not None:
            h["X-Twilio-Signature"] = signature
        elif sign is True:
            h["X-Twilio-Signature"] = self.sign(path, pairs, scheme)
        elif sign == "forged":
            h["X-Twilio-Signature"] = base64.b64encode(secrets.token_bytes(20)).decode("ascii")
        if headers:
            h.update(headers)
        if body is None:
            body = urllib.parse.urlencode(pairs)
        return self.request("POST", path, body=body, headers=h, scheme=scheme)

    # ---- database

    def db(self, write=False):
        """A connection to this stack's database (read-only unless write):
        sqlite3's, or the same calls over PostgreSQL."""
        if self.db_url:
            return _PgRows(self.db_url)
        con = sqlite3.connect(self.db_path, timeout=10)
        if not write:
            con.execute("PRAGMA query_only = 1")
        return con

    def write(self, sql, args=()):
        """One write straight into the database, for what no route makes (old
        timestamps, a callback request); answers the new row's id of an
        INSERT (the table's id column)."""
        con = self.db(write=True)
        try:
            if self.db_url:
                insert = sql.lstrip().upper().startswith("INSERT")
                cur = con.execute(sql + (" RETURNING id" if insert else ""), args)
                return cur.fetchone()[0] if insert else None
            cur = con.execute(sql, args)
            con.commit()
            return cur.lastrowid
        finally:
            con.close()

    def rows(self, sql, args=()):
        con = self.db()
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def count(self, table, where="1 = 1", args=()):
        return self.rows("SELECT count(*) FROM %s WHERE %s" % (table, where), args)[0][0]

    def counts(self):
        return {t: self.count(t) for t in ("leads", "lead_call_logs")}

    def call_log(self, call_sid, columns="status, duration_seconds"):
        r = self.rows("SELECT %s FROM lead_call_logs WHERE call_sid = ?" % columns, (call_sid,))
        return r[0] if r else None

    # ---- processes

    def children(self):
        return proc_children(self.serve.pid) if self.serve and self.serve.poll() is None else []

    def _listen_inode(self):
        try:
            with open("/proc/net/unix") as f:
                for ln in f:
                    parts = ln.split()
                    if len(parts) >= 8 and parts[7] == self.socket_path and parts[5] == "01":
                        return parts[6]
        except OSError:
            pass
        return None

    def worker_pids(self):
        """The children of `terminfon serve` that hold the listening socket
        (the FastCGI workers); all children when that cannot be told."""
        kids = self.children()
        inode = self._listen_inode()
        if inode is None:
            return kids
        want = "socket:[%s]" % inode
        workers = []
        for k in kids:
            try:
                fds = os.listdir("/proc/%d/fd" % k)
            except OSError:
                continue
            for fd in fds:
                try:
                    if os.readlink("/proc/%d/fd/%s" % (k, fd)) == want:
                        workers.append(k)
                        break
                except OSError:
                    continue
        return workers or kids


def _listening(path):
    """True when a unix socket at path is listening (/proc/net/unix)."""
    try:
        with open("/proc/net/unix") as f:
            return any(len(p) >= 8 and p[7] == path and p[5] == "01" for p in (ln.split() for ln in f))
    except OSError:
        return True


def render_template(template, out, **values):
    """Renders an nginx template with scripts/lib.sh, as scripts/run does."""
    args = ["bash", LIB_SH, "render-nginx", template, out]
    args += ["%s=%s" % (k, v) for k, v in values.items()]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if p.returncode != 0:
        raise AssertionError("render-nginx failed: %s" % p.stderr.decode("utf-8", "replace"))


def _cleanup_all():
    for s in list(_STACKS):
        try:
            s.stop()
        except Exception as e:  # keep going: every stack must go
            print("harness: stopping %s: %s" % (s.name, e), file=sys.stderr)
    for s in list(_STACKS):
        s.cleanup()


atexit.register(_cleanup_all)


def _on_term(signum, frame):
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _on_term)


# --------------------------------------------------------------------------
# test base and runner

class StackTest(unittest.TestCase):
    """A test class with one Stack for all its tests (self.stack). Checks at
    the end that terminfon's stderr carries no sanitizer report."""

    workers = 2
    backend = "terminfon"
    stack_env = None
    fallback = None

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack(workers=cls.workers, backend=cls.backend, env=cls.stack_env,
                          name=cls.__name__, fallback=cls.fallback).start()

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()
        errs = cls.stack.sanitizer_errors()
        if errs:
            global _FAILED
            _FAILED = True
            cls.stack.dump_logs("sanitizer report", lines=120)
            raise AssertionError("sanitizer reports in terminfon's stderr:\n" + "\n".join(errs[:20]))

    # helpers shared by the test files
    def assertTwiml(self, r, msg=None):
        """r is 200 text/xml with a <Response> document; returns its root."""
        import xml.etree.ElementTree as ET
        self.assertEqual(r.status, 200, msg or r)
        self.assertTrue(r.content_type.startswith(("text/xml", "application/xml")), msg or r)
        root = ET.fromstring(r.body)
        self.assertEqual(root.tag, "Response", msg or r)
        return root

    def assertValidTwiml(self, r):
        root = self.assertTwiml(r)
        errs = xmllint_schema_errors(r.body)
        if errs:
            self.fail("TwiML does not validate against %s:\n%s\n%s" % (TWIML_XSD, errs, r.text))
        return root


class _Result(unittest.TextTestResult):
    def _dump(self, test):
        global _FAILED
        _FAILED = True
        for s in _STACKS:
            if not s.stopped or s is getattr(test, "stack", None) or \
                    s is getattr(type(test), "stack", None):
                s.dump_logs("after %s" % test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._dump(test)

    def addError(self, test, err):
        super().addError(test, err)
        self._dump(test)


def run_tests(module="__main__"):
    """Runs the module's tests, prints "N passed, N failed" last and exits
    non-zero when anything failed or no test ran."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module])
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=_Result)
    result = runner.run(suite)
    test_level = [t for t, _ in result.failures + result.errors if isinstance(t, unittest.TestCase)]
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - len(test_level) - skipped - len(result.unexpectedSuccesses)
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    sys.stdout.flush()
    _cleanup_all()
    print(line)
    sys.stdout.flush()
    sys.exit(1 if failed or passed == 0 else 0)
