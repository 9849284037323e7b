"""gitignore-style exclude rules."""

from __future__ import annotations

import pytest

from scanner.scanfiles.ignore import ExcludeRules


@pytest.mark.parametrize(
    ("patterns", "path", "is_dir", "expected"),
    [
        (["*.log"], "a.log", False, True),
        (["*.log"], "deep/dir/a.log", False, True),
        (["*.log"], "a.log.txt", False, False),
        (["/build"], "build", True, True),
        (["/build"], "src/build", True, False),
        (["docs/*.md"], "docs/a.md", False, True),
        (["docs/*.md"], "docs/sub/a.md", False, False),
        (["docs/**/*.md"], "docs/sub/deep/a.md", False, True),
        (["docs/**/*.md"], "docs/a.md", False, True),
        (["**/tmp"], "x/y/tmp", True, True),
        (["logs/"], "logs", True, True),
        (["logs/"], "logs", False, False),  # a file named logs is not a directory
        (["*.csv", "!keep.csv"], "keep.csv", False, False),
        (["*.csv", "!keep.csv"], "drop.csv", False, True),
        (["data?.txt"], "data1.txt", False, True),
        (["data?.txt"], "data12.txt", False, False),
        (["[ab].txt"], "b.txt", False, True),
        (["[!ab].txt"], "b.txt", False, False),
        (["# comment", "", "名簿*.xlsx"], "人事/名簿2024.xlsx", False, True),
        (["secret/**"], "secret/a/b.txt", False, True),
    ],
)
def test_rules(patterns: list[str], path: str, is_dir: bool, expected: bool) -> None:
    assert ExcludeRules(patterns).excluded(path, is_dir) is expected


def test_rules_from_file_with_bom(tmp_path) -> None:
    f = tmp_path / "excludes"
    f.write_text("\ufeff*.bak\n!important.bak\n", encoding="utf-8")
    rules = ExcludeRules()
    rules.add_file(f)
    assert rules.excluded("x.bak", False)
    assert not rules.excluded("important.bak", False)
