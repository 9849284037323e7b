"""One configuration for every command: found upward from the current directory or
named with --config; scan's exclude, entities and min_score, inventory's allow_mynumber,
unknown keys refused with a "did you mean" by every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.config import command_config

MY_NUMBER = "123456789018"
PHONE = "090-1234-5678"


def _share(root: Path) -> Path:
    (root / "share" / "fixtures").mkdir(parents=True)
    (root / "share" / "a.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    (root / "share" / "fixtures" / "b.txt").write_text(f"マイナンバー: {MY_NUMBER}\n",
                                                       encoding="utf-8")
    return root / "share"


def _scan_rows(capsys, *args: str) -> tuple[int, list[tuple[str, str]]]:
    code = main(["scan", *args, "--format", "jsonl"])
    out = capsys.readouterr().out
    return code, [(Path(r["path"]).name, r["entity_type"])
                  for r in map(json.loads, out.splitlines())]


def test_scan_reads_the_nearest_configuration_upward(tmp_path, monkeypatch, capsys):
    share = _share(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    # without a configuration: both files
    assert _scan_rows(capsys, str(share), "--inventory", inv) == (
        1, [("a.txt", "PHONE_NUMBER"), ("b.txt", "JP_MY_NUMBER")])
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.mamoru]\nexclude = ["fixtures/"]\n', encoding="utf-8")
    assert _scan_rows(capsys, str(share), "--inventory", inv) == (
        1, [("a.txt", "PHONE_NUMBER")])
    # .mamoru.toml nearer than pyproject.toml wins
    (tmp_path / "deep" / ".mamoru.toml").write_text(
        'entities = ["JP_MY_NUMBER"]\n', encoding="utf-8")
    assert _scan_rows(capsys, str(share), "--inventory", inv) == (
        1, [("b.txt", "JP_MY_NUMBER")])
    # a threshold above every score: nothing reported, exit 0
    (tmp_path / "deep" / ".mamoru.toml").write_text("min_score = 0.99\n", encoding="utf-8")
    assert _scan_rows(capsys, str(share), "--inventory", inv) == (0, [])
    # the command line wins over the file
    assert _scan_rows(capsys, str(share), "--inventory", inv, "--min-score", "0.5")[1] == [
        ("a.txt", "PHONE_NUMBER"), ("b.txt", "JP_MY_NUMBER")]


def test_explicit_config_file_and_its_inventory(tmp_path, monkeypatch, capsys):
    share = _share(tmp_path)
    conf = tmp_path / "etc" / "mamoru.toml"
    conf.parent.mkdir()
    conf.write_text('inventory = "inv/inventory.sqlite"\nexclude = ["a.txt"]\n',
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _scan_rows(capsys, str(share), "--config", str(conf)) == (
        1, [("b.txt", "JP_MY_NUMBER")])
    assert (tmp_path / "etc" / "inv" / "inventory.sqlite").is_file()  # relative to the file
    assert not (tmp_path / ".mamoru").exists()
    assert main(["inventory", "--config", str(conf), "--format", "jsonl"]) == 1
    capsys.readouterr()


def test_allow_mynumber_from_the_configuration(tmp_path, monkeypatch, capsys):
    share = _share(tmp_path)
    monkeypatch.chdir(tmp_path)
    main(["scan", str(share)])
    capsys.readouterr()
    assert main(["inventory"]) == 1  # a My Number outside any allowed place
    (tmp_path / ".mamoru.toml").write_text('allow_mynumber = ["*/fixtures/*"]\n',
                                           encoding="utf-8")
    assert main(["inventory"]) == 0
    (tmp_path / ".mamoru.toml").write_text('allow_mynumber = ["*/payroll/*"]\n',
                                           encoding="utf-8")
    assert main(["inventory"]) == 1
    assert main(["inventory", "--allow-mynumber", "*/fixtures/*"]) == 0  # added to the file's
    capsys.readouterr()


@pytest.mark.parametrize("argv", [
    ["scan", "share"], ["scan-db", "sqlite:///x.db"], ["inventory"], ["analyze", "in.txt"],
    ["mask", "in.txt", "--out", "out.txt"],
])
def test_unknown_key_is_refused_by_every_command(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "share").mkdir()
    (tmp_path / "in.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / ".mamoru.toml").write_text('allow_my_number = ["*/payroll/*"]\n',
                                           encoding="utf-8")
    assert main(["--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / '.mamoru.toml'}: unknown key 'allow_my_number' (did you mean " \
           "'allow_mynumber'?)" in err
    assert "Traceback" not in err
    assert not (tmp_path / ".mamoru").exists() and not (tmp_path / "out.txt").exists()


def test_unknown_key_message_in_japanese(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mamoru.toml").write_text("min_scor = 0.7\n", encoding="utf-8")
    assert main(["--lang", "ja", "scan", "."]) == 2
    assert "不明なキー 'min_scor'（'min_score' のことですか？）" in capsys.readouterr().err


def test_missing_config_file_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "inventory", "--config", "nope.toml"]) == 2
    assert "nope.toml: configuration file not found" in capsys.readouterr().err


def test_policy_table_passes_through_untouched(tmp_path):
    policy = {"categories": [{"id": "staff", "name": "従業員名簿", "paths": ["hr/**"]}]}
    (tmp_path / ".mamoru.toml").write_text(
        'min_score = 0.6\n[[policy.categories]]\nid = "staff"\nname = "従業員名簿"\n'
        'paths = ["hr/**"]\n', encoding="utf-8")
    config = command_config(start=tmp_path / ".")
    assert config.tables == {"policy": policy}
    assert config.min_score == 0.6
