"""`mamoru hook install|uninstall`: a plain `.git/hooks/pre-commit` for repositories that
do not use the pre-commit framework."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path

from scanner.hook.git import git_path

MARK = "# mamoru pre-commit hook"


class ForeignHook(Exception):
    """A pre-commit hook that mamoru did not write is in the way."""


def hook_script(python: str) -> str:
    """The hook: the hook it replaced first (kept as `pre-commit.legacy`, as the
    pre-commit framework does), then this interpreter's mamoru on what is staged."""
    return (
        "#!/bin/sh\n"
        f"{MARK} (written by `mamoru hook install`, removed by `mamoru hook uninstall`)\n"
        'legacy="$(dirname "$0")/pre-commit.legacy"\n'
        'if [ -x "$legacy" ]; then "$legacy" "$@" || exit $?; fi\n'
        f"exec {shlex.quote(python)} -m scanner.cli hook\n"
    )


def hook_file(root: Path) -> Path:
    return git_path(root, "hooks") / "pre-commit"


def is_ours(path: Path) -> bool:
    try:
        return MARK in path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return False


def legacy_file(root: Path) -> Path:
    return hook_file(root).with_name("pre-commit.legacy")


def install(root: Path, *, force: bool = False) -> Path:
    """Write the hook. A foreign hook stays unless `force`; then it is kept as
    `pre-commit.legacy` and run before mamoru (never over another kept hook)."""
    path = hook_file(root)
    if path.exists() and not is_ours(path):
        legacy = legacy_file(root)
        if not force or legacy.exists():
            raise ForeignHook(str(path))
        os.replace(path, legacy)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pre-commit.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(hook_script(sys.executable))
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def uninstall(root: Path) -> Path | None:
    """Remove mamoru's hook, putting back the one it replaced; None when there is none;
    a foreign hook is left alone."""
    path = hook_file(root)
    if not path.exists():
        return None
    if not is_ours(path):
        raise ForeignHook(str(path))
    legacy = legacy_file(root)
    if legacy.exists():
        os.replace(legacy, path)
    else:
        path.unlink()
    return path
