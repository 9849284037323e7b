"""If this leaked, what must be reported (漏えい等報告, APPI Art. 26, rules Art. 7).

A report to the Personal Information Protection Commission and notice to the persons
are required when the data includes 要配慮個人情報, data whose misuse may cause
financial damage (card numbers, bank accounts), or concerns more than 1,000 persons;
and whenever the leak may have been done with a wrongful purpose (unauthorised
access, theft), whatever the data. For 特定個人情報 the My Number Act's rules add a
trigger at more than 100 persons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scanner.ledger.holdings import TABLE, Holding
from scanner.ledger.persons import PersonEstimate, estimate

FINANCIAL = ("CREDIT_CARD", "JP_BANK_ACCOUNT")
PERSONS_LIMIT, MY_NUMBER_LIMIT = 1000, 100


@dataclass(frozen=True, slots=True)
class Impact:
    persons: PersonEstimate
    my_numbers: int
    sensitive: bool
    financial: bool

    @property
    def over_persons(self) -> bool:
        return self.persons.count > PERSONS_LIMIT

    @property
    def over_my_numbers(self) -> bool:
        return self.my_numbers > MY_NUMBER_LIMIT

    @property
    def reportable(self) -> bool:
        """A report is due from the data alone (the wrongful-purpose trigger aside)."""
        return self.sensitive or self.financial or self.over_persons or self.over_my_numbers

    def triggers(self, lang) -> list[str]:
        out = []
        if self.sensitive:
            out.append(lang.t("ledger.includes_sensitive_personal_information"))
        if self.financial:
            out.append(lang.t("ledger.may_cause_financial_damage"))
        if self.over_persons:
            out.append(lang.t("ledger.more_than_persons", persons_limit=PERSONS_LIMIT))
        if self.over_my_numbers:
            out.append(lang.t("ledger.my_numbers_more_than", my_number_limit=MY_NUMBER_LIMIT))
        return out


def assess(holdings: Sequence[Holding]) -> Impact:
    """The flags for a leak of all the given holdings together.

    Files: distinct fingerprints over all of them. Tables: each table's estimate
    (tables keep only samples), added to the files' count."""
    files = [h for h in holdings if h.kind != TABLE]
    tables = [h for h in holdings if h.kind == TABLE]
    union: dict[str, set[str]] = {}
    for h in files:
        for t, fps in h.fingerprints.items():
            union.setdefault(t, set()).update(fps)
    persons = estimate({t: len(s) for t, s in union.items()})
    my_numbers = len(union.get("JP_MY_NUMBER", ()))
    my_numbers += sum(h.distinct.get("JP_MY_NUMBER", 0) for h in tables)
    if tables:
        count = persons.count + sum(h.persons.count for h in tables)
        basis = persons.basis or next((h.persons.basis for h in tables if h.persons.basis), None)
        persons = PersonEstimate(count, basis, any(h.persons.sampled for h in tables))
    items = {t for h in holdings for t in h.items}
    return Impact(persons, my_numbers, any(h.sensitive for h in holdings),
                  any(t in items for t in FINANCIAL))

