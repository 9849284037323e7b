"""`mamoru scan` and `mamoru inventory` end to end on real files: outputs, exit codes,
incremental rescans, changes, gone files, My Number violations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.privacy import fingerprint

KEY = "test-scan-key"
MY_NUMBER = "123456789018"
PHONE = "090-1234-5678"
EMAIL = "taro@example.co.jp"


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", KEY)


def _tree(root: Path) -> Path:
    (root / "share" / "sub").mkdir(parents=True)
    (root / "share" / "a.txt").write_text(
        f"社員メモ\nマイナンバー: {MY_NUMBER}\n電話 {PHONE}\n", encoding="utf-8")
    (root / "share" / "sub" / "b.txt").write_text(f"連絡先 mail {EMAIL}\n", encoding="cp932")
    (root / "share" / "clean.txt").write_text("個人情報はありません\n", encoding="utf-8")
    (root / "share" / "debug.log").write_text(f"tel {PHONE}\n", encoding="utf-8")
    return root / "share"


def _scan(capsys, *args: str) -> tuple[int, str, dict]:
    code = main(["scan", *args])
    out, err = capsys.readouterr()
    summary = json.loads(err.strip().splitlines()[-1])
    return code, out, summary


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def _brief(rows: list[dict]) -> list[tuple]:
    return [(r["path"], r["location"], r["entity_type"], r["preview"], r["fingerprint"])
            for r in rows]


def fp(value: str, entity: str) -> str:
    return fingerprint(value, KEY.encode(), entity)


def test_scan_reports_incremental_changes_and_inventory(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    base = [str(share), "--inventory", inv, "--format", "jsonl", "--exclude", "*.log"]

    code, out, summary = _scan(capsys, *base)
    expected = [
        (f"{share}/a.txt", {"line": 2, "column": 9}, "JP_MY_NUMBER", "********9018",
         fp(MY_NUMBER, "JP_MY_NUMBER")),
        (f"{share}/a.txt", {"line": 3, "column": 4}, "PHONE_NUMBER", "090-****-5678",
         fp(PHONE, "PHONE_NUMBER")),
        (f"{share}/sub/b.txt", {"line": 1, "column": 10}, "EMAIL_ADDRESS", "t***@example.co.jp",
         fp(EMAIL, "EMAIL_ADDRESS")),
    ]
    assert code == 1
    assert _brief(_lines(out)) == expected
    assert all(0.5 <= r["score"] <= 1.0 for r in _lines(out))
    assert (summary["status"], summary["paths"], summary["read"], summary["new_assets"],
            summary["new_fingerprints"], summary["findings"]) == ("complete", 3, 3, 3, 3, 3)

    # unchanged: nothing is read again, the findings carry over
    code, out, summary = _scan(capsys, *base)
    assert code == 1 and _brief(_lines(out)) == expected
    assert (summary.get("read", 0), summary["unchanged"], summary["new_assets"]) == (0, 3, 0)

    # one file changed, one deleted
    (share / "a.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    os.utime(share / "a.txt", ns=(1, 1))
    (share / "clean.txt").unlink()
    code, out, summary = _scan(capsys, *base)
    assert _brief(_lines(out)) == [
        (f"{share}/a.txt", {"line": 1, "column": 4}, "PHONE_NUMBER", "090-****-5678",
         fp(PHONE, "PHONE_NUMBER")),
        expected[2],
    ]
    assert (summary["read"], summary["unchanged"], summary["changed_assets"],
            summary["gone_assets"], summary["new_fingerprints"]) == (1, 1, 1, 1, 0)

    assert main(["inventory", "--inventory", inv, "--changes", "--format", "jsonl"]) == 0
    changes = _lines(capsys.readouterr().out)
    assert changes == [
        {"change": "changed", "path": f"{share}/a.txt", "scan_id": 3},
        {"change": "gone", "path": f"{share}/clean.txt", "scan_id": 3},
    ]

    # --full reads everything again
    code, out, summary = _scan(capsys, *base, "--full")
    assert (summary["read"], summary.get("unchanged", 0)) == (2, 0)


def test_inventory_lists_my_number_first_and_flags_violations(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    (share / "payroll").mkdir()
    (share / "payroll" / "mn.txt").write_text(
        f"個人番号 {MY_NUMBER}\nマイナンバー 234567890121\n電話 {PHONE}\n", encoding="utf-8")
    inv = str(tmp_path / "inv.sqlite")
    assert _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl")[0] == 1

    assert main(["inventory", "--inventory", inv, "--format", "jsonl"]) == 1
    rows = _lines(capsys.readouterr().out)
    assert [(r["path"], r["violation"], r["specific"], r["total"]) for r in rows] == [
        (f"{share}/payroll/mn.txt", True, True, 3),
        (f"{share}/a.txt", True, True, 2),
        (f"{share}/debug.log", False, False, 1),
        (f"{share}/sub/b.txt", False, False, 1),
    ]
    assert rows[1]["entities"]["JP_MY_NUMBER"] == {
        "count": 1, "max_score": rows[1]["entities"]["JP_MY_NUMBER"]["max_score"],
        "distinct": 1, "locations": [{"line": 2, "column": 9}]}
    # the same My Number and phone number in several files: shared values
    assert [r["shared_values"] for r in rows] == [2, 2, 1, 0]
    assert rows[0]["entities"]["JP_MY_NUMBER"]["distinct"] == 2

    allowed = ["--allow-mynumber", "*/payroll/*", "--allow-mynumber", "*/a.txt"]
    assert main(["inventory", "--inventory", inv, "--format", "jsonl", *allowed]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["violation"] for r in rows] == [False, False, False, False]


def test_exit_codes_errors_win_and_clean_is_zero(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    code, out, summary = _scan(capsys, str(share / "clean.txt"), "--inventory", inv,
                               "--format", "jsonl")
    assert (code, out, summary["findings"]) == (0, "", 0)
    # a missing root is refused before anything is recorded (an unmounted share must not
    # make every file under it "gone")
    code = main(["--lang", "en", "scan", str(share / "clean.txt"), str(tmp_path / "missing"),
                 "--inventory", inv, "--format", "jsonl"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err == f"mamoru: cannot scan {tmp_path}/missing: No such file or directory\n"
    code, _, summary = _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl",
                             "--min-score", "1")
    assert (code, summary["findings"]) == (0, 0)


def test_size_cap_and_binary_files_are_skipped(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    (share / "big.txt").write_text(f"電話 {PHONE}\n" * 200, encoding="utf-8")
    (share / "blob.bin").write_bytes(bytes(range(256)) * 8)
    inv = str(tmp_path / "inv.sqlite")
    code, out, summary = _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl",
                               "--max-file-size", "1K", "--exclude", "*.log")
    assert code == 1
    assert {r["path"] for r in _lines(out)} == {f"{share}/a.txt", f"{share}/sub/b.txt"}
    assert summary["skipped"] == 2 and summary.get("errors", 0) == 0
    # a larger cap changes what can be read: the big file is read now, the binary not
    code, out, summary = _scan(capsys, str(share), "--inventory", inv, "--format", "jsonl",
                               "--exclude", "*.log")
    assert {r["path"] for r in _lines(out)} == {
        f"{share}/a.txt", f"{share}/sub/b.txt", f"{share}/big.txt"}
    assert (summary["read"], summary["skipped"]) == (5, 1)


def _png(width: int = 1, height: int = 1) -> bytes:
    """A real PNG image (grey pixels), as a scanner or a phone camera writes one."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_not_found_says_so_only_for_files_that_were_read(tmp_path: Path, capsys,
                                                         lang: str) -> None:
    """Planted: a photo of a My Number card, which mamoru cannot read (no OCR); the scan
    said "no personal data found", also on the rescan that finds it unchanged."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "clean.txt").write_text("個人情報はありません\n", encoding="utf-8")
    inv = str(tmp_path / "inv.sqlite")
    args = ["--lang", lang, "scan", str(share), "--inventory", inv]
    found_nothing = {"en": "no personal data found", "ja": "個人情報は見つかりませんでした"}
    assert main(args) == 0
    assert found_nothing[lang] in capsys.readouterr().err.splitlines()
    (share / "マイナンバーカード.png").write_bytes(_png(8, 8))
    qualified = {
        "en": "no personal data found in the files read; 1 could not be read "
              "(mamoru inventory --problems lists them)",
        "ja": "読み込んだファイルに個人情報は見つかりませんでした。ただし 1 件は読めていません"
              "（一覧: mamoru inventory --problems）",
    }
    for _ in range(2):  # read and skipped, then unchanged
        assert main(args) == 0
        err = capsys.readouterr().err
        assert qualified[lang] in err.splitlines()
        assert found_nothing[lang] not in err.splitlines()
        assert json.loads(err.splitlines()[-1])["unread"] == 1
    assert main(["--lang", lang, "inventory", "--problems", "--inventory", inv,
                 "--format", "jsonl"]) == 0
    problems = _lines(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in problems] == ["マイナンバーカード.png"]


def test_bad_usage_is_exit_two(tmp_path: Path, capsys) -> None:
    assert main(["scan", str(tmp_path), "--entities", "NOT_A_TYPE",
                 "--inventory", str(tmp_path / "i.sqlite")]) == 2
    assert "unknown entity types: NOT_A_TYPE" in capsys.readouterr().err
    assert main(["inventory", "--inventory", str(tmp_path / "none.sqlite")]) == 2
    assert "no inventory at" in capsys.readouterr().err
    assert main(["scan", str(tmp_path), "--max-file-size", "lots"]) == 2
    assert "lots is not a size (e.g. 100M, 1.5G, 4096)" in capsys.readouterr().err


def test_default_inventory_in_the_scanned_tree_is_not_scanned(tmp_path: Path, capsys,
                                                             monkeypatch) -> None:
    share = _tree(tmp_path)
    monkeypatch.chdir(share)
    code, out, summary = _scan(capsys, ".", "--format", "jsonl")
    assert (code, summary["paths"]) == (1, 4)
    assert (share / ".mamoru" / "inventory.sqlite").is_file()
    code, out, summary = _scan(capsys, ".", "--format", "jsonl")
    assert (summary["paths"], summary["unchanged"], summary.get("read", 0)) == (4, 4, 0)
    assert [r["path"] for r in _lines(out)] == [
        "./a.txt", "./a.txt", "./debug.log", "./sub/b.txt"]


def test_report_to_a_file_and_to_a_missing_directory(tmp_path: Path, capsys) -> None:
    share = _tree(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    target = tmp_path / "report.csv"
    assert main(["scan", str(share), "--inventory", inv, "--format", "csv",
                 "-o", str(target)]) == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpath,location,entity_type,score,preview")
    assert data.count(b"\n") == 5
    assert capsys.readouterr().out == ""
    assert main(["scan", str(share), "--inventory", inv, "--format", "csv",
                 "-o", str(tmp_path / "no" / "such" / "dir.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_verify_hash_catches_a_change_that_kept_size_and_mtime(tmp_path: Path,
                                                               capsys) -> None:
    share = _tree(tmp_path)
    inv = str(tmp_path / "inv.sqlite")
    a = share / "a.txt"
    base = [str(a), "--inventory", inv, "--format", "jsonl"]
    assert _scan(capsys, *base)[0] == 1
    st = a.stat()
    a.write_text(a.read_text(encoding="utf-8").replace("090-1234-5678", "090-9876-5432"),
                 encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    _, out, summary = _scan(capsys, *base)
    assert summary["unchanged"] == 1
    assert _lines(out)[1]["fingerprint"] == fp(PHONE, "PHONE_NUMBER")
    _, out, summary = _scan(capsys, *base, "--verify-hash")
    assert (summary.get("unchanged", 0), summary["read"]) == (0, 1)
    assert _lines(out)[1]["fingerprint"] == fp("090-9876-5432", "PHONE_NUMBER")
    _, out, summary = _scan(capsys, *base, "--verify-hash")
    assert (summary["unchanged"], summary.get("read", 0)) == (1, 0)
