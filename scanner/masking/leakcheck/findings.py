"""Findings in what was read, by content: the masked types at or above the threshold,
and every number whose check digit passes, at any score and in any shape."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from scanner.masking.masker import Masker
from scanner.sources.base import TextUnit, format_location, pooled_batches

# Numbers with a check digit, found by content at any score: digits one by one or in
# groups, separated by single spaces, hyphens or dots (full-width digits included), or
# 8 digits then 4 on two lines of their own (a My Number wrapped in a form).
_DIGIT_RUN = re.compile(
    r"[0-9０-９](?:[ \u3000.\-‐−]?[0-9０-９]){11,}"
    r"|(?<![^\n])[0-9０-９]{4}[ \u3000]?[0-9０-９]{4}\r?\n[0-9０-９]{4}(?![^\r\n])")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True, slots=True)
class Found:
    """A finding in a unit; its location and place are worked out only when asked (most
    findings in an output are surrogates, dropped first)."""

    member: str | None
    unit: TextUnit
    start: int
    entity_type: str
    text: str
    score: float
    checked: bool = False  # a number whose check digit passes, found by content

    @property
    def location(self) -> str:
        return where(self.member, self.unit, self.start)

    @property
    def place(self) -> tuple:
        """The unit's place (aligned between an input and its output)."""
        return place(self.member, self.unit)

    @property
    def unit_text(self) -> str:
        return self.unit.text


def findings(
    masker: Masker, units: Sequence[tuple[str | None, TextUnit]], raw: Sequence[TextUnit] = (),
    skip: Callable[[str], bool] = lambda _t: False,
) -> Iterator[Found]:
    """Findings of the masked types at or above the threshold (evidence pooled per group,
    as the scan pools it; units whose whole text `skip` names are not analyzed), then
    every number whose check digit passes, at any score, in the units and `raw` texts."""
    for batch in pooled_batches(units):
        batch = [i for i in batch if not skip(units[i][1].text)]
        if not batch:
            continue
        texts = [units[i][1].text for i in batch]
        context = units[batch[0]][1].context
        for index, found in zip(batch, masker.detect(texts, context), strict=True):
            member, unit = units[index]
            for f in found:
                yield Found(member, unit, f.start, f.entity_type, f.text, f.score)
    checked = checked_types(masker)
    # the raw text holds every unit's text: numbers are looked for once, there
    for member, unit in ([(None, u) for u in raw] if raw else units):
        for start, end, entity in checked_numbers(unit.text, checked):
            yield Found(member, unit, start, entity, unit.text[start:end], 1.0, checked=True)


def place(member: str | None, unit: TextUnit) -> tuple:
    """Where a unit sits (its first character's location), the same in input and output."""
    return (member, *unit.locate(0).values())


def checked_types(masker: Masker) -> dict[int, tuple[str, ...]]:
    """Digit count -> masked types with a check digit of that length."""
    out: dict[int, list[str]] = defaultdict(list)
    masked = masker.policy.masked_types
    if "JP_MY_NUMBER" in masked:
        out[12].append("JP_MY_NUMBER")
    if "JP_CORPORATE_NUMBER" in masked:
        out[13].append("JP_CORPORATE_NUMBER")
    if "CREDIT_CARD" in masked:
        for n in range(14, 20):
            out[n].append("CREDIT_CARD")
    return {n: tuple(v) for n, v in out.items()}


def checked_numbers(text: str, types: dict[int, tuple[str, ...]]) -> Iterator[tuple]:
    """(start, end, type) of each whole digit run whose check digit passes."""
    from stdnum import luhn
    from stdnum.jp import cn, in_

    if not types:
        return
    for m in _DIGIT_RUN.finditer(text):
        digits = _NOT_DIGIT.sub("", m.group().translate(_FULLWIDTH))
        for entity in types.get(len(digits), ()):
            if len(set(digits)) == 1:
                continue
            ok = (in_.is_valid(digits) if entity == "JP_MY_NUMBER"
                  else cn.is_valid(digits) if entity == "JP_CORPORATE_NUMBER"
                  else luhn.is_valid(digits))
            if ok:
                yield m.start(), m.end(), entity
                break


def where(member: str | None, unit: TextUnit, offset: int) -> str:
    loc = format_location(unit.locate(offset))
    return f"{member}: {loc}" if member else loc
