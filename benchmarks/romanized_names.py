"""Romanized Japanese full names with no cue, in text nobody here wrote (issue 15).

Reads the text files that the installed packages ship (`.py`, `.txt`, `.md`, `.rst`,
`.po`, `.json`, `.html` under this interpreter's site-packages: mostly English code,
documentation and credits) and counts the PERSON findings of pattern `romanized name`
reported with no label, title or honorific near (`Hiroki Sawano, 2022` in a .po file's
credits, `Shinya Okano` in a docstring). Each line holding two capitalized words is
analyzed with the line before and after it. Values are printed only with
`--show-values`, to be judged by a person: the figure is how many are reported, and how
many distinct values.

`.venv/bin/python benchmarks/romanized_names.py [--show-values]`
"""

from __future__ import annotations

import argparse
import re
import sys
import sysconfig
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.engine import Engine, EngineConfig  # noqa: E402

SUFFIXES = (".py", ".txt", ".md", ".rst", ".po", ".json", ".html")
_TWO_WORDS = re.compile(r"\b[A-Z][A-Za-z]+ [A-Z][A-Za-z]+\b")


def texts(base: Path):
    for path in sorted(base.rglob("*")):
        if path.suffix in SUFFIXES and path.is_file():
            try:
                yield path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-values", action="store_true", help="print each distinct value")
    args = parser.parse_args(argv)
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    found: Counter[str] = Counter()
    chars = files = 0
    for text in texts(Path(sysconfig.get_paths()["purelib"])):
        files += 1
        chars += len(text)
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if not _TWO_WORDS.search(line):
                continue
            window = "\n".join(lines[max(0, i - 1) : i + 2])
            offset = len(lines[i - 1]) + 1 if i else 0
            for f in engine.analyze(window):
                bare = f.explanation and f.explanation.pattern == "romanized name" \
                    and not f.explanation.context
                if bare and offset <= f.start < offset + len(line):
                    found[f.text] += 1
    print(f"{files:,} files, {chars:,} characters: {sum(found.values())} romanized full "
          f"names reported with no cue, {len(found)} distinct")
    if args.show_values:
        print(", ".join(f"{value} x{n}" for value, n in found.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
