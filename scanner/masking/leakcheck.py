"""The leak check: read the written output again, as a file, and fail on any input value.

Files are checked independently of the masker: each output is read with the readers
`mamoru scan` uses (`scanner.sources.readers`), plus every text and telling attribute of
every XML part of an Office package (comments, properties, link targets, sheet names,
text boxes, tracked changes...), every header of every part of an e-mail and its
attachments' file names, JSON keys, and the names of a tree's files and folders, by
content, without column plans. A finding of a masked type at or above the threshold, or
a number whose check digit passes (My Number, corporate number, card) at any score and
in any shape (full-width, digit by digit), is a leak when its value stood at the same
place in the input, or is one of the run's input values (keyed digests of every checked
number in the inputs and of every value the masker replaced) that the run did not write,
and the policy does not keep it.
Surrogates are redrawn when they would be an input value already seen, and a surrogate
found where the input did not hold it never counts, whatever its shape; a unit that is
exactly a surrogate is not analyzed again.

`mask-db` reads its copies back in `db_leak`, with `checked_numbers` from here.
Leaks are reported by location and masked preview, never by value.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from scanner.masking.keyed import canonical
from scanner.masking.masker import Masker
from scanner.privacy import preview
from scanner.sources.base import LineLocator, TextUnit, format_location

_OOXML = ("docx", "xlsx", "pptx")
# XML parts that hold no document text (fonts, colours, printer settings).
_SKIP_PART = re.compile(r"(^|/)(theme\d*|fontTable|webSettings|printerSettings\d*)\.xml$|\.bin$")
# Attributes whose values are fonts, ids or revision marks, never content.
_SKIP_ATTR = re.compile(
    r"^(typeface|panose|pitchFamily|charset|eastAsia|ascii|hAnsi|cs|rsid.*|paraId|textId|"
    r"id|Id|uri|xmlns.*|spid|guid|uid|tag|ref|sqref|r|s|t|style|styleId)$"
)
_TELLING = re.compile(r"[^\x00-\x7f]|@|\d{4}|mailto:|tel:", re.I)
_VOCAB = ("http://schemas.", "http://purl.org", "urn:schemas", "http://www.w3.org")
_PART_TEXTS = 400  # XML texts per unit (lines), so one unit stays small
# Numbers with a check digit, found by content at any score: digits one by one or in
# groups, separated by single spaces, hyphens or dots (full-width digits included), or
# 8 digits then 4 on two lines of their own (a My Number wrapped in a form).
_DIGIT_RUN = re.compile(
    r"[0-9０-９](?:[ \u3000.\-‐−]?[0-9０-９]){11,}"
    r"|(?<![^\n])[0-9０-９]{4}[ \u3000]?[0-9０-９]{4}\r?\n[0-9０-９]{4}(?![^\r\n])")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NOT_DIGIT = re.compile(r"\D")
_NAME_WORD = re.compile(r"[^\s()（）\[\]【】「」]+")
_CELL = 1000  # longer units are never one kept cell


@dataclass(frozen=True, slots=True)
class Leak:
    location: str
    entity_type: str
    preview: str
    score: float

    def describe(self) -> str:
        return f"{self.location}: {self.entity_type} {self.preview} ({self.score:.2f})"


# -- files: read as `mamoru scan` reads them --------------------------------------------
@dataclass
class Reading:
    """The text units of one file (archive members and attachments included), and what
    could not be read."""

    units: list[tuple[str | None, TextUnit]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # texts checked for numbers with a check digit, in place of the units: the whole
    # decoded text of a text format, a document's paragraphs joined
    raw: list[TextUnit] = field(default_factory=list)


def read_file(name: str, data: bytes) -> Reading:
    """Units of `data` by the scan's readers, plus the text of every Office XML part."""
    from scanner.sources import extract

    extraction = extract(name, data)
    reading = Reading([(None, u) for u in extraction.units])
    if extraction.error or extraction.skipped:
        reading.problems.append(extraction.error or extraction.skipped or "")
    pending = [(path, sub) for path, sub in extraction.members]
    while pending:
        path, sub = pending.pop(0)
        reading.units.extend((path, u) for u in sub.units)
        if sub.error or sub.skipped:
            reading.problems.append(f"{path}: {sub.error or sub.skipped}")
        pending.extend((f"{path}!{p}", s) for p, s in sub.members)
    if extraction.format in _OOXML and not reading.problems:
        seen = {u.text.strip() for _, u in reading.units}
        reading.units.extend((None, u) for u in package_units(data, seen))
        reading.raw = _paragraphs_joined([u for _, u in reading.units]) if all(
            member is None for member, _ in reading.units) else []
    if extraction.format == "eml" and not reading.problems:
        seen = {u.text.strip() for _, u in reading.units}
        reading.units.extend((None, u) for u in mail_units(data, seen))
    if extraction.encoding and extraction.format not in ("text", "eml"):
        text = data.decode(extraction.encoding, "replace")
        reading.raw.append(TextUnit(text, LineLocator(text)))
        if extraction.format in ("json", "jsonl"):
            reading.units.extend((None, u) for u in json_key_units(text))
    return reading


