"""Walk scan roots: regular files with their stat, skips and errors, never following
symlinks unless asked (and then never looping). Names may hold any bytes: they are
opened by their bytes and shown escaped (`scanner.display.shown`)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from scanner.display import shown
from scanner.scanfiles.ignore import ExcludeRules


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A regular file to scan: `display` as the user named it, `abspath` for the inventory
    (both escaped by `shown`), `fspath` the bytes to open it by."""

    display: str
    abspath: str
    size: int
    mtime_ns: int
    inode: int
    fspath: bytes


@dataclass(frozen=True, slots=True)
class WalkProblem:
    """A path that could not be walked (`error`) or was left out on purpose (`skipped`)."""

    display: str
    abspath: str
    kind: str  # "error" | "skipped"
    reason: str


@dataclass(frozen=True, slots=True)
class WalkOptions:
    excludes: ExcludeRules
    follow_symlinks: bool = False


def walk(roots: list[str], options: WalkOptions) -> Iterator[FileEntry | WalkProblem]:
    """Every file under the roots, in a stable (sorted) order."""
    for root in roots:
        yield from _walk_root(root, options)


def _walk_root(root: str, options: WalkOptions) -> Iterator[FileEntry | WalkProblem]:
    abs_root = os.path.abspath(root)
    try:
        st = os.stat(root) if options.follow_symlinks else os.lstat(root)
    except OSError as exc:
        yield _problem(root, abs_root, "error", exc.strerror or str(exc))
        return
    if stat.S_ISLNK(st.st_mode):
        yield _problem(root, abs_root, "skipped", "symlink")
        return
    if not stat.S_ISDIR(st.st_mode):
        yield _file_or_skip(root, abs_root, st)
        return
    seen_dirs = {(st.st_dev, st.st_ino)}
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        display_dir = os.path.join(root, rel_dir) if rel_dir else root
        try:
            with os.scandir(display_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield _problem(display_dir, os.path.join(abs_root, rel_dir), "error",
                           exc.strerror or str(exc))
            continue
        subdirs: list[str] = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            display = os.path.join(root, rel)
            abspath = os.path.join(abs_root, rel)
            try:
                is_link = entry.is_symlink()
                if is_link and not options.follow_symlinks:
                    continue
                est = entry.stat(follow_symlinks=options.follow_symlinks)
            except OSError as exc:
                yield _problem(display, abspath, "error", exc.strerror or str(exc))
                continue
            is_dir = stat.S_ISDIR(est.st_mode)
            if options.excludes.excluded(rel, is_dir):
                continue
            if is_dir:
                key = (est.st_dev, est.st_ino)
                if key not in seen_dirs:
                    seen_dirs.add(key)
                    subdirs.append(rel)
                continue
            yield _file_or_skip(display, abspath, est)
        stack.extend(reversed(subdirs))


def _file_or_skip(display: str, abspath: str, st: os.stat_result) -> FileEntry | WalkProblem:
    if not stat.S_ISREG(st.st_mode):
        return _problem(display, abspath, "skipped", "not a regular file")
    return FileEntry(shown(display), shown(abspath), st.st_size, st.st_mtime_ns, st.st_ino,
                     os.fsencode(abspath))


def _problem(display: str, abspath: str, kind: str, reason: str) -> WalkProblem:
    return WalkProblem(shown(display), shown(abspath), kind, shown(reason))
