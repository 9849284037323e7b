"""Messages in Japanese and English.

Texts come from the catalogue: `lang.t("key", **fields)` (`scanner.messages`, which
merges `scanner/catalogue/`). `lang(ja, en)` picks between two texts already at hand
(an error that carries both, a label table). An English count names its noun in the
singular for one: `{n:# file|# files}` (`fill`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

LANGS = ("ja", "en")
# spellings people use for the two languages (MAMORU_LANG, --lang); compared lower-case
_ALIASES = {"ja": "ja", "jp": "ja", "jpn": "ja", "japanese": "ja", "日本語": "ja",
            "en": "en", "eng": "en", "english": "en", "c": "en", "posix": "en"}


def normalize_lang(value: str) -> str | None:
    """`ja`/`en` for a spelling of either (`jp`, `ja_JP.UTF-8`, `en-US`), else None."""
    text = value.strip().lower()
    if text in _ALIASES:
        return _ALIASES[text]
    base = text.replace("-", "_").split(".")[0].split("_")[0]
    return {"ja": "ja", "jp": "ja", "en": "en"}.get(base)


def default_lang() -> str:
    """`MAMORU_LANG`, else Japanese when the locale is Japanese, else English."""
    chosen = normalize_lang(os.environ.get("MAMORU_LANG", ""))
    if chosen:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        val = os.environ.get(var, "")
        if val:
            return "ja" if val.lower().startswith("ja") else "en"
    return "en"


def bad_env_lang() -> str | None:
    """The value of MAMORU_LANG when it names neither language (to warn about), else None."""
    value = os.environ.get("MAMORU_LANG", "")
    return value if value.strip() and normalize_lang(value) is None else None


@dataclass(frozen=True, slots=True)
class Lang:
    """Picks the text of one language; passed down, never global."""

    code: str = "en"

    def __call__(self, ja: str, en: str) -> str:
        return ja if self.code == "ja" else en

    def t(self, key: str, /, **fields: object) -> str:
        """The catalogue text `key` in this language, with `{fields}` filled in."""
        from scanner.messages import MESSAGES

        ja, en = MESSAGES[key]
        return fill(self(ja, en), **fields)


_COUNTED_FIELD = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")


@cache
def _counted(text: str) -> tuple[str, tuple[tuple[str, str, str, str], ...]]:
    """`text` with each `{n:one|other}` replaced by a field of its own (`{n__0}`), and
    (that field, n, one, other) for each: made once per text."""
    counted: list[tuple[str, str, str, str]] = []

    def own(m: re.Match[str]) -> str:
        name = f"{m.group(1)}__{len(counted)}"
        counted.append((name, *m.groups()))
        return "{" + name + "}"

    return _COUNTED_FIELD.sub(own, text), tuple(counted)


def fill(text: str, /, **fields: object) -> str:
    """A catalogue text with its fields filled in; `{n:# file|# files}` is the text for
    one, else the other, `#` the count."""
    if "|" not in text:
        return text.format(**fields)
    plain, counted = _counted(text)
    for name, field, one, other in counted:
        value = fields[field]
        fields[name] = (one if value == 1 else other).replace("#", str(value))
    return plain.format(**fields)
