"""`mask-db` staging: real signals to a real process leave nothing, or a clearly named
staging area the next run removes; file names stay inside `--to DIR`; one file mode;
only regular files and directories; no traceback, no password, no value in messages."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support.maskdb import all_tables, pg_databases, run_sql

from scanner.cli import main

ROOT = Path(__file__).resolve().parents[2]
ROWS = 5000


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def _members(url: str) -> None:
    run_sql(url, [
        "CREATE TABLE members (id bigint PRIMARY KEY, name text, tel text, note text)",
        "CREATE UNIQUE INDEX members_tel ON members (tel)",
        f"""INSERT INTO members SELECT g, (ARRAY['佐藤','鈴木','高橋'])[1 + g % 3] || '太郎',
            '090-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
            '注文' || g || '件目' FROM generate_series(1, {ROWS}) AS g""",
    ])


def _start(src: str, to: str) -> subprocess.Popen:
    env = {**os.environ, "MAMORU_KEY": "test-key", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "scanner.cli", "--lang", "en", "mask-db",
                             src, "--to", to], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(predicate, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached its staging step"
        time.sleep(0.05)


@contextmanager
def _held_in_staging(url: str, proc: subprocess.Popen) -> Iterator[None]:
    """Hold the run inside its copy, whatever the machine's speed: once the staging
    table appears, take it with an exclusive lock, so the run waits before its
    read-back and its rename; the lock is let go when the block ends."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            deadline = time.monotonic() + 120
            while conn.execute(text("SELECT to_regclass('mamoru_tmp_members')")).scalar() \
                    is None:
                conn.rollback()
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the run never reached its staging step"
                time.sleep(0.01)
            conn.execute(text("LOCK TABLE mamoru_tmp_members IN ACCESS EXCLUSIVE MODE"))
            assert proc.poll() is None, "the run ended before it could be held"
            yield
            conn.rollback()
    finally:
        engine.dispose()


def _constraint_names(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        names = conn.execute(text(
            "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
            " WHERE nspname = 'public' UNION ALL SELECT indexname FROM pg_indexes"
            " WHERE schemaname = 'public' ORDER BY 1")).scalars().all()
    engine.dispose()
    return names


@pytest.mark.db
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_a_database_copy_leaves_nothing(sig):
    with pg_databases(2) as (src, dst):
        _members(src)
        proc = _start(src, dst)
        with _held_in_staging(dst, proc):
            proc.send_signal(sig)
            time.sleep(0.5)  # the signal waits for the run's next checkpoint
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err
        assert b"interrupted" in err and b"Traceback" not in err
        assert all_tables(dst) == []
        assert main(["mask-db", src, "--to", dst]) == 0  # the rerun is not refused


@pytest.mark.db
def test_kill_9_leaves_named_staging_that_the_next_run_removes(capsys):
    with pg_databases(2) as (src, dst):
        _members(src)
        proc = _start(src, dst)
        with _held_in_staging(dst, proc):
            proc.kill()
            proc.communicate(timeout=60)
            assert all_tables(dst) == ["public.mamoru_tmp_members"]
        assert main(["--lang", "en", "mask-db", src, "--to", dst]) == 0
        assert "removed staging tables of an interrupted run: mamoru_tmp_members" \
            in capsys.readouterr().err
        assert all_tables(dst) == ["public.members"]
        assert _constraint_names(dst) == ["members_pkey", "members_pkey", "members_tel"]


@pytest.mark.db
def test_signals_to_a_directory_copy(tmp_path, capsys):
    with pg_databases(1) as (src,):
        _members(src)
        out = tmp_path / "export"
        staging = tmp_path / "export.mamoru-staging"
        for kill in (False, True):
            proc = _start(src, str(out))
            _wait_for(lambda: (staging / "members.csv").exists()
                      and (staging / "members.csv").stat().st_size > 0, proc)
            proc.kill() if kill else proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=60)
            assert not out.exists()
            assert staging.is_dir() is kill  # kill -9: left, and named as staging
        assert main(["--lang", "en", "mask-db", src, "--to", str(out)]) == 0
        assert f"removed the staging folder of an interrupted run: {staging}" \
            in capsys.readouterr().err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]
        assert stat.S_IMODE(out.stat().st_mode) == 0o700
        assert stat.S_IMODE((out / "members.csv").stat().st_mode) == 0o600


