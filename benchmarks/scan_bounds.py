"""What the scan's per-file deadline costs: `mamoru scan` with its bounded workers against
the same scan without a deadline, on `scan.py`'s mixed tree.

    python benchmarks/scan_bounds.py [--files 1000] [--runs 5] [--shared DIR]

Without a deadline means what the scan did before it had one: files read in the scan's own
process for `--jobs 1`, a plain process pool for `--jobs 2`, the engine loaded once the walk
has found files to read. Both sides keep the readers' own bounds (pages, depth, sizes, the
non-blocking open), which cost little on their own. Each run is a first scan into a new
inventory, so the bounded side's workers start early (see `mamoru scan --jobs`).
Runs alternate between the two, so that the machine's load falls on both alike; each
prints wall seconds, files per second and the CPU of the scan and its workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from statistics import median

from scan import ROOT, _children_cpu, build_tree, prose_texts, sample_texts


class NoCrew:
    """The scan's `Crew` for the unbounded side: settings only, no processes."""

    def __init__(self, config, jobs: int, *, early: bool = False) -> None:
        self.config, self.jobs = config, jobs

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        pass


def unbounded_results(tasks, crew, file_timeout: float) -> Iterator:
    """`scanner.scanfiles.pool.pooled_results` with no deadline (the scan before the
    bounds): the engine loads only once the walk has found files to read."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from scanner.scanfiles.worker import init_worker, scan_task

    if not tasks:
        return
    if crew.jobs <= 1:
        init_worker(crew.config)
        yield from map(scan_task, tasks)
        return
    with ProcessPoolExecutor(crew.jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=init_worker, initargs=(crew.config,)) as pool:
        for done in as_completed([pool.submit(scan_task, task) for task in tasks]):
            yield done.result()


def run_one(side: str, tree: Path, jobs: int) -> tuple[float, float, int, int]:
    """One scan in a fresh process: (wall s, CPU s, files read, findings)."""
    inventory = Path(tempfile.mkdtemp(prefix="mamoru-bounds-")) / "inv.sqlite"
    cmd = [sys.executable, __file__, "--scan", side, str(tree), str(jobs), str(inventory)]
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}",
           "MAMORU_KEY": "benchmark-key"}
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"scan failed ({proc.returncode}): {proc.stderr[-2000:]}")
    read, findings = map(int, proc.stdout.split()[-2:])
    shutil.rmtree(inventory.parent)
    return wall, _children_cpu() - cpu, read, findings


def scan_in_this_process(side: str, tree: str, jobs: str, inventory: str) -> None:
    """The child: `mamoru scan` as the CLI runs it, unbounded if asked; prints files read
    and findings."""
    import contextlib
    import io
    import json

    from scanner import cli

    if side == "unbounded":  # (the bounded side imports nothing before the command does)
        from scanner.scanfiles import pool, run

        pool.Crew = NoCrew
        run.pooled_results = unbounded_results
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        cli.main(["scan", tree, "--inventory", inventory, "--format", "jsonl", "--jobs", jobs])
    summary = json.loads(err.getvalue().strip().splitlines()[-1])
    print(summary["read"], summary["findings"])


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--scan":
        scan_in_this_process(*sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=None,
                    help="shared data dir (default $MAMORU_SHARED, else ../shared)")
    args = ap.parse_args()
    shared = args.shared or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")
    with tempfile.TemporaryDirectory(prefix="mamoru-bounds-") as work:
        tree = Path(work) / "tree"
        build_tree(tree, args.files, sample_texts(), prose_texts(shared))
        for jobs in (1, 2):
            runs: dict[str, list[tuple[float, float, int, int]]] = {
                "bounded": [], "unbounded": []}
            for _ in range(args.runs):
                for side, results in runs.items():
                    results.append(run_one(side, tree, jobs))
            if len({r[2:] for results in runs.values() for r in results}) != 1:
                raise SystemExit("the two scans read or found different things")
            for side, results in runs.items():
                walls, cpus = [r[0] for r in results], [r[1] for r in results]
                print(f"--jobs {jobs} {side:9s}: wall {median(walls):.2f} s "
                      f"({min(walls):.2f}-{max(walls):.2f}), "
                      f"{results[0][2] / median(walls):.0f} files/s, "
                      f"CPU {median(cpus):.2f} s ({min(cpus):.2f}-{max(cpus):.2f})")


if __name__ == "__main__":
    main()
