"""Every XML part of a Word or PowerPoint file, masked in place (the zip is rewritten
part by part; parts without text are copied byte for byte).

- Paragraphs (`w:p`, `a:p`) wherever they are: body, tables, headers and footers of
  every kind, footnotes, comments, text boxes, content controls, tracked insertions and
  deletions (`w:delText`), field codes (`w:instrText`), slides, notes, masters. The text
  of a paragraph's runs is analyzed whole and replaced inside the runs; a paragraph after
  one that is only a label (個人番号) has that label as context; a My Number wrapped
  under it over two paragraphs (`1234 5678` / `9018`) is read as one, and keeps its shape.
- Word tables laid out as forms (`scanner.sources.forms`): label cells kept, value cells
  read with their label (a number split over two cells found whole).
- Authors and editors (`w:author`, comment authors, `dc:creator`, `cp:lastModifiedBy`,
  `Manager`) are names: replaced whole. Initials are removed. Other property texts,
  custom properties and link targets (`mailto:`) are analyzed.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from scanner.masking.masker import Masker
from scanner.sources.forms import form_layout, is_label

_TEXT = frozenset({"t", "delText", "instrText"})
_NAME_ATTRS = frozenset({"author", "name"})  # `name` only on comment authors and people
_NAME_PARENTS = frozenset({"comment", "ins", "del", "moveFrom", "moveTo", "cmAuthor",
                           "person", "rPrChange", "pPrChange", "trackRevisions"})
_NAME_ELEMENTS = frozenset({"creator", "lastModifiedBy", "Manager"})
_PROPERTY_ELEMENTS = frozenset({"title", "subject", "description", "keywords", "category",
                                "Company", "lpwstr", "bstr", "HyperlinkBase", "contentStatus"})
_SKIP_PART = re.compile(r"(^|/)(theme\d*|fontTable|styles|settings|webSettings|numbering|"
                        r"presProps|viewProps|tableStyles|printerSettings\d*)\.xml$")
_MAILTO = re.compile(r"^(mailto:)(.*)$", re.I)


def mask_package(src: Path, dst: Path, masker: Masker) -> None:
    """`src` (DOCX or PPTX) masked into `dst`."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename
            if name.endswith((".xml", ".rels")) and not _SKIP_PART.search(name):
                root = etree.fromstring(data, parser)
                if _mask_part(root, name, masker):
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=_standalone(data))
            zout.writestr(info, data)


def _standalone(data: bytes) -> bool | None:
    head = data[:100]
    return True if b'standalone="yes"' in head else None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _mask_part(root, name: str, masker: Masker) -> bool:
    changed = False
    if name.endswith(".rels"):
        for rel in root:
            target = rel.get("Target") or ""
            m = _MAILTO.match(target)
            if m:
                new = masker.mask_texts([m.group(2)], ("メールアドレス",))[0]
                if new != m.group(2):
                    rel.set("Target", m.group(1) + new)
                    changed = True
        return changed
    changed |= _mask_names(root, masker)
    changed |= _mask_properties(root, masker)
    done = _mask_tables(root, masker)
    changed |= bool(done)
    changed |= _mask_paragraphs(root, masker, done)
    return changed


def _mask_names(root, masker: Masker) -> bool:
    changed = False
    for el in root.iter():
        local = _local(el.tag)
        for attr, value in list(el.attrib.items()):
            a = _local(attr)
            if a == "initials" and value:
                el.set(attr, "")
                changed = True
            elif value.strip() and (a == "author" or (a == "name" and local in _NAME_PARENTS)):
                el.set(attr, masker.mask_value("PERSON", value, known=False))
                changed = True
        if local in _NAME_ELEMENTS and el.text and el.text.strip():
            el.text = masker.mask_value("PERSON", el.text, known=False)
            changed = True
    return changed


def _mask_properties(root, masker: Masker) -> bool:
    els = [el for el in root.iter() if _local(el.tag) in _PROPERTY_ELEMENTS
           and el.text and el.text.strip() and not _in_paragraph(el)]
    if not els:
        return False
    texts = [el.text for el in els]
    changed = False
    for el, new in zip(els, masker.mask_texts(texts), strict=True):
        if new != el.text:
            el.text = new
            changed = True
    return changed


def _in_paragraph(el) -> bool:
    node = el.getparent()
    while node is not None:
        if _local(node.tag) == "p":
            return True
        node = node.getparent()
    return False


# -- paragraphs ------------------------------------------------------------------------
def _text_nodes(p) -> list:
    """The text elements of paragraph `p` in order, not those of paragraphs inside it
    (a text box inside a run holds paragraphs of its own)."""
    out = []
    for el in p.iter():
        if _local(el.tag) in _TEXT and _owner(el) is p:
            out.append(el)
    return out