def test_table_names_cannot_leave_the_directory(tmp_path):
    db = tmp_path / "src.db"
    con = sqlite3.connect(db)
    for name in ("../../escaped", "/tmp/absolute", ".hidden", "a/b", "..", "plain"):
        quoted = '"' + name.replace('"', '""') + '"'
        con.execute(f"CREATE TABLE {quoted} (id INTEGER PRIMARY KEY, note TEXT)")
        con.execute(f"INSERT INTO {quoted} VALUES (1, '特記事項なし')")
    con.commit()
    con.close()
    out = tmp_path / "deep" / "out"
    assert main(["mask-db", f"sqlite:///{db}", "--to", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted([
        "_.._escaped-" + _h("../../escaped") + ".csv", "_tmp_absolute-" + _h("/tmp/absolute")
        + ".csv", "hidden-" + _h(".hidden") + ".csv", "a_b-" + _h("a/b") + ".csv",
        "table-" + _h("..") + ".csv", "plain.csv", ".mamoru-mask.json"])
    assert all((out / f).is_file() for f in files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "src.db"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    assert not Path("/tmp/absolute.csv").exists()


def _h(name: str) -> str:
    import hashlib

    return hashlib.sha256(name.encode()).hexdigest()[:8]


def _sqlite_source(tmp_path: Path) -> str:
    db = tmp_path / "src.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, tel TEXT)")
    con.execute("INSERT INTO t VALUES (1, '090-1234-5678')")
    con.commit()
    con.close()
    return f"sqlite:///{db}"


def test_only_regular_directories_are_written(tmp_path, capsys):
    src = _sqlite_source(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    regular = tmp_path / "file.csv"
    regular.write_text("keep me", encoding="utf-8")
    full = tmp_path / "full"
    full.mkdir()
    (full / "x").write_text("x", encoding="utf-8")
    for to in (fifo, link, regular, full):
        assert main(["--lang", "en", "mask-db", src, "--to", str(to)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("bad input: output ") and "Traceback" not in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert regular.read_text(encoding="utf-8") == "keep me" and list(target.iterdir()) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["mask-db", src, "--to", str(empty)]) == 0
    assert sorted(p.name for p in empty.iterdir()) == [".mamoru-mask.json", "t.csv"]


@pytest.mark.parametrize("value", ["5", "nan", "-0.1", "1.5"])
def test_thresholds_are_validated(tmp_path, capsys, value):
    src = _sqlite_source(tmp_path)
    assert main(["--lang", "en", "mask-db", src, "--to", str(tmp_path / "o"),
                 "--min-score", value]) == 2
    assert "a number from 0 to 1" in capsys.readouterr().err
    policy = tmp_path / "p.toml"
    policy.write_text(f"min_score = {value}\n", encoding="utf-8")
    assert main(["--lang", "en", "mask-db", src, "--to", str(tmp_path / "o"),
                 "--policy", str(policy)]) == 2
    assert "must be a number from 0 to 1" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_unexpected_errors_exit_2_without_traceback_value_or_password(
        tmp_path, capsys, monkeypatch):
    src = _sqlite_source(tmp_path)
    assert main(["--lang", "en", "mask-db", "postgresql+psycopg://u:s3cret@127.0.0.1:1/x",
                 "--to", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err and "u:***@127.0.0.1:1/x" in err
    import scanner.masking.database.to_directory as db_to_directory

    def broken(*_args, **_kwargs):
        raise RuntimeError("山田太郎 090-1234-5678")

    monkeypatch.setattr(db_to_directory, "_write_csv", broken)
    assert main(["--lang", "en", "mask-db", src, "--to", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"unexpected error (nothing left in {tmp_path / 'o'}): RuntimeError"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src.db"]


def test_leak_check_counts_numbers_in_any_shape():
    """A My Number written digit by digit below the engine's threshold is still found
    when it was in the input; the same shape of a surrogate is not."""
    from scanner.masking.database.leak import InputDigests, scan_rows
    from scanner.masking.masker import Masker
    from scanner.masking.policy import load_policy

    masker = Masker(load_policy(None, None), b"test-key")
    record = InputDigests(masker)
    record.record_rows([("番号 1 2 3 4 5 6 7 8 9 0 1 8",)], set())
    leaks = scan_rows(masker, record, "t", ["memo"], [[("番号 1 2 3 4 5 6 7 8 9 0 1 8",)]])
    assert [(x.location, x.entity_type) for x in leaks] == [("t.memo row 1", "JP_MY_NUMBER")]
    surrogate = masker.mask_value("JP_MY_NUMBER", "123456789018")
    record.record_produced()
    spaced = " ".join(surrogate)
    assert scan_rows(masker, record, "t", ["memo"], [[(f"番号 {spaced}",)]]) == []
