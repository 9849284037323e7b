"""How PERSON F1 and no-person findings trade off as the name model is made stricter.

usage: python benchmarks/name_model_frontier.py [--at 0.5 0.7 0.9 0.99] [--shared DIR]

At each level t a name found in prose is reported only when the model's probability is
also at least t (on top of its own thresholds). Printed per level: PERSON precision,
recall and F1 on wiki_ner's held-out fifth and on GSD (score.py's rules: a gold name is
found when findings cover half of it, a finding is right when half of it lies on gold),
and PERSON findings per 10,000 characters of their sentences that hold no person.
Aggregates only: the held-out sentences are never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from failures import covered  # noqa: E402
from wiki_split import heldout  # noqa: E402

PERSON_LABELS = ("PERSON", "人名")


def records(path: Path, keep) -> list[tuple[str, list[tuple[int, int]]]]:
    with path.open(encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if keep(r)]
    return [(r["text"], [(e["start"], e["end"]) for e in r["entities"]
                         if e["label"] in PERSON_LABELS]) for r in rows]


def scores(engine, corpus) -> str:
    gold_n = gold_found = pred_n = pred_right = no_person = no_person_chars = 0
    for text, gold in corpus:
        found = [(f.start, f.end) for f in engine.analyze(text) if f.score >= 0.5]
        gold_n += len(gold)
        gold_found += sum(covered(found, s, e) * 2 >= e - s for s, e in gold)
        pred_n += len(found)
        pred_right += sum(covered(gold, s, e) * 2 >= e - s for s, e in found)
        if not gold:
            no_person += len(found)
            no_person_chars += len(text)
    p, r = pred_right / max(pred_n, 1), gold_found / max(gold_n, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f1:.3f} no-person {no_person / no_person_chars * 1e4:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", type=float, nargs="+", default=[0.0, 0.7, 0.8, 0.9, 0.99])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")
    bench = shared / "benchmarks"
    wiki = records(bench / "wiki_ner.jsonl", lambda r: heldout(r["id"]))
    gsd = records(bench / "gsd_ne_devtest.jsonl", lambda r: True)

    from recognizers.person import model as person_model
    from scanner.engine import Engine, EngineConfig

    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    model_probability = person_model.probability
    for level in args.at:
        def stricter(text, cand, level=level):
            p, name = model_probability(text, cand)
            return p, name and p >= level

        person_model.probability = stricter
        print(f"t={level:.2f}  wiki held-out {scores(engine, wiki)}  |  GSD {scores(engine, gsd)}",
              flush=True)
    person_model.probability = model_probability
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
