"""Katakana in translation catalogues and keyed data is a word, not a name (issue 15).

A place, a currency or a script standing as the whole value of a key that names no person
(`Europe/Kirov=キーロフ`, a JSON value under `MTL`) is not reported; under a key or column
that names a person (`author`, `sei_kana`, 申込者) it still is. The real catalogues are
Django's and Babel's Japanese ones, as the packages ship them (dev dependencies).
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from test_accuracy_samples import ROOT

from scanner.engine import Engine, EngineConfig

ENGINE = Engine(EngineConfig(entities=frozenset({"PERSON"})))


def names(text: str, keys: tuple[str, ...] = ()) -> list[tuple[str, float]]:
    return [(f.text, f.score) for f in ENGINE.analyze(text, context=keys)]


@pytest.mark.parametrize(
    "text",
    [
        "Europe/Kirov=キーロフ\nMTL=マルタ リラ\n",  # .properties
        'tz:\n  Europe/Kirov: キーロフ\n  MTL: "マルタ リラ"\n',  # YAML
        '{\n  "Europe/Kirov": "キーロフ",\n  "MTL": "マルタ リラ"\n}',  # JSON read as text
        "Pauc=パウ・チン・ハウ文字\n",  # a script's name: a name before 文字 is no person
        "パウ・チン・ハウ文字で書かれた碑文",
    ],
)
def test_catalogue_words_are_not_names(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("author=マルタ リラ\n", [("マルタ リラ", 0.7)]),
        ("sei_kana: ヤマダ タロウ\n", [("ヤマダ タロウ", 0.7)]),
        ("申込者=ヤマダ タロウ\n", [("ヤマダ タロウ", 0.9)]),  # a label of its own
        ("MTL=マルタ リラ様\n", [("マルタ リラ", 0.9)]),  # an honorific says person
        ("キーロフ\nマルタ リラ", [("キーロフ", 0.6), ("マルタ リラ", 0.7)]),  # no key
    ],
)
def test_names_under_person_keys_or_without_keys_stay(text, expected):
    assert names(text) == expected


def test_json_and_column_keys_decide_as_headers():
    assert names("キーロフ", ("Europe/Kirov",)) == []
    assert names("マルタ リラ", ("currency",)) == []
    assert names("マルタ リラ", ("author",)) == [("マルタ リラ", 0.7)]
    assert names("ヤマダ タロウ", ("連絡先",)) == [("ヤマダ タロウ", 0.7)]


def _false_positives():
    sys.path.insert(0, str(ROOT / "benchmarks"))  # its own imports (wiki_split)
    spec = importlib.util.spec_from_file_location(
        "mamoru_bench_false_positives", ROOT / "benchmarks" / "false_positives.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_django_and_babel_japanese_catalogues_hold_no_person():
    docs = _false_positives().i18n_files()
    assert len(docs) >= 15 and sum(map(len, docs)) > 90_000  # Django's 13 .po, Babel's 5
    engine = Engine(EngineConfig())
    found = [(f.entity_type, f.text) for doc in docs for f in engine.analyze(doc)]
    assert found == []
