"""`mamoru inventory` lists database tables classified by `mamoru scan-db` with the files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scanner.cli import main


def test_database_tables_are_assets_ranked_by_risk(tmp_path: Path, capsys) -> None:
    source = tmp_path / "hr.db"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, 氏名 TEXT, 個人番号 TEXT)")
        conn.executemany(
            "INSERT INTO staff (氏名, 個人番号) VALUES (?, ?)",
            [("山田太郎", "123456789018"), ("佐藤花子", "987654321018")],
        )
    inventory = str(tmp_path / "inventory.sqlite")
    assert main(["scan-db", f"sqlite:///{source}", "--inventory", inventory]) == 1
    capsys.readouterr()

    assert main(["inventory", "--inventory", inventory, "--format", "jsonl"]) == 1
    (asset,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert asset["path"] == f"sqlite:///{source}#main.staff"
    assert (asset["violation"], asset["format"]) == (True, "table")
    assert asset["entities"]["JP_MY_NUMBER"]["locations"] == [{"column": "個人番号"}]
    assert asset["entities"]["JP_MY_NUMBER"]["count"] == 2

    allowed = f"sqlite:///{source}#main.*"
    assert main(["inventory", "--inventory", inventory, "--allow-mynumber", allowed]) == 0
