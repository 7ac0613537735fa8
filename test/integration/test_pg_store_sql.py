"""test_pg_store_sql.py: every statement of lib/store is valid PostgreSQL.

The statement arrays of lib/store/store*.c ([NAME] = "SQL" ...) are read
through the C preprocessor (so that macros such as LEAD_COLS are expanded),
their ?N parameters are rewritten to $N as db_pg.c does, and each is
prepared (PREPARE, not run) on a fresh database migrated with schema/pg/: a
function that PostgreSQL lacks, a parameter it cannot type, a GROUP BY it
refuses or a column that does not exist fails here even when no unit test
runs that statement. Statements only SQLite runs (PRAGMA) and transaction
control are left out.

The server: TERMINFON_TEST_DATABASE_URL when set, else a throwaway cluster of
scripts/lib.sh. Skipped when PostgreSQL or a C compiler is not installed."""

import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import LIB_SH, ROOT, run_tests

LITERAL = r'"(?:[^"\\]|\\.)*"'
ENTRY = re.compile(r'\[\s*(\w+)\s*\]\s*=\s*((?:' + LITERAL + r'\s*)+)[,}]')
SKIP = re.compile(r"\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


def c_string(literals):
    """The text of adjacent C string literals."""
    raw = "".join(lit[1:-1] for lit in re.findall(LITERAL, literals))
    return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def dollar_params(sql):
    """?N and bare ? to $N outside '...' (what db_pg.c does; the store's SQL
    has no comments or other quotes around a ?)."""
    out, i, top = [], 0, 0
    while i < len(sql):
        if sql[i] == "'":
            j = sql.index("'", i + 1)
            while j + 1 < len(sql) and sql[j + 1] == "'":
                j = sql.index("'", j + 2)
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql[i] == "?":
            m = re.match(r"\?(\d*)", sql[i:])
            n = int(m.group(1)) if m.group(1) else top + 1
            top = max(top, n)
            out.append("$%d" % n)
            i += len(m.group(0))
        else:
            out.append(sql[i])
            i += 1
    return "".join(out)


def store_statements():
    """(file, name, sql) of every statement array entry in lib/store."""
    cc = shutil.which("cc") or shutil.which("gcc")
    pq = subprocess.run(["pkg-config", "--cflags", "libpq"], capture_output=True, text=True).stdout.split()
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "lib", "store", "store*.c"))):
        pre = subprocess.run([cc, "-E", "-P", "-D_GNU_SOURCE", "-I", os.path.join(ROOT, "lib", "store"),
                              "-I", os.path.join(ROOT, "lib", "core")] + pq + [path],
                             capture_output=True, text=True, check=True).stdout
        for m in ENTRY.finditer(pre):
            sql = c_string(m.group(2))
            if re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", sql, re.I) and not SKIP.match(sql):
                found.append((os.path.basename(path), m.group(1), sql))
    return found


class PgStoreSqlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        out = subprocess.run(["bash", "-c", '. "$1" && tf_pg_bindir', "-", LIB_SH], capture_output=True, text=True)
        cls.bindir = out.stdout.strip()
        if out.returncode != 0 or not cls.bindir:
            raise unittest.SkipTest("PostgreSQL not installed (scripts/deps --test)")
        if not (shutil.which("cc") or shutil.which("gcc")):
            raise unittest.SkipTest("no C compiler to read lib/store through")
        try:
            cls._set_up()
        except BaseException:
            cls.tearDownClass()     # unittest does not when setUpClass fails
            raise

    @classmethod
    def _set_up(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tf-pgsql-")
        os.chmod(cls.tmp, 0o755)    # as root the server runs as another user
        cls.cluster = None
        server = os.environ.get("TERMINFON_TEST_DATABASE_URL", "")
        if not server:
            cls.cluster = os.path.join(cls.tmp, "pg")
            out = subprocess.run([LIB_SH, "pg-start", cls.cluster], capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError("tf_pg_start: " + out.stderr)
            server = out.stdout.strip()
        cls.server = server
        cls.dbname = "storesql_%d" % os.getpid()
        cls.psql(server, ["-c", "CREATE DATABASE " + cls.dbname])
        cls.url = re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", r"\g<1>/" + cls.dbname, server)
        for f in sorted(glob.glob(os.path.join(ROOT, "schema", "pg", "[0-9][0-9][0-9]_*.sql"))):
            cls.psql(cls.url, ["-1", "-f", f])
        # What store_migrate creates before the migrations.
        cls.psql(cls.url, ["-c", "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                 " name TEXT NOT NULL, applied_at TEXT NOT NULL)"])

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None):
            cls.psql(cls.server, ["-c", "DROP DATABASE IF EXISTS %s WITH (FORCE)" % cls.dbname])
        if getattr(cls, "cluster", None):
            subprocess.run([LIB_SH, "pg-stop", cls.cluster])
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def psql(cls, url, args, stdin=None, check=True):
        out = subprocess.run([os.path.join(cls.bindir, "psql"), url, "-X", "-q", "-v", "ON_ERROR_STOP=1"] + args,
                             input=stdin, capture_output=True, text=True)
        if check and out.returncode != 0:
            raise AssertionError("psql %s: %s" % (args, out.stderr))
        return out

    def test_every_statement_prepares(self):
        statements = store_statements()
        self.assertGreater(len(statements), 100)
        # One session prepares and drops them all; when one is refused, each
        # is prepared alone to name it.
        script = "".join("PREPARE s%d AS %s;\nDEALLOCATE s%d;\n" % (i, dollar_params(sql), i)
                         for i, (_, _, sql) in enumerate(statements))
        out = self.psql(self.url, ["-v", "ON_ERROR_STOP=0"], stdin=script, check=False)
        refused = []
        if "ERROR" in out.stderr:
            for f, name, sql in statements:
                r = self.psql(self.url, ["-c", "PREPARE s AS " + dollar_params(sql)], check=False)
                if r.returncode != 0:
                    refused.append("%s %s: %s" % (f, name, r.stderr.strip().splitlines()[0]))
        self.assertEqual(refused, [])


if __name__ == "__main__":
    run_tests()
