"""Format-preserving maskers: exact outputs, encodings byte for byte, structure kept."""

from __future__ import annotations

import json

import pytest

from scanner.masking.formats import csv as fmt_csv
from scanner.masking.formats import docx as fmt_docx
from scanner.masking.formats import json as fmt_json
from scanner.masking.formats import text as fmt_text
from scanner.masking.formats import xlsx as fmt_xlsx
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy

KEY = b"test-key"
MYNUM, MYNUM_SUR = "1234 5678 9018", "1783 3497 1671"
PHONE, PHONE_SUR = "090-1234-5678", "090-8934-1685"
MAIL, MAIL_SUR = "taro@example.co.jp", "user-89329b25c3@example.co.jp"


@pytest.fixture(scope="module")
def masker():
    return Masker(load_policy(None, "dev-test"), KEY)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"])
def test_text_round_trip_in_its_encoding(tmp_path, masker, encoding):
    text = f"顧客メモ\r\nマイナンバー {MYNUM}\r\n携帯 {PHONE} へ連絡。\r\nメール {MAIL}\r\n以上\r\n"
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(text.encode(encoding))
    fmt_text.mask_file(src, dst, masker)
    expected = text.replace(MYNUM, MYNUM_SUR).replace(PHONE, PHONE_SUR).replace(MAIL, MAIL_SUR)
    assert dst.read_bytes() == expected.encode(encoding)


def test_cp932_vendor_bytes_are_copied_not_re_encoded(tmp_path, masker):
    # 0x879A (NEC row 13 '∵') decodes to U+2235, which Python re-encodes as 0x81E6:
    # a decode/encode round trip would change these bytes.
    head = "電話 ".encode("cp932")
    src_bytes = b"\x87\x9a " + head + PHONE.encode() + b" \xfa\x40\xed\x40\r\n"
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(src_bytes)
    fmt_text.mask_file(src, dst, masker)
    assert dst.read_bytes() == src_bytes.replace(PHONE.encode(), PHONE_SUR.encode())
    assert src.read_bytes() == src_bytes  # input untouched


def test_csv_keeps_dialect_quoting_and_encoding(tmp_path, masker):
    rows = (
        "ID,電話番号,メール,備考\r\n"
        f'1,{PHONE},"{MAIL}","連絡は ""{PHONE}"" まで, 夜間"\r\n'
        "2,03-1234-5678,,なし\r\n"
    )
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(rows.encode("cp932"))
    fmt_csv.mask_file(src, dst, masker)
    fixed = masker.mask_value("PHONE_NUMBER", "03-1234-5678")
    assert dst.read_bytes().decode("cp932") == (
        "ID,電話番号,メール,備考\r\n"
        f'1,{PHONE_SUR},"{MAIL_SUR}","連絡は ""{PHONE_SUR}"" まで, 夜間"\r\n'
        f"2,{fixed},,なし\r\n"
    )


def test_tsv_euc_jp_with_name_reading_and_postal_columns(tmp_path, masker):
    from scanner.masking.surrogates.address import address
    from scanner.masking.surrogates.names import name_surrogate, render_reading

    rows = ("氏名\tフリガナ\t住所\t郵便番号\n"
            "山田太郎\tヤマダ タロウ\t東京都千代田区千代田1-1\t100-0001\n"
            "山田花子\tヤマダ ハナコ\t大阪府大阪市北区梅田3-1-1\t530-0001\n")
    src, dst = tmp_path / "in.tsv", tmp_path / "out.tsv"
    src.write_bytes(rows.encode("euc_jp"))
    fmt_csv.mask_file(src, dst, masker)
    out = [line.split("\t") for line in dst.read_bytes().decode("euc_jp").splitlines()]
    assert out[0] == ["氏名", "フリガナ", "住所", "郵便番号"]
    for line, (name, addr) in zip(out[1:], [("山田太郎", "東京都千代田区千代田1-1"),
                                           ("山田花子", "大阪府大阪市北区梅田3-1-1")], strict=True):
        person, place = name_surrogate(KEY, name), address(KEY, addr)
        assert line[0] == person.kanji
        assert line[1] == render_reading(person.reading(" "), "ア")
        assert line[2] == place.text()
        assert line[3] == f"{place.postal_code[:3]}-{place.postal_code[3:]}"
    assert out[1][0][:2] == out[2][0][:2]  # one family keeps one surname


def test_csv_policy_drops_a_column(tmp_path):
    from dataclasses import replace

    from scanner.masking.policy import ColumnRule

    policy = replace(load_policy(None, "dev-test"), columns={"備考": ColumnRule(drop=True)})
    masker = Masker(policy, KEY)
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"備考,電話\nmemo,{PHONE}\n", encoding="utf-8")
    fmt_csv.mask_file(src, dst, masker)
    assert dst.read_text(encoding="utf-8") == f"電話\n{PHONE_SUR}\n"


def test_json_structure_kept_and_valid(tmp_path, masker):
    doc = {"users": [{"name_id": 1, "tel": PHONE, "memo": f"mail {MAIL}", "n": 3.5,
                      "ok": True, "none": None}], "個人番号": f"マイナンバー {MYNUM}"}
    src, dst = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    fmt_json.mask_file(src, dst, masker)
    out_text = dst.read_text(encoding="utf-8")
    assert json.loads(out_text) == {
        "users": [{"name_id": 1, "tel": PHONE_SUR, "memo": f"mail {MAIL_SUR}", "n": 3.5,
                   "ok": True, "none": None}], "個人番号": f"マイナンバー {MYNUM_SUR}"}
    assert out_text.startswith('{\n  "users": [\n    {\n')


