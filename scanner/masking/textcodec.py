"""Decode a file and write it back in the same encoding, byte for byte outside the spans
that changed (BOMs, line endings and CP932 vendor characters are copied, not re-encoded).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

_STATEFUL = ("iso2022",)


class EncodingError(ValueError):
    """The input is not text, or a replacement cannot be written in its encoding."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) via the shared detector of `scanner.sources.encoding`."""
    from scanner.sources.encoding import decode
    from scanner.sources.model import SourceError

    try:
        return decode(data)
    except SourceError as exc:
        raise EncodingError(str(exc)) from exc


def segment_codec(data: bytes, text: str, encoding: str) -> tuple[str | None, int]:
    """(codec for pieces of the text, length of the BOM); codec None for stateful ones."""
    name = codecs.lookup(encoding).name
    if any(s in name for s in _STATEFUL):
        return None, 0
    if name == "utf-8-sig":
        return "utf-8", len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    for family, boms in (
        ("utf-32", ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))),
        ("utf-16", ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))),
    ):
        if name == family:
            for bom, codec in boms:
                if data.startswith(bom):
                    return codec, len(bom)
            for _, codec in boms:
                if data.decode(codec, errors="replace") == text:
                    return codec, 0
    return name, 0


def splice_bytes(
    data: bytes, text: str, encoding: str, replacements: Sequence[tuple[int, int, str]]
) -> bytes:
    """The original bytes with each (start, end, new) text span replaced by `new` encoded;
    every byte outside the spans is copied from `data`."""
    codec, head = segment_codec(data, text, encoding)
    try:
        if codec is None:  # stateful (ISO-2022-JP): re-encode the whole text
            from scanner.masking.masker import splice

            return splice(text, replacements).encode(encoding)
        out = [data[:head]]
        char_pos, byte_pos = 0, head
        for start, end, new in replacements:
            keep = len(text[char_pos:start].encode(codec))
            out.append(data[byte_pos : byte_pos + keep])
            out.append(new.encode(codec))
            byte_pos += keep + len(text[start:end].encode(codec))
            char_pos = end
        out.append(data[byte_pos:])
        return b"".join(out)
    except UnicodeEncodeError as exc:
        raise EncodingError(f"a replacement cannot be written in {encoding}") from exc
