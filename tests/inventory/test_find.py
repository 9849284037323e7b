"""`mamoru inventory --find`: where given values are held, for a disclosure request,
across files and database columns, with nothing of the values printed."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from scanner.cli import main

PHONE = "090-3141-5926"
EMAIL = "hanako.sato@example.co.jp"


@pytest.fixture()
def inventory(tmp_path: Path, capsys) -> tuple[Path, Path]:
    """Files and a SQLite application database scanned into one inventory."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "memo.txt").write_text(f"連絡先\n電話 {PHONE} まで\n", encoding="utf-8")
    (share / "fullwidth.txt").write_text("電話：０９０－３１４１－５９２６\n", encoding="cp932")
    (share / "other.txt").write_text(f"メール {EMAIL}\n電話 080-2718-2818\n", encoding="utf-8")
    app = tmp_path / "app.sqlite"
    con = sqlite3.connect(app)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, tel TEXT)")
    con.executemany("INSERT INTO customers (tel) VALUES (?)",
                    [(PHONE,)] + [(f"090-{1000 + i}-{2000 + i}",) for i in range(20)])
    con.commit()
    con.close()
    inv = tmp_path / "inv.sqlite"
    assert main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl"]) == 1
    assert main(["scan-db", f"sqlite:///{app}", "--inventory", str(inv),
                 "--format", "jsonl"]) == 1
    capsys.readouterr()
    return share, inv


def _find(monkeypatch, capsys, inv: Path, text: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["--lang", "en", "inventory", "--inventory", str(inv), "--find", "-", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_value_is_found_in_every_file_and_column_that_holds_it(
        inventory, monkeypatch, capsys) -> None:
    share, inv = inventory
    code, out, _ = _find(monkeypatch, capsys, inv, f"{PHONE}\n\nnobody@example.com\n",
                         "--format", "jsonl")
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {"value": 1, "found": 3, "places": [
        {"kind": "file", "path": str(share / "fullwidth.txt"),
         "location": {"line": 1, "column": 4}, "entity_type": "PHONE_NUMBER",
         "preview": "０９０－****－５９２６"},
        {"kind": "file", "path": str(share / "memo.txt"), "location": {"line": 2, "column": 4},
         "entity_type": "PHONE_NUMBER", "preview": "090-****-5926"},
        {"kind": "database", "path": f"sqlite:///{inv.parent / 'app.sqlite'} main.customers.tel",
         "location": {}, "entity_type": "PHONE_NUMBER", "preview": "090-****-5926"},
    ], "not_examined": {"unread_files": 0, "partial_tables": 0}}
    assert second == {"value": 2, "found": 0, "places": [],
                      "not_examined": {"unread_files": 0, "partial_tables": 0}}
    assert PHONE not in out and "3141" not in out


def test_any_written_form_of_the_value_matches(inventory, monkeypatch, capsys) -> None:
    _, inv = inventory
    code, out, _ = _find(monkeypatch, capsys, inv, "０９０（３１４１）５９２６\n" + EMAIL.upper(),
                         "--format", "csv")
    assert code == 1
    rows = out.splitlines()
    assert rows[0] == "value,kind,path,location,entity_type,preview"
    assert [r.split(",")[0:2] for r in rows[1:]] == [
        ["1", "file"], ["1", "file"], ["1", "database"], ["2", "file"]]
    assert rows[4].endswith("other.txt,\"line=1, column=5\",EMAIL_ADDRESS,h***@example.co.jp")


def test_gone_files_are_not_places_any_more(inventory, monkeypatch, capsys) -> None:
    share, inv = inventory
    (share / "memo.txt").unlink()
    main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl"])
    capsys.readouterr()
    code, out, _ = _find(monkeypatch, capsys, inv, PHONE)
    assert code == 1
    assert out.splitlines()[0] == "value #1: 2 places"
    assert "memo.txt" not in out


def test_japanese_text_and_not_found(inventory, monkeypatch, capsys) -> None:
    _, inv = inventory
    monkeypatch.setattr("sys.stdin", io.StringIO("070-0000-0000\n"))
    code = main(["--lang", "ja", "inventory", "--inventory", str(inv), "--find", "-"])
    assert (code, capsys.readouterr().out) == (0, "値 #1: 見つかりません\n")


def test_not_found_says_what_was_not_examined(inventory, monkeypatch, capsys,
                                               tmp_path) -> None:
    """A file that could not be read and a table read in part are named with the answer
    (a value may be there); read them whole and the plain "not found" comes back."""
    share, inv = inventory
    (share / "scan.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    assert main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl"]) == 2
    capsys.readouterr()
    code, out, _ = _find(monkeypatch, capsys, inv, "070-0000-0000\n")
    assert code == 0
    assert out.splitlines() == [
        "value #1: not found where examined (see the note below)",
        "note: not examined, the values may be there too: 1 file that could not be read "
        f"(mamoru inventory --problems) (last scan {_last_scan(inv)})"]
    monkeypatch.setattr("sys.stdin", io.StringIO("070-0000-0000\n"))
    assert main(["--lang", "ja", "inventory", "--inventory", str(inv), "--find", "-"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "値 #1: 調べた範囲には見つかりません（下の注意）",
        "注意: 次は調べられていません。値がそこにもあるかもしれません: 読めなかったファイル 1 件"
        f"（mamoru inventory --problems）（最新の走査 {_last_scan(inv)}）"]
    with sqlite3.connect(tmp_path / "app.sqlite") as con:  # a new table, 30 rows, 5 read
        con.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY, tel TEXT)")
        con.executemany("INSERT INTO calls (tel) VALUES (?)",
                        [(f"080-{3000 + i}-{4000 + i}",) for i in range(30)])
    app = f"sqlite:///{tmp_path / 'app.sqlite'}"
    assert main(["scan-db", app, "--inventory", str(inv), "--sample", "5"]) == 1
    capsys.readouterr()
    code, out, _ = _find(monkeypatch, capsys, inv, PHONE, "--format", "jsonl")
    assert json.loads(out)["not_examined"] == {"unread_files": 1, "partial_tables": 1}
    assert main(["--lang", "en", "inventory", "--inventory", str(inv)]) == 0  # the view
    assert capsys.readouterr().err == (
        "mamoru: not examined: 1 file not read (--problems), 1 table read only in part\n")
    (share / "scan.xlsx").unlink()
    assert main(["scan-db", app, "--inventory", str(inv), "--full"]) == 1
    assert main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl"]) == 1
    capsys.readouterr()
    assert _find(monkeypatch, capsys, inv, "070-0000-0000\n")[:2] == (0, "value #1: not found\n")
    assert main(["--lang", "en", "inventory", "--inventory", str(inv)]) == 0
    assert capsys.readouterr().err == ""


def _last_scan(inv: Path) -> str:
    with sqlite3.connect(inv) as con:
        return con.execute("SELECT max(finished_at) FROM mamoru_scans "
                           "WHERE status = 'complete'").fetchone()[0]


def test_bad_input_is_a_usage_error(inventory, monkeypatch, capsys, tmp_path) -> None:
    _, inv = inventory
    code, _, err = _find(monkeypatch, capsys, inv, "\n  \n")
    assert code == 2 and "no values to find" in err
    code = main(["--lang", "en", "inventory", "--inventory", str(inv),
                 "--find", str(tmp_path / "missing.txt")])
    assert code == 2 and "cannot read" in capsys.readouterr().err
