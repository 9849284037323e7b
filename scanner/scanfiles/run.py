"""One file scan from start to finish: walk, skip what is unchanged, read the rest in
worker processes, record each file as it comes back, mark what is gone.

A scan interrupted at any point (Ctrl-C, SIGTERM, kill -9) leaves every file recorded so
far committed; the next scan finds those unchanged and carries on from there.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field

from reports.model import ReportRow
from scanner.inventory import assets as inventory_assets
from scanner.inventory.changes import scan_changes
from scanner.inventory.coverage import unread_in_scan
from scanner.inventory.findings import carried_over, rows_read
from scanner.inventory.schema import SCAN_COMPLETE, SCAN_INTERRUPTED
from scanner.inventory.store import Store, utc_now
from scanner.masking.manifest import MASKED_COPY
from scanner.scanfiles.options import ScanOptions
from scanner.scanfiles.pool import Crew, pooled_results
from scanner.scanfiles.progress import NoProgress, Progress
from scanner.scanfiles.walk import FileEntry, WalkOptions, WalkProblem, walk
from scanner.scanfiles.worker import FileResult, Task

SCAN_KIND = "files"


@dataclass
class ScanOutcome:
    scan_id: int
    status: str
    rows: list[ReportRow]
    counts: dict
    errors: list[str]


@dataclass
class _Tally:
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def error(self, display: str, reason: str) -> None:
        self.counts["errors"] += 1
        self.errors.append(f"{display}: {reason}")


def run_scan(store: Store, options: ScanOptions, key: bytes,
             progress: Progress | None = None, crew: Crew | None = None) -> ScanOutcome:
    """Scan the roots into the store; returns the rows at/above `min_score`. `crew`: the
    workers, if the caller started them already (they are stopped when the scan ends)."""
    progress = progress or NoProgress()
    started = time.monotonic()
    roots_abs = sorted({os.path.abspath(r) for r in options.roots})
    scan_id = store.begin_scan(SCAN_KIND, roots_abs, options.settings())
    tally = _Tally()
    display_of: dict[str, str] = {}
    blocks: dict[str, list[ReportRow]] = {}  # top-level file -> its rows, in order
    status = SCAN_INTERRUPTED
    try:
        with inventory_assets.Recorder(store.engine, scan_id, utc_now(),
                                       options.digest()) as recorder:
            tasks, known_ids = _plan(store, recorder, options, tally, display_of)
            progress.start(len(tasks), sum(t.size for t in tasks))
            crew = crew or Crew(options.worker_config(key), options.jobs if tasks else 0)
            with crew, closing(pooled_results(tasks, crew, options.file_timeout)) as results:
                for result in results:
                    _record(recorder, result, tally, known_ids)
                    top = result.task.abspath
                    blocks[top] = rows_read(result, display_of[top], options.min_score,
                                            options.entities)
                    progress.advance(result.task.size)
        inventory_assets.mark_gone(store.engine, scan_id, utc_now(), roots_abs)
        status = SCAN_COMPLETE
    finally:
        progress.close()
        counts = {**tally.counts, **scan_changes(store.engine, scan_id, scan_id)}
        store.finish_scan(scan_id, status=status, counts=counts, errors=tally.errors)
    blocks.update(carried_over(store.engine, scan_id, options.min_score, options.entities,
                               display_of))
    rows = [row for top in sorted(blocks) for row in blocks[top]]
    counts["findings"] = len(rows)
    counts["unread"] = unread_in_scan(store.engine, scan_id)
    counts["seconds"] = round(time.monotonic() - started, 3)
    return ScanOutcome(scan_id, status, rows, counts, tally.errors)


def _plan(store: Store, recorder: inventory_assets.Recorder, options: ScanOptions,
          tally: _Tally, display_of: dict[str, str]) -> tuple[list[Task], dict[str, int]]:
    """Walk; record problems, touch unchanged files; the files to read, and the asset
    ids known for them."""
    known = inventory_assets.known_files(store.engine)
    digest = options.digest()
    tasks: list[Task] = []
    known_ids: dict[str, int] = {}
    unchanged: list[int] = []
    for item in walk(options.roots, WalkOptions(options.excludes, options.follow_symlinks)):
        if item.abspath in display_of or item.abspath in options.skip_paths:
            continue  # overlapping roots, or the inventory itself
        display_of[item.abspath] = item.display
        tally.counts["paths"] += 1
        prior = known.get(item.abspath)
        if isinstance(item, WalkProblem):
            recorder.record_problem(item.abspath, item.kind, item.reason,
                                    prior.id if prior else None)
            if item.kind == "error":
                tally.error(item.display, item.reason)
            else:
                tally.counts["skipped"] += 1
            continue
        if prior is not None:
            known_ids[item.abspath] = prior.id
        if prior is not None and not options.full and _same_file(prior, item, digest):
            if not options.verify_hash:
                unchanged.append(prior.id)
                continue
            tasks.append(_task(item, prior.content_hash))
            continue
        tasks.append(_task(item, None))
    recorder.touch(unchanged)
    tally.counts["unchanged"] += len(unchanged)
    return tasks, known_ids


def _same_file(prior: inventory_assets.KnownFile, entry: FileEntry, digest: str) -> bool:
    return (
        not prior.gone
        and prior.status != "error"
        and prior.settings_digest == digest
        and (prior.size, prior.mtime_ns, prior.inode) == (entry.size, entry.mtime_ns, entry.inode)
    )


def _task(entry: FileEntry, known_hash: str | None) -> Task:
    return Task(entry.display, entry.abspath, entry.size, entry.mtime_ns, entry.inode,
                known_hash, entry.fspath)


def _record(recorder: inventory_assets.Recorder, result: FileResult, tally: _Tally,
            known_ids: dict[str, int]) -> None:
    known_id = known_ids.get(result.task.abspath)
    if result.status == "unchanged" and known_id is not None:
        recorder.touch([known_id])
        tally.counts["unchanged"] += 1
        return
    recorder.record(result, known_id)
    tally.counts["read"] += 1
    tally.counts["bytes_read"] += result.task.size
    tally.counts["chars"] += result.chars
    if result.bad_bytes:
        tally.counts["undecodable_bytes"] += result.bad_bytes
    if result.status == "error":
        tally.error(result.task.display, result.note or "error")
    elif result.status == "skipped":
        tally.counts["skipped"] += 1
        if (result.note or "").startswith(MASKED_COPY):
            tally.counts["masked_copies"] += 1
    for m in result.members:
        if m.status == "error":
            tally.error(f"{result.task.display}!{m.member}", m.note or "error")
