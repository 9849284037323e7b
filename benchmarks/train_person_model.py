"""Train `recognizers/person/model.json`, the re-scorer of names found in prose (issue 15).

Data: `../shared/benchmarks/wiki_ner.jsonl`, the Stockmark NER dataset of Japanese
Wikipedia sentences (stockmarkteam/ner-wikipedia-dataset v2.0, CC-BY-SA 3.0; `source`
of each record), its training part only. The split is fixed by the record's id: a record
is held out when the first byte of SHA-1(id) is below 52 (about 20 %); held-out records
are never read here, and `accuracy.py --heldout` / `false_positives.py` score them. The
GSD set (UD_Japanese-GSD) is never trained on.

Examples: every PERSON candidate of the rules with a pattern in
`person_model.RESCORED`, generated with the model switched off; label 1 when at least
half of it lies on a gold 人名 span (score.py's rule). Model: two L2-regularized logistic
regressions, full-batch gradient descent in numpy from zero weights (deterministic),
sparse features seen fewer than twice dropped, each trained on every candidate: the first
on `person_model.features` and the word vectors of `person_model.own_vector`, the second
also on `person_model.context_features` (words around and their vectors). The first
decides alone outside its uncertain band [LOW, HIGH); the second's threshold is the
lowest whose out-of-fold findings (5 folds by record id, within the training part) have
precision 0.92 or more and number at most 3.5 per 10,000 characters of no-person text.

`.venv/bin/python benchmarks/train_person_model.py [--shared DIR]`
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wiki_split import heldout  # noqa: E402

from recognizers.person import model as person_model  # noqa: E402
from scanner.engine import Engine, EngineConfig  # noqa: E402
from scanner.normalize import normalize  # noqa: E402

PERSON_LABELS = ("PERSON", "人名")
TARGET_PRECISION = 0.92
MAX_PER_10K = 3.5  # out-of-fold findings per 10,000 characters of no-person text
# The first stage's uncertain band, where the second decides: on the training part, out
# of fold, it holds about a fifth of the candidates and brings most of the second
# stage's gain (see benchmarks/README.md, "The name model").
LOW, HIGH = 0.3, 0.9
# Gradient descent's step and L2 strengths, sparse and dense: out of fold, the word vectors
# gain most from a weak penalty (1e-4 over 1e-3 and 1e-2).
RATE, LAMBDA, LAMBDA_DENSE = 0.5, 1e-3, 1e-4


@dataclass
class Examples:
    """The rules' prose candidates, model off: features of both stages, labels, folds."""

    feats: list[list[str]] = field(default_factory=list)
    context: list[list[str]] = field(default_factory=list)  # the second stage's own
    own: list[np.ndarray] = field(default_factory=list)  # the first stage's word vectors
    around: list[np.ndarray] = field(default_factory=list)  # the second stage's
    labels: list[int] = field(default_factory=list)
    folds: list[int] = field(default_factory=list)  # cross-validation fold, by record
    no_person: list[bool] = field(default_factory=list)  # in a record with no gold name
    bodies: list[bool] = field(default_factory=list)  # never raised (names_a_body)
    no_person_chars: int = 0


def examples(records: list[dict]) -> Examples:
    """Features and labels of the rules' prose candidates, model off."""
    collected: list[tuple[str, object]] = []

    def record(text, cands):
        collected.extend((text, c) for c in cands if c.pattern in person_model.RESCORED)
        return cands

    person_model.rescore, original = record, person_model.rescore
    try:
        engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
        ex = Examples()
        for rec in records:
            text = rec["text"]
            if len(normalize(text).text) != len(text):
                continue  # offsets of the rules' text would differ from the gold's
            gold = [(e["start"], e["end"]) for e in rec["entities"] if e["label"] in PERSON_LABELS]
            ex.no_person_chars += 0 if gold else len(text)
            collected.clear()
            engine.analyze(text, min_score=0.0)
            for norm_text, c in collected:
                on_gold = sum(max(0, min(c.end, e) - max(c.start, s)) for s, e in gold)
                ex.labels.append(int(on_gold * 2 >= c.end - c.start))
                ex.folds.append(hashlib.sha1(rec["id"].encode("utf-8")).digest()[1] % 5)
                ex.feats.append(
                    person_model.features(norm_text, c.start, c.end, c.pattern, c.score)
                )
                context, around = person_model.context_features(norm_text, c.start, c.end)
                ex.context.append(context)
                ex.own.append(person_model.own_vector(norm_text[c.start : c.end]))
                ex.around.append(around)
                ex.no_person.append(not gold)
                ex.bodies.append(person_model.names_a_body(c.value))
    finally:
        person_model.rescore = original
    return ex


