"""Every surname of the name dataset is found in the forms business text writes it in
(`benchmarks/surname_forms.py`): a surname that opens with a Chinese surname (金子様に),
ends in a title's first kanji (松本部長) or names a place (福岡課長) included."""

from __future__ import annotations

import pytest
from support_bench import load_benchmark

from scanner.engine import Engine, EngineConfig

forms = load_benchmark("surname_forms")


@pytest.fixture(scope="module")
def engine():
    return Engine(EngineConfig(entities=frozenset({"PERSON"})))


@pytest.fixture(scope="module")
def values():
    return forms.surnames()


def test_the_dataset_gives_enough_surnames(values):
    assert len(values) > 1500


@pytest.mark.parametrize("form", forms.FORMS)
def test_each_form_finds_nearly_every_surname(engine, values, form):
    miss = forms.missed(engine, form, values)
    assert len(miss) <= len(values) // 200, f"{len(miss)} missed"  # recall >= 0.995


def test_a_miss_is_counted(engine):
    """Planted: a form where no surname is a name (a word glued before it) misses all."""
    assert forms.missed(engine, "{s}山脈を越えた。", ["田中", "鈴木"]) == ["田中", "鈴木"]
