"""Word vectors of chiVe, as GiNZA's `ja_ginza` package ships them, without loading spaCy.

`ja_ginza` keeps 480,443 words, each pointing at one of 20,000 vectors of 300 dimensions
(chiVe, trained by Works Applications on a web corpus of about 100 billion words; Apache
License 2.0): words that occur alike share a direction, so a band lies near bands and a
carmaker near carmakers. A word is found by spaCy's hash of it (MurmurHash64A, seed 1,
over its UTF-8 bytes). Reading the package's tables takes about a second, so they are
cached as arrays in `$XDG_CACHE_HOME/mamoru/` (default `~/.cache/mamoru/`), memory-mapped,
keyed by the package's version.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import tempfile
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

DIMENSIONS = 300
_MASK = (1 << 64) - 1
_M = 0xC6A4A7935BD1E995
_FORMAT = 1
_ARRAYS = ("keys", "rows", "unit")


def word_hash(word: str) -> int:
    """spaCy's key of a word: MurmurHash64A with seed 1 of its UTF-8 bytes."""
    data = word.encode("utf-8")
    h = (1 ^ (len(data) * _M)) & _MASK
    full = len(data) - len(data) % 8
    for i in range(0, full, 8):
        k = (int.from_bytes(data[i : i + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if full < len(data):
        h = ((h ^ int.from_bytes(data[full:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


class WordVectors:
    """Unit-length vectors of words, looked up by the word's hash in sorted keys."""

    def __init__(self, keys: np.ndarray, rows: np.ndarray, unit: np.ndarray) -> None:
        self.keys, self.rows, self.unit = keys, rows, unit

    @lru_cache(maxsize=1 << 16)  # noqa: B019 - one instance per process, kept for good
    def row(self, word: str) -> int:
        """The word's vector row, or -1 when chiVe does not know the word."""
        key = np.uint64(word_hash(word))  # a Python int would make numpy convert the keys
        i = int(self.keys.searchsorted(key))
        return int(self.rows[i]) if i < len(self.keys) and self.keys[i] == key else -1

    def mean(self, words: list[str]) -> np.ndarray:
        """The mean of the known words' vectors; zeros when none is known."""
        rows = [r for r in map(self.row, words) if r >= 0]
        if not rows:
            return np.zeros(DIMENSIONS, dtype=np.float32)
        return self.unit[rows].mean(axis=0)


def vocab_dir() -> Path:
    """The `vocab` folder of the installed `ja_ginza` model, found without importing it."""
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("ja_ginza is not installed: pip install ja-ginza")
    package = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(package.glob("ja_ginza-*/vocab"))
    if not found:
        raise RuntimeError(f"ja_ginza has no vocab folder under {package}")
    return found[-1]


@cache
def word_vectors() -> WordVectors:
    """chiVe's vectors, from the cache or, the first time, from `ja_ginza`."""
    version = importlib.metadata.version("ja_ginza")
    folder = _cache_dir() / f"chive-{_FORMAT}-{version}"
    try:
        return WordVectors(*(np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS))
    except (OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)  # missing or broken: built again
    keys, rows, unit = build(vocab_dir())
    _store(folder, {"keys": keys, "rows": rows, "unit": unit})
    return WordVectors(keys, rows, unit)


def build(vocab: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted word keys, their vector rows and the unit-length vectors of a spaCy vocab."""
    import srsly

    key2row = srsly.read_msgpack(vocab / "key2row")
    keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
    rows = np.fromiter(key2row.values(), dtype=np.int32, count=len(key2row))
    order = np.argsort(keys)
    data = np.load(vocab / "vectors").astype(np.float32)
    norms = np.linalg.norm(data, axis=1, keepdims=True)
    unit = data / np.where(norms > 0, norms, 1.0)
    return keys[order], rows[order], unit


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mamoru"


def _store(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays into a new folder renamed into place, whole or not at all: a
    read-only home only costs the next start a rebuild, and of two runs building it at
    once, the first to finish wins."""
    tmp = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, suffix=".tmp"))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array)
        os.replace(tmp, folder)
    except OSError:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
