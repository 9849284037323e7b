"""No planted value in any output channel: analyze (table, json, jsonl, with --explain),
scan (table, jsonl, csv, sarif, stderr), the inventory database files and its listings,
the hook's output. Explanations name keywords, recognizers and checks only; previews show
at most a share of a value; a name's span stops at the next label."""

from __future__ import annotations

import json

import pytest
from support.git import git, new_repo

from scanner.cli import main
from scanner.privacy import preview

NAME, PHONE, POSTAL, MY_NUMBER = "渡辺翔太", "03-5555-0147", "060-8537", "123456789018"
TEXT = (f"氏名: {NAME} 電話: {PHONE}\n"
        f"〒{POSTAL} 北海道札幌市中央区北1条西2丁目\n"
        f"マイナンバー: {MY_NUMBER}\n")
PLANTED = (NAME, PHONE, "0355550147", POSTAL, "0608537", MY_NUMBER)


def _clean(text: str, channel: str) -> None:
    for value in PLANTED:
        assert value not in text, f"{value!r} in {channel}"


def test_the_check_catches_a_planted_value():
    with pytest.raises(AssertionError):
        _clean(f"... '〒{POSTAL}' before ...", "a bad explanation")


def test_name_span_stops_at_the_next_label(tmp_path, capsys):
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "in.txt"), "--format", "json", "--explain",
                 "--show-values"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    people = [f for f in found if f["entity_type"] == "PERSON"]
    assert [(p["start"], p["end"]) for p in people] == [(4, 8)]
    assert TEXT[4:8] == NAME


@pytest.mark.parametrize(("value", "entity", "expected"), [
    ("渡辺翔太 電話", "PERSON", "渡******"),  # whatever the span: at most half
    ("渡辺翔太", "PERSON", "渡辺**"),
    ("翔", "PERSON", "**"),
    ("髙橋 健", "PERSON", "髙***"),  # 髙橋 ** would show two of three
    ("090-1234-5678", "PHONE_NUMBER", "090-****-5678"),
    # a three-digit area code: fewer last digits, the number's shape kept
    ("045-671-2121", "PHONE_NUMBER", "045-***-*121"),
    ("0466-12-3456", "PHONE_NUMBER", "0466-**-**56"),
    ("1234", "JP_PENSION_NUMBER", "**34"),
])
def test_previews_reveal_at_most_a_share(value, entity, expected):
    assert preview(value, entity) == expected


def test_no_value_in_any_output(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAMORU_CACHE_DIR", str(tmp_path / "cache"))
    share = tmp_path / "share"
    share.mkdir()
    (share / "memo.txt").write_text(TEXT, encoding="utf-8")
    (share / "memo.jsonl").write_text(json.dumps({"id": 1, "text": TEXT}, ensure_ascii=False)
                                      + "\n", encoding="utf-8")
    inv = tmp_path / "inv" / "inventory.sqlite"
    outputs: dict[str, str] = {}
    for fmt in ("table", "json"):
        assert main(["analyze", str(share / "memo.txt"), "--explain", "--format", fmt]) == 1
        outputs[f"analyze {fmt}"] = "".join(capsys.readouterr())
    assert main(["analyze", str(share / "memo.jsonl"), "--jsonl", "--explain"]) == 1
    outputs["analyze jsonl"] = "".join(capsys.readouterr())
    for fmt in ("table", "jsonl", "csv", "sarif"):
        assert main(["scan", str(share), "--inventory", str(inv), "--format", fmt,
                     "--full"]) == 1
        outputs[f"scan {fmt}"] = "".join(capsys.readouterr())
    for fmt in ("table", "jsonl", "csv"):
        main(["inventory", "--inventory", str(inv), "--format", fmt])
        outputs[f"inventory {fmt}"] = "".join(capsys.readouterr())
        main(["inventory", "--inventory", str(inv), "--format", fmt, "--changes"])
        outputs[f"inventory --changes {fmt}"] = "".join(capsys.readouterr())
    repo = new_repo(tmp_path / "repo")
    (repo / "memo.txt").write_text(TEXT, encoding="utf-8")
    git(repo, "add", "memo.txt")
    monkeypatch.chdir(repo)
    for fmt in ("text", "sarif"):
        assert main(["hook", "--format", fmt]) == 1
        outputs[f"hook {fmt}"] = "".join(capsys.readouterr())
    for path in [*inv.parent.iterdir(), *(tmp_path / "cache").glob("**/*")]:
        if path.is_file():
            outputs[str(path)] = path.read_bytes().decode("utf-8", "replace")
    assert "postal code before" in outputs["analyze table"]  # the explanation is there
    assert "渡辺**" in outputs["scan jsonl"]  # and the name's preview
    for channel, text in outputs.items():
        _clean(text, channel)
