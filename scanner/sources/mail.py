"""E-mail (.eml): address and subject headers, body text parts, attachments as members."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, cast

from scanner.sources.archive import MemberReader, tag_units
from scanner.sources.base import LineLocator, TextUnit, fixed_location
from scanner.sources.degrade import decode_lenient
from scanner.sources.formats import format_by_name
from scanner.sources.model import Budget, Extraction, SourceError
from scanner.sources.text import blank_markup

if TYPE_CHECKING:
    from email.message import EmailMessage

# Headers that only carry routing, signatures and structure; every other header is read
# (custom X- headers can carry customer data).
TECHNICAL_HEADERS = frozenset(
    {
        "received",
        "x-received",
        "return-path",
        "delivered-to",
        "message-id",
        "in-reply-to",
        "references",
        "date",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "dkim-signature",
        "x-google-dkim-signature",
        "arc-seal",
        "arc-message-signature",
        "arc-authentication-results",
        "authentication-results",
        "received-spf",
        "x-gm-message-state",
        "x-google-smtp-source",
        "list-unsubscribe",
    }
)
# Labels Japanese mailers put on CP932; ISO-2022-JP with extensions falls back to detection.
_CHARSET_CODECS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "iso-2022-jp": "iso2022_jp",
}


def read_eml(data: bytes, budget: Budget, depth: int, open_member: MemberReader) -> Extraction:
    """Headers {"header"}, text and HTML bodies {"part", "line", "column"}, attachments."""
    from email import policy
    from email.parser import BytesParser

    message = cast("EmailMessage", BytesParser(policy=policy.default).parsebytes(data))
    units = _header_units(message)
    encoding = None
    members: list[tuple[str, Extraction]] = []
    body_number = 0
    for number, part in enumerate(message.walk(), start=1):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if part.get_content_disposition() == "attachment" or (
            filename and part.get_content_maintype() != "text"
        ):
            path = filename or f"part{number}"
            members.append((path, _attachment(path, payload, budget, depth, open_member)))
        elif part.get_content_type() in ("text/plain", "text/html"):
            text, part_encoding = part_text(payload, part.get_content_charset())
            if part.get_content_subtype() == "html":
                text = blank_markup(text)
            body_number += 1
            encoding = encoding or part_encoding
            if text.strip():
                locate = LineLocator(text, extra={"part": body_number})
                units.append(TextUnit(text=text, locate=locate))
    return Extraction("eml", encoding, units=units, members=members)


def _header_units(message: EmailMessage) -> list[TextUnit]:
    """{"header": "From"} units, in the order of the message."""
    units = []
    for name, value in message.items():
        if name.lower() not in TECHNICAL_HEADERS:
            text = str(value)
            if text.strip():
                units.append(
                    TextUnit(
                        text=text,
                        locate=fixed_location(header=name),
                        context=(name,),
                        group=f"header:{name}",
                    )
                )
    return units


def charset_codec(charset: str) -> str:
    """The Python codec for a MIME charset label (Japanese mailers' labels mapped)."""
    return _CHARSET_CODECS.get(charset.lower(), charset)


def part_text(payload: bytes, charset: str | None) -> tuple[str, str]:
    """Decode with the declared charset when it fits, else detect; never fail."""
    if charset:
        codec = charset_codec(charset)
        try:
            return payload.decode(codec), codecs.lookup(codec).name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        decoded = decode_lenient(payload)
        return decoded.text, decoded.encoding
    except SourceError:
        return payload.decode("utf-8", "replace"), "utf-8"


def _attachment(
    path: str, payload: bytes, budget: Budget, depth: int, open_member: MemberReader
) -> Extraction:
    if depth >= budget.limits.max_depth:
        reason = f"too deep: attachment at nesting level {depth + 1}"
        return Extraction(format_by_name(path), None, skipped=reason)
    if budget.members_left <= 0:
        reason = f"too many members: over {budget.limits.max_members}"
        return Extraction(format_by_name(path), None, skipped=reason)
    budget.members_left -= 1
    return tag_units(path, open_member(path, payload, budget, depth + 1))
