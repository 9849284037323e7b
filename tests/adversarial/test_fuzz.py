"""Fuzz (seeded): random bytes spliced into real CP932, EUC-JP, ISO-2022-JP, UTF-8 and
UTF-16 files that hold personal data. Every value outside the damaged lines (name,
phone and address of each record) is still found, on its own line."""

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
    "iso2022_jp": lambda text: text.encode("iso2022_jp"),  # stateful: escapes switch sets
    "utf-16-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
}
NAMES = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲")


def _phone(i: int) -> str:
    return f"090-{1000 + i:04d}-{2000 + i:04d}"


def _address(i: int) -> str:
    return f"東京都千代田区丸の内{i % 9 + 1}丁目{i % 20 + 1}-{i % 7 + 1}"


def _file_lines() -> list[str]:
    return [f"{NAMES[i % 4]}様 電話 {_phone(i)} {_address(i)}\n" for i in range(RECORDS)]


def _records_found(engine, text: str) -> dict[str, tuple[set[str], set[str]]]:
    """phone -> (names, addresses) found on the line of the decoded text that holds it."""
    # lines of the decoded text: damage may add or join lines, so not the file's numbers
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    by_line: dict[int, dict[str, set[str]]] = {}
    for f in engine.analyze(text):
        kinds = by_line.setdefault(bisect.bisect_left(newlines, f.start), {})
        kinds.setdefault(f.entity_type, set()).add(f.text)
    return {phone: (kinds.get("PERSON", set()), kinds.get("JP_ADDRESS", set()))
            for kinds in by_line.values() for phone in kinds.get("PHONE_NUMBER", ())}


def _damage(data: bytes, line_starts: list[int], rng: random.Random,
            newline: int = 1) -> tuple[bytes, set[int]]:
    """Random bytes (1-9) inserted at random places; the lines that touch each place. A
    place inside a two-byte newline (UTF-16) breaks the separator itself, so the line
    after it is touched too."""
    cuts = sorted(rng.randrange(1, len(data)) for _ in range(SPLICES))
    damaged: set[int] = set()
    out, last = [], 0
    for cut in cuts:
        out += [data[last:cut], rng.randbytes(rng.randint(1, 9))]
        last = cut
        for offset in (cut - 1, cut, cut + newline - 1):
            damaged.add(bisect.bisect_right(line_starts, offset) - 1)
    out.append(data[last:])
    return b"".join(out), damaged


def _line_starts(lines: list[str], encode, data: bytes) -> list[int]:
    starts, pos = [], len(data) - len(b"".join(encode(line) for line in lines))
    for line in lines:
        starts.append(pos)
        pos += len(encode(line))
    return starts


def _whole(found: tuple[set[str], set[str]] | None, i: int) -> bool:
    """Record i's name and address found on the line of its phone (a damaged newline
    may have joined the line before to it)."""
    return found is not None and NAMES[i % 4] in found[0] and _address(i) in found[1]


@pytest.mark.parametrize("name", ENCODINGS)
def test_values_outside_the_damage_are_found(engine, name: str) -> None:
    encode = ENCODINGS[name]
    lines = _file_lines()
    data = encode("".join(lines))
    piece = {"utf-16-bom": lambda s: s.encode("utf-16-le"),
             "utf-16-be": lambda s: s.encode("utf-16-be")}.get(name, encode)
    starts = _line_starts(lines, piece, data)
    for seed in SEEDS:
        rng = random.Random(f"{name}:{seed}")
        damaged_data, damaged = _damage(data, starts, rng, 2 if "utf-16" in name else 1)
        found = extract("records.txt", damaged_data)
        assert found.error is None and found.skipped is None, (seed, found)
        records = _records_found(engine, "".join(u.text for u in found.units))
        missed = [i for i in range(RECORDS) if i not in damaged
                  and not _whole(records.get(_phone(i)), i)]
        assert not missed, (seed, missed, sorted(damaged))
        assert len(damaged) <= 3 * SPLICES


def test_the_fuzz_damage_is_real() -> None:
    """The planted failure: the damage defeats a plain strict decode, or makes one read
    the file wrongly (records no longer whole), in most runs of every encoding."""
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
            whole = sum(line.rstrip("\n") in text for line in lines)
            broken += whole < RECORDS - 2 * SPLICES
        assert broken >= len(SEEDS) // 2, name
