"""The name model: shipped weights load, prose names are re-scored, cued names are not."""

import json

import pytest

from recognizers.base import Candidate, Ladder
from recognizers.person import model as person_model
from scanner.engine import Engine, EngineConfig


@pytest.fixture
def model_file(tmp_path, monkeypatch):
    """A hand-made model file in place of the shipped one, for the decision rule alone."""

    def write(weights, threshold=0.5, bias=0.0, dense=None, low=None, context=None):
        path = tmp_path / "model.json"
        own = person_model.OWN_DIMENSIONS
        data = {
            "bias": bias, "threshold": threshold, "weights": weights,
            "dense": dense or [0.0] * own, "low": threshold if low is None else low,
            "context": {
                "bias": 0.0, "threshold": 0.5, "weights": {},
                "dense": [0.0] * person_model.CONTEXT_DIMENSIONS, **(context or {}),
            },
        }
        path.write_text(json.dumps(data))
        monkeypatch.setattr(person_model, "MODEL_PATH", path)
        person_model._model.cache_clear()

    yield write
    person_model._model.cache_clear()


def _cand(text, word, pattern, score):
    start = text.index(word)
    return Candidate("PERSON", start, start + len(word), score, pattern, "X", value=word)


def test_shipped_model_loads_and_names_its_training_data():
    data = json.loads(person_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert "wiki_ner" in data["about"] and "held out" in data["about"]
    assert 0.3 <= data["threshold"] < 1.0 and len(data["weights"]) > 1000


def test_prose_name_is_raised_or_lowered_by_the_model(model_file):
    text = "ローウェットは代理人と会った。"
    model_file({"a1=は": 3.0})
    cand = _cand(text, "ローウェット", "given name alone", Ladder.SHAPE_ALONE)
    person_model.rescore(text, [cand])
    assert (cand.score, cand.rung) == (Ladder.LOW_CONTEXT, "LOW_CONTEXT")
    model_file({"a1=は": -3.0})  # planted: the same word now below the threshold
    cand = _cand(text, "ローウェット", "foreign name in prose", Ladder.LOW_CONTEXT)
    person_model.rescore(text, [cand])
    assert (cand.score, cand.rung) == (Ladder.CHECKED_ALONE, "CHECKED_ALONE")
    assert cand.notes[-1].startswith("name model p=")


def test_full_name_keeps_formatted_and_cued_names_are_never_touched(model_file):
    text = "山田太郎様と山田花子は来た。"
    model_file({}, bias=5.0)
    full = _cand(text, "山田花子", "full name", Ladder.FORMATTED)
    cued = _cand(text, "山田太郎", "full name with cue", Ladder.DISTINCT_FORMAT)
    person_model.rescore(text, [full, cued])
    assert full.score == Ladder.FORMATTED
    model_file({}, bias=-5.0)
    person_model.rescore(text, [full, cued])
    assert full.score == Ladder.CHECKED_ALONE and cued.score == Ladder.DISTINCT_FORMAT


def test_engine_uses_the_shipped_model():
    """A foreign full name in prose stays reported; an era's name in katakana parts, which
    the rules alone reported at 0.6, is kept below the threshold by the model."""
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    found = engine.analyze("リーヴァイ・ストラウスは衣類の事業を始めた。")
    assert [(f.text, f.score) for f in found] == [("リーヴァイ・ストラウス", Ladder.FORMATTED)]
    below = engine.analyze("ベル・エポックの時代に流行した。", min_score=0.0)
    assert [(f.text, f.score) for f in below] == [("ベル・エポック", Ladder.CHECKED_ALONE)]
    assert below[0].explanation.notes[-1].startswith("name model p=")


def test_a_temple_or_a_shop_is_never_raised_by_the_model(model_file):
    text = "東大寺と山田花子の話。"
    model_file({}, bias=5.0)
    body = _cand(text, "東大寺", "surname in prose", Ladder.LOW_CONTEXT)
    name = _cand(text, "山田花子", "full name", Ladder.FORMATTED)
    person_model.rescore(text, [body, name])
    assert (body.score, name.score) == (Ladder.CHECKED_ALONE, Ladder.FORMATTED)
    assert person_model.names_a_body("白木屋") and not person_model.names_a_body("山田")
    assert not person_model.names_a_body("アリス寺")  # katakana: not a kanji word



def test_second_stage_decides_only_inside_the_uncertain_band(model_file):
    """Planted: the first stage alone gives p=0.5, inside the band [0.3, 0.9); the second
    stage's weight on the word after (`R1=は`) then decides. Outside the band the second
    stage is never asked."""
    text = "ローウェットは代理人と会った。"

    def decide(bias, context_weight):
        second = {"bias": 0.0, "threshold": 0.5, "weights": {"R1=は": context_weight}}
        model_file({}, threshold=0.9, bias=bias, low=0.3, context=second)
        cand = _cand(text, "ローウェット", "katakana word in prose", Ladder.SHAPE_ALONE)
        person_model.rescore(text, [cand])
        return cand.score

    assert decide(0.0, 3.0) == Ladder.LOW_CONTEXT
    assert decide(0.0, -3.0) == Ladder.SHAPE_ALONE
    assert decide(5.0, -30.0) == Ladder.LOW_CONTEXT  # p=0.99: the first stage decides
    assert decide(-5.0, 30.0) == Ladder.SHAPE_ALONE  # p=0.01: below the band


def test_context_features_hold_the_entries_and_the_words_around():
    text = "1946年、ロベールは香水部門を立ち上げた。"
    feats, _ = person_model.context_features(text, 6, 10)
    assert feats[:4] == [
        "ent=名詞-固有名詞-人名-一般", "pent=名詞-固有名詞-人名-一般", "units=1",
        "unit=名詞-固有名詞-人名-一般",
    ]
    assert {"L1=、", "R1=は", "R2=香水", "Rw=香水", "Rw=部門", "Rw=立ち上げる"} <= set(feats)
    assert not any(f.startswith("Lw=") for f in feats)  # 1946 is a number, 年 its counter


def test_word_vectors_raise_a_name_that_lies_near_them(model_file):
    """Planted: the first stage's only weights are chiVe's vector of ジョン (bias -1), so a
    word whose vector points the same way is raised and, with the weights negated,
    lowered; a word chiVe does not know gets nothing from them."""
    from recognizers.word_vectors import word_vectors

    vectors = word_vectors()
    john = vectors.unit[vectors.row("ジョン")].tolist()
    pad = [0.0] * (person_model.OWN_DIMENSIONS - len(john))

    def score(word, sign):
        model_file({}, bias=-1.0, dense=[sign * 20.0 * x for x in john] + pad)
        text = f"{word}は代理人と会った。"
        cand = _cand(text, word, "foreign name alone", Ladder.SHAPE_ALONE)
        person_model.rescore(text, [cand])
        return cand.score

    assert score("ポール", 1) == Ladder.LOW_CONTEXT
    assert score("ポール", -1) == Ladder.SHAPE_ALONE
    assert vectors.row("ローウェットン") == -1
    assert score("ローウェットン", 1) == Ladder.SHAPE_ALONE


def test_vectors_of_the_name_and_of_the_words_around():
    from recognizers.word_vectors import word_vectors

    vectors = word_vectors()
    text = "1946年、ジョン・レノンは香水部門を立ち上げた。"
    own = person_model.own_vector("ジョン・レノン")
    assert own.shape == (person_model.OWN_DIMENSIONS,)
    assert own[300] == 0.0  # the whole name is no chiVe word
    assert own[301:] == pytest.approx(vectors.mean(["ジョン", "レノン"]), abs=1e-6)
    _, dense = person_model.context_features(text, 6, 13)
    assert dense.shape == (person_model.CONTEXT_DIMENSIONS,)
    assert dense[-300:] == pytest.approx(vectors.mean(["香水", "部門", "立ち上げ"]), abs=1e-6)
    assert not dense[601:901].any()  # before it only a number and its counter


def test_a_surname_follows_its_full_name_as_the_model_decided_it(model_file):
    """The surname of a full name, where it recurs alone, is that person: reported when the
    model keeps the full name, left below when the model drops it (the surname is decided
    after the model, never by it)."""
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    text = "新開元麿が入社した。新開は営業部に配属された。"
    model_file({}, bias=5.0)
    assert [(f.text, f.score) for f in engine.analyze(text)] == [
        ("新開元麿", Ladder.FORMATTED), ("新開", Ladder.LOW_CONTEXT),
    ]
    # Planted: a model that would drop the surname alone no longer decides it.
    model_file({"pat=surname of a full name": -20.0}, bias=5.0)
    assert [f.text for f in engine.analyze(text)] == ["新開元麿", "新開"]
    model_file({}, bias=-5.0)
    assert engine.analyze(text) == []
