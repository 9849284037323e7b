"""Assets by risk: 特定個人情報 (My Number) first, then by number of findings.

My Numbers may only be kept where the My Number Act allows (payroll, social insurance
files): a My Number outside the allowed places (`allow` globs) is a violation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from sqlalchemy import Engine, func, select

from recognizers.registry import ENTITY_TYPES, SPECIFIC_PERSONAL_INFORMATION
from scanner.inventory.schema import assets, findings

LOCATIONS_KEPT = 3
_RISK_ORDER = {entity: i for i, entity in enumerate(ENTITY_TYPES)}


@dataclass(frozen=True, slots=True)
class EntitySummary:
    entity_type: str
    count: int
    max_score: float
    distinct_values: int
    locations: tuple[dict, ...]  # the first few


@dataclass
class AssetRisk:
    path: str
    format: str | None
    encoding: str | None
    size: int | None
    last_seen_at: str
    entities: list[EntitySummary] = field(default_factory=list)
    shared_values: int = 0  # distinct values also found in other assets
    violation: bool = False

    @property
    def total(self) -> int:
        return sum(e.count for e in self.entities)

    @property
    def specific(self) -> bool:
        return any(e.entity_type in SPECIFIC_PERSONAL_INFORMATION for e in self.entities)


def assets_by_risk(engine: Engine, allow_my_number: list[str]) -> list[AssetRisk]:
    """Every present asset with findings, riskiest first."""
    a, f = assets.c, findings.c
    present = a.gone_scan.is_(None)
    with engine.connect() as conn:
        summary = conn.execute(
            select(f.asset_id, f.entity_type, func.count(), func.max(f.score),
                   func.count(func.distinct(f.fingerprint)))
            .join(assets, a.id == f.asset_id).where(present)
            .group_by(f.asset_id, f.entity_type)
        ).all()
        meta = {r.id: r for r in conn.execute(
            select(a.id, a.path, a.format, a.encoding, a.size, a.last_seen_at).where(
                present, a.id.in_(select(f.asset_id).distinct())))}
        detail = conn.execute(
            select(f.asset_id, f.entity_type, f.location, f.fingerprint)
            .join(assets, a.id == f.asset_id).where(present).order_by(f.id)
        ).all()
    locations: dict[tuple[int, str], list[dict]] = defaultdict(list)
    holders: dict[str, set[int]] = defaultdict(set)
    for asset_id, entity, location, fp in detail:
        kept = locations[(asset_id, entity)]
        if len(kept) < LOCATIONS_KEPT:
            kept.append(location)
        holders[fp].add(asset_id)
    shared: dict[int, int] = defaultdict(int)
    for ids in holders.values():
        if len(ids) > 1:
            for asset_id in ids:
                shared[asset_id] += 1
    by_asset: dict[int, AssetRisk] = {}
    for asset_id, entity, count, max_score, distinct in summary:
        m = meta[asset_id]
        risk = by_asset.setdefault(asset_id, AssetRisk(
            m.path, m.format, m.encoding, m.size, m.last_seen_at,
            shared_values=shared[asset_id]))
        risk.entities.append(EntitySummary(entity, int(count), float(max_score), int(distinct),
                                           tuple(locations[(asset_id, entity)])))
    out = [*by_asset.values(), *database_assets(engine)]
    for risk in out:
        risk.entities.sort(key=lambda e: (_RISK_ORDER.get(e.entity_type, 99), e.entity_type))
        risk.violation = risk.specific and not is_allowed(risk.path, allow_my_number)
    out.sort(key=lambda r: (not r.violation, not r.specific, -r.total, r.path))
    return out


def database_assets(engine: Engine) -> list[AssetRisk]:
    """Tables classified by `mamoru scan-db`, one asset per table: `URL#schema.table`."""
    from scanner.inventory.db_schema import db_columns, db_tables

    t, c = db_tables.c, db_columns.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.id, t.target, t.schema_name, t.table_name, t.kind, t.last_seen_at,
                   c.column_name, c.entity_type, c.matched, c.score, c.fingerprint_count)
            .join(db_columns, c.table_id == t.id)
            .order_by(t.id, c.column_name)
        ).all()
    by_table: dict[int, AssetRisk] = {}
    for r in rows:
        risk = by_table.setdefault(r.id, AssetRisk(
            f"{r.target}#{r.schema_name}.{r.table_name}", r.kind, None, None, r.last_seen_at))
        risk.entities.append(EntitySummary(
            r.entity_type, int(r.matched), float(r.score), int(r.fingerprint_count),
            ({"column": r.column_name},)))
    return list(by_table.values())


def is_allowed(path: str, allow: list[str]) -> bool:
    """Whether a path matches an allowed-place glob (`*` also crosses `/`)."""
    return any(fnmatchcase(path, pattern) for pattern in allow)
