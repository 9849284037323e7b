"""A database connection ended by the server mid-work (`pg_terminate_backend`, MariaDB
`KILL`) from another session: a named error in the user's language, exit 2, no
traceback, no value in the message; `scan-db` goes on with the other tables on a new
connection. Real PostgreSQL and MariaDB; the statement to end is made slow (a view that
sleeps per row, or a table locked by the test) so that it is ended while it runs."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from support.dbscan import server_engine, unique_name

from scanner.cli import main

from .test_databases import MARIA, PG

LOST = {"ja": "データベースとの接続が途中で切れました（サーバーによる切断か再起動）",
        "en": "the connection to the database was lost (closed by the server, or a restart)"}
CANNOT_READ = {"ja": "mamoru: 読めません: {where}: {reason}",
               "en": "mamoru: cannot read {where}: {reason}"}
MASK_CANNOT_READ = {"ja": "入力エラー: テーブルを読めません: {table}: {reason}",
                    "en": "bad input: cannot read table {table}: {reason}"}
ROWS = 40
SLEEP = 0.1  # seconds per row of the slow view: 4 s per statement


class Killer(threading.Thread):
    """Ends, from its own session, the first server session that `find` (SQL returning
    one id) names; `ended` holds the id."""

    def __init__(self, engine, find: str, kill: str, **params: str) -> None:
        super().__init__(daemon=True)
        self.engine, self.find, self.kill, self.params = engine, find, kill, params
        self.ended: int | None = None

    def run(self) -> None:
        deadline = time.monotonic() + 60
        with self.engine.connect() as conn:
            while self.ended is None and time.monotonic() < deadline:
                found = conn.execute(text(self.find), self.params).scalar()
                conn.commit()  # the activity views are read once per transaction
                if found is None:
                    time.sleep(0.05)
                    continue
                conn.exec_driver_sql(self.kill.format(id=int(found)))
                conn.commit()
                self.ended = int(found)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _phone(i: int) -> str:
    return f"090-{1000 + i:04d}-{5000 + i:04d}"


def _phone_tables(conn, where: str, names: tuple[str, ...], *, mariadb: bool = False) -> None:
    """A new schema (PostgreSQL) or database (MariaDB) `where` holding tables `names` of
    ROWS phone numbers each."""
    if mariadb:
        conn.exec_driver_sql(f"CREATE DATABASE {where} CHARACTER SET utf8mb4")
    else:
        conn.exec_driver_sql(f"CREATE SCHEMA {where}")
    for name in names:
        conn.exec_driver_sql(f"CREATE TABLE {where}.{name} (id int PRIMARY KEY, tel "
                             + ("varchar(20))" if mariadb else "text)"))
        conn.exec_driver_sql(f"INSERT INTO {where}.{name} VALUES " + ", ".join(
            f"({i}, '{_phone(i)}')" for i in range(ROWS)))


def _phone_source(tmp_path: Path) -> Path:
    """A SQLite database of ROWS phone numbers, to scan into an inventory."""
    source = tmp_path / "source.db"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE customers (tel text)")
        db.executemany("INSERT INTO customers VALUES (?)", [(_phone(i),) for i in range(ROWS)])
    db.close()
    return source


@contextlib.contextmanager
def _phone_place(prefix: str, tables: tuple[str, ...], *, mariadb: bool = False):
    """(admin engine, name) of a new PostgreSQL schema or MariaDB database holding phone
    tables `tables`, dropped afterwards."""
    admin = server_engine(MARIA.format(db="test") if mariadb else PG)
    where = unique_name(prefix)
    with admin.begin() as conn:
        _phone_tables(conn, where, tables, mariadb=mariadb)
    try:
        yield admin, where
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {where}" if mariadb
                                 else f"DROP SCHEMA {where} CASCADE")
        admin.dispose()


def _checked_err(err: str) -> None:
    assert "Traceback" not in err and "090-" not in err, err


PG_SLEEPING = ("SELECT pid FROM pg_stat_activity WHERE application_name = 'mamoru scan-db' "
               "AND wait_event = 'PgSleep' AND query LIKE :statement")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("statement", ["count", "rows", "stream"])
def test_postgres_scan_db_names_a_lost_connection(tmp_path: Path, capsys, lang: str,
                                                  statement: str) -> None:
    """Ended during the row count, the sample, or `--full`'s server-side cursor (its
    FETCH, which reads the view)."""
    with _phone_place("lost", ("a_customers", "c_orders")) as (admin, schema):
        with admin.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE VIEW {schema}.b_slow AS SELECT id, tel FROM {schema}.a_customers "
                f"WHERE pg_sleep({SLEEP} + 0 * id) IS NOT NULL")
        like = {"count": f"SELECT count(%{schema}.b_slow%",
                "rows": f"SELECT {schema}.b_slow.id%", "stream": "FETCH %"}[statement]
        killer = Killer(admin, PG_SLEEPING, "SELECT pg_terminate_backend({id})", statement=like)
        killer.start()
        args = ["--lang", lang, "scan-db", PG, "--include-schema", schema, "--format", "jsonl",
                "--inventory", str(tmp_path / "inv.sqlite"),
                *(["--full"] if statement == "stream" else [])]
        code, out, err = _run(capsys, *args)
        killer.join()
    assert killer.ended is not None
    assert code == 2, err
    assert CANNOT_READ[lang].format(where=f"{schema}.b_slow", reason=LOST[lang]) in err.splitlines()
    _checked_err(err)
    assert sorted(json.loads(line)["table"] for line in out.splitlines()) == [
        "a_customers", "c_orders"]  # the scan went on, on a new connection


MARIA_SLEEPING = ("SELECT id FROM information_schema.processlist WHERE db = :db "
                  "AND state = 'User sleep' AND info LIKE :statement")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mariadb_scan_db_names_a_lost_connection(tmp_path: Path, capsys, lang: str) -> None:
    with _phone_place("lostm", ("a_customers", "c_orders"), mariadb=True) as (admin, database):
        with admin.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE VIEW {database}.b_slow AS SELECT id, tel FROM {database}.a_customers "
                f"WHERE SLEEP({SLEEP}) = 0")
        killer = Killer(admin, MARIA_SLEEPING, "KILL {id}", db=database, statement="%b_slow%")
        killer.start()
        code, out, err = _run(capsys, "--lang", lang, "scan-db",
                              MARIA.format(db=database), "--format", "jsonl",
                              "--inventory", str(tmp_path / "inv.sqlite"))
        killer.join()
    assert killer.ended is not None
    assert code == 2, err
    expected = CANNOT_READ[lang].format(where=f"{database}.b_slow", reason=LOST[lang])
    assert expected in err.splitlines()
    _checked_err(err)
    assert sorted(json.loads(line)["table"] for line in out.splitlines()) == [
        "a_customers", "c_orders"]


PG_WAITING = ("SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
              "WHERE NOT l.granted AND l.relation IN (SELECT c.oid FROM pg_class c "
              "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema)")


def _while_locked(capsys, locker, release, killer: Killer, *argv: str):
    """Run the command while `locker` holds its locks and `killer` ends the command's
    session that waits for them; then `release` and close. (exit code, stdout, stderr,
    the session ended)."""
    killer.start()
    try:
        code, out, err = _run(capsys, *argv)
        killer.join()
    finally:
        release()
        locker.close()
    return code, out, err, killer.ended


def _locked_run(capsys, admin, schema: str, tables: tuple[str, ...], *argv: str):
    """`_while_locked` with PostgreSQL `tables` locked in a transaction."""
    locker = admin.connect()
    held = locker.begin()
    for table in tables:
        locker.exec_driver_sql(f"LOCK TABLE {schema}.{table} IN ACCESS EXCLUSIVE MODE")
    killer = Killer(admin, PG_WAITING, "SELECT pg_terminate_backend({id})", schema=schema)
    return _while_locked(capsys, locker, held.rollback, killer, *argv)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_postgres_mask_db_names_a_lost_connection(tmp_path: Path, capsys, lang: str) -> None:
    with _phone_place("lostmask", ("customers",)) as (admin, schema):
        code, _, err, ended = _locked_run(
            capsys, admin, schema, ("customers",), "--lang", lang, "mask-db", PG,
            "--schema", schema, "--to", str(tmp_path / "out"))
    assert ended is not None
    assert code == 2, err
    assert MASK_CANNOT_READ[lang].format(table=f"{schema}.customers", reason=LOST[lang]) in (
        err.splitlines())
    _checked_err(err)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.csv"))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("table", ["mamoru_meta", "db_tables"])  # the key check, the report
def test_postgres_inventory_names_a_lost_connection(tmp_path: Path, capsys, lang: str,
                                                    table: str) -> None:
    source = _phone_source(tmp_path)
    with _phone_place("lostinv", ()) as (admin, schema):
        inventory = f"{PG}?options=-csearch_path%3D{schema}"
        code, _, _ = _run(capsys, "scan-db", f"sqlite:///{source}", "--inventory", inventory)
        assert code == 1
        code, out, err, ended = _locked_run(capsys, admin, schema, (table,), "--lang", lang,
                                            "inventory", "--inventory", inventory)
    assert ended is not None
    assert code == 2, err
    assert CANNOT_READ[lang].format(where=inventory, reason=LOST[lang]) in err.splitlines()
    _checked_err(err + out)


MARIA_WAITING = ("SELECT id FROM information_schema.processlist WHERE db = :db "
                 "AND state LIKE 'Waiting for table metadata lock%' AND info IS NOT NULL")


def _maria_locked_run(capsys, admin, database: str, table: str, *argv: str):
    """`_while_locked` with a MariaDB `table` locked for writing."""
    locker = admin.connect()
    locker.exec_driver_sql(f"LOCK TABLES {database}.{table} WRITE")
    killer = Killer(admin, MARIA_WAITING, "KILL {id}", db=database)
    return _while_locked(capsys, locker, lambda: locker.exec_driver_sql("UNLOCK TABLES"),
                         killer, *argv)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mariadb_mask_db_names_a_lost_connection(tmp_path: Path, capsys, lang: str) -> None:
    with _phone_place("lostmm", ("customers",), mariadb=True) as (admin, database):
        code, _, err, ended = _maria_locked_run(
            capsys, admin, database, "customers", "--lang", lang, "mask-db",
            MARIA.format(db=database), "--to", str(tmp_path / "out"))
    assert ended is not None
    assert code == 2, err
    assert MASK_CANNOT_READ[lang].format(table="customers", reason=LOST[lang]) in (
        err.splitlines())
    _checked_err(err)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mariadb_inventory_names_a_lost_connection(tmp_path: Path, capsys, lang: str) -> None:
    source = _phone_source(tmp_path)
    with _phone_place("lostim", (), mariadb=True) as (admin, database):
        inventory = MARIA.format(db=database)
        code, _, _ = _run(capsys, "scan-db", f"sqlite:///{source}", "--inventory", inventory)
        assert code == 1
        code, out, err, ended = _maria_locked_run(
            capsys, admin, database, "mamoru_meta", "--lang", lang, "inventory",
            "--inventory", inventory)
    assert ended is not None
    assert code == 2, err
    assert CANNOT_READ[lang].format(where=inventory, reason=LOST[lang]) in err.splitlines()
    _checked_err(err + out)
