"""What the hook and the baseline check: findings in staged files, minus what is allowed.

A finding is dropped when an inline marker, an allowed value or the baseline covers it.
In a text file only findings on added lines count; in a file read by an extractor
(or one git sees as binary) only findings whose value is not already in HEAD count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reports.model import ReportRow
from scanner.config import ConfigError, ProjectConfig
from scanner.hook.baseline import EntryKey
from scanner.hook.content import text_units
from scanner.hook.deadline import DeadlineRunner, Overrun
from scanner.hook.diff import in_ranges
from scanner.hook.git import (
    StagedFile,
    has_head,
    index_blobs,
    object_sizes,
    read_objects,
    staged_files,
    tracked_files,
)
from scanner.hook.markers import allowed_by_marker
from scanner.sources.base import TextUnit, pooled_batches

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.findings import Finding


# Bigger staged files are not read (the file readers' own cap); the hook says so.
MAX_FILE_BYTES = 100 * 2**20
FILE_TIMEOUT_S = 120.0  # one file's reading and detection (`file_timeout` in the config)
_WARM_UP = "氏名 山田太郎 電話 090-0000-0000 東京都千代田区"


@dataclass(slots=True)
class CheckResult:
    """Rows to report, files that could not be read as text, files too big to read, and
    files whose check did not finish (path, why: over the deadline, worker died)."""

    rows: list[ReportRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    too_big: list[str] = field(default_factory=list)
    errors: list[tuple[str, Overrun]] = field(default_factory=list)


class Checker:
    """Finds reportable personal data in file contents of one repository.

    `check_staged` and `scan_index` check each file in a worker process, within
    `file_timeout` seconds (default: the configuration's, else FILE_TIMEOUT_S)."""

    def __init__(self, root: Path, config: ProjectConfig, key: bytes,
                 file_timeout: float | None = None) -> None:
        self.root = root
        self.config = config
        self.key = key
        self.file_timeout = file_timeout or config.file_timeout or FILE_TIMEOUT_S
        self._runner: DeadlineRunner | None = None
        if config.entities is not None:
            check_entities(config)

    @cached_property
    def engine(self) -> Engine:
        """Built on first use: a commit with nothing to check never loads it."""
        return build_engine(self.config)

    @cached_property
    def margin(self) -> int:
        return keyword_margin(self.engine)

    def wanted(self, path: str) -> bool:
        """False for excluded paths and for the baseline file itself."""
        return path != self.config.baseline and not self.config.is_excluded(path)

    def rows(
        self, path: str, data: bytes, lines: tuple[tuple[int, int], ...] | None = None
    ) -> list[ReportRow] | None:
        """Findings in one file that no marker or allowed value covers; None: unreadable.

        With `lines`, a text file is analyzed only around those lines."""
        units = text_units(path, data, None if lines is None else (lines, self.margin))
        if units is None:
            return None
        out = []
        for unit, f in detect(self.engine, units):
            if allowed_by_marker(unit.text, f.start, f.entity_type):
                continue
            if self.config.is_allowed_value(f.text, f.entity_type):
                continue
            out.append(report_row(path, unit, f, self.key))
        return out

    def check_staged(
        self, paths: Sequence[str] = (), known: frozenset[EntryKey] = frozenset()
    ) -> CheckResult:
        """Findings added by what is staged, minus `known` (baseline) entries.

        Named files without a staged change (`pre-commit run --all-files` in CI) are
        checked whole, as they are in the index."""
        with self._workers():
            return self._check_staged(paths, known)

    def _check_staged(self, paths: Sequence[str], known: frozenset[EntryKey]) -> CheckResult:
        result = CheckResult()
        staged = staged_files(self.root, paths)
        files = [f for f in staged if self.wanted(f.path)]
        changed = {f.path for f in staged}
        unchanged = index_blobs(
            self.root, [p for p in dict.fromkeys(paths) if p not in changed and self.wanted(p)]
        )
        readable = self._readable({f.path: f.blob for f in files}, result)
        by_value: list[tuple[StagedFile, list[ReportRow]]] = []
        files = [f for f in files if f.path in readable]
        contents = read_objects(self.root, [f.blob for f in files])
        for staged_file, data in zip(files, contents, strict=True):
            lines = None if staged_file.binary else staged_file.added
            rows = self._timed_rows(result, staged_file.path, data or b"", lines)
            if rows is None:
                result.skipped.append(staged_file.path)
                continue
            result.rows.extend(r for r in rows if _on_added_line(staged_file, r))
            rest = [r for r in rows if _on_added_line(staged_file, r) is None]
            if rest:
                by_value.append((staged_file, rest))
        result.rows.extend(self._new_since_head(by_value, result))
        self._check_whole(unchanged, result)
        result.rows[:] = [r for r in result.rows if baseline_key(r) not in known]
        return result

    def scan_index(self) -> CheckResult:
        """Every finding in every tracked file (as staged): what a baseline records."""
        result = CheckResult()
        blobs = {p: b for p, b in tracked_files(self.root).items() if self.wanted(p)}
        with self._workers():
            self._check_whole(blobs, result)
        return result

    @contextmanager
    def _workers(self) -> Iterator[None]:
        """Checks of whole files run under the deadline while this is open."""
        self._runner = DeadlineRunner(self.rows, self.file_timeout, prepare=self._prepare)
        try:
            yield
        finally:
            self._runner.close()
            self._runner = None

    def _prepare(self) -> None:
        """Load the engine, and what it loads on first use, before a worker starts: on no
        file's clock, and only once."""
        self.engine.analyze(_WARM_UP)

    def _timed_rows(self, result: CheckResult, path: str, data: bytes,
                    lines: tuple[tuple[int, int], ...] | None = None) -> list[ReportRow] | None:
        """`rows` under the deadline; a file whose check does not finish is an error."""
        if self._runner is None:
            return self.rows(path, data, lines)
        try:
            return self._runner(path, data, lines)
        except Overrun as exc:
            result.errors.append((path, exc))
            return []

    def _check_whole(self, blobs: dict[str, str], result: CheckResult) -> None:
        """Add the findings of whole index blobs (path -> blob id) to `result`."""
        readable = self._readable(blobs, result)
        blobs = {p: b for p, b in blobs.items() if p in readable}
        for path, data in zip(blobs, read_objects(self.root, blobs.values()), strict=True):
            rows = self._timed_rows(result, path, data or b"")
            if rows is None:
                result.skipped.append(path)
            else:
                result.rows.extend(rows)

    def _readable(self, blobs: dict[str, str], result: CheckResult) -> set[str]:
        """Paths small enough to read; the others are noted in `result.too_big`."""
        sizes = object_sizes(self.root, set(blobs.values()))
        ok = set()
        for path, blob in blobs.items():
            if sizes.get(blob, 0) > MAX_FILE_BYTES:
                result.too_big.append(path)
            else:
                ok.add(path)
        return ok

    def _new_since_head(
        self, files: list[tuple[StagedFile, list[ReportRow]]], result: CheckResult
    ) -> Iterator[ReportRow]:
        """Rows whose (path, type, fingerprint) occurs more often now than in HEAD."""
        olds = self._head_contents([s for s, _ in files])
        for staged, rows in files:
            old = olds.get(staged.path)
            old_rows = [] if old is None else self._timed_rows(result, staged.path, old) or []
            before = Counter(baseline_key(r) for r in old_rows)
            seen: Counter[EntryKey] = Counter()
            for row in rows:
                seen[baseline_key(row)] += 1
                if seen[baseline_key(row)] > before[baseline_key(row)]:
                    yield row

    def _head_contents(self, files: list[StagedFile]) -> dict[str, bytes | None]:
        """HEAD content of each file's old path (nothing before the first commit)."""
        with_old = [s for s in files if s.old_path is not None]
        if not with_old or not has_head(self.root):
            return {}
        names = [f"HEAD:{s.old_path}" for s in with_old]
        return dict(zip([s.path for s in with_old], read_objects(self.root, names), strict=True))


def check_entities(config: ProjectConfig) -> None:
    """ConfigError when the configuration names an entity type that does not exist."""
    from recognizers.registry import ENTITY_TYPES

    unknown = sorted((config.entities or frozenset()) - set(ENTITY_TYPES))
    if unknown:
        raise ConfigError("config.unknown_entities", source=config.source, unknown=unknown)


def build_engine(config: ProjectConfig) -> Engine:
    """The fast engine (no GiNZA) with the project's types and threshold."""
    from scanner.config import extra_recognizers
    from scanner.engine import Engine, EngineConfig

    return Engine(EngineConfig(min_score=config.min_score, entities=config.entities,
                               extra_recognizers=extra_recognizers(config)))


def keyword_margin(engine: Engine) -> int:
    """Characters around a change that detection may look at: the widest keyword window
    plus the longest span."""
    from scanner.engine import MAX_SPAN

    windows = [r.context_window or 0 for r in engine.recognizers.values()]
    return max([engine.config.context_window, *windows]) + MAX_SPAN


def detect(engine: Engine, units: Iterable[TextUnit]) -> Iterator[tuple[TextUnit, Finding]]:
    """Findings per unit; units of one group are analyzed as one batch (evidence adds up),
    as the scan pools them."""
    units = list(units)
    for indexes in pooled_batches([(u.member, u) for u in units]):
        members = [units[i] for i in indexes]
        batch = engine.analyze_batch([u.text for u in members], context=members[0].context or None)
        for unit, findings in zip(members, batch, strict=True):
            for f in findings:
                yield unit, f


def report_row(path: str, unit: TextUnit, f: Finding, key: bytes) -> ReportRow:
    from scanner.privacy import fingerprint, preview

    return ReportRow(
        path=path if unit.member is None else f"{path}!{unit.member}",
        location=unit.locate(f.start),
        entity_type=f.entity_type,
        score=f.score,
        preview=preview(f.text, f.entity_type),
        fingerprint=fingerprint(f.text, key, f.entity_type),
        why=_why(f),
        end_location=unit.locate(f.end),
    )


def baseline_key(row: ReportRow) -> EntryKey:
    return (row.path, row.entity_type, row.fingerprint)


def _on_added_line(staged: StagedFile, row: ReportRow) -> bool | None:
    """Whether a row lies on an added line; None when lines cannot tell (binary, members)."""
    if staged.binary or "line" not in row.location or row.path != staged.path:
        return None
    return in_ranges(int(row.location["line"]), staged.added)


def _why(f: Finding) -> str:
    """The check and the cue that decided; else the pattern, where the catalogue names it
    (`address with block numbers`); else the rung."""
    from scanner.explain import catalogued

    e = f.explanation
    if e is None:
        return ""
    decided = "; ".join(b for b in (e.validator, e.context) if b)
    return decided or (e.pattern if catalogued(e.pattern) else e.rung)
