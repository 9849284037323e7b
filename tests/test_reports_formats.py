"""Every findings format against a checked-in golden file, and SARIF structure."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reports.model import ReportRow
from reports.render import write_rows
from reports.sarif import sarif_log
from scanner.i18n import Lang

GOLDEN = Path(__file__).parent / "golden"

ROWS = [
    ReportRow(
        path="人事/社員名簿.txt", location={"line": 3, "column": 9}, entity_type="JP_MY_NUMBER",
        score=0.95, preview="********9018", fingerprint="bc1b38c4d338af15083aa4cd3521121d",
        why="JP_MY_NUMBER/plain; CHECKED_WITH_CONTEXT", end_location={"line": 3, "column": 21},
    ),
    ReportRow(
        path="share/a.zip!名簿.csv", location={"row": 2, "column": "電話", "offset": 0},
        entity_type="PHONE_NUMBER", score=0.9, preview="090-****-5678",
        fingerprint="3f09a43ae6795efa7f7dbf843b7b2f51", why="PHONE_NUMBER/hyphenated",
        end_location={"row": 2, "column": "電話", "offset": 13},
    ),
    ReportRow(
        path="book.xlsx", location={"sheet": "名簿", "cell": "C4", "offset": 0},
        entity_type="EMAIL_ADDRESS", score=0.85, preview="t***@example.co.jp",
        fingerprint="b6325b07ba0cc6a68654e777d7284efe",
    ),
]


def _render(fmt: str, lang: str = "en") -> str:
    out = io.StringIO()
    write_rows(ROWS, fmt, out, Lang(lang), width=110)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [
        ("jsonl", "en", "findings.jsonl"),
        ("csv", "en", "findings.csv"),
        ("sarif", "en", "findings.sarif.json"),
        ("table", "en", "findings-table-en.txt"),
        ("table", "ja", "findings-table-ja.txt"),
    ],
)
def test_golden(fmt: str, lang: str, golden: str) -> None:
    assert _render(fmt, lang) == (GOLDEN / golden).read_text(encoding="utf-8")


def test_sarif_regions_only_where_lines_are_known() -> None:
    log = sarif_log(ROWS)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "EMAIL_ADDRESS", "JP_MY_NUMBER", "PHONE_NUMBER"]
    first, second, _ = run["results"]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 21}
    assert first["level"] == "error" and second["level"] == "warning"
    assert "region" not in second["locations"][0]["physicalLocation"]
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "share/a.zip!%E5%90%8D%E7%B0%BF.csv")
    assert first["partialFingerprints"] == {"mamoru/v1": "bc1b38c4d338af15083aa4cd3521121d"}
    assert second["ruleIndex"] == 2


def test_jsonl_lines_are_json_with_required_keys() -> None:
    for line in _render("jsonl").splitlines():
        d = json.loads(line)
        assert {"path", "location", "entity_type", "score", "preview", "fingerprint"} <= set(d)


def test_jsonl_line_is_exactly_what_the_json_module_writes() -> None:
    """The hand-written encoder matches json.dumps for every kind of value it meets:
    quotes, backslashes, control characters, non-ASCII, nested or float locations."""
    from reports.jsonl import jsonl_line

    rows = [
        ReportRow(path='a "b"\\c\n.txt', location={"line": 3, "column": 7},
                  entity_type="PHONE_NUMBER", score=0.85, preview="090-****-5678",
                  fingerprint="f" * 32, why="電話\tcontext",
                  end_location={"line": 3, "column": 20}),
        ReportRow(path="名簿.xlsx", location={"sheet": "社員\u0001", "cell": "B3", "offset": 0},
                  entity_type="PERSON", score=1.0, preview="山田 **", fingerprint="0" * 32),
        ReportRow(path="x.json", location={"json_path": ["a", 1], "ratio": 0.5},
                  entity_type="EMAIL_ADDRESS", score=0.123456, preview="t***@example.jp",
                  fingerprint="1" * 32, end_location={"flag": True}),
    ]
    for row in rows:
        expected = {"path": row.path, "location": row.location,
                    "entity_type": row.entity_type, "score": round(row.score, 4),
                    "preview": row.preview, "fingerprint": row.fingerprint}
        if row.end_location:
            expected["end_location"] = row.end_location
        if row.why:
            expected["why"] = row.why
        assert jsonl_line(row) == json.dumps(expected, ensure_ascii=False) + "\n"
