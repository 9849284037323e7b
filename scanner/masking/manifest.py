"""The manifest of a masked copy: which files this run wrote, under which key and profile.

Written beside a masked file (`out.csv.mamoru-mask.json`) or inside a masked tree
(`.mamoru-mask.json`). It holds no value: the key id (`scanner.privacy.key_id`), the
profile, the time, the tool version, and per file its name and SHA-256, so that
`mamoru scan` reports a file as a masked copy (skipped, with the manifest's key id,
profile and time) only while its content is the one written.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.masking.masker import Masker

MANIFEST_NAME = ".mamoru-mask.json"
KIND = "mamoru masked copy"
FILE_MODE = 0o600


def write_manifest(path: Path, masker: Masker, files: list[tuple[Path, str]]) -> None:
    """Write the manifest of `files` ((written path, name in the copy)) to `path`."""
    from mamoru import __version__
    from scanner.privacy import key_id

    doc = {
        "kind": KIND,
        "version": 1,
        "tool_version": __version__,
        "key_id": key_id(masker.surrogates.key),
        "profile": masker.policy.profile,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {name: sha256(p) for p, name in sorted(files, key=lambda f: f[1])},
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


MASKED_COPY = "masked copy"
_MAX_LEVELS = 32


def masked_copy_note(abspath: str, content_hash: str) -> str | None:
    """For `mamoru scan`: why a file needs no scan, when a manifest beside it (or in a
    directory above it) names it with this content, or when it is such a manifest; None
    for every other file (and for a masked copy edited since it was written)."""
    path = Path(abspath)
    if path.name.endswith(MANIFEST_NAME):
        doc = _load(str(path))
        return f"{MASKED_COPY}: manifest of mamoru mask" if doc is not None else None
    candidates = [(path.with_name(path.name + MANIFEST_NAME), path.name)]
    rel = path.name
    for parent in list(path.parents)[:_MAX_LEVELS]:
        candidates.append((parent / MANIFEST_NAME, rel))
        rel = f"{parent.name}/{rel}"
    for manifest, name in candidates:
        doc = _load(str(manifest))
        if doc is not None and doc["files"].get(name) == content_hash:
            return (f"{MASKED_COPY} (mamoru mask {doc.get('created', '?')}, profile "
                    f"{doc.get('profile', '?')}, key id {doc.get('key_id', '?')})")
    return None


@lru_cache(maxsize=256)
def _load(path: str) -> dict | None:
    """A mamoru manifest, or None (missing, unreadable, or not one)."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("kind") != KIND \
            or not isinstance(doc.get("files"), dict):
        return None
    return doc
