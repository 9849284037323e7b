"""The ledger of 10,000 files and 1,000 tables is written in under 10 s of CPU
(benchmarks/ledger.py; wall time is bounded generously, the machine is shared)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from support.bench import load_benchmark


@pytest.mark.slow
def test_ten_thousand_files_and_a_thousand_tables(tmp_path, capsys):
    bench = load_benchmark("ledger")
    inventory = bench.build_inventory(tmp_path, 10_000, 1_000, 6)
    wall, cpu = bench.time_ledger(tmp_path, inventory)
    assert cpu < 10.0 and wall < 120.0, (wall, cpu)
    sheet = load_workbook(tmp_path / "台帳.xlsx", read_only=True)["台帳"]
    # file i is in PLACES[i % 6]/d{i % 100}: 300 folders; and 1,000 tables
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 1 + 300 + 1_000
