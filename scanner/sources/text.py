"""Plain text and markup: one unit per file, located by line and column."""

from __future__ import annotations

import re

from scanner.sources.base import LineLocator, TextUnit

# Comments and CDATA keep their text (notes in markup can hold personal data); tags keep
# their quoted attribute values (value="…", alt="…", title="…").
_MARKUP = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|<[/!?A-Za-z][^>]*>")
_TAG_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|[^\"'\n]+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def text_units(text: str) -> list[TextUnit]:
    """The whole text as one unit; empty text has none."""
    return [TextUnit(text=text, locate=LineLocator(text))] if text else []


def blank_markup(markup: str) -> str:
    """Markup with tags replaced by spaces of the same length, so offsets stay put.

    Newlines inside tags stay, so line numbers match the original file.
    """
    return _MARKUP.sub(_blank_tag, markup)


def _blank_tag(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not tag.startswith("<") or tag.startswith("<!["):
        return " " * len(tag)
    return _TAG_PART.sub(_blank_tag_part, tag)


def _blank_tag_part(match: re.Match[str]) -> str:
    value = match.group(1) if match.group(1) is not None else match.group(2)
    if value is not None:
        return f" {value} "
    return _NOT_NEWLINE.sub(" ", match.group(0))
