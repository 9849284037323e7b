"""Locations: line/column of an offset, and their JSON as the inventory stores it."""

from __future__ import annotations

import json

import pytest

from scanner.sources.base import LineLocator, fixed_location, format_location, location_json


def test_line_locator_counts_lines_and_columns_from_one() -> None:
    locate = LineLocator("ab\ncde\n\nf", line_base=10, extra={"page": 2})
    assert locate(0) == {"page": 2, "line": 10, "column": 1}
    assert locate(4) == {"page": 2, "line": 11, "column": 2}
    assert locate(7) == {"page": 2, "line": 12, "column": 1}
    assert locate(8) == {"page": 2, "line": 13, "column": 1}


def test_fixed_location_adds_the_offset_inside_the_cell() -> None:
    where = {"sheet": "名簿", "cell": "B3", "offset": 5}
    assert fixed_location(sheet="名簿", cell="B3")(5) == where
    assert format_location({"sheet": "名簿", "cell": "B3"}) == "sheet=名簿, cell=B3"


@pytest.mark.parametrize("loc", [
    {"line": 3, "column": 7},
    {"sheet": '社員"\\\u0001\n', "cell": "B3", "offset": 0},
    {"json_path": "$.記録[0].本文", "offset": 12},
    {"path": ["a", 1], "ratio": 0.5, "flag": True, "none": None},
    {},
])
def test_location_json_is_what_the_json_module_writes(loc: dict) -> None:
    assert location_json(loc) == json.dumps(loc, ensure_ascii=False, separators=(",", ":"))
    assert location_json(loc, ", ", ": ") == json.dumps(loc, ensure_ascii=False)