def _paragraphs_joined(units: list[TextUnit]) -> list[TextUnit]:
    """A document's paragraphs as one text, a line each (each offset located in its own
    paragraph), then its other units: a number wrapped over two paragraphs (8 digits,
    then 4) reads as one, as it does over two lines of a text file."""
    paragraphs = [u for u in units if "paragraph" in u.locate(0)]
    if len(paragraphs) < 2:
        return []
    starts, at = [], 0
    for unit in paragraphs:
        starts.append(at)
        at += len(unit.text) + 1

    def locate(offset: int) -> dict:
        i = bisect_right(starts, offset) - 1
        return paragraphs[i].locate(offset - starts[i])

    joined = TextUnit("\n".join(u.text for u in paragraphs), locate)
    return [joined, *(u for u in units if "paragraph" not in u.locate(0))]


def mail_units(data: bytes, seen: set[str] = frozenset()) -> Iterator[TextUnit]:
    """Every header of every part of a message (routing and structure included), and
    attachment file names, decoded; texts in `seen` (already read) are left out."""
    from email import policy
    from email.parser import BytesParser

    from scanner.masking.filenames import readable
    from scanner.sources.base import fixed_location

    message = BytesParser(policy=policy.default).parsebytes(data)
    for number, part in enumerate(message.walk(), start=1):
        texts = [(name, _header_text(value, raw)) for (name, value), (_, raw)
                 in zip(part.items(), part.raw_items(), strict=True)]
        if (filename := part.get_filename()) is not None:
            texts.append(("filename", readable(filename)))
        for name, text in texts:
            if text.strip() and text.strip() not in seen:
                yield TextUnit(text, fixed_location(part=number, header=name),
                               group=f"mail:{number}:{name}")


def _header_text(value: object, raw: str) -> str:
    """A header's decoded text; raw 8-bit bytes the e-mail library could not decode
    (Shift_JIS in a header) read by the scan's detector."""
    from scanner.sources.degrade import decode_lenient
    from scanner.sources.model import SourceError

    text = str(value)
    if "\ufffd" not in text:
        return text
    try:
        return decode_lenient(raw.encode("ascii", "surrogateescape")).text
    except (SourceError, UnicodeEncodeError):
        return text


def name_units(rel: str) -> list[tuple[str | None, TextUnit]]:
    """Each name of a relative path, whole and word by word (a name before other words,
    `山田太郎_履歴書`), as detection reads names."""
    from scanner.masking.filenames import readable

    units: list[tuple[str | None, TextUnit]] = []
    for i, part in enumerate(rel.split("/"), start=1):
        text = readable(part)
        words = [(0, text)] + [(m.start(), m.group()) for m in _NAME_WORD.finditer(text)]
        units.extend((None, TextUnit(word, _name_locator(i, start))) for start, word in words)
    return units


def _name_locator(number: int, start: int) -> Callable[[int], dict]:
    return lambda offset: {"name": number, "offset": start + offset}


