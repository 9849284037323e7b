"""The same recognizers through Presidio's AnalyzerEngine, and Presidio YAML in mamoru."""

from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = [
    "マイナンバー：１２３４ ５６７８ ９０１８、電話 03-1234-5678",
    "〒100-0001 東京都千代田区千代田1-1 メール hanako@example.co.jp",
    "法人番号 7000012050002 カード番号 4111-1111-1111-1111 生年月日 昭和60年4月12日",
]


@pytest.fixture(scope="module")
def analyzer():
    from scanner.presidio_bridge import build_analyzer_engine

    return build_analyzer_engine()


@pytest.mark.parametrize("text", TEXTS)
def test_presidio_path_gives_the_same_findings(analyzer, engine, text: str) -> None:
    ours = {(f.entity_type, f.start, f.end, f.score) for f in engine.analyze(text)}
    theirs = {
        (r.entity_type, r.start, r.end, r.score)
        for r in analyzer.analyze(text, language="ja", score_threshold=0.5)
    }
    assert theirs == ours and ours


YAML = """\
recognizers:
  - name: "Employee ID recognizer"
    supported_language: "ja"
    supported_entity: "EMPLOYEE_ID"
    patterns:
      - name: "employee id"
        regex: "EMP-[0-9]{6}"
        score: 0.4
    context:
      - 社員番号
"""


def test_yaml_recognizers_run_in_the_fast_engine(tmp_path: Path) -> None:
    from scanner.engine import Engine, EngineConfig
    from scanner.presidio_bridge import recognizers_from_yaml

    path = tmp_path / "recognizers.yaml"
    path.write_text(YAML, encoding="utf-8")
    extra = tuple(recognizers_from_yaml(path))
    engine = Engine(EngineConfig(extra_recognizers=extra))
    text = "社員番号：ＥＭＰ－１２３４５６" + "。" * 400 + "EMP-654321"
    found = [(f.entity_type, text[f.start : f.end], f.score) for f in engine.analyze(text)]
    # full-width input is normalized for the Presidio pattern; the keyword lifts the score,
    # and the second ID, far from any keyword, stays below the threshold
    assert found == [("EMPLOYEE_ID", "ＥＭＰ－１２３４５６", 0.75)]


def test_yaml_recognizers_in_presidio_engine(tmp_path: Path) -> None:
    from scanner.presidio_bridge import build_analyzer_engine

    path = tmp_path / "recognizers.yaml"
    path.write_text(YAML.replace("0.4", "0.6"), encoding="utf-8")
    analyzer = build_analyzer_engine(yaml_path=path)
    results = analyzer.analyze("社員番号 EMP-123456", language="ja")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("EMPLOYEE_ID", 5, 15)]
