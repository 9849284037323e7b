"""The ledger: holdings with their readers, violations and breach-report flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from scanner.i18n import fill
from scanner.ledger.access import file_access, table_access
from scanner.ledger.holdings import TABLE, Holding, file_holdings, table_holdings
from scanner.ledger.impact import Impact, assess
from scanner.ledger.policy import Policy
from scanner.ledger.violations import Violation, find_violations


@dataclass
class Ledger:
    holdings: list[Holding]
    violations: list[Violation]
    impacts: dict[str, Impact]  # holding id -> breach-report flags
    notes: list[tuple[str, str]] = field(default_factory=list)  # (ja, en) warnings


def build_ledger(engine: Engine, policy: Policy, db_urls: Sequence[str] = (),
                 now_ns: int | None = None) -> Ledger:
    """Holdings of the inventory against the policy. `db_urls` (with passwords) are
    used to read grants of the scanned databases whose stored target they match."""
    holdings = file_holdings(engine, policy) + table_holdings(engine, policy)
    order = {c.id: i for i, c in enumerate(policy.categories)}
    holdings.sort(key=lambda h: (order.get(h.category_id, len(order)), h.location))
    notes: list[tuple[str, str]] = []
    _not_examined(engine, notes)
    _read_access(holdings, db_urls, notes)
    violations = find_violations(holdings, now_ns)
    impacts = {h.id: assess([h]) for h in holdings}
    return Ledger(holdings, violations, impacts, notes)


def _not_examined(engine: Engine, notes: list[tuple[str, str]]) -> None:
    """Files not read and tables read in part: a violation there cannot be seen."""
    from scanner.inventory.coverage import coverage

    cover = coverage(engine)
    ja, en = [], []
    if cover.unread_files:
        ja.append(f"読めなかったファイル {cover.unread_files} 件（mamoru inventory --problems）")
        en.append(fill("{n:# file|# files} that could not be read (mamoru inventory --problems)",
                       n=cover.unread_files))
    if cover.partial_tables:
        ja.append(f"一部の行だけ読んだ表 {cover.partial_tables} 件（mamoru scan-db --full）")
        en.append(fill("{n:# table|# tables} read only in part (mamoru scan-db --full)",
                       n=cover.partial_tables))
    if ja:
        notes.append(("点検できていません。違反がそこにあるかもしれません: " + "、".join(ja),
                      "not examined, a violation may be there: " + ", ".join(en)))


def _read_access(holdings: list[Holding], db_urls: Sequence[str],
                 notes: list[tuple[str, str]]) -> None:
    from scanner.dbscan.redact import safe_url, scrub

    given = {}
    for url in db_urls:
        try:
            given[safe_url(url)] = url
        except ArgumentError:
            notes.append((f"--db の URL を解釈できません: {scrub(url, url)}",
                          f"cannot parse a --db URL: {scrub(url, url)}"))
    engines: dict[str, Engine | None] = {}
    for h in holdings:
        if h.kind != TABLE:
            h.access = file_access(h.files)
            continue
        if h.target not in engines:
            engines[h.target] = _connect(h.target, given.get(h.target), notes)
        db = engines[h.target]
        if db is None:
            continue
        try:
            h.access = table_access(db, h.schema, h.table)
        except SQLAlchemyError as exc:
            reason = scrub(str(exc.orig or exc).splitlines()[0], given.get(h.target, h.target))
            notes.append((f"権限を読めません: {h.location}: {reason}",
                           f"cannot read grants of {h.location}: {reason}"))
    for db in engines.values():
        if db is not None:
            db.dispose()


def _connect(target: str, url: str | None, notes: list[tuple[str, str]]) -> Engine | None:
    """An engine for a stored target: the matching --db URL, or the target itself when
    it has no hidden password."""
    from scanner.dbscan.redact import MASK
    from scanner.dbscan.session import open_database

    if url is None:
        if make_url(target).password == MASK:
            notes.append((f"パスワードが要るため権限を確認できません（--db で指定）: {target}",
                          f"grants not checked, a password is needed (give --db): {target}"))
            return None
        url = target
    return open_database(make_url(url), 30.0)
