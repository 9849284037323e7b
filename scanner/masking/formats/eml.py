"""E-mail (.eml): every header (RFC 2047 encoded words decoded, re-encoded in the same
charset and B/Q encoding), text bodies decoded and written back in their charset and
Content-Transfer-Encoding, attachments masked by the format maskers (file names too).

A part that cannot be masked (an image, an unknown binary, a transfer encoding other
than 7bit/8bit/binary/base64/quoted-printable) refuses the whole message. Headers and
parts that are not changed are written back as they were (`compat32`, no refolding).
"""

from __future__ import annotations

import base64
import quopri
import re
import shutil
import tempfile
from email import policy as email_policy
from email.charset import BASE64, QP, Charset
from email.header import Header, decode_header
from email.message import Message
from pathlib import Path

from scanner.explain import kind_both
from scanner.masking.filenames import mask_file_name
from scanner.masking.formats import Refused
from scanner.masking.masker import Masker
from scanner.masking.textcodec import EncodingError

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([BbQq])\?")
_WORD_HEAD = re.compile(r"=\?[^?\s]+\?[BbQq]\?")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
# Headers whose value is structure, not content (their parameters are read separately).
_STRUCTURE = frozenset({"content-type", "content-transfer-encoding", "mime-version",
                        "content-disposition"})
