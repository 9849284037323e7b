"""Inline allow markers: `mamoru:allow` on the line, `mamoru:allow-next-line` the line before.

Either may name types: `# mamoru:allow JP_MY_NUMBER` or `mamoru:allow PHONE_NUMBER,EMAIL_ADDRESS`;
without a type a marker allows every type.
"""

from __future__ import annotations

import re

TYPE = r"[A-Z][A-Z_]*"
MARKER = re.compile(
    rf"mamoru:allow(-next-line)?(?![\w-])(?:[ \t]+({TYPE}(?:[ \t]*,[ \t]*{TYPE})*))?"
)


def allowed_by_marker(text: str, offset: int, entity_type: str) -> bool:
    """True when a marker on the line of `offset`, or the line before, allows the type."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : len(text) if end == -1 else end]
    if _allows(line, entity_type, next_line=False):
        return True
    if start == 0:
        return False
    previous = text[text.rfind("\n", 0, start - 1) + 1 : start - 1]
    return _allows(previous, entity_type, next_line=True)


def _allows(line: str, entity_type: str, *, next_line: bool) -> bool:
    for m in MARKER.finditer(line):
        if bool(m.group(1)) != next_line:
            continue
        types = m.group(2)
        if types is None or entity_type in {t.strip() for t in types.split(",")}:
            return True
    return False
