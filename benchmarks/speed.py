"""Characters per second of mamoru and of plain Presidio + GiNZA, on one core, same run.

usage: python benchmarks/speed.py [--quick] [--mb 4] [--presidio-chars 30000] [--json]

Two texts, cut into documents of about 64 KB as files would be:
- business text: the labelled sample records (forms, HR records, inquiries, logs, ...)
  mixed with plain Japanese prose (the public sentences in `<shared>/benchmarks/`) so
  that the records make up `--pii-share` (10%) of the characters: documents in which
  personal data is a minority, as in a file share;
- PII-dense text: the sample records alone, shuffled and repeated (about one finding
  every 40 characters), the hardest case for any scanner.
Measured in one process: mamoru on the structured recognizers only; the default mode
(all recognizers, names and addresses included); `thorough=True` on the smaller slice;
Presidio + GiNZA set up plainly on the smaller slice, with the ratios. Also start-up
(wall time of `mamoru analyze` on a one-line file, best and median of several runs)
and the peak RSS of one default engine over the samples, measured in a child process
so GiNZA loaded here does not count.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from failures import ROOT, STRUCTURED_TYPES, load_jsonl, make_engine

DOC_CHARS = 64 * 1024
# GiNZA's tokenizer (SudachiPy) refuses inputs over 49,149 UTF-8 bytes: slice documents
# stay well below that.
SLICE_DOC_CHARS = 4096
STARTUP_TEXT = "お問い合わせは 03-1234-5678 まで\n"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TORCH_NUM_THREADS")


def one_core() -> None:
    """No BLAS/OpenMP thread pools for spaCy/GiNZA; must run before numpy is imported."""
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")


def sample_texts() -> list[str]:
    texts = [r["text"] for p in sorted((ROOT / "samples").glob("*.jsonl")) for r in load_jsonl(p)]
    if not texts:
        raise SystemExit("no samples/*.jsonl to build business text from")
    return texts


def prose_texts() -> list[str]:
    """Public Japanese sentences (wiki_ner, GSD) from the shared benchmarks, if present."""
    shared = Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared") / "benchmarks"
    texts: list[str] = []
    for name in ("wiki_ner.jsonl", "gsd_ne_devtest.jsonl"):
        if (shared / name).exists():
            texts.extend(r["text"] for r in load_jsonl(shared / name))
    return texts


def mixed_documents(
    records: list[str], prose: list[str], total_chars: int, pii_share: float, seed: int = 7
) -> list[str]:
    """Records and prose interleaved so that records are `pii_share` of the characters."""
    rng = random.Random(seed)
    parts, pii, produced = [], 0, 0
    while produced < total_chars:
        text = rng.choice(records) if pii <= pii_share * produced else rng.choice(prose)
        pii += len(text) if pii <= pii_share * produced else 0
        parts.append(text)
        produced += len(text) + 1
    joined = "\n".join(parts)
    return [joined[i : i + DOC_CHARS] for i in range(0, len(joined), DOC_CHARS)]


def business_documents(
    texts: list[str], total_chars: int, seed: int = 7, doc_chars: int = DOC_CHARS
) -> list[str]:
    """Shuffled, repeated sample records joined into documents of about `doc_chars`."""
    rng = random.Random(seed)
    docs, current, size, produced = [], [], 0, 0
    while produced < total_chars:
        batch = texts[:]
        rng.shuffle(batch)
        for text in batch:
            current.append(text)
            size += len(text) + 1
            produced += len(text) + 1
            if size >= doc_chars or produced >= total_chars:
                docs.append("\n".join(current))
                current, size = [], 0
            if produced >= total_chars:
                break
    return docs


def throughput(analyze: Callable[[str], object], docs: list[str]) -> dict:
    """chars/s of `analyze` over `docs` (after one warm-up call), by CPU time and wall time.

    CPU time of this process is the single-core figure even when other processes share
    the machine; wall time is what a user waits.
    """
    analyze(docs[0][:2000])
    chars = sum(len(d) for d in docs)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for doc in docs:
        analyze(doc)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {
        "chars": chars,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "chars_per_second": chars / cpu,
        "chars_per_second_wall": chars / wall,
    }


def mamoru_cli() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "mamoru"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli"]


def startup(runs: int) -> dict:
    """Wall seconds of `mamoru analyze FILE` on a one-line file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-line.txt"
        path.write_text(STARTUP_TEXT, encoding="utf-8")
        cmd = [*mamoru_cli(), "analyze", str(path)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        walls, codes = [], set()
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
            walls.append(time.perf_counter() - started)
            codes.add(done.returncode)
    return {
        "command": " ".join(cmd[:-1]) + " FILE",
        "best_s": round(min(walls), 3),
        "median_s": round(statistics.median(walls), 3),
        "exit_codes": sorted(codes),
    }


def rss_probe() -> dict:
    """Peak RSS of one default engine analyzing every sample record (this process).

    Linux keeps `ru_maxrss` across fork + exec, so a child started by a big parent would
    report the parent's peak; /proc's VmHWM belongs to this process image alone.
    """
    engine = make_engine(None)
    for text in sample_texts():
        engine.analyze(text)
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return {"peak_rss_mb": round(int(line.split()[1]) / 1024, 1), "source": "VmHWM"}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"peak_rss_mb": round(peak, 1), "source": "ru_maxrss"}


