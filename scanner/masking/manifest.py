"""The manifest of a masked copy: which files this run wrote, under which key and profile.

Written beside a masked file (`out.csv.mamoru-mask.json`) or inside a masked tree
(`.mamoru-mask.json`). It holds no value: the key id (`scanner.privacy.key_id`), the
profile, the time, the tool version, and per file its name and SHA-256, so that
`mamoru scan` reports a file as a masked copy only while its content is the one written.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

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


def masked_copies(directory: Path, manifest: Path) -> dict[str, str]:
    """Files of `directory` (relative names) -> SHA-256 named by the manifest, or {} when
    the manifest is not a mamoru manifest."""
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        return {}
    files = doc.get("files")
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}
