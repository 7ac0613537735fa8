"""test_pg_schema.py: schema/pg/ is schema/ in PostgreSQL's dialect.

Every migration of schema/pg/ applies in order on a fresh PostgreSQL database
(psql, ON_ERROR_STOP), and the result has the same tables, columns (name,
kind of type, NOT NULL, default), keys, unique and partial indexes, foreign
keys and triggers as schema/*.sql gives a SQLite database; the seeds of
schema/seed/ run unchanged on both, twice, with the same rows.

The server: TERMINFON_TEST_DATABASE_URL when set (a fresh database is made
there), else a throwaway cluster of scripts/lib.sh's tf_pg_start. Skipped
when PostgreSQL is not installed."""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from harness import LIB_SH, ROOT, run_tests

SCHEMA = os.path.join(ROOT, "schema")
# SQLite's declared types and what the PostgreSQL schema says for each.
TYPES = {"INTEGER": "bigint", "TEXT": "text", "BLOB": "bytea", "REAL": "double precision"}
# SQLite's INTEGER PRIMARY KEY numbers rows by itself; PostgreSQL's schema
# makes those identity columns, except these keys the store always gives.
GIVEN_KEYS = {("calendar_versions", "studio_id"), ("studio_caldav", "studio_id"), ("studio_data_version", "id")}


