"""Database URLs as people type them: postgres://, postgresql://, mysql://, mariadb:// and
a plain SQLite path reach real databases; anything else is a clear error (exit 2)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import NoSuchModuleError
from support.cli import run_cli
from support.maskdb import MARIA_SERVER, PG_SERVER, server

from scanner.dburl import BadUrl, database_url
from scanner.i18n import Lang

EN, JA = Lang("en"), Lang("ja")


@pytest.mark.parametrize(("typed", "url"), [
    ("postgres://u:pw@db/crm", "postgresql+psycopg://u:pw@db/crm"),
    ("postgresql://u@db:5433/crm", "postgresql+psycopg://u@db:5433/crm"),
    ("PostgreSQL://u@db/crm", "postgresql+psycopg://u@db/crm"),
    ("mysql://root@127.0.0.1/shop", "mysql+pymysql://root@127.0.0.1/shop"),
    ("mariadb://root@127.0.0.1/shop", "mariadb+pymysql://root@127.0.0.1/shop"),
    ("postgresql+psycopg://u@db/crm", "postgresql+psycopg://u@db/crm"),
    ("sqlite:///app.db", "sqlite:///app.db"),
])
def test_aliases(typed: str, url: str) -> None:
    assert database_url(typed, EN) == url


def test_without_the_alias_sqlalchemy_refuses_postgres() -> None:
    """Why the aliases are needed: the planted failure."""
    with pytest.raises(NoSuchModuleError):
        create_engine("postgres://u@db/crm")


def test_a_plain_path_is_an_sqlite_file(tmp_path) -> None:
    db = tmp_path / "app.db"
    sqlite3.connect(db).close()
    assert database_url(str(db), EN) == f"sqlite:///{db}"
    with pytest.raises(BadUrl) as exc:
        database_url(str(tmp_path / "missing.db"), EN)
    assert str(exc.value).startswith(f"neither a database URL nor an SQLite file: {tmp_path}")


@pytest.mark.parametrize(("typed", "en", "ja"), [
    ("oracle9://u@h/x", "unsupported database type oracle9://",
     "この種類のデータベースは使えません: oracle9://"),
    ("mssql+pyodbc://u@h/x", "the driver pyodbc for mssql+pyodbc:// is not installed",
     "mssql+pyodbc:// のドライバ pyodbc が入っていません"),
    ("mysql://u@h:port/x", "cannot parse the database URL", "データベース URL を解釈できません"),
])
def test_clear_errors(typed: str, en: str, ja: str) -> None:
    for lang, text_ in ((EN, en), (JA, ja)):
        with pytest.raises(BadUrl) as exc:
            database_url(typed, lang)
        assert str(exc.value).startswith(text_)


def test_a_bad_url_is_exit_2_with_no_traceback(capsys, tmp_path) -> None:
    code, out, err = run_cli(capsys, "--lang", "en", "scan-db", "oracle9://u@h/x",
                             "--inventory", str(tmp_path / "i.sqlite"))
    assert (code, out) == (2, "")
    assert err.startswith("mamoru: unsupported database type oracle9://")


def _scan(capsys, url: str, table: str, tmp_path) -> list[dict]:
    code, out, err = run_cli(capsys, "--lang", "en", "scan-db", url, "--include-table", table,
                             "--inventory", str(tmp_path / "inv.sqlite"), "--format", "jsonl")
    assert code == 1, err
    return [json.loads(line) for line in out.splitlines()]


ROWS = [(i, f"090-1234-{i:04}") for i in range(1, 41)]


def _contacts_db(tmp_path: Path) -> Path:
    """An SQLite file with a `contacts` table of phone numbers."""
    db = tmp_path / "app.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, tel TEXT)")
    con.executemany("INSERT INTO contacts VALUES (?, ?)", ROWS)
    con.commit()
    con.close()
    return db


def test_sqlite_path_scanned(capsys, tmp_path) -> None:
    db = _contacts_db(tmp_path)
    records = _scan(capsys, str(db), "contacts", tmp_path)
    assert [(r["table"], r["column"], r["entity_type"]) for r in records] == [
        ("contacts", "tel", "PHONE_NUMBER")]


SERVERS = {  # the admin URL, a text column's type, what the alias URLs follow
    "PostgreSQL": (f"{PG_SERVER}/test", "TEXT", "://postgres@127.0.0.1:5432/test"),
    "MariaDB": (f"{MARIA_SERVER}/test", "VARCHAR(20)", "://root@127.0.0.1:3306/test"),
}


@pytest.mark.db
@pytest.mark.parametrize(("what", "scheme"), [
    ("PostgreSQL", "postgres"), ("PostgreSQL", "postgresql"),
    ("MariaDB", "mysql"), ("MariaDB", "mariadb"),
])
def test_url_aliases_reach_their_server(capsys, tmp_path, what, scheme) -> None:
    admin_url, text_type, rest = SERVERS[what]
    admin = server(admin_url, what)
    table = f"cli_urls_{uuid.uuid4().hex[:8]}"
    with admin.begin() as conn:
        conn.execute(text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, tel {text_type})"))
        conn.execute(text(f"INSERT INTO {table} VALUES (:i, :t)"),
                     [{"i": i, "t": t} for i, t in ROWS])
    try:
        records = _scan(capsys, f"{scheme}{rest}", table, tmp_path)
        assert [(r["column"], r["entity_type"]) for r in records] == [("tel", "PHONE_NUMBER")]
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP TABLE {table}"))


def test_scan_db_writes_its_report_with_o(capsys, tmp_path) -> None:
    db = _contacts_db(tmp_path)
    report = tmp_path / "columns.csv"
    code, out, _ = run_cli(capsys, "scan-db", str(db), "-o", str(report), "--format", "csv",
                           "--inventory", str(tmp_path / "inv.sqlite"))
    assert (code, out) == (1, "")
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfschema,table,kind,column,")  # BOM for Excel
    assert b",contacts,table,tel,TEXT,PHONE_NUMBER," in data
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mamoru-")]
