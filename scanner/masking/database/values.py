"""Database cell values that are not plain text: JSON documents, arrays, binary strings
and numbers. They are masked by their content and written back in their own type, and
their text is what the leak check reads again.

- JSON (dict, list, or text that parses as a JSON object/array): every string and
  integer leaf and every object key;
- arrays: every element;
- binary (bytea, BLOB): the bytes decoded as text (UTF-8, else the shared encoding
  detector), re-encoded in the same encoding after masking; bytes that are not text are
  copied and only read by the leak check;
- integers and integral decimals of at least `NUMBER_DIGITS` digits (identification and
  phone numbers stored as numbers); a replacement that is not a number keeps its digits
  (`****-****-9018` -> 000000009018) or becomes NULL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

NUMBER_DIGITS = 8  # shorter integers cannot hold an identification or phone number
_PRINTABLE_RUN = re.compile(r"[^\x00-\x1f\x7f-\x9f]{4,}")


@dataclass(frozen=True, slots=True)
class Piece:
    """A text inside a cell value, with the JSON key (or '') it sits under."""

    text: str
    label: str = ""


def is_structured(value: object) -> bool:
    return isinstance(value, dict | list | tuple | bytes | bytearray | memoryview) or (
        isinstance(value, str) and _looks_json(value)
    )


def _looks_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("{", "[") and _parse_json(text) is not None


def _parse_json(text: str) -> object | None:
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    return doc if isinstance(doc, dict | list) else None


def integral_text(value: object) -> str | None:
    """The digits of an integer or integral decimal long enough to be an identifier."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            return None
        value = int(value)
    if isinstance(value, int) and len(str(abs(value))) >= NUMBER_DIGITS:
        return str(value)
    return None


def number_like(original: int | Decimal, new: str) -> int | Decimal | None:
    """`new` as a number of the original's type: digits kept, masks (`*`) as 0."""
    digits = re.sub(r"\D", "", new.replace("*", "0"))
    if not digits:
        return None
    return Decimal(digits) if isinstance(original, Decimal) else int(digits)


# -- reading the texts of a value -------------------------------------------------------
def pieces(value: object) -> Iterator[Piece]:
    """Every text a cell value holds (what the masker and the leak check read)."""
    if value is None or isinstance(value, bool | float):
        return
    if isinstance(value, str):
        doc = _parse_json(value) if value.lstrip()[:1] in ("{", "[") else None
        if doc is None:
            yield Piece(value)
        else:
            yield from _json_pieces(doc, "")
    elif isinstance(value, dict | list | tuple):
        yield from _json_pieces(value, "")
    elif isinstance(value, bytes | bytearray | memoryview):
        decoded = decode_binary(bytes(value))
        if decoded is not None:
            yield from pieces(decoded[0])
        else:
            for run in _PRINTABLE_RUN.findall(bytes(value).decode("latin-1")):
                yield Piece(run)
    elif isinstance(value, int | Decimal):
        if (digits := integral_text(value)) is not None:
            yield Piece(digits)
    else:
        from scanner.masking.tables import as_text

        text = as_text(value)
        if text is not None:
            yield Piece(text)


def _json_pieces(doc: object, label: str) -> Iterator[Piece]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield Piece(str(k), label)
            yield from _json_pieces(v, str(k))
    elif isinstance(doc, list | tuple):
        for v in doc:
            yield from _json_pieces(v, label)
    elif isinstance(doc, str):
        yield Piece(doc, label)
    elif isinstance(doc, int) and not isinstance(doc, bool):
        yield Piece(str(doc), label)


def decode_binary(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of bytes that are text, else None."""
    if not data:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from scanner.masking.textcodec import EncodingError, decode_bytes

    try:
        text, encoding = decode_bytes(data)
    except EncodingError:
        return None
    if text.encode(encoding, errors="replace") != data:
        return None  # not a faithful round trip: treated as binary
    return text, encoding


# -- masking a value -----------------------------------------------------------------
Mask = Callable[[str, str], str]  # (text, JSON label) -> masked text


def mask_structured(value: object, mask: Mask) -> object:
    """`value` with every text inside it passed through `mask`, in its own type."""
    if isinstance(value, str):
        doc = _parse_json(value)
        if doc is None:
            return mask(value, "")
        new_doc = _mask_json(doc, "", mask)
        return value if new_doc == doc else json.dumps(new_doc, ensure_ascii=False)
    if isinstance(value, dict | list | tuple):
        new_doc = _mask_json(value, "", mask)
        return value if new_doc == value else new_doc
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        decoded = decode_binary(data)
        if decoded is None:
            return value
        text, encoding = decoded
        new = mask_structured(text, mask)
        if new == text:
            return value
        try:
            return new.encode(encoding)
        except UnicodeEncodeError:
            return new.encode("utf-8")
    return value


def _mask_json(doc: object, label: str, mask: Mask) -> object:
    if isinstance(doc, dict):
        return {mask(str(k), label): _mask_json(v, str(k), mask) for k, v in doc.items()}
    if isinstance(doc, list | tuple):
        return [_mask_json(v, label, mask) for v in doc]
    if isinstance(doc, str):
        return mask(doc, label)
    if isinstance(doc, int) and not isinstance(doc, bool):
        new = mask(str(doc), label)
        return doc if new == str(doc) else (number_like(doc, new) if
                                             re.search(r"\d", new) else new)
    return doc


# -- writing a value to a file ---------------------------------------------------------
def csv_text(value: object) -> object:
    """A cell as CSV holds it: JSON text for documents and arrays, `\\x` hex for bytes."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    return value


def from_csv_text(cell: str) -> object:
    """A CSV cell read back: `\\x` hex is the bytes `csv_text` wrote."""
    if cell.startswith("\\x") and len(cell) % 2 == 0:
        try:
            return bytes.fromhex(cell[2:])
        except ValueError:
            return cell
    return cell
