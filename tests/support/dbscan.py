"""Shared data and helpers for the database-scan tests (no tests here).

Every database gets the same `会員` (members) table: Japanese column names and data,
NULLs, a binary image and a UTF-8 text stored as bytes, JSON, a birth-date column,
a float and a code column that hold no personal data; and a view over it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from stdnum.jp import in_

from scanner.cli import main

N_ROWS = 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe"
NAMES = ("山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲")
KANA = ("ヤマダ タロウ", "サトウ ハナコ", "スズキ イチロウ", "タカハシ ミサキ")
COLUMNS = ("id", "氏名", "フリガナ", "電話番号", "customerEmail", "kojin_bango", "備考",
           "avatar", "doc", "prefs", "birth_date", "score", "status_code")


def my_number(i: int) -> str:
    base = f"{(12345678900 + i * 7919) % 10**11:011d}"
    return base + in_.calc_check_digit(base)


def member(i: int) -> dict:
    """Row i of the 会員 table."""
    return {
        "id": i + 1,
        "氏名": NAMES[i % 4],
        "フリガナ": KANA[i % 4],
        "電話番号": f"090-1234-{i:04d}",
        "customerEmail": None if i % 4 == 3 else f"user{i}@example.co.jp",
        "kojin_bango": None if i % 2 else my_number(i),
        "備考": f"折り返しは 080-1111-{i:04d} まで" if i % 8 == 0 else "特になし",
        "avatar": PNG,
        "doc": f"連絡先 taro{i}@example.jp".encode(),
        "prefs": json.dumps({"mail": f"x{i}@example.com", "lang": "ja"}, ensure_ascii=False),
        "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=i * 97),
        "score": i / 3,
        "status_code": "ACTIVE" if i % 2 else "DORMANT",
    }


def members(n: int = N_ROWS) -> list[dict]:
    return [member(i) for i in range(n)]


def raw_values(rows: list[dict]) -> list[str]:
    """Personal values that must never appear in clear in any output."""
    out = []
    for i, r in enumerate(rows):
        out += [r["電話番号"], f"taro{i}@example.jp", f"x{i}@example.com"]
        out += [v for v in (r["customerEmail"], r["kojin_bango"]) if v]
        if i % 8 == 0:
            out.append(f"080-1111-{i:04d}")
    return out


# (table suffix, column, entity type) -> (share, matched, examined, basis) for the 40 rows.
# The name columns are checked apart: their score depends on the person recognizer.
EXPECTED = {
    ("会員", "電話番号", "PHONE_NUMBER"): (1.0, 40, 40, "name+values"),
    ("会員", "customerEmail", "EMAIL_ADDRESS"): (1.0, 30, 30, "name+values"),
    ("会員", "kojin_bango", "JP_MY_NUMBER"): (1.0, 20, 20, "name+values"),
    ("会員", "備考", "PHONE_NUMBER"): (0.125, 5, 40, "values"),
    ("会員", "doc", "EMAIL_ADDRESS"): (1.0, 40, 40, "values"),
    ("会員", "prefs", "EMAIL_ADDRESS"): (1.0, 40, 40, "values"),
    ("会員", "birth_date", "DATE_OF_BIRTH"): (1.0, 40, 40, "name+values"),
    ("会員_一覧", "電話番号", "PHONE_NUMBER"): (1.0, 40, 40, "name+values"),
}
PERSON_COLUMNS = {("会員", "氏名"), ("会員", "フリガナ"), ("会員_一覧", "氏名")}


def run_scan(capsys, *args: str) -> tuple[int, list[dict], str]:
    """`mamoru scan-db ARGS --format jsonl`: exit code, records, stderr."""
    code = main(["--lang", "en", "scan-db", *args, "--format", "jsonl"])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    return code, records, captured.err


def by_key(records: list[dict], prefix: str = "") -> dict[tuple[str, str, str], dict]:
    """Records keyed (table without prefix, column, entity type)."""
    return {(r["table"].removeprefix(prefix), r["column"], r["entity_type"]): r
            for r in records}


def check_members(records: list[dict], prefix: str = "") -> None:
    """The exact verdicts expected for the members table and its view."""
    got = by_key(records, prefix)
    persons = {(t, c) for t, c, e in got if e == "PERSON"}
    assert persons == PERSON_COLUMNS
    assert set(got) - {(t, c, "PERSON") for t, c in PERSON_COLUMNS} == set(EXPECTED)
    for key, (share, matched, examined, basis) in EXPECTED.items():
        r = got[key]
        assert (r["share"], r["matched"], r["examined"], r["basis"]) == (
            share, matched, examined, basis), key
        assert r["rows"] == N_ROWS
    for t, c in PERSON_COLUMNS:
        assert got[(t, c, "PERSON")]["score"] >= 0.6
    assert got[("会員", "電話番号", "PHONE_NUMBER")]["previews"] == [
        "090-****-0000", "090-****-0001", "090-****-0002"]
    assert got[("会員", "kojin_bango", "JP_MY_NUMBER")]["fingerprints"] == 20
    assert got[("会員_一覧", "電話番号", "PHONE_NUMBER")]["kind"] == "view"


def assert_no_clear_values(blob: str | bytes, rows: list[dict]) -> None:
    data = blob if isinstance(blob, bytes) else blob.encode()
    for value in raw_values(rows):
        assert value.encode() not in data, value


def unique_name(area: str) -> str:
    return f"mamoru_dbscan_{area}_{uuid.uuid4().hex[:8]}"


def server_engine(url: str):
    """An engine on a test server; fails under CI when unreachable, else skips."""
    engine = create_engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"database server unreachable under CI: {url}: {exc.orig}")
        pytest.skip(f"database server unreachable: {url}")
    return engine


def inventory_bytes(path: Path) -> bytes:
    """The inventory file and its WAL, as stored on disk."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
