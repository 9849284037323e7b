"""chiVe's word vectors as ja_ginza ships them: spaCy's keys, the cache, what they hold."""

import numpy as np
import pytest
from spacy.strings import hash_string

from recognizers import word_vectors as wv

WORDS = [
    "", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "山田", "マクラーレン", "ジョン・レノン",
    "𠮷田", "葛\U000E0100飾", "東京都千代田区丸の内一丁目9番1号", "Ｔｏｋｙｏ", "ｶﾀｶﾅ",
]


@pytest.mark.parametrize("word", WORDS)
def test_word_hash_is_spacys(word):
    assert wv.word_hash(word) == hash_string(word)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wv.word_vectors.cache_clear()
    yield tmp_path / "mamoru"
    wv.word_vectors.cache_clear()


def test_built_once_then_read_from_the_cache(fresh_cache):
    built = wv.word_vectors()
    (folder,) = fresh_cache.glob("chive-*")
    assert sorted(p.name for p in folder.iterdir()) == ["keys.npy", "rows.npy", "unit.npy"]
    assert not list(fresh_cache.glob("*.tmp"))
    wv.word_vectors.cache_clear()
    cached = wv.word_vectors()
    assert isinstance(cached.unit, np.memmap) and not isinstance(built.unit, np.memmap)
    assert cached.row("マクラーレン") == built.row("マクラーレン") >= 0
    assert cached.unit.shape == (20000, wv.DIMENSIONS)


def test_a_broken_cache_is_built_again(fresh_cache):
    wv.word_vectors()
    (folder,) = fresh_cache.glob("chive-*")
    (folder / "keys.npy").write_bytes(b"\x93NUMPY broken")
    wv.word_vectors.cache_clear()
    assert wv.word_vectors().row("フェラーリ") >= 0
    wv.word_vectors.cache_clear()
    assert isinstance(wv.word_vectors().keys, np.memmap)  # and stored whole again


def test_words_that_occur_alike_lie_near():
    vectors = wv.word_vectors()

    def cos(a, b):
        return float(vectors.unit[vectors.row(a)] @ vectors.unit[vectors.row(b)])

    assert cos("マクラーレン", "フェラーリ") > 0.7 > cos("マクラーレン", "田中")
    assert cos("田中", "山田") > cos("田中", "フェラーリ")
    assert vectors.row("ローウェットン") == -1
    assert np.allclose(np.linalg.norm(vectors.unit[:100], axis=1), 1.0, atol=1e-5)
    assert vectors.mean(["ローウェットン"]).tolist() == [0.0] * wv.DIMENSIONS


def test_the_name_model_counts_the_dimensions_chive_has():
    from recognizers.person import model as person_model

    assert person_model.OWN_DIMENSIONS == 2 * wv.DIMENSIONS + 1
    assert person_model.CONTEXT_DIMENSIONS == 4 * wv.DIMENSIONS + 1


def test_two_runs_building_the_cache_at_once_both_get_it_whole(tmp_path):
    """Two processes start with no cache: both build it, one rename wins, neither fails,
    and the cache left behind is whole (read back by a third)."""
    import os
    import subprocess
    import sys

    code = (
        "from recognizers.word_vectors import word_vectors as w; "
        "print(w().row('マクラーレン'), type(w().keys).__name__)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120)[0].split() for p in runs]
    assert [p.returncode for p in runs] == [0, 0]
    assert {row for row, _ in outs} == {str(wv.word_vectors().row("マクラーレン"))}
    assert sorted(p.name for p in (tmp_path / "mamoru").iterdir()) == [
        f"chive-1-{__import__('importlib.metadata').metadata.version('ja_ginza')}"
    ]
    third = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert third.stdout.split()[1] == "memmap"


def test_a_cache_that_cannot_be_written_costs_a_rebuild_not_a_failure(tmp_path, monkeypatch):
    """The cache's place is a file, not a folder (as good as read-only, even for root)."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    wv.word_vectors.cache_clear()
    try:
        assert wv.word_vectors().row("フェラーリ") >= 0
        assert not isinstance(wv.word_vectors().keys, np.memmap)
        assert list(tmp_path.iterdir()) == [blocked]  # no temporary folder left behind
    finally:
        wv.word_vectors.cache_clear()
