"""生年月日: western and era dates, reported only with a birth cue.

Other dates (制定日, 発行日, order dates) are not dates of birth: a non-birth date label
nearer than the birth cue cancels it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from recognizers.base import Context, Document, Ladder, Pattern, Recognizer

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
ERA_LAST_YEAR = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31, "令和": 99}
ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_BIRTH_AFTER = re.compile(r" ?(?:生まれ|生(?![産活徒命成地涯協])|\(?満? ?[0-9]{1,3}歳)")
_NUMBERS = re.compile(r"元|[0-9]+")
# A date label right before the value on its line (確認日：, 有効期限 ), birth or not.
_DATE_LABEL_BEFORE = re.compile(
    r"([^\s:：、。]{0,10}(?:日|期限|期日|期間|年月|時))[ ]?[:：]?[ ]?\Z"
)
# A date next to a range mark (2025/1/1〜2025/3/31, 4月1日から) is a period, and one before
# 以降 or 以前 a cut-off (1962年4月2日以降に生まれた方): neither is anybody's birthday.
_RANGE_AFTER = re.compile(r" ?(?:[〜～~]|から|まで|より|以[降前後来])")
_RANGE_BEFORE = re.compile(r"[〜～~] ?\Z")
_BIRTH_LABEL = re.compile(r"生|誕")
_MONTH_DAY = r" ?[0-9]{1,2} ?月 ?[0-9]{1,2} ?日"
# The title of a work in brackets: 「Happy Birthday」, 『誕生日の歌』.
_TITLE = re.compile(r"「[^「」\n]{1,40}」|『[^『』\n]{1,40}』|【[^【】\n]{1,40}】")
_NO_MORE_DIGITS = r"(?![0-9])(?!\.[0-9])"


class DateOfBirthRecognizer(Recognizer):
    """1985年4月12日, 1985/04/12, 昭和60年4月12日, 平成元年, S60.4.12 next to a birth cue."""

    entity = "DATE_OF_BIRTH"
    patterns = (
        Pattern("western_kanji", r"[12](?<![0-9].)[0-9]{3} ?年" + _MONTH_DAY),
        Pattern(
            "western_numeric",
            r"[12](?<![0-9].)[0-9]{3}([/.-])[0-9]{1,2}\1[0-9]{1,2}(?![0-9])(?!\.[0-9])",
        ),
        Pattern("era_kanji", r"(?:明治|大正|昭和|平成|令和) ?(?:元|[0-9]{1,2}) ?年" + _MONTH_DAY),
        Pattern(
            "era_letter",
            r"[MTSHR](?<![A-Za-z0-9].) ?[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{1,2}" + _NO_MORE_DIGITS,
        ),
    )
    context = ("生年月日", "誕生日", "生まれ", "出生", "birth", "dob", "birthday", "誕生")
    header_words = ("seinengappi", "birthday", "birth_date", "birthdate")
    anti_context = (
        "発行日", "交付日", "有効期限", "注文日", "入社日", "退社日", "退職日", "作成日",
        "更新日", "登録日", "申込日", "契約日", "制定", "施行", "受付日", "発送日", "請求日",
        "支払期限", "納期", "開催日", "締切", "期限", "改訂", "天皇誕生日", "祝日", "休日",
        "記念日", "創立", "設立",
        # a town, a company, a party or a station "is born" (誕生) on the day it is founded
        "合併", "発足", "開業", "開設", "開館", "開校", "開港", "開通", "開局", "成立", "分社",
        "結成", "創業", "編入", "竣工", "新設", "統合", "建国", "周年",
    )
    context_window = 50
    requires_context = True
    cues = ("生", "歳")
    validator_name = "calendar date"

    def validate(self, value: str) -> bool | None:
        return to_date(value) is not None

    def find_context(self, doc: Document, start: int, end: int) -> Context | None:
        text = doc.text
        if _RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(text, max(0, start - 2), start):
            return Context("part of a date range or a cut-off", other_label=True)
        if _BIRTH_AFTER.match(text, end):
            return Context("birth cue right after")
        line_start = text.rfind("\n", 0, start) + 1
        label = _DATE_LABEL_BEFORE.search(text, max(line_start, start - 16), start)
        if label and not _BIRTH_LABEL.search(label.group(1)):
            return Context(f"label '{label.group(1)}' names another date", other_label=True)
        context = super().find_context(doc, start, end)
        if context is None or context.other_label or doc.header_context(self.entity):
            return context
        column = doc.column_header(start)
        if column is not None and doc.header_names(column, self.entity):
            return context
        return None if self._cues_only_in_titles(text, start, end) else context

    def _cues_only_in_titles(self, text: str, start: int, end: int) -> bool:
        """Every birth word near the date stands in the title of a work (a release date
        near 「Happy Birthday」 or 『誕生日の歌』); a word quoted alone (「誕生日」) is a cue."""
        lo = max(0, start - self.context_window)
        window = text[lo : end + self.context_window].lower()
        hits = [(m.start(), m.end()) for rx in _word_regexes(self.context)
                for m in rx.finditer(window)]
        titles = [(m.start() + 1, m.end() - 1) for m in _TITLE.finditer(window)]
        return bool(hits) and all(
            any(a <= hs and he <= b and (a, b) != (hs, he) for a, b in titles)
            for hs, he in hits)

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if valid and context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        return Ladder.SHAPE_ALONE, "DATE_WITHOUT_BIRTH_CUE"


def to_date(value: str, today: dt.date | None = None) -> dt.date | None:
    """The calendar date a written date stands for, or None if there is no such past date."""
    era = next((e for e in ERAS if value.startswith(e)), None)
    if era is None and value[:1] in ERA_LETTERS:
        era = ERA_LETTERS[value[0]]
    nums = [1 if n == "元" else int(n) for n in _NUMBERS.findall(value)]
    if len(nums) != 3:
        return None
    year, month, day = nums
    if era is not None:
        if not 1 <= year <= ERA_LAST_YEAR[era]:
            return None
        year += ERAS[era] - 1
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if date > (today or dt.date.today()) or date.year < 1868:
        return None
    return date


@cache
def _word_regexes(words: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One regex per lower-cased word, compiled once."""
    return tuple(re.compile(re.escape(w.lower())) for w in words)
