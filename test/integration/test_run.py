"""test_run.py: what a new user does. `terminfon call --say Hallo` against a
running stack hears the German welcome; the signed curl recipe of README.md
gets TwiML and a forged one 403; and scripts/run --detach / status / run
again / stop works in a copy of the tree (with the binary under test, no
build) on ports other than the defaults, where `terminfon call` finds the
stack without --url. scripts/deps installs no test tool for scripts/run, and
the shell scripts pass shellcheck."""

import os
import re
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (BERLIN, ROOT, StackTest, free_port, run_tests, tail,  # noqa: E402
                     terminfon_bin, wait_until)

GERMAN = ("willkommen", "hallo", "guten tag", "termin", "studio", "ihnen", "möchten",
          "herzlich", "abnehmen")


def bot_lines(text):
    return [ln for ln in text.splitlines() if ln.startswith("Bot:")]


def assert_hears_welcome(test, p):
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    test.assertEqual(p.returncode, 0, "terminfon call exited %d\n%s\n%s" % (p.returncode, out, err))
    bots = bot_lines(out)
    test.assertTrue(bots, "no 'Bot:' line in:\n%s\n%s" % (out, err))
    test.assertTrue(any(w in bots[0].lower() for w in GERMAN),
                    "the first thing the bot says is no German welcome: %r" % bots[0])
    return out


