"""Names of the name dataset in the forms business text writes them in.

Three sets, from japanese-personal-name-dataset:
- every surname of two or three kanji (1,924), in `SURNAME_FORMS` (`先日は{s}様に…`,
  `{s}部長が来社した。` …): found with its exact span;
- 1,000 full names (a surname and a given name of one to three kanji, drawn seeded), in
  `FULL_FORMS` (`担当：{s}{g}`, `{s}{g}（営業部）` …): a finding covers the whole name;
- 1,000 given names alone, in `GIVEN_FORMS` (`{g}さんに…`);
- 1,000 readings of full names (the dataset's readings of a surname and a given name,
  drawn seeded), in `READING_FORMS`: hiragana (`ふりがな：{s} {g}`, `{s} {g}様`) and
  katakana (`フリガナ：{S} {G}`, `口座名義：{S}{G}`, a bank transfer's holder).

And 1,000 Chinese names of three hanzi from Faker's zh_CN and zh_TW providers, as
mainland and Taiwanese customers write them (张伟, 黃淑芬), in `HAN_FORMS` (`{s}様`,
`担当：{s}` …): before December 7, 0.48 (zh_CN) and 0.83 (zh_TW) with 様; and 1,000
Korean names in Hangul from Faker's ko_KR provider, in `HANGUL_FORMS` (`{s}様`, `お名前：
{s}` …): none found before December 7 (the rules take ko_KR's surname list, so this
measures the cue and the span, not the lexicon).

Every form is guarded by `tests/person/test_name_forms.py`, `PROSE_FORMS` too (no
cue: the name model decides; recall 0.911 before a whole kanji word the dataset knows
as a full name became a candidate, 0.997 after). Prints recall per form; the names
missed only with `--show-values` (they are public dataset entries).

`.venv/bin/python benchmarks/name_forms.py [--show-values]`
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.engine import Engine, EngineConfig  # noqa: E402

SURNAME_FORMS = (
    "先日は{s}様にお越しいただき",
    "{s}さんに確認してください。",
    "{s}部長が来社した。",
    "{s}課長からの依頼です。",
    "本件は{s}氏が担当する。",
    "{s}殿\n",
    "担当者：{s}\n",
    "{s}家の墓所は寺の北側にある。",
)
FULL_FORMS = (
    "{s}{g}様",
    "{s} {g}さんから電話がありました。",
    "担当：{s}{g}\n",
    "{s}{g}部長が来社した。",
    "差出人: {s} {g}\n",
    "CC: {s}{g}（営業部）",
    "お客様 {s}{g} 様",
    "{s}{g}氏は",
)
GIVEN_FORMS = ("{g}さんに確認してください。",)
READING_FORMS = (
    "ふりがな：{s} {g}\n",
    "フリガナ：{s} {g}\n",
    "{s} {g}様\nいつもお世話になっております。",
    "フリガナ：{S} {G}\n",
    "{S} {G} 様",
    "口座名義：{S}{G}\n",
)
PROSE_FORMS = ("昨日、{s}{g}が入社した。",)
# Chinese names as Chinese and Taiwanese customers write them (简体字, 繁體字), with a cue.
HAN_FORMS = ("{s}様", "{s}さんから連絡がありました。", "担当：{s}\n", "{s}氏は来日した。")
# Korean names in Hangul as Korean customers fill in Japanese forms.
HANGUL_FORMS = ("{s}様", "お名前：{s}\n", "担当：{s}\n", "{s} 様からお問い合わせがありました。")
DRAWN = 1000


def surnames() -> list[str]:
    """Every surname of two or three kanji in the dataset."""
    return sorted(k for k in _last() if 2 <= len(k) <= 3)


def full_names(n: int = DRAWN, seed: int = 15) -> list[tuple[str, str]]:
    """`n` (surname, given name) pairs, each of one to three kanji, drawn seeded."""
    rng = random.Random(seed)
    family = sorted(k for k in _last() if 1 <= len(k) <= 3)
    given = _given()
    return [(rng.choice(family), rng.choice(given)) for _ in range(n)]


def given_names(n: int = DRAWN, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    return rng.sample(_given(), n)


def readings(n: int = DRAWN, seed: int = 15) -> list[tuple[str, str]]:
    """`n` (surname, given name) readings in hiragana, drawn seeded."""
    from japanese_personal_name_dataset import load_dataset

    rng = random.Random(seed)
    men, women, last = load_dataset("org", include_last_names=True)
    family = sorted({e["reading"] for e in last.values()})
    given = sorted({r for d in (men, women) for r in d})
    return [(rng.choice(family), rng.choice(given)) for _ in range(n)]


def chinese_names(n: int = DRAWN, seed: int = 15) -> list[str]:
    """`n` names of three hanzi from Faker's zh_CN and zh_TW person providers (half each),
    drawn seeded."""
    out: list[str] = []
    for locale in ("zh_CN", "zh_TW"):
        out += _faker_names(locale, n // 2, seed, lambda ch: "\u4e00" <= ch <= "\u9fff", 3)
    return out


def korean_names(n: int = DRAWN, seed: int = 15) -> list[str]:
    """`n` names in Hangul from Faker's ko_KR person provider, drawn seeded."""
    return _faker_names("ko_KR", n, seed, lambda ch: "가" <= ch <= "힣", 0)


