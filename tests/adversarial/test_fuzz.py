"""Fuzz (seeded): random bytes spliced into real CP932, EUC-JP, UTF-8 and UTF-16 files
that hold personal data. Every value outside the damaged lines is still found."""

from __future__ import annotations

import bisect
import codecs
import random

import pytest

from scanner.sources import extract

RECORDS = 120
SPLICES = 6
SEEDS = range(8)
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "cp932": lambda text: text.encode("cp932"),
    "euc_jp": lambda text: text.encode("euc_jp"),
    "utf-16-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
}
NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲")


def _phone(i: int) -> str:
    return f"090-{1000 + i:04d}-{2000 + i:04d}"


def _file_lines() -> list[str]:
    return [f"{NAMES[i % 4]}様 電話 {_phone(i)} 東京都千代田区丸の内{i % 9 + 1}丁目\n"
            for i in range(RECORDS)]


def _damage(data: bytes, line_starts: list[int], rng: random.Random) -> tuple[bytes, set[int]]:
    """Random bytes (1-9) inserted at random places; the lines that touch each place."""
    cuts = sorted(rng.randrange(1, len(data)) for _ in range(SPLICES))
    damaged: set[int] = set()
    out, last = [], 0
    for cut in cuts:
        out += [data[last:cut], rng.randbytes(rng.randint(1, 9))]
        last = cut
        for offset in (cut - 1, cut):
            damaged.add(bisect.bisect_right(line_starts, offset) - 1)
    out.append(data[last:])
    return b"".join(out), damaged


def _line_starts(lines: list[str], encode, data: bytes) -> list[int]:
    starts, pos = [], len(data) - len(b"".join(encode(line) for line in lines))
    for line in lines:
        starts.append(pos)
        pos += len(encode(line))
    return starts


@pytest.mark.parametrize("name", ENCODINGS)
def test_values_outside_the_damage_are_found(engine, name: str) -> None:
    encode = ENCODINGS[name]
    lines = _file_lines()
    data = encode("".join(lines))
    piece = (lambda s: s.encode("utf-16-le")) if name == "utf-16-le-no-bom" else (
        (lambda s: s.encode("utf-16-le")) if name == "utf-16-bom" else (
            (lambda s: s.encode("utf-16-be")) if name == "utf-16-be" else encode))
    starts = _line_starts(lines, piece, data)
    missed_total = 0
    for seed in SEEDS:
        rng = random.Random(f"{name}:{seed}")
        damaged_data, damaged = _damage(data, starts, rng)
        found = extract("records.txt", damaged_data)
        assert found.error is None and found.skipped is None, (seed, found)
        text = "".join(u.text for u in found.units)
        phones = {f.text for f in engine.analyze(text) if f.entity_type == "PHONE_NUMBER"}
        expected = {_phone(i) for i in range(RECORDS) if i not in damaged}
        missed = expected - phones
        assert not missed, (seed, sorted(missed), sorted(damaged))
        missed_total += len(missed)
        assert len(expected) >= RECORDS - 2 * SPLICES
    assert missed_total == 0


def test_the_fuzz_damage_is_real() -> None:
    """The planted failure: the damage defeats a plain strict decode, or makes one read
    the file wrongly, in most runs of every encoding."""
    from scanner.sources.encoding import decode
    from scanner.sources.model import SourceError

    lines = _file_lines()
    for name, encode in ENCODINGS.items():
        data = encode("".join(lines))
        broken = 0
        for seed in SEEDS:
            damaged_data, _ = _damage(data, _line_starts(lines, encode, data),
                                      random.Random(f"{name}:{seed}"))
            try:
                text, _ = decode(damaged_data)
            except SourceError:
                broken += 1
                continue
            found = sum(_phone(i) in text for i in range(RECORDS))
            broken += found < RECORDS - 2 * SPLICES
        assert broken >= len(SEEDS) // 2, name