def name_candidates(masker: Masker, rel_in: str, rel_out: str) -> list[Candidate]:
    """The possible leaks in an output's path (its name and folders), the path named by
    a preview of each of its names (a leaking name is not shown in clear)."""
    before = InputFile({place(m, u): canonical(u.text) for m, u in name_units(rel_in)}, [])
    shown = "/".join(preview(part) for part in rel_out.split("/"))
    return _reading_candidates(masker, shown, Reading(name_units(rel_out)), before)


def json_key_units(text: str) -> Iterator[TextUnit]:
    """Each distinct object key of a JSON or JSON Lines text, named by its first path."""
    import json

    from scanner.sources.places import CellPlace

    docs = []
    try:
        docs.append(json.loads(text))
    except ValueError:
        for line in text.splitlines():
            try:
                docs.append(json.loads(line))
            except ValueError:
                continue
    seen: set[str] = set()
    stack: list[tuple[object, str]] = [(d, "$") for d in docs]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in seen and k.strip():
                    seen.add(k)
                    yield TextUnit(k, CellPlace(("key",), (f"{path}.{k}",)))
                stack.append((v, f"{path}.{k}"))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))


def package_units(data: bytes, seen: set[str] = frozenset()) -> Iterator[TextUnit]:
    """Every text of every XML part of an Office package (by paragraph where there are
    paragraphs), and attribute values that can hold content (`Target="mailto:…"`,
    `w:author`, sheet names); texts in `seen` (already read) are left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = info.filename
            if not name.endswith((".xml", ".rels")) or _SKIP_PART.search(name):
                continue
            texts = [t for t in _xml_texts(zf.read(info)) if t.strip() not in seen]
            for lo in range(0, len(texts), _PART_TEXTS):
                text = "\n".join(texts[lo : lo + _PART_TEXTS])
                yield TextUnit(text, LineLocator(text, lo + 1, {"part": name}),
                               group=f"part:{name}")


def _xml_texts(xml: bytes) -> Iterator[str]:
    """Texts of a part: a paragraph's (`w:p`, `a:p`, `si`) runs joined, other text nodes
    alone, then telling attribute values."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        yield xml.decode("utf-8", "replace")  # read as text rather than not at all
        return
    paragraphs: dict[object, list[str]] = {}
    order: list[object] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            local = attr.rpartition("}")[2]
            if (_TELLING.search(value) and not _SKIP_ATTR.match(local)
                    and not value.startswith(_VOCAB)):
                yield value
        if el.text and el.text.strip():
            holder = _paragraph_of(el)
            if holder is None:
                yield el.text
            else:
                if holder not in paragraphs:
                    paragraphs[holder] = []
                    order.append(holder)
                paragraphs[holder].append(el.text)
    for holder in order:
        yield "".join(paragraphs[holder])


def _paragraph_of(el) -> object | None:
    """The nearest enclosing paragraph-like element of a text node, if any."""
    node = el.getparent()
    while node is not None:
        local = node.tag.rpartition("}")[2] if isinstance(node.tag, str) else ""
        if local in ("p", "si", "is"):
            return node
        node = node.getparent()
    return None


# -- findings, by content ---------------------------------------------------------------
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
        return _where(self.member, self.unit, self.start)

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
    for batch in _batches(units):
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


def _batches(units: Sequence[tuple[str | None, TextUnit]]) -> list[list[int]]:
    grouped: dict[tuple[str | None, str], list[int]] = {}
    order: list[list[int]] = []
    for index, (member, unit) in enumerate(units):
        if unit.group is None:
            order.append([index])
            continue
        key = (member, unit.group)
        if key not in grouped:
            grouped[key] = []
            order.append(grouped[key])
        grouped[key].append(index)
    return order


def _where(member: str | None, unit: TextUnit, offset: int) -> str:
    loc = format_location(unit.locate(offset))
    return f"{member}: {loc}" if member else loc


# -- the check ---------------------------------------------------------------------------
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
            leak = Leak(f"{display}: {_where(member, unit, start)}", entity,
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
