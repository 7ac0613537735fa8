"""test_prometheus.py: the alert rules of deploy/prometheus. `promtool check
rules` accepts them, `promtool test rules` passes every *_test.yml there,
and those tests hold for every alert at least one case where it fires and
one where it stays quiet. (The scrape of a running terminfon goes through
`promtool check metrics` in test_metrics.py.) Without promtool (Debian
package prometheus, installed by scripts/deps --test) the promtool checks
are skipped; the coverage check always runs."""

import glob
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, run_tests  # noqa: E402

RULES_DIR = os.path.join(ROOT, "deploy", "prometheus")
RULES = os.path.join(RULES_DIR, "alerts.yml")


def test_files():
    return sorted(glob.glob(os.path.join(RULES_DIR, "*_test.yml")))


def alert_cases(path):
    """(alertname, fires) for every alert_rule_test case of a promtool test
    file: fires is False for `exp_alerts: []`. Reads the layout these files
    keep (alertname, then exp_alerts on the next key), no YAML library."""
    cases = []
    lines = open(path, encoding="utf-8").read().splitlines()
    for i, ln in enumerate(lines):
        m = re.match(r"^\s*(?:- )?alertname:\s*(\S+)\s*$", ln)
        if not m:
            continue
        for nxt in lines[i + 1:i + 4]:
            e = re.match(r"^\s*exp_alerts:\s*(\[\])?\s*$", nxt)
            if e:
                cases.append((m.group(1), e.group(1) is None))
                break
    return cases


class AlertRules(unittest.TestCase):
    def promtool(self, *args):
        exe = shutil.which("promtool")
        if not exe:
            self.skipTest("promtool is not installed (Debian package prometheus)")
        return subprocess.run([exe] + list(args), cwd=RULES_DIR, capture_output=True, timeout=300)

    def test_check_rules(self):
        p = self.promtool("check", "rules", RULES)
        self.assertEqual(p.returncode, 0, (p.stdout + p.stderr).decode())

    def test_rule_tests_pass(self):
        files = [os.path.basename(f) for f in test_files()]
        self.assertTrue(files)
        p = self.promtool("test", "rules", *files)
        out = (p.stdout + p.stderr).decode()
        self.assertEqual(p.returncode, 0, out)
        self.assertEqual(out.count("SUCCESS"), len(files), out)

    def test_every_alert_fires_and_stays_quiet_somewhere(self):
        alerts = re.findall(r"^\s*- alert:\s*(\S+)\s*$", open(RULES, encoding="utf-8").read(), re.M)
        self.assertGreater(len(alerts), 10)
        cases = [c for f in test_files() for c in alert_cases(f)]
        for name in alerts:
            self.assertIn((name, True), cases, "no test where %s fires" % name)
            self.assertIn((name, False), cases, "no test where %s stays quiet" % name)
        unknown = {n for n, _ in cases} - set(alerts)
        self.assertEqual(unknown, set(), "tests of alerts that do not exist")


if __name__ == "__main__":
    run_tests()
