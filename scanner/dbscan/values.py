"""Database values as text for the engine: numbers, dates, JSON, text in BLOBs.

Binary values are decoded only when they are valid UTF-8 and mostly printable (a
text file stored in a BLOB); other bytes (images, archives) are skipped. Values longer
than `MAX_VALUE_CHARS` are cut there: memory stays bounded on huge CLOBs.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid

MAX_VALUE_CHARS = 1 << 16
PRINTABLE_SHARE = 0.95


def as_text(value: object) -> str | None:
    """The text the engine sees for one value, or None when there is none to scan."""
    if value is None or isinstance(value, bool | float | uuid.UUID):
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | decimal.Decimal):
        text = str(value)
    elif isinstance(value, dt.date | dt.datetime):
        text = value.isoformat()
    elif isinstance(value, bytes | bytearray | memoryview):
        text = decode_binary(bytes(value))
    elif isinstance(value, dict | list | tuple):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    if text is None or not text.strip():
        return None
    return text[:MAX_VALUE_CHARS]


def decode_binary(data: bytes) -> str | None:
    """UTF-8 text stored as bytes, or None for binary content."""
    head = data[: MAX_VALUE_CHARS * 4]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end
            return None
        text = head[: exc.start].decode("utf-8")
    if not text:
        return None
    printable = sum(c.isprintable() or c in "\t\r\n" for c in text)
    return text if printable / len(text) >= PRINTABLE_SHARE else None
