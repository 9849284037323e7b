"""Given names written in hiragana after a known surname (鈴木さゆりと), issue 15."""

import pytest

from scanner.engine import Engine, EngineConfig


@pytest.fixture(scope="module")
def engine():
    return Engine(EngineConfig(entities=frozenset({"PERSON"})))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("鈴木さゆりと会った。", "鈴木さゆり"),
        ("石田あゆみの歌が流れた。", "石田あゆみ"),
        ("佐藤かおりは女優である。", "佐藤かおり"),
    ],
)
def test_surname_and_hiragana_given_name_is_one_full_name(engine, text, name):
    found = engine.analyze(text)
    assert [(f.text, f.score) for f in found] == [(name, 0.7)]


@pytest.mark.parametrize(
    ("text", "surname"),
    [("光永はこの案を呑んだ。", "光永"), ("山田はこう言った。", "山田")],
)
def test_a_particle_after_a_surname_is_no_given_name(engine, text, surname):
    """`はこ` reads as a given name, but は after a surname is the particle."""
    found = engine.analyze(text, min_score=0.0)
    assert [f.text for f in found] == [surname]
