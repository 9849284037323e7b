"""Scanning a tree of real files in several formats: archive members become assets,
corrupt files are errors, zip bombs are skipped, and --jobs 2 gives the same output."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scanner.cli import main

MY_NUMBER = "123456789018"
PHONE = "090-1234-5678"


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", "formats-key")


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["氏名", "電話番号"])
    ws.append(["山田太郎", PHONE])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _tree(root: Path) -> Path:
    share = root / "share"
    share.mkdir()
    (share / "book.xlsx").write_bytes(_xlsx())
    inner = _zip({"mn.txt": f"マイナンバー {MY_NUMBER}\n".encode()})
    (share / "outer.zip").write_bytes(_zip({"docs/inner.zip": inner,
                                            "list.csv": f"電話\n{PHONE}\n".encode("cp932")}))
    (share / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    (share / "bomb.zip").write_bytes(_zip({"zeros.txt": b"0" * (20 * 2**20)}))
    return share


def _scan(capsys, *args: str) -> tuple[int, list[dict], dict]:
    code = main(["scan", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(x) for x in out.splitlines()], json.loads(err.splitlines()[-1])


def test_members_errors_and_bombs(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    code, rows, summary = _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl")
    assert code == 2  # the corrupt workbook is an error; the scan went on
    assert [(r["path"], r["entity_type"], r["location"]) for r in rows] == [
        (f"{share}/book.xlsx", "PERSON", {"sheet": "名簿", "cell": "A2", "offset": 0}),
        (f"{share}/book.xlsx", "PHONE_NUMBER", {"sheet": "名簿", "cell": "B2", "offset": 0}),
        (f"{share}/outer.zip!docs/inner.zip!mn.txt", "JP_MY_NUMBER", {"line": 1, "column": 8}),
        (f"{share}/outer.zip!list.csv", "PHONE_NUMBER",
         {"row": 2, "column": "電話", "offset": 0}),
    ]
    assert len(summary["error_list"]) == 1
    assert summary["error_list"][0].startswith(f"{share}/broken.xlsx: ")
    assert summary["skipped"] == 1  # the bomb

    code, out, _ = _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl")
    assert (code, out) == (2, rows)  # errors are read again; the rest carries over

    assert main(["inventory", "--inventory", inv, "--format", "jsonl"]) == 1
    assets = [json.loads(x)["path"] for x in capsys.readouterr().out.splitlines()]
    assert assets[0] == f"{share}/outer.zip!docs/inner.zip!mn.txt"

    assert main(["inventory", "--inventory", inv, "--problems", "--format", "jsonl"]) == 0
    problems = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(p["path"], p["status"], p["format"]) for p in problems] == [
        (f"{share}/bomb.zip", "skipped", "zip"),
        (f"{share}/broken.xlsx", "error", "xlsx"),
    ]
    assert all(p["note"] for p in problems)


@pytest.mark.slow
def test_two_jobs_give_the_same_findings(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    for i in range(6):
        (share / f"note{i}.txt").write_text(f"電話 090-{1000 + i}-5678\n", encoding="utf-8")
    one = _scan(capsys, str(share), "--inventory", str(tmp_path / "1.sqlite"),
                "--format", "jsonl")
    two = _scan(capsys, str(share), "--inventory", str(tmp_path / "2.sqlite"),
                "--format", "jsonl", "--jobs", "2")
    assert one[:2] == two[:2]
    assert len(one[1]) == 10
    assert one[2]["read"] == two[2]["read"] == 10


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_korean_is_scanned(tmp_path: Path, capsys, codec: str) -> None:
    """A Korean export in UTF-16 without a BOM was skipped as binary: exit 0, "no
    personal data found"."""
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "export.txt").write_bytes(
        "김민준 전화 +82 10-1234-5678\n메일 minjun@example.kr\n".encode(codec))
    code, rows, summary = _scan(capsys, str(tmp_path / "share"), "--inventory",
                                str(tmp_path / "inv.sqlite"), "--format", "jsonl")
    assert code == 1 and summary.get("skipped", 0) == 0
    assert {(r["entity_type"], json.dumps(r["location"])) for r in rows} >= {
        ("EMAIL_ADDRESS", '{"line": 2, "column": 4}'),
        ("PHONE_NUMBER", '{"line": 1, "column": 8}')}


LEGACY_XLS = Path(__file__).parents[1] / "data" / "legacy_staff.xls"  # BIFF8, written by xlwt
_WORKBOOK = "Workbook".encode("utf-16-le")


def test_legacy_excel_cells_are_read_with_sheet_and_cell(tmp_path: Path, capsys) -> None:
    """Was skipped as an OLE document: a .xls with a My Number read as nothing found."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "社員名簿.xls").write_bytes(LEGACY_XLS.read_bytes())
    code, rows, summary = _scan(capsys, str(share), "--inventory", str(tmp_path / "i.sqlite"),
                                "--format", "jsonl")
    assert code == 1 and (summary["read"], summary["unread"]) == (1, 0)
    found = [(r["location"], r["end_location"]["offset"], r["entity_type"], r["preview"])
             for r in rows]
    assert found == [
        ({"sheet": "社員名簿", "cell": "A4", "offset": 0}, 4, "PERSON", "山田**"),
        ({"sheet": "社員名簿", "cell": "B4", "offset": 0}, 13, "PHONE_NUMBER", "090-****-5678"),
        ({"sheet": "社員名簿", "cell": "C4", "offset": 0}, 12, "JP_MY_NUMBER", "********9018"),
        # a date cell (a serial number in the file) reads as the date it shows
        ({"sheet": "社員名簿", "cell": "D4", "offset": 0}, 10, "DATE_OF_BIRTH", "****-**-12"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.xls", LEGACY_XLS.read_bytes(), ("xls", None)),
        ("no-extension", LEGACY_XLS.read_bytes(), ("xls", None)),  # by its Workbook stream
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"W\x00o\x00r\x00d" + bytes(64),
         ("binary", "OLE document (legacy Office)")),
        # another OLE document whose text mentions "Workbook" (UTF-16, as Word stores it)
        ("memo.doc", LEGACY_XLS.read_bytes().replace(_WORKBOOK, "Worktext".encode("utf-16-le"))
         + _WORKBOOK, ("binary", "OLE document (legacy Office)")),
        # spreadsheets exported from web applications as HTML or TSV under a .xls name
        ("export.xls", "<table><tr><td>山田太郎</td></tr></table>".encode(), ("text", None)),
    ],
)
def test_only_ole_workbooks_are_read_as_legacy_excel(name: str, data: bytes, fmt) -> None:
    from scanner.sources.formats import detect_format

    assert detect_format(name, data) == fmt
