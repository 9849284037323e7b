"""ZIP, gzip, tar and e-mail containers: nesting, limits, zip bombs, corrupt files."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from scanner.sources import Limits, extract

CSV_CP932 = "氏名,ﾌﾘｶﾞﾅ,電話\n山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,090-1234-5678\n".encode("cp932")
FIFTY_MB = 50 * 2**20


def _zip(path: Path, members: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path.read_bytes()


def _summary(extraction, prefix=""):
    """(member path, format, encoding, skipped, error, unit count) for the whole tree."""
    rows = []
    for path, member in extraction.members:
        full = f"{prefix}{path}"
        rows.append(
            (full, member.format, member.encoding, member.skipped, member.error, len(member.units))
        )
        rows.extend(_summary(member, full + "!"))
    return rows


@pytest.fixture(scope="module")
def bomb_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    return _zip(path, {"readme.txt": b"hello", "zeros.bin": bytes(FIFTY_MB)})


def test_nested_zip_members_and_unit_member_paths(tmp_path: Path) -> None:
    memo = "担当 佐藤\n".encode()
    inner = _zip(tmp_path / "inner.zip", {"名簿.csv": CSV_CP932, "memo.txt": memo})
    outer = _zip(
        tmp_path / "outer.zip",
        {
            "dir/inner.zip": inner,
            "top.json": b'{"tel": "03"}',
            "image.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        },
    )
    found = extract("outer.zip", outer)
    assert (found.format, found.skipped, found.error, found.units) == ("zip", None, None, [])
    assert _summary(found) == [
        ("dir/inner.zip", "zip", None, None, None, 0),
        ("dir/inner.zip!名簿.csv", "csv", "cp932", None, None, 3),
        ("dir/inner.zip!memo.txt", "text", "utf-8", None, None, 1),
        ("top.json", "json", "utf-8", None, None, 1),
        ("image.png", "binary", None, "binary (PNG image): no extractor", None, 0),
    ]
    csv_units = found.members[0][1].members[0][1].units
    assert [(u.text, u.locate(0), u.member) for u in csv_units] == [
        ("山田 太郎", {"row": 2, "column": "氏名", "offset": 0}, "dir/inner.zip!名簿.csv"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", {"row": 2, "column": "ﾌﾘｶﾞﾅ", "offset": 0}, "dir/inner.zip!名簿.csv"),
        ("090-1234-5678", {"row": 2, "column": "電話", "offset": 0}, "dir/inner.zip!名簿.csv"),
    ]


def test_zip_bomb_is_reported_not_expanded(bomb_zip: bytes) -> None:
    found = extract("bomb.zip", bomb_zip)
    assert found.members == []
    assert found.skipped is not None
    assert found.skipped.startswith("zip bomb: zeros.bin expands ")
    assert found.skipped.endswith(f" bytes to {FIFTY_MB} (ratio over 200)")


def test_zip_over_expanded_size_limit(tmp_path: Path) -> None:
    data = _zip(tmp_path / "a.zip", {"a.txt": b"a" * 600, "b.txt": b"b" * 600})
    found = extract("a.zip", data, limits=Limits(max_expanded_bytes=1000))
    assert found.skipped == "zip bomb: expands to 1200 bytes, over the limit of 1000"


def test_lying_size_header_is_caught_by_the_capped_read(tmp_path: Path) -> None:
    data = bytearray(_zip(tmp_path / "a.zip", {"a.txt": b"090-1234-5678 " * 200_000}))
    real = (2_800_000).to_bytes(4, "little")
    assert data.count(real) == 2  # local and central headers
    data[:] = data.replace(real, (100).to_bytes(4, "little"))
    [(path, member)] = extract("a.zip", bytes(data)).members
    assert (path, member.format, member.units) == ("a.txt", "text", [])
    assert member.error == "unreadable member: Bad CRC-32 for file …"  # names hidden too


def test_depth_and_member_limits(tmp_path: Path) -> None:
    level3 = _zip(tmp_path / "3.zip", {"deep.txt": b"x"})
    level2 = _zip(tmp_path / "2.zip", {"3.zip": level3})
    level1 = _zip(tmp_path / "1.zip", {"2.zip": level2})
    found = extract("1.zip", level1, limits=Limits(max_depth=2))
    assert _summary(found) == [
        ("2.zip", "zip", None, None, None, 0),
        ("2.zip!3.zip", "zip", None, "too deep: archive inside 2 archives (limit 2)", None, 0),
    ]
    many = _zip(tmp_path / "m.zip", {f"{i}.txt": b"x" for i in range(5)})
    found = extract("m.zip", many, limits=Limits(max_members=3))
    assert (found.members, found.skipped) == ([], "too many members: 5 (limit 3)")


def test_cp932_member_names_without_utf8_flag(tmp_path: Path) -> None:
    data = _zip(tmp_path / "w.zip", {"XXXX.csv": CSV_CP932})
    data = data.replace(b"XXXX.csv", "名簿.csv".encode("cp932"))
    [(path, member)] = extract("w.zip", data).members
    assert (path, member.format, len(member.units)) == ("名簿.csv", "csv", 3)


def test_corrupt_and_truncated_archives() -> None:
    assert extract("x.zip", b"PK\x03\x04garbage").error == ("corrupt zip: File is not a zip file")
    # gzip quotes the first bytes: hidden, as every library's quote of a file
    assert extract("x.gz", b"not gzip").error == "corrupt gzip: Not a gzipped file (…)"
    truncated = gzip.compress(b"hello world" * 1000)[:-20]
    found = extract("x.txt.gz", truncated)
    assert found.format == "gzip" and found.error is not None
    assert found.error.startswith("corrupt gzip: ")


def test_gzip_member_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv.gz"
    with gzip.open(path, "wb") as f:
        f.write(CSV_CP932)
    found = extract(path.name, path.read_bytes())
    assert _summary(found) == [("名簿.csv", "csv", "cp932", None, None, 3)]
    assert found.members[0][1].units[2].member == "名簿.csv"


def test_gzip_bomb_stops_while_streaming() -> None:
    found = extract("zeros.log.gz", gzip.compress(bytes(FIFTY_MB), compresslevel=1))
    assert found.members == []
    assert found.skipped is not None and found.skipped.startswith("zip bomb: ")


def test_tgz_members(tmp_path: Path) -> None:
    path = tmp_path / "backup.tgz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in {"data/名簿.csv": CSV_CP932, "data/a.txt": b"090-1234-5678\n"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("data/link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    found = extract(path.name, path.read_bytes())
    assert _summary(found) == [
        ("backup.tar", "tar", None, None, None, 0),
        ("backup.tar!data/名簿.csv", "csv", "cp932", None, None, 3),
        ("backup.tar!data/a.txt", "text", "utf-8", None, None, 1),
    ]
    [unit] = found.members[0][1].members[1][1].units
    assert unit.member == "backup.tar!data/a.txt"


def _mail() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "山田 太郎 <yamada@example.jp>"
    message["To"] = "suzuki@example.com, 佐藤 <sato@example.jp>"
    message["Subject"] = "【重要】ご住所の確認"
    message.set_content(
        "山田様\n\nお電話 090-1234-5678 まで。\n", charset="iso-2022-jp", cte="7bit"
    )
    message.add_alternative("<p>山田様</p>\n<p>TEL <b>03-1234-5678</b></p>\n", subtype="html")
    message.add_attachment(CSV_CP932, maintype="text", subtype="csv", filename="名簿.csv")
    return message


def test_eml_headers_bodies_and_attachments(tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(_mail().as_bytes())
    found = extract(path.name, path.read_bytes())
    assert (found.format, found.encoding, found.error) == ("eml", "iso2022_jp", None)
    assert [(u.text, u.locate(0), u.context, u.group) for u in found.units[:3]] == [
        (
            "山田 太郎 <yamada@example.jp>",
            {"header": "From", "offset": 0},
            ("From",),
            "header:From",
        ),
        (
            "suzuki@example.com, 佐藤 <sato@example.jp>",
            {"header": "To", "offset": 0},
            ("To",),
            "header:To",
        ),
        (
            "【重要】ご住所の確認",
            {"header": "Subject", "offset": 0},
            ("Subject",),
            "header:Subject",
        ),
    ]
    plain, html = found.units[3:]
    assert plain.text == "山田様\n\nお電話 090-1234-5678 まで。\n"
    assert plain.locate(plain.text.index("090")) == {"part": 1, "line": 3, "column": 5}
    assert html.locate(html.text.index("03-")) == {"part": 2, "line": 2, "column": 11}
    assert "<" not in html.text
    assert _summary(found) == [("名簿.csv", "csv", "cp932", None, None, 3)]
    assert found.members[0][1].units[0].member == "名簿.csv"


def test_zip_inside_eml_and_eml_inside_zip(tmp_path: Path) -> None:
    message = _mail()
    message.add_attachment(
        _zip(tmp_path / "a.zip", {"b.txt": b"x@example.jp"}),
        maintype="application",
        subtype="zip",
        filename="a.zip",
    )
    outer = _zip(tmp_path / "o.zip", {"mail.eml": message.as_bytes()})
    found = extract("o.zip", outer)
    assert _summary(found) == [
        ("mail.eml", "eml", "iso2022_jp", None, None, 5),
        ("mail.eml!名簿.csv", "csv", "cp932", None, None, 3),
        ("mail.eml!a.zip", "zip", None, None, None, 0),
        ("mail.eml!a.zip!b.txt", "text", "utf-8", None, None, 1),
    ]
    assert found.members[0][1].members[1][1].members[0][1].units[0].member == (
        "mail.eml!a.zip!b.txt"
    )


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    data = _zip(tmp_path / "n.zip", {"a.csv": CSV_CP932})
    before = bytes(data)
    extract("n.zip", data)
    assert data == before and (tmp_path / "n.zip").read_bytes() == before


def test_mail_without_a_name_and_custom_headers() -> None:
    raw = (
        b"Return-Path: <a@example.jp>\r\nReceived: from mx (10.0.0.1)\r\n"
        b"From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <a@example.jp>\r\n"
        b"X-Customer-Tel: 090-1234-5678\r\nMessage-ID: <1@example.jp>\r\n\r\n"
        b"body 03-1234-5678\r\n"
    )
    found = extract("1700000000.M1P2.host", raw)
    assert (found.format, found.encoding) == ("eml", "utf-8")
    assert [(u.text, u.locate(0)) for u in found.units] == [
        ("山田 <a@example.jp>", {"header": "From", "offset": 0}),
        ("090-1234-5678", {"header": "X-Customer-Tel", "offset": 0}),
        ("body 03-1234-5678\r\n", {"part": 1, "line": 1, "column": 1}),
    ]
    assert extract("notes", b"Date: 2024-01-01\nTel: 090\n\nx").format == "text"


def test_outlook_style_iso2022_jp_body() -> None:
    raw = (
        b"From: a@example.jp\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
        b"\x1b$B-j;3ED>&;v\x1b(B 090-1234-5678\r\n"
    )
    found = extract("m.eml", raw)
    assert found.encoding == "iso2022_jp_ms"
    assert found.units[1].text == "㈱山田商事 090-1234-5678\r\n"


def test_eml_attachments_respect_the_depth_limit() -> None:
    found = extract("m.eml", _mail().as_bytes(), limits=Limits(max_depth=0))
    assert len(found.units) == 5
    assert _summary(found) == [
        ("名簿.csv", "csv", None, "too deep: attachment at nesting level 1", None, 0)
    ]
