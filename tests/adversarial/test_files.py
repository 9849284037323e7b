"""Adversarial files: each gives findings or a named error, never a hang, a crash or a
silent "clean". Every file is made here, in the encoding or format it claims."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.sources import Limits, extract
from scanner.sources.degrade import decode_lenient
from scanner.sources.encoding import decode
from scanner.sources.model import SourceError

from .conftest import PHONES, phones_found, records

RECORDS = records().encode("utf-8")
L1, L2, L3 = RECORDS.splitlines(keepends=True)

# name -> (bytes, line numbers of the three phones, undecodable bytes)
DAMAGED = {
    "0xff": (L1 + b"broken \xff byte\n" + L2 + L3, [1, 3, 4], 1),
    "0x80": (L1 + L2 + b"\x80" + L3, [1, 2, 3], 1),
    "nul": (L1 + b"\x00\n" + L2 + L3, [1, 3, 4], 0),
    "latin-1 line": (L1 + "Müller Zürich\n".encode("latin-1") + L2 + L3, [1, 3, 4], 2),
    "cp932 line": (L1 + "佐藤花子 東京都港区\n".encode("cp932") + L2 + L3, [1, 3, 4], 0),
    "cut mid-character": (RECORDS + "ログ 東京".encode()[:-1], [1, 2, 3], 2),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_damaged_text_is_decoded_per_line_and_scanned(tmp_path: Path, scan, case) -> None:
    data, lines, bad = DAMAGED[case]
    with pytest.raises(SourceError):  # the planted failure: no strict decode fits
        decode(data, guess=False)
    path = tmp_path / "share" / "log.txt"
    path.parent.mkdir()
    path.write_bytes(data)
    code, rows, summary, _ = scan(str(path.parent))
    assert code == 1
    assert [(r["location"]["line"], r["preview"][-4:]) for r in rows
            if r["entity_type"] == "PHONE_NUMBER"] == list(zip(lines, ("2222", "4444", "6666"),
                                                                strict=True))
    assert summary.get("undecodable_bytes", 0) == bad
    assert path.read_bytes() == data


def test_each_line_is_read_in_its_own_encoding() -> None:
    data, _, _ = DAMAGED["cp932 line"]
    decoded = decode_lenient(data)
    assert decoded.text.splitlines()[1] == "佐藤花子 東京都港区"
    assert (decoded.encoding, decoded.bad_bytes) == ("utf-8+cp932", 0)
    cut = decode_lenient(DAMAGED["cut mid-character"][0])
    assert cut.text == records() + "ログ 東\ufffd" and cut.bad_bytes == 2


def test_clean_utf8_cut_by_the_sample_is_read_whole(monkeypatch) -> None:
    """Valid UTF-8 longer than the 64 KiB sample that judges damage, the sample ending
    inside a character: read whole, not taken for damaged UTF-8 and decoded line by line
    (three times the work on large files)."""
    from scanner.sources import degrade

    lines = records() * 400
    head = next(n for n in range(4) if not _ends_a_character(("a" * n + lines).encode()))
    data = ("a" * head + lines).encode()
    assert len(data) > degrade._SAMPLE  # the planted case: the sample cuts a character
    assert data[: degrade._SAMPLE].decode("utf-8", "replace").endswith("\ufffd")
    per_line, real = [], degrade._mixed_lines
    monkeypatch.setattr(degrade, "_mixed_lines", lambda d: per_line.append(d) or real(d))
    decoded = decode_lenient(data)
    assert (decoded.text, decoded.encoding, decoded.bad_bytes) == (data.decode(), "utf-8", 0)
    assert per_line == []


def _ends_a_character(data: bytes) -> bool:
    """Whether the damage sample of `data` ends on a character boundary."""
    from scanner.sources.degrade import _SAMPLE

    try:
        data[:_SAMPLE].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_binary_stays_binary() -> None:
    for data in (os.urandom(4096), b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8):
        with pytest.raises(SourceError):
            decode_lenient(data)
    assert extract("x.bin", os.urandom(4096)).skipped.startswith("binary")


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _with_dtd(docx: bytes) -> bytes:
    """The same document with an internal DTD and an entity before the personal data."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "word/document.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY e "x">]>', 1)
                content = content.replace("氏名".encode(), b"&e;", 1)
            zout.writestr(info, content)
    return out.getvalue()


def test_docx_with_a_dtd_is_a_named_error_and_the_scan_goes_on(tmp_path: Path, scan) -> None:
    share = tmp_path / "share"
    share.mkdir()
    plain = _docx(*records().splitlines())
    (share / "a.docx").write_bytes(_with_dtd(plain))
    (share / "b.docx").write_bytes(plain)
    code, rows, summary, _ = scan(str(share))
    assert code == 2
    assert summary["error_list"] == [
        f"{share}/a.docx: unreadable docx: word/document.xml declares a DTD (refused: "
        "entities could hide or fetch content)"]
    assert {r["path"] for r in rows} == {f"{share}/b.docx"}
    assert len(phones_found(rows)) == 3


