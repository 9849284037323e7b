"""Helpers for the adversarial suite: run the real CLI, read its JSON Lines output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import main

PHONES = ("090-1111-2222", "080-3333-4444", "070-5555-6666")


def records(encoding: str = "utf-8") -> str:
    """Three lines of personal data, one phone number each."""
    return "".join(f"氏名 山田太郎 電話 {p} 東京都千代田区\n" for p in PHONES)


@pytest.fixture
def scan(capsys, tmp_path: Path):
    """`scan(*paths, *options)` -> (exit code, findings (dicts), summary, stderr)."""

    def run(*args: str) -> tuple[int, list[dict], dict, str]:
        code = main(["--lang", "en", "scan", *args, "--inventory",
                     str(tmp_path / "inventory.sqlite"), "--format", "jsonl"])
        out, err = capsys.readouterr()
        rows = [json.loads(line) for line in out.splitlines()]
        summary = json.loads(err.strip().splitlines()[-1])
        return code, rows, summary, err

    return run


def phones_found(rows: list[dict]) -> list[dict]:
    """The phone findings, in order (previews are masked: the last four digits stay)."""
    return [r for r in rows if r["entity_type"] == "PHONE_NUMBER"]
