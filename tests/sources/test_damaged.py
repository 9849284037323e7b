"""A damaged file's error never carries its content: libraries quote what they choke on
(pypdf: `Unexpected type 'Tel 090-…'`), and the error is stored in the inventory and
printed by `scan` and `inventory --problems`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from scanner.cli import main
from scanner.privacy import content_hidden
from scanner.sources import extract

VALUES = ("090-1234-5678", "yamada@example.jp", "山田太郎")


def damaged_pdf() -> bytes:
    """A PDF whose cross-reference points at a stream of an unknown type written as a
    string: pypdf's error quotes that string."""
    out = bytearray(b"%PDF-1.5\n")
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    out += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref = len(out)
    quoted = f"Tel {VALUES[0]} {VALUES[1]} {VALUES[2]}".encode("utf-16-be")
    out += (b"3 0 obj\n<< /Type <feff" + quoted.hex().encode() + b"> /Length 0 >>\n"
            b"stream\n\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pypdf_quotes_the_values_it_chokes_on() -> None:
    """The failure is real: the library's own message holds the values."""
    with pytest.raises(Exception) as caught:
        PdfReader(io.BytesIO(damaged_pdf())).pages  # noqa: B018
    assert all(v in str(caught.value) for v in VALUES)


def test_the_error_of_a_damaged_pdf_hides_what_pypdf_quoted() -> None:
    found = extract("damaged.pdf", damaged_pdf())
    assert found.error == ("unreadable pdf: corrupt or unsupported PDF: Trailer cannot be "
                           "read: Unexpected type …")


@pytest.mark.parametrize(("message", "hidden"), [
    ("Unexpected type 'Tel 090-1234-5678'", "Unexpected type …"),
    ("Not a gzipped file (b'09')", "Not a gzipped file (…)"),
    ('starting with b"\\x00abc" @1234: b"x"', "starting with … … …"),
    ("Worksheet 給与 does not exist", "Worksheet … does not exist"),
    ("mail yamada@example.jp here", "mail … here"),
    ("number 0901234567 at 12", "number … at 12"),
    ("at Tel 090-1234-5678, from 10.0.0.12", "at Tel …, from …"),  # unquoted
    ("Unexpected 'Tel 090-1234-5678 and the rest", "Unexpected …"),  # cut before its end
    ("Entity 'x' not defined, line 2, column 1226", "Entity … not defined, line 2, column 1226"),
    ("x" * 600, "x" * 500 + "…"),
    ("File is not a zip file", "File is not a zip file"),
    ("'utf-8' codec can't decode byte 0x82 in position 3", "… codec can't decode byte 0x82 "
                                                           "in position 3"),
])
def test_content_hidden(message: str, hidden: str) -> None:
    assert content_hidden(message) == hidden


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_scan_and_problems_never_show_the_damaged_files_values(
        tmp_path: Path, capsys, lang: str) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "damaged.pdf").write_bytes(damaged_pdf())
    inventory = tmp_path / "inv.sqlite"
    assert main(["--lang", lang, "scan", str(share), "--inventory", str(inventory)]) == 2
    assert main(["--lang", lang, "inventory", "--inventory", str(inventory), "--problems",
                 "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    [problem] = [json.loads(line) for line in out.splitlines() if line.startswith("{")
                 and "damaged.pdf" in line and '"event"' not in line]
    assert "Unexpected type …" in json.dumps(problem, ensure_ascii=False)
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("inv.sqlite*"))
    for value in VALUES:
        assert value not in out + err
        for encoding in ("utf-8", "utf-16-be", "utf-16-le"):
            assert value.encode(encoding) not in stored


def test_mask_refuses_a_damaged_docx_without_quoting_it(tmp_path: Path, capsys) -> None:
    """lxml names an undefined entity of a damaged Word file (`&Tel09012345678;`)."""
    import zipfile

    import docx

    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    document = docx.Document()
    document.add_paragraph("連絡先 ZZZ")
    document.save(good)
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"ZZZ", b"&Tel09012345678;")
            zout.writestr(item, data)
    assert main(["--lang", "en", "mask", str(bad), "--out", str(tmp_path / "out.docx")]) == 2
    err = capsys.readouterr().err
    assert "XMLSyntaxError: Entity … not defined" in err
    assert "09012345678" not in err and not (tmp_path / "out.docx").exists()
