"""Characters per second of the PERSON and JP_ADDRESS recognizers on business text.

usage: python benchmarks/names_speed.py [--chars N] [--engine] [--thorough]

The text is generated (seeded) from business templates: e-mails and minutes in
Japanese, CSV exports with names, addresses and phone numbers, and application logs.
CPU time (`time.process_time`) is reported, so other processes on the machine do not
distort the figure; `--engine` also times the whole engine with every recognizer.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EMAIL = (
    "{last}様\n\nいつもお世話になっております。株式会社サンプルの{staff}です。\n"
    "先日はお打ち合わせのお時間をいただき、誠にありがとうございました。\n"
    "ご依頼の見積書を添付いたしますので、ご確認のほどよろしくお願いいたします。\n"
    "納期につきましては、来月末を予定しております。ご不明な点がございましたら、"
    "担当の{staff}までお気軽にお問い合わせください。\n\n"
    "引き続きどうぞよろしくお願いいたします。\n\n{staff_full}\n"
    "〒{code} {address}\nTEL {phone}\n\n"
)
MINUTES = (
    "議事録 第{n}回 定例会議\n出席者：{full1}、{full2}、{staff}課長\n"
    "1. 前回の課題の進捗確認を行った。システム移行は予定どおり進んでいる。\n"
    "2. 新規顧客向けの提案書について議論した。価格は前年と同水準とする。\n"
    "3. 次回は{month}月{day}日に開催する。場所は本社3階の会議室。\n\n"
)
CSV_ROW = "{n},{full},{kana},{address},{phone},{email}\n"
LOG = (
    "2026-11-{day:02d}T10:{minute:02d}:11Z INFO request_id={n} path=/api/v1/orders "
    "status=200 latency_ms={latency} user_agent=Mozilla/5.0\n"
)


def business_text(chars: int, seed: int = 7) -> str:
    """About `chars` characters of mixed business text."""
    from faker import Faker

    rng = random.Random(seed)
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    parts: list[str] = []
    size = 0
    n = 0
    while size < chars:
        n += 1
        last, _, _ = fake.last_name_pair()
        first = fake.first_name()
        fields = {
            "n": n,
            "last": last,
            "staff": fake.last_name(),
            "staff_full": fake.name(),
            "full": f"{last} {first}",
            "full1": fake.name().replace(" ", ""),
            "full2": fake.name().replace(" ", ""),
            "kana": fake.kana_name(),
            "code": fake.postcode(),
            "address": fake.address(),
            "phone": fake.phone_number(),
            "email": fake.email(),
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "minute": rng.randint(0, 59),
            "latency": rng.randint(3, 900),
        }
        template = rng.choice((EMAIL, MINUTES, CSV_ROW, CSV_ROW, LOG, LOG, LOG))
        piece = template.format(**fields)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)


def own_recognizers(thorough: bool) -> tuple:
    """The name and address recognizers, for an engine whose registry lacks them."""
    from recognizers.address import AddressRecognizer
    from recognizers.person import PersonRecognizer

    refiner = None
    if thorough:
        from recognizers.ginza_refiner import GinzaRefiner

        refiner = GinzaRefiner()
    return (PersonRecognizer(thorough=thorough, refiner=refiner), AddressRecognizer())


def cpu_rate(run, text: str, repeat: int = 3) -> float:
    """Best characters per CPU second over `repeat` runs (after one warm-up)."""
    run(text)
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run(text)
        best = min(best, time.process_time() - started)
    return len(text) / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--engine", action="store_true", help="also time the whole engine")
    parser.add_argument("--thorough", action="store_true", help="also time thorough mode")
    args = parser.parse_args()

    from recognizers.address import AddressRecognizer
    from recognizers.person import PersonRecognizer
    from scanner.document import Document
    from scanner.normalize import normalize

    text = business_text(args.chars)
    normalized = normalize(text).text
    for rec in (PersonRecognizer(), AddressRecognizer()):

        def run(t: str, rec=rec) -> None:
            list(rec.analyze(Document(t, {rec.entity: rec})))

        print(f"{rec.name:20} {cpu_rate(run, normalized):>12,.0f} chars/s (CPU, normalized text)")
    if args.engine or args.thorough:
        from scanner.engine import Engine, EngineConfig

        configs = [("engine", False)] if args.engine else []
        configs += [("engine --thorough", True)] if args.thorough else []
        for label, thorough in configs:
            engine = Engine(EngineConfig(thorough=thorough))
            if "PERSON" not in engine.recognizers:
                extra = own_recognizers(thorough)
                engine = Engine(EngineConfig(thorough=thorough, extra_recognizers=extra))
            sample = text if not thorough else text[:20_000]
            rate = cpu_rate(engine.analyze, sample, repeat=1 if thorough else 3)
            print(f"{label:20} {rate:>12,.0f} chars/s (CPU, all recognizers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
