"""JSON and JSON Lines: same structure and keys, string leaves masked, valid JSON out.

Leaves under the same key path (`users[].tel`) are analyzed together with the key as
context. Indentation, separators and ASCII escaping follow the source.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scanner.masking.masker import Masker
from scanner.masking.tables import typed_like
from scanner.masking.textcodec import EncodingError, decode_bytes

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CHUNK_LINES = 2000
_INDENT = re.compile(r"[\[{]\r?\n([ \t]+)\S")


@dataclass(frozen=True, slots=True)
class Leaf:
    parent: dict | list
    key: str | int
    path: str  # concrete: $.users[3].tel
    label: str  # shared by siblings: users[].tel
    context: tuple[str, ...] | None = None  # a label/value pair's label


# {"label": "個人番号", "value": "…"}: the keys that hold a label, and the label's value.
_LABEL_KEYS = frozenset({"label", "name", "key", "field", "title", "item", "項目", "項目名",
                         "名称", "ラベル"})


@dataclass(frozen=True, slots=True)
class Style:
    indent: str | None
    separators: tuple[str, str]
    ensure_ascii: bool


def _style(text: str) -> Style:
    m = _INDENT.search(text)
    indent = m.group(1) if m else None
    if indent is not None:
        seps = (",", ": ")
    else:
        seps = (", ", ": ") if re.search(r'"\s*:\s', text) else (",", ":")
    ascii_only = "\\u" in text and text.isascii()
    return Style(indent, seps, ascii_only)


def _dump(obj: object, style: Style) -> str:
    return json.dumps(obj, ensure_ascii=style.ensure_ascii, indent=style.indent,
                      separators=style.separators)


def _is_leaf(value: object) -> bool:
    """Strings, and integers (a My Number or phone stored as a number)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def leaves(obj: object, path: str = "$", label: str = "") -> Iterator[Leaf]:
    """Every string or integer leaf with its parent container (replaced in place)."""
    if isinstance(obj, dict):
        pair = _pair_label(obj)
        for k, v in obj.items():
            if pair is not None and obj.get(k) == pair[1] and k == pair[0]:
                continue  # the label itself: context, never a value
            if _is_leaf(v):
                yield Leaf(obj, k, f"{path}.{k}", f"{label}.{k}",
                           (pair[1],) if pair is not None else None)
            else:
                yield from leaves(v, f"{path}.{k}", f"{label}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            if _is_leaf(v):
                yield Leaf(obj, i, f"{path}[{i}]", f"{label}[]")
            else:
                yield from leaves(v, f"{path}[{i}]", f"{label}[]")


def _pair_label(obj: dict) -> tuple[str, str] | None:
    """(key, label) when `obj` is a label/value pair ({"label": "個人番号", "value": …})."""
    from scanner.sources.forms import is_label

    for k, v in obj.items():
        if isinstance(k, str) and k.lower() in _LABEL_KEYS and isinstance(v, str) \
                and is_label(v):
            return k, v
    return None


def _context(label: str) -> tuple[str, ...]:
    key = label.rstrip("[]").rpartition(".")[2]
    return (key,) if key else ()


def _mask_docs(docs: list[object], masker: Masker) -> None:
    groups: dict[tuple, list[Leaf]] = defaultdict(list)
    for doc in docs:
        for leaf in leaves(doc):
            groups[(leaf.label, leaf.context)].append(leaf)
    for (label, pair), group in groups.items():
        texts = [str(leaf.parent[leaf.key]) for leaf in group]
        context = pair if pair is not None else _context(label)
        for leaf, text, findings in zip(
            group, texts, masker.detect(texts, context), strict=True
        ):
            if findings:
                new = masker.replace_findings(text, findings)
                leaf.parent[leaf.key] = typed_like(leaf.parent[leaf.key], new)
    _mask_keys(docs, masker)


def _mask_keys(docs: list[object], masker: Masker) -> None:
    """Object keys that hold personal data ({"山田太郎": {…}}), renamed in place."""
    objects: list[dict] = []
    stack = list(docs)
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            objects.append(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    keys = list(dict.fromkeys(k for obj in objects for k in obj))
    renamed = {k: new for k, new in zip(keys, masker.mask_texts(keys), strict=True) if new != k}
    if not renamed:
        return
    for obj in objects:
        if any(k in renamed for k in obj):
            items = [(renamed.get(k, k), v) for k, v in obj.items()]
            obj.clear()
            obj.update(items)


def _load(text: str, where: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise EncodingError(f"{where}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    text, encoding = decode_bytes(src.read_bytes())
    style = _style(text)
    if src.suffix.lower() not in JSONL_SUFFIXES:
        doc = _load(text, src.name)
        _mask_docs([doc], masker)
        ending = text[len(text.rstrip()) :]
        dst.write_bytes((_dump(doc, style) + ending).encode(encoding))
        return
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for lo in range(0, len(lines), CHUNK_LINES):
        chunk = lines[lo : lo + CHUNK_LINES]
        docs = {n: _load(line, f"{src.name}:{lo + n + 1}") for n, line in enumerate(chunk)
                if line.strip()}
        _mask_docs(list(docs.values()), masker)
        for n, line in enumerate(chunk):
            if n in docs:
                out.append(_dump(docs[n], Style(None, style.separators, style.ensure_ascii))
                           + line[len(line.rstrip("\r\n")) :])
            else:
                out.append(line)
    dst.write_bytes("".join(out).encode(encoding))