def test_100k_deep_json_is_read_as_text(tmp_path: Path, scan) -> None:
    depth = 100_000
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + json.dumps({"tel": PHONES[0]}) + "]" * depth)
    code, rows, summary, _ = scan(str(path))
    assert (code, summary.get("errors", 0)) == (1, 0)
    assert [r["preview"][-4:] for r in phones_found(rows)] == ["2222"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_its_deadline_is_an_error_and_the_scan_goes_on(
        tmp_path: Path, scan, jobs: str) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "big.txt").write_text(records() * 80_000, encoding="utf-8")  # ~5 MB, minutes
    (share / "small.txt").write_text(records(), encoding="utf-8")
    before = set(multiprocessing.active_children())
    code, rows, summary, _ = scan(str(share), "--jobs", jobs, "--file-timeout", "4")
    assert code == 2
    assert summary["error_list"] == [
        f"{share}/big.txt: timed out: reading took longer than 4 s (worker stopped)"]
    assert {r["path"] for r in rows} == {f"{share}/small.txt"}
    assert len(phones_found(rows)) == 3
    assert set(multiprocessing.active_children()) == before


def test_a_fifo_swapped_in_after_the_walk_does_not_hang(tmp_path: Path) -> None:
    from scanner.scanfiles.pool import Crew, pooled_results
    from scanner.scanfiles.worker import Task, WorkerConfig

    path = tmp_path / "f.txt"
    path.write_text(records(), encoding="utf-8")
    st = path.stat()
    task = Task(str(path), str(path), st.st_size, st.st_mtime_ns, st.st_ino)
    path.unlink()
    os.mkfifo(path)
    # the planted failure: a plain open() of the FIFO blocks
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'rb').read()"], timeout=3)
    with Crew(WorkerConfig(b"k", 0.5, None, 1 << 20), 1) as crew:
        [result] = pooled_results([task], crew, 60.0)
    assert (result.status, result.note) == (
        "error", "not a regular file any more (changed after the walk)")


def test_names_are_bytes_and_shown_escaped(tmp_path: Path, scan) -> None:
    share = tmp_path / "share"
    share.mkdir()
    names = {
        "顧客名簿.txt".encode("cp932"): "\\x8cڋq\\x96\\xbc\\x95\\xeb.txt",
        b"\x1b[31mred.txt": "\\x1b[31mred.txt",
        b"two\nlines.txt": "two\\x0alines.txt",
        b"back\\slash.txt": "back\\\\slash.txt",
    }
    for raw in names:
        with open(os.path.join(os.fsencode(share), raw), "wb") as fh:
            fh.write(records().encode())
    with open(os.path.join(os.fsencode(share), b"bin\nary\x1b.png"), "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, rows, _, err = scan(str(share))
    assert code == 1
    assert sorted({r["path"] for r in rows}) == sorted(f"{share}/{n}" for n in names.values())
    assert len(rows) >= 3 * len(names)
    assert "\x1b" not in err
    inv = str(tmp_path / "inventory.sqlite")
    out = subprocess.run([sys.executable, "-m", "mamoru", "--lang", "en", "inventory",
                          "--inventory", inv, "--problems"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.splitlines() == [
        f"skipped\t{share}/bin\\x0aary\\x1b.png\tbinary (PNG image): no extractor"]


def test_sqlite_on_a_share_is_scanned_as_a_database_and_left_as_found(
        tmp_path: Path, scan) -> None:
    share = tmp_path / "share"
    share.mkdir()
    db = share / "customers.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute('CREATE TABLE "顧客" (id INTEGER PRIMARY KEY, 氏名 TEXT, 電話 TEXT)')
    con.executemany('INSERT INTO "顧客" (氏名, 電話) VALUES (?, ?)',
                    [("山田太郎", p) for p in PHONES])
    con.commit()
    con.close()
    before = db.read_bytes()
    assert before[18:20] == b"\x02\x02"  # WAL mode
    code, rows, _, _ = scan(str(share))
    assert code == 1
    assert [(r["location"], r["preview"][-4:]) for r in phones_found(rows)] == [
        ({"table": "顧客", "column": "電話", "row": n, "offset": 0}, p[-4:])
        for n, p in enumerate(PHONES, start=1)]
    assert sorted(os.listdir(share)) == ["customers.db"]
    assert db.read_bytes() == before


def test_pdf_pages_are_capped_and_the_rest_is_an_error() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for phone in (*PHONES, "090-7777-8888"):
        pdf.add_page()
        pdf.cell(0, 10, f"TEL {phone}")
    found = extract("a.pdf", bytes(pdf.output()), limits=Limits(max_pdf_pages=2))
    assert found.error == "too many pages: 4, only the first 2 read"
    assert [u.locate(0)["page"] for u in found.units] == [1, 2]


def test_every_command_exits_two_on_a_missing_path_without_a_traceback(
        tmp_path: Path, capsys) -> None:
    assert main(["--lang", "en", "scan", str(tmp_path / "missing"), "--inventory",
                 str(tmp_path / "i.sqlite"), "--format", "jsonl"]) == 2
    err = capsys.readouterr().err
    assert err == f"mamoru: cannot scan {tmp_path / 'missing'}: No such file or directory\n"
