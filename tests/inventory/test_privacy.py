"""No clear-text value anywhere in the inventory: the SQLite file, its WAL and shm."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

from scanner.inventory.store import open_store
from scanner.privacy import canonical, fingerprint
from scanner.scanfiles.options import ScanOptions
from scanner.scanfiles.run import run_scan

KEY = b"privacy-test-key"
VALUES = {
    "JP_MY_NUMBER": "123456789018",
    "PHONE_NUMBER": "090-1234-5678",
    "EMAIL_ADDRESS": "hanako.yamada@example.co.jp",
    "CREDIT_CARD": "4111-1111-1111-1111",
}
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp932", "euc-jp", "iso-2022-jp")


def _text() -> str:
    v = VALUES
    return (f"氏名 山田花子\nマイナンバー {v['JP_MY_NUMBER']}\n電話番号 {v['PHONE_NUMBER']}\n"
            f"メール {v['EMAIL_ADDRESS']}\nクレジットカード番号 {v['CREDIT_CARD']}\n")


def _files(root: Path) -> None:
    text = _text()
    (root / "utf8.txt").write_text(text, encoding="utf-8")
    (root / "sjis.txt").write_bytes(text.encode("cp932"))
    (root / "euc.txt").write_bytes(text.encode("euc-jp"))
    (root / "utf16.txt").write_bytes(text.encode("utf-16"))
    (root / "jis.txt").write_bytes(text.encode("iso-2022-jp"))
    v = VALUES
    csv_text = ("氏名,マイナンバー,電話番号,メール\n"
                f"山田花子,{v['JP_MY_NUMBER']},{v['PHONE_NUMBER']},{v['EMAIL_ADDRESS']}\n")
    (root / "list.csv").write_bytes(csv_text.encode("cp932"))
    (root / "data.json").write_text(json.dumps({"マイナンバー": v["JP_MY_NUMBER"],
                                                "電話": v["PHONE_NUMBER"]}, ensure_ascii=False))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inner/名簿.csv", csv_text.encode("utf-8"))
    (root / "archive.zip").write_bytes(buf.getvalue())
    (root / "log.txt.gz").write_bytes(gzip.compress(text.encode("utf-8")))


def _forbidden(value: str) -> list[bytes]:
    forms = {value, canonical(value), value.replace("-", "")}
    out = []
    for form in forms:
        for enc in ENCODINGS:
            out.append(form.encode(enc))
    return out


def test_inventory_holds_no_value_in_any_encoding(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _files(share)
    inv = tmp_path / "inv.sqlite"
    store = open_store(str(inv))
    outcome = run_scan(store, ScanOptions(roots=[str(share)]), KEY)
    found = {(r.entity_type, r.fingerprint) for r in outcome.rows}
    for entity, value in VALUES.items():
        assert (entity, fingerprint(value, KEY, entity)) in found, entity
    assert {r.path.removeprefix(f"{share}/") for r in outcome.rows} == {
        "utf8.txt", "sjis.txt", "euc.txt", "utf16.txt", "jis.txt", "list.csv", "data.json",
        "archive.zip!inner/名簿.csv", "log.txt.gz!log.txt"}
    # while the store is open the WAL holds the recent writes; check it too
    files = sorted(tmp_path.glob("inv.sqlite*"))
    assert [f.name for f in files] == ["inv.sqlite", "inv.sqlite-shm", "inv.sqlite-wal"]
    store.dispose()
    blobs = {f.name: f.read_bytes() for f in files if f.exists()}
    blobs["inv.sqlite (closed)"] = inv.read_bytes()
    for value in VALUES.values():
        for needle in _forbidden(value):
            for name, blob in blobs.items():
                assert needle not in blob, (value, needle, name)
