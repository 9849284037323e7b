"""`mamoru scan-db` against the real PostgreSQL server, as a restricted role."""

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

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "pa:ss@w/rd#1%"  # trust auth accepts it; it must never be printed
BIG_ROWS = 1_000_000  # the issue asks for a table of a million rows

DDL = """
CREATE TABLE {s}."会員" (
    id integer PRIMARY KEY, "氏名" text, "フリガナ" text, "電話番号" varchar(20),
    "customerEmail" text, kojin_bango char(12), "備考" text, avatar bytea, doc bytea,
    prefs jsonb, birth_date date, score double precision, status_code varchar(10)
);
CREATE VIEW {s}."会員_一覧" AS SELECT "氏名", "電話番号" FROM {s}."会員";
CREATE TABLE {s}.secret_t (id integer PRIMARY KEY, tel text);
INSERT INTO {s}.secret_t VALUES (1, '090-8765-4321');
CREATE VIEW {s}.slow_v AS SELECT pg_sleep(3)::text AS tel;
CREATE TABLE {s}.big_t AS
    SELECT g AS id, '090-1234-' || lpad(mod(g, 10000)::text, 4, '0') AS tel
    FROM generate_series(1, {big}) g;
ALTER TABLE {s}.big_t ADD PRIMARY KEY (id);
ANALYZE {s}.big_t;
CREATE ROLE {r} LOGIN PASSWORD 'unused';
GRANT USAGE ON SCHEMA {s} TO {r};
GRANT SELECT ON {s}."会員", {s}."会員_一覧", {s}.slow_v, {s}.big_t TO {r};
"""


@pytest.fixture(scope="module")
def pg():
    admin = server_engine(ADMIN_URL)
    schema, role = unique_name("pg"), unique_name("pgrole")
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    values = ", ".join(f"CAST(:{c} AS jsonb)" if c == "prefs" else f":{c}"
                       for c in COLUMNS)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        for statement in DDL.format(s=schema, r=role, big=BIG_ROWS).split(";\n"):
            if statement.strip():
                conn.exec_driver_sql(statement)
        conn.execute(text(f'INSERT INTO {schema}."会員" ({cols}) VALUES ({values})'), members())
    try:
        yield schema, role
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            conn.exec_driver_sql(f"DROP ROLE {role}")
        admin.dispose()


def _role_url(role: str) -> str:
    return f"postgresql+psycopg://{role}:{quote(PASSWORD, safe='')}@127.0.0.1:5432/test"


def test_members_exact_and_an_unreadable_table_is_an_error(pg, tmp_path, capsys):
    schema, role = pg
    inv = tmp_path / "inventory.sqlite"
    code, records, err = run_scan(
        capsys, _role_url(role), "--inventory", str(inv), "--include-schema", schema,
        "--exclude-table", "big_t", "--exclude-table", "slow_v",
    )
    assert code == 2
    check_members(records)
    assert f"cannot read {schema}.secret_t: permission denied for table secret_t" in err
    everything = err + "".join(map(str, records))
    assert PASSWORD not in everything and quote(PASSWORD, safe="") not in everything
    assert_no_clear_values(everything, members())
    stored = inventory_bytes(inv)
    assert quote(PASSWORD, safe="").encode() not in stored and PASSWORD.encode() not in stored
    assert f"{role}:***@127.0.0.1".encode() in stored
    assert_no_clear_values(stored, members())


def test_second_scan_carries_unchanged_tables_over(pg, tmp_path, capsys):
    schema, _ = pg
    args = (ADMIN_URL, "--inventory", str(tmp_path / "inv.sqlite"), "--include-schema", schema,
            "--include-table", "会員*")
    _, first, _ = run_scan(capsys, *args)
    code, second, err = run_scan(capsys, *args)
    assert code == 1 and "2 tables (2 unchanged since the last scan)" in err
    assert [r["score"] for r in second] == [r["score"] for r in first]
    assert all(r["carried_over"] for r in second)


