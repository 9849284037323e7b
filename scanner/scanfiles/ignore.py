"""Exclude rules in `.gitignore` style, matched against paths relative to a scan root.

The walker prunes excluded directories, so (as in git) nothing below one comes back.
A pattern without a slash matches a name at any depth (`*.log`); a leading or inner slash
anchors it to the root (`/build`, `docs/*.md`); a trailing slash matches directories
only; `**` spans directories; `!pattern` re-includes; `#` starts a comment. The last
matching rule wins, as in git.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Rule:
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


def compile_rule(pattern: str) -> Rule | None:
    """One gitignore line -> a rule; None for blanks and comments."""
    line = pattern.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        return None
    line = line.rstrip(" ")
    negate = line.startswith("!")
    if negate:
        line = line[1:]
    if line.startswith("\\"):
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line
    line = line.lstrip("/")
    body = _glob_to_regex(line)
    prefix = "" if anchored else "(?:.*/)?"
    return Rule(re.compile(f"^{prefix}{body}$", re.DOTALL), negate, dir_only)


def _glob_to_regex(glob: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                inner = glob[i + 1 : end].replace("\\", "\\\\")
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


class ExcludeRules:
    """An ordered list of rules; `excluded(rel_path, is_dir)` applies them all."""

    def __init__(self, patterns: list[str] | None = None) -> None:
        self.rules: list[Rule] = []
        for p in patterns or []:
            self.add(p)

    def add(self, pattern: str) -> None:
        rule = compile_rule(pattern)
        if rule is not None:
            self.rules.append(rule)

    def add_file(self, path: Path) -> None:
        """Add every line of a gitignore-style file (UTF-8)."""
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            self.add(line)

    def excluded(self, rel_path: str, is_dir: bool) -> bool:
        """Whether an entry is excluded; the walker prunes excluded directories."""
        verdict = False
        for rule in self.rules:
            if (is_dir or not rule.dir_only) and rule.regex.match(rel_path):
                verdict = not rule.negate
        return verdict
