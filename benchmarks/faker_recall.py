"""Recall on what Faker's `ja_JP` providers write: material nobody here wrote (issue 15).

usage: python benchmarks/faker_recall.py [--n 500] [--seed 7]

Each value is put after the label a form would give it (氏名：, フリガナ：, 住所：, 電話：, …),
and a second name form stands in prose. A value counts as found when a finding of its
type overlaps it, and as whole when one covers it. Faker is not an oracle: its `ja_JP`
addresses join a prefecture, a municipality and a town drawn apart (`山梨県渋谷区勝どき`),
so the whole-span figure says how often the address recognizer stops at the prefecture
that does not hold the municipality; its phone numbers include shapes no Japanese number
has (`15-5721-8948`, a mobile without its trunk 0), so only those that `phonenumbers`
accepts as written, with their leading 0, are counted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def kinds(fake) -> dict[str, tuple[str, Callable[[], str], str]]:
    """kind -> (entity type, value maker, text with the value as {})."""
    return {
        "name": ("PERSON", fake.name, "氏名：{}\n"),
        "name_in_prose": ("PERSON", lambda: fake.name().replace(" ", ""), "担当の{}が対応します。"),
        "kana_name": ("PERSON", fake.kana_name, "フリガナ：{}\n"),
        "romanized_name": ("PERSON", fake.romanized_name, "Name: {}\n"),
        "address": ("JP_ADDRESS", fake.address, "住所：{}\n"),
        "phone_number": ("PHONE_NUMBER", fake.phone_number, "電話：{}\n"),
        "postcode": ("JP_POSTAL_CODE", fake.postcode, "〒{}\n"),
        "email": ("EMAIL_ADDRESS", fake.email, "メール：{}\n"),
        # last: a new kind draws from Faker's stream, so it goes after the others
        "romanized_in_prose": ("PERSON", fake.romanized_name, "Please ask {} by Friday.\n"),
    }


def a_real_phone_shape(value: str) -> bool:
    import phonenumbers

    if not value.startswith("0"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "JP"))
    except phonenumbers.NumberParseException:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="values drawn per kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from faker import Faker

    from scanner.engine import Engine, EngineConfig

    fake = Faker("ja_JP")
    fake.seed_instance(args.seed)
    engine = Engine(EngineConfig())
    print(f"{'kind':16s} {'values':>6s} {'found':>6s} {'whole':>6s}")
    for kind, (entity, make, template) in kinds(fake).items():
        values = [make() for _ in range(args.n)]
        if kind == "phone_number":
            values = [v for v in values if a_real_phone_shape(v)]
        found = whole = 0
        for value in values:
            text = template.format(value)
            start = text.index(value)
            end = start + len(value)
            spans = [(f.start, f.end) for f in engine.analyze(text) if f.entity_type == entity]
            found += any(s < end and e > start for s, e in spans)
            whole += any(s <= start and e >= end for s, e in spans)
        n = max(len(values), 1)
        print(f"{kind:16s} {len(values):6d} {found / n:6.3f} {whole / n:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
