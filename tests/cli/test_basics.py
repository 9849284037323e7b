"""The command line itself: --version, help, "did you mean", --list-entities, checked
values, the language, and Japanese throughout under --lang ja."""

from __future__ import annotations

import math
import os
import sqlite3
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from support.cli import english_sentences, run_cli

from recognizers.registry import ENTITY_TYPES
from scanner.cli import COMMANDS

REPO = Path(__file__).resolve().parents[2]


def test_version(capsys) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0
    assert out == f"mamoru {version('mamoru')} (Python {sys.version.split()[0]})\n"


def test_help_command_prints_the_command_help(capsys) -> None:
    code, out, _ = run_cli(capsys, "--lang", "ja", "help", "scan")
    assert code == 0
    assert out.startswith("使い方: mamoru scan ")
    assert "ファイルと共有フォルダを走査してインベントリに記録" in out
    code, out, _ = run_cli(capsys, "--lang", "en", "help")
    assert code == 0 and "scan-db" in out and "Exit codes: 0 clean" in out


@pytest.mark.parametrize(("argv", "hint"), [
    (["scna", "."], "did you mean: scan"),
    (["help", "invetory"], "did you mean: inventory"),
    (["scan", "--min-scor", "0.5", "."], "did you mean: --min-score"),
    (["scan", "--format", "jsnl", "."], "did you mean: jsonl"),
    (["scan", "--entities", "jp_my_numbr", "."], "did you mean: JP_MY_NUMBER"),
])
def test_did_you_mean(capsys, argv, hint) -> None:
    code, out, err = run_cli(capsys, "--lang", "en", *argv)
    assert code == 2 and out == ""
    assert hint in err


def test_a_typo_with_nothing_close_gets_no_suggestion(capsys) -> None:
    code, _, err = run_cli(capsys, "--lang", "en", "zzzzzz")
    assert code == 2
    assert "unknown command: zzzzzz" in err and "did you mean" not in err


def test_list_entities_names_every_type_in_japanese(capsys) -> None:
    code, out, _ = run_cli(capsys, "--list-entities")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(ENTITY_TYPES)
    assert lines[0].split(None, 1)[1] == "個人番号（マイナンバー）  (My Number)"