def pg_bindir():
    out = subprocess.run(["bash", "-c", ". \"$1\" && tf_pg_bindir", "-", LIB_SH],
                         capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else ""


class PgSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bindir = pg_bindir()
        if not cls.bindir:
            raise unittest.SkipTest("PostgreSQL not installed (scripts/deps --test)")
        try:
            cls._set_up()
        except BaseException:
            cls.tearDownClass()     # unittest does not when setUpClass fails
            raise

    @classmethod
    def _set_up(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tf-pgschema-")
        os.chmod(cls.tmp, 0o755)    # as root the server runs as another user
        cls.cluster = None
        server = os.environ.get("TERMINFON_TEST_DATABASE_URL", "")
        if not server:
            cls.cluster = os.path.join(cls.tmp, "pg")
            out = subprocess.run([LIB_SH, "pg-start", cls.cluster], capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError("tf_pg_start: " + out.stderr)
            server = out.stdout.strip()
        cls.dbname = "schema_%d" % os.getpid()
        cls.psql(server, "CREATE DATABASE " + cls.dbname)
        cls.server = server
        # The database name replaced (urlunsplit would drop the // of a URL
        # without a host: postgresql:///db?host=/socket/dir).
        cls.url = re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", r"\g<1>/" + cls.dbname, server)
        for f in sorted(glob.glob(os.path.join(SCHEMA, "pg", "[0-9][0-9][0-9]_*.sql"))):
            cls.psql(cls.url, None, f)
        cls.lite = sqlite3.connect(":memory:")
        for f in sorted(glob.glob(os.path.join(SCHEMA, "[0-9][0-9][0-9]_*.sql"))):
            with open(f, encoding="utf-8") as fh:
                cls.lite.executescript(fh.read())

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None):
            cls.psql(cls.server, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % cls.dbname)
        if getattr(cls, "cluster", None):
            subprocess.run([LIB_SH, "pg-stop", cls.cluster])
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def psql(cls, url, sql, path=None):
        """Rows of sql (or of the file at path) as lists of strings."""
        args = [os.path.join(cls.bindir, "psql"), url, "-X", "-q", "-A", "-t", "-F", "\x1f",
                "-v", "ON_ERROR_STOP=1"]
        args += ["-1", "-f", path] if path else ["-c", sql]
        out = subprocess.run(args, capture_output=True, text=True)
        if out.returncode != 0:
            raise AssertionError("psql %s: %s" % (path or sql, out.stderr))
        return [line.split("\x1f") for line in out.stdout.splitlines() if line]

    def pg(self, sql):
        return self.psql(self.url, sql)

    def lite_tables(self):
        return sorted(r[0] for r in self.lite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))

    def test_tables(self):
        pg = sorted(r[0] for r in self.pg(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
        self.assertEqual(pg, self.lite_tables())

    def test_columns(self):
        for table in self.lite_tables():
            lite = []
            for _, name, decl, notnull, default, pk in self.lite.execute("PRAGMA table_info(%s)" % table):
                auto = pk == 1 and decl == "INTEGER" and (table, name) not in GIVEN_KEYS and \
                    sum(1 for r in self.lite.execute("PRAGMA table_info(%s)" % table) if r[5]) == 1
                lite.append((name, TYPES[decl], bool(notnull) or pk > 0, default is not None or auto))
            pg = [(name, dtype, nullable == "NO", default != "" or ident == "YES")
                  for name, dtype, nullable, default, ident in self.pg(
                      "SELECT column_name, data_type, is_nullable, coalesce(column_default, ''), is_identity"
                      " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%s'"
                      " ORDER BY ordinal_position" % table)]
            self.assertEqual(pg, lite, table)

    def test_primary_keys(self):
        for table in self.lite_tables():
            rows = self.lite.execute("PRAGMA table_info(%s)" % table).fetchall()
            lite = [r[1] for r in sorted((r for r in rows if r[5]), key=lambda r: r[5])]
            pg = [r[0] for r in self.pg(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '%s'::regclass AND i.indisprimary"
                " ORDER BY array_position(i.indkey, a.attnum)" % table)]
            self.assertEqual(pg, lite, table)

    def test_unique_and_indexes(self):
        lite = set()
        for table in self.lite_tables():
            for _, name, unique, origin, partial in self.lite.execute("PRAGMA index_list(%s)" % table):
                if origin == "pk":
                    continue
                cols = tuple(r[2] for r in self.lite.execute("PRAGMA index_info(%s)" % name))
                named = name if origin == "c" else ""
                lite.add((table, cols, bool(unique), bool(partial), named))
        pg = set()
        for table, name, cols, unique, partial, constraint in self.pg(
                "SELECT t.relname, c.relname, array_to_string(array(SELECT a.attname FROM unnest(i.indkey)"
                " WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n"
                " ORDER BY k.o), ','), i.indisunique, i.indpred IS NOT NULL,"
                " EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid)"
                " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                " JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public' AND NOT i.indisprimary"):
            pg.add((table, tuple(cols.split(",")), unique == "t", partial == "t", "" if constraint == "t" else name))
        self.assertEqual(sorted(pg), sorted(lite))

    def test_foreign_keys(self):
        lite = set()
        for table in self.lite_tables():
            for r in self.lite.execute("PRAGMA foreign_key_list(%s)" % table):
                lite.add((table, r[3], r[2], r[4] or "id", r[6]))
        pg = set(tuple(r) for r in self.pg(
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname,"
            " CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'"
            " WHEN 'r' THEN 'RESTRICT' ELSE 'SET DEFAULT' END"
            " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            " JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1] WHERE c.contype = 'f'"))
        self.assertEqual(sorted(pg), sorted(lite))

    def test_checks(self):
        # As many CHECK constraints on each table (SQLite keeps them in the
        # table's text only: counted there).
        for table in self.lite_tables():
            sql = self.lite.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            lite = len(re.findall(r"\bCHECK\s*\(", sql))
            pg = int(self.pg("SELECT count(*) FROM pg_constraint WHERE contype = 'c'"
                             " AND conrelid = '%s'::regclass" % table)[0][0])
            self.assertEqual(pg, lite, table)

    def test_triggers(self):
        lite = sorted((r[1], r[0]) for r in self.lite.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"))
        pg = sorted((r[0], r[1]) for r in self.pg(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE NOT t.tgisinternal"))
        self.assertEqual(pg, lite)

    def test_seeds_twice(self):
        seeds = sorted(glob.glob(os.path.join(SCHEMA, "seed", "*.sql")))
        seeds.sort(key=lambda p: os.path.basename(p) != "example_studios.sql")
        for _ in range(2):
            for f in seeds:
                self.psql(self.url, None, f)
                with open(f, encoding="utf-8") as fh:
                    self.lite.executescript(fh.read())
        for table in self.lite_tables():
            lite = self.lite.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
            pg = int(self.pg("SELECT count(*) FROM %s" % table)[0][0])
            self.assertEqual(pg, lite, table)
        self.assertEqual(self.pg("SELECT slug, overflow_studio_id IS NOT NULL FROM studios ORDER BY slug"),
                         [["berlin-mitte", "t"], ["muenchen-schwabing", "f"]])

    def test_triggers_act(self):
        # The calendar's version moves with its appointments; a studio that
        # writes bookings to CalDAV queues each one, and its erasure.
        self.pg("INSERT INTO studios (slug, name, city) VALUES ('trig', 'T', 'T')")
        sid = self.pg("SELECT id FROM studios WHERE slug = 'trig'")[0][0]
        before = int(self.pg("SELECT version FROM studio_data_version")[0][0])
        self.pg("INSERT INTO studio_caldav (studio_id, url, write_bookings, next_sync_at, created_at, updated_at)"
                " VALUES (%s, 'https://x/', 1, '', '', '')" % sid)
        self.pg("INSERT INTO appointments (studio_id, starts_at, ends_at) VALUES (%s, 'a', 'b')" % sid)
        self.pg("UPDATE appointments SET status = 'cancelled' WHERE studio_id = %s" % sid)
        self.assertEqual(self.pg("SELECT version FROM calendar_versions WHERE studio_id = %s" % sid), [["2"]])
        self.assertEqual(self.pg("SELECT status, attempts FROM caldav_writes WHERE studio_id = %s" % sid),
                         [["queued", "0"]])
        self.pg("DELETE FROM appointments WHERE studio_id = %s" % sid)
        self.assertEqual(self.pg("SELECT count(*) FROM caldav_deletes WHERE studio_id = %s" % sid), [["1"]])
        self.assertEqual(self.pg("SELECT version FROM calendar_versions WHERE studio_id = %s" % sid), [["3"]])
        self.assertGreater(int(self.pg("SELECT version FROM studio_data_version")[0][0]), before - 1)
        self.pg("UPDATE studios SET name = 'U' WHERE id = %s" % sid)
        self.assertEqual(int(self.pg("SELECT version FROM studio_data_version")[0][0]), before + 1)
        stamp = self.pg("SELECT created_at FROM studios WHERE id = %s" % sid)[0][0]
        self.assertRegex(stamp, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


if __name__ == "__main__":
    run_tests()
