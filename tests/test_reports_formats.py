"""Every findings format against a checked-in golden file, and SARIF structure."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from recognizers.registry import label
from reports.lines import SUMMARY_AT
from reports.model import ReportRow
from reports.render import redacted, write_rows
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


def _render(fmt: str, lang: str = "en", width: int | None = None, **view) -> str:
    out = io.StringIO()
    write_rows(ROWS, fmt, out, Lang(lang), width=width, **view)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fixed_version(monkeypatch):
    monkeypatch.setattr("reports.sarif._version", lambda: "0.0.0-test")


@pytest.mark.parametrize(
    ("fmt", "lang", "width", "golden"),
    [
        ("jsonl", "en", None, "findings.jsonl"),
        ("csv", "en", None, "findings.csv"),
        ("sarif", "en", None, "findings.sarif.json"),
        ("table", "en", 80, "findings-table-en-80.txt"),
        ("table", "ja", 80, "findings-table-ja-80.txt"),
        ("table", "en", 200, "findings-table-en-200.txt"),
        ("table", "ja", 200, "findings-table-ja-200.txt"),
    ],
)
def test_golden(fmt: str, lang: str, width: int | None, golden: str) -> None:
    got = _render(fmt, lang, width, terminal=width is not None, color=False)
    assert got == (GOLDEN / golden).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_redirected_table_is_plain_lines(lang: str) -> None:
    """Not a terminal (a file, a pipe, a CI log): one `path:line:col  TYPE  preview` line
    per finding, in either language, whatever the width."""
    name = "findings-lines-ja.txt" if lang == "ja" else "findings-lines.txt"
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert _render("table", lang, 80, terminal=False) == expected
    assert _render("text", lang, 200, terminal=True) == expected


@pytest.mark.parametrize("width", [80, 100, 200])
def test_the_table_fits_the_terminal_and_wraps_no_value(width: int) -> None:
    from rich.cells import cell_len

    for lang in ("en", "ja"):
        text = _render("table", lang, width, terminal=True, color=False)
        assert max(cell_len(line) for line in text.splitlines()) <= width
        for row in ROWS:  # every preview and type stays whole on one line
            assert any(row.preview in line for line in text.splitlines())
            assert any(label(row.entity_type, lang) in line for line in text.splitlines())


def test_the_table_width_check_can_fail() -> None:
    """The planted failure: the same table on a console wider than the terminal."""
    from rich.cells import cell_len

    text = _render("table", "ja", 200, terminal=True, color=False)
    assert max(cell_len(line) for line in text.splitlines()) > 80


def test_a_big_report_is_summarized_unless_verbose() -> None:
    rows = [ReportRow(path=f"d/{i % 7}.txt", location={"line": i + 1, "column": 1},
                      entity_type=("PERSON", "PHONE_NUMBER")[i % 2], score=0.9,
                      preview="山田**", fingerprint=f"{i:032x}") for i in range(SUMMARY_AT + 1)]
    out = io.StringIO()
    write_rows(rows, "table", out, Lang("ja"), verbose=False, terminal=False)
    assert out.getvalue() == (GOLDEN / "findings-summary-ja.txt").read_text(encoding="utf-8")
    out = io.StringIO()
    write_rows(rows, "table", out, Lang("ja"), verbose=True, terminal=False)
    assert len(out.getvalue().splitlines()) == SUMMARY_AT + 1
    out = io.StringIO()
    write_rows(rows[:SUMMARY_AT], "table", out, Lang("ja"), verbose=False, terminal=False)
    assert len(out.getvalue().splitlines()) == SUMMARY_AT


def test_redact_leaves_no_preview() -> None:
    out = io.StringIO()
    for fmt in ("text", "jsonl", "csv", "sarif"):
        write_rows(redacted(ROWS), fmt, out, Lang("en"))
    text = out.getvalue()
    assert all(r.preview not in text for r in ROWS)
    assert text.count("[REDACTED]") >= 4 * len(ROWS)


def test_sarif_invocation_says_whether_the_scan_was_complete() -> None:
    ok = sarif_log(ROWS)["runs"][0]
    assert ok["invocations"] == [{"executionSuccessful": True}]
    assert ok["tool"]["driver"]["version"] == "0.0.0-test"
    bad = sarif_log(ROWS, invocation={"executionSuccessful": False, "exitCode": 2,
                                      "errors": ["x.txt: permission denied"]})["runs"][0]
    assert bad["invocations"] == [{
        "executionSuccessful": False, "exitCode": 2,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": "x.txt: permission denied"}}]}]


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
