"""Print what the engine gets wrong on a labelled samples file, record by record.

usage: python benchmarks/failures.py [samples/structured.jsonl] [--type T] [--show-values]

For each type: false negatives (gold spans not found, with whatever was found there),
false positives (findings not on gold of their type, with the gold they overlap) and
hard negatives flagged. Matching follows ../shared/benchmarks/score.py: a gold span is
found when findings of its type cover at least half of it; a finding is correct when at
least half of it lies on gold of its type; a negative is flagged when any finding of
its `not` type touches it. Values are shown masked unless --show-values.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = ROOT / "samples" / "structured.jsonl"
# The structured types of issue 2 (a fixed contract): what structured.jsonl labels.
STRUCTURED_TYPES = (
    "JP_MY_NUMBER",
    "JP_CORPORATE_NUMBER",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "JP_POSTAL_CODE",
    "CREDIT_CARD",
    "JP_BANK_ACCOUNT",
    "JP_PASSPORT",
    "JP_DRIVERS_LICENSE",
    "JP_RESIDENCE_CARD",
    "JP_PENSION_NUMBER",
    "JP_EMPLOYMENT_INSURANCE",
    "JP_RESIDENT_CODE",
    "DATE_OF_BIRTH",
    "IP_ADDRESS",
)


def load_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """Records of a JSONL file (the first `limit` if given)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
            if limit is not None and len(out) >= limit:
                break
    return out


def labelled_types(records: Iterable[dict]) -> set[str]:
    """Entity types a corpus labels or lists hard negatives for."""
    types = set()
    for r in records:
        types.update(e["label"] for e in r["entities"])
        types.update(n["not"] for n in r.get("negatives", []))
    return types


def make_engine(entities: Iterable[str] | None = None, thorough: bool = False) -> Any:
    """A mamoru engine limited to `entities` (None: every registered type)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from scanner.engine import Engine, EngineConfig

    wanted = None if entities is None else frozenset(entities)
    return Engine(EngineConfig(entities=wanted, thorough=thorough))


def predict(engine: Any, records: list[dict]) -> dict[str, list[dict]]:
    """id -> findings (entity_type, start, end, score, text, why) for each record."""
    out = {}
    for r in records:
        out[r["id"]] = [
            {
                "entity_type": f.entity_type,
                "start": f.start,
                "end": f.end,
                "score": f.score,
                "text": f.text,
                "why": f.explanation.as_text() if f.explanation else "",
            }
            for f in engine.analyze(r["text"])
        ]
    return out


def covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> int:
    """Characters of [start, end) inside the union of `spans`."""
    chars = set()
    for s, e in spans:
        chars.update(range(max(s, start), min(e, end)))
    return len(chars)


@dataclass
class TypeResult:
    """Counts and the failing cases of one entity type."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    negatives: int = 0
    # (record, span) pairs; kept out of repr so values never reach a test log in clear
    false_negatives: list[tuple[dict, dict]] = field(default_factory=list, repr=False)
    false_positives: list[tuple[dict, dict]] = field(default_factory=list, repr=False)
    flagged: list[tuple[dict, dict]] = field(default_factory=list, repr=False)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def diagnose(
    records: list[dict], predictions: dict[str, list[dict]], types: set[str]
) -> dict[str, TypeResult]:
    """Per type: gold found, findings correct, negatives flagged, with the cases."""
    results: dict[str, TypeResult] = defaultdict(TypeResult)
    for rec in records:
        found = [f for f in predictions.get(rec["id"], []) if f["entity_type"] in types]
        by_type = defaultdict(list)
        for f in found:
            by_type[f["entity_type"]].append((f["start"], f["end"]))
        gold_by_type = defaultdict(list)
        for g in rec["entities"]:
            gold_by_type[g["label"]].append((g["start"], g["end"]))
        for g in rec["entities"]:
            res = results[g["label"]]
            res.gold += 1
            if covered(by_type[g["label"]], g["start"], g["end"]) * 2 >= g["end"] - g["start"]:
                res.found += 1
            else:
                res.false_negatives.append((rec, g))
        for f in found:
            res = results[f["entity_type"]]
            res.predicted += 1
            gold_spans = gold_by_type[f["entity_type"]]
            if covered(gold_spans, f["start"], f["end"]) * 2 >= f["end"] - f["start"]:
                res.correct += 1
            else:
                res.false_positives.append((rec, f))
        for n in rec.get("negatives", []):
            res = results[n["not"]]
            res.negatives += 1
            hits = [
                f
                for f in found
                if f["entity_type"] == n["not"] and f["start"] < n["end"] and f["end"] > n["start"]
            ]
            if hits:
                res.flagged.append((rec, {**n, "finding": hits[0]}))
    return dict(results)


