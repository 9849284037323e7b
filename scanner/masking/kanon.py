"""k-anonymity on chosen quasi-identifiers: rare values generalized, classes counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.i18n import Lang


@dataclass(frozen=True, slots=True)
class KReport:
    where: str
    quasi: tuple[str, ...]
    k: int
    records: int
    classes: int  # equivalence classes (distinct quasi-identifier combinations)
    smallest: int  # size of the smallest class: the data set is `smallest`-anonymous
    below_k: int  # records in classes smaller than k

    def describe(self, lang: Lang) -> str:
        return lang.t("mask.k_report", where=self.where, cols=",".join(self.quasi),
                      smallest=self.smallest, k=self.k, below_k=self.below_k,
                      records=self.records, classes=self.classes)


def k_report(where: str, quasi: tuple[str, ...], rows: Iterable[tuple], k: int) -> KReport:
    """Class sizes of the quasi-identifier combinations in `rows` (tuples of their values)."""
    return k_report_from_sizes(where, quasi, Counter(rows).values(), k)


def k_report_from_sizes(
    where: str, quasi: tuple[str, ...], sizes: Iterable[int], k: int
) -> KReport:
    """The report from the size of each class (e.g. a SQL GROUP BY count)."""
    sizes = list(sizes)
    return KReport(
        where, quasi, k, sum(sizes), len(sizes), min(sizes, default=0),
        sum(n for n in sizes if n < k),
    )


def rare_values(values: Iterable[str | None], k: int) -> set[str]:
    """Values that occur fewer than k times: generalized to `*` under the anonymized profile."""
    counts = Counter(v for v in values if v is not None)
    return {v for v, n in counts.items() if n < k}
