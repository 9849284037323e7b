"""How long `mamoru hook` takes on a commit, measured as git would run it.

Builds a real temporary repository, commits 20 files, stages 2,000 added lines across
them (code and comments in Japanese, with Faker-made names, phones, e-mails and
addresses mixed in), then times `mamoru hook` as a subprocess: the whole commit, and a
commit of one file. Targets (issue 7): under 2 s and under 1.5 s wall.

    .venv/bin/python benchmarks/hook.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 20
ADDED_LINES = 2000
TARGET_FULL_S = 2.0
TARGET_ONE_FILE_S = 1.5


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def added_lines(n: int, seed: int) -> list[str]:
    """Source-like lines; about one in eight carries personal data."""
    from faker import Faker

    fake = Faker("ja_JP")
    Faker.seed(seed)
    shapes = [
        lambda i: f"    total_{i} = compute(order_{i}, tax=0.1)  # 税込みの合計を計算する",
        lambda i: f"    logger.info('注文 {i} を処理しました: %s', order_{i}.id)",
        lambda i: f"    if retries_{i} > 3:  # 再試行は三回まで",
        lambda i: f"    customer_{i} = Customer(name='{fake.name()}', tel='{fake.phone_number()}')",
        lambda i: f"    # 連絡先: {fake.email()}  住所: {fake.address()}",
        lambda i: f"    return build_report(rows_{i}, title='月次報告 {fake.date()}')",
        lambda i: f"    values_{i} = [{i}, {i * 7 % 1000}, {i * 13 % 10000}]",
        lambda i: f"    # TODO: {fake.sentence()}",
    ]
    return [shapes[i % len(shapes)](i) for i in range(n)]


def build_repo(root: Path) -> list[str]:
    git(root, "init", "-q")
    git(root, "config", "user.name", "bench")
    git(root, "config", "user.email", "bench@example.invalid")
    names = [f"src/module_{i:02d}.py" for i in range(FILES)]
    (root / "src").mkdir()
    for name in names:
        (root / name).write_text("def run():\n    pass\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    per_file = ADDED_LINES // FILES
    for i, name in enumerate(names):
        lines = added_lines(per_file, seed=i)
        body = "def run():\n" + "\n".join(lines) + "\n    pass\n"
        (root / name).write_text(body, encoding="utf-8")
    git(root, "add", ".")
    return names


def time_hook(
    root: Path, args: list[str], runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system, the hook and its git children) seconds per run."""
    mamoru = Path(sys.executable).with_name("mamoru")
    cmd = [str(mamoru), "hook", *args]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=root, env=env, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"mamoru hook failed: {done.stderr.decode(errors='replace')}")
    return walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mamoru-hook-bench-") as tmp:
        root = Path(tmp)
        names = build_repo(root)
        env = {**os.environ, "MAMORU_KEY": "benchmark", "MAMORU_LANG": "en"}
        load = os.getloadavg()[0]
        findings = subprocess.run(
            [str(Path(sys.executable).with_name("mamoru")), "hook"],
            cwd=root, env=env, capture_output=True, text=True,
        ).stdout.count("\n")
        full = time_hook(root, [], args.runs, env)
        one = time_hook(root, [names[0]], args.runs, env)
    print(f"load average before the runs: {load:.2f} on {os.cpu_count()} CPUs")
    ok = True
    for label, (walls, cpus), target in (
        (f"{FILES} files, {ADDED_LINES} added lines", full, TARGET_FULL_S),
        (f"1 file, {ADDED_LINES // FILES} added lines", one, TARGET_ONE_FILE_S),
    ):
        median = statistics.median(walls)
        met = median < target
        ok = ok and met
        print(f"{label}: wall median {median:.3f} s, best {min(walls):.3f} s; "
              f"CPU median {statistics.median(cpus):.3f} s over {len(walls)} runs "
              f"(target < {target} s wall: {'met' if met else 'MISSED'})")
    print(f"output lines of the full commit (findings + advice): {findings}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
