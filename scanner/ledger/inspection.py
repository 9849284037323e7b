"""The facts of the self-inspection report (定期的な自己点検): totals, holdings by
category, violations, breach flags, the trend over the last scans, coverage and the
settings used. Only places, types, counts and masked text: never a value."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, and_, func, or_, select

from scanner.inventory.coverage import read_whole
from scanner.inventory.db_schema import db_tables
from scanner.inventory.problems import problem_assets
from scanner.inventory.schema import SCAN_COMPLETE, assets, findings, fingerprints, scans
from scanner.ledger.build import Ledger
from scanner.ledger.policy import Policy

TREND_SCANS = 12


@dataclass(frozen=True, slots=True)
class TrendPoint:
    scan_id: int
    at: str
    values: int  # distinct values present after the scan
    new_values: int
    files: int  # paths walked
    problems: int  # skipped + errors


@dataclass
class Inspection:
    totals: dict[str, int]
    categories: list[dict] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    table_errors: list[dict] = field(default_factory=list)
    scans: list[dict] = field(default_factory=list)  # the last scan of each kind
    partial_tables: list[dict] = field(default_factory=list)  # read in part (a sample)


def inspect(engine: Engine, ledger: Ledger, policy: Policy) -> Inspection:
    a = assets.c
    with engine.connect() as conn:
        present = conn.execute(select(func.count()).where(a.gone_scan.is_(None),
                                                          a.parent_id.is_(None))).scalar_one()
        tables = conn.execute(select(func.count()).select_from(db_tables)).scalar_one()
        values = conn.execute(select(func.count()).select_from(fingerprints)).scalar_one()
        errors = [{"location": f"{r.target}#{r.schema_name}.{r.table_name}", "note": r.error}
                  for r in conn.execute(select(db_tables).where(db_tables.c.status != "ok"))]
        partial = [{"location": f"{r.target}#{r.schema_name}.{r.table_name}",
                    "sampled": r.sampled_rows, "rows": r.row_count}
                   for r in conn.execute(select(db_tables).where(db_tables.c.status == "ok"))
                   if not read_whole(r.status, r.row_count, r.row_count_exact, r.sampled_rows,
                                     r.method)]
    problems = [{"path": p.path, "status": p.status, "note": p.note or ""}
                for p in problem_assets(engine)]
    totals = {
        "holdings": len(ledger.holdings),
        "unregistered": sum(h.category is None for h in ledger.holdings),
        "persons": sum(h.persons.count for h in ledger.holdings),
        "violations": len(ledger.violations),
        "reportable": sum(i.reportable for i in ledger.impacts.values()),
        "files": int(present), "tables": int(tables), "values": int(values),
        "problems": len(problems) + len(errors), "partial_tables": len(partial),
    }
    return Inspection(totals, _categories(ledger, policy), trend(engine), problems, errors,
                      _last_scans(engine), partial)


def _categories(ledger: Ledger, policy: Policy) -> list[dict]:
    by_cat = Counter(v.category_id for v in ledger.violations)
    out = []
    for c in (*policy.categories, None):
        mine = [h for h in ledger.holdings if h.category is c]
        if c is None and not mine:
            continue
        items = sorted({t for h in mine for t in h.items})
        out.append({"category": c, "holdings": len(mine),
                    "persons": sum(h.persons.count for h in mine), "items": items,
                    "violations": by_cat[c.id if c else "unregistered"]})
    return out


def trend(engine: Engine, limit: int = TREND_SCANS) -> list[TrendPoint]:
    """The last complete file scans, oldest first, with the distinct values held by the
    files present at each (files added and deleted show; findings are those of each
    file's last read content)."""
    s, a, f = scans.c, assets.c, findings.c
    with engine.connect() as conn:
        rows = conn.execute(select(s.id, s.started_at, s.counts)
                            .where(s.kind == "files", s.status == SCAN_COMPLETE)
                            .order_by(s.id.desc()).limit(limit)).all()
        out = []
        for r in reversed(rows):
            present = and_(a.first_seen_scan <= r.id,
                           or_(a.gone_scan.is_(None), a.gone_scan > r.id))
            held = conn.execute(select(func.count(func.distinct(f.fingerprint)))
                                .join(assets, a.id == f.asset_id).where(present)).scalar_one()
            counts = r.counts or {}
            out.append(TrendPoint(r.id, r.started_at, int(held),
                                  int(counts.get("new_fingerprints", 0)),
                                  int(counts.get("paths", 0)),
                                  int(counts.get("skipped", 0)) + int(counts.get("errors", 0))))
    return out


def _last_scans(engine: Engine) -> list[dict]:
    s = scans.c
    with engine.connect() as conn:
        last = select(s.kind, func.max(s.id).label("id")).where(
            s.status == SCAN_COMPLETE).group_by(s.kind).subquery()
        rows = conn.execute(select(scans).join(last, last.c.id == s.id).order_by(s.kind)).all()
    return [{"kind": r.kind, "id": r.id, "at": r.started_at, "targets": list(r.targets or []),
             "settings": dict(r.settings or {})} for r in rows]