def train(
    feats: list[list[str]], dense: np.ndarray, labels: list[int]
) -> tuple[float, dict[str, float], list[float]]:
    """Bias, sparse weights and dense weights of one logistic regression."""
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, n in counts.items() if n >= 2)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [sorted({index[f] for f in fs if f in index}) for fs in feats]
    lengths = np.array([len(r) for r in rows])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    y = np.asarray(labels, dtype=np.float64)
    dense = dense.astype(np.float64)
    w = np.zeros(len(vocab), dtype=np.float64)
    wd = np.zeros(dense.shape[1], dtype=np.float64)
    b = 0.0
    for _ in range(3000):
        z = np.add.reduceat(w[indices], starts) + dense @ wd + b  # every row has a pattern
        err = 1.0 / (1.0 + np.exp(-z)) - y
        grad = np.bincount(indices, weights=np.repeat(err, lengths), minlength=len(vocab))
        w -= RATE * (grad / len(y) + LAMBDA * w)
        wd -= RATE * (dense.T @ err / len(y) + LAMBDA_DENSE * wd)
        b -= RATE * float(err.mean())
    weights = {f: round(float(v), 4) for f, v in zip(vocab, w, strict=True) if abs(v) >= 1e-3}
    return round(b, 4), weights, [round(float(v), 4) for v in wd]


def out_of_fold(
    feats: list[list[str]], dense: np.ndarray, labels: list[int], folds: list[int]
) -> np.ndarray:
    """Each candidate's probability from a model trained on the other four folds."""
    probs = np.zeros(len(labels))
    for k in range(5):
        train_rows = [i for i, f in enumerate(folds) if f != k]
        bias, weights, wd = train(
            [feats[i] for i in train_rows], dense[train_rows], [labels[i] for i in train_rows]
        )
        for i, f in enumerate(folds):
            if f == k:
                z = bias + sum(weights.get(x, 0.0) for x in feats[i]) + float(dense[i] @ wd)
                probs[i] = 1.0 / (1.0 + np.exp(-z))
    return probs


def threshold(first: np.ndarray, second: np.ndarray, ex: Examples) -> float:
    """The lowest second-stage threshold whose out-of-fold findings (the first stage's at
    or above HIGH, the second's in the band) have precision 0.92 or more and number at
    most 3.5 per 10,000 characters of no-person text (MAX_PER_10K)."""
    labels = np.asarray(ex.labels)
    in_band = (first >= LOW) & (first < HIGH)
    never = np.asarray(ex.bodies)
    no_person = np.asarray(ex.no_person)
    for t in np.arange(0.30, 0.95, 0.01):
        kept = ((first >= HIGH) | (in_band & (second >= t))) & ~never
        per_10k = (kept & no_person).sum() / ex.no_person_chars * 1e4
        precision = labels[kept].mean()
        recall = labels[kept].sum() / labels.sum()
        print(f"  t={t:.2f} precision {precision:.3f} recall {recall:.3f} "
              f"no-person findings per 10k {per_10k:.2f}")
        if precision >= TARGET_PRECISION and per_10k <= MAX_PER_10K:
            return round(float(t), 2)
    return 0.95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")
    path = shared / "benchmarks" / "wiki_ner.jsonl"
    with path.open(encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if not heldout(r["id"])]
    ex = examples(records)
    both = [f + c for f, c in zip(ex.feats, ex.context, strict=True)]
    own, around = np.stack(ex.own), np.stack(ex.around)
    first = out_of_fold(ex.feats, own, ex.labels, ex.folds)
    t = threshold(first, out_of_fold(both, around, ex.labels, ex.folds), ex)
    in_band = ((first >= LOW) & (first < HIGH)).mean()
    bias, weights, dense = train(ex.feats, own, ex.labels)
    bias2, weights2, dense2 = train(both, around, ex.labels)
    labels = ex.labels
    model = {
        "about": (
            "Logistic regression re-scoring PERSON candidates found in prose, in two stages; "
            "trained by benchmarks/train_person_model.py on the training part of "
            "wiki_ner.jsonl (stockmarkteam/ner-wikipedia-dataset v2.0, CC-BY-SA 3.0; held "
            f"out: first byte of SHA-1(id) < 52). {len(records)} records, {len(labels)} "
            f"candidates, {sum(labels)} on a person."
        ),
        "bias": bias,
        "threshold": HIGH,
        "low": LOW,
        "weights": dict(sorted(weights.items())),
        "dense": dense,
        "context": {
            "bias": bias2, "threshold": t, "weights": dict(sorted(weights2.items())),
            "dense": dense2,
        },
    }
    person_model.MODEL_PATH.write_text(
        json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{len(records)} records, {len(labels)} candidates ({sum(labels)} positive), "
          f"{len(weights)} + {len(weights2)} weights, band [{LOW}, {HIGH}) "
          f"({in_band:.1%} of the candidates), second threshold {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
