"""Shared helpers for the ledger tests: a generated share, the CLI, the policy."""

from __future__ import annotations

import csv
import os
import random
import time
from pathlib import Path

from faker import Faker
from stdnum.jp import in_

from scanner.cli import main

CARDS = ("4111111111111111", "5555555555554444", "4012888888881881")
YEAR_S = 365 * 86_400


def my_number(i: int) -> str:
    base = f"{(98765432100 + i * 7919) % 10**11:011d}"
    return base + in_.calc_check_digit(base)


def people(n: int, seed: int, domain: str = "example.co.jp") -> list[dict]:
    """n persons with a Faker name, a unique e-mail, phone and My Number."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    return [{"氏名": fake.name(), "メールアドレス": f"p{seed}x{i}@{domain}",
             "電話番号": f"090-{rng.randint(1000, 9999)}-{i % 10000:04d}",
             "個人番号": my_number(seed * 10000 + i)} for i in range(n)]


def write_csv(path: Path, rows: list[dict], columns: list[str], mode: int = 0o640,
              age_years: float = 0.0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
    os.chmod(path, mode)
    if age_years:
        past = time.time() - age_years * YEAR_S
        os.utime(path, (past, past))


def mamoru(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def starter_policy(capsys, directory: Path) -> Path:
    code, _, err = mamoru(capsys, "--lang", "en", "policy", "init", "--config",
                          str(directory / ".mamoru.toml"))
    assert code == 0, err
    return directory / ".mamoru.toml"


def violations(out: str) -> set[tuple[str, str]]:
    """(kind label, location) of each line of `ledger --check` (English)."""
    return {tuple(line.split("\t")[::2][:2]) for line in out.splitlines() if line}
