"""Reading `git diff -U0` output: which lines of each file's new side were added."""

from __future__ import annotations

import re
from dataclasses import dataclass

HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True, slots=True)
class PatchSection:
    """One file's part of a patch."""

    binary: bool
    added: tuple[tuple[int, int], ...]  # inclusive 1-based line ranges on the new side


def parse_patch(patch: bytes) -> list[PatchSection]:
    """The sections of a `-U0` patch, in order (one per `diff --git` header)."""
    sections: list[PatchSection] = []
    binary = False
    added: list[tuple[int, int]] = []
    started = False
    in_header = False
    for line in patch.split(b"\n"):
        if line.startswith(b"diff --git "):
            if started:
                sections.append(PatchSection(binary, tuple(added)))
            started, in_header, binary, added = True, True, False, []
        elif in_header and line.startswith(b"Binary files "):
            binary = True
        elif line.startswith(b"@@ "):
            in_header = False
            m = HUNK.match(line)
            if m is None:
                raise ValueError(f"unreadable hunk header: {line[:80]!r}")
            start, count = int(m.group(1)), int(m.group(2) or b"1")
            if count:
                added.append((start, start + count - 1))
    if started:
        sections.append(PatchSection(binary, tuple(added)))
    return sections


def in_ranges(line: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    """True when `line` lies in one of the inclusive ranges."""
    return any(lo <= line <= hi for lo, hi in ranges)
