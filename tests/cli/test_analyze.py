"""`mamoru analyze`: output formats, exit codes and bad input, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, data: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scanner.cli", *args],
        input=data, capture_output=True, cwd=REPO, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
    )


def test_table_output_masks_values_and_exits_1() -> None:
    r = run("analyze", "-", data="マイナンバー: 1234 5678 9018\n".encode())
    assert r.returncode == 1
    out = r.stdout.decode()
    assert "JP_MY_NUMBER" in out and "**** **** 9018" in out
    assert "1234 5678" not in out


def test_json_output_from_file(tmp_path: Path) -> None:
    f = tmp_path / "in.txt"
    f.write_text("連絡先：090-1234-5678\n", encoding="utf-8")
    r = run("analyze", str(f), "--format", "json")
    assert r.returncode == 1
    assert json.loads(r.stdout) == {
        "findings": [
            {"entity_type": "PHONE_NUMBER", "start": 4, "end": 17, "score": 0.95,
             "preview": "090-****-5678"}
        ]
    }


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--jsonl"]])
def test_output_file_holds_what_stdout_would(tmp_path: Path, extra: list[str]) -> None:
    text = "連絡先：090-1234-5678\n"
    data = (json.dumps({"id": "a", "text": text}, ensure_ascii=False) if extra == ["--jsonl"]
            else text).encode()
    shown = run("analyze", *extra, data=data)
    report = tmp_path / "report.txt"
    written = run("analyze", *extra, "-o", str(report), data=data)
    assert written.returncode == shown.returncode == 1
    assert written.stdout == b""
    assert report.read_bytes() == shown.stdout and b"090-****-5678" in shown.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temp file left


def test_output_to_a_missing_directory_is_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "no" / "r.txt"
    r = run("--lang", "ja", "analyze", "-o", str(target), data=b"TEL 03-1234-5678")
    assert r.returncode == 2
    assert r.stderr.decode() == (
        f"mamoru: 書き込めません: {target}: ファイルまたはディレクトリがありません\n")


def test_show_values_prints_raw_value() -> None:
    r = run("analyze", "--format", "json", "--show-values", data=b"TEL 03-1234-5678")
    assert json.loads(r.stdout)["findings"][0]["text"] == "03-1234-5678"


def test_clean_text_exits_0() -> None:
    r = run("analyze", data="本日は晴天なり。".encode())
    assert r.returncode == 0 and r.stdout == b""


def test_empty_input_exits_0() -> None:
    assert run("analyze").returncode == 0


def test_jsonl_records_and_malformed_line() -> None:
    lines = [
        json.dumps({"id": "a", "text": "TEL 090-1234-5678"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "なし"}, ensure_ascii=False),
        json.dumps({"id": "c"}),
    ]
    r = run("--lang", "en", "analyze", "--jsonl", data="\n".join(lines).encode())
    assert r.returncode == 2
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert out == [
        {"id": "a", "findings": [{"entity_type": "PHONE_NUMBER", "start": 4, "end": 17,
                                  "score": 0.95, "preview": "090-****-5678"}]},
        {"id": "b", "findings": []},
    ]
    err = r.stderr.decode()
    assert "line 2: not valid JSON" in err and "line 4:" in err


def test_lone_surrogates_in_jsonl_do_not_crash() -> None:
    r = run("analyze", "--jsonl", data=b'{"id": 1, "text": "\\ud800 TEL 03-1234-5678"}\n')
    assert r.returncode == 1
    assert json.loads(r.stdout)["findings"][0]["entity_type"] == "PHONE_NUMBER"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xfd\xfe broken", "not valid UTF-8 (byte 0), nor Shift_JIS, EUC-JP"),
        (b"\xff\xfe\xfa", "not valid UTF-8 (byte 0)"),  # a UTF-16 BOM, then half a unit
        (b"abc\x00\x01\x02\x03binary", "binary input: not analyzed (mamoru scan reads PDF"),
    ],
)
def test_bad_bytes_exit_2_with_a_clear_message(data: bytes, message: str) -> None:
    r = run("--lang", "en", "analyze", data=data)
    assert r.returncode == 2
    assert message in r.stderr.decode()


def test_japanese_messages() -> None:
    r = run("--lang", "ja", "analyze", data=b"\xfd\xfe")
    assert "UTF-8 として読めません（0 バイト目）。Shift_JIS" in r.stderr.decode()


FORM = "氏名：山田太郎\n電話：090-1234-5678\n"


@pytest.mark.parametrize(("encoding", "named"), [
    ("cp932", "cp932"), ("euc_jp", "euc_jp"), ("iso2022_jp", "iso2022_jp"),
    ("utf-16", "utf-16"), ("utf-8-sig", None),
])
@pytest.mark.parametrize("from_file", [True, False], ids=["file", "stdin"])
def test_japanese_encodings_are_read_as_scan_reads_them(tmp_path: Path, encoding: str,
                                                        named: str | None,
                                                        from_file: bool) -> None:
    """A Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16 text (a file or stdin) gives the findings
    of its UTF-8 form, at the same character offsets, and the encoding on stderr."""
    data = FORM.encode(encoding)
    if from_file:
        (tmp_path / "form.txt").write_bytes(data)
        r = run("--lang", "en", "analyze", str(tmp_path / "form.txt"), "--format", "json")
    else:
        r = run("--lang", "en", "analyze", "--format", "json", data=data)
    assert r.returncode == 1, r.stderr.decode()
    found = [(f["entity_type"], f["start"], f["end"]) for f in json.loads(r.stdout)["findings"]]
    assert found == [("PERSON", 3, 7), ("PHONE_NUMBER", 11, 24)]
    assert r.stderr.decode() == (f"mamoru: read as {named}\n" if named else "")


def test_a_long_text_not_in_utf8_past_the_limit_is_refused() -> None:
    code = ("import sys\nimport scanner.commands.analyze as a\na.MAX_WHOLE_BYTES = 100\n"
            "from scanner.cli import main\nsys.exit(main(['--lang', 'en', 'analyze']))\n")
    for size, status in ((2, 1), (3, 2)):  # 70 and 105 bytes
        r = subprocess.run([sys.executable, "-c", code], input=(FORM * size).encode("cp932"),
                           capture_output=True, cwd=REPO, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(REPO)})
        assert r.returncode == status, r.stderr.decode()
    assert "input that is not UTF-8 is read whole, up to 100 bytes" in r.stderr.decode()


def test_unknown_entity_type_is_usage_error() -> None:
    r = run("analyze", "--entities", "NOPE", data=b"x")
    assert r.returncode == 2 and "NOPE" in r.stderr.decode()


def test_missing_file_exits_2(tmp_path: Path) -> None:
    assert run("analyze", str(tmp_path / "missing.txt")).returncode == 2


def test_megabyte_of_digits_is_fast() -> None:
    r = run("analyze", data=b"1" * 1_000_000)
    assert r.returncode == 0


def test_one_line_analysis_loads_neither_presidio_nor_spacy() -> None:
    code = (
        "import sys, io\n"
        "from scanner.cli import main\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO('TEL 03-1234-5678'.encode()))\n"
        "rc = main(['analyze'])\n"
        "print(rc, 'presidio_analyzer' in sys.modules, 'spacy' in sys.modules)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert r.stdout.decode().splitlines()[-1] == "1 False False"


@pytest.mark.slow
def test_fifty_megabyte_single_line_in_bounded_memory() -> None:
    """50 MB on one line, streamed: findings at the right offsets, RSS far below the input."""
    code = (
        "import resource, subprocess, sys\n"
        "unit = ('あ' * 997 + 'TEL 03-1234-5678 ').encode()\n"
        "p = subprocess.Popen([sys.executable, '-m', 'scanner.cli', 'analyze', '--format',"
        " 'json'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
        "import threading\n"
        "def feed():\n"
        "    for _ in range(50 * 2**20 // len(unit)):\n"
        "        p.stdin.write(unit)\n"
        "    p.stdin.close()\n"
        "threading.Thread(target=feed).start()\n"
        "out = p.stdout.read(); p.wait()\n"
        "import json\n"
        "fs = json.loads(out)['findings']\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(p.returncode, len(fs), fs[1]['start'] - fs[0]['start'], rss)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    rc, count, stride, rss_mb = map(int, r.stdout.decode().split())
    unit_chars = 997 + len("TEL 03-1234-5678 ")
    assert (rc, count, stride) == (1, 50 * 2**20 // (997 * 3 + 17), unit_chars)
    assert rss_mb < 400, f"peak RSS {rss_mb} MB"
