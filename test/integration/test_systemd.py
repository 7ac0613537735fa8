"""test_systemd.py: terminfon under systemd, without systemd. `terminfon
serve` speaks systemd's notification protocol (READY when the socket listens
and the workers are forked, RELOADING and READY around a rolling restart,
STOPPING on SIGTERM); with TERMINFON_LOG_FILE it writes its JSON lines to a
file it creates 0640, and SIGUSR1 (logrotate's postrotate) makes the
supervisor and every child reopen it; the shipped logrotate rule rotates it
that way. The unit files pass `systemd-analyze verify` (skipped where
systemd-analyze is missing). The real thing, under systemd as PID 1 in a
container, is scripts/verify-systemd."""

import grp
import json
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Stack, run_tests, tail, terminfon_bin, wait_until  # noqa: E402

UNITS = os.path.join(ROOT, "deploy", "systemd")
LOGROTATE = os.path.join(ROOT, "deploy", "logrotate", "terminfon")


def read_records(path):
    """The file's lines, each parsed as JSON (a line that is not fails)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    out = []
    for ln in text.splitlines():
        out.append(json.loads(ln))
    return out


def requests_in(path):
    return [r for r in read_records(path) if r.get("msg") == "request"]


class Notify(unittest.TestCase):
    """A datagram socket in NOTIFY_SOCKET stands in for systemd."""

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack(workers=2, name="Notify")
        cls.notify_path = os.path.join(cls.stack.tmp, "notify.sock")
        cls.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        cls.sock.bind(cls.notify_path)
        cls.stack.env["NOTIFY_SOCKET"] = cls.notify_path
        cls.stack.start()

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()
        cls.sock.close()
        cls.stack.cleanup()

    def next_message(self, timeout=10):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            self.fail("no notification within %ss; log:\n%s" % (timeout, tail(self.stack.log_path, 20)))
        return dict(kv.split("=", 1) for kv in data.decode().split("\n") if "=" in kv)

    def test_ready_reload_stopping(self):
        s = self.stack
        # Stack.start waited for /api/v1/health through nginx: READY came before.
        first = self.next_message()
        self.assertEqual(first.get("READY"), "1", first)
        self.assertEqual(s.request("GET", "/api/v1/health").status, 200)

        old = set(s.worker_pids())
        s.serve.send_signal(signal.SIGHUP)
        reloading = self.next_message()
        self.assertEqual(reloading.get("RELOADING"), "1", reloading)
        self.assertRegex(reloading.get("MONOTONIC_USEC", ""), r"^[0-9]+$")
        ready = self.next_message()
        self.assertEqual(ready.get("READY"), "1", ready)
        wait_until(lambda: not (old & set(s.worker_pids())), 20, what="the old workers to retire")
        self.assertEqual(s.request("GET", "/api/v1/health").status, 200)

        self.assertEqual(s.stop_terminfon(), 0)
        stopping = self.next_message()
        self.assertEqual(stopping.get("STOPPING"), "1", stopping)
        # Only the supervisor speaks: nothing from the workers or the background process.
        self.sock.settimeout(0.5)
        with self.assertRaises(socket.timeout):
            self.sock.recv(4096)


class LogFile(unittest.TestCase):
    """TERMINFON_LOG_FILE under the service's umask (0077); the steps build on
    each other (unittest runs them in name order)."""

    @classmethod
    def setUpClass(cls):
        cls.stack = Stack(workers=2, name="LogFile")
        cls.log_dir = os.path.join(cls.stack.tmp, "log")
        os.mkdir(cls.log_dir, 0o750)
        cls.log_file = os.path.join(cls.log_dir, "terminfon.log")
        cls.stack.env["TERMINFON_LOG_FILE"] = cls.log_file
        old = os.umask(0o077)
        try:
            cls.stack.start()
        finally:
            os.umask(old)

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()
        cls.stack.cleanup()

    def fd_inode(self, pid, fd):
        return os.stat("/proc/%d/fd/%d" % (pid, fd)).st_ino

    def all_write_to(self, path):
        """The supervisor and every child have stdout and stderr on path."""
        s = self.stack
        ino = os.stat(path).st_ino
        pids = [s.serve.pid] + s.children()
        return all(self.fd_inode(p, 1) == ino and self.fd_inode(p, 2) == ino for p in pids)

    def health_requests(self, n):
        for _ in range(n):
            self.assertEqual(self.stack.request("GET", "/api/v1/health").status, 200)

    def test_1_lines_go_to_the_file(self):
        s = self.stack
        st = os.stat(self.log_file)
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o640, "created %o" % stat.S_IMODE(st.st_mode))
        self.assertEqual(st.st_uid, os.geteuid())
        self.health_requests(4)
        wait_until(lambda: len(requests_in(self.log_file)) >= 4, 10, what="request lines in the file")
        msgs = [r["msg"] for r in read_records(self.log_file)]
        self.assertIn("serving", msgs)
        self.assertIn("worker ready", msgs)
        # stderr keeps what came before the file was opened, and nothing after.
        before = [r.get("msg") for r in s.log_records()]
        self.assertIn("logging to a file", before)
        self.assertNotIn("request", before)
        self.assertTrue(self.all_write_to(self.log_file))

    def test_2_sigusr1_reopens_everywhere(self):
        s = self.stack
        rotated = self.log_file + ".1"
        os.rename(self.log_file, rotated)
        old_requests = len(requests_in(rotated))
        s.serve.send_signal(signal.SIGUSR1)
        wait_until(lambda: os.path.exists(self.log_file) and self.all_write_to(self.log_file), 10,
                   what="every process to reopen the log file")
        self.assertEqual(stat.S_IMODE(os.stat(self.log_file).st_mode), 0o640)
        self.health_requests(10)
        wait_until(lambda: len(requests_in(self.log_file)) >= 10, 10, what="request lines in the new file")
        self.assertEqual(len(requests_in(rotated)), old_requests, "the moved file still grows")
        self.assertIn("log file reopened", [r["msg"] for r in read_records(self.log_file)])
        # Serving goes on: no worker died of the signal.
        self.assertEqual(len(s.worker_pids()), 2)
        os.unlink(rotated)

    @unittest.skipUnless(shutil.which("logrotate"), "logrotate is not installed: deploy/logrotate not run")
    def test_3_shipped_logrotate_rule(self):
        # deploy/logrotate/terminfon as it is, but for this directory, this
        # user, and the signal sent straight to this supervisor instead of
        # through systemctl (no systemd here).
        s = self.stack
        with open(LOGROTATE) as f:
            rule = f.read()
        self.assertIn("/var/log/terminfon/*.log", rule)
        self.assertRegex(rule, r"(?m)^\s*nocreate\s*$")
        self.assertNotRegex(rule, r"(?m)^\s*copytruncate\s*$")
        post = re.search(r"(?m)^\s*systemctl kill --kill-whom=main --signal=SIGUSR1 terminfon\.service.*$", rule)
        self.assertTrue(post, "the postrotate does not send SIGUSR1 to terminfon.service's main process")
        rule = rule.replace("/var/log/terminfon/*.log", os.path.join(self.log_dir, "*.log"))
        rule = rule.replace(post.group(0), "        kill -USR1 %d" % s.serve.pid)
        rule = re.sub(r"(?m)^(\s*su )terminfon terminfon$", r"\g<1>%s %s" % (
            pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name), rule)
        work = tempfile.mkdtemp(prefix="logrotate-", dir=s.tmp)
        conf = os.path.join(work, "terminfon")
        with open(conf, "w") as f:
            f.write(rule)
        os.chmod(conf, 0o644)
        self.health_requests(2)
        p = subprocess.run(["logrotate", "--force", "--state", os.path.join(work, "state"), conf],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout.decode("utf-8", "replace"))
        moved = [n for n in os.listdir(self.log_dir) if n.startswith("terminfon.log-")]
        self.assertEqual(len(moved), 1, os.listdir(self.log_dir))
        wait_until(lambda: os.path.exists(self.log_file) and self.all_write_to(self.log_file), 10,
                   what="every process to reopen the log file after logrotate")
        self.health_requests(4)
        wait_until(lambda: len(requests_in(self.log_file)) >= 4, 10, what="request lines after logrotate")
        self.assertEqual(stat.S_IMODE(os.stat(self.log_file).st_mode), 0o640)

    def test_4_unopenable_file_stops_start_up(self):
        # A log file that cannot be opened fails the start with one line on
        # stderr (what the journal shows), not later.
        s = self.stack
        env = dict(s.env, TERMINFON_LOG_FILE=os.path.join(s.tmp, "no-such-dir", "terminfon.log"),
                   TERMINFON_SOCKET=os.path.join(s.tmp, "other.sock"))
        p = subprocess.run([terminfon_bin(), "serve"], cwd=s.tmp, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        err = p.stderr.decode("utf-8", "replace")
        self.assertEqual(p.returncode, 1, err)
        self.assertIn("TERMINFON_LOG_FILE", err)
        self.assertFalse(os.path.exists(os.path.join(s.tmp, "other.sock")))


class Units(unittest.TestCase):

    def unit_files(self):
        return sorted(os.path.join(UNITS, n) for n in os.listdir(UNITS)
                      if n.endswith((".service", ".timer")))

    def test_service_logs_to_the_journal_and_notifies(self):
        with open(os.path.join(UNITS, "terminfon.service")) as f:
            text = f.read()
        directives = dict(re.findall(r"(?m)^([A-Za-z]+)=(.*)$", text))
        # systemd opens an append: file before LogsDirectory= exists, as root.
        for key in ("StandardOutput", "StandardError"):
            self.assertFalse(directives.get(key, "").startswith(("append:", "file:", "truncate:")),
                             "%s=%s" % (key, directives.get(key)))
        self.assertEqual(directives.get("Type"), "notify")
        self.assertEqual(directives.get("ExecReload"), "/bin/kill -HUP $MAINPID")

    def test_systemd_analyze_verify(self):
        analyze = shutil.which("systemd-analyze")
        if analyze is None:
            self.skipTest("systemd-analyze is not installed: unit files not verified")
        # The units name /usr/local/bin/terminfon; verify checks that it is
        # executable, so a copy names the binary under test.
        work = tempfile.mkdtemp(prefix="terminfon-units-")
        try:
            for src in self.unit_files():
                with open(src) as f:
                    text = f.read().replace("/usr/local/bin/terminfon", terminfon_bin())
                with open(os.path.join(work, os.path.basename(src)), "w") as f:
                    f.write(text)
            names = sorted(os.path.join(work, n) for n in os.listdir(work))
            p = subprocess.run([analyze, "verify"] + names, cwd=work, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            out = p.stdout.decode("utf-8", "replace")
            ours = [ln for ln in out.splitlines() if "terminfon" in ln]
            self.assertEqual(p.returncode, 0, out)
            self.assertEqual(ours, [], out)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_tests()
