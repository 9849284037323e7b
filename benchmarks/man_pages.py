"""Names before e-mail addresses in the Japanese man pages Debian installs.

Text nobody here wrote: `/usr/share/man/ja/man*/*.gz` (apt, dpkg, shadow, man-db, vim,
debianutils), read as roff source. Their author and translator credits write a person's
name before an address in every form mail has: `Name <addr>`, `Name (addr)` (man-db),
`Name` then `<addr>` on the next line (apt), kanji with a space (`鵜飼 文敏 <…>`).

Printed: how many addresses (in `<>` or `()`) have a PERSON finding ending right before
them (on the same line or the one above), and the PERSON findings that are not right
before an address, for review (they are the pages' prose: a finding there is a name in
running text or a false positive). Names are public credits; they are printed only with
`--show-values`.

`.venv/bin/python benchmarks/man_pages.py [--show-values]`
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.engine import Engine, EngineConfig  # noqa: E402

PAGES = Path("/usr/share/man/ja")
_ADDRESS = re.compile(r"[<(][^<>()@\s]+@[^<>()@\s]+[>)]")
_BEFORE = 3  # characters between a name and its address: `" <`, ` (`, a line break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-values", action="store_true")
    args = parser.parse_args(argv)
    pages = sorted(PAGES.glob("man*/*.gz"))
    if not pages:
        print(f"no man pages under {PAGES}")
        return 1
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    chars = addresses = named = 0
    elsewhere: list[str] = []
    for page in pages:
        text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        chars += len(text)
        found = engine.analyze(text)
        ends = {f.end for f in found}
        at_address = set()
        for m in _ADDRESS.finditer(text):
            addresses += 1
            near = [e for e in range(m.start() - _BEFORE, m.start() + 1) if e in ends]
            named += bool(near)
            at_address.update(near)
        elsewhere += [f"{page.name}: {f.text}" for f in found if f.end not in at_address]
    print(f"{len(pages)} pages, {chars:,} characters, {addresses} e-mail addresses")
    print(f"addresses with a PERSON finding right before them: {named} ({named / addresses:.3f})")
    print(f"PERSON findings elsewhere: {len(elsewhere)}")
    if args.show_values:
        print("\n".join(f"  {line}" for line in elsewhere))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
