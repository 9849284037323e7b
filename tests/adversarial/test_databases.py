"""Adversarial databases: `scan-db --full` on every table, odd identifiers, and sources
left exactly as found (real PostgreSQL, MariaDB and SQLite)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from support.dbscan import server_engine, unique_name

from scanner.cli import main

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MARIA = "mysql+pymysql://root@127.0.0.1:3306/{db}?charset=utf8mb4"
TABLES = ("a_customers", "b_staff", "c_orders")


def _scan_db(capsys, tmp_path: Path, url: str, *args: str) -> tuple[int, list[dict], str]:
    code = main(["--lang", "en", "scan-db", url, "--inventory", str(tmp_path / "inv.sqlite"),
                 "--format", "jsonl", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def _phones(n: int) -> list[str]:
    return [f"090-{1000 + i:04d}-{5000 + i:04d}" for i in range(n)]


def test_postgres_full_scan_reads_every_table(tmp_path: Path, capsys) -> None:
    admin = server_engine(PG)
    schema = unique_name("adv")
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        for table in TABLES:
            conn.exec_driver_sql(
                f'CREATE TABLE {schema}.{table} (id int PRIMARY KEY, "電話`番号" text)')
            for i, phone in enumerate(_phones(30)):
                conn.exec_driver_sql(f"INSERT INTO {schema}.{table} VALUES ({i}, '{phone}')")
    try:
        code, records, err = _scan_db(capsys, tmp_path, PG, "--full",
                                      "--include-schema", schema)
        assert (code, err.count("cannot read")) == (1, 0), err
        assert sorted((r["table"], r["column"], r["entity_type"]) for r in records) == [
            (t, "電話`番号", "PHONE_NUMBER") for t in TABLES]
        # the same tables again, sampled this time, on the same connection discipline
        code, records, err = _scan_db(capsys, tmp_path, PG, "--include-schema", schema)
        assert code == 1 and len(records) == 3
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def test_mariadb_backtick_and_quote_in_identifiers(tmp_path: Path, capsys) -> None:
    admin = server_engine(MARIA.format(db="test"))
    database = unique_name("advm")
    columns = ("tel`no", 'memo"x', "名前'ｶﾅ")
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {database} CHARACTER SET utf8mb4")
        cols = ", ".join("`" + c.replace("`", "``") + "` text" for c in columns)
        conn.exec_driver_sql(f"CREATE TABLE {database}.`odd``table` (id int PRIMARY KEY, {cols})")
        for i, phone in enumerate(_phones(20)):
            conn.exec_driver_sql(
                f"INSERT INTO {database}.`odd``table` VALUES ({i}, '{phone}', 'x', '山田')")
    try:
        for extra in ((), ("--full",)):
            code, records, err = _scan_db(capsys, tmp_path, MARIA.format(db=database), *extra)
            assert "cannot read" not in err, err
            assert code == 1
            assert [(r["table"], r["column"], r["entity_type"]) for r in records
                    if r["entity_type"] == "PHONE_NUMBER"] == [
                ("odd`table", "tel`no", "PHONE_NUMBER")]
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {database}")
        admin.dispose()


def test_sqlite_wal_source_is_left_as_found(tmp_path: Path, capsys) -> None:
    db = tmp_path / "src" / "app.db"
    db.parent.mkdir()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, tel TEXT)")
    con.executemany("INSERT INTO customers (tel) VALUES (?)", [(p,) for p in _phones(10)])
    con.commit()
    con.close()
    before = db.read_bytes()
    assert sorted(os.listdir(db.parent)) == ["app.db"]
    for extra in ((), ("--full",)):
        code, records, err = _scan_db(capsys, tmp_path, f"sqlite:///{db}", *extra)
        assert code == 1, err
        assert [(r["column"], r["entity_type"]) for r in records] == [("tel", "PHONE_NUMBER")]
        assert sorted(os.listdir(db.parent)) == ["app.db"]
        assert db.read_bytes() == before


def test_terminal_escapes_in_table_names_are_shown_escaped(tmp_path: Path, capsys) -> None:
    db = tmp_path / "app.db"
    con = sqlite3.connect(db)
    con.execute('CREATE TABLE "t\x1b[2J\nx" (id INTEGER PRIMARY KEY, "tel\x07" TEXT)')
    con.executemany('INSERT INTO "t\x1b[2J\nx" ("tel\x07") VALUES (?)',
                    [(p,) for p in _phones(10)])
    con.commit()
    con.close()
    code = main(["--lang", "en", "scan-db", f"sqlite:///{db}", "--inventory",
                 str(tmp_path / "inv.sqlite")])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines()[0].split()[:2] == ["main.t\\x1b[2J\\x0ax.tel\\x07", "PHONE_NUMBER"]
    assert "\x1b" not in out + err and "\x07" not in out + err
