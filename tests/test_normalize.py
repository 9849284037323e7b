"""Normalization keeps exact offsets into the original text."""

from __future__ import annotations

import pytest

from scanner.normalize import normalize


@pytest.mark.parametrize(
    ("original", "normalized"),
    [
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("電話　03‐1234—5678", "電話 03-1234-5678"),
        ("1234ー5678", "1234-5678"),
        ("コーヒー", "コーヒー"),  # the long-vowel mark stays outside numbers
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),
        ("㈱サンプル", "(株)サンプル"),
        ("ＡＢ１２３", "AB123"),
    ],
)
def test_normalized_text(original: str, normalized: str) -> None:
    assert normalize(original).text == normalized


def test_offsets_map_back_through_length_changes() -> None:
    original = "ﾔﾏﾀﾞ様 ０９０－１２３４－５６７８"
    nt = normalize(original)
    start = nt.text.index("090")
    end = start + len("090-1234-5678")
    s, e = nt.span(start, end)
    assert original[s:e] == "０９０－１２３４－５６７８"
    name_end = nt.text.index("様")
    assert original[slice(*nt.span(0, name_end))] == "ﾔﾏﾀﾞ"


def test_span_inside_expansion_covers_whole_source_char() -> None:
    original = "x㈱y"
    nt = normalize(original)
    assert nt.text == "x(株)y"
    assert nt.span(2, 3) == (1, 2)  # 株 comes from ㈱