def _owner(el):
    node = el.getparent()
    while node is not None and _local(node.tag) != "p":
        node = node.getparent()
    return node


def _mask_paragraphs(root, masker: Masker, done: set) -> bool:
    from scanner.dbscan.names import header_context

    paragraphs = [p for p in root.iter() if _local(p.tag) == "p" and p not in done]
    nodes = [_text_nodes(p) for p in paragraphs]
    texts = ["".join(n.text or "" for n in ns) for ns in nodes]
    groups: dict[str, list[int]] = defaultdict(list)
    wrapped = _wrapped_numbers(texts)
    previous = ""
    for i, text in enumerate(texts):
        if i not in wrapped.values():
            groups[previous if is_label(previous) else ""].append(i)
        if text.strip():
            previous = text
    changed = False
    for label, idx in groups.items():
        context = tuple(header_context(label.strip())) if label else ()
        whole = [texts[i] + "\n" + texts[wrapped[i]] if i in wrapped else texts[i] for i in idx]
        for i, text, findings in zip(idx, whole, masker.detect(whole, context), strict=True):
            reps = masker.with_known(text, masker.replacements(findings))
            if not reps:
                continue
            if i not in wrapped:
                changed |= _rewrite(nodes[i], reps)
                continue
            first, second = _split_reps(reps, len(texts[i]))
            changed |= _rewrite(nodes[i], first)
            changed |= _rewrite(nodes[wrapped[i]], second)
    return changed


_DIGIT_LINE = re.compile(r"[0-9０-９]{4} ?[0-9０-９]{4}|[0-9０-９]{4}")


def _wrapped_numbers(texts: list[str]) -> dict[int, int]:
    """Paragraphs holding 8 digits followed by one holding 4 (a My Number wrapped under
    its label, `1234 5678` / `9018`): first -> second, read as two lines of one text."""
    filled = [i for i, t in enumerate(texts) if t.strip()]
    out = {}
    for a, b in pairwise(filled):
        first, second = texts[a].strip(), texts[b].strip()
        if (len(first) >= 8 and _DIGIT_LINE.fullmatch(first) and len(second) == 4
                and _DIGIT_LINE.fullmatch(second) and a not in out.values()):
            out[a] = b
    return out


def _split_reps(reps, cut: int) -> tuple[list, list]:
    """Replacements over `first + "\n" + second` as replacements of each paragraph; one
    spanning the line break keeps its line break there (a surrogate of the same shape)."""
    first, second = [], []
    for s, e, new in reps:
        if e <= cut:
            first.append((s, e, new))
        elif s > cut:
            second.append((s - cut - 1, e - cut - 1, new))
        else:
            head, _, tail = new.partition("\n")
            first.append((s, cut, head))
            second.append((0, e - cut - 1, tail))
    return first, second


def _rewrite(nodes: list, reps) -> bool:
    from scanner.masking.formats.docx import rewrite_runs

    old = [n.text or "" for n in nodes]
    new = rewrite_runs(old, reps)
    changed = False
    for node, before, after in zip(nodes, old, new, strict=True):
        if after != before:
            node.text = after
            if after != after.strip():
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            changed = True
    return changed


# -- Word tables laid out as forms -------------------------------------------------------
def _mask_tables(root, masker: Masker) -> set:
    """Form tables masked cell by cell; their paragraphs (done)."""
    from scanner.masking.forms import mask_form

    done: set = set()
    for tbl in [t for t in root.iter() if _local(t.tag) == "tbl"]:
        if any(_local(x.tag) == "tbl" for x in tbl.iter() if x is not tbl):
            continue  # nested tables: paragraphs are masked one by one
        grid = [[[p for p in tc.iter() if _local(p.tag) == "p"]
                 for tc in tr if _local(tc.tag) == "tc"]
                for tr in tbl if _local(tr.tag) == "tr"]
        nodes = [[[n for p in cell for n in _text_nodes(p)] for cell in row] for row in grid]
        rows = [["".join(n.text or "" for n in cell) for cell in row] for row in nodes]
        layout = form_layout(rows)
        if layout is None:
            continue
        for (r, c), text in mask_form(masker, rows, layout).items():
            _set_cell(nodes[r][c], text)
        done.update(p for row in grid for cell in row for p in cell)
    return done


def _set_cell(nodes: list, text: str) -> None:
    """A cell's new text: in its first text node, the others emptied."""
    for n, node in enumerate(nodes):
        node.text = text if n == 0 else ""
        if n == 0 and text != text.strip():
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
