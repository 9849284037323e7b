"""Masking files and directory trees: staged in a temporary place next to the output,
leak-checked, and moved into place only when everything passed. Inputs are only read.

A run reads every input first (the leak check's input values), masks into the staging
place, reads every output back (`leakcheck.check`), and releases it with a manifest
(`manifest.py`). A file that cannot be masked (PDF, archive, unknown binary, corrupt
Office file) is refused by name and never copied. Every output file is 0600 and every
directory 0700, whether one file or a tree is masked.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from scanner.explain import kind_both, note_text
from scanner.i18n import Lang
from scanner.masking.filenames import mask_path_names
from scanner.masking.formats import Refused
from scanner.masking.formats import csv as fmt_csv
from scanner.masking.formats import docx as fmt_docx
from scanner.masking.formats import eml as fmt_eml
from scanner.masking.formats import json as fmt_json
from scanner.masking.formats import text as fmt_text
from scanner.masking.formats import xlsx as fmt_xlsx
from scanner.masking.kanon import KReport
from scanner.masking.leakcheck.check import (
    Candidate,
    Leak,
    judge,
    name_candidates,
    output_candidates,
    read_input,
)
from scanner.masking.masker import Masker
from scanner.messages import Both, CatalogueError, os_reason
from scanner.privacy import content_hidden

# Formats (as `scanner.sources.formats.detect_format` names them) and their maskers.
FORMATS: dict[str, ModuleType] = {
    "csv": fmt_csv, "tsv": fmt_csv, "json": fmt_json, "jsonl": fmt_json,
    "xlsx": fmt_xlsx, "docx": fmt_docx, "pptx": fmt_docx,
    "text": fmt_text, "xml": fmt_text, "html": fmt_text, "eml": fmt_eml,
}
# Formats mamoru reads but cannot write back, by the name a refusal gives them.
_READ_ONLY_KINDS = {"xls": "legacy Excel workbook (save it as .xlsx to mask it)"}
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules"})
FILE_MODE, DIR_MODE = 0o600, 0o700


class MaskInputError(CatalogueError, ValueError):
    """Unusable input or output paths (exit 2)."""


@dataclass
class MaskOutcome:
    masked: list[str] = field(default_factory=list)
    refused: list[tuple[str, Refused]] = field(default_factory=list)  # (file, reason)
    leaks: list[Leak] = field(default_factory=list)
    k_reports: list[KReport] = field(default_factory=list)
    below_k: bool = False  # anonymized profile: a class below k (not released)
    released: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # read, mask, check


def mask_path(
    src: Path, dst: Path, masker: Masker, *, force: bool = False, allow_below_k: bool = False
) -> MaskOutcome:
    """Mask a file into a file, or a directory into a tree of the same layout (names with
    personal data masked too, extensions kept)."""
    _check_paths(src, dst, force)
    jobs = [(src, src.name)] if src.is_file() else _files(src)
    outcome = MaskOutcome()
    missing = [p for p in (dst.parent, *dst.parent.parents) if not p.exists()]
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".mamoru-tmp",
                                        dir=dst.parent))
    except OSError as exc:  # named by the output asked for, not the staging directory
        raise OSError(exc.errno, exc.strerror, str(dst)) from None
    try:
        found: list[Candidate] = []
        taken: set[str] = set()
        names = [(path, rel, rel if src.is_file() else mask_path_names(masker, rel, taken))
                 for path, rel in jobs]
        written = [w for path, rel, out_rel in names
                   if (w := _mask_one(path, rel, out_rel, staging, masker, outcome, found,
                                      single=src.is_file())) is not None]
        outcome.leaks = judge(masker, found)
        outcome.k_reports = _k_reports(masker, written)
        outcome.below_k = masker.policy.profile == "anonymized" and any(
            r.below_k for r in outcome.k_reports)
        if src.is_file() and outcome.refused:
            raise MaskInputError("mask.refused_input", name=outcome.refused[0][0],
                                 reason=outcome.refused[0][1])
        if not outcome.leaks and not (outcome.below_k and not allow_below_k):
            _release(staging, dst, src.is_file(), written, masker, force)
            outcome.released = True
    finally:
        if staging.exists():
            shutil.rmtree(staging)
        if not outcome.released:
            for directory in missing:  # deepest first: only what this run created
                directory.rmdir()
    return outcome


def _check_paths(src: Path, dst: Path, force: bool) -> None:
    if not src.exists():
        raise MaskInputError("mask.input_not_found", path=src)
    if not (src.is_file() or src.is_dir()):
        raise MaskInputError("mask.input_not_file_or_dir", path=src)
    s, d = src.resolve(), dst.resolve()
    if s == d or s in d.parents:
        raise MaskInputError("mask.output_inside_input")
    if dst.is_symlink() or (dst.exists() and not (dst.is_file() or dst.is_dir())):
        raise MaskInputError("mask.output_not_file_or_dir", path=dst)
    if src.is_dir():
        if dst.exists() and not dst.is_dir():
            raise MaskInputError("mask.output_not_dir", path=dst)
        if dst.is_dir() and any(dst.iterdir()) and not force:
            raise MaskInputError("mask.output_dir_not_empty", path=dst)
    else:
        if dst.is_dir():
            raise MaskInputError("mask.output_is_dir", path=dst)
        if dst.exists() and not force:
            raise MaskInputError("mask.output_exists", path=dst)


def _files(root: Path) -> list[tuple[Path, str]]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=_raise):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            out.append((path, path.relative_to(root).as_posix()))
    return out


def _raise(exc: OSError) -> None:
    raise MaskInputError(f"cannot read {exc.filename}: {exc.strerror}")


def _mask_one(
    path: Path, rel: str, out_rel: str, staging: Path, masker: Masker, outcome: MaskOutcome,
    found: list[Candidate], *, single: bool,
) -> tuple[Path, str] | None:
    """Read one input, mask it into `staging` as `out_rel`, read back what was written
    (its possible leaks, in a tree its name too, into `found`): (output, name), or None when the
    file is refused (its reason in `outcome.refused`)."""
    import time

    from scanner.sources.formats import detect_format

    out = staging / out_rel
    clock = outcome.seconds
    try:
        t0 = time.perf_counter()
        if path.is_symlink() or not path.is_file():
            raise Refused("mask.refused.not_regular")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise Refused("mask.refused.cannot_read",
                              reason=Both(os_reason(exc, Lang("ja")), exc.strerror)) from exc
        fmt, kind = detect_format(rel, data)
        module = FORMATS.get(fmt)
        if module is None:
            kind = kind or _READ_ONLY_KINDS.get(fmt, fmt)
            raise Refused("mask.refused.unsupported", kind=kind_both(kind))
        before = read_input(masker, rel, data)
        if before.problems:
            problem = before.problems[0]
            raise Refused("mask.refused.unreadable",
                          problem=Both(note_text(problem, Lang("ja")), problem))
        t1 = time.perf_counter()
        _mkdirs(out.parent, staging)
        try:
            module.mask_file(path, out, masker)
            os.chmod(out, FILE_MODE)
        except Refused:
            raise
        except Exception as exc:  # corrupt content makes the libraries raise almost anything
            raise Refused("mask.refused.broken", error=_reason(exc)) from exc
        t2 = time.perf_counter()
        found.extend(output_candidates(masker, out_rel, rel, out.read_bytes(), before))
        if not single:
            found.extend(name_candidates(masker, rel, out_rel))
        t3 = time.perf_counter()
    except Refused as exc:
        out.unlink(missing_ok=True)
        outcome.refused.append((rel, exc))
        return None
    for phase, seconds in (("read", t1 - t0), ("mask", t2 - t1), ("check", t3 - t2)):
        clock[phase] = clock.get(phase, 0.0) + seconds
    outcome.masked.append(out_rel)
    return out, out_rel


def _reason(exc: Exception) -> str:
    first = content_hidden(str(exc).splitlines()[0][:200]) if str(exc) else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _mkdirs(directory: Path, top: Path) -> None:
    if directory == top or directory.is_dir():
        return
    _mkdirs(directory.parent, top)
    directory.mkdir(mode=DIR_MODE, exist_ok=True)
    os.chmod(directory, DIR_MODE)


def _release(
    staging: Path, dst: Path, single: bool, written: list[tuple[Path, str]], masker: Masker,
    force: bool,
) -> None:
    """Move the staged output into place (replacing an old one only with `force`)."""
    from scanner.masking.manifest import write_manifest

    os.chmod(staging, DIR_MODE)
    if single:
        out = written[0][0]
        write_manifest(staging / "manifest", masker, [(out, dst.name)])
        os.replace(out, dst)
        os.replace(staging / "manifest", manifest_path(dst))
        return
    write_manifest(manifest_path(staging), masker, [(out, rel) for out, rel in written])
    old = None
    if dst.exists():
        if any(dst.iterdir()) and not force:
            raise MaskInputError(f"output directory is not empty: {dst}")
        old = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".mamoru-old",
                                    dir=dst.parent))
        os.replace(dst, old / "x")
    os.replace(staging, dst)
    if old is not None:
        shutil.rmtree(old)


def manifest_path(dst: Path) -> Path:
    """Where the manifest of a masked file (beside it) or tree (inside it) is written."""
    from scanner.masking.manifest import MANIFEST_NAME

    if dst.is_dir():
        return dst / MANIFEST_NAME
    return dst.with_name(dst.name + MANIFEST_NAME)


def _k_reports(masker: Masker, outputs: list[tuple[Path, str]]) -> list[KReport]:
    quasi = masker.policy.quasi
    if not quasi:
        return []
    reports = []
    for path, name in outputs:
        if path.suffix.lower() not in (".csv", ".tsv"):
            continue
        try:
            report = fmt_csv.quasi_report(path, name, quasi, masker.policy.k)
        except ValueError:
            continue  # a CSV without these columns
        if report is not None:
            reports.append(report)
    return reports
