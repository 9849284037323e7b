"""Regression guard: names and addresses on their labelled corpora (samples/names_addresses*.jsonl).

Every class of issue 15 (`p-…`, `a-…`) must be found with recall >= 0.95, and no hard
negative (`n-…`: timetables, readings of addresses, statute phrases) may be flagged.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from support.bench import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
TYPES = {"PERSON", "JP_ADDRESS", "JP_POSTAL_CODE"}




failures = load_benchmark("failures")
FORMS = failures.load_jsonl(ROOT / "samples" / "names_addresses_forms.jsonl")


@pytest.fixture(scope="module")
def predictions():
    return failures.predict(failures.make_engine(TYPES), FORMS)


def _classes(records):
    by_class = defaultdict(list)
    for rec in records:
        by_class[rec["id"].rsplit("-", 1)[0]].append(rec)
    return by_class


def test_every_class_has_at_least_fifty_cases():
    counts = {name: len(recs) for name, recs in _classes(FORMS).items()}
    assert len(counts) == 18
    assert min(counts.values()) >= 50, counts


@pytest.mark.parametrize("klass", sorted(_classes(FORMS)))
def test_each_class_is_found_and_no_negative_is_flagged(predictions, klass):
    records = _classes(FORMS)[klass]
    results = failures.diagnose(records, predictions, TYPES)
    details = "\n".join(failures.report(results, predictions))
    for res in results.values():
        assert res.recall >= 0.95, details
        assert res.precision >= 0.95, details
        assert not res.flagged, details


def test_the_guard_catches_a_missed_name_and_a_flagged_negative(predictions):
    """Plant both failures: drop the PERSON findings of one class, add one on a negative."""
    names = _classes(FORMS)["p-reading"]
    missing = {
        r["id"]: [f for f in predictions[r["id"]] if f["entity_type"] != "PERSON"] for r in names
    }
    assert failures.diagnose(names, missing, TYPES)["PERSON"].recall == 0.0
    statute = _classes(FORMS)["n-statute"][:1]
    neg = statute[0]["negatives"][0]
    planted = {
        statute[0]["id"]: [
            {"entity_type": "PERSON", "start": neg["start"], "end": neg["end"], "score": 0.6}
        ]
    }
    assert failures.diagnose(statute, planted, TYPES)["PERSON"].flagged