def test_large_table_is_sampled_with_tablesample(pg, tmp_path, capsys):
    schema, role = pg
    code, records, _ = run_scan(capsys, _role_url(role), "--inventory",
                                str(tmp_path / "inv.sqlite"), "--include-schema", schema,
                                "--include-table", "big_t")
    assert code == 1
    [r] = records
    assert (r["column"], r["entity_type"], r["share"]) == ("tel", "PHONE_NUMBER", 1.0)
    assert (r["rows"], r["rows_exact"], r["method"]) == (BIG_ROWS, True, "tablesample_system")
    assert 1000 <= r["sampled_rows"] <= 2000
    assert r["fingerprints"] == 1000  # capped


def test_statement_timeout_makes_an_error_and_the_scan_goes_on(pg, tmp_path, capsys):
    schema, _ = pg
    code, records, err = run_scan(
        capsys, ADMIN_URL, "--inventory", str(tmp_path / "inv.sqlite"), "--include-schema",
        schema, "--include-table", "slow_v", "--include-table", "会員_一覧",
        "--statement-timeout", "0.3",
    )
    assert code == 2
    assert f"cannot read {schema}.slow_v: canceling statement due to statement timeout" in err
    assert {(r["table"], r["column"]) for r in records} == {("会員_一覧", "氏名"),
                                                             ("会員_一覧", "電話番号")}


def test_session_is_read_only(pg):
    engine = open_database(make_url(ADMIN_URL), 5.0)
    with engine.connect() as conn, pytest.raises(DBAPIError, match="read-only transaction"):
        conn.exec_driver_sql("CREATE TABLE mamoru_dbscan_intruder (a integer)")
    engine.dispose()


def test_password_is_scrubbed_from_connection_errors(tmp_path, capsys):
    url = f"postgresql+psycopg://postgres:{quote(PASSWORD, safe='')}@127.0.0.1:5432/no_such_db_x"
    server_engine(ADMIN_URL).dispose()
    code, records, err = run_scan(capsys, url, "--inventory", str(tmp_path / "inv.sqlite"))
    assert (code, records) == (2, [])
    assert "cannot scan the database" in err and 'database "no_such_db_x" does not exist' in err
    assert PASSWORD not in err and quote(PASSWORD, safe="") not in err


def test_an_unknown_role_is_named_as_such_in_japanese(tmp_path, capsys):
    """PostgreSQL refuses a role it does not have: the Japanese message says so, not that
    a database or table is missing (`does not exist` ends both of the server's texts)."""
    server_engine(ADMIN_URL).dispose()
    url = "postgresql+psycopg://mamoru_no_such_role@127.0.0.1:5432/test"
    code, records, err = run_scan(capsys, "--lang", "ja", url, "--inventory",
                                  str(tmp_path / "inv.sqlite"))
    assert (code, records) == (2, [])
    no_role = "そのユーザー（ロール）はデータベースサーバーにありません"
    assert f"データベースを走査できません: {no_role}" in err
    assert "データベースまたは表がありません" not in err
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/mamoru_no_such_db"
    code, _, err = run_scan(capsys, "--lang", "ja", url, "--inventory",
                            str(tmp_path / "inv.sqlite"))
    assert code == 2 and "データベースまたは表がありません" in err  # the database's own text


def test_inventory_in_postgresql(pg, tmp_path, capsys):
    schema, _ = pg
    inventory_schema = unique_name("pginv")
    admin = server_engine(ADMIN_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {inventory_schema}")
    inventory = f"{ADMIN_URL}?options=-csearch_path%3D{inventory_schema}"
    args = (ADMIN_URL, "--inventory", inventory, "--include-schema", schema,
            "--include-table", "会員")
    try:
        run_scan(capsys, *args)
        code, records, _ = run_scan(capsys, *args)
        with admin.connect() as conn:
            stored = conn.exec_driver_sql(
                f"SELECT table_name, method, row_count FROM {inventory_schema}.db_tables"
            ).all()
            columns = conn.exec_driver_sql(
                f"SELECT count(*) FROM {inventory_schema}.db_columns").scalar_one()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {inventory_schema} CASCADE")
        admin.dispose()
    assert code == 1 and all(r["carried_over"] for r in records)
    assert [tuple(r) for r in stored] == [("会員", "first_n", 40)]
    assert columns == len(records) == 9
