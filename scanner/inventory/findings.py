"""Findings as report rows, from the files a scan read and from the inventory.

Rows are first gathered as `RawRow` tuples keyed by absolute paths, sorted into file
order, then turned into `ReportRow`s with the paths as the user named them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, func, select

from reports.model import ReportRow
from scanner.inventory.schema import MEMBER_SEP, assets, findings
from scanner.scanfiles.worker import FileResult

# (top file path, asset path, sequence, location, end location, type, score, preview,
#  fingerprint, why); the first three give the order.
RawRow = tuple[str, str, int, dict, dict, str, float, str, str, str]


def carried_over(engine: Engine, scan_id: int, min_score: float,
                 entities: tuple[str, ...] | None) -> list[RawRow]:
    """Findings of assets the scan saw but did not read (unchanged files, members)."""
    a, f = assets, findings
    parent = assets.alias("parent")
    top = func.coalesce(parent.c.path, a.c.path)
    query = (
        select(top, a.c.path, f.c.id, f.c.location, f.c.end_location, f.c.entity_type,
               f.c.score, f.c.preview, f.c.fingerprint, f.c.why)
        .select_from(f.join(a, f.c.asset_id == a.c.id)
                     .outerjoin(parent, a.c.parent_id == parent.c.id))
        .where(a.c.last_seen_scan == scan_id, a.c.changed_scan != scan_id,
               a.c.gone_scan.is_(None), f.c.score >= min_score)
    )
    if entities:
        query = query.where(f.c.entity_type.in_(entities))
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def rows_read(result: FileResult, min_score: float,
              entities: tuple[str, ...] | None) -> list[RawRow]:
    """Findings of a file just read, without a trip to the database."""
    top = result.task.abspath
    return [
        (top, f"{top}{MEMBER_SEP}{f.member}" if f.member else top, seq, f.location,
         f.end_location, f.entity_type, f.score, f.preview, f.fingerprint, f.why)
        for seq, f in enumerate(result.findings)
        if f.score >= min_score and (not entities or f.entity_type in entities)
    ]


def report_rows(raw: Iterable[RawRow], display_of: dict[str, str]) -> list[ReportRow]:
    """File order (members after their archive's own text), display paths."""
    ordered = sorted(raw, key=lambda r: (r[0], r[1] != r[0], r[1], r[2]))
    return [
        ReportRow(path=display_of.get(top, top) + path[len(top):], location=loc,
                  entity_type=entity, score=score, preview=preview, fingerprint=fp, why=why,
                  end_location=end)
        for top, path, _, loc, end, entity, score, preview, fp, why in ordered
    ]
