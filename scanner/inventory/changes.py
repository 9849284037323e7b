"""What changed between scans: new, changed and gone assets, and new fingerprints."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, and_, func, select

from scanner.inventory.schema import SCAN_COMPLETE, assets, changes, fingerprints, scans


@dataclass(frozen=True, slots=True)
class AssetChange:
    kind: str  # new | changed | gone
    path: str
    scan_id: int


def scan_changes(engine: Engine, first_scan: int, last_scan: int) -> dict[str, int]:
    """Counts of changes made by the scans numbered first_scan..last_scan."""
    a, fp = assets.c, fingerprints.c
    conditions = {
        "new_assets": (assets, a.first_seen_scan.between(first_scan, last_scan)),
        "changed_assets": (assets, and_(a.changed_scan.between(first_scan, last_scan),
                                        a.first_seen_scan < first_scan)),
        "gone_assets": (assets, a.gone_scan.between(first_scan, last_scan)),
        "new_fingerprints": (fingerprints, fp.first_scan.between(first_scan, last_scan)),
    }
    with engine.connect() as conn:
        return {
            name: int(conn.execute(select(func.count()).select_from(table).where(cond))
                      .scalar_one())
            for name, (table, cond) in conditions.items()
        }


def last_change_window(engine: Engine, kind: str = "files") -> tuple[int, int] | None:
    """Scans after the second-to-last complete scan, up to the last complete one.

    Interrupted scans in between count too, since the scan that completed them
    carried their work over. None when nothing was ever completed.
    """
    s = scans.c
    with engine.connect() as conn:
        done = [r.id for r in conn.execute(
            select(s.id).where(s.kind == kind, s.status == SCAN_COMPLETE)
            .order_by(s.id.desc()).limit(2))]
    if not done:
        return None
    return (done[1] + 1 if len(done) > 1 else 1), done[0]


def asset_changes(engine: Engine, first_scan: int, last_scan: int) -> list[AssetChange]:
    """Each new, changed and gone asset in the window, by path."""
    a = assets.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.path, a.first_seen_scan, a.changed_scan, a.gone_scan).where(
                a.first_seen_scan.between(first_scan, last_scan)
                | a.changed_scan.between(first_scan, last_scan)
                | a.gone_scan.between(first_scan, last_scan)
            ).order_by(a.path)
        ).all()
    out = []
    for r in rows:
        if r.gone_scan is not None and first_scan <= r.gone_scan <= last_scan:
            out.append(AssetChange("gone", r.path, r.gone_scan))
        elif first_scan <= r.first_seen_scan <= last_scan:
            out.append(AssetChange("new", r.path, r.first_seen_scan))
        else:
            out.append(AssetChange("changed", r.path, r.changed_scan))
    return out


def new_fingerprint_counts(engine: Engine, first_scan: int, last_scan: int) -> dict[str, int]:
    """New distinct values per entity type (by fingerprint; no value is stored)."""
    fp = fingerprints.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(fp.entity_type, func.count()).where(fp.first_scan.between(first_scan,
                                                                             last_scan))
            .group_by(fp.entity_type).order_by(fp.entity_type)
        ).all()
    return {r[0]: int(r[1]) for r in rows}


@dataclass(frozen=True, slots=True)
class Event:
    """A change recorded by a scan: in a file's types and values, or a database's tables,
    columns and verdicts (names, types and counts only)."""

    kind: str
    holding: str
    scan_id: int
    column: str | None
    entity_type: str | None
    count: int | None
    detail: str | None


def events(engine: Engine, first_scan: int, last_scan: int) -> list[Event]:
    c = changes.c
    with engine.connect() as conn:
        rows = conn.execute(select(c.kind, c.holding, c.scan_id, c.column_name, c.entity_type,
                                   c.count, c.detail)
                            .where(c.scan_id.between(first_scan, last_scan))
                            .order_by(c.holding, c.column_name, c.kind, c.id)).all()
    return [Event(*r) for r in rows]


def window_since(engine: Engine, since: str) -> tuple[int, int] | None:
    """Scans started at or after `since` (an ISO date or time, UTC)."""
    s = scans.c
    with engine.connect() as conn:
        first, last = conn.execute(select(func.min(s.id), func.max(s.id))
                                   .where(s.started_at >= since)).one()
    return None if first is None else (int(first), int(last))


def last_window(engine: Engine) -> tuple[int, int] | None:
    """The last complete scan of each kind (files, db) and the scans since the one before."""
    windows = [w for w in (last_change_window(engine, k) for k in ("files", "db")) if w]
    if not windows:
        return None
    return min(w[0] for w in windows), max(w[1] for w in windows)
