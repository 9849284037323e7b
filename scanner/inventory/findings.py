"""Findings as report rows, from the files a scan read and from the inventory.

Rows come in blocks, one per top-level file (keyed by its absolute path), each in file
order: the file's own text, then its archive members by path. Paths in the rows are as
the user named them.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from reports.model import ReportRow
from scanner.inventory.schema import MEMBER_SEP, assets, findings
from scanner.scanfiles.worker import FileResult


def carried_over(engine: Engine, scan_id: int, min_score: float,
                 entities: tuple[str, ...] | None,
                 display_of: dict[str, str]) -> dict[str, list[ReportRow]]:
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
        raw = [tuple(r) for r in conn.execute(query)]
    raw.sort(key=lambda r: (r[0], r[1] != r[0], r[1], r[2]))  # file, own text, member, id
    blocks: dict[str, list[ReportRow]] = {}
    for top, path, _, loc, end, entity, score, preview, fp, why in raw:
        display = display_of.get(top, top) + path[len(top):]
        blocks.setdefault(top, []).append(
            ReportRow(display, loc, entity, score, preview, fp, why, end))
    return blocks


def rows_read(result: FileResult, display: str, min_score: float,
              entities: tuple[str, ...] | None) -> list[ReportRow]:
    """Report rows of a file just read, without a trip to the database: the file's own
    text first, then its members by path, each in text order."""
    found = [f for f in result.findings
             if f.score >= min_score and (not entities or f.entity_type in entities)]
    if any(f.member for f in found):
        found.sort(key=lambda f: (f.member is not None, f.member or ""))  # stable
    return [
        ReportRow(f"{display}{MEMBER_SEP}{f.member}" if f.member else display, f.location,
                  f.entity_type, f.score, f.preview, f.fingerprint, f.why, f.end_location)
        for f in found
    ]
