"""Layouts as people write them (real openpyxl / python-docx files): forms, title rows,
gaps, split and boxed numbers, ragged rows, label/value JSON, labels on the line before;
every part of a document. No input value may remain anywhere in an output, labels stay,
and a random-layout property test over generated persons leaves zero values."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest
from stdnum.jp import in_

from scanner.cli import main
from scanner.masking.files import mask_path
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy

MYNUM = "1234 5678 9018"
LABELS = ("氏名", "個人番号", "電話番号", "メールアドレス")


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def everything(path: Path) -> str:
    """Every text of a file: all parts of a zip package, raw (XML included, character
    references read: openpyxl writes `&#27663;&#21517;` for 氏名)."""
    import html

    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "\n".join(html.unescape(zf.read(n).decode("utf-8", "replace"))
                             for n in zf.namelist())
    return data.decode("utf-8", "replace")


def remaining(path: Path, values: list[str]) -> list[str]:
    """The input values still in `path`, whole or with their separators removed."""
    text = everything(path)
    squeezed = re.sub(r"[\s\-]", "", text)
    return [v for v in values if v in text or re.sub(r"[\s\-]", "", v) in squeezed]


def _run(src: Path, out: Path) -> int:
    return main(["--lang", "en", "mask", str(src), "--out", str(out)])


def test_xlsx_form_with_title_gaps_split_number_and_every_part(tmp_path):
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "届出"
    ws["A1"] = "扶養控除等申告書"
    ws["A3"], ws["B3"] = "氏名", "山田 太郎"
    ws["A4"], ws["C4"] = "個人番号", "1234 5678"  # a gap, then the number over two rows
    ws["C5"] = "9018"
    ws["A6"], ws["B6"] = "電話番号", "090-1234-5678"
    ws["A7"], ws["B7"] = "メールアドレス", "taro.yamada@example.co.jp"
    ws["B3"].comment = Comment("本人に確認 連絡先 taro.yamada@example.co.jp", "佐藤花子")
    ws["D3"] = '=IF(B3="山田 太郎","本人","")'
    dv = DataValidation(type="list", formula1='"山田太郎,佐藤花子"')
    ws.add_data_validation(dv)
    dv.add("E3")
    other = wb.create_sheet("佐藤花子")
    other.append(["氏名", "電話番号"])
    other.append(["佐藤花子", "080-2222-3333"])
    wb.properties.creator = "佐藤花子"
    wb.properties.title = "山田太郎 扶養控除"
    src = tmp_path / "form.xlsx"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    assert _run(src, out) == 0
    assert remaining(out, ["山田 太郎", "山田太郎", "佐藤花子", MYNUM, "123456789018",
                           "090-1234-5678", "taro.yamada@example.co.jp",
                           "080-2222-3333"]) == []
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert [sheet[c].value for c in ("A1", "A3", "A4", "A6", "A7")] == [
        "扶養控除等申告書", *LABELS]  # labels and the title unchanged
    assert sheet["C5"].value == "" or sheet["C5"].value is None or sheet["C5"].value.isdigit()
    assert book.worksheets[1].title != "佐藤花子"


def test_docx_form_table_and_every_part(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    doc = Document()
    doc.add_paragraph("扶養控除等申告書")
    table = doc.add_table(rows=4, cols=3)
    for r, (label, value) in enumerate([("氏名", "高橋健一"), ("個人番号", MYNUM),
                                        ("電話番号", "03-1234-5678"),
                                        ("メールアドレス", "kenichi@example.co.jp")]):
        table.cell(r, 0).text = label
        table.cell(r, 2).text = value  # an empty cell between label and value
    doc.add_paragraph("個人番号")
    doc.add_paragraph("1 2 3 4 5 6 7 8 9 0 1 8")  # boxed digits, label on the line before
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "作成 高橋健一 内線 03-5555-1234"
    section.first_page_footer.paragraphs[0].text = "連絡先 kenichi@example.co.jp"
    doc.core_properties.author = "高橋健一"
    doc.core_properties.last_modified_by = "田中美咲"
    p = doc.add_paragraph()
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "田中美咲")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "追記: 田中美咲様 090-8765-4321"
    run.append(t)
    ins.append(run)
    p._p.append(ins)
    src = tmp_path / "form.docx"
    doc.save(src)
    out = tmp_path / "out.docx"
    assert _run(src, out) == 0
    assert remaining(out, ["高橋健一", MYNUM, "123456789018", "03-1234-5678",
                           "kenichi@example.co.jp", "03-5555-1234", "田中美咲",
                           "090-8765-4321"]) == []
    masked = Document(out)
    assert [masked.tables[0].cell(r, 0).text for r in range(4)] == list(LABELS)
    assert [p.text for p in masked.paragraphs[:2]] == ["扶養控除等申告書", "個人番号"]


def test_csv_form_ragged_rows_and_values_in_the_wrong_column(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "form.csv").write_text(
        "項目,値\n氏名,佐藤花子\n個人番号,1234 5678\n,9018\nメールアドレス,hanako@example.co.jp\n",
        encoding="utf-8")
    (src / "list.csv").write_text(
        "氏名,住所,個人番号,部署\n"
        "山田太郎,東京都港区芝公園4-2-8,123456789018,営業\n"
        # an unquoted comma in the address shifts the row: the e-mail under 個人番号
        "鈴木一郎,大阪府大阪市北区梅田1-1,2F,ichiro@example.co.jp,090-1111-2222,総務\n",
        encoding="utf-8")
    (src / "pairs.json").write_text(json.dumps(
        [{"label": "個人番号", "value": "123456789018"}, {"label": "氏名", "value": "鈴木一郎"},
         {"山田太郎": {"tel": "090-3333-4444"}}], ensure_ascii=False), encoding="utf-8")
    (src / "note.txt").write_text("マイナンバー（個人番号）\n1 2 3 4 5 6 7 8 9 0 1 8\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    assert _run(src, out) == 0
    for name in ("form.csv", "list.csv", "pairs.json", "note.txt"):
        assert remaining(out / name, ["佐藤花子", "123456789018", "1234 5678",
                                      "hanako@example.co.jp", "山田太郎",
                                      "ichiro@example.co.jp", "090-1111-2222", "鈴木一郎",
                                      "090-3333-4444", "1 2 3 4 5 6 7 8 9 0 1 8"]) == [], name
    assert (out / "form.csv").read_text(encoding="utf-8").splitlines()[0:2][0] == "項目,値"
    assert [line.split(",")[0] for line in
            (out / "form.csv").read_text(encoding="utf-8").splitlines()] == [
        "項目", "氏名", "個人番号", "", "メールアドレス"]
    assert [d.get("label") for d in json.loads((out / "pairs.json").read_text("utf-8"))] == [
        "個人番号", "氏名", None]


# -- property: random layouts over generated persons ---------------------------------------
SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
GIVEN = ("太郎", "花子", "健一", "美咲", "翔太", "陽菜", "大輔", "結衣", "拓也", "直美")


def _person(rng: random.Random, n: int) -> dict[str, str]:
    base = f"{rng.randrange(10**10, 10**11):011d}"
    number = base + in_.calc_check_digit(base)
    spaced = rng.choice([number, f"{number[:4]} {number[4:8]} {number[8:]}",
                         " ".join(number), f"{number[:4]}-{number[4:8]}-{number[8:]}"])
    return {"氏名": rng.choice(SURNAMES) + rng.choice(GIVEN), "個人番号": spaced,
            "電話番号": f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
            "メールアドレス": f"user{n}.{rng.randrange(10**6)}@example.co.jp"}


def _values(people: list[dict[str, str]]) -> list[str]:
    out = []
    for p in people:
        out += [p["個人番号"], re.sub(r"\D", "", p["個人番号"]), p["電話番号"],
                p["メールアドレス"], p["氏名"]]
    return out


def _random_book(rng: random.Random, path: Path, people: list[dict[str, str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    row = 1
    if rng.random() < 0.5:
        ws.cell(row, 1, "社員台帳")
        row += rng.choice([1, 2])
    if rng.random() < 0.5:  # a table under its header; a value now and then misplaced
        for c, label in enumerate(LABELS, 1):
            ws.cell(row, c, label)
        for p in people:
            row += 1
            cells = [p[label] for label in LABELS]
            if rng.random() < 0.2:
                cells[1], cells[2] = cells[2], cells[1]
            for c, value in enumerate(cells, 1):
                ws.cell(row, c, value)
    else:  # one form per person, with gaps between label and value
        for p in people:
            for label in LABELS:
                ws.cell(row, 1, label)
                ws.cell(row, 2 + rng.choice([0, 1]), p[label])
                row += 1
            row += rng.choice([0, 1])
    wb.save(path)


def _random_csv(rng: random.Random, path: Path, people: list[dict[str, str]]) -> None:
    lines = [",".join(LABELS)]
    for p in people:
        cells = [p[label] for label in LABELS]
        if rng.random() < 0.25:  # ragged: an unquoted comma, or a cell missing
            cells.insert(1, "東京都港区芝公園4-2-8") if rng.random() < 0.5 else cells.pop(0)
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_random_layouts_leave_no_value(tmp_path, seed):
    rng = random.Random(seed)
    people = [_person(rng, n) for n in range(rng.randint(3, 6))]
    src = tmp_path / "in"
    src.mkdir()
    _random_book(rng, src / "book.xlsx", people)
    _random_csv(rng, src / "list.csv", people)
    masker = Masker(load_policy(None, None), b"test-key")
    outcome = mask_path(src, tmp_path / "out", masker)
    assert outcome.leaks == [] and outcome.refused == [] and outcome.released
    for name in ("book.xlsx", "list.csv"):
        left = remaining(tmp_path / "out" / name, [v for v in _values(people)
                                                   if name != "list.csv" or "@" in v
                                                   or any(ch.isdigit() for ch in v)])
        assert left == [], (seed, name)


def test_boxed_my_number_is_found_and_thirteen_boxes_are_not():
    from scanner.engine import Engine, EngineConfig

    engine = Engine(EngineConfig(min_score=0.5))
    found = engine.analyze("マイナンバー（個人番号）\n1 2 3 4 5 6 7 8 9 0 1 8")
    assert [(f.entity_type, f.text) for f in found] == [
        ("JP_MY_NUMBER", "1 2 3 4 5 6 7 8 9 0 1 8")]
    assert engine.analyze("個人番号 1 2 3 4 5 6 7 8 9 0 1 8 9") == []
    assert engine.analyze("個人番号 1 2 3 4 5 6 7 8 9 0 1 7") == []  # check digit fails


def test_scan_reads_a_form_table_with_labels_as_context_not_as_names():
    from scanner.sources.office import grid_units

    rows = [["氏名", "", "高橋健一"], ["個人番号", "", MYNUM], ["電話番号", "", "03-1234-5678"]]
    units = grid_units(rows, {"table": 1}, "t1")
    assert [(u.text, u.context) for u in units] == [
        ("氏名", ()), ("高橋健一", ("氏名",)), ("個人番号", ()), (MYNUM, ("個人番号",)),
        ("電話番号", ()), ("03-1234-5678", ("電話番号",))]
    header = [["氏名", "内線"], ["鈴木", "03-1111-2222"]]
    assert [u.context for u in grid_units(header, {"table": 1}, "t1")] == [("氏名",), ("内線",)]


# -- numbers the way forms hold them: split over cells or lines, boxed, full-width --------
FW_MYNUM = "１２３４ ５６７８ ９０１８"
FW_PHONE = "０９０－１２３４－５６７８"


def _digits(path: Path) -> str:
    """Every digit a reader sees, in reading order (cells row by row), full-width read
    as ASCII."""
    import unicodedata

    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        rows = load_workbook(path).active.iter_rows()
        text = "".join("" if c.value is None else str(c.value) for row in rows for c in row)
    elif path.suffix == ".docx":
        from docx import Document

        doc = Document(path)
        text = "".join([c.text for t in doc.tables for row in t.rows for c in row.cells]
                       + [p.text for p in doc.paragraphs])
    else:
        text = path.read_text(encoding="utf-8")
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def _split_forms(src: Path) -> dict[str, list[str]]:
    """Files holding My Number 1234 5678 9018 the ways forms do; each file's labels."""
    from docx import Document
    from openpyxl import Workbook

    (src / "lines.txt").write_text("個人番号\n1234 5678\n9018\n以上\n", encoding="utf-8")
    (src / "fw.txt").write_text(f"個人番号 {FW_MYNUM}\n", encoding="utf-8")
    (src / "fwbox.txt").write_text(
        "マイナンバー　" + "　".join("１２３４５６７８９０１８") + "\n", encoding="utf-8")
    (src / "row.csv").write_text("氏名,佐藤花子\n個人番号,1234 5678,9018\n", encoding="utf-8")
    (src / "one.csv").write_text(f"個人番号,{FW_MYNUM}\n", encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "氏名", "佐藤花子"
    ws["A2"], ws["B2"], ws["C2"] = "個人番号", "1234 5678", "9018"  # over two cells
    ws["A3"] = "マイナンバー"
    for i, d in enumerate("123456789018"):  # one box per digit
        ws.cell(3, 2 + i, d)
    ws["A4"], ws["B4"] = "電話番号", FW_PHONE
    wb.save(src / "form.xlsx")
    wb = Workbook()
    wb.active["A1"] = "個人番号"
    for i, d in enumerate("123456789018"):  # boxes holding numbers, not texts
        wb.active.cell(1, 2 + i, int(d))
    wb.save(src / "intbox.xlsx")
    wb = Workbook()
    wb.active["A1"], wb.active["B1"] = "個人番号", FW_MYNUM  # a one-row sheet
    wb.save(src / "fw.xlsx")
    doc = Document()
    table = doc.add_table(rows=3, cols=13)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = (
        "個人番号", "1234 5678", "9018")
    table.cell(1, 0).text = "マイナンバー"
    for i, d in enumerate("123456789018"):
        table.cell(1, 1 + i).text = d
    table.cell(2, 0).text, table.cell(2, 1).text = "電話番号", FW_PHONE
    for text in ("個人番号", "1234 5678", "9018", "以上"):  # wrapped under its label
        doc.add_paragraph(text)
    doc.save(src / "table.docx")
    return {"lines.txt": ["個人番号", "以上"], "fw.txt": ["個人番号 "],
            "fwbox.txt": ["マイナンバー"], "row.csv": ["氏名,", "個人番号,"],
            "one.csv": ["個人番号,"], "form.xlsx": ["氏名", "個人番号", "マイナンバー", "電話番号"],
            "intbox.xlsx": ["個人番号"], "fw.xlsx": ["個人番号"],
            "table.docx": ["個人番号", "マイナンバー", "電話番号"]}


def test_split_boxed_and_full_width_numbers_are_masked(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    labels = _split_forms(src)
    for name in labels:
        assert "123456789018" in _digits(src / name), name  # the number is there to mask
    assert _run(src, out) == 0
    for name, kept in labels.items():
        assert "123456789018" not in _digits(out / name), name
        assert "09012345678" not in _digits(out / name), name
        assert "佐藤花子" not in everything(out / name), name
        assert all(label in everything(out / name) for label in kept), name
    lines = (out / "lines.txt").read_text(encoding="utf-8").splitlines()
    assert (lines[0], lines[3]) == ("個人番号", "以上")
    assert re.fullmatch(r"\d{4} \d{4}", lines[1]) and re.fullmatch(r"\d{4}", lines[2])
    assert in_.is_valid(lines[1].replace(" ", "") + lines[2])  # a surrogate of its shape
    from docx import Document

    paragraphs = [p.text for p in Document(out / "table.docx").paragraphs]
    assert (paragraphs[0], paragraphs[3]) == ("個人番号", "以上")
    assert re.fullmatch(r"\d{4} \d{4}", paragraphs[1]) and re.fullmatch(r"\d{4}", paragraphs[2])
    assert in_.is_valid(paragraphs[1].replace(" ", "") + paragraphs[2])


def _plant_xlsx(cells: dict[str, object]):
    def plant(dst: Path) -> None:
        from openpyxl import load_workbook

        wb = load_workbook(dst)
        for ref, value in cells.items():
            wb.active[ref] = value
        wb.save(dst)
    return plant


def _plant_paragraphs(*texts: str):
    def plant(dst: Path) -> None:
        from docx import Document

        doc = Document(dst)
        for text in texts:
            doc.add_paragraph(text)
        doc.save(dst)
    return plant


def _plant_text(text: str):
    def plant(dst: Path) -> None:
        dst.write_text(dst.read_text(encoding="utf-8") + text, encoding="utf-8")
    return plant


@pytest.mark.parametrize(("name", "module", "plant", "where"), [
    ("form.xlsx", "xlsx", _plant_xlsx({"B2": "1234 5678", "C2": "9018"}), "cell=B2"),
    ("form.xlsx", "xlsx",
     _plant_xlsx({f"{chr(66 + i)}3": d for i, d in enumerate("123456789018")}), "cell=B3"),
    ("row.csv", "csv", _plant_text("個人番号,1234 5678,9018\n"), "row=3, column=2"),
    ("lines.txt", "text", _plant_text("個人番号\n1234 5678\n9018\n"), "line=6"),
    ("fw.txt", "text", _plant_text(f"メモ {FW_MYNUM}\n"), "line=2"),
    ("table.docx", "docx", _plant_paragraphs("控え", "1234 5678", "9018"), "paragraph=6"),
])
def test_a_split_or_boxed_number_left_by_the_masker_fails_the_run(
    tmp_path, capsys, monkeypatch, name, module, plant, where
):
    from scanner.masking import files

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    _split_forms(src)
    real = files.FORMATS[module]

    class Planting:
        @staticmethod
        def mask_file(s, d, m):
            real.mask_file(s, d, m)
            if s.name == name:
                plant(d)

    monkeypatch.setitem(files.FORMATS, module, Planting)
    assert _run(src, out) == 1
    err = capsys.readouterr().err
    assert f"{name}: " in err and where in err and "JP_MY_NUMBER" in err, err
    assert "1234 5678" not in err and "123456789018" not in err
    assert not out.exists()


def test_a_split_or_boxed_number_keeps_its_cells(tmp_path):
    """A number over two cells or in one box per digit is replaced by a surrogate of the
    same shape, cut where the cells were: the form's layout stays (it was written whole
    into the first cell, the others emptied)."""
    from openpyxl import Workbook, load_workbook

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    wb = Workbook()
    wb.active.append(["個人番号", "1234 5678", "9018"])
    wb.active.append(["マイナンバー", *"123456789018"])
    wb.save(src / "form.xlsx")
    (src / "form.csv").write_text("個人番号,1234 5678,9018\n", encoding="utf-8")
    assert _run(src, out) == 0
    rows = [list(r) for r in load_workbook(out / "form.xlsx").active.iter_rows(values_only=True)]
    first, second = rows[0][1], rows[0][2]
    assert re.fullmatch(r"\d{4} \d{4}", first) and re.fullmatch(r"\d{4}", second)
    surrogate = first.replace(" ", "") + second
    assert in_.is_valid(surrogate) and surrogate != "123456789018"
    # the same value, so the same surrogate, one digit per box
    assert rows[1][0] == "マイナンバー" and rows[1][1:] == list(surrogate)
    cells = (out / "form.csv").read_text(encoding="utf-8").strip().split(",")
    assert cells == ["個人番号", first, second]
