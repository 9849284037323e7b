"""File names: personal data in a name (`山田太郎_履歴書.docx`, `090-1234-5678.csv`)
replaced with the run's surrogates, the extension kept."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from scanner.masking.masker import Masker, splice

# Separators people put between the words of a name: read as spaces (same length).
_SEPARATORS = str.maketrans("_+", "  ")
_UNSAFE = re.compile(r"[/\\\x00-\x1f]")
_WORDS = re.compile(r"[^\s()（）\[\]【】「」]+")
NAME_CONTEXT = ("ファイル名", "file name")


def readable(name: str) -> str:
    """The text of a name as detection reads it (offsets unchanged)."""
    return name.translate(_SEPARATORS)


def mask_file_name(masker: Masker, name: str) -> str:
    """`name` with its personal data replaced; the extension (and a leading dot) kept."""
    suffix = PurePosixPath(name).suffix if not name.startswith(".") else ""
    stem = name[: len(name) - len(suffix)]
    if not stem.strip():
        return name
    reps = masker.with_known(stem, _replacements(masker, stem))
    if not reps:
        return name
    return _UNSAFE.sub("_", splice(stem, reps)) + suffix


def _replacements(masker: Masker, stem: str) -> list[tuple[int, int, str]]:
    """Findings in the whole name, then in each of its words alone (a name before other
    words, `山田太郎_履歴書`), then numbers whose check digit passes, at any score."""
    from scanner.masking.leakcheck.findings import checked_numbers, checked_types

    text = readable(stem)
    words = [(m.start(), m.group()) for m in _WORDS.finditer(text)]
    found = masker.detect([text, *(w for _, w in words)], NAME_CONTEXT)
    spans = [(f.start, f.end, f.entity_type) for f in found[0]]
    for (offset, _), hits in zip(words, found[1:], strict=True):
        spans.extend((offset + f.start, offset + f.end, f.entity_type) for f in hits)
    spans.extend((s, e, kind) for s, e, kind in checked_numbers(text, checked_types(masker)))
    reps: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if reps and start < reps[-1][1]:
            continue  # overlaps an earlier, longer finding
        reps.append((start, end, masker.mask_value(kind, stem[start:end])))
    return reps


def mask_path_names(masker: Masker, rel: str, taken: set[str]) -> str:
    """A relative POSIX path with every component masked; a name already `taken` by
    another output gets a counter (`~2`) before its extension."""
    parts = [mask_file_name(masker, part) for part in rel.split("/")]
    out = "/".join(parts)
    number = 2
    while out in taken:
        suffix = PurePosixPath(parts[-1]).suffix
        stem = parts[-1][: len(parts[-1]) - len(suffix)]
        out = "/".join([*parts[:-1], f"{stem}~{number}{suffix}"])
        number += 1
    taken.add(out)
    return out
