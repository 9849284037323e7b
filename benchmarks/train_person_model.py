"""Train `recognizers/person_model.json`, the re-scorer of names found in prose (issue 15).

Data: `../shared/benchmarks/wiki_ner.jsonl`, the Stockmark NER dataset of Japanese
Wikipedia sentences (stockmarkteam/ner-wikipedia-dataset v2.0, CC-BY-SA 3.0; `source`
of each record), its training part only. The split is fixed by the record's id: a record
is held out when the first byte of SHA-1(id) is below 52 (about 20 %); held-out records
are never read here, and `accuracy.py --heldout` / `false_positives.py` score them. The
GSD set (UD_Japanese-GSD) is never trained on.

Examples: every PERSON candidate of the rules with a pattern in
`person_model.RESCORED`, generated with the model switched off; label 1 when at least
half of it lies on a gold 人名 span (score.py's rule). Model: L2-regularized logistic
regression, full-batch gradient descent in numpy from zero weights (deterministic);
features seen fewer than twice are dropped. The threshold is the lowest whose
out-of-fold precision (5 folds by record id, within the training part) is 0.92 or more.

`.venv/bin/python benchmarks/train_person_model.py [--shared DIR]`
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wiki_split import heldout  # noqa: E402

from recognizers import person_model  # noqa: E402
from scanner.engine import Engine, EngineConfig  # noqa: E402
from scanner.normalize import normalize  # noqa: E402

PERSON_LABELS = ("PERSON", "人名")
TARGET_PRECISION = 0.92


def examples(records: list[dict]) -> tuple[list[list[str]], list[int], list[int]]:
    """Features and labels of the rules' prose candidates, model off."""
    collected: list[tuple[str, object]] = []

    def record(text, cands):
        collected.extend((text, c) for c in cands if c.pattern in person_model.RESCORED)
        return cands

    person_model.rescore, original = record, person_model.rescore
    try:
        engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
        feats: list[list[str]] = []
        labels: list[int] = []
        folds: list[int] = []  # cross-validation fold of each candidate, by its record
        for rec in records:
            text = rec["text"]
            if len(normalize(text).text) != len(text):
                continue  # offsets of the rules' text would differ from the gold's
            gold = [(e["start"], e["end"]) for e in rec["entities"] if e["label"] in PERSON_LABELS]
            collected.clear()
            engine.analyze(text, min_score=0.0)
            for norm_text, c in collected:
                on_gold = sum(max(0, min(c.end, e) - max(c.start, s)) for s, e in gold)
                labels.append(int(on_gold * 2 >= c.end - c.start))
                folds.append(hashlib.sha1(rec["id"].encode("utf-8")).digest()[1] % 5)
                feats.append(person_model.features(norm_text, c.start, c.end, c.pattern, c.score))
    finally:
        person_model.rescore = original
    return feats, labels, folds


def train(feats: list[list[str]], labels: list[int]) -> tuple[float, dict[str, float]]:
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, n in counts.items() if n >= 2)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [sorted({index[f] for f in fs if f in index}) for fs in feats]
    lengths = np.array([len(r) for r in rows])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(len(vocab), dtype=np.float64)
    b = 0.0
    lam, rate = 1e-3, 0.5
    for _ in range(3000):
        z = np.add.reduceat(w[indices], starts) + b  # every row holds its pattern feature
        err = 1.0 / (1.0 + np.exp(-z)) - y
        grad = np.bincount(indices, weights=np.repeat(err, lengths), minlength=len(vocab))
        w -= rate * (grad / len(y) + lam * w)
        b -= rate * float(err.mean())
    weights = {f: round(float(v), 4) for f, v in zip(vocab, w, strict=True) if abs(v) >= 1e-3}
    return round(b, 4), weights


def out_of_fold(feats: list[list[str]], labels: list[int], folds: list[int]) -> np.ndarray:
    """Each candidate's probability from a model trained on the other four folds."""
    probs = np.zeros(len(labels))
    for k in range(5):
        train_rows = [i for i, f in enumerate(folds) if f != k]
        bias, weights = train([feats[i] for i in train_rows], [labels[i] for i in train_rows])
        for i, f in enumerate(folds):
            if f == k:
                z = bias + sum(weights.get(x, 0.0) for x in feats[i])
                probs[i] = 1.0 / (1.0 + np.exp(-z))
    return probs


def threshold(probs: np.ndarray, labels: np.ndarray) -> float:
    for t in np.arange(0.30, 0.95, 0.01):
        kept = probs >= t
        print(f"  t={t:.2f} precision {labels[kept].mean():.3f} "
              f"recall {labels[kept].sum() / labels.sum():.3f}")
        if kept.sum() and labels[kept].mean() >= TARGET_PRECISION:
            return round(float(t), 2)
    return 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")
    path = shared / "benchmarks" / "wiki_ner.jsonl"
    with path.open(encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if not heldout(r["id"])]
    feats, labels, folds = examples(records)
    probs = out_of_fold(feats, labels, folds)
    t = threshold(probs, np.asarray(labels))
    bias, weights = train(feats, labels)
    model = {
        "about": (
            "Logistic regression re-scoring PERSON candidates found in prose; trained by "
            "benchmarks/train_person_model.py on the training part of wiki_ner.jsonl "
            "(stockmarkteam/ner-wikipedia-dataset v2.0, CC-BY-SA 3.0; held out: first "
            f"byte of SHA-1(id) < 52). {len(records)} records, {len(labels)} candidates, "
            f"{sum(labels)} on a person."
        ),
        "bias": bias,
        "threshold": t,
        "weights": dict(sorted(weights.items())),
    }
    person_model.MODEL_PATH.write_text(
        json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{len(records)} records, {len(labels)} candidates ({sum(labels)} positive), "
          f"{len(weights)} weights, threshold {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
