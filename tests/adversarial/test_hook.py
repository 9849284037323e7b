"""The hook on adversarial staged files: what it cannot read stops the commit (unless
configured), and text with a few bad bytes is read, not skipped."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from support.git import git, new_repo

from scanner.cli import main

from .conftest import PHONES, records


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _hook(capsys) -> tuple[int, str, str]:
    code = main(["--lang", "en", "hook"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_staged_sqlite_database_stops_the_commit(repo: Path, capsys) -> None:
    con = sqlite3.connect(repo / "customers.db")
    con.execute("CREATE TABLE customers (name TEXT, tel TEXT)")
    con.executemany("INSERT INTO customers VALUES ('山田太郎', ?)", [(p,) for p in PHONES])
    con.commit()
    con.close()
    git(repo, "add", "customers.db")
    code, out, err = _hook(capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "mamoru: skipped (not readable as text): customers.db",
        "mamoru: stopped: staged files could not be checked "
        '(skipped_files = "warn" in .mamoru.toml lets them pass)']
    (repo / ".mamoru.toml").write_text('skipped_files = "warn"\n', encoding="utf-8")
    assert _hook(capsys) == (0, "", "")  # the planted failure: configured away, it passes


def test_staged_text_with_a_nul_is_read(repo: Path, capsys) -> None:
    (repo / "app.log").write_bytes(b"start\x00\n" + records().encode("utf-8") + b"\xff\n")
    git(repo, "add", "app.log")
    code, out, err = _hook(capsys)
    assert code == 1, err
    found = [line.split()[0] for line in out.splitlines() if "PHONE_NUMBER" in line]
    assert found == ["app.log:2:12", "app.log:3:12", "app.log:4:12"]


def slow_pdf(operators: int = 200_000, pages: int = 20) -> bytes:
    """A PDF of about 20 KB whose pages share one compressed content stream of 200,000
    text operators (under pypdf's parsing budget per stream): pypdf needs seconds per
    page for its text, minutes for the file."""
    content = b"BT /F1 12 Tf 72 712 Td " + b"(090-1111-2222 ) Tj 0 -1 Td " * operators + b"ET"
    stream = zlib.compress(content, 9)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
          b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages,
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_the_slow_pdf_overruns_without_a_deadline(tmp_path: Path) -> None:
    """The planted failure: read in-process, the PDF holds a reader far past the
    hook's 2 s deadline, never stopped by pypdf's own limits (and a small one of the
    same shape reads fine)."""
    from scanner.sources import extract

    small = extract("small.pdf", slow_pdf(3, pages=2))
    assert [u.text.split() for u in small.units] == [["090-1111-2222"] * 3] * 2
    (tmp_path / "slow.pdf").write_bytes(slow_pdf())
    reader = ("from scanner.sources import extract; "
              f"extract('slow.pdf', open({str(tmp_path / 'slow.pdf')!r}, 'rb').read())")
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", reader], timeout=8)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_staged_file_over_its_deadline_is_a_named_error(
        repo: Path, tmp_path: Path, lang: str) -> None:
    (repo / "slow.pdf").write_bytes(slow_pdf())
    (repo / "notes.txt").write_text(records(), encoding="utf-8")
    git(repo, "add", "slow.pdf", "notes.txt")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "scanner.cli", "--lang", lang, "hook",
                           "--file-timeout", "2", "--format", "jsonl"],
                          cwd=repo, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MAMORU_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 2, done.stderr
    assert done.stderr == {
        "en": "mamoru: check stopped after 2 s (file_timeout): slow.pdf\n",
        "ja": "mamoru: 2 秒を超えたため検査を止めました（file_timeout）: slow.pdf\n"}[lang]
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["path"], r["location"]["line"]) for r in found
            if r["entity_type"] == "PHONE_NUMBER"] == [("notes.txt", n) for n in (1, 2, 3)]
    assert time.monotonic() - start < 60  # the deadline, the engine and start-up
    assert not (tmp_path / "cache").exists()  # a named error, not the last resort


def test_the_installed_hook_refuses_a_commit_over_the_deadline(repo: Path) -> None:
    """The real pre-commit path: `git commit` runs the installed hook, which reads
    `file_timeout` from .mamoru.toml; the commit is refused, never left hanging."""
    subprocess.run([sys.executable, "-m", "scanner.cli", "hook", "install"], cwd=repo,
                   check=True, capture_output=True)
    (repo / ".mamoru.toml").write_text("file_timeout = 2\n", encoding="utf-8")
    (repo / "slow.pdf").write_bytes(slow_pdf())
    git(repo, "add", ".mamoru.toml", "slow.pdf")
    env = {**os.environ, "MAMORU_LANG": "en"}
    refused = subprocess.run(["git", "commit", "-qm", "add a report"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0
    assert refused.stderr == "mamoru: check stopped after 2 s (file_timeout): slow.pdf\n"
    assert subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo,
                          capture_output=True).returncode != 0  # nothing was committed
    # the planted failure: the same commit without the PDF goes through
    git(repo, "rm", "-q", "--cached", "slow.pdf")
    subprocess.run(["git", "commit", "-qm", "config only"], cwd=repo, env=env, check=True,
                   timeout=120)


def test_a_worker_that_dies_costs_its_file_only() -> None:
    from scanner.hook.deadline import DeadlineRunner, Overrun

    def check(n: int) -> int:
        if n == 2:
            os.kill(os.getpid(), signal.SIGKILL)  # a crashing library, an OOM kill
        return n * 10

    with DeadlineRunner(check, 30) as run:
        assert run(1) == 10
        with pytest.raises(Overrun) as died:
            run(2)
        assert (died.value.key, died.value.fields) == ("hook.worker_died", {})
        assert run(3) == 30  # a fresh worker
        with pytest.raises(Overrun) as failed:
            run(None)  # a bug in the check: its type only, the worker lives on
        assert (failed.value.key, failed.value.fields) == (
            "hook.check_failed", {"error": "TypeError"})
        worker = run._proc
        assert run(4) == 40 and run._proc is worker
    assert worker is not None and not worker.is_alive()


def test_baseline_create_is_not_written_when_a_file_overruns(repo: Path) -> None:
    (repo / ".mamoru.toml").write_text("file_timeout = 2\n", encoding="utf-8")
    (repo / "slow.pdf").write_bytes(slow_pdf())
    (repo / "notes.txt").write_text(records(), encoding="utf-8")
    git(repo, "add", "slow.pdf", "notes.txt")
    done = subprocess.run([sys.executable, "-m", "scanner.cli", "--lang", "en", "baseline",
                           "create"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("mamoru: check stopped after 2 s (file_timeout): slow.pdf\n"
                           f"mamoru: {repo / '.mamoru-baseline.json'} not written\n")
    assert not (repo / ".mamoru-baseline.json").exists()
    git(repo, "rm", "-q", "--cached", "slow.pdf")  # the planted failure: without it, written
    done = subprocess.run([sys.executable, "-m", "scanner.cli", "--lang", "en", "baseline",
                           "create"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (repo / ".mamoru-baseline.json").exists()
