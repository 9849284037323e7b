"""Git plumbing for the hook: staged paths, index blobs, added line ranges.

Everything reads the index (honouring `GIT_INDEX_FILE`, which `git commit -a` sets for
its hooks), never the working tree.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.hook.diff import parse_patch

REGULAR_MODES = ("100644", "100755")
# Added, copied, modified, renamed: deleted files have nothing to check.
CHECKED_CHANGES = "ACMR"
MAX_PATHSPECS = 500


class GitError(RuntimeError):
    """A git command failed, or this is not a repository."""


@dataclass(frozen=True, slots=True)
class StagedFile:
    """One staged path: its index blob and the lines it adds over HEAD."""

    path: str
    old_path: str | None  # its HEAD path (the source of a rename or copy); None when added
    blob: str  # object id in the index
    binary: bool  # git shows no line diff for it
    added: tuple[tuple[int, int], ...]  # inclusive 1-based new-side line ranges


def git(root: Path | None, *args: str, stdin: bytes | None = None) -> bytes:
    """Output of `git args` run in `root`; GitError with git's message on failure."""
    cmd = ["git", "-c", "core.quotePath=false", "--literal-pathspecs", *args]
    try:
        done = subprocess.run(cmd, cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git not found") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def repo_root(cwd: Path | None = None) -> Path:
    """The top of the working tree containing `cwd`."""
    out = git(cwd, "rev-parse", "--show-toplevel")
    return Path(os.fsdecode(out.rstrip(b"\n")))


def repo_path(root: Path, name: str) -> str:
    """A path given on the command line (relative to the current directory) as a
    repository path."""
    return Path(os.path.relpath(os.path.abspath(name), root)).as_posix()


def has_head(root: Path) -> bool:
    """False before the first commit."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return False
    return True


def git_path(root: Path, name: str) -> Path:
    """A path inside the git directory (`hooks`), honouring worktrees and core.hooksPath."""
    out = os.fsdecode(git(root, "rev-parse", "--git-path", name).rstrip(b"\n"))
    return (root / out).resolve()


def staged_files(root: Path, paths: Sequence[str] = ()) -> list[StagedFile]:
    """Staged added/changed files (only `paths` when given), with their added lines."""
    spec = ["--", *paths] if paths else []
    diff = ["diff", "--cached", "-M", f"--diff-filter={CHECKED_CHANGES}", "--no-ext-diff",
            "--no-relative"]
    status = git(root, *diff, "--name-status", "-z", *spec).split(b"\0")
    changes = _name_status(status)
    if not changes:
        return []
    patch = git(root, *diff, "-U0", "--no-color", "--no-textconv", *spec)
    sections = parse_patch(patch)
    if len(sections) != len(changes):
        raise GitError("cannot match `git diff` sections to staged paths")
    blobs = index_blobs(root, [new for _, new in changes])
    out = []
    for (old, new), section in zip(changes, sections, strict=True):
        blob = blobs.get(new)
        if blob is None:  # a symlink, a submodule or an unmerged path
            continue
        out.append(StagedFile(new, old, blob, section.binary, section.added))
    return out


def tracked_files(root: Path) -> dict[str, str]:
    """Every regular file in the index: path -> blob id."""
    return _parse_ls_files(git(root, "ls-files", "-s", "-z"))


def index_blobs(root: Path, paths: Sequence[str]) -> dict[str, str]:
    """Blob ids of regular files in the index among `paths`."""
    if len(paths) > MAX_PATHSPECS:  # keep the command line short: list all, then pick
        wanted = set(paths)
        return {p: b for p, b in tracked_files(root).items() if p in wanted}
    return _parse_ls_files(git(root, "ls-files", "-s", "-z", "--", *paths)) if paths else {}


def read_objects(root: Path, names: Iterable[str]) -> list[bytes | None]:
    """Contents of objects (`<blob id>` or `HEAD:<path>`), None for missing ones."""
    names = list(names)
    if not names:
        return []
    if any("\n" in n for n in names):
        raise GitError("object names with newlines cannot be read")
    out = git(root, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    contents: list[bytes | None] = []
    pos = 0
    for _ in names:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].split()
        pos = eol + 1
        if header[-1] == b"missing" or len(header) != 3:
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(out[pos : pos + size] if header[1] == b"blob" else None)
        pos += size + 1
    return contents


def object_sizes(root: Path, blobs: Iterable[str]) -> dict[str, int]:
    """Sizes in bytes of blobs, without reading them."""
    blobs = list(blobs)
    if not blobs:
        return {}
    out = git(root, "cat-file", "--batch-check", stdin="".join(f"{b}\n" for b in blobs).encode())
    sizes = {}
    for line in out.decode().splitlines():
        blob, kind, size = line.split()
        if kind == "blob":
            sizes[blob] = int(size)
    return sizes


def _name_status(fields: list[bytes]) -> list[tuple[str | None, str]]:
    """(HEAD path or None, index path) from `--name-status -z` output."""
    out: list[tuple[str | None, str]] = []
    i = 0
    while i < len(fields) and fields[i]:
        kind = fields[i][:1]
        if kind in (b"R", b"C"):
            old, new = os.fsdecode(fields[i + 1]), os.fsdecode(fields[i + 2])
            out.append((old, new))
            i += 3
        else:
            path = os.fsdecode(fields[i + 1])
            out.append((None if kind == b"A" else path, path))
            i += 2
    return out


def _parse_ls_files(out: bytes) -> dict[str, str]:
    blobs = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, blob, stage = meta.decode().split()
        if stage == "0" and mode in REGULAR_MODES:
            blobs[os.fsdecode(path)] = blob
    return blobs