def test_jsonl_line_by_line(tmp_path, masker):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(f'{{"tel":"{PHONE}"}}\n\n{{"mail":"{MAIL}","x":1}}\n', encoding="utf-8")
    fmt_json.mask_file(src, dst, masker)
    assert dst.read_text(encoding="utf-8") == (
        f'{{"tel":"{PHONE_SUR}"}}\n\n{{"mail":"{MAIL_SUR}","x":1}}\n')


def test_xlsx_keeps_sheets_styles_and_formulas(tmp_path, masker):
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["電話番号", "メール", "金額"])
    ws.append([PHONE, MAIL, 100])
    ws.append(["03-1234-5678", None, 200])
    ws["A2"].font = Font(bold=True, color="FF0000")
    ws["B2"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["C4"] = "=SUM(C2:C3)"
    wb.create_sheet("空")
    src, dst = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    wb.save(src)
    fmt_xlsx.mask_file(src, dst, masker)
    out = load_workbook(dst)
    assert out.sheetnames == ["名簿", "空"]
    sheet = out["名簿"]
    assert [c.value for c in sheet[2]] == [PHONE_SUR, MAIL_SUR, 100]
    assert sheet["A3"].value == masker.mask_value("PHONE_NUMBER", "03-1234-5678")
    assert sheet["C4"].value == "=SUM(C2:C3)"
    assert sheet["A2"].font.bold and sheet["A2"].font.color.rgb == "00FF0000"
    assert sheet["B2"].fill.fgColor.rgb == "00FFFF00"


def test_docx_replaces_inside_runs_and_keeps_paragraphs(tmp_path, masker):
    from docx import Document

    doc = Document()
    p = doc.add_paragraph("携帯 ")
    p.add_run("090-1234").bold = True  # the number is split over two runs
    p.add_run("-5678 まで")
    doc.add_paragraph("本文のみ")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "メール"
    table.cell(0, 1).text = MAIL
    src, dst = tmp_path / "in.docx", tmp_path / "out.docx"
    doc.save(src)
    fmt_docx.mask_file(src, dst, masker)
    out = Document(dst)
    paras = out.paragraphs
    assert [p.text for p in paras] == [f"携帯 {PHONE_SUR} まで", "本文のみ"]
    assert [r.text for r in paras[0].runs] == ["携帯 ", PHONE_SUR, " まで"]
    assert paras[0].runs[1].bold
    assert out.tables[0].cell(0, 1).text == MAIL_SUR


def test_rewrite_runs_spans_over_three_runs():
    assert fmt_docx.rewrite_runs(["ab", "cd", "ef"], [(1, 5, "X")]) == ["aX", "", "f"]
    assert fmt_docx.rewrite_runs(["abc"], [(0, 1, "Z"), (2, 3, "")]) == ["Zb"]


def test_csv_without_header_row_masks_the_first_row_too(tmp_path, masker):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"{PHONE},x\n{PHONE},y\n", encoding="utf-8")
    fmt_csv.mask_file(src, dst, masker)
    assert dst.read_text(encoding="utf-8") == f"{PHONE_SUR},x\n{PHONE_SUR},y\n"


def test_csv_column_operator_from_the_policy(tmp_path):
    from dataclasses import replace

    from scanner.masking.policy import ColumnRule

    policy = replace(load_policy(None, "dev-test"),
                     columns={"memo": ColumnRule(operator="partial_mask")})
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"memo,tel\n電話 {PHONE} まで,{PHONE}\n", encoding="utf-8")
    fmt_csv.mask_file(src, dst, Masker(policy, KEY))
    assert dst.read_text(encoding="utf-8") == f"memo,tel\n電話 090-****-5678 まで,{PHONE_SUR}\n"


ROSTER_HEADER = ["社員番号", "氏名", "フリガナ", "部署"]
ROSTER_ROWS = [["1001", "勅使河原 蒼空", "テシガワラ ソラ", "営業部"],
               ["1002", "小鳥遊 ひなた", "タカナシ ヒナタ", "人事部"]]


def test_csv_header_row_is_kept_and_names_masked(tmp_path, masker):
    """The labels of a header row (氏名) are no context for the headers beside them
    (社員番号 and 部署 were once replaced by surrogate names)."""
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("\n".join(",".join(r) for r in [ROSTER_HEADER, *ROSTER_ROWS]) + "\n",
                   encoding="utf-8")
    fmt_csv.mask_file(src, dst, masker)
    lines = dst.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(ROSTER_HEADER)
    rows = [line.split(",") for line in lines[1:]]
    assert [(r[0], r[3]) for r in rows] == [("1001", "営業部"), ("1002", "人事部")]
    for row, old in zip(rows, ROSTER_ROWS, strict=True):
        assert row[1] != old[1] and row[2] != old[2]


def test_xlsx_header_row_is_kept_and_names_masked(tmp_path, masker):
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    for row in [ROSTER_HEADER, *ROSTER_ROWS]:
        wb.active.append(row)
    src, dst = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    wb.save(src)
    fmt_xlsx.mask_file(src, dst, masker)
    rows = [[c.value for c in row] for row in load_workbook(dst).active.iter_rows()]
    assert rows[0] == ROSTER_HEADER
    assert [(r[0], r[3]) for r in rows[1:]] == [("1001", "営業部"), ("1002", "人事部")]
    for row, old in zip(rows[1:], ROSTER_ROWS, strict=True):
        assert row[1] != old[1] and row[2] != old[2]
