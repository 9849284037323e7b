"""How many people a holding concerns: distinct name and identifier fingerprints.

A roster repeats people (several rows, several files); rows are not people. We count
distinct keyed fingerprints per type and take the largest count among names and the
identifiers a person has only one of (My Number, passport, licence, residence card,
pension and employment-insurance numbers, resident code, e-mail address). Only when
none of those is present do phone, card and bank-account numbers count (people often
have several), then addresses and dates of birth. Two people of the same name are one
name, so the name alone can count a little low; one person with two e-mail addresses
counts twice.

Database columns keep the fingerprints of a sample (at most 1,000 distinct per column):
the distinct share of the sample is scaled to the table's rows, and in a column of the
type by its name and values, to the values no recognizer proved
(`scanner.ledger.holdings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from recognizers.registry import label

TIERS: tuple[tuple[str, ...], ...] = (
    ("PERSON", "JP_MY_NUMBER", "JP_PASSPORT", "JP_RESIDENCE_CARD", "JP_DRIVERS_LICENSE",
     "JP_PENSION_NUMBER", "JP_EMPLOYMENT_INSURANCE", "JP_RESIDENT_CODE", "EMAIL_ADDRESS"),
    ("PHONE_NUMBER", "CREDIT_CARD", "JP_BANK_ACCOUNT"),
    ("JP_ADDRESS", "DATE_OF_BIRTH"),
)
# Identifiers strong enough to say "this is the same person's data" across holdings.
LINKING = frozenset(TIERS[0] + TIERS[1]) - {"PERSON"}


@dataclass(frozen=True, slots=True)
class PersonEstimate:
    count: int
    basis: str | None  # the entity type counted, None when nothing identifies anyone
    sampled: bool = False  # extrapolated from a database sample

    def method(self, lang) -> str:
        if self.basis is None:
            return lang.t("ledger.nothing_that_identifies_person")
        what = label(self.basis, lang.code)
        if self.sampled:
            return lang.t("ledger.distinct_values_sample_scaled", what=what)
        return lang.t("ledger.distinct_values_fingerprints", what=what)


def estimate(distinct: Mapping[str, int], sampled: bool = False) -> PersonEstimate:
    """The estimate from distinct counts per entity type."""
    for tier in TIERS:
        present = [(distinct[t], t) for t in tier if distinct.get(t)]
        if present:
            count, basis = max(present, key=lambda p: (p[0], -tier.index(p[1])))
            return PersonEstimate(int(count), basis, sampled)
    return PersonEstimate(0, None, sampled)


def scaled_distinct(distinct: int, matched: int, examined: int, sampled_rows: int,
                    row_count: int | None, capped: bool) -> int:
    """Distinct values of a column in the whole table, from its sample.

    Exact when the sample was the whole table and under the cap. Otherwise, with M the
    rows estimated to hold a value and q the share of them sampled, N persons each on
    M/N rows leave N(1 - (1-q)^(M/N)) distinct values in the sample: N is solved for
    the distinct count seen. At the cap the values are taken as all distinct (M, an
    upper estimate)."""
    rows = row_count if row_count is not None else sampled_rows
    if not capped and sampled_rows >= rows:
        return distinct
    if matched <= 0 or sampled_rows <= 0:
        return distinct
    held = rows * matched / sampled_rows  # M
    if capped:
        return max(distinct, round(held))
    q = min(1.0, sampled_rows / rows)
    if q >= 1.0 or distinct >= matched:
        return max(distinct, round(held * distinct / matched))
    low, high = float(distinct), held
    for _ in range(60):
        mid = (low + high) / 2
        if mid * (1 - (1 - q) ** (held / mid)) < distinct:
            low = mid
        else:
            high = mid
    return max(distinct, round(high))