def peak_rss() -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--rss-probe"], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def run(args: argparse.Namespace) -> dict:
    memory = peak_rss()
    texts = sample_texts()
    prose = prose_texts()
    dense = business_documents(texts, int(args.mb * 1_000_000))
    docs = mixed_documents(texts, prose, int(args.mb * 1_000_000), args.pii_share) if prose \
        else dense
    small = [
        d[i : i + SLICE_DOC_CHARS]
        for d in mixed_documents(texts, prose or texts, args.presidio_chars, args.pii_share, 11)
        for i in range(0, len(d), SLICE_DOC_CHARS)
    ]
    out: dict = {
        "business_text_chars": sum(map(len, docs)),
        "documents": len(docs),
        "pii_share": args.pii_share if prose else 1.0,
        "slice_chars": sum(map(len, small)),
    }

    structured = make_engine(STRUCTURED_TYPES)
    out["mamoru_structured"] = throughput(structured.analyze, docs)
    out["mamoru_structured_dense"] = throughput(structured.analyze, dense)
    default = make_engine(None)
    if set(default.entities) - set(STRUCTURED_TYPES):
        out["mamoru_default"] = throughput(default.analyze, docs)
        out["mamoru_default_dense"] = throughput(default.analyze, dense)
        out["mamoru_default_slice"] = throughput(default.analyze, small)
    out["mamoru_structured_slice"] = throughput(structured.analyze, small)
    if not args.no_thorough:
        thorough = make_engine(None, thorough=True)
        out["mamoru_thorough_slice"] = throughput(thorough.analyze, small)

    if not args.no_presidio:
        import presidio_baseline

        analyzer = presidio_baseline.build_analyzer()
        out["presidio_slice"] = throughput(
            lambda text: presidio_baseline.predict(analyzer, text), small
        )
        base = out["presidio_slice"]["chars_per_second"]
        for key in ("mamoru_structured", "mamoru_default", "mamoru_thorough_slice"):
            if key in out:
                out[f"ratio_{key}_vs_presidio"] = out[key]["chars_per_second"] / base

    out["startup"] = startup(args.startup_runs)
    out["memory"] = memory
    return out


def print_report(out: dict) -> None:
    print(
        f"business text: {out['business_text_chars']:,} chars in {out['documents']} documents"
        f" (sample records {out['pii_share']:.0%} of the characters);"
        f" slice for the slow systems: {out['slice_chars']:,} chars"
    )
    for key, label in (
        ("mamoru_structured", "mamoru, structured recognizers"),
        ("mamoru_structured_dense", "mamoru, structured, PII-dense records"),
        ("mamoru_default", "mamoru, default (all recognizers)"),
        ("mamoru_default_dense", "mamoru, default, PII-dense records"),
        ("mamoru_structured_slice", "mamoru, structured, on the slice"),
        ("mamoru_default_slice", "mamoru, default, on the slice"),
        ("mamoru_thorough_slice", "mamoru, thorough=True, on the slice"),
        ("presidio_slice", "Presidio + GiNZA (plain), on the slice"),
    ):
        if key in out:
            r = out[key]
            print(
                f"  {label:42} {r['chars_per_second']:>12,.0f} chars/s CPU"
                f" {r['chars_per_second_wall']:>12,.0f} chars/s wall"
                f"  ({r['chars']:,} chars, {r['cpu_s']} s CPU, {r['wall_s']} s wall)"
            )
    for key, value in out.items():
        if key.startswith("ratio_"):
            print(f"  {key[6:]:42} {value:>12,.1f} x (CPU time)")
    s = out["startup"]
    print(
        f"start-up: `{s['command']}` best {s['best_s']} s, median {s['median_s']} s"
        f" (exit codes {s['exit_codes']})"
    )
    rss = out["memory"]["peak_rss_mb"]
    print(f"memory: one default engine over the samples, peak RSS {rss} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="0.5 MB text, 5k-char slice")
    parser.add_argument("--mb", type=float, default=4.0, help="business text size, MB of chars")
    parser.add_argument("--presidio-chars", type=int, default=30_000, help="slice size")
    parser.add_argument(
        "--pii-share", type=float, default=0.1,
        help="share of the business text's characters taken by sample records (0.1)",
    )
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--no-presidio", action="store_true", help="skip the GiNZA baseline")
    parser.add_argument("--no-thorough", action="store_true", help="skip thorough=True")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    one_core()
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # no download, ever
    if args.rss_probe:
        print(json.dumps(rss_probe()))
        return 0
    if args.quick:
        args.mb, args.presidio_chars, args.startup_runs = 0.5, 5_000, 3
    out = run(args)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print_report(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
