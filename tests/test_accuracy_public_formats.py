"""Written forms from outside our own forms (issue 15): samples/public_formats.jsonl.

Each class (ids `pf-<class>-NNN`, at least 50 records, values from phonenumbers'
metadata and generated numbers checked by stdnum) must reach recall >= 0.95 with no
false positive, and no hard negative (holiday calendars, card-shaped order numbers) may
be flagged. `benchmarks/make_public_formats.py` writes the file.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from test_accuracy_samples import ROOT, failures

RECORDS = failures.load_jsonl(ROOT / "samples" / "public_formats.jsonl")
POSITIVE = ("intl_phone", "jp_phone_forms", "ip_forms", "card_bare", "kanji_numerals")
NEGATIVE = ("holiday_calendar", "other_labels")


def _kind(record_id: str) -> str:
    return record_id.split("-")[1]


@pytest.fixture(scope="module")
def found():
    engine = failures.make_engine(failures.STRUCTURED_TYPES)
    reported = failures.predict(engine, RECORDS)
    return {
        rid: [{"label": f["entity_type"], "start": f["start"], "end": f["end"]}
              for f in found if f["score"] >= 0.5]
        for rid, found in reported.items()
    }


def _covers(preds, span, label) -> bool:
    """A finding of the label covers at least half of the span (score.py's rule)."""
    need = (span["end"] - span["start"]) / 2
    return any(
        p["label"] == label and min(p["end"], span["end"]) - max(p["start"], span["start"]) >= need
        for p in preds
    )


@pytest.mark.parametrize("kind", POSITIVE)
def test_class_recall(found, kind):
    hits, total, missed = 0, 0, []
    for rec in (r for r in RECORDS if _kind(r["id"]) == kind):
        for gold in rec["entities"]:
            total += 1
            if _covers(found[rec["id"]], gold, gold["label"]):
                hits += 1
            else:
                missed.append(rec["id"])
    assert total >= 50
    assert hits / total >= 0.95, missed


@pytest.mark.parametrize("kind", POSITIVE)
def test_class_no_false_positive(found, kind):
    stray = defaultdict(list)
    for rec in (r for r in RECORDS if _kind(r["id"]) == kind):
        for p in found[rec["id"]]:
            if not _covers(rec["entities"], p, p["label"]):
                stray[rec["id"]].append(p["label"])
    assert dict(stray) == {}


@pytest.mark.parametrize("kind", NEGATIVE)
def test_hard_negatives_not_flagged(found, kind):
    records = [r for r in RECORDS if _kind(r["id"]) == kind]
    assert len(records) >= 20
    flagged = [
        r["id"] for r in records for n in r["negatives"] if _covers(found[r["id"]], n, n["not"])
    ]
    assert flagged == []
