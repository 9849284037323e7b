"""Every surname of the name dataset in the forms business text writes it with a cue.

For each form (`先日は{s}様にお越しいただき`, `{s}部長が来社した。` ...) and each surname of
two or three kanji in japanese-personal-name-dataset, the surname must be found exactly
(a PERSON finding with its span). Prints recall per form and the number missed; the
surnames themselves only with `--show-values` (they are public dataset entries).

`.venv/bin/python benchmarks/surname_forms.py [--show-values]`
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.engine import Engine, EngineConfig  # noqa: E402

FORMS = (
    "先日は{s}様にお越しいただき",
    "{s}さんに確認してください。",
    "{s}部長が来社した。",
    "{s}課長からの依頼です。",
    "本件は{s}氏が担当する。",
    "{s}殿\n",
    "担当者：{s}\n",
    "{s}家の墓所は寺の北側にある。",
)


def surnames() -> list[str]:
    from japanese_personal_name_dataset import load_dataset

    *_, last = load_dataset("org", include_last_names=True)
    return sorted(k for k in last if 2 <= len(k) <= 3)


def missed(engine: Engine, form: str, values: list[str]) -> list[str]:
    """The surnames not found exactly in `form`."""
    out = []
    for s in values:
        text = form.format(s=s)
        at = text.index(s)
        spans = {(f.start, f.end) for f in engine.analyze(text) if f.entity_type == "PERSON"}
        if (at, at + len(s)) not in spans:
            out.append(s)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-values", action="store_true")
    args = parser.parse_args(argv)
    engine = Engine(EngineConfig(entities=frozenset({"PERSON"})))
    values = surnames()
    print(f"{len(values)} surnames")
    for form in FORMS:
        miss = missed(engine, form, values)
        line = f"{form!r:40} recall {1 - len(miss) / len(values):.4f}  missed {len(miss)}"
        print(line + (f"  {' '.join(miss)}" if args.show_values and miss else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
