"""`mamoru scan-db` against the real MariaDB server, as a user with partial grants."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from support.dbscan import (
    COLUMNS,
    assert_no_clear_values,
    check_members,
    inventory_bytes,
    members,
    run_scan,
    server_engine,
    unique_name,
)

from scanner.dbscan.session import open_database

ADMIN_URL = "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"
PASSWORD = "Pa:ss@w/rd#2%"  # real authentication: the user is created with it
BIG_ROWS = 5000

DDL = """
CREATE TABLE {d}.`会員` (
    id INT PRIMARY KEY, `氏名` VARCHAR(50), `フリガナ` VARCHAR(50), `電話番号` VARCHAR(20),
    customerEmail TEXT, kojin_bango CHAR(12), `備考` TEXT, avatar BLOB, doc BLOB, prefs JSON,
    birth_date DATE, score DOUBLE, status_code VARCHAR(10)
) DEFAULT CHARSET=utf8mb4;
CREATE VIEW {d}.`会員_一覧` AS SELECT `氏名`, `電話番号` FROM {d}.`会員`;
CREATE TABLE {d}.secret_t (id INT PRIMARY KEY, tel TEXT);
INSERT INTO {d}.secret_t VALUES (1, '090-8765-4321');
CREATE VIEW {d}.slow_v AS SELECT CAST(SLEEP(3) AS CHAR) AS tel;
CREATE TABLE {d}.big_t (id INT PRIMARY KEY, tel VARCHAR(20));
INSERT INTO {d}.big_t SELECT seq, CONCAT('090-1234-', LPAD(seq MOD 10000, 4, '0'))
    FROM seq_1_to_{big};
CREATE USER '{u}'@'%' IDENTIFIED BY '{pw}';
GRANT SELECT ON {d}.`会員` TO '{u}'@'%';
GRANT SELECT ON {d}.`会員_一覧` TO '{u}'@'%';
GRANT SELECT ON {d}.big_t TO '{u}'@'%';
GRANT INSERT ON {d}.secret_t TO '{u}'@'%'
"""


@pytest.fixture(scope="module")
def maria():
    admin = server_engine(ADMIN_URL)
    database, user = unique_name("my"), unique_name("myu")[:32]
    cols = ", ".join(f"`{c}`" for c in COLUMNS)
    values = ", ".join(f":{c}" for c in COLUMNS)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {database} CHARACTER SET utf8mb4")
        for statement in DDL.format(d=database, u=user, pw=PASSWORD, big=BIG_ROWS).split(";\n"):
            conn.exec_driver_sql(statement.replace("%", "%%"))
        conn.execute(text(f"INSERT INTO {database}.`会員` ({cols}) VALUES ({values})"),
                     members())
    try:
        yield database, user
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {database}")
            conn.exec_driver_sql(f"DROP USER '{user}'@'%%'")
        admin.dispose()


def _user_url(database: str, user: str) -> str:
    return (f"mysql+pymysql://{user}:{quote(PASSWORD, safe='')}@127.0.0.1:3306/{database}"
            "?charset=utf8mb4")


def _admin_url(database: str) -> str:
    return f"mysql+pymysql://root@127.0.0.1:3306/{database}?charset=utf8mb4"


def test_members_exact_and_an_unreadable_table_is_an_error(maria, tmp_path, capsys):
    database, user = maria
    inv = tmp_path / "inventory.sqlite"
    code, records, err = run_scan(capsys, _user_url(database, user), "--inventory", str(inv),
                                  "--exclude-table", "big_t")
    assert code == 2
    check_members(records)
    assert f"cannot read {database}.secret_t: (1142, \"SELECT command denied to user" in err
    everything = err + "".join(map(str, records))
    assert PASSWORD not in everything and quote(PASSWORD, safe="") not in everything
    assert_no_clear_values(everything, members())
    stored = inventory_bytes(inv)
    assert PASSWORD.encode() not in stored and quote(PASSWORD, safe="").encode() not in stored
    assert f"{user}:***@127.0.0.1".encode() in stored
    assert_no_clear_values(stored, members())


def test_large_table_is_sampled_by_key_ranges(maria, tmp_path, capsys):
    database, user = maria
    code, records, _ = run_scan(capsys, _user_url(database, user), "--inventory",
                                str(tmp_path / "inv.sqlite"), "--include-table", "big_t",
                                "--sample", "400")
    assert code == 1
    [r] = records
    assert (r["column"], r["entity_type"], r["share"]) == ("tel", "PHONE_NUMBER", 1.0)
    assert (r["rows"], r["rows_exact"], r["method"]) == (BIG_ROWS, True, "key_ranges")
    assert 200 <= r["sampled_rows"] <= 400


def test_full_scan_streams_every_row_and_rescans_unchanged_tables(maria, tmp_path, capsys):
    database, _ = maria
    args = (_admin_url(database), "--inventory", str(tmp_path / "inv.sqlite"),
            "--include-table", "big_t", "--sample", "400")
    run_scan(capsys, *args)
    _, records, err = run_scan(capsys, *args, "--full")
    assert "1 table (0 unchanged since the last scan)" in err
    [r] = records
    assert (r["method"], r["sampled_rows"], r["examined"], r["matched"]) == (
        "full", BIG_ROWS, BIG_ROWS, BIG_ROWS)


def test_statement_timeout_makes_an_error_and_the_scan_goes_on(maria, tmp_path, capsys):
    database, _ = maria
    code, records, err = run_scan(
        capsys, _admin_url(database), "--inventory", str(tmp_path / "inv.sqlite"),
        "--include-table", "slow_v", "--include-table", "会員_一覧", "--statement-timeout", "0.3",
    )
    assert code == 2
    assert f"cannot read {database}.slow_v: (1969, 'Query execution was interrupted" in err
    assert {(r["table"], r["column"]) for r in records} == {("会員_一覧", "氏名"),
                                                             ("会員_一覧", "電話番号")}


def test_session_is_read_only(maria):
    database, _ = maria
    engine = open_database(make_url(_admin_url(database)), 5.0)
    with engine.connect() as conn, pytest.raises(DBAPIError, match="READ ONLY transaction"):
        conn.exec_driver_sql("INSERT INTO secret_t VALUES (2, 'x')")
    engine.dispose()
