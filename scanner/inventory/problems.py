"""Assets that were not read: skipped (binary, too big, zip bomb) or in error."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from scanner.inventory.schema import assets

PROBLEM_STATUSES = ("skipped", "error")


@dataclass(frozen=True, slots=True)
class ProblemAsset:
    path: str
    status: str
    note: str | None
    format: str | None
    size: int | None
    last_seen_at: str


def problem_assets(engine: Engine, statuses: tuple[str, ...] = PROBLEM_STATUSES
                   ) -> list[ProblemAsset]:
    """Present assets with one of the statuses, by path."""
    a = assets.c
    query = (select(a.path, a.status, a.note, a.format, a.size, a.last_seen_at)
             .where(a.gone_scan.is_(None), a.status.in_(statuses)).order_by(a.path))
    with engine.connect() as conn:
        return [ProblemAsset(*r) for r in conn.execute(query)]
