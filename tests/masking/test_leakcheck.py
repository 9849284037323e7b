"""The independent leak check: outputs read back as `mamoru scan` reads them, every part of
an Office package, values compared by keyed fingerprint with the inputs'."""

from __future__ import annotations

import json

import pytest

from scanner.cli import main
from scanner.masking.formats import docx as fmt_docx
from scanner.masking.formats import xlsx as fmt_xlsx
from scanner.masking.leakcheck.check import check_file, read_input
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy

MYNUM, MYNUM_SUR = "1234 5678 9018", "1783 3497 1671"


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


@pytest.fixture
def masker():
    return Masker(load_policy(None, None), b"test-key")


def _planting(real, plant):
    """A masker that does its job, then a planted failure: `plant(dst)` on the output."""
    def mask_file(src, dst, m):
        real(src, dst, m)
        plant(dst)
    return mask_file


def _book(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["氏名", "電話番号"])
    ws.append(["山田太郎", "090-1234-5678"])
    wb.save(path)


def _plant_comment(dst):
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    wb = load_workbook(dst)
    wb.active["B2"].comment = Comment(f"本人確認済 {MYNUM.replace(' ', '')}", "確認者")
    wb.save(dst)


def test_value_planted_in_a_cell_comment_fails_the_run(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    _book(src / "book.xlsx")
    (src / "memo.txt").write_text(f"個人番号 {MYNUM}\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["--lang", "en", "mask", str(src), "--out", str(out)]
    assert main(argv) == 0  # the masker did its job: the same run passes
    assert (out / "memo.txt").read_text(encoding="utf-8") == f"個人番号 {MYNUM_SUR}\n"
    monkeypatch.setattr(fmt_xlsx, "mask_file", _planting(fmt_xlsx.mask_file, _plant_comment))
    assert main([*argv, "--force"]) == 1
    err = capsys.readouterr().err
    assert "leak check failed: 1 item remains; nothing was written." in err
    assert "book.xlsx: part=xl/comments/comment1.xml, line=2, column=7: JP_MY_NUMBER " \
           "********9018 (1.00)" in err
    assert "12345678" not in err
    # the released copy of the first run is untouched, nothing else was left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert "1234" not in (out / "memo.txt").read_text(encoding="utf-8")


def test_a_korean_name_in_hangul_is_masked_and_its_leak_caught(tmp_path, capsys, monkeypatch):
    """A Korean customer's name in Hangul gets a Hangul surrogate; planted back into the
    output, the leak check finds it and nothing is written."""
    from scanner.masking.formats import text as fmt_text

    src = tmp_path / "in"
    src.mkdir()
    (src / "inquiry.txt").write_text("お名前：김민준様\n電話：090-1234-5678\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["--lang", "en", "mask", str(src), "--out", str(out)]
    assert main(argv) == 0
    name = (out / "inquiry.txt").read_text(encoding="utf-8").splitlines()[0][4:-1]
    assert len(name) == 3 and name != "김민준" and all("가" <= ch <= "힣" for ch in name)

    def plant(dst):
        dst.write_text(dst.read_text(encoding="utf-8") + "追記：김민준様\n", encoding="utf-8")

    monkeypatch.setattr(fmt_text, "mask_file", _planting(fmt_text.mask_file, plant))
    assert main([*argv, "--force"]) == 1
    err = capsys.readouterr().err
    assert "leak check failed: 1 item remains; nothing was written." in err
    assert "inquiry.txt: line=3, column=4: PERSON 김** (0.75)" in err and "김민준" not in err


def test_value_planted_in_a_document_property_fails_the_run(tmp_path, capsys, monkeypatch):
    from docx import Document

    src = tmp_path / "letter.docx"
    doc = Document()
    doc.add_paragraph("担当 山田太郎 様、携帯 090-1234-5678 まで")
    doc.save(src)

    def plant(dst):
        d = Document(dst)
        d.core_properties.author = "山田太郎"
        d.save(dst)

    monkeypatch.setattr(fmt_docx, "mask_file", _planting(fmt_docx.mask_file, plant))
    out = tmp_path / "masked.docx"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "letter.docx: part=docProps/core.xml, line=1, column=1: PERSON 山田** (" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx"]


def test_surrogates_never_count_and_input_values_always_do(masker):
    data = f"個人番号 {MYNUM}\n".encode()
    before = read_input(masker, "a.txt", data)
    out = masker.mask_texts([data.decode()])[0].encode()
    assert out == f"個人番号 {MYNUM_SUR}\n".encode()
    # a valid surrogate My Number beside its keyword is not an input value: no leak
    assert check_file(masker, "a.txt", "a.txt", out, before) == []
    # the input value at its place is a leak
    assert [x.entity_type for x in check_file(masker, "a.txt", "a.txt", data, before)] == [
        "JP_MY_NUMBER"]
    # the input value in any shape the forms use (full-width, digit by digit), no keyword
    for shape in ("１２３４５６７８９０１８", "1 2 3 4 5 6 7 8 9 0 1 8", "1234-5678-9018"):
        leaks = check_file(masker, "b.json", "b.json",
                           json.dumps({shape: "x"}, ensure_ascii=False).encode(), before)
        assert [x.entity_type for x in leaks] == ["JP_MY_NUMBER"], shape
        assert "1234" not in leaks[0].preview.translate(str.maketrans("１２３４", "1234"))


def test_surrogate_that_would_equal_an_input_value_is_redrawn(masker):
    first = masker.surrogates.make("PERSON", "田中")
    other = Masker(load_policy(None, None), b"test-key")
    other.values.add_input(first)  # the surrogate of 田中 is also a name in the input
    redrawn = other.surrogates.make("PERSON", "田中")
    assert redrawn != first and not other.values.is_input(redrawn)
    assert other.surrogates.make("PERSON", "田中") == redrawn  # still deterministic


def test_an_unreadable_output_is_a_failure(masker):
    before = read_input(masker, "x.docx", b"")
    leaks = check_file(masker, "x.docx", "x.docx", b"PK\x03\x04 not a zip", before)
    assert [(x.location.split(":")[0], x.entity_type) for x in leaks] == [
        ("x.docx", "UNREADABLE")]
