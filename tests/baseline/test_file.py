"""The baseline file format: round trip, validation, merging audit status."""

from __future__ import annotations

import json
import stat
from dataclasses import replace

import pytest
from support.cli import english_sentences

from scanner.hook.baseline import (
    BaselineEntry,
    BaselineError,
    key_id,
    load_baseline,
    new_baseline,
    save_baseline,
)
from scanner.i18n import Lang

KEY = b"file-test-key"
A = BaselineEntry("a.txt", "JP_MY_NUMBER", "f" * 32, "**** **** 9018")
B = BaselineEntry("b.txt", "PHONE_NUMBER", "0" * 32, "03-****-5678")


def test_round_trip_is_sorted_and_stable(tmp_path):
    path = tmp_path / "baseline.json"
    baseline = new_baseline([B, A, A], entities={"PHONE_NUMBER", "JP_MY_NUMBER"},
                            min_score=0.6, key=KEY)
    save_baseline(path, baseline)
    first = path.read_bytes()
    assert load_baseline(path) == baseline
    save_baseline(path, load_baseline(path))
    assert path.read_bytes() == first
    data = json.loads(first)
    assert [e["path"] for e in data["entries"]] == ["a.txt", "b.txt"]
    assert data["settings"] == {"entities": ["JP_MY_NUMBER", "PHONE_NUMBER"], "min_score": 0.6}
    assert data["key_id"] == key_id(KEY) != key_id(b"other")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_updated_keeps_status_of_known_entries_and_drops_gone_ones():
    real_a = replace(A, status="real")
    c = BaselineEntry("c.txt", "EMAIL_ADDRESS", "c" * 32, "t***@example.jp")
    old = new_baseline([real_a, B], entities=None, min_score=0.5, key=KEY)
    assert old.updated([c, A]).entries == (real_a, c)


def test_missing_file_is_none(tmp_path):
    assert load_baseline(tmp_path / "none.json") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON (line 1, column 1)"),
        ('{"version": 2}', "not a mamoru baseline of format version 1"),
        ('{"version": 1}', "malformed baseline ('settings')"),
        ('{"version": 1, "settings": {"entities": null, "min_score": 0.5}, "key_id": "k", '
         '"entries": [{"path": "a"}]}', "malformed baseline"),
        ('{"version": 1, "settings": {"entities": null, "min_score": 0.5}, "key_id": "k", '
         '"entries": [{"path": "a", "entity_type": "T", "fingerprint": "f", "preview": "p", '
         '"status": "maybe"}]}', "unknown status ['maybe']"),
    ],
)
def test_broken_files_are_errors(tmp_path, text, message):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    japanese = info.value.text(Lang("ja"))
    assert japanese.startswith(f"{path}: ") and english_sentences(japanese) == []