_TRANSFER = frozenset({"7bit", "8bit", "binary", "base64", "quoted-printable"})
# A quoted string or a run of words holding non-ASCII text: one encoded word each.
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*[^\x00-\x7f](?:[^"\\]|\\.)*)"')
_RUN = re.compile(r'[^\s<>"(),;:@\[\]]*[^\x00-\x7f][^\s<>"(),;:@\[\]]*'
                  r'(?:[ \t]+[^\s<>"(),;:@\[\]]*[^\x00-\x7f][^\s<>"(),;:@\[\]]*)*')


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    work = Path(tempfile.mkdtemp(prefix=".eml-", dir=dst.parent))
    try:
        dst.write_bytes(mask_bytes(src.read_bytes(), masker, work))
    finally:
        shutil.rmtree(work)


def mask_bytes(data: bytes, masker: Masker, work: Path) -> bytes:
    """The message with every header, body and attachment masked (`work`: a private
    directory for attachments while their maskers run)."""
    from email.parser import BytesParser

    message = BytesParser(policy=email_policy.compat32).parsebytes(data)
    for number, part in enumerate(message.walk(), start=1):
        _mask_headers(part, masker)
        _mask_file_names(part, masker)
        if not part.is_multipart():
            _mask_payload(part, number, masker, work)
    return _generate(message, b"\r\n" if b"\r\n" in data[:4096] else b"\n")


def _generate(message: Message, linesep: bytes) -> bytes:
    import io
    from email.generator import BytesGenerator

    out = io.BytesIO()
    style = email_policy.compat32.clone(linesep=linesep.decode(), max_line_length=None)
    BytesGenerator(out, mangle_from_=False, policy=style).flatten(message)
    return out.getvalue()


# -- headers -----------------------------------------------------------------------------
def _mask_headers(part: Message, masker: Masker) -> None:
    _set_headers(part, [
        (name, value if name.lower() in _STRUCTURE else _mask_header(name, value, masker))
        for name, value in part.raw_items()])


def _set_headers(part: Message, new: list[tuple[str, str]]) -> None:
    """Replace the headers of `part` with `new`, in that order."""
    if new == list(part.raw_items()):
        return
    for name in {name for name, _ in part.items()}:
        del part[name]
    for name, value in new:
        part[name] = value


def _mask_header(name: str, raw: str, masker: Masker) -> str:
    text, charset, encoding = decode_value(raw)
    masked = masker.mask_texts([text], (name,))[0]
    return raw if masked == text else encode_value(masked, charset, encoding)


def decode_value(raw: str) -> tuple[str, str | None, str | None]:
    """(text, charset, "B"/"Q") of a header value; charset "8bit" for raw bytes."""
    from scanner.sources.mail import charset_codec

    unfolded = _FOLD.sub("", raw)
    if not unfolded.isascii():  # raw 8-bit bytes (surrogate-escaped by the parser)
        return _raw_text(unfolded), "8bit", None
    words = _ENCODED_WORD.search(unfolded)
    if words is None:
        return unfolded, None, None
    pieces = []
    for chunk, charset in decode_header(unfolded):
        if isinstance(chunk, str):
            pieces.append(chunk)
            continue
        try:
            pieces.append(chunk.decode(charset_codec(charset) if charset else "ascii"))
        except (LookupError, UnicodeDecodeError) as exc:
            raise Refused("mask.refused.eml_header_decode", charset=charset) from exc
    return "".join(pieces), words.group(1), words.group(2)


def _raw_text(value: str) -> str:
    from scanner.sources.degrade import decode_lenient

    data = value.encode("ascii", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_lenient(data).text


def encode_value(text: str, charset: str | None, encoding: str | None) -> str:
    """`text` as a header value: non-ASCII runs as encoded words in `charset` (UTF-8 B
    when the value had none), or raw bytes for a raw 8-bit header."""
    if charset == "8bit":
        return text.encode("utf-8").decode("ascii", "surrogateescape")
    if text.isascii():
        return text
    from scanner.sources.mail import charset_codec

    codec = Charset(charset or "utf-8")
    codec.output_charset = codec.output_codec = charset_codec(charset or "utf-8")
    codec.header_encoding = QP if encoding in ("Q", "q") else BASE64

    def word(piece: str) -> str:
        try:
            words = Header(piece, codec).encode(maxlinelen=76, linesep="\n")
        except UnicodeEncodeError as exc:
            raise Refused("mask.refused.eml_header_encode", charset=charset) from exc
        # the charset label and the B/Q letter as the sender's mailer spelled them
        return _WORD_HEAD.sub(f"=?{charset}?{encoding}?", words) if charset else words

    text = _QUOTED.sub(lambda m: word(m.group(1)), text)
    return _RUN.sub(lambda m: word(m.group()), text)


def _mask_file_names(part: Message, masker: Masker) -> None:
    """`filename` (Content-Disposition) and `name` (Content-Type) parameters, in the form
    they had (RFC 2231 or encoded words)."""
    from email.utils import collapse_rfc2231_value

    for param, header in (("filename", "content-disposition"), ("name", "content-type")):
        value = part.get_param(param, header=header)
        if value is None or header not in part:
            continue
        if isinstance(value, tuple):  # RFC 2231: (charset, language, value)
            name = collapse_rfc2231_value(value)
            new = mask_file_name(masker, name)
            if new != name:
                _set_param(part, header, param, new, charset=value[0] or "utf-8",
                           language=value[1] or "")
            continue
        name, charset, encoding = decode_value(value)
        new = mask_file_name(masker, name)
        if new != name:
            _set_param(part, header, param,
                       encode_value(new, charset, encoding).replace("\n", ""))


def _set_param(part: Message, header: str, param: str, value: str, **how: str) -> None:
    """Set one parameter of a header, the header keeping its place and spelling."""
    scratch = Message()
    scratch[header] = part[header]
    scratch.set_param(param, value, header=header, **how)
    _set_headers(part, [(name, scratch[header] if name.lower() == header else old)
                        for name, old in part.raw_items()])


# -- payloads ----------------------------------------------------------------------------
def _mask_payload(part: Message, number: int, masker: Masker, work: Path) -> None:
    transfer = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if transfer not in _TRANSFER:
        raise Refused("mask.refused.eml_transfer", number=number, transfer=transfer)
    data = part.get_payload(decode=True) or b""
    filename = part.get_filename()
    attachment = part.get_content_disposition() == "attachment" or (
        filename is not None and part.get_content_maintype() != "text")
    if part.get_content_maintype() == "text" and not attachment:
        new = _mask_text(data, part.get_content_charset(), masker)
    elif attachment or part.get_content_maintype() == "message":
        new = _mask_attachment(data, filename, number, masker, work)
    else:
        raise Refused("mask.refused.eml_part", number=number,
                      content_type=part.get_content_type())
    if new != data:
        part.set_payload(_transfer_encode(new, transfer))


def _mask_text(data: bytes, charset: str | None, masker: Masker) -> bytes:
    from scanner.masking.masker import splice
    from scanner.sources.mail import part_text

    text, codec = part_text(data, charset)
    reps = masker.with_known(text, masker.replacements(masker.detect([text])[0]))
    if not reps:
        return data
    try:
        return splice(text, reps).encode(codec)
    except UnicodeEncodeError as exc:
        raise Refused("mask.refused.eml_body_encode", codec=codec) from exc


def _mask_attachment(
    data: bytes, filename: str | None, number: int, masker: Masker, work: Path
) -> bytes:
    from scanner.masking.files import FORMATS
    from scanner.sources.formats import detect_format

    suffix = Path(filename).suffix if filename else ".eml"
    fmt, kind = detect_format(f"part{number}{suffix}", data)
    module = FORMATS.get(fmt)
    if module is None:
        raise Refused("mask.refused.eml_attachment", number=number, kind=kind_both(kind or fmt))
    src, dst = work / f"in{number}{suffix}", work / f"out{number}{suffix}"
    src.write_bytes(data)
    try:
        module.mask_file(src, dst, masker)
    except (Refused, EncodingError):
        raise
    except Exception as exc:  # corrupt content makes the libraries raise almost anything
        raise Refused("mask.refused.eml_attachment_error", number=number,
                      error=type(exc).__name__) from exc
    finally:
        src.unlink()
    out = dst.read_bytes()
    dst.unlink()
    return out


def _transfer_encode(data: bytes, transfer: str) -> str:
    """The payload text for `data` in the part's own transfer encoding."""
    if transfer == "base64":
        return base64.encodebytes(data).decode("ascii")
    if transfer == "quoted-printable":
        return quopri.encodestring(data.replace(b"\r\n", b"\n")).decode("ascii")
    return data.decode("ascii", "surrogateescape")
