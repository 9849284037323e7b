"""The baseline file: known findings, as keyed fingerprints without line numbers.

An entry is (path, entity type, fingerprint): moving code inside a file does not
change it, and no value is stored in clear (only a masked preview). The file records
its format version, the settings it was made with and an id of the key, since
fingerprints made with another key never match.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from scanner.i18n import Lang
from scanner.messages import Both, CatalogueError, error_reason

FORMAT_VERSION = 1
STATUSES = ("unaudited", "real", "false-positive")

EntryKey = tuple[str, str, str]  # path, entity type, fingerprint


class BaselineError(CatalogueError, ValueError):
    """The baseline file cannot be used."""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One known finding."""

    path: str
    entity_type: str
    fingerprint: str
    preview: str
    status: str = "unaudited"

    @property
    def key(self) -> EntryKey:
        return (self.path, self.entity_type, self.fingerprint)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Entries plus the settings and key they were made with."""

    entries: tuple[BaselineEntry, ...]
    entities: tuple[str, ...] | None
    min_score: float
    key_id: str

    def keys(self) -> frozenset[EntryKey]:
        """The entries the hook lets through: all but those audited as `real` (personal
        data confirmed: it must leave the repository, so the hook keeps failing on it)."""
        return frozenset(e.key for e in self.entries if e.status != "real")

    def updated(self, found: Iterable[BaselineEntry]) -> Baseline:
        """The entries found now, keeping the audit status of those already known."""
        status = {e.key: e.status for e in self.entries}
        entries = {e.key: replace(e, status=status.get(e.key, e.status)) for e in found}
        return replace(self, entries=tuple(entries[k] for k in sorted(entries)))


def key_id(key: bytes) -> str:
    """A short id of the fingerprint key that reveals nothing about it (the same id
    inventories and manifests record)."""
    from scanner.privacy import key_id as public_key_id

    return public_key_id(key)


def same_key(recorded: str, key: bytes) -> bool:
    """Whether a baseline's key id names this key (also the id older baselines wrote)."""
    legacy = hmac.new(key, b"mamoru baseline key id", hashlib.sha256).hexdigest()[:16]
    return recorded in (key_id(key), legacy)


def new_baseline(
    found: Iterable[BaselineEntry], *, entities: Iterable[str] | None, min_score: float, key: bytes
) -> Baseline:
    entries = {e.key: e for e in found}
    return Baseline(
        entries=tuple(entries[k] for k in sorted(entries)),
        entities=None if entities is None else tuple(sorted(entities)),
        min_score=min_score,
        key_id=key_id(key),
    )


def load_baseline(path: Path) -> Baseline | None:
    """The baseline at `path`, None when there is no such file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError("baseline.unreadable", path=path,
                            reason=Both(error_reason(exc, Lang("ja")),
                                        error_reason(exc, Lang("en")))) from None
    except json.JSONDecodeError as exc:
        raise BaselineError("baseline.bad_json", path=path, line=exc.lineno,
                            column=exc.colno) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise BaselineError("baseline.bad_version", path=path, version=FORMAT_VERSION)
    try:
        settings = data["settings"]
        entries = tuple(BaselineEntry(**e) for e in data["entries"])
        entities = settings["entities"]
        baseline = Baseline(
            entries=entries,
            entities=None if entities is None else tuple(entities),
            min_score=float(settings["min_score"]),
            key_id=str(data["key_id"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        detail = repr(exc.args[0]) if isinstance(exc, KeyError) else type(exc).__name__
        raise BaselineError("baseline.malformed", path=path, detail=detail) from None
    bad = sorted({e.status for e in entries} - set(STATUSES))
    if bad:
        raise BaselineError("baseline.unknown_status", path=path, bad=bad, known=list(STATUSES))
    return baseline


def save_baseline(path: Path, baseline: Baseline) -> None:
    """Write atomically (temp file in the same directory, then rename), sorted and stable."""
    data = {
        "version": FORMAT_VERSION,
        "generated_by": "mamoru",
        "settings": {
            "entities": None if baseline.entities is None else list(baseline.entities),
            "min_score": baseline.min_score,
        },
        "key_id": baseline.key_id,
        "entries": [asdict(e) for e in baseline.entries],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
