"""Names in Latin letters after a label or a title: recall on real names, findings in code.

usage: python benchmarks/latin_names.py [--show-values]

1. Real names: the display names of the authors and maintainers of every installed
   package (`Author-email: Armin Ronacher <armin.ronacher@…>` in each METADATA), kept
   where the e-mail's local part holds the first word or the initial and the last word
   (evidence of a person) and no word names a body (`NumPy Developers`), in four
   labelled forms and three after a title or a greeting (`Dear …,`, `Mr. … joined`);
   in code (`"name": "…"`) a name counts only when every word is a known name, so that
   form's recall is low by design. Written by nobody here.
2. Faker: 1,000 names drawn seeded from 14 locales, in the same forms (the lexicon's own
   source: a check of the forms, not of the lexicon).
3. Code and docs: findings of either pattern in the text files the installed packages ship
   (.py, .md, .rst, .txt, .json, .yaml, …), per 10,000 characters; most are real people
   (package authors in SBOM files, test fixtures). `--show-values` prints them and the
   missed names of 1 for a person to judge; by default only counts are printed.
"""

from __future__ import annotations

import argparse
import email
import random
import re
import sys
import sysconfig
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recognizers.latin_names import _WORD, BODY_WORDS, fold_accents  # noqa: E402
from scanner.engine import Engine, EngineConfig  # noqa: E402

FORMS = (
    "Name: {n}\n", "氏名: {n}\n", "Full name: {n}\n", '{{"id": 1, "name": "{n}"}}\n',
    "Dear {n},\n", "Mr. {n} joined the board.", "担当のDr. {n}より連絡があります。",
)
PATTERNS = {  # each pattern's findings in package text, and words a file needs to have any
    "labelled name in Latin letters": ("ame", "氏名", "holder"),
    "name in Latin letters after a title": ("Mr", "Ms", "Dr", "Prof", "Dear", "Hi ", "Hello"),
}
_DISPLAY = re.compile(rf'"?({_WORD}(?: {_WORD}){{1,3}})"? <([^@>\s]+)@')
_TEXT_SUFFIXES = frozenset({".py", ".md", ".rst", ".txt", ".json", ".yaml", ".yml", ".cfg",
                            ".toml", ".html", ".csv"})
LOCALES = ("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "es_MX", "pt_BR", "it_IT", "vi_VN",
           "id_ID", "en_PH", "nl_NL", "pl_PL", "tr_TR")


def site_packages() -> Path:
    return Path(sysconfig.get_paths()["purelib"])


def author_names(root: Path) -> list[str]:
    """Display names of package authors whose e-mail's local part names them."""
    found = set()
    for path in root.glob("*.dist-info/METADATA"):
        meta = email.message_from_string(path.read_text(encoding="utf-8", errors="replace"))
        for key in ("Author-email", "Maintainer-email"):
            for value in meta.get_all(key) or []:
                for m in _DISPLAY.finditer(value):
                    name, local = m.group(1), m.group(2).lower()
                    words = [fold_accents(w) for w in name.split()]
                    if BODY_WORDS.intersection(words):
                        continue  # NumPy Developers <numpy-discussion@…>
                    if (len(words[0]) >= 3 and words[0] in local) or (
                        local == words[0][0] + words[-1]
                    ):
                        found.add(name)
    return sorted(found)


def faker_names(count: int = 1000, seed: int = 15) -> list[str]:
    from faker import Faker

    rng = random.Random(seed)
    out = []
    for i in range(count):
        fake = Faker(LOCALES[i % len(LOCALES)])
        fake.seed_instance(rng.randrange(1 << 30))
        out.append(f"{fake.first_name()} {fake.last_name()}")
    return out


def recall(engine: Engine, names: list[str]) -> tuple[dict[str, float], list[str]]:
    """Per form, the share of names found whole (one PERSON finding, exact span)."""
    per_form, missed = {}, []
    for form in FORMS:
        hits = 0
        for name in names:
            text = form.format(n=name)
            start = text.index(name)
            spans = [(f.start, f.end) for f in engine.analyze(text) if f.score >= 0.5]
            if (start, start + len(name)) in spans:
                hits += 1
            elif form == FORMS[0]:
                missed.append(name)
        per_form[form.format(n="{n}").strip()] = hits / max(len(names), 1)
    return per_form, missed


def package_findings(
    engine: Engine, root: Path, pattern: str
) -> tuple[int, int, Counter]:
    chars, values, needles = 0, Counter(), PATTERNS[pattern]
    for path in sorted(root.rglob("*")):
        if path.suffix not in _TEXT_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if len(text) > 2_000_000:
            continue
        chars += len(text)
        if not any(n in text for n in needles):
            continue
        for f in engine.analyze(text):
            if f.score >= 0.5 and f.explanation and f.explanation.pattern == pattern:
                values[f.text] += 1
    return sum(values.values()), chars, values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-values", action="store_true")
    args = parser.parse_args(argv)
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    root = site_packages()
    for title, names in (("package authors", author_names(root)),
                         ("Faker, 14 locales", faker_names())):
        per_form, missed = recall(engine, names)
        print(f"{title}: {len(names)} names")
        for form, share in per_form.items():
            print(f"  {form:<28} {share:.3f}")
        if args.show_values and title == "package authors":
            print("  missed after 'Name:':", ", ".join(missed))
    for pattern in PATTERNS:
        found, chars, values = package_findings(engine, root, pattern)
        print(f"package text files, {pattern}: {chars:,} characters, {found} findings "
              f"({found / chars * 1e4:.4f} per 10k), {len(values)} distinct values")
        if args.show_values:
            for value, n in values.most_common():
                print(f"  {n:>3}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
