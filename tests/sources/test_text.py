"""Text, CSV/TSV, JSON/JSONL and markup extraction with exact locations."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from scanner.sources import extract


def _units(extraction):
    """(text, location of offset 0, context, group) of every unit."""
    return [(u.text, u.locate(0), u.context, u.group) for u in extraction.units]


def test_text_file_lines_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    path.write_bytes("2024-01-01 INFO start\r\nuser=山田太郎 tel=090-1234-5678\n".encode("euc_jp"))
    found = extract("app.log", path.read_bytes())
    assert (found.format, found.encoding) == ("text", "euc_jp")
    [unit] = found.units
    assert unit.text == "2024-01-01 INFO start\r\nuser=山田太郎 tel=090-1234-5678\n"
    assert unit.locate(unit.text.index("090")) == {"line": 2, "column": 15}
    assert unit.locate(unit.text.index("山田")) == {"line": 2, "column": 6}


def test_unknown_extension_text_and_empty(tmp_path: Path) -> None:
    assert extract("README", "氏名".encode()).format == "text"
    empty = extract("empty.txt", b"")
    assert (empty.format, empty.units, empty.skipped, empty.error) == ("text", [], None, None)


def test_cp932_csv_with_halfwidth_katakana(tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    with open(path, "w", encoding="cp932", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["氏名", "ﾌﾘｶﾞﾅ", "電話番号", "備考"])
        writer.writerow(["山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "090-1234-5678", "改行\nあり,引用"])
        writer.writerow(["鈴木 花子", "ｽｽﾞｷ ﾊﾅｺ", "", "①"])
    found = extract(path.name, path.read_bytes())
    assert (found.format, found.encoding) == ("csv", "cp932")
    assert _units(found) == [
        ("山田 太郎", {"row": 2, "column": "氏名", "offset": 0}, ("氏名",), "col:氏名"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", {"row": 2, "column": "ﾌﾘｶﾞﾅ", "offset": 0}, ("ﾌﾘｶﾞﾅ",), "col:ﾌﾘｶﾞﾅ"),
        (
            "090-1234-5678",
            {"row": 2, "column": "電話番号", "offset": 0},
            ("電話番号",),
            "col:電話番号",
        ),
        ("改行\nあり,引用", {"row": 2, "column": "備考", "offset": 0}, ("備考",), "col:備考"),
        ("鈴木 花子", {"row": 3, "column": "氏名", "offset": 0}, ("氏名",), "col:氏名"),
        ("ｽｽﾞｷ ﾊﾅｺ", {"row": 3, "column": "ﾌﾘｶﾞﾅ", "offset": 0}, ("ﾌﾘｶﾞﾅ",), "col:ﾌﾘｶﾞﾅ"),
        ("①", {"row": 3, "column": "備考", "offset": 0}, ("備考",), "col:備考"),
    ]
    assert found.units[2].locate(4) == {"row": 2, "column": "電話番号", "offset": 4}


def test_csv_without_header_uses_column_numbers(tmp_path: Path) -> None:
    data = "山田,090-1234-5678\n鈴木,080-1111-2222\n".encode("utf-8-sig")
    found = extract("x.csv", data)
    assert found.encoding == "utf-8-sig"
    assert _units(found)[:2] == [
        ("山田", {"row": 1, "column": 1, "offset": 0}, (), "col:1"),
        ("090-1234-5678", {"row": 1, "column": 2, "offset": 0}, (), "col:2"),
    ]
    assert len(found.units) == 4


def test_tsv_and_tab_separated_csv(tmp_path: Path) -> None:
    data = "氏名\tメール\n山田\tyamada@example.jp\n".encode("utf-16")
    for name in ("a.tsv", "a.csv"):
        found = extract(name, data)
        assert found.encoding == "utf-16"
        assert _units(found)[1] == (
            "yamada@example.jp",
            {"row": 2, "column": "メール", "offset": 0},
            ("メール",),
            "col:メール",
        )


def test_json_leaves_with_paths(tmp_path: Path) -> None:
    doc = {
        "users": [
            {
                "name": "山田",
                "tel": "090-1234-5678",
                "my_number": 123456789018,
                "active": True,
                "memo": None,
            }
        ],
        "会社": {"住所": "東京都"},
        "a.b": 1.5,
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    found = extract(path.name, path.read_bytes())
    assert found.format == "json"
    assert _units(found) == [
        ("山田", {"path": "$.users[0].name", "offset": 0}, ("name",), "$.users[*].name"),
        ("090-1234-5678", {"path": "$.users[0].tel", "offset": 0}, ("tel",), "$.users[*].tel"),
        (
            "123456789018",
            {"path": "$.users[0].my_number", "offset": 0},
            ("my_number",),
            "$.users[*].my_number",
        ),
        ("東京都", {"path": "$.会社.住所", "offset": 0}, ("住所",), "$.会社.住所"),
        ("1.5", {"path": '$["a.b"]', "offset": 0}, ("a.b",), '$["a.b"]'),
    ]


def test_json_array_keeps_the_parent_key_as_context() -> None:
    found = extract("t.json", b'{"tels": ["03-1111-2222", "03-3333-4444"]}')
    assert _units(found)[1] == (
        "03-3333-4444",
        {"path": "$.tels[1]", "offset": 0},
        ("tels",),
        "$.tels[*]",
    )


def test_invalid_json_is_read_as_text() -> None:
    found = extract("conf.json", b'{\n  // comment\n  "tel": "090-1234-5678"\n}\n')
    assert found.format == "text"
    assert found.units[0].locate(found.units[0].text.index("090")) == {"line": 3, "column": 11}


def test_jsonl_adds_line_numbers_and_keeps_bad_lines() -> None:
    data = '{"tel": "090-1234-5678"}\n\n not json 山田\n{"tel": "03-1234-5678"}\n'.encode()
    found = extract("x.jsonl", data)
    assert _units(found) == [
        ("090-1234-5678", {"line": 1, "path": "$.tel", "offset": 0}, ("tel",), "$.tel"),
        (" not json 山田", {"line": 3, "column": 1}, (), None),
        ("03-1234-5678", {"line": 4, "path": "$.tel", "offset": 0}, ("tel",), "$.tel"),
    ]
    assert found.units[1].locate(10) == {"line": 3, "column": 11}


def test_html_tags_blanked_positions_kept() -> None:
    html = (
        '<html><body class="c">\n'
        "<p>氏名: <b>山田 太郎</b></p><!-- 担当 鈴木 -->\n"
        '<input value="090-1234-5678">\n'
        "</body></html>\n"
    )
    found = extract("page.html", html.encode("cp932"))
    assert (found.format, found.encoding) == ("html", "cp932")
    [unit] = found.units
    assert len(unit.text) == len(html)
    assert "<" not in unit.text and "body" not in unit.text
    assert unit.text.split("\n")[1] == "   氏名:    山田 太郎" + " " * 13 + "担当 鈴木" + " " * 4
    start = unit.text.index("090")
    assert html[start : start + 13] == "090-1234-5678"
    assert unit.locate(start) == {"line": 3, "column": 15}


def test_xml_text_with_line_numbers() -> None:
    xml = '<?xml version="1.0" encoding="EUC-JP"?>\n<r>\n  <name>山田</name>\n</r>\n'
    found = extract("d.xml", xml.encode("euc_jp"))
    [unit] = found.units
    assert (found.format, found.encoding) == ("xml", "euc_jp")
    assert unit.locate(unit.text.index("山田")) == {"line": 3, "column": 9}


def test_binary_without_extractor_is_skipped(tmp_path: Path) -> None:
    found = extract("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (found.format, found.skipped) == ("binary", "binary (PNG image): no extractor")
    found = extract("data.csv", b"\x00\x01\x02\x03" * 100)
    assert (found.format, found.skipped) == ("binary", "binary (NUL bytes): no extractor")


def test_too_big_is_skipped() -> None:
    from scanner.sources import Limits

    found = extract("a.txt", b"x" * 11, limits=Limits(max_file_bytes=10))
    assert (found.format, found.units) == ("text", [])
    assert found.skipped == "too big: 11 bytes (limit 10)"


def test_json_lines_in_a_json_file_are_read_as_jsonl() -> None:
    found = extract("export.json", b'{"tel": "090-1234-5678"}\n{"tel": "080-1111-2222"}\n')
    assert found.format == "jsonl"
    assert [(u.text, u.locate(0)) for u in found.units] == [
        ("090-1234-5678", {"line": 1, "path": "$.tel", "offset": 0}),
        ("080-1111-2222", {"line": 2, "path": "$.tel", "offset": 0}),
    ]
