"""What is a leak: a finding in an output whose value stood at the same place in the
input, or is one of the run's input values the run did not write, and the policy does
not keep."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from scanner.masking.keyed import canonical
from scanner.masking.leakcheck.findings import (
    checked_numbers,
    checked_types,
    findings,
    place,
    where,
)
from scanner.masking.leakcheck.reading import Reading, name_units, read_file
from scanner.masking.masker import Masker
from scanner.privacy import preview

_CELL = 1000  # longer units are never one kept cell


@dataclass(frozen=True, slots=True)
class Leak:
    location: str
    entity_type: str
    preview: str
    score: float

    def describe(self) -> str:
        return f"{self.location}: {self.entity_type} {self.preview} ({self.score:.2f})"


@dataclass
class InputFile:
    """One input as the check reads it: the canonical text at each place."""

    texts: dict[tuple, str]
    problems: list[str]


def read_input(masker: Masker, name: str, data: bytes) -> InputFile:
    """Read an input as the check will read its output: the text at each place, and the
    keyed digest of every number whose check digit passes (no value is kept beyond the
    file). No detection runs here: a finding in the output is compared with the text at
    its place in the input, and with the run's input values (these numbers, and every
    value the masker replaced)."""
    reading = read_file(name, data)
    values = masker.values
    texts = {place(member, unit): canonical(unit.text) for member, unit in reading.units}
    for unit in reading.raw or [u for _, u in reading.units]:
        for start, end, _ in checked_numbers(unit.text, checked_types(masker)):
            values.add_input(unit.text[start:end])
    return InputFile(texts, reading.problems)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A finding in an output that is not a surrogate of this run, judged at the end of
    the run (when every input value and kept value is known)."""

    leak: Leak
    value: int | None  # keyed digests (`Values.digest`) of the value and of its unit
    unit: int | None
    here: bool  # the value stood at the same place in the input


def output_candidates(
    masker: Masker, display: str, name: str, data: bytes, before: InputFile
) -> list[Candidate]:
    """The findings of one written output (`name` picks the reader, `display` names it)
    that may be leaks. Units that are exactly a surrogate this run wrote, and no input
    value, are not analyzed; an unreadable output is a leak of its own."""
    return _reading_candidates(masker, display, read_file(name, data), before)


def _reading_candidates(
    masker: Masker, display: str, reading: Reading, before: InputFile
) -> list[Candidate]:
    out = [Candidate(Leak(f"{display}: {p}", "UNREADABLE", "-", 1.0), None, None, True)
           for p in reading.problems]
    values, produced = masker.values, masker.surrogates
    seen: dict[str, bool] = {}  # each unit is asked twice (analysis, then known values)
    stood: dict[tuple, bool] = {}

    def is_surrogate(text: str) -> bool:
        if (known := seen.get(text)) is None:
            known = seen[text] = produced.is_produced(text) and not values.is_input(text)
        return known

    for f in findings(masker, reading.units, reading.raw, skip=is_surrogate):
        if is_surrogate(f.text):
            continue
        value = canonical(f.text)
        key = (f.place, value)
        if (here := stood.get(key)) is None:  # one search of a long input text per value
            here = stood[key] = bool(value) and value in before.texts.get(f.place, "")
        # a surrogate of one value may equal another input value: written here by this
        # run, not found here in the input, it reveals nothing
        if not here and produced.is_produced(f.text):
            continue
        leak = Leak(f"{display}: {f.location}", f.entity_type, preview(f.text, f.entity_type),
                    f.score)
        out.append(Candidate(leak, values.digest(f.text), _cell_digest(values, f.unit_text), here))
    found = {c.value for c in out}
    out.extend(c for c in _known_values(masker, display, reading.units, is_surrogate)
               if c.value not in found)
    return out


def _known_values(masker: Masker, display: str, units, is_surrogate) -> Iterator[Candidate]:
    """Pieces of texts that are, whole, a value the masker replaced somewhere in the run
    (found by value, whether or not the engine sees them here: a name alone in a
    formula, a header, a property)."""
    values = masker.values
    for member, unit in units:
        if is_surrogate(unit.text):
            continue
        for start, end, entity in values.known_pieces(unit.text):
            piece = unit.text[start:end]
            if masker.surrogates.is_produced(piece):
                continue
            leak = Leak(f"{display}: {where(member, unit, start)}", entity,
                        preview(piece, entity), 1.0)
            yield Candidate(leak, values.digest(piece), _cell_digest(values, unit.text), True)


def _cell_digest(values, text: str) -> int | None:
    """The digest of a whole cell-sized unit (a kept column's cell); None for long texts."""
    return values.digest(text) if len(text) <= _CELL and values.kept else None


def judge(masker: Masker, candidates: Iterable[Candidate]) -> list[Leak]:
    """Leaks: values that stood at their place in the input or are input values of the
    run, unless the policy keeps them (by fingerprint, or the whole cell they are in)."""
    values = masker.values
    leaks = [
        c.leak for c in candidates
        if c.value is None or (
            (c.here or c.value in values.inputs)
            and c.value not in values.kept and c.unit not in values.kept)
    ]
    return _unique(leaks)


def check_file(
    masker: Masker, display: str, name: str, data: bytes, before: InputFile
) -> list[Leak]:
    """The leaks of one output, judged now."""
    return judge(masker, output_candidates(masker, display, name, data, before))


def _unique(leaks: list[Leak]) -> list[Leak]:
    """One leak per place and type (a checked number the engine found too)."""
    out, seen = [], set()
    for leak in leaks:
        key = (leak.location, leak.entity_type)
        if key not in seen:
            seen.add(key)
            out.append(leak)
    return out


def name_candidates(masker: Masker, rel_in: str, rel_out: str) -> list[Candidate]:
    """The possible leaks in an output's path (its name and folders), the path named by
    a preview of each of its names (a leaking name is not shown in clear)."""
    before = InputFile({place(m, u): canonical(u.text) for m, u in name_units(rel_in)}, [])
    shown = "/".join(preview(part) for part in rel_out.split("/"))
    return _reading_candidates(masker, shown, Reading(name_units(rel_out)), before)