def test_entities_are_case_insensitive_and_unknown_ones_listed(capsys, tmp_path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("電話 090-1234-5678 マイナンバー 1234 5678 9018\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "analyze", str(f), "--entities", "phone_number",
                           "--format", "json")
    assert code == 1
    assert '"PHONE_NUMBER"' in out and "JP_MY_NUMBER" not in out
    code, out, err = run_cli(capsys, "--lang", "ja", "analyze", str(f), "--entities", "phone")
    assert code == 2 and out == ""
    assert err.startswith("mamoru: 不明な種別です: phone（もしかして: PHONE_NUMBER）。使える種別: ")
    assert all(name in err for name in ENTITY_TYPES)


@pytest.mark.parametrize("value", ["5", "-0.1", "nan", "inf", "x", "1.0000001"])
@pytest.mark.parametrize("command", ["analyze", "scan", "scan-db", "mask", "mask-db"])
def test_thresholds_are_checked_everywhere(capsys, command, value) -> None:
    argv = {"analyze": ["-"], "scan": ["."], "scan-db": ["sqlite:///x.db"],
            "mask": ["in", "--out", "out"], "mask-db": ["sqlite:///x.db", "--to", "d"]}[command]
    code, out, err = run_cli(capsys, "--lang", "en", command, *argv, "--min-score", value)
    assert code == 2 and out == ""
    assert f"argument --min-score: {value} is not a threshold: give a number from 0 to 1" in err


def test_a_threshold_in_range_is_accepted() -> None:
    from scanner.cli import build_parser
    from scanner.i18n import Lang

    args = build_parser("scan", Lang("en")).parse_args(["scan", ".", "--min-score", "1"])
    assert args.min_score == 1.0 and not math.isnan(args.min_score)


@pytest.mark.parametrize(("argv", "expected"), [
    (["scan", ".", "--jobs", "0"], "argument --jobs/-j: 0 is not allowed"),
    (["scan", ".", "--max-file-size", "lots"], "argument --max-file-size: lots is not a size"),
    (["scan-db", "x.db", "--statement-timeout", "0"], "argument --statement-timeout: 0 is not"),
    (["mask", "a", "--out", "b", "--k", "1"], "argument --k: 1 is not allowed"),
])
def test_counts_sizes_and_times_are_checked(capsys, argv, expected) -> None:
    code, _, err = run_cli(capsys, "--lang", "en", *argv)
    assert code == 2 and expected in err


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return {**env, "PYTHONPATH": str(REPO), **extra}


@pytest.mark.parametrize("value", ["jp", "ja_JP.UTF-8", "JA", "japanese"])
def test_mamoru_lang_spellings_of_japanese(value) -> None:
    r = subprocess.run([sys.executable, "-m", "scanner.cli", "help"], capture_output=True,
                       text=True, env=_env(MAMORU_LANG=value), timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("使い方: mamoru")
    assert r.stderr == ""


def test_an_unknown_mamoru_lang_is_warned_about() -> None:
    r = subprocess.run([sys.executable, "-m", "scanner.cli", "help"], capture_output=True,
                       text=True, env=_env(MAMORU_LANG="fr"), timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("usage: mamoru")
    assert r.stderr == "mamoru: MAMORU_LANG=fr is neither ja nor en and is ignored\n"


def test_lang_option_accepts_jp(capsys) -> None:
    code, out, _ = run_cli(capsys, "--lang", "jp", "help")
    assert code == 0 and out.startswith("使い方:")


def test_the_sentence_detector_catches_english() -> None:
    """The planted failure for the tests below."""
    assert english_sentences("mamoru: cannot read x.txt: no such file\n") != []
    assert english_sentences("  --full                read every file\n") != []
    assert english_sentences("mamoru: 読めません: [Errno 2] No such file or directory") != []
    assert english_sentences("使い方: mamoru scan [-h] [--full]\n"
                             "              [--exclude GLOB] PATH [PATH ...]\n") == []


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_japanese_throughout(capsys, command) -> None:
    argv = ["--lang", "ja", *([command] if command else []), "--help"]
    code, out, err = run_cli(capsys, *argv)
    assert code == 0 and err == ""
    assert out.startswith("使い方: mamoru")
    assert english_sentences(out) == []


@pytest.mark.parametrize("argv", [
    ["ledger", "--help", "--lang", "ja"],
    ["scan", "--full", "--lang=ja", "--help"],
    ["mask", "-h", "--lang", "en", "--lang", "ja"],
])
def test_lang_after_other_options_still_counts(capsys, argv) -> None:
    """`--lang` anywhere before `--`: argparse acts on `--help` before it reads `--lang`,
    so the language is chosen from the whole command line first."""
    code, out, err = run_cli(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith(f"使い方: mamoru {argv[0]}")
    assert english_sentences(out) == []


def test_lang_after_a_bad_option_words_the_error(capsys) -> None:
    code, out, err = run_cli(capsys, "scan", "samples", "--bogus", "--lang", "ja")
    assert (code, out) == (2, "")
    assert "\nmamoru: 不明な引数です: --bogus（もしかして: " in err


@pytest.fixture(autouse=True, scope="module")
def _nonexistent_is_absent() -> None:
    """The error paths below name `/nonexistent/…`. A run as root that created it (mamoru
    makes an inventory's missing directory) would turn their errors into successes."""
    assert not Path("/nonexistent").exists(), "/nonexistent exists: these tests need it absent"


ERROR_PATHS = [
    ["scna"],
    ["help", "scna"],
    ["--bogus"],
    ["--lang", "xx", "scan", "."],
    ["scan"],
    ["scan", ".", "--min-scor", "1"],
    ["scan", ".", "--format", "xml"],
    ["scan", ".", "--min-score", "2"],
    ["scan", ".", "--jobs", "x"],
    ["scan", ".", "--entities", "nope"],
    ["scan", ".", "--unknown", "--other"],
    ["analyze", "--window", "-1"],
    ["analyze", "/nonexistent/file.txt"],
    ["inventory", "--inventory", "/nonexistent/inv.sqlite"],
    ["mask", "in.csv"],
    ["mask-db", "sqlite:///x.db"],
    ["scan-db"],
    ["baseline"],
    ["baseline", "remove"],
    ["hook", "--format", "json"],
    ["hook"],
    ["baseline", "audit"],
    ["scan-db", "/nonexistent/app.db"],
    ["scan-db", "oracle9://u@h/x"],
    ["scan", "/nonexistent/share"],
    ["analyze", "--recognizers", "/nonexistent/r.yaml", "x"],
    ["hook", "install"],
    ["hook", "uninstall"],
    ["baseline", "create"],
    ["baseline", "update"],
    ["policy", "check"],
    ["policy", "init", "--config", "/nonexistent/dir/p.toml"],
    ["ledger"],
    ["ledger", "--config", "/nonexistent/p.toml"],
    ["report"],
    ["report", "-o", "r.html"],
    ["mask", "in.csv", "--out", "o.csv", "--key-file", "/nonexistent/key"],
    ["mask-db", "/nonexistent/x.db", "--to", "out"],
    ["scan-db", "sqlite:///x.db", "--sample", "0"],
    ["inventory", "import"],
    ["inventory", "--inventory", "postgres://mamoru@127.0.0.1:1/inventory"],
    ["scan-db", "postgres://mamoru@127.0.0.1:1/app", "--inventory", "inv.sqlite"],
]


def test_os_reasons_in_scan_errors_are_japanese() -> None:
    from scanner.i18n import Lang
    from scanner.messages import reason_text

    text = "/share/a.txt: No such file or directory"
    assert reason_text(text, Lang("ja")) == "/share/a.txt: ファイルまたはディレクトリがありません"
    assert reason_text(text, Lang("en")) == "/share/a.txt: no such file or directory"
    assert reason_text("/x: something else", Lang("ja")) == "/x: something else"


@pytest.mark.parametrize("argv", ERROR_PATHS, ids=" ".join)
def test_errors_are_japanese_throughout(capsys, argv, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # not a git repository: hook and baseline say so
    code, out, err = run_cli(capsys, "--lang", "ja", *argv)
    assert code == 2
    assert err.strip() and "予期しないエラー" not in err  # a handled error, not a crash
    assert english_sentences(out + err) == []


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    """A git repository with an inventory (one scan), a baseline, a foreign hook and a
    malformed YAML file: the errors that need something in place first."""
    from support.git import new_repo

    root = new_repo(tmp_path_factory.mktemp("errors") / "repo")
    (root / "a.txt").write_text("電話: 090-1234-5678\n", encoding="utf-8")
    (root / "bad.yaml").write_text("recognizers:\n  - name: [\n", encoding="utf-8")
    (root / ".git" / "hooks" / "pre-commit").write_text("#!/bin/sh\nexit 0\n")
    (root / "mail.eml").write_bytes(UUENCODED_MAIL)
    (root / "ctrl.txt").write_bytes(b"\x01\x02\x03 control bytes \x04\x05" * 40)
    (root / "nul.txt").write_bytes(b"\x00\x01 NUL bytes \x00" * 40)
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (root / "policy.toml").write_text('[entities]\nNOT_A_TYPE = "redact"\n', encoding="utf-8")
    (root / "broken-policy.toml").write_text("profile = \n", encoding="utf-8")
    sqlite3.connect(root / "empty.db").execute("pragma user_version = 1").connection.close()
    (root / "extra.yaml").write_text(
        'recognizers:\n  - name: "employee id"\n    supported_language: "ja"\n'
        '    supported_entity: "EMPLOYEE_ID"\n    patterns:\n      - name: "id"\n'
        '        regex: "EMP-[0-9]{6}"\n        score: 0.4\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "MAMORU_KEY": "errors-test-key"}
    for argv in (["scan", "a.txt"], ["baseline", "create"]):
        subprocess.run([sys.executable, "-m", "scanner.cli", *argv], cwd=root, env=env,
                       capture_output=True, timeout=300)
    assert (root / ".mamoru" / "inventory.sqlite").exists()
    return root


ERROR_PATHS_IN_PLACE = [
    ["inventory", "--find", "/nonexistent/values.txt"],
    ["inventory", "--changes", "--scans", "x"],
    ["inventory", "--changes", "--since", "yesterday"],
    ["inventory", "--format", "xml"],
    ["inventory", "-o", "/nonexistent/dir/out.txt"],
    ["inventory", "import", "/nonexistent/x.parquet"],
    ["inventory", "import", "a.txt"],
    ["analyze", "--recognizers", "bad.yaml", "x"],
    ["analyze", "--recognizers", "extra.yaml", "--entities", "EMPLOYEE,PERSON", "a.txt"],
    ["baseline", "create"],
    ["baseline", "audit", "--mark", "1=bogus"],
    ["baseline", "audit", "--mark", "999=real"],
    ["hook", "install"],
    ["hook", "a.txt", "b.txt", "--format", "sarif", "-o", "/nonexistent/dir/h.sarif"],
    ["scan", "a.txt", "-o", "/nonexistent/dir/s.txt"],
    ["scan-db", "a.txt"],
    ["policy", "init", "--config", "bad.yaml"],
    ["hook", "--baseline", "bad.yaml"],
    ["baseline", "audit", "--baseline", "bad.yaml"],
    ["hook", "--config", "/nonexistent/mamoru.toml"],
    ["baseline", "update", "--config", "bad.yaml"],
    ["mask", "mail.eml", "--out", "masked.eml"],
    ["mask", "a.txt", "--out", "masked.txt", "--policy", "policy.toml"],
    ["mask", "a.txt", "--out", "masked.txt", "--policy", "broken-policy.toml"],
    ["mask-db", "sqlite:///empty.db", "--to", "masked-db"],
]
UUENCODED_MAIL = (b"From: a@example.com\nTo: b@example.com\nSubject: test\nMIME-Version: 1.0\n"
                  b"Content-Type: text/plain; charset=utf-8\n"
                  b"Content-Transfer-Encoding: x-uuencode\n\nbegin 644 a.txt\n`\nend\n")


@pytest.mark.parametrize("argv", ERROR_PATHS_IN_PLACE, ids=" ".join)
def test_errors_in_place_are_japanese(capsys, argv, place, monkeypatch) -> None:
    monkeypatch.chdir(place)
    monkeypatch.setenv("MAMORU_KEY", "errors-test-key")
    code, out, err = run_cli(capsys, "--lang", "ja", *argv)
    assert code == 2, err
    assert err.strip() and "予期しないエラー" not in err  # a handled error, not a crash
    assert english_sentences(out + err) == []


@pytest.mark.parametrize(("argv", "ja", "en"), [
    (["mask", "mail.eml", "--out", "masked.eml"],
     "入力エラー: マスクできません: mail.eml: パート 1: 転送エンコーディング x-uuencode は"
     "マスクできません",
     "bad input: mail.eml: part 1: transfer encoding x-uuencode cannot be masked"),
    (["mask", "a.txt", "--out", "masked.txt", "--policy", "policy.toml"],
     "ポリシーが不正です: ポリシーに不明な種別があります: NOT_A_TYPE",
     "bad policy: unknown entity type in policy: NOT_A_TYPE"),
    (["mask", "a.txt", "--out", "masked.txt", "--policy", "broken-policy.toml"],
     "ポリシーが不正です: ポリシー broken-policy.toml の書式が正しくありません（1 行目、11 列）",
     "bad policy: policy broken-policy.toml: Invalid value (at line 1, column 11)"),
    (["mask-db", "sqlite:///empty.db", "--to", "masked-db"],
     "入力エラー: テーブルがありません: sqlite:///empty.db",
     "bad input: no tables in sqlite:///empty.db"),
    (["mask", "ctrl.txt", "--out", "masked-ctrl.txt"],
     "入力エラー: マスクできません: ctrl.txt: 内容の一部を読めません: "
     "バイナリ（制御文字を含む内容）：読み取る手段がありません",
     "bad input: ctrl.txt: binary (control bytes): no extractor"),
    (["mask", "nul.txt", "--out", "masked-nul.txt"],
     "入力エラー: マスクできません: nul.txt: 内容の一部を読めません: "
     "バイナリ（NUL 文字を含む内容）：読み取る手段がありません",
     "bad input: nul.txt: binary (NUL bytes): no extractor"),
    (["mask", "broken.xlsx", "--out", "masked.xlsx"],
     "入力エラー: マスクできません: broken.xlsx: 内容の一部を読めません: "
     "xlsx として読めません：BadZipFile: File is not a zip file",
     "bad input: broken.xlsx: unreadable xlsx: BadZipFile: File is not a zip file"),
], ids=["eml refusal", "policy", "policy syntax", "mask-db", "control bytes", "NUL bytes",
                      "broken xlsx"])
def test_mask_refusals_in_both_languages(capsys, argv, ja, en, place, monkeypatch) -> None:
    """The refusal reasons of the masking package come from the catalogue: Japanese under
    --lang ja, the same English as before under --lang en; nothing is written."""
    monkeypatch.chdir(place)
    monkeypatch.setenv("MAMORU_KEY", "errors-test-key")
    for lang, text in (("ja", ja), ("en", en)):
        assert run_cli(capsys, "--lang", lang, *argv) == (2, "", text + "\n")
    assert not (place / argv[argv.index("--out" if "--out" in argv else "--to") + 1]).exists()


@pytest.mark.parametrize(("argv", "ja", "en"), [
    (["scan", "x"], "mamoru: --out が必要です", "mamoru: --out is required"),
    (["classify", "--jdbc-url", "jdbc:postgresql://h/db", "--out", "o.parquet"],
     "mamoru: --jdbc-url には --table が必要です", "mamoru: --jdbc-url needs --table"),
    (["mask", "--parquet", "p", "--to-jdbc-table", "t"],
     "mamoru: --to-jdbc-table には --jdbc-url が必要です",
     "mamoru: --to-jdbc-table needs --jdbc-url"),
    (["scan", "x", "--out", "exists.parquet"],
     "mamoru: 出力先が既にあります: exists.parquet", "mamoru: output exists: exists.parquet"),
    (["scan", "x", "--out", "o.parquet", "--key-file", "empty.key"],
     "mamoru: 鍵を読めません: 鍵ファイルが空です: empty.key",
     "mamoru: cannot read the key: empty key file empty.key"),
    (["scan", "x", "--out", "o.parquet", "--key-file", "missing.key"],
     "mamoru: 鍵を読めません: 読めません: missing.key: ファイルまたはディレクトリがありません",
     "mamoru: cannot read the key: cannot read missing.key: no such file or directory"),
], ids=["out", "table", "jdbc", "exists", "empty key", "no key"])
def test_spark_command_errors_in_both_languages(capsys, argv, ja, en, tmp_path,
                                                monkeypatch) -> None:
    """`python -m mamoru.spark` checks its arguments and key before starting Spark, in
    the catalogue's words (exit 2, no session started)."""
    from mamoru.spark.__main__ import main as spark_main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists.parquet").mkdir()
    (tmp_path / "empty.key").write_bytes(b"\n")
    for lang, text in (("ja", ja), ("en", en)):
        assert spark_main(["--lang", lang, *argv]) == 2
        assert capsys.readouterr() == ("", text + "\n")


def test_explanations_are_japanese(capsys, place, monkeypatch) -> None:
    """`analyze --explain` and redirected scan lines under --lang ja: the keyword, the
    check and the rung in Japanese (English unchanged under --lang en), never the value."""
    monkeypatch.chdir(place)
    monkeypatch.setenv("MAMORU_KEY", "errors-test-key")
    code, out, err = run_cli(capsys, "--lang", "ja", "analyze", "--explain", "a.txt")
    assert code == 1 and english_sentences(out + err) == []
    assert out.endswith("090-****-5678  (PhoneRecognizer/hyphenated；検査 OK・手がかりあり；"
                        "検査 OK（phonenumbers (region JP)）；キーワード「電話」が 2 文字前)\n")
    assert "1234" not in out + err
    code, out, _ = run_cli(capsys, "--lang", "en", "analyze", "--explain", "a.txt")
    assert out.endswith("090-****-5678  (PhoneRecognizer/hyphenated; CHECKED_WITH_CONTEXT; "
                        "check ok (phonenumbers (region JP)); keyword '電話' 2 chars before)\n")
    for lang, score in (("ja", "スコア"), ("en", "score")):
        code, out, _ = run_cli(capsys, "--lang", lang, "scan", "a.txt", "--format", "text",
                               "--inventory", f"explain-{lang}.sqlite")
        assert (code, out) == (1, f"a.txt:1:5  PHONE_NUMBER  090-****-5678  ({score} 0.95)\n")


def test_every_explanation_of_the_samples_reads_in_japanese() -> None:
    """Each finding on samples/ (53 recognizer/pattern pairs, every rung, validator, cue
    and note they give) explained under --lang ja holds no English phrase: the patterns
    of PERSON and JP_ADDRESS, `… inside`, `N values in this batch …` included; keywords
    quoted from the text and identifiers aside. Under --lang en it is the stored text."""
    import json
    import re

    from scanner.engine import Engine, EngineConfig
    from scanner.explain import explanation_text
    from scanner.i18n import Lang

    engine, left, pairs = Engine(EngineConfig()), set(), set()
    for path in sorted((REPO / "samples").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for f in engine.analyze(json.loads(line)["text"], min_score=0.0):
                pairs.add((f.explanation.recognizer, f.explanation.pattern))
                ja = explanation_text(f.explanation, Lang("ja"))
                left.update(english_sentences(re.sub("「[^」]*」", "「」", ja)))
                assert explanation_text(f.explanation, Lang("en")) == f.explanation.as_text()
    assert len(pairs) >= 50
    assert left == set()


def test_explanation_parts_in_both_languages() -> None:
    """Parts the catalogue knows are rendered; a part it does not know is left as it is
    (the planted failure: a changed English template no longer matches)."""
    from scanner.explain import part, why_text
    from scanner.i18n import Lang

    why = part("explain.keyword_after", keyword="様", gap=0) + "; rejected by Luhn"
    assert why == "keyword '様' 0 chars after; rejected by Luhn"
    assert why_text(why, Lang("ja")) == "キーワード「様」が 0 文字後；検査 NG（Luhn）"
    assert why_text(why, Lang("en")) == why
    assert why_text("keyword '様' 0 chars behind", Lang("ja")) == "keyword '様' 0 chars behind"
    one = part("explain.keyword_before", keyword="電話", gap=1)
    assert one == "keyword '電話' 1 char before"  # a count and its noun agree
    assert why_text(one, Lang("ja")) == "キーワード「電話」が 1 文字前"
    # what inventories written before the singular hold still reads in Japanese
    assert why_text("keyword '電話' 1 chars before", Lang("ja")) == "キーワード「電話」が 1 文字前"
    nested = "keyword '番号' 3 chars before names another number"
    assert why_text(nested, Lang("ja")) == "キーワード「番号」が 3 文字前（別の番号の見出し）"
