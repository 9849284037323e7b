"""Every pattern the name recognizer reports is rendered in Japanese (`--lang ja`): a new
pattern without a catalogue entry would print its English name in a Japanese line."""

from __future__ import annotations

import ast
from pathlib import Path

from scanner.explain import catalogued

PACKAGE = Path(__file__).resolve().parents[2] / "recognizers" / "person"


def _patterns() -> set[str]:
    """The literal patterns of `recognizers/person/`: the fifth argument of `candidate` calls and
    strings assigned to `pattern`."""
    found = set()
    trees = [ast.parse(source.read_text(encoding="utf-8")) for source in PACKAGE.glob("*.py")]
    for node in (node for tree in trees for node in ast.walk(tree)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "candidate"
            and len(node.args) >= 5
            and isinstance(node.args[4], ast.Constant)
        ):
            found.add(node.args[4].value)
        if (
            isinstance(node, ast.Assign)
            and any(getattr(t, "id", None) == "pattern" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            found.add(node.value.value)
    return found


def test_every_person_pattern_has_a_japanese_rendering():
    patterns = _patterns()
    assert len(patterns) >= 25 and "name in Latin letters after a title" in patterns
    assert sorted(p for p in patterns if not catalogued(p)) == []


def test_an_uncatalogued_pattern_is_caught():
    """Planted: a pattern with no entry is reported as missing."""
    assert not catalogued("name found by a rule nobody catalogued")
