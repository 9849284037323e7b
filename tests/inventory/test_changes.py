"""`inventory --changes`: a change is new content (a `touch` or `scan --full` is not), new
and gone holdings, new types and new distinct values in a holding; for databases new and
dropped tables, new, dropped and retyped columns, verdicts; windows by --scans and --since;
table, jsonl and csv."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from scanner.cli import main


def _changes(capsys, inv: Path, *extra: str) -> list[dict]:
    capsys.readouterr()
    assert main(["inventory", "--inventory", str(inv), "--changes", "--format", "jsonl",
                 *extra]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _scan(capsys, *args: str) -> None:
    assert main(["scan", *args]) in (0, 1)
    capsys.readouterr()


def test_file_changes_mean_new_content(tmp_path, capsys):
    share, inv = tmp_path / "share", tmp_path / "inv.sqlite"
    share.mkdir()
    (share / "a.txt").write_text("電話 090-1234-5678\n", encoding="utf-8")
    (share / "b.txt").write_text("メール taro@example.co.jp\n", encoding="utf-8")
    (share / "c.txt").write_text("なし\n", encoding="utf-8")
    _scan(capsys, str(share), "--inventory", str(inv))
    (share / "a.txt").write_text("電話 090-1234-5678\n電話 090-9999-0001\n"
                                 "メール hanako@example.co.jp\n", encoding="utf-8")
    st = (share / "b.txt").stat()
    os.utime(share / "b.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # touch
    (share / "c.txt").unlink()
    (share / "d.txt").write_text("電話 03-5555-0147\n", encoding="utf-8")
    _scan(capsys, str(share), "--inventory", str(inv))
    a, c, d = (str(share / n) for n in ("a.txt", "c.txt", "d.txt"))
    expected = [
        {"change": "changed", "path": a, "scan_id": 2},
        {"change": "gone", "path": c, "scan_id": 2},
        {"change": "new", "path": d, "scan_id": 2},
        {"change": "new_type", "path": a, "scan_id": 2, "entity_type": "EMAIL_ADDRESS",
         "count": 1},
        {"change": "new_values", "path": a, "scan_id": 2, "entity_type": "PHONE_NUMBER",
         "count": 1},
        {"change": "new_values", "entity_type": "EMAIL_ADDRESS", "count": 1},
        {"change": "new_values", "entity_type": "PHONE_NUMBER", "count": 2},
    ]
    assert _changes(capsys, inv) == expected  # b.txt (touched only) is not listed
    _scan(capsys, str(share), "--inventory", str(inv), "--full")
    assert _changes(capsys, inv) == []  # everything read again, nothing changed
    assert _changes(capsys, inv, "--scans", "2..3") == expected
    assert _changes(capsys, inv, "--scans", "1..1")[:3] == [
        {"change": "new", "path": a, "scan_id": 1},
        {"change": "new", "path": str(share / "b.txt"), "scan_id": 1},
        {"change": "new", "path": c, "scan_id": 1}]
    assert _changes(capsys, inv, "--since", "2000-01-01")[0]["change"] == "new"
    assert _changes(capsys, inv, "--since", "2999-01-01") == []
    assert main(["inventory", "--inventory", str(inv), "--changes", "--format", "csv",
                 "--scans", "2..2"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "change,path,scan_id,column,entity_type,count,detail", f"changed,{a},2,,,,"]
    assert main(["--lang", "en", "inventory", "--inventory", str(inv), "--changes",
                 "--scans", "2..2"]) == 0
    table = capsys.readouterr().out
    assert f"  new type {a}  e-mail address 1\n" in table
    assert main(["--lang", "en", "inventory", "--inventory", str(inv), "--changes",
                 "--scans", "3-2"]) == 2
    assert "--scans takes N..M: 3-2" in capsys.readouterr().err


def test_a_file_skipped_again_is_no_change(tmp_path, capsys):
    """A FIFO on a share is skipped on every scan: the same problem again is not listed
    as a change; a file that becomes a FIFO is."""
    share, inv = tmp_path / "share", tmp_path / "inv.sqlite"
    share.mkdir()
    os.mkfifo(share / "pipe")
    (share / "a.txt").write_text("電話 090-1234-5678\n", encoding="utf-8")
    _scan(capsys, str(share), "--inventory", str(inv))
    _scan(capsys, str(share), "--inventory", str(inv))
    _scan(capsys, str(share), "--inventory", str(inv))
    assert _changes(capsys, inv) == []
    assert _changes(capsys, inv, "--scans", "2..3") == []
    (share / "a.txt").unlink()
    os.mkfifo(share / "a.txt")
    _scan(capsys, str(share), "--inventory", str(inv))
    assert _changes(capsys, inv) == [
        {"change": "changed", "path": str(share / "a.txt"), "scan_id": 4}]


def test_database_changes(tmp_path, capsys):
    source, inv = tmp_path / "app.db", tmp_path / "inv.sqlite"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, note TEXT)")
        db.execute("CREATE TABLE tmp_import (id INTEGER PRIMARY KEY, tel TEXT)")
        db.executemany("INSERT INTO members (note) VALUES (?)", [("x",)] * 20)
        db.executemany("INSERT INTO tmp_import (tel) VALUES (?)",
                       [(f"090-1234-{5600 + i}",) for i in range(20)])
    url = f"sqlite:///{source}"
    assert main(["scan-db", url, "--inventory", str(inv)]) == 1
    first = _changes(capsys, inv)
    assert [(e["change"], e["path"].split(" ")[1]) for e in first] == [
        ("new_table", "main.members"), ("new_table", "main.tmp_import")]
    with sqlite3.connect(source) as db:
        db.execute("ALTER TABLE members ADD COLUMN email TEXT")
        db.executemany("UPDATE members SET email = ? WHERE id = ?",
                       [(f"user{i}@example.co.jp", i) for i in range(1, 21)])
        db.execute("DROP TABLE tmp_import")
    assert main(["scan-db", url, "--inventory", str(inv)]) == 1
    members = f"{url} main.members"
    assert _changes(capsys, inv) == [
        {"change": "new_column", "path": members, "scan_id": 2, "column": "email",
         "detail": "TEXT"},
        {"change": "new_verdict", "path": members, "scan_id": 2, "column": "email",
         "entity_type": "EMAIL_ADDRESS", "detail": "high"},
        {"change": "dropped_table", "path": f"{url} main.tmp_import", "scan_id": 2},
    ]
    assert main(["scan-db", url, "--inventory", str(inv)]) == 1
    assert _changes(capsys, inv) == []  # the drop is said once
