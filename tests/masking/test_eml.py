""".eml masking: headers (encoded words), decoded bodies and attachments, written back in
their charset and transfer encoding; read back by the test itself, no input value left."""

from __future__ import annotations

import base64
import io
import quopri
import re
from email import policy
from email.header import Header
from email.parser import BytesParser

import pytest

from scanner.cli import main
from scanner.masking.files import mask_path
from scanner.masking.formats import eml as fmt_eml
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy

NAME, NAME2, NAME3 = "山田 太郎", "佐藤 花子", "鈴木 一郎"
PHONE, PHONE2 = "090-1234-5678", "03-3210-9876"
MAIL, MAIL2 = "yamada@example.jp", "sato@example.co.jp"
MYNUM = "1234 5678 9018"
VALUES = (NAME, NAME2, NAME3, PHONE, PHONE2, MAIL, MAIL2, MYNUM)


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


@pytest.fixture
def masker():
    return Masker(load_policy(None, None), b"test-key")


def _word(text: str, charset: str, encoding: str = "B") -> str:
    from email.charset import BASE64, QP, Charset

    codec = Charset(charset)
    codec.output_charset = codec.output_codec = charset.lower()
    codec.header_encoding = QP if encoding == "Q" else BASE64
    word = Header(text, codec).encode(maxlinelen=0)
    return re.sub(r"=\?[^?]+\?", f"=?{charset}?", word, count=1)


def _csv(encoding: str) -> bytes:
    return f"氏名,電話,メール\n{NAME3},{PHONE2},{MAIL2}\n".encode(encoding)


def _docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(f"担当 {NAME2} 様、携帯 {PHONE} まで")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["氏名", "電話番号", "メール"])
    ws.append([NAME3, PHONE2, MAIL])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode()


def iso2022_mail() -> bytes:
    """A Japanese mailer's message: ISO-2022-JP headers and 7bit body, a CP932 CSV
    attached in base64 under an encoded-word file name."""
    body = f"{NAME}様\r\n\r\nお電話 {PHONE} まで。\r\nマイナンバー {MYNUM}\r\n"
    return (
        f"From: {_word(NAME, 'ISO-2022-JP')} <{MAIL}>\r\n"
        f"To: {_word(NAME2, 'ISO-2022-JP')} <{MAIL2}>\r\n"
        f"Subject: {_word(f'【至急】{NAME}様の登録', 'ISO-2022-JP')}\r\n"
        "Message-ID: <20240101.1@mx.example.net>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n"
        "Content-Transfer-Encoding: 7bit\r\n\r\n"
        + body.encode("iso2022_jp").decode("ascii")
        + "\r\n--b1\r\n"
        f'Content-Type: text/csv; name="{_word("山田太郎_名簿.csv", "ISO-2022-JP")}"\r\n'
        f'Content-Disposition: attachment; filename="{_word("山田太郎_名簿.csv", "ISO-2022-JP")}"'
        "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + _b64(_csv("cp932")).replace("\n", "\r\n")
        + "--b1--\r\n"
    ).encode("ascii")


def shift_jis_mail() -> bytes:
    """Shift_JIS: a Q-encoded subject, a quoted-printable plain body, a base64 HTML body,
    and a DOCX under an RFC 2231 file name."""
    plain = f"{NAME2} 様\n連絡先 {PHONE2}\nメール {MAIL2}\n".encode("cp932")
    html = f"<p>{NAME2} 様</p><p>TEL {PHONE2}</p>\n".encode("cp932")
    return (
        f"From: {MAIL2}\n"
        f"To: {_word(NAME, 'Shift_JIS', 'Q')} <{MAIL}>\n"
        f"Subject: {_word(f'{NAME2}様 ご確認', 'Shift_JIS', 'Q')}\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n'
        '--o\nContent-Type: multipart/alternative; boundary="a"\n\n'
        "--a\nContent-Type: text/plain; charset=Shift_JIS\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(plain).decode("ascii")
        + "\n--a\nContent-Type: text/html; charset=Shift_JIS\n"
        "Content-Transfer-Encoding: base64\n\n" + _b64(html)
        + "--a--\n\n--o\n"
        "Content-Type: application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document\n"
        "Content-Disposition: attachment;\n"
        " filename*=UTF-8''%E4%BD%90%E8%97%A4%E8%8A%B1%E5%AD%90_%E5%B1%A5%E6%AD%B4.docx\n"
        "Content-Transfer-Encoding: base64\n\n" + _b64(_docx()) + "--o--\n"
    ).encode("ascii")