def _show(text: str, entity_type: str, show_values: bool) -> str:
    if show_values:
        return repr(text)
    from scanner.privacy import preview

    return repr(preview(text, entity_type))


def _overlapping(findings: list[dict], start: int, end: int) -> list[dict]:
    return [f for f in findings if f["start"] < end and f["end"] > start]


def _describe(f: dict, show_values: bool) -> str:
    shown = _show(f["text"], f["entity_type"], show_values)
    return f"{f['entity_type']} [{f['start']},{f['end']}) {shown} {f['score']:.2f} ({f['why']})"


def report(
    results: dict[str, TypeResult],
    predictions: dict[str, list[dict]],
    *,
    only: str | None = None,
    show_values: bool = False,
) -> list[str]:
    """Lines describing every failure, type by type."""
    lines = []
    for t in sorted(results):
        if only and t != only:
            continue
        r = results[t]
        lines.append(
            f"== {t}: recall {r.found}/{r.gold} ({r.recall:.3f}), precision "
            f"{r.correct}/{r.predicted} ({r.precision:.3f}), negatives flagged "
            f"{len(r.flagged)}/{r.negatives}"
        )
        for rec, g in r.false_negatives:
            there = _overlapping(predictions.get(rec["id"], []), g["start"], g["end"])
            found = "; ".join(_describe(f, show_values) for f in there) or "nothing"
            lines.append(
                f"  FN  {rec['id']} gold [{g['start']},{g['end']}) "
                f"{_show(g['text'], t, show_values)} -> found there: {found}"
            )
        for rec, f in r.false_positives:
            gold = [g for g in rec["entities"] if g["start"] < f["end"] and g["end"] > f["start"]]
            on = ", ".join(f"{g['label']} [{g['start']},{g['end']})" for g in gold) or "no gold"
            lines.append(f"  FP  {rec['id']} {_describe(f, show_values)} -> gold there: {on}")
        for rec, n in r.flagged:
            lines.append(
                f"  NEG {rec['id']} not-{t} [{n['start']},{n['end']}) "
                f"{_show(rec['text'][n['start'] : n['end']], t, show_values)} flagged by "
                f"{_describe(n['finding'], show_values)}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="?", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--type", help="only this entity type")
    parser.add_argument("--show-values", action="store_true", help="print raw values")
    parser.add_argument("--thorough", action="store_true", help="EngineConfig(thorough=True)")
    args = parser.parse_args(argv)
    records = load_jsonl(args.samples)
    types = labelled_types(records)
    engine = make_engine(types & set(_registered()), thorough=args.thorough)
    predictions = predict(engine, records)
    results = diagnose(records, predictions, types)
    print("\n".join(report(results, predictions, only=args.type, show_values=args.show_values)))
    failing = any(r.false_negatives or r.false_positives or r.flagged for r in results.values())
    return 1 if failing else 0


def _registered() -> list[str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from recognizers.registry import ENTITY_TYPES

    return list(ENTITY_TYPES)


if __name__ == "__main__":
    sys.exit(main())
