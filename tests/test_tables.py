"""Tables pasted as text: which header names the column of an offset."""

from __future__ import annotations

from scanner.tables import find_tables


def test_csv_block_headers() -> None:
    text = "メモ\n氏名,電話番号\n山田,03-1234-5678\n佐藤,06-1234-5678\n以上"
    tables = find_tables(text)
    (block,) = tables.blocks
    assert block.headers == ("氏名", "電話番号")
    pos = text.index("06-")
    assert block.header_at(text, pos) == "電話番号"
    assert block.header_at(text, text.index("佐藤")) == "氏名"
    assert block.end == text.index("\n以上")


def test_numeric_first_line_is_not_a_header() -> None:
    assert not find_tables("1,2,3\n4,5,6\n")


def test_text_without_delimiters_has_no_tables() -> None:
    assert not find_tables("ただの文章です。\n二行目。")
