"""PERSON and JP_ADDRESS accuracy of the name and address recognizers on their own.

usage: python benchmarks/names_accuracy.py GOLD.jsonl [--thorough] [--min-score 0.5]
       python benchmarks/names_accuracy.py --addresses ADDRESSES.tsv

A JSONL gold file is scored with the shared `score.py` (found next to the gold file or
in `../shared/benchmarks/`); the predictions hold offsets and scores only. For the
address table, every address is analyzed alone and inside a sentence, and the share of
addresses covered at least half and covered whole is printed per kind.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCES = (
    "{}",
    "{}に住んでいます。",
    "送り先: {}\t山田様",
    "所在地は{}、電話は03-1234-5678です。",
)


def make_engine(thorough: bool):
    """An engine for PERSON and JP_ADDRESS: the registered recognizers, or these two."""
    from scanner.engine import Engine, EngineConfig

    wanted = frozenset({"PERSON", "JP_ADDRESS"})
    engine = Engine(EngineConfig(thorough=thorough, entities=wanted))
    if set(engine.recognizers) == wanted:
        return engine
    return Engine(
        EngineConfig(
            thorough=thorough, extra_recognizers=own_recognizers(thorough), entities=wanted
        )
    )


def own_recognizers(thorough: bool) -> tuple:
    from recognizers.address import AddressRecognizer
    from recognizers.person import PersonRecognizer

    refiner = None
    if thorough:
        from recognizers.ginza_refiner import GinzaRefiner

        refiner = GinzaRefiner()
    return (PersonRecognizer(thorough=thorough, refiner=refiner), AddressRecognizer())


def score_jsonl(gold: Path, thorough: bool, min_score: float) -> str:
    engine = make_engine(thorough)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for line in gold.open(encoding="utf-8"):
            record = json.loads(line)
            findings = [
                {"entity_type": x.entity_type, "start": x.start, "end": x.end, "score": x.score}
                for x in engine.analyze(record["text"], min_score=0.0)
            ]
            f.write(json.dumps({"id": record["id"], "findings": findings}) + "\n")
    scorer = next(
        p
        for p in (gold.parent / "score.py", ROOT.parent / "shared/benchmarks/score.py")
        if p.is_file()
    )
    args = [sys.executable, str(scorer), str(gold), f.name, "--min-score", str(min_score)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def address_coverage(tsv: Path, min_score: float) -> str:
    engine = make_engine(False)
    stats: Counter[tuple[str, str]] = Counter()
    with tsv.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f, delimiter="\t")):
            address = row["address"]
            for template in (SENTENCES[0], SENTENCES[1 + i % 3]):
                text = template.format(address)
                start = template.index("{}")
                end = start + len(address)
                spans = [
                    (x.start, x.end)
                    for x in engine.analyze(text, min_score=min_score)
                    if x.entity_type == "JP_ADDRESS"
                ]
                covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
                kind = row["kind"]
                stats[(kind, "n")] += 1
                stats[(kind, "half")] += covered * 2 >= len(address)
                stats[(kind, "whole")] += any(s <= start and e >= end for s, e in spans)
    lines = []
    kinds = sorted({k for k, _ in stats})
    for kind in [*kinds, "ALL"]:
        pick = kinds if kind == "ALL" else [kind]
        n = sum(stats[(k, "n")] for k in pick)
        half = sum(stats[(k, "half")] for k in pick) / n
        whole = sum(stats[(k, "whole")] for k in pick) / n
        lines.append(f"{kind:22} {n:6d}  recall(half) {half:.4f}  whole span {whole:.4f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path)
    parser.add_argument("--addresses", type=Path)
    parser.add_argument("--thorough", action="store_true")
    parser.add_argument("--min-score", type=float, default=0.5)
    args = parser.parse_args()
    if args.addresses:
        print(address_coverage(args.addresses, args.min_score))
    if args.gold:
        print(score_jsonl(args.gold, args.thorough, args.min_score))
    if not (args.addresses or args.gold):
        parser.error("give a gold JSONL file or --addresses TSV")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
