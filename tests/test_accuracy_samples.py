"""Regression guard: the structured recognizers on samples/structured.jsonl.

Every type of issue 2 must reach precision and recall >= 0.98 there and flag no hard
negative. On failure the message lists the records (ids, spans, masked values, what
was found); `python benchmarks/failures.py` prints the same for every type.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from stdnum import luhn
from stdnum.jp import cn, in_
from support.bench import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "structured.jsonl"
TARGET = 0.98




failures = load_benchmark("failures")
STRUCTURED = failures.STRUCTURED_TYPES
RECORDS = failures.load_jsonl(SAMPLES)


@pytest.fixture(scope="module")
def diagnosis():
    engine = failures.make_engine(STRUCTURED)
    predictions = failures.predict(engine, RECORDS)
    return failures.diagnose(RECORDS, predictions, set(STRUCTURED)), predictions


def _details(diagnosis, entity: str) -> str:
    results, predictions = diagnosis
    return "\n".join(failures.report(results, predictions, only=entity))


@pytest.mark.parametrize("entity", STRUCTURED)
def test_recall(diagnosis, entity):
    result = diagnosis[0][entity]
    gold, recall = result.gold, result.recall
    assert gold >= 40
    assert recall >= TARGET, _details(diagnosis, entity)


@pytest.mark.parametrize("entity", STRUCTURED)
def test_precision(diagnosis, entity):
    precision = diagnosis[0][entity].precision
    assert precision >= TARGET, _details(diagnosis, entity)


@pytest.mark.parametrize("entity", STRUCTURED)
def test_no_hard_negative_flagged(diagnosis, entity):
    result = diagnosis[0][entity]
    flagged = len(result.flagged)
    assert flagged == 0, _details(diagnosis, entity)


def test_corpus_offsets_are_exact():
    assert len(RECORDS) >= 300
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    for rec in RECORDS:
        for span in rec["entities"] + rec["negatives"]:
            assert 0 <= span["start"] < span["end"] <= len(rec["text"]), rec["id"]
        for e in rec["entities"]:
            exact = rec["text"][e["start"] : e["end"]] == e["text"]
            assert exact, rec["id"]
            assert e["label"] in STRUCTURED, rec["id"]


def _digits(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", value) if c.isdigit())


CHECKS = {
    "JP_MY_NUMBER": in_.is_valid,
    "JP_CORPORATE_NUMBER": cn.is_valid,
    "CREDIT_CARD": luhn.is_valid,
}


@pytest.mark.parametrize("entity", sorted(CHECKS))
def test_corpus_check_digits_pass(entity):
    labelled = [
        (r["id"], e["text"]) for r in RECORDS for e in r["entities"] if e["label"] == entity
    ]
    assert labelled
    assert [rid for rid, value in labelled if not CHECKS[entity](_digits(value))] == []
