"""Read one file, extract its text units, detect, and return masked results only.

Runs in worker processes (spawn-safe: everything a worker needs comes through
`WorkerConfig`, and `init_worker` builds the engine once per process). Raw values never
leave this module: each finding is turned into a preview and a keyed fingerprint here.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import sys
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, NamedTuple

from scanner.display import shown
from scanner.sources.base import TextUnit, pooled_batches

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.privacy import Masker


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    key: bytes
    min_score: float
    entities: tuple[str, ...] | None
    max_file_size: int
    recognizers: str | None = None  # a Presidio YAML file of extra recognizers


@dataclass(frozen=True, slots=True)
class Task:
    display: str
    abspath: str
    size: int
    mtime_ns: int
    inode: int
    known_hash: str | None = None  # --verify-hash: skip detection when still equal
    fspath: bytes | None = None  # the path's bytes (default: os.fsencode(abspath))


class FoundItem(NamedTuple):
    """A finding as the inventory keeps it: no value, only preview and fingerprint.
    (A named tuple: a scan makes one per finding, and tuples are the cheapest to make
    and to send between processes.)"""

    member: str | None
    entity_type: str
    score: float
    location: dict
    end_location: dict
    preview: str
    fingerprint: str
    why: str


@dataclass(frozen=True, slots=True)
class MemberInfo:
    member: str  # `dir/b.csv` or nested `inner.zip!c.txt`
    format: str | None
    encoding: str | None
    status: str
    note: str | None


@dataclass
class FileResult:
    task: Task
    status: str = "ok"  # ok | skipped | error | unchanged
    note: str | None = None
    content_hash: str | None = None
    format: str | None = None
    encoding: str | None = None
    chars: int = 0
    bad_bytes: int = 0  # undecodable bytes replaced in text (the file and its members)
    members: list[MemberInfo] = field(default_factory=list)
    findings: list[FoundItem] = field(default_factory=list)

    def __reduce__(self):
        """Pickled with the findings as plain tuples (a result crosses a pipe for every
        file; named tuples pickle and load at half that speed)."""
        values = {name: getattr(self, name) for name in _RESULT_FIELDS}
        values["findings"] = [tuple(f) for f in self.findings]
        return _unpickled_result, (values,)


_RESULT_FIELDS = tuple(f.name for f in fields(FileResult))


def _unpickled_result(values: dict) -> FileResult:
    values["findings"] = [tuple.__new__(FoundItem, f) for f in values["findings"]]
    return FileResult(**values)


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What `init_worker` prepared in this process."""

    engine: Engine
    config: WorkerConfig
    masker: Masker


_loaded: _Loaded | None = None
GC_YOUNG_THRESHOLD = 50_000
_WARM_UP = "氏名 山田太郎 電話 090-0000-0000 東京都千代田区"


def init_worker(config: WorkerConfig) -> None:
    """Process initializer: build the engine once."""
    global _loaded
    from scanner.engine import Engine, EngineConfig
    from scanner.privacy import Masker

    entities = frozenset(config.entities) if config.entities else None
    extra: tuple = ()
    if config.recognizers:
        from scanner.presidio_bridge import recognizers_from_yaml

        extra = tuple(recognizers_from_yaml(config.recognizers))
    _loaded = _Loaded(Engine(EngineConfig(min_score=config.min_score, entities=entities,
                                          extra_recognizers=extra)),
                      config, Masker(config.key))
    _loaded.engine.analyze(_WARM_UP)  # lazy loads now, not on the clock of the first file
    # The engine's dictionaries and models live as long as the process: out of the
    # collector's way, so that its full collections do not walk them again and again.
    # Detection makes many short-lived containers and almost no cycles: collections
    # every 50,000 of them, not 700 (the collector took 0.6-1.0 s of a 9 s scan of
    # benchmarks/scan.py's tree, now about 0.1 s).
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)


def _worker() -> _Loaded:
    if _loaded is None:
        raise RuntimeError("init_worker() was not called in this process")
    return _loaded


def scan_task(task: Task) -> FileResult:
    """Everything about one file; unreadable or corrupt files give an `error` result."""
    config = _worker().config
    result = FileResult(task)
    if task.size > config.max_file_size:
        result.status, result.note = "skipped", f"larger than {config.max_file_size} bytes"
        return result
    try:
        data = read_regular_file(task, config.max_file_size + 1)
    except NotRegularFile as exc:
        result.status, result.note = "error", str(exc)
        return result
    except OSError as exc:
        result.status, result.note = "error", exc.strerror or type(exc).__name__
        return result
    return scan_data(task, data)