def utf8_mail() -> bytes:
    """UTF-8: a raw 8-bit subject, a base64 body, an XLSX, and a forwarded message."""
    inner = (
        f"From: {_word(NAME3, 'UTF-8')} <{MAIL2}>\nSubject: {_word('転送元', 'UTF-8')}\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        f"{NAME3}です。携帯は {PHONE} です。\n"
    )
    body = f"{NAME}さん\n電話 {PHONE} / {MAIL}\n".encode()
    return (
        f"From: {_word(NAME, 'UTF-8')} <{MAIL}>\n"
        f"Subject: 転送: {NAME}さんの件\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="u"\n\n'
        "--u\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
        + _b64(body)
        + "--u\nContent-Type: application/vnd.openxmlformats-officedocument"
        ".spreadsheetml.sheet\n"
        'Content-Disposition: attachment; filename="list.xlsx"\n'
        "Content-Transfer-Encoding: base64\n\n" + _b64(_xlsx())
        + "--u\nContent-Type: message/rfc822\n\n" + inner + "--u--\n"
    ).encode("utf-8")


MAILS = {"iso-2022-jp": iso2022_mail, "shift_jis": shift_jis_mail, "utf-8": utf8_mail}


def _decoded(data: bytes) -> tuple[str, list[tuple]]:
    """Everything a reader sees in a message (headers decoded, bodies and attachments
    decoded, Office attachments opened), and each part's (type, transfer, charset)."""
    from docx import Document
    from openpyxl import load_workbook

    message = BytesParser(policy=policy.default).parsebytes(data)
    texts, shapes = [], []
    for part in message.walk():
        texts.extend(f"{k}: {v}" for k, v in part.items())
        shapes.append((part.get_content_type(), part.get("content-transfer-encoding"),
                       part.get_content_charset()))
        if part.is_multipart():
            continue
        texts.append(part.get_filename() or "")
        payload = part.get_payload(decode=True)
        kind = part.get_content_type()
        if kind.endswith("wordprocessingml.document"):
            texts.extend(p.text for p in Document(io.BytesIO(payload)).paragraphs)
        elif kind.endswith("spreadsheetml.sheet"):
            ws = load_workbook(io.BytesIO(payload)).active
            texts.extend(str(c.value) for row in ws.iter_rows() for c in row)
        elif kind == "text/csv":
            texts.append(payload.decode("cp932"))
        else:
            texts.append(part.get_content())
    return "\n".join(texts), shapes


def _left(text: str) -> list[str]:
    flat = text.replace(" ", "").replace("\u3000", "")
    return [v for v in VALUES if v.replace(" ", "") in flat
            or (v[0].isdigit() and re.sub(r"\D", "", v) in re.sub(r"\D", "", text))]


def _raw_headers(data: bytes, name: str) -> list[str]:
    return re.findall(rf"(?mi)^{name}:(.*(?:\r?\n[ \t].*)*)", data.decode("latin-1"))


@pytest.mark.parametrize("charset", sorted(MAILS))
def test_every_part_masked_and_written_as_it_was(tmp_path, masker, charset):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    data = MAILS[charset]()
    (src / "mail.eml").write_bytes(data)
    before_text, before_shapes = _decoded(data)
    assert sorted(_left(before_text)) == sorted(
        {"iso-2022-jp": [NAME, NAME2, NAME3, PHONE, PHONE2, MAIL, MAIL2, MYNUM],
         "shift_jis": [NAME, NAME2, PHONE, PHONE2, MAIL, MAIL2],
         "utf-8": [NAME, NAME3, PHONE, PHONE2, MAIL, MAIL2]}[charset])
    outcome = mask_path(src, out, masker)
    assert (outcome.masked, outcome.refused, outcome.leaks) == (["mail.eml"], [], [])
    written = (out / "mail.eml").read_bytes()
    after_text, after_shapes = _decoded(written)
    assert _left(after_text) == []
    assert after_shapes == before_shapes  # same parts, transfer encodings and charsets
    labels = {"iso-2022-jp": ("【至急】", "お電話", "氏名,電話,メール"),
              "shift_jis": ("様 ご確認", "連絡先", "担当"), "utf-8": ("転送: ", "電話", "氏名")}
    assert all(label in after_text for label in labels[charset])
    # headers stay encoded words of the same charset and encoding (or raw 8-bit)
    for header in ("From", "Subject"):
        old = _raw_headers(data, header)[0]
        new = _raw_headers(written, header)[0]
        assert re.findall(r"=\?([^?]+\?[BQ])\?", old, re.I)[:1] == \
            re.findall(r"=\?([^?]+\?[BQ])\?", new, re.I)[:1]
        assert new != old
    assert (b"\r\n" in written) == (b"\r\n" in data)


