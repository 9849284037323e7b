"""The inventory store: file mode, WAL, scan records, dead scans, extension tables."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect, select

from scanner.inventory import schema, store
from scanner.inventory.store import open_store


def test_sqlite_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "inv.sqlite"
    s = open_store(str(path))
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    s.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert set(inspect(open_store(str(path)).engine).get_table_names()) >= {
        "mamoru_scans", "mamoru_assets", "mamoru_findings", "mamoru_fingerprints"}


def test_default_path_is_under_cwd(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_store(None).dispose()
    assert (tmp_path / ".mamoru" / "inventory.sqlite").is_file()


def test_begin_and_finish_scan(tmp_path: Path) -> None:
    s = open_store(str(tmp_path / "inv.sqlite"))
    scan_id = s.begin_scan("files", ["/data"], {"jobs": 2})
    s.finish_scan(scan_id, status="complete", counts={"read": 3}, errors=["x: boom"])
    with s.engine.connect() as conn:
        row = conn.execute(select(schema.scans).where(schema.scans.c.id == scan_id)).one()
    assert (row.kind, row.status, row.targets, row.settings, row.counts, row.errors) == (
        "files", "complete", ["/data"], {"jobs": 2}, {"read": 3}, ["x: boom"])
    assert row.pid == os.getpid() and row.finished_at >= row.started_at


def test_scans_of_dead_processes_become_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    code = (
        "from scanner.inventory.store import open_store\n"
        f"open_store({str(path)!r}).begin_scan('files', ['/x'], {{}})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
    s = open_store(str(path))
    live = s.begin_scan("files", ["/y"], {})
    with s.engine.connect() as conn:
        statuses = dict(conn.execute(select(schema.scans.c.id, schema.scans.c.status)).all())
    assert statuses == {1: "interrupted", live: "running"}


def test_create_all_imports_extension_modules(tmp_path: Path, monkeypatch) -> None:
    module_dir = tmp_path / "ext"
    module_dir.mkdir()
    (module_dir / "inventory_ext_probe.py").write_text(
        "from sqlalchemy import Column, Integer, Table\n"
        "from scanner.inventory.schema import metadata\n"
        "probe = Table('inventory_ext_probe', metadata, Column('id', Integer, primary_key=True))\n"
    )
    monkeypatch.syspath_prepend(str(module_dir))
    monkeypatch.setattr(store, "EXTENSION_MODULES", ("inventory_ext_probe", "no_such_module_x"))
    try:
        s = open_store(str(tmp_path / "inv.sqlite"))
        assert "inventory_ext_probe" in inspect(s.engine).get_table_names()
    finally:
        schema.metadata.remove(schema.metadata.tables["inventory_ext_probe"])
        sys.modules.pop("inventory_ext_probe", None)
