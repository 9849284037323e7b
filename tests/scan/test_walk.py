"""Walking scan roots: order, excludes, symlinks, special files, missing roots."""

from __future__ import annotations

import os
from pathlib import Path

from scanner.scanfiles.ignore import ExcludeRules
from scanner.scanfiles.walk import FileEntry, WalkOptions, WalkProblem, walk


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "b" / "c.txt").write_text("cc")
    (root / "b" / "skip.log").write_text("log")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "x.js").write_text("x")


def _names(items) -> list[tuple[str, str]]:
    out = []
    for item in items:
        kind = "file" if isinstance(item, FileEntry) else item.kind
        out.append((kind, item.display))
    return out


def test_walk_order_excludes_and_stat(tmp_path: Path) -> None:
    _tree(tmp_path)
    root = str(tmp_path)
    items = list(walk([root], WalkOptions(ExcludeRules(["*.log", "node_modules/"]))))
    assert _names(items) == [("file", f"{root}/a.txt"), ("file", f"{root}/b/c.txt")]
    st = os.stat(tmp_path / "b" / "c.txt")
    entry = items[1]
    assert (entry.size, entry.mtime_ns, entry.inode) == (2, st.st_mtime_ns, st.st_ino)
    assert entry.abspath == str(tmp_path / "b" / "c.txt")


def test_relative_root_keeps_display_path(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    items = list(walk(["b"], WalkOptions(ExcludeRules())))
    assert _names(items) == [("file", "b/c.txt"), ("file", "b/skip.log")]
    assert items[0].abspath == str(tmp_path / "b" / "c.txt")


def test_symlinks_not_followed_by_default_and_loops_stop(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "f.txt").write_text("f")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "loop").symlink_to(tmp_path)
    (tmp_path / "fl.txt").symlink_to(tmp_path / "real" / "f.txt")
    root = str(tmp_path)
    plain = _names(walk([root], WalkOptions(ExcludeRules())))
    assert plain == [("file", f"{root}/real/f.txt")]
    followed = _names(walk([root], WalkOptions(ExcludeRules(), follow_symlinks=True)))
    # `link` comes first and is `real`: that directory is walked once, the loop never
    assert followed == [("file", f"{root}/fl.txt"), ("file", f"{root}/link/f.txt")]


def test_fifo_is_skipped_and_missing_root_is_an_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    items = list(walk([str(tmp_path), str(tmp_path / "missing")], WalkOptions(ExcludeRules())))
    assert items == [
        WalkProblem(str(tmp_path / "pipe"), str(tmp_path / "pipe"), "skipped",
                    "not a regular file"),
        WalkProblem(str(tmp_path / "missing"), str(tmp_path / "missing"), "error",
                    "No such file or directory"),
    ]
