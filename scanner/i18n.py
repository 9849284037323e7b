"""Messages in Japanese and English: `Lang("ja")("日本語", "English")`."""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGS = ("ja", "en")


def default_lang() -> str:
    """`MAMORU_LANG`, else Japanese when the locale is Japanese, else English."""
    env = os.environ.get("MAMORU_LANG", "")
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        val = os.environ.get(var, "")
        if val:
            return "ja" if val.lower().startswith("ja") else "en"
    return "en"


@dataclass(frozen=True, slots=True)
class Lang:
    """Picks the text of one language; passed down, never global."""

    code: str = "en"

    def __call__(self, ja: str, en: str) -> str:
        return ja if self.code == "ja" else en
