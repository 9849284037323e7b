"""Finding explanations in the user's language.

An explanation is made of parts (`Explanation` fields, or the `; `-joined `why` of a
report row) whose canonical text is English. A part that matches an English text of
`scanner/catalogue/explain.py` is shown with that entry's Japanese text under
`--lang ja`; its fields are keywords, labels and validator names, never the value."""

from __future__ import annotations

import re
from functools import cache

from scanner.findings import Explanation
from scanner.i18n import Lang
from scanner.messages import Both

ENGLISH = Lang("en")


def part(key: str, /, **fields: object) -> str:
    """The canonical (English) text of an explanation part."""
    return ENGLISH.t(key, **fields)


@cache
def _patterns(prefix: str) -> list[tuple[re.Pattern[str], str]]:
    """(regex of an entry's English text, its id), for every entry under `prefix`."""
    from scanner.messages import MESSAGES

    return [(_template_regex(en), key) for key, (_, en) in MESSAGES.items()
            if key.startswith(prefix)]


_FIELD = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


def _template_regex(en: str) -> re.Pattern[str]:
    """A regex reading an English text back into its fields. A count with its noun
    (`{gap:# char|# chars}`) reads either form; a field named twice reads as its first
    (groups `gap__2`, … are merged by `_fields`)."""
    parts, pos, seen = [], 0, 0
    for m in _FIELD.finditer(en):
        parts.append(re.escape(en[pos : m.start()]))
        pos = m.end()
        name, spec = m.groups()
        if spec and "|" in spec:
            forms = []
            for form in spec.split("|", 1):
                seen += 1
                number = f"(?P<{name}__{seen}>[0-9]+)"
                forms.append(re.escape(form).replace(re.escape("#"), number))
            parts.append("(?:" + "|".join(forms) + ")")
        else:
            seen += 1
            parts.append(f"(?P<{name}__{seen}>.+?)")
    parts.append(re.escape(en[pos:]))
    return re.compile("".join(parts))


def _fields(m: re.Match[str]) -> dict[str, str]:
    """The fields a template's regex read (`_template_regex`), each by its first value."""
    fields: dict[str, str] = {}
    for group, value in m.groupdict().items():
        if value is not None:
            fields.setdefault(group.split("__")[0], value)
    return fields


def part_text(text: str, lang: Lang, prefix: str = "explain.") -> str:
    """One part in the user's language (a part the catalogue does not know unchanged)."""
    if lang.code == "en":
        return text
    for rx, key in _patterns(prefix):
        m = rx.fullmatch(text)
        if m:  # a field may itself be a part ("keyword … names another number")
            return lang.t(key, **{k: part_text(v, lang, prefix)
                                  for k, v in _fields(m).items()})
    return text


def catalogued(text: str, prefix: str = "explain.") -> bool:
    """Whether the catalogue has an entry for this part (a pattern's name, a rung)."""
    return any(rx.fullmatch(text) for rx, _ in _patterns(prefix))


def note_text(note: str, lang: Lang) -> str:
    """Why a file was skipped or not read (stored in English), in the user's language:
    a note the catalogue knows (`scanner/catalogue/notes.py`), else an OS reason."""
    from scanner.messages import reason_text

    if lang.code == "en":
        return note
    for rx, key in _patterns("note."):
        m = _at_end(rx).search(note)  # `path: note` as scan's errors are kept
        if m:
            fields = {k: part_text(v, lang, "note.") for k, v in _fields(m).items()}
            return note[: m.start()] + lang.t(key, **fields)
    return reason_text(note, lang)


@cache
def _at_end(rx: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{rx.pattern})\\Z")


def why_text(why: str, lang: Lang) -> str:
    """A report row's `why` (parts joined with `; `) in the user's language."""
    sep = "；" if lang.code == "ja" else "; "
    return sep.join(part_text(p, lang) for p in why.split("; ")) if why else why


def explanation_text(e: Explanation, lang: Lang) -> str:
    """`recognizer/pattern; rung; validator; context; notes` in the user's language."""
    return why_text(e.as_text(), lang)


def score_text(score: float, lang: Lang) -> str:
    return lang.t("explain.score", score=f"{score:.2f}")


def kind_both(kind: str) -> Both:
    """A file kind's name (`PNG image`) in both languages, for an error's field."""
    return Both(part_text(kind, Lang("ja"), "note."), kind)
