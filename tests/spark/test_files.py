"""`mamoru.spark.scan_files` in local[2] against `mamoru scan` on the same real tree:
legacy encodings, Office files, nested archives, Japanese names with spaces, hidden
files Spark's own reader drops."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pyarrow.parquet as pq
import pytest
from support.spark import raw_values_in

from scanner.cli import main

KEY = "spark-files-key"
MY_NUMBER = "123456789018"
PHONE = "090-1234-5678"
EMAIL = "hanako.yamada@example.co.jp"
RAW = (MY_NUMBER, PHONE, EMAIL, "03-3333-4444", "山田 花子")


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", KEY)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["氏名", "電話番号", "メール"])
    ws.append(["山田花子", PHONE, EMAIL])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(f"担当者の連絡先は電話 03-3333-4444、メール {EMAIL} です。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _tree(root: Path) -> Path:
    share = root / "共有 フォルダ"
    (share / "経理 部").mkdir(parents=True)
    (share / "経理 部" / "社員 名簿.csv").write_bytes(
        f"氏名,電話番号,マイナンバー\n山田 花子,{PHONE},{MY_NUMBER}\n".encode("cp932"))
    (share / "euc.txt").write_bytes(f"連絡先 電話 {PHONE}\n".encode("euc_jp"))
    (share / "utf16.txt").write_bytes(f"メール: {EMAIL}\n".encode("utf-16"))
    (share / "名簿.xlsx").write_bytes(_xlsx())
    (share / "議事録.docx").write_bytes(_docx())
    inner = _zip({"mn.txt": f"マイナンバー {MY_NUMBER}\n".encode("cp932")})
    (share / "outer.zip").write_bytes(_zip({"docs/inner.zip": inner,
                                            "list.csv": f"電話\n{PHONE}\n".encode("cp932")}))
    (share / ".env").write_text(f"ADMIN_PHONE={PHONE}\nADMIN_MAIL={EMAIL}\n", encoding="utf-8")
    (share / "_x.csv").write_text(f"電話\n{PHONE}\n", encoding="utf-8")
    (share / "100% 確認[1].txt").write_text(f"マイナンバー {MY_NUMBER}\n", encoding="utf-8")
    (share / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return share


def _jsonl_rows(rows: list[dict]) -> Counter:
    return Counter(
        (r["path"], json.dumps(r["location"], ensure_ascii=False), r["entity_type"], r["score"],
         r["preview"], r["fingerprint"], json.dumps(r.get("end_location"), ensure_ascii=False),
         r.get("why"))
        for r in rows
    )


def _spark_rows(rows) -> Counter:
    return Counter(
        (r.path, json.dumps(json.loads(r.location), ensure_ascii=False), r.entity_type,
         r.score, r.preview, r.fingerprint,
         json.dumps(json.loads(r.end_location) if r.end_location else None, ensure_ascii=False),
         r.why)
        for r in rows
    )


@pytest.mark.slow
def test_scan_files_equals_mamoru_scan(spark, tmp_path: Path, capsys, monkeypatch) -> None:
    from mamoru.spark import scan_file_results, scan_files

    monkeypatch.chdir(tmp_path)
    share = _tree(tmp_path)
    code = main(["scan", share.name, "--format", "jsonl", "--inventory",
                 str(tmp_path / "inv.sqlite")])
    out = capsys.readouterr().out
    assert code == 2  # broken.xlsx is an error: the scan says so
    expected = _jsonl_rows([json.loads(x) for x in out.splitlines()])

    found = scan_files(spark, [share.name], key=KEY.encode()).collect()
    got = _spark_rows(found)
    assert got == expected
    paths = {r.path for r in found}
    # hidden names, legacy encodings, globs and archive members are all there
    for name in (".env", "_x.csv", "100% 確認[1].txt", "euc.txt", "utf16.txt",
                 "経理 部/社員 名簿.csv", "outer.zip!docs/inner.zip!mn.txt", "名簿.xlsx",
                 "議事録.docx"):
        assert f"{share.name}/{name}" in paths, name
    files = {r.path: r for r in scan_file_results(spark, [share.name], key=KEY.encode())
             .collect()}
    assert files[f"{share.name}/broken.xlsx"].status == "error"
    assert files[f"{share.name}/経理 部/社員 名簿.csv"].encoding == "cp932"
    # a different key gives other fingerprints: they are keyed, not plain hashes
    other = _spark_rows(scan_files(spark, [share.name], key=b"another-key").collect())
    assert other != expected and sum(other.values()) == sum(expected.values())


def test_spark_own_reader_drops_hidden_files(spark, tmp_path: Path) -> None:
    """The failure `scan_files` guards against: `binaryFile` silently skips `.env` and
    `_x.csv` even when they are named explicitly."""
    share = _tree(tmp_path)
    named = [f"file://{share / n}" for n in (".env", "_x.csv", "euc.txt")]
    read = spark.read.format("binaryFile").load(named).select("path").collect()
    assert [r.path.rsplit("/", 1)[1] for r in read] == ["euc.txt"]


def test_scan_parquet_holds_no_raw_value(spark, tmp_path: Path) -> None:
    from mamoru.spark import scan_file_results

    share = _tree(tmp_path)
    out = tmp_path / "out.parquet"
    scan_file_results(spark, [str(share)], key=KEY.encode()).write.parquet(str(out))
    assert (out / "_SUCCESS").exists()
    assert pq.read_table(out).num_rows == 10
    assert raw_values_in(out, RAW) == ([], [])
    # planted: the same check finds a raw value written to Parquet, in the rows and in
    # the bytes of an uncompressed file
    planted = tmp_path / "planted.parquet"
    spark.createDataFrame([("x", f"tel {PHONE}")], "a string, b string").write \
        .option("compression", "none").parquet(str(planted))
    assert raw_values_in(planted, RAW) == ([PHONE], [PHONE])


def test_cli_scan_then_inventory_import_equals_mamoru_scan(spark, tmp_path: Path, capsys,
                                                           monkeypatch) -> None:
    from mamoru.spark.__main__ import main as spark_main

    monkeypatch.chdir(tmp_path)
    share = _tree(tmp_path)
    assert main(["scan", share.name, "--inventory", "local.sqlite", "--format", "jsonl"]) == 2
    out = tmp_path / "scan.parquet"
    assert spark_main(["--lang", "en", "scan", share.name, "--out", str(out)]) == 2  # broken.xlsx
    assert "10 paths" in capsys.readouterr().err and (out / "_SUCCESS").exists()
    assert spark_main(["scan", share.name, "--out", str(out)]) == 2  # never overwritten
    assert main(["inventory", "import", str(out), "--inventory", "spark.sqlite"]) == 0
    capsys.readouterr()
    listings = []
    for inventory in ("local.sqlite", "spark.sqlite"):
        main(["inventory", "--inventory", inventory, "--format", "jsonl"])
        rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        listings.append(sorted(json.dumps({k: v for k, v in r.items() if k != "last_seen_at"},
                                          ensure_ascii=False) for r in rows))
    assert listings[0] == listings[1] and len(listings[0]) > 5
    # refused: another key (fingerprints would not match), and a file that is no scan
    monkeypatch.setenv("MAMORU_KEY", "some-other-key")
    assert main(["--lang", "en", "inventory", "import", str(out),
                 "--inventory", "other.sqlite"]) == 2
    assert "another key" in capsys.readouterr().err
    monkeypatch.setenv("MAMORU_KEY", KEY)
    plain = tmp_path / "plain.parquet"
    spark.createDataFrame([(1,)], "a int").write.parquet(str(plain))
    assert main(["--lang", "en", "inventory", "import", str(plain),
                 "--inventory", "other.sqlite"]) == 2
    assert "not a mamoru.spark scan output" in capsys.readouterr().err
