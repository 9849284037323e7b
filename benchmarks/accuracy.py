"""Per-type precision, recall and F1 of mamoru (and plain Presidio + GiNZA) on labelled text.

usage: python benchmarks/accuracy.py [--wiki] [--gsd] [--addresses] [--public]
                                     [--baseline] [--json] [--limit N] [--shared DIR]

Always scores every `samples/*.jsonl`; each file is scored on the types it labels (a
file without PERSON labels does not count PERSON findings). With flags it also scores
the public sets in `<shared>/benchmarks/`: wiki_ner.jsonl and gsd_ne_devtest.jsonl on
PERSON (wiki_ner: only its held-out fifth, see train_person_model.py, since the name
model is trained on the rest), addresses.tsv on JP_ADDRESS recall (each address alone
and inside a sentence, plus the share whose whole span is covered). Scoring is `score()` of
`<shared>/benchmarks/score.py`, imported as is. `--baseline` runs Presidio + GiNZA set
up plainly (benchmarks/presidio_baseline.py) on the same records, side by side.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from failures import ROOT, labelled_types, load_jsonl, make_engine
from wiki_split import heldout

ADDRESS_SENTENCES = (
    "お届け先は{}です。",
    "本社所在地：{}\n",
    "書類は{}まで郵送してください。",
    "現住所 {}（自宅）",
    "住所：{}\n電話：別紙参照",
)


@dataclass
class Corpus:
    """Gold records and the entity types they are scored on."""

    name: str
    records: list[dict]
    types: frozenset[str]
    whole_span: bool = False  # also report the share of gold spans covered completely


def shared_dir(cli_value: str | None) -> Path:
    """--shared, else $MAMORU_SHARED, else <repo>/../shared."""
    chosen = cli_value or os.environ.get("MAMORU_SHARED")
    return Path(chosen) if chosen else ROOT.parent / "shared"


def load_scorer(shared: Path) -> ModuleType:
    """The shared score.py, imported from its file."""
    path = shared / "benchmarks" / "score.py"
    if not path.is_file():
        raise FileNotFoundError(f"score.py not found at {path} (use --shared DIR or MAMORU_SHARED)")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_corpora(limit: int | None) -> list[Corpus]:
    out = []
    for path in sorted((ROOT / "samples").glob("*.jsonl")):
        records = load_jsonl(path, limit)
        out.append(Corpus(f"samples/{path.name}", records, frozenset(labelled_types(records))))
    return out


def address_records(tsv: Path, limit: int | None) -> list[dict]:
    """Each address alone and inside a sentence, labelled JP_ADDRESS over its whole span."""
    records = []
    with open(tsv, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f, delimiter="\t")):
            if limit is not None and i >= limit:
                break
            address = row["address"]
            sentence = ADDRESS_SENTENCES[i % len(ADDRESS_SENTENCES)]
            embedded = (sentence.format(address), sentence.index("{}"))
            for kind, (text, at) in (("alone", (address, 0)), ("sentence", embedded)):
                end = at + len(address)
                gold = {"start": at, "end": end, "label": "JP_ADDRESS", "text": address}
                records.append({"id": f"addr-{i + 1:05d}-{kind}", "text": text, "entities": [gold]})
    return records


def public_corpora(args: argparse.Namespace, shared: Path) -> list[Corpus]:
    bench = shared / "benchmarks"
    out = []
    if args.wiki or args.public:
        records = [r for r in load_jsonl(bench / "wiki_ner.jsonl") if heldout(r["id"])]
        records = records[: args.limit] if args.limit else records
        out.append(Corpus("wiki_ner.jsonl held-out", records, frozenset({"PERSON"})))
    if args.gsd or args.public:
        records = load_jsonl(bench / "gsd_ne_devtest.jsonl", args.limit)
        out.append(Corpus("gsd_ne_devtest.jsonl", records, frozenset({"PERSON"})))
    if args.addresses or args.public:
        records = address_records(bench / "addresses.tsv", args.limit)
        out.append(Corpus("addresses.tsv", records, frozenset({"JP_ADDRESS"}), whole_span=True))
    return out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_system(predict: Callable[[str], list[dict]], corpus: Corpus) -> tuple[list[dict], float]:
    """Predictions (only the corpus's types, no raw values) and CPU seconds spent."""
    rows = []
    started = time.process_time()
    for rec in corpus.records:
        findings = [
            {k: f[k] for k in ("entity_type", "start", "end", "score")}
            for f in predict(rec["text"])
            if f["entity_type"] in corpus.types
        ]
        rows.append({"id": rec["id"], "findings": findings})
    return rows, time.process_time() - started


def whole_span_recall(scorer: ModuleType, corpus: Corpus, rows: list[dict], floor: float) -> float:
    """Share of gold spans covered end to end by findings of their type."""
    by_id = {r["id"]: r["findings"] for r in rows}
    total = whole = 0
    for rec in corpus.records:
        for g in rec["entities"]:
            spans = [
                (f["start"], f["end"])
                for f in by_id.get(rec["id"], [])
                if f["entity_type"] == g["label"] and f["score"] >= floor
            ]
            total += 1
            whole += scorer.covered(spans, g["start"], g["end"]) == g["end"] - g["start"]
    return whole / max(1, total)


def mamoru_predictor(thorough: bool) -> Callable[[str], list[dict]]:
    engine = make_engine(None, thorough=thorough)

    def predict(text: str) -> list[dict]:
        return [
            {"entity_type": f.entity_type, "start": f.start, "end": f.end, "score": f.score}
            for f in engine.analyze(text)
        ]

    return predict


def presidio_predictor() -> Callable[[str], list[dict]]:
    import presidio_baseline

    analyzer = presidio_baseline.build_analyzer()
    return lambda text: presidio_baseline.predict(analyzer, text)


def evaluate(
    corpora: list[Corpus],
    systems: dict[str, Callable[[str], list[dict]]],
    scorer: ModuleType,
    out_dir: Path,
    floor: float,
) -> dict:
    """{corpus: {system: score() result + speed (+ whole-span recall)}}."""
    results: dict[str, dict] = {}
    for corpus in corpora:
        stem = corpus.name.replace("/", "_").rsplit(".", 1)[0]
        gold_path = out_dir / f"{stem}.gold.jsonl"
        write_jsonl(gold_path, corpus.records)
        chars = sum(len(r["text"]) for r in corpus.records)
        results[corpus.name] = {"types": sorted(corpus.types), "records": len(corpus.records)}
        for name, predict in systems.items():
            rows, seconds = run_system(predict, corpus)
            pred_path = out_dir / f"{stem}.{name}.pred.jsonl"
            write_jsonl(pred_path, rows)
            res = scorer.score(str(gold_path), str(pred_path), floor)
            res["rows"] = [r for r in res["rows"] if r["type"] in corpus.types]
            res["chars_per_second"] = chars / seconds if seconds else None
            if corpus.whole_span:
                res["whole_span_recall"] = whole_span_recall(scorer, corpus, rows, floor)
            results[corpus.name][name] = res
    return results


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _row(result: dict, entity: str) -> dict | None:
    return next((r for r in result["rows"] if r["type"] == entity), None)


def print_table(results: dict, systems: list[str]) -> None:
    for corpus, by_system in results.items():
        print(f"\n## {corpus} ({by_system['records']} records)")
        head = f"{'type':24} {'gold':>5}"
        for s in systems:
            head += f" | {s + ' P':>11} {'R':>6} {'F1':>6} {'pred':>5}"
        print(head)
        for t in by_system["types"]:
            rows = {s: _row(by_system[s], t) for s in systems}
            gold = next((r["gold"] for r in rows.values() if r), 0)
            line = f"{t:24} {gold:5d}"
            for s in systems:
                r = rows[s] or {"precision": None, "recall": None, "f1": None, "pred": 0}
                line += (
                    f" | {_fmt(r['precision']):>11} {_fmt(r['recall']):>6}"
                    f" {_fmt(r['f1']):>6} {r['pred']:5d}"
                )
            print(line)
        for s in systems:
            res = by_system[s]
            negs = {t: f"{v['flagged']}/{v['total']}" for t, v in sorted(res["negatives"].items())}
            flagged = sum(v["flagged"] for v in res["negatives"].values())
            extra = ""
            if "whole_span_recall" in res:
                extra = f"  whole-span recall {res['whole_span_recall']:.3f}"
            speed = res["chars_per_second"]
            print(
                f"{s}: hard negatives flagged {flagged} {negs if flagged else ''}"
                f"  mask coverage {res['mask_coverage']:.3f}  over-mask {res['over_mask']:.4f}"
                f"{extra}  {speed:,.0f} chars/s (CPU)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wiki", action="store_true", help="score wiki_ner.jsonl (PERSON)")
    parser.add_argument("--gsd", action="store_true", help="score gsd_ne_devtest.jsonl (PERSON)")
    parser.add_argument("--addresses", action="store_true", help="JP_ADDRESS on addresses.tsv")
    parser.add_argument("--public", action="store_true", help="all three public sets")
    parser.add_argument("--baseline", action="store_true", help="also plain Presidio + GiNZA")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--limit", type=int, help="first N records of each corpus")
    parser.add_argument("--shared", help="the shared directory (default <repo>/../shared)")
    parser.add_argument("--min-score", type=float, default=0.5)
    parser.add_argument("--thorough", action="store_true", help="EngineConfig(thorough=True)")
    parser.add_argument("--out", type=Path, help="keep gold and predictions here")
    args = parser.parse_args(argv)

    shared = shared_dir(args.shared)
    try:
        scorer = load_scorer(shared)
        corpora = sample_corpora(args.limit) + public_corpora(args, shared)
    except FileNotFoundError as exc:
        print(f"accuracy.py: {exc}", file=sys.stderr)
        return 2
    systems = {"mamoru": mamoru_predictor(args.thorough)}
    if args.baseline:
        systems["presidio"] = presidio_predictor()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="mamoru-accuracy-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    results = evaluate(corpora, systems, scorer, out_dir, args.min_score)
    if args.json:
        print(json.dumps({"min_score": args.min_score, "corpora": results}, ensure_ascii=False))
    else:
        print_table(results, list(systems))
        print(f"\ngold and predictions in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