def scan_data(task: Task, data: bytes) -> FileResult:
    """`scan_task` for bytes already read (`mamoru.spark` gets them from Spark)."""
    config = _worker().config
    result = FileResult(task)
    if len(data) > config.max_file_size:
        result.status, result.note = "skipped", f"larger than {config.max_file_size} bytes"
        return result
    result.content_hash = hashlib.sha256(data).hexdigest()
    if task.known_hash is not None and task.known_hash == result.content_hash:
        result.status = "unchanged"
        return result
    from scanner.masking.manifest import masked_copy_note

    note = masked_copy_note(task.abspath, result.content_hash)
    if note is not None:  # written by `mamoru mask` after its leak check, unchanged since
        result.status, result.note = "skipped", note
        return result
    try:
        _detect(result, data)
    except Exception as exc:  # a bug must not stop the scan; the type only (no content)
        result.status, result.note = "error", f"detection failed: {type(exc).__name__}"
        result.findings, result.members = [], []
    return result


class NotRegularFile(OSError):
    """The path no longer names a regular file (swapped for a FIFO, device or directory)."""


def read_regular_file(task: Task, limit: int) -> bytes:
    """Up to `limit` bytes of the file, opened only if it is still a regular file: opened
    without blocking (a FIFO swapped in after the walk must not hang the scan) and checked
    with fstat on the descriptor, so nothing can be swapped in between check and read."""
    path = task.fspath if task.fspath is not None else os.fsencode(task.abspath)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile("not a regular file any more (changed after the walk)")
        os.set_blocking(fd, True)
        return fh.read(limit)


def _detect(result: FileResult, data: bytes) -> None:
    from scanner.sources import Limits, extract

    limits = Limits(max_file_bytes=_worker().config.max_file_size)
    extraction = extract(result.task.display, data, limits=limits)  # never raises on content
    result.format, result.encoding = extraction.format, extraction.encoding
    _apply_state(result, extraction.skipped, extraction.error)
    result.bad_bytes = extraction.bad_bytes
    if extraction.bad_bytes and result.note is None:
        result.note = undecodable_note(extraction.bad_bytes)
    units: list[tuple[str | None, TextUnit]] = [(None, u) for u in extraction.units]
    for member, sub in _flatten_members(extraction.members, ""):
        units.extend((member, u) for u in sub.units)
        status = "error" if sub.error else "skipped" if sub.skipped else "ok"
        note = sub.error or sub.skipped or (undecodable_note(sub.bad_bytes)
                                            if sub.bad_bytes else None)
        result.bad_bytes += sub.bad_bytes
        result.members.append(MemberInfo(member, sub.format, sub.encoding, status, note))
    result.chars = sum(len(u.text) for _, u in units)
    result.findings = detect_units(units)


def undecodable_note(bad_bytes: int) -> str:
    """The note on a text file read with some bytes replaced."""
    return f"{bad_bytes} undecodable bytes replaced (the rest was scanned)"


def _apply_state(result: FileResult, skipped: str | None, error: str | None) -> None:
    if error:
        result.status, result.note = "error", error
    elif skipped:
        result.status, result.note = "skipped", skipped


def _flatten_members(members, prefix: str):
    """(member path, extraction) for every member at every depth: `a.zip!b.zip!c.txt`."""
    for path, sub in members:
        nested = prefix and not path.startswith(f"{prefix}!")
        full = f"{prefix}!{path}" if nested else path
        yield shown(full), sub  # member names may hold control characters
        yield from _flatten_members(sub.members, full)


def detect_units(units: list[tuple[str | None, TextUnit]]) -> list[FoundItem]:
    """Detect per batch (units sharing a group pool evidence), mask, keep text order.
    Explanations are interned: a result sent to the parent carries each text once."""
    engine, masker = _worker().engine, _worker().masker
    per_unit: list[list[FoundItem]] = [[] for _ in units]
    for batch in pooled_batches(units):
        texts = [units[i][1].text for i in batch]
        context = units[batch[0]][1].context
        for index, found in zip(batch, engine.analyze_batch(texts, context=context), strict=True):
            member, unit = units[index]
            locate, items = unit.locate, per_unit[index]
            for f in found:  # in text order
                masked, fp = masker(f.text, f.entity_type)
                items.append(FoundItem(
                    member, f.entity_type, round(f.score, 4), locate(f.start), locate(f.end),
                    masked, fp, sys.intern(f.explanation.as_text()) if f.explanation else "",
                ))
    return [item for items in per_unit for item in items]