def _faker_names(locale: str, n: int, seed: int, script, length: int) -> list[str]:
    """`n` names Faker's `locale` draws (seeded) wholly in `script`, of `length` if given."""
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    drawn: list[str] = []
    while len(drawn) < n:
        name = fake.name()
        if (not length or len(name) == length) and all(map(script, name)):
            drawn.append(name)
    return drawn


def _katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)


def _last() -> dict:
    from japanese_personal_name_dataset import load_dataset

    *_, last = load_dataset("org", include_last_names=True)
    return last


def _given() -> list[str]:
    from japanese_personal_name_dataset import load_dataset

    men, women, _ = load_dataset("org", include_last_names=True)
    kanji = {k for d in (men, women) for e in d.values() for k in e["kanji"][:1]}
    return sorted(k for k in kanji if 1 <= len(k) <= 3)


def missed(engine: Engine, form: str, values: list, *, exact: bool = True) -> list[str]:
    """The names (as written in the form) not found: with `exact`, no PERSON finding has
    the name's span; otherwise none covers it whole."""
    out = []
    for value in values:
        s, g = value if isinstance(value, tuple) else (value, value)
        fields = {"s": s, "g": g, "S": _katakana(s), "G": _katakana(g)}
        text = form.format(**fields)
        name = form[form.index("{") : form.rindex("}") + 1].format(**fields)
        at = text.index(name)
        spans = [(f.start, f.end) for f in engine.analyze(text) if f.entity_type == "PERSON"]
        if exact:
            ok = (at, at + len(name)) in spans
        else:
            ok = any(a <= at and b >= at + len(name) for a, b in spans)
        if not ok:
            out.append(name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-values", action="store_true")
    args = parser.parse_args(argv)
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    sets = (
        ("surname", SURNAME_FORMS, surnames(), True),
        ("full name", FULL_FORMS + PROSE_FORMS, full_names(), False),
        ("given name", GIVEN_FORMS, given_names(), True),
        ("reading", READING_FORMS, readings(), False),
        ("Chinese name", HAN_FORMS, chinese_names(), False),
        ("Korean name", HANGUL_FORMS, korean_names(), False),
    )
    for what, forms, values, exact in sets:
        print(f"{what}s: {len(values)}")
        for form in forms:
            miss = missed(engine, form, values, exact=exact)
            line = f"  {form!r:36} recall {1 - len(miss) / len(values):.4f}  missed {len(miss)}"
            print(line + (f"  {' '.join(miss)}" if args.show_values and miss else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
