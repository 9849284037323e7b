"""Masking files and directory trees: staged in a temporary place next to the output,
leak-checked, and moved into place only when everything passed. Inputs are only read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from scanner.masking import fmt_csv, fmt_docx, fmt_json, fmt_text, fmt_xlsx
from scanner.masking.kanon import KReport
from scanner.masking.leakcheck import Leak, find_leaks
from scanner.masking.masker import Masker
from scanner.masking.textcodec import EncodingError

FORMATS: dict[str, ModuleType] = {
    ".csv": fmt_csv, ".tsv": fmt_csv,
    ".json": fmt_json, ".jsonl": fmt_json, ".ndjson": fmt_json,
    ".xlsx": fmt_xlsx, ".docx": fmt_docx,
}
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules"})


class MaskInputError(ValueError):
    """Unusable input or output paths (exit 2)."""


@dataclass
class MaskOutcome:
    masked: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    leaks: list[Leak] = field(default_factory=list)
    k_reports: list[KReport] = field(default_factory=list)

    @property
    def released(self) -> bool:
        return not self.leaks


def format_of(path: Path) -> ModuleType:
    return FORMATS.get(path.suffix.lower(), fmt_text)


def mask_path(src: Path, dst: Path, masker: Masker) -> MaskOutcome:
    """Mask a file into a file, or a directory into a directory tree of the same names."""
    _check_paths(src, dst)
    missing = [p for p in (dst.parent, *dst.parent.parents) if not p.exists()]
    dst.parent.mkdir(parents=True, exist_ok=True)
    outcome = None
    try:
        if src.is_file():
            outcome = _mask_one_file(src, dst, masker)
        else:
            outcome = _mask_tree(src, dst, masker)
    finally:
        if outcome is None or not outcome.released:
            for directory in missing:  # deepest first: only what this run created
                directory.rmdir()
    return outcome


def _check_paths(src: Path, dst: Path) -> None:
    if not src.exists():
        raise MaskInputError(f"input not found: {src}")
    s, d = src.resolve(), dst.resolve()
    if s == d or s in d.parents:
        raise MaskInputError("the output must not be the input or lie inside it")
    if src.is_dir() and dst.exists() and (not dst.is_dir() or any(dst.iterdir())):
        raise MaskInputError(f"output exists and is not an empty directory: {dst}")
    if src.is_file() and dst.is_dir():
        raise MaskInputError(f"output is a directory: {dst}")


def _mask_one_file(src: Path, dst: Path, masker: Masker) -> MaskOutcome:
    outcome = MaskOutcome()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".mamoru-tmp" + dst.suffix,
                                    dir=dst.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            format_of(src).mask_file(src, tmp, masker)
        except (EncodingError, OSError, ValueError) as exc:
            raise MaskInputError(f"{src.name}: {exc}") from exc
        outcome.masked.append(src.name)
        outcome.leaks = _leaks(masker, tmp, src.name, src.suffix)
        outcome.k_reports = _k_reports(masker, [(tmp, src.name)])
        if outcome.released:
            os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
    return outcome


def _mask_tree(src: Path, dst: Path, masker: Masker) -> MaskOutcome:
    outcome = MaskOutcome()
    staging = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".mamoru-tmp", dir=dst.parent))
    try:
        written: list[tuple[Path, str]] = []
        for path in _files(src):
            rel = path.relative_to(src).as_posix()
            out = staging / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                format_of(path).mask_file(path, out, masker)
            except (EncodingError, ValueError, KeyError) as exc:
                out.unlink(missing_ok=True)
                outcome.skipped.append((rel, str(exc) or type(exc).__name__))
                continue
            outcome.masked.append(rel)
            written.append((out, rel))
        for out, rel in written:
            outcome.leaks.extend(_leaks(masker, out, rel, out.suffix))
        outcome.k_reports = _k_reports(masker, written)
        if outcome.released:
            if dst.exists():
                dst.rmdir()  # empty (checked before)
            os.replace(staging, dst)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return outcome


def _files(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _leaks(masker: Masker, path: Path, name: str, suffix: str) -> list[Leak]:
    module = FORMATS.get(suffix.lower(), fmt_text)
    return find_leaks(masker, module.check_units(path, name))


def _k_reports(masker: Masker, outputs: list[tuple[Path, str]]) -> list[KReport]:
    quasi = masker.policy.quasi
    if not quasi:
        return []
    reports = []
    for path, name in outputs:
        if format_of(path) is not fmt_csv:
            continue
        try:
            report = fmt_csv.quasi_report(path, name, quasi, masker.policy.k)
        except ValueError:
            continue  # a CSV without these columns
        if report is not None:
            reports.append(report)
    return reports
