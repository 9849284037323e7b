"""XLSX, DOCX, PPTX and PDF made with the real libraries, read back with exact locations."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from scanner.sources import extract

JAPANESE_FONTS = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)


def _units(extraction):
    return [(u.text, u.locate(0), u.context, u.group) for u in extraction.units]


def test_xlsx_cells_with_header_context(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名簿"
    sheet["A1"] = "顧客一覧"  # a title row above the header
    sheet.append([])
    sheet.append(["氏名", "電話番号", "生年月日", "個人番号"])
    sheet.append(["山田 太郎", "090-1234-5678", dt.datetime(1980, 4, 1), 123456789018])
    sheet.append(["鈴木 花子", None, dt.date(1990, 12, 31), 1.5])
    other = workbook.create_sheet("メモ")
    other["B2"] = "担当: 佐藤"
    path = tmp_path / "顧客.xlsx"
    workbook.save(path)

    found = extract(path.name, path.read_bytes())
    assert (found.format, found.encoding, found.error) == ("xlsx", None, None)
    assert _units(found) == [
        ("顧客一覧", {"sheet": "名簿", "cell": "A1", "offset": 0}, (), None),  # a title
        ("山田 太郎", {"sheet": "名簿", "cell": "A4", "offset": 0}, ("氏名",), "名簿!A"),
        ("090-1234-5678", {"sheet": "名簿", "cell": "B4", "offset": 0}, ("電話番号",), "名簿!B"),
        ("1980-04-01", {"sheet": "名簿", "cell": "C4", "offset": 0}, ("生年月日",), "名簿!C"),
        ("123456789018", {"sheet": "名簿", "cell": "D4", "offset": 0}, ("個人番号",), "名簿!D"),
        ("鈴木 花子", {"sheet": "名簿", "cell": "A5", "offset": 0}, ("氏名",), "名簿!A"),
        ("1990-12-31", {"sheet": "名簿", "cell": "C5", "offset": 0}, ("生年月日",), "名簿!C"),
        ("1.5", {"sheet": "名簿", "cell": "D5", "offset": 0}, ("個人番号",), "名簿!D"),
        ("担当: 佐藤", {"sheet": "メモ", "cell": "B2", "offset": 0}, (), "メモ!B"),
    ]
    assert found.units[1].locate(3) == {"sheet": "名簿", "cell": "A4", "offset": 3}


def test_xlsx_without_header_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["山田", "090-1234-5678"])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    found = extract("a.xlsx", path.read_bytes())
    assert [(u.text, u.context) for u in found.units] == [("山田", ()), ("090-1234-5678", ())]


def test_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("申請書")
    document.add_paragraph("")
    document.add_paragraph("申請者 山田太郎（電話 03-1234-5678）")
    table = document.add_table(rows=3, cols=2)
    for row, values in zip(
        table.rows,
        [("氏名", "住所"), ("鈴木 花子", "東京都港区1-1"), ("佐藤 一郎", "")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "結合セル"
    merged.cell(0, 2).text = "090-0000-1111"
    path = tmp_path / "申請.docx"
    document.save(path)

    found = extract(path.name, path.read_bytes())
    assert (found.format, found.error) == ("docx", None)
    assert _units(found) == [
        ("申請書", {"paragraph": 1, "offset": 0}, (), None),
        ("申請者 山田太郎（電話 03-1234-5678）", {"paragraph": 3, "offset": 0}, (), None),
        ("鈴木 花子", {"table": 1, "row": 2, "cell": 1, "offset": 0}, ("氏名",), "table1:col1"),
        ("東京都港区1-1", {"table": 1, "row": 2, "cell": 2, "offset": 0}, ("住所",), "table1:col2"),
        ("佐藤 一郎", {"table": 1, "row": 3, "cell": 1, "offset": 0}, ("氏名",), "table1:col1"),
        ("結合セル", {"table": 2, "row": 1, "cell": 1, "offset": 0}, (), "table2:col1"),
        ("090-0000-1111", {"table": 2, "row": 1, "cell": 3, "offset": 0}, (), "table2:col3"),
    ]


def test_pptx_shapes_tables_and_notes(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "社員紹介"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.text = "担当 山田太郎\nyamada@example.jp"
    rows = slide.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    rows.cell(0, 0).text, rows.cell(0, 1).text = "氏名", "内線"
    rows.cell(1, 0).text, rows.cell(1, 1).text = "鈴木", "03-1111-2222"
    slide.notes_slide.notes_text_frame.text = "連絡先 090-1234-5678"
    second = presentation.slides.add_slide(presentation.slide_layouts[6])
    second.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "以上"
    path = tmp_path / "紹介.pptx"
    presentation.save(path)

    found = extract(path.name, path.read_bytes())
    assert (found.format, found.error) == ("pptx", None)
    assert _units(found) == [
        ("社員紹介", {"slide": 1, "shape": 1, "offset": 0}, (), None),
        ("担当 山田太郎\nyamada@example.jp", {"slide": 1, "shape": 2, "offset": 0}, (), None),
        (
            "鈴木",
            {"slide": 1, "shape": 3, "row": 2, "cell": 1, "offset": 0},
            ("氏名",),
            "slide1:shape3:col1",
        ),
        (
            "03-1111-2222",
            {"slide": 1, "shape": 3, "row": 2, "cell": 2, "offset": 0},
            ("内線",),
            "slide1:shape3:col2",
        ),
        ("連絡先 090-1234-5678", {"slide": 1, "part": "notes", "offset": 0}, (), None),
        ("以上", {"slide": 2, "shape": 1, "offset": 0}, (), None),
    ]


def _japanese_font() -> str:
    for font in JAPANESE_FONTS:
        if os.path.exists(font):
            return font
    message = "no Japanese TTF font: apt-get install fonts-ipafont-gothic"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_pdf_pages_lines_and_columns(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("gothic", "", _japanese_font())
    pdf.set_font("gothic", size=12)
    pdf.add_page()
    pdf.cell(text="個人情報の取扱い")
    pdf.ln()
    pdf.cell(text="氏名 山田太郎 電話 090-1234-5678")
    pdf.add_page()
    pdf.cell(text="ﾔﾏﾀﾞ ﾀﾛｳ yamada@example.jp")
    path = tmp_path / "書類.pdf"
    pdf.output(str(path))

    found = extract(path.name, path.read_bytes())
    assert (found.format, found.error) == ("pdf", None)
    assert [u.text for u in found.units] == [
        "個人情報の取扱い\n氏名 山田太郎 電話 090-1234-5678",
        "ﾔﾏﾀﾞ ﾀﾛｳ yamada@example.jp",
    ]
    first, second = found.units
    assert first.locate(first.text.index("090")) == {"page": 1, "line": 2, "column": 12}
    assert second.locate(second.text.index("yamada")) == {"page": 2, "line": 1, "column": 10}


@pytest.mark.parametrize("name", ["broken.xlsx", "broken.docx", "broken.pptx", "broken.pdf"])
def test_corrupt_office_and_pdf_files_report_errors(tmp_path: Path, name: str) -> None:
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog" if name.endswith(".pdf") else b"not a zip"
    found = extract(name, data)
    assert found.units == [] and found.skipped is None
    assert found.error is not None and found.error.startswith(f"unreadable {name[7:]}: ")


def test_truncated_xlsx_reports_an_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "t.xlsx"
    Workbook().save(path)
    data = path.read_bytes()
    found = extract("t.xlsx", data[: len(data) // 2])
    assert found.format == "xlsx"
    assert found.error == "unreadable xlsx: BadZipFile: File is not a zip file"


def test_encrypted_office_file_and_pdf_without_text(tmp_path: Path) -> None:
    from fpdf import FPDF

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # how Office saves with a password
    found = extract("給与.xlsx", ole)
    assert (found.format, found.skipped) == (
        "binary",
        "binary (encrypted or legacy Office document): no extractor",
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a page with a drawing and no text, like a scan
    found = extract("scan.pdf", bytes(pdf.output()))
    assert (found.format, found.units, found.error) == ("pdf", [], None)
    assert found.skipped == "no text layer (scanned images?)"