def readme_recipe():
    """The shell lines of README.md's signed-curl recipe (between the
    <!-- signed-curl --> marker and the end of the code block after it)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- signed-curl -->\s*```(?:sh|bash)?\n(.*?)```", text, re.S)
    assert m, "README.md has no <!-- signed-curl --> recipe"
    return m.group(1)


def run_recipe(cwd, port, env, forge=False):
    script = readme_recipe().replace("127.0.0.1:8080", "127.0.0.1:%d" % port)
    if forge:
        script = script.replace('-hmac "$TOKEN"', '-hmac "not-the-token"')
        assert "not-the-token" in script, "recipe does not sign with -hmac \"$TOKEN\""
    script = "set -euo pipefail\n" + script.replace("curl -s ", "curl -s -w '\\n%{http_code}' ", 1)
    p = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    out = p.stdout.decode("utf-8", "replace")
    assert p.returncode == 0, "recipe failed: %s %s" % (out, p.stderr.decode("utf-8", "replace"))
    body, _, code = out.rstrip("\n").rpartition("\n")
    return int(code), body


class Softphone(StackTest):

    def test_call_hears_the_welcome(self):
        s = self.stack
        before = s.count("lead_call_logs")
        p = s.cli("call", "--url", s.base(), "--say", "Hallo", "--from", "+4915199990001",
                  "--to", BERLIN, timeout=90)
        assert_hears_welcome(self, p)
        self.assertEqual(s.count("lead_call_logs"), before + 1)
        # The softphone ends like Twilio: with a `completed` status callback.
        wait_until(lambda: s.rows("SELECT status FROM lead_call_logs ORDER BY id DESC LIMIT 1")
                   [0][0] == "completed", 5, what="the call to end as completed")

    def test_readme_signed_curl(self):
        s = self.stack
        work = tempfile.mkdtemp(prefix="recipe-", dir=s.tmp)
        os.makedirs(os.path.join(work, "var"))
        with open(os.path.join(work, "var", "local.env"), "w") as f:
            f.write("TWILIO_AUTH_TOKEN=%s\n" % s.auth_token)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "TERMINFON_"))}
        before = s.counts()
        code, body = run_recipe(work, s.http_port, env)
        self.assertEqual(code, 200, body)
        self.assertIn("<Gather", body)
        self.assertEqual(s.count("lead_call_logs"), before["lead_call_logs"] + 1)
        code, body = run_recipe(work, s.http_port, env, forge=True)
        self.assertEqual(code, 403, body)
        self.assertEqual(s.count("lead_call_logs"), before["lead_call_logs"] + 1)


class RunScript(unittest.TestCase):
    """scripts/run in a copy of scripts/ and nginx/, on free ports."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="terminfon-run-")
        cls.repo = os.path.join(cls.tmp, "repo")
        os.makedirs(os.path.join(cls.repo, "scripts"))
        os.makedirs(os.path.join(cls.repo, "nginx"))
        for f in ("run", "deps", "lib.sh"):
            shutil.copy2(os.path.join(ROOT, "scripts", f), os.path.join(cls.repo, "scripts", f))
        for f in ("local.conf.in", "fallback.xml"):
            if os.path.exists(os.path.join(ROOT, "nginx", f)):
                shutil.copy2(os.path.join(ROOT, "nginx", f), os.path.join(cls.repo, "nginx", f))
        cls.http_port, cls.https_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TWILIO_", "TERMINFON_", "DIALOGFLOW_"))
               and k not in ("BASE_URL", "FALLBACK_PHONE_NUMBER")}
        env.update(TERMINFON_BIN=terminfon_bin(), TERMINFON_HTTP_PORT=str(cls.http_port),
                   TERMINFON_HTTPS_PORT=str(cls.https_port),
                   TWILIO_API_BASE_URL="http://127.0.0.1:9")
        cls.env = env

    @classmethod
    def tearDownClass(cls):
        cls.run_script("stop")
        ok = True
        for pidfile in ("var/run/terminfon.pid", "var/nginx/nginx.pid"):
            path = os.path.join(cls.repo, pidfile)
            if os.path.exists(path):
                ok = False
                try:
                    os.kill(int(open(path).read().strip()), 9)
                except (ValueError, OSError):
                    pass
        if ok and not os.environ.get("TERMINFON_KEEP_TMP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def run_script(cls, *args, timeout=180, env=None):
        return subprocess.run(["scripts/run"] + list(args), cwd=cls.repo, env=env or cls.env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)

    def check(self, p):
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            out += "\n---- var/log/terminfon.log ----\n" + tail(
                os.path.join(self.repo, "var/log/terminfon.log"), 30)
            out += "\n---- nginx error.log ----\n" + tail(
                os.path.join(self.repo, "var/nginx/logs/error.log"), 30)
        self.assertEqual(p.returncode, 0, out)
        return out

    def pid(self, name):
        with open(os.path.join(self.repo, name)) as f:
            return int(f.read().strip())

    def health(self):
        try:
            c = socket.create_connection(("127.0.0.1", self.http_port), timeout=5)
        except OSError:
            return None
        try:
            c.sendall(b"GET /api/v1/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            data = b""
            while True:
                chunk = c.recv(4096)
                if not chunk:
                    break
                data += chunk
            return int(data.split(b" ", 2)[1])
        finally:
            c.close()

    # The steps build on each other (unittest runs them in name order).

    def test_1_detach(self):
        out = self.check(self.run_script("--detach"))
        self.assertIn("bin/terminfon call", out)
        self.assertIn("127.0.0.1:%d" % self.http_port, out)
        self.assertEqual(self.health(), 200)

        local_env = os.path.join(self.repo, "var", "local.env")
        self.assertEqual(stat.S_IMODE(os.stat(local_env).st_mode), 0o600)
        with open(local_env) as f:
            text = f.read()
        self.assertRegex(text, r"(?m)^TWILIO_AUTH_TOKEN=[0-9a-f]{32}$")
        self.assertRegex(text, r"(?m)^TERMINFON_DATA_KEY=[0-9a-fA-F]{64}$")
        self.assertRegex(text, r"(?m)^TERMINFON_JWT_SECRET=\S{32,}$")
        type(self).local_env_text = text
        link = os.path.join(self.repo, "bin", "terminfon")
        self.assertEqual(os.path.realpath(link), os.path.realpath(terminfon_bin()))

    def clean_env(self):
        """No Twilio or terminfon settings: the binary reads var/local.env."""
        return {k: v for k, v in self.env.items() if not k.startswith(("TWILIO_", "TERMINFON_"))}

    def test_1b_status_shows_the_ports(self):
        # A new shell knows nothing of the ports: status tells those in use.
        out = self.check(self.run_script("status", env=self.clean_env()))
        self.assertIn("http://127.0.0.1:%d/" % self.http_port, out)
        self.assertIn("https://127.0.0.1:%d/" % self.https_port, out)
        self.assertRegex(out, r"(?m)^\s*socket\s+/\S+\.sock$")
        self.assertNotIn(":8080", out)

    def test_2_signed_curl(self):
        # README's signed curl against it; a forged one is refused.
        code, body = run_recipe(self.repo, self.http_port, self.clean_env())
        self.assertEqual(code, 200, body)
        self.assertIn("<Gather", body)
        self.assertEqual(run_recipe(self.repo, self.http_port, self.clean_env(), forge=True)[0], 403)

    def test_3_run_again_restarts(self):
        # Once more while it runs (this time through spawn-fcgi): a clean restart.
        old = self.pid("var/run/terminfon.pid")
        self.check(self.run_script("--detach", "--spawn-fcgi"))
        new = self.pid("var/run/terminfon.pid")
        self.assertNotEqual(old, new)
        self.assertFalse(harness.pid_alive(old), "the first terminfon still runs")
        self.assertEqual(self.health(), 200)
        with open(os.path.join(self.repo, "var", "local.env")) as f:
            self.assertEqual(f.read(), getattr(self, "local_env_text", None),
                             "a second run must keep the local secrets")
        self.assertEqual(run_recipe(self.repo, self.http_port, self.clean_env())[0], 200)

    def test_4_softphone(self):
        # The printed command works from the checkout: it signs with the token
        # in var/local.env (nothing in the environment).
        p = subprocess.run(["bin/terminfon", "call", "--url", "http://127.0.0.1:%d" % self.http_port,
                            "--say", "Hallo"], cwd=self.repo, env=self.clean_env(),
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=90)
        assert_hears_welcome(self, p)

    def test_4b_softphone_finds_the_stack(self):
        # The command scripts/run prints, as printed: no --url, yet it reaches
        # the stack on its non-default port (and not whatever has 8080).
        db = os.path.join(self.repo, "var", "terminfon.db")

        def calls():
            with sqlite3.connect(db) as c:
                return c.execute("SELECT count(*) FROM lead_call_logs").fetchone()[0]

        before = calls()
        p = subprocess.run(["bin/terminfon", "call", "--say", "Hallo"], cwd=self.repo,
                           env=self.clean_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=90)
        out = assert_hears_welcome(self, p)
        self.assertIn("127.0.0.1:%d" % self.http_port, out)
        self.assertEqual(calls(), before + 1)

    def test_5_stop(self):
        tf = self.pid("var/run/terminfon.pid")
        nginx = self.pid("var/nginx/nginx.pid")
        self.check(self.run_script("stop"))
        wait_until(lambda: not harness.pid_alive(tf) and not harness.pid_alive(nginx), 10,
                   what="terminfon and nginx to stop")
        self.assertIsNone(self.health())
        self.assertFalse(os.path.exists(os.path.join(self.repo, "var", "run.env")))
        out = self.check(self.run_script("stop"))
        self.assertIn("not running", out)
        p = self.run_script("status")
        self.assertEqual(p.returncode, 1)
        self.assertIn("not running", p.stdout.decode())

    def test_commands_are_executable(self):
        for f in ("scripts/run", "scripts/test", "scripts/deps", "scripts/lib.sh", ".ci/run"):
            self.assertTrue(os.access(os.path.join(ROOT, f), os.X_OK), "%s is not executable" % f)

    def test_deps_lists(self):
        # scripts/run installs what building and running needs, nothing of
        # the tests; scripts/test installs all of it.
        def listed(which):
            p = subprocess.run([os.path.join(ROOT, "scripts", "deps"), "--list", which],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
            self.assertEqual(p.returncode, 0, p.stderr)
            return p.stdout.decode().split()

        run, test = listed("--run"), listed("--test")
        for name in ("nginx", "spawn-fcgi", "cmake", "pkg-config", "libfcgi-dev", "openssl", "curl"):
            self.assertIn(name, run)
        test_only = {"chromium", "clang", "valgrind", "wrk", "shellcheck", "python3", "libxml2-utils",
                     "sqlite3", "logrotate", "systemd"}
        self.assertEqual(sorted(test_only & set(run)), [], "test tools in scripts/deps --run")
        self.assertTrue(set(run) <= set(test), "scripts/deps --test lacks part of --run")
        self.assertTrue(test_only <= set(test))
        with open(os.path.join(ROOT, "scripts", "run")) as f:
            self.assertRegex(f.read(), r"(?m)^scripts/deps --run$")
        with open(os.path.join(ROOT, "scripts", "test")) as f:
            self.assertRegex(f.read(), r"(?m)^scripts/deps --test$")

    def test_shellcheck(self):
        sc = shutil.which("shellcheck")
        if sc is None:
            self.skipTest("shellcheck is not installed: shell scripts not checked")
        scripts = [os.path.join(ROOT, ".ci", "run")]
        for n in sorted(os.listdir(os.path.join(ROOT, "scripts"))):
            path = os.path.join(ROOT, "scripts", n)
            with open(path, "rb") as f:
                first = f.readline()
            if re.match(rb"#!.*\b(ba)?sh\b", first):
                scripts.append(path)
        p = subprocess.run([sc, "-x"] + scripts, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout.decode("utf-8", "replace"))

    def test_production_render_commands_agree(self):
        # README's short production recipe and docs/deploy.md render the site
        # with the same variables: every placeholder the template has (the
        # fallback TwiML is filled in by the renderer itself).
        def render_vars(path):
            with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"render-nginx nginx/terminfon\.conf\.in \S+((?:[ \t]*\\?\n?[ \t]*[A-Z_]+=\S+)+)", text)
            self.assertTrue(m, "%s has no render-nginx command for nginx/terminfon.conf.in" % path)
            return dict(re.findall(r"([A-Z_]+)=(\S+)", m.group(1)))

        readme, deploy = render_vars("README.md"), render_vars("docs/deploy.md")
        self.assertEqual(readme, deploy)
        with open(os.path.join(ROOT, "nginx", "terminfon.conf.in"), encoding="utf-8") as f:
            placeholders = set(re.findall(r"@([A-Z_]+)@", f.read())) - {"FALLBACK_TWIML"}
        self.assertEqual(set(deploy), placeholders)

    def test_help(self):
        out = self.check(self.run_script("--help"))
        self.assertIn("--detach", out)
        p = self.run_script("--no-such-flag")
        self.assertEqual(p.returncode, 2)


class RunPostgres(unittest.TestCase):
    """scripts/run --postgres in a copy of the tree: a cluster under var/pg and
    two instances behind nginx; status names both sockets and the database;
    a call is answered and stored there; stop ends all of it."""

    @classmethod
    def setUpClass(cls):
        p = subprocess.run(["bash", "-c", '. "$1"; tf_pg_bindir', "-", harness.LIB_SH],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
        if p.returncode != 0:
            raise unittest.SkipTest("PostgreSQL is not installed (scripts/deps --test): --postgres not run")
        RunScript.setUpClass.__func__(cls)
        # The server runs as postgres when the test runs as root: it must reach var/pg.
        os.chmod(cls.tmp, 0o755)

    tearDownClass = classmethod(RunScript.tearDownClass.__func__)
    run_script = classmethod(RunScript.run_script.__func__)
    check = RunScript.check
    pid = RunScript.pid
    health = RunScript.health

    def test_postgres_two_instances(self):
        out = self.check(self.run_script("--postgres", "--detach"))
        self.assertIn("x2 on PostgreSQL", out)
        self.assertEqual(self.health(), 200)
        with open(os.path.join(self.repo, "var", "run.env")) as f:
            run_env = dict(ln.split("=", 1) for ln in f.read().splitlines() if "=" in ln)
        url = run_env["DATABASE_URL"]
        self.assertTrue(url.startswith("postgresql://"), url)
        self.assertTrue(run_env["SOCKET_2"].endswith("terminfon-2.sock"), run_env)
        out = self.check(self.run_script("status"))
        for what in (run_env["SOCKET"], run_env["SOCKET_2"], url, "terminfon-2 pid"):
            self.assertIn(what, out)
        env = {k: v for k, v in self.env.items() if not k.startswith(("TWILIO_", "TERMINFON_"))}
        p = subprocess.run(["bin/terminfon", "call", "--say", "Hallo"], cwd=self.repo, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=90)
        assert_hears_welcome(self, p)
        con = harness.pg_connect(url)
        try:
            cur = con.cursor()
            cur.execute("SELECT count(*) FROM lead_call_logs")
            self.assertEqual(cur.fetchone()[0], 1)
        finally:
            con.close()
        self.assertFalse(os.path.exists(os.path.join(self.repo, "var", "terminfon.db")))
        with open(os.path.join(self.repo, "var", "pg", "data", "postmaster.pid")) as f:
            postmaster = int(f.readline())
        pids = [self.pid("var/run/terminfon.pid"), self.pid("var/run/terminfon-2.pid"), postmaster]
        self.check(self.run_script("stop"))
        wait_until(lambda: not any(harness.pid_alive(p) for p in pids), 15,
                   what="both instances and PostgreSQL to stop")
        self.assertIsNone(self.health())
        self.assertEqual(self.run_script("status").returncode, 1)


if __name__ == "__main__":
    run_tests()
