"""Outputs read as `mamoru scan` reads them, plus every text of an Office package's XML
parts, every header of an e-mail, JSON keys and the names of a path."""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from scanner.sources.base import LineLocator, TextUnit

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
_NAME_WORD = re.compile(r"[^\s()（）\[\]【】「」]+")


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