def test_the_parts_in_detail(tmp_path, masker):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "m.eml").write_bytes(iso2022_mail())
    mask_path(src, out, masker)
    message = BytesParser(policy=policy.default).parsebytes((out / "m.eml").read_bytes())
    sur = masker.mask_value("PERSON", NAME)
    assert str(message["From"]) == f"{sur} <{masker.mask_value('EMAIL_ADDRESS', MAIL)}>"
    assert str(message["Subject"]) == f"【至急】{sur}様の登録"
    # a message id has the shape of an address: replaced like one, the same everywhere
    msgid = masker.mask_value("EMAIL_ADDRESS", "20240101.1@mx.example.net")
    assert str(message["Message-ID"]) == f"<{msgid}>"
    plain, csv = [p for p in message.walk() if not p.is_multipart()]
    assert plain.get_content() == (
        f"{sur}様\r\n\r\nお電話 {masker.mask_value('PHONE_NUMBER', PHONE)} まで。\r\n"
        f"マイナンバー {masker.mask_value('JP_MY_NUMBER', MYNUM)}\r\n")
    file_name = f"{masker.mask_value('PERSON', '山田太郎')}_名簿.csv"
    assert csv.get_filename() == file_name
    assert csv.get_param("name") == file_name
    assert csv.get_payload(decode=True).decode("cp932").splitlines()[0] == "氏名,電話,メール"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def test_an_attachment_that_cannot_be_masked_refuses_the_message(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    data = iso2022_mail().replace(
        b"--b1--", b"--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment;"
        b' filename="card.png"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(_png()) + b"--b1--")
    (src / "scan.eml").write_bytes(data)
    (src / "ok.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cannot be masked, not written: scan.eml: " in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == [".mamoru-mask.json", "ok.txt"]


def test_an_attachment_the_masker_cannot_see_fails_the_run(tmp_path, capsys, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "mail.eml").write_bytes(shift_jis_mail())
    argv = ["--lang", "en", "mask", str(src), "--out", str(out)]
    assert main(argv) == 0
    capsys.readouterr()
    # the masker goes blind to attachments: the DOCX is written back as it came
    monkeypatch.setattr(fmt_eml, "_mask_attachment", lambda data, *_a: data)
    assert main([*argv, "--force"]) == 1
    err = capsys.readouterr().err
    assert "leak check failed" in err
    assert "mail.eml: 佐藤花子_履歴.docx" not in err  # names are shown masked, not in clear
    assert "docx: " in err and "PERSON 佐藤" in err
    assert NAME2 not in err and PHONE not in err
    # the copy of the first run is untouched, nothing else left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert PHONE not in _decoded((out / "mail.eml").read_bytes())[0]


def test_a_file_name_the_masker_cannot_see_fails_the_run(tmp_path, masker, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "mail.eml").write_bytes(iso2022_mail())
    monkeypatch.setattr(fmt_eml, "_mask_file_names", lambda *_a: None)
    outcome = mask_path(src, out, masker)
    assert not outcome.released and not out.exists()
    assert [(leak.location, leak.entity_type) for leak in outcome.leaks] == [
        ("mail.eml: part=3, header=Content-Type, offset=16", "PERSON"),
        ("mail.eml: part=3, header=Content-Disposition, offset=22", "PERSON")]


def test_a_header_the_masker_cannot_see_fails_the_run(tmp_path, masker, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    data = iso2022_mail().replace(
        b"Message-ID:", f"Received: from pc ({MAIL}) by mx; tel {PHONE}\r\nMessage-ID:".encode())
    (src / "mail.eml").write_bytes(data)
    assert mask_path(src, tmp_path / "ok", masker).released
    monkeypatch.setattr(fmt_eml, "_STRUCTURE", fmt_eml._STRUCTURE | {"received"})
    outcome = mask_path(src, out, masker)
    assert not outcome.released and not out.exists()
    assert sorted(leak.entity_type for leak in outcome.leaks) == ["EMAIL_ADDRESS",
                                                                  "PHONE_NUMBER"]
    assert {leak.location.split(",")[:2][1] for leak in outcome.leaks} == {" header=Received"}


def test_a_foreign_senders_display_name_is_masked(tmp_path, masker):
    """A customer abroad writes `John Smith <…>`: the display name is a person's name and
    is masked like the address, the same in the header and the signature."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "m.eml").write_bytes(
        b"From: John Smith <john.smith@example.com>\r\nTo: Support <support@example.jp>\r\n"
        b"Subject: order\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Thanks.\r\n-- John Smith <john.smith@example.com>\r\n"
    )
    outcome = mask_path(src, out, masker)
    assert (outcome.masked, outcome.leaks) == (["m.eml"], [])
    message = BytesParser(policy=policy.default).parsebytes((out / "m.eml").read_bytes())
    sur = masker.mask_value("PERSON", "John Smith")
    mail = masker.mask_value("EMAIL_ADDRESS", "john.smith@example.com")
    assert sur != "John Smith"
    assert str(message["From"]) == f"{sur} <{mail}>"
    assert message.get_content() == f"Thanks.\r\n-- {sur} <{mail}>\r\n"
    assert str(message["To"]).startswith("Support <")  # a role's display name stays
