"""A shared PostgreSQL inventory (real server), in a schema of its own, dropped after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scanner.cli import main
from scanner.privacy import fingerprint

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
KEY = "pg-inventory-key"


@pytest.mark.db
def test_scan_into_postgres_and_rescan(tmp_path: Path, pg_url: str, capsys,
                                       monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", KEY)
    share = tmp_path / "share"
    share.mkdir()
    (share / "名簿.csv").write_bytes(
        "氏名,マイナンバー,電話番号\n山田太郎,123456789018,090-1234-5678\n".encode("cp932"))
    (share / "memo.txt").write_text("特になし\n", encoding="utf-8")

    assert main(["scan", str(share), "--inventory", pg_url, "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["entity_type"], r["preview"], r["fingerprint"]) for r in rows] == [
        (f"{share}/名簿.csv", "PERSON", "山田**", fingerprint("山田太郎", KEY.encode(), "PERSON")),
        (f"{share}/名簿.csv", "JP_MY_NUMBER", "********9018",
         fingerprint("123456789018", KEY.encode(), "JP_MY_NUMBER")),
        (f"{share}/名簿.csv", "PHONE_NUMBER", "090-****-5678",
         fingerprint("090-1234-5678", KEY.encode(), "PHONE_NUMBER")),
    ]
    assert json.loads(err.splitlines()[-1])["read"] == 2

    assert main(["scan", str(share), "--inventory", pg_url, "--format", "jsonl"]) == 1
    out2, err2 = capsys.readouterr()
    assert out2 == out
    summary = json.loads(err2.splitlines()[-1])
    assert (summary.get("read", 0), summary["unchanged"]) == (0, 2)

    engine = create_engine(pg_url)
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM mamoru_scans ORDER BY id")).scalars()
        assert list(statuses) == ["complete", "complete"]
        assert conn.execute(text("SELECT count(*) FROM mamoru_fingerprints")).scalar() == 3
        dumped = " ".join(str(r) for r in conn.execute(text("SELECT * FROM mamoru_findings")))
    engine.dispose()
    assert "123456789018" not in dumped and "1234-5678" not in dumped
    assert "山田太郎" not in dumped

    assert main(["inventory", "--inventory", pg_url, "--format", "jsonl"]) == 1
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(a["path"], a["violation"], a["total"]) for a in listed] == [
        (f"{share}/名簿.csv", True, 3)]
