"""`mamoru scan-db` end to end on a real SQLite file made with the sqlite3 module."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from support.dbscan import (
    COLUMNS,
    assert_no_clear_values,
    check_members,
    inventory_bytes,
    member,
    members,
    run_scan,
)

from scanner.dbscan.session import open_database
from scanner.inventory.db_schema import db_columns, db_tables

DDL = """
CREATE TABLE 会員 (
    id INTEGER PRIMARY KEY, 氏名 TEXT, フリガナ TEXT, 電話番号 TEXT, customerEmail TEXT,
    kojin_bango TEXT, 備考 TEXT, avatar BLOB, doc BLOB, prefs JSON, birth_date DATE,
    score REAL, status_code TEXT
);
CREATE VIEW 会員_一覧 AS SELECT 氏名, 電話番号 FROM 会員;
"""


def _insert(path, rows) -> None:
    con = sqlite3.connect(path)
    marks = ", ".join("?" for _ in COLUMNS)
    con.executemany(
        f"INSERT INTO 会員 VALUES ({marks})",
        [tuple(r[c].isoformat() if c == "birth_date" else r[c] for c in COLUMNS) for r in rows],
    )
    con.commit()
    con.close()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "crm.sqlite"
    con = sqlite3.connect(path)
    con.executescript(DDL)
    con.close()
    _insert(path, members())
    return path


def _args(db, tmp_path, *extra: str) -> list[str]:
    return [f"sqlite:///{db}", "--inventory", str(tmp_path / "inv" / "inventory.sqlite"), *extra]


def test_scan_classifies_every_column_exactly(db, tmp_path, capsys):
    code, records, err = run_scan(capsys, *_args(db, tmp_path))
    assert code == 1
    check_members(records)
    assert {r["method"] for r in records} == {"first_n"}
    assert "2 tables (0 unchanged since the last scan), 11 columns with personal data" in err
    assert_no_clear_values(err + "".join(map(str, records)), members())
    inv = tmp_path / "inv" / "inventory.sqlite"
    assert_no_clear_values(inventory_bytes(inv), members())
    engine = create_engine(f"sqlite:///{inv}")
    with engine.connect() as conn:
        tables = conn.execute(select(db_tables.c.table_name, db_tables.c.kind,
                                     db_tables.c.row_count, db_tables.c.status)
                              .order_by(db_tables.c.table_name)).all()
        n_columns = conn.execute(select(db_columns.c.id)).all()
    engine.dispose()
    assert [tuple(t) for t in tables] == [
        ("会員", "table", 40, "ok"), ("会員_一覧", "view", 40, "ok")]
    assert len(n_columns) == 11


def test_binary_float_and_code_columns_give_no_verdict(db, tmp_path, capsys):
    _, records, _ = run_scan(capsys, *_args(db, tmp_path))
    assert not {"avatar", "score", "status_code", "id"} & {r["column"] for r in records}


def test_unchanged_tables_carry_over_changed_ones_are_read_again(db, tmp_path, capsys):
    _, first, _ = run_scan(capsys, *_args(db, tmp_path))
    code, second, err = run_scan(capsys, *_args(db, tmp_path))
    assert code == 1
    assert "2 tables (2 unchanged since the last scan)" in err
    assert all(r["carried_over"] for r in second)
    strip = ("carried_over", "method")
    assert [{k: v for k, v in r.items() if k not in strip} for r in second] == [
        {k: v for k, v in r.items() if k not in strip} for r in first]

    _insert(db, [member(40)])
    _, third, err = run_scan(capsys, *_args(db, tmp_path))
    assert "2 tables (0 unchanged since the last scan)" in err
    assert {r["rows"] for r in third} == {41}
    assert not any(r["carried_over"] for r in third)

    _, full, _ = run_scan(capsys, *_args(db, tmp_path, "--full"))
    assert {r["method"] for r in full} == {"full"}
    assert {r["sampled_rows"] for r in full} == {41}


def test_sample_reads_key_ranges_not_the_whole_table(db, tmp_path, capsys):
    _, records, _ = run_scan(capsys, *_args(db, tmp_path, "--sample", "10"))
    table = [r for r in records if r["table"] == "会員"]
    assert {r["method"] for r in table} == {"key_ranges"}
    assert all(5 <= r["sampled_rows"] <= 10 for r in table)
    view = [r for r in records if r["table"] == "会員_一覧"]
    assert {(r["method"], r["sampled_rows"]) for r in view} == {("first_n", 10)}


def test_filters_select_tables_and_columns(db, tmp_path, capsys):
    _, records, _ = run_scan(capsys, *_args(
        db, tmp_path, "--include-table", "会員", "--exclude-column", "doc",
        "--exclude-column", "main.会員.prefs", "--include-column", "*o*",
        "--include-column", "会員.BIRTH_*",
    ))
    assert sorted((r["table"], r["column"]) for r in records) == [
        ("会員", "birth_date"), ("会員", "customerEmail"), ("会員", "kojin_bango")]


def test_min_score_and_table_format(db, tmp_path, capsys):
    code = __import__("scanner.cli", fromlist=["main"]).main(
        ["--lang", "en", "scan-db", *_args(db, tmp_path, "--min-score", "0.96",
                                           "--include-table", "会員", "--format", "table")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == ("main.会員.電話番号  PHONE_NUMBER  090-****-0000, 090-****-0001, "
                      "090-****-0002  (score 0.99; share 100%; rows 40)")
    assert all(float(line.split("(score ")[1][:4]) >= 0.96 for line in out)
    code = __import__("scanner.cli", fromlist=["main"]).main(
        ["--lang", "ja", "scan-db", *_args(db, tmp_path, "--min-score", "0.96",
                                           "--include-table", "会員", "--format", "table")])
    assert capsys.readouterr().out.splitlines()[0] == (
        "main.会員.電話番号  PHONE_NUMBER  090-****-0000, 090-****-0001, "
        "090-****-0002  (スコア 0.99；割合 100%；行数 40)")


def test_the_file_is_opened_read_only_and_left_unchanged(db, tmp_path, capsys):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    run_scan(capsys, *_args(db, tmp_path))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    engine = open_database(make_url(f"sqlite:///{db}"), 5.0)
    with engine.connect() as conn, pytest.raises(OperationalError, match="readonly"):
        conn.exec_driver_sql("CREATE TABLE intruder (a INTEGER)")
    engine.dispose()


def test_a_missing_database_file_is_an_error(tmp_path, capsys):
    code, records, err = run_scan(capsys, f"sqlite:///{tmp_path / 'nope.sqlite'}",
                                  "--inventory", str(tmp_path / "inv.sqlite"))
    assert (code, records) == (2, [])
    assert "cannot scan the database: unable to open database file" in err
    assert not (tmp_path / "nope.sqlite").exists()


def test_bad_arguments_exit_2(tmp_path, capsys):
    code, _, err = run_scan(capsys, "not a url", "--inventory", str(tmp_path / "i.sqlite"))
    assert code == 2 and "neither a database URL nor an SQLite file: not a url" in err
    code, _, err = run_scan(capsys, "sqlite://", "--sample", "0")
    assert code == 2 and "argument --sample: 0 is not allowed: give a whole number" in err
