"""Names made safe to show: file names and archive members may hold any bytes.

`shown(name)` keeps every printable character and escapes the rest, so that a name
never moves the cursor, rewrites the terminal (ANSI escapes), splits a TSV or CSV
line, or crashes an encoder: bytes that are not UTF-8 (a CP932 name from an old
Windows share, kept by Python as surrogates) become `\\xNN`, control and format
characters (C0, DEL, C1, line and paragraph separators, bidi overrides) become `\\xNN`
or `\\uNNNN`, a backslash is doubled. The result is unambiguous and deterministic, so
it also serves as the name's key in the inventory; the bytes themselves (`os.fsencode`)
are what files are opened by.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\\\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
    "\udc80-\udcff]"
)


def _escape(match: re.Match[str]) -> str:
    c = ord(match.group(0))
    if c == 0x5C:  # a backslash is doubled, so that no two names look the same
        return "\\\\"
    if 0xDC80 <= c <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def shown(name: str) -> str:
    """`name` with unprintable characters and undecodable bytes escaped."""
    if name.isascii() and name.isprintable() and "\\" not in name:
        return name
    return _UNSAFE.sub(_escape, name).encode("utf-8", "backslashreplace").decode("utf-8")
