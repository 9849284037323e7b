"""Fuzz (seeded): random bytes spliced into real CP932, EUC-JP, ISO-2022-JP, UTF-8 and
UTF-16 files that hold personal data. Every value outside the damaged lines (name,
phone and address of each record) is still found, on its own line; in UTF-16, whose
two-byte pairs an odd splice shifts and whose newline a splice can break in two, on
its own line number and column too."""

from __future__ import annotations

import bisect
import codecs
import itertools
import random

import pytest

from scanner.sources import extract

RECORDS = 120
SPLICES = 6
SEEDS = range(8)
MIN_GAP = 16  # bytes between two UTF-16 splices
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "cp932": lambda text: text.encode("cp932"),
    "euc_jp": lambda text: text.encode("euc_jp"),
    "iso2022_jp": lambda text: text.encode("iso2022_jp"),  # stateful: escapes switch sets
}
# name -> (BOM, codec)
UTF16 = {
    "utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-16-le": (b"", "utf-16-le"),
    "utf-16-be": (b"", "utf-16-be"),
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


def _whole(found: tuple[set[str], set[str]] | None, i: int) -> bool:
    """Record i's name and address found on the line of its phone (a damaged newline
    may have joined the line before to it)."""
    return found is not None and NAMES[i % 4] in found[0] and _address(i) in found[1]


@pytest.mark.parametrize("name", ENCODINGS)
def test_values_outside_the_damage_are_found(engine, name: str) -> None:
    encode = ENCODINGS[name]
    lines = _file_lines()
    data = encode("".join(lines))
    starts = _line_starts(lines, encode, data)
    for seed in SEEDS:
        rng = random.Random(f"{name}:{seed}")
        damaged_data, damaged = _damage(data, starts, rng)
        found = extract("records.txt", damaged_data)
        assert found.error is None and found.skipped is None, (seed, found)
        records = _records_found(engine, "".join(u.text for u in found.units))
        missed = [i for i in range(RECORDS) if i not in damaged
                  and not _whole(records.get(_phone(i)), i)]
        assert not missed, (seed, missed, sorted(damaged))
        assert len(damaged) <= 2 * SPLICES


def _utf16_splices(data: bytes, line_starts: list[int], newline: bytes,
                   rng: random.Random) -> list[tuple[int, bytes]]:
    """(place, junk) of each splice: two of an odd length inside a line's text, two
    inside a newline (between its two bytes, one odd and one even), two anywhere; each
    some characters away from the others (two splices closer than that are one damage,
    and may cost the line after a broken newline too).

    Junk that no reader could place is drawn again: junk that holds a byte of the
    newline (it can forge a newline, or one half of a broken one) and, inside a newline,
    junk that reads with the newline's 0x0A half as a character of text (上 is 0x0A
    0x4E in little-endian: text ending in 上 just before damage reads the same)."""
    while True:
        inside_text = [rng.randrange(start + 1, end - 2) for start, end
                       in _pairs(rng.sample(range(RECORDS), 2), line_starts, data)]
        inside_newline = [end - 1 for _, end in _pairs(rng.sample(range(RECORDS), 2),
                                                       line_starts, data)]
        anywhere = [rng.randrange(1, len(data)) for _ in range(2)]
        cuts = sorted(inside_text + inside_newline + anywhere)
        if min(b - a for a, b in itertools.pairwise(cuts)) >= MIN_GAP:
            break
    lengths = [rng.choice((1, 3, 5, 7, 9)) for _ in range(3)] + [rng.choice((2, 4, 6, 8))]
    lengths += [rng.randint(1, 9) for _ in range(2)]
    splices = {}
    for cut, length in zip(inside_text + inside_newline + anywhere, lengths, strict=True):
        junk = rng.randbytes(length)
        while any(byte in junk for byte in newline) or (
                data[cut - 1:cut + 1] == newline and _reads_as_text(junk, newline)):
            junk = rng.randbytes(length)
        splices[cut] = junk
    return sorted(splices.items())


def _reads_as_text(junk: bytes, newline: bytes) -> bool:
    """The newline's 0x0A half and the junk byte beside it read as a CP932 character."""
    little = newline == b"\n\x00"
    pair = newline[:1] + junk[:1] if little else junk[-1:] + newline[1:]
    try:
        pair.decode("utf-16-le" if little else "utf-16-be").encode("cp932")
    except UnicodeError:
        return False
    return True


def _pairs(records: list[int], line_starts: list[int], data: bytes) -> list[tuple[int, int]]:
    """(first byte, byte after the newline) of each record's line."""
    ends = [*line_starts[1:], len(data)]
    return [(line_starts[i], ends[i]) for i in records]


def _spliced(data: bytes, splices: list[tuple[int, bytes]]) -> bytes:
    out, last = [], 0
    for cut, junk in splices:
        out += [data[last:cut], junk]
        last = cut
    return b"".join([*out, data[last:]])


def _utf16_damage(name: str, seed: int) -> tuple[bytes, bytes, list[tuple[int, bytes]],
                                                  set[int]]:
    """(clean file, damaged file, splices, damaged line indexes): a line is damaged when
    a splice touches its bytes, its newline included (junk before the BOM: the first)."""
    bom, codec = UTF16[name]
    lines = _file_lines()
    data = bom + "".join(lines).encode(codec)
    starts = _line_starts(lines, lambda s: s.encode(codec), data)
    newline = "\n".encode(codec)
    splices = _utf16_splices(data, starts, newline, random.Random(f"{name}:{seed}"))
    damaged = {max(bisect.bisect_right(starts, offset) - 1, 0)
               for cut, _ in splices for offset in (cut - 1, cut)}
    return data, _spliced(data, splices), splices, damaged


def _located(engine, data: bytes) -> dict[int, set[tuple[int, str, str]]]:
    """line -> {(column, entity type, text)} of what the scan finds in a file."""
    found = extract("records.txt", data)
    assert found.error is None and found.skipped is None, found
    by_line: dict[int, set[tuple[int, str, str]]] = {}
    for unit in found.units:
        for f in engine.analyze(unit.text):
            where = unit.locate(f.start)
            by_line.setdefault(where["line"], set()).add((where["column"], f.entity_type, f.text))
    return by_line


@pytest.mark.parametrize("name", UTF16)
def test_utf16_damage_costs_only_the_damaged_lines(engine, name: str) -> None:
    """Odd splices and broken newlines, with and without a BOM, in both byte orders:
    every value of every other line is found on its own line number and column."""
    clean = None
    for seed in SEEDS:
        data, damaged_data, _, damaged = _utf16_damage(name, seed)
        if clean is None:
            clean = _located(engine, data)
            assert [sorted(kind for _, kind, _ in clean[n + 1]) for n in range(RECORDS)] == [
                ["JP_ADDRESS", "PERSON", "PHONE_NUMBER"]] * RECORDS
        found = _located(engine, damaged_data)
        missed = {n + 1: clean[n + 1] - found.get(n + 1, set())
                  for n in range(RECORDS) if n not in damaged}
        assert not any(missed.values()), (seed, sorted(damaged), {
            line: sorted(kind for _, kind, _ in lost) for line, lost in missed.items() if lost})
        assert len(damaged) <= 2 * SPLICES


def test_the_fuzz_damage_is_real() -> None:
    """The planted failure: the damage defeats a plain strict decode, or makes one read
    the file wrongly (records no longer whole), in most runs of every encoding; in
    UTF-16 every run shifts the pairs of a line and breaks newlines, so that splitting
    the bytes at the newline finds the wrong number of lines."""
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
    for name, (_, codec) in UTF16.items():
        for seed in SEEDS:
            data, damaged_data, splices, _ = _utf16_damage(name, seed)
            assert sum(len(junk) % 2 for _, junk in splices) >= 3
            newline = "\n".encode(codec)
            assert sum(data[cut - 1:cut + 1] == newline for cut, _ in splices) >= 2
            assert damaged_data.count(newline) < data.count(newline), (name, seed)
