"""Holdings: the inventory's assets grouped by place and policy category.

A holding is a folder (the files directly in it), an archive (its members) or a
database table, together with the category whose `locations` cover it; files and
columns no category covers form unregistered holdings. Files are matched by their
path relative to the scanned root that holds them, the first category in the policy
wins; columns by `db:SCHEMA.TABLE[.COLUMN]`.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select

from scanner.inventory.db_schema import db_columns, db_fingerprints, db_tables
from scanner.inventory.schema import MEMBER_SEP, assets, findings, scans
from scanner.ledger.access import Access
from scanner.ledger.persons import LINKING, PersonEstimate, estimate, scaled_distinct
from scanner.ledger.policy import Category, Policy

FOLDER, ARCHIVE, TABLE = "folder", "archive", "table"
UNREGISTERED = "unregistered"
# Words in a path or column name that point to 要配慮個人情報 (APPI Art. 2(3)).
SENSITIVE_WORDS = (
    "病歴", "病名", "傷病", "診断", "健康診断", "健診", "既往", "障害", "障がい", "宗教", "信条",
    "信仰", "人種", "犯罪", "前科", "犯歴", "社会的身分", "medical", "diagnos", "disease",
    "disabilit", "religio", "criminal",
)


@dataclass
class Holding:
    """One row of the ledger before it is written."""

    category: Category | None
    kind: str  # folder | archive | table
    location: str  # absolute folder (with /), archive path, or target#schema.table
    items: dict[str, int] = field(default_factory=dict)  # entity type -> findings
    fingerprints: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    distinct: dict[str, int] = field(default_factory=dict)  # type -> estimated distinct values
    files: list[str] = field(default_factory=list)  # files (outer file of members)
    mtimes_ns: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    last_seen_at: str = ""
    updated_at: str = ""  # newest file mtime; for tables the last scan that read values
    first_seen_at: str = ""
    sensitive_words: set[str] = field(default_factory=set)
    columns_seen: set[str] = field(default_factory=set)  # file columns looked at for words
    persons: PersonEstimate = field(default_factory=lambda: PersonEstimate(0, None))
    access: Access = field(default_factory=lambda: Access(known=False))
    target: str = ""  # tables: the database URL (password hidden)
    schema: str = ""
    table: str = ""

    @property
    def category_id(self) -> str:
        return self.category.id if self.category else UNREGISTERED

    @property
    def id(self) -> str:
        """管理番号: stable while the category and the place stay the same."""
        digest = hashlib.sha1(f"{self.category_id}\x1f{self.location}".encode()).hexdigest()
        return f"{self.category_id}-{digest[:8]}"

    @property
    def sensitive(self) -> bool:
        return bool(self.sensitive_words) or bool(self.category and self.category.sensitive)


def sensitive_words(name: str) -> set[str]:
    folded = name.casefold()
    return {w for w in SENSITIVE_WORDS if w in folded}


def file_roots(engine: Engine) -> list[str]:
    """Every root a file scan was given, longest first."""
    with engine.connect() as conn:
        targets = conn.execute(select(scans.c.targets).where(scans.c.kind == "files")).all()
    roots = {str(t) for (ts,) in targets for t in (ts or [])}
    return sorted(roots, key=len, reverse=True)


def relative_to_root(path: str, roots: Iterable[str]) -> str:
    """The path relative to the longest scanned root holding it (a scanned file: its
    name; outside every root: the path without its leading /)."""
    for root in roots:
        if path == root:
            return posixpath.basename(path)
        if path.startswith(root.rstrip("/") + "/"):
            return path[len(root.rstrip("/")) + 1:]
    return path.lstrip("/")


def file_holdings(engine: Engine, policy: Policy, under: str | None = None) -> list[Holding]:
    """Holdings of present files and archive members with findings (`under`: only the
    file or the files below that absolute path)."""
    a, f = assets.c, findings.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.id, a.path, a.mtime_ns, a.last_seen_at, a.first_seen_at, a.parent_id)
            .where(a.gone_scan.is_(None), a.id.in_(select(f.asset_id).distinct()))
        ).all()
        parents = {r.id: r for r in conn.execute(
            select(a.id, a.mtime_ns).where(a.id.in_(
                {r.parent_id for r in rows if r.parent_id is not None})))}
        found = fetch_all(conn, select(f.asset_id, f.entity_type, f.fingerprint, f.location)
                          .join(assets, a.id == f.asset_id).where(a.gone_scan.is_(None)))
    roots = file_roots(engine)
    holding_of: dict[int, Holding] = {}
    by_key: dict[tuple[str, str], Holding] = {}
    listed: set[tuple[int, str]] = set()  # (holding, file) already listed
    for r in rows:
        outer = r.path.split(MEMBER_SEP, 1)[0]
        if under is not None and not (outer == under or outer.startswith(under.rstrip("/") + "/")):
            continue
        rel = relative_to_root(outer, roots)
        category = policy.for_path(rel)
        if MEMBER_SEP in r.path:
            kind, place = ARCHIVE, outer
        else:
            kind, place = FOLDER, posixpath.dirname(outer) + "/"
        cid = category.id if category else UNREGISTERED
        h = by_key.get((cid, place))
        if h is None:
            h = by_key[(cid, place)] = Holding(category, kind, place)
            h.first_seen_at = r.first_seen_at
        holding_of[r.id] = h
        if (id(h), outer) not in listed:
            listed.add((id(h), outer))
            h.files.append(outer)
            mtime = r.mtime_ns if r.parent_id is None else parents[r.parent_id].mtime_ns
            if mtime is not None:
                h.mtimes_ns.append(mtime)
        h.last_seen_at = max(h.last_seen_at, r.last_seen_at)
        h.first_seen_at = min(h.first_seen_at, r.first_seen_at)
        h.sensitive_words |= sensitive_words(rel)
    for asset_id, entity, fp, location in found:
        h = holding_of.get(asset_id)
        if h is None:
            continue
        h.items[entity] = h.items.get(entity, 0) + 1
        h.fingerprints[entity].add(fp)
        if '"column"' in (location if isinstance(location, str) else '"column"'):
            column = (json.loads(location) if isinstance(location, str) else location).get(
                "column")
            if isinstance(column, str) and column not in h.columns_seen:
                h.columns_seen.add(column)
                h.sensitive_words |= sensitive_words(column)
    out = list(by_key.values())
    for h in out:
        h.distinct = {t: len(s) for t, s in h.fingerprints.items()}
        h.persons = estimate(h.distinct)
        if h.mtimes_ns:
            h.updated_at = _iso(max(h.mtimes_ns))
    return out


def table_holdings(engine: Engine, policy: Policy) -> list[Holding]:
    """Holdings of classified database columns, one per table and category."""
    t, c, fpc = db_tables.c, db_columns.c, db_fingerprints.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.id, t.target, t.schema_name, t.table_name, t.row_count, t.sampled_rows,
                   t.last_seen_at, t.first_seen_at, t.classified_scan, c.id.label("column_id"),
                   c.column_name, c.entity_type, c.matched, c.examined, c.fingerprint_count,
                   c.basis, c.free_text)
            .join(db_columns, c.table_id == t.id).where(t.status == "ok")
            .order_by(t.id, c.column_name)
        ).all()
        fps: dict[int, set[str]] = defaultdict(set)
        if any(category.entrusted for category in policy.categories):  # only they need them
            for column_id, fp in fetch_all(conn, select(fpc.column_id, fpc.fingerprint)
                                           .join(db_columns, c.id == fpc.column_id)
                                           .where(c.entity_type.in_(sorted(LINKING)))):
                fps[column_id].add(fp)
        started = dict(conn.execute(select(scans.c.id, scans.c.started_at)).all())
    from scanner.dbscan.classify import FINGERPRINT_CAP

    by_key: dict[tuple[int, str], Holding] = {}
    distinct: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    scaled: set[tuple[int, str]] = set()  # holdings counted from a sample
    for r in rows:
        category = policy.for_column(r.schema_name, r.table_name, r.column_name)
        cid = category.id if category else UNREGISTERED
        h = by_key.get((r.id, cid))
        if h is None:
            h = by_key[(r.id, cid)] = Holding(
                category, TABLE, f"{r.target}#{r.schema_name}.{r.table_name}",
                last_seen_at=r.last_seen_at,
                first_seen_at=r.first_seen_at, updated_at=started.get(r.classified_scan, ""),
                target=r.target, schema=r.schema_name, table=r.table_name)
            h.sensitive_words |= sensitive_words(r.table_name)
        h.columns.append(r.column_name)
        h.sensitive_words |= sensitive_words(r.column_name)
        h.items[r.entity_type] = h.items.get(r.entity_type, 0) + int(r.matched)
        h.fingerprints[r.entity_type] |= fps[r.column_id]
        seen_distinct, matched = _column_distinct(r)
        count = scaled_distinct(seen_distinct, matched, int(r.examined),
                                int(r.sampled_rows), r.row_count,
                                int(r.fingerprint_count) >= FINGERPRINT_CAP)
        if count > int(r.fingerprint_count):
            scaled.add((r.id, cid))
        seen = distinct[(r.id, cid)]
        seen[r.entity_type] = max(seen.get(r.entity_type, 0), count)
    for key, h in by_key.items():
        h.columns = sorted(set(h.columns))
        h.distinct = distinct[key]
        h.persons = estimate(h.distinct, key in scaled)
    return list(by_key.values())


def _column_distinct(r) -> tuple[int, int]:
    """(distinct values, values) of a column's type in its sample. A structured column
    that its name and its values both say is of the type (`name` holding 山田太郎 and
    ①髙橋 﨑) holds that type in every value: the values no recognizer proved are
    taken to be as distinct as those it did."""
    distinct, matched, examined = int(r.fingerprint_count), int(r.matched), int(r.examined)
    if r.basis == "name+values" and not r.free_text and 0 < matched < examined:
        return round(distinct * examined / matched), examined
    return distinct, matched


def fetch_all(conn: Connection, statement) -> list[tuple]:
    """All rows of a constant query, through the driver: hundreds of thousands of
    findings cost several times more as SQLAlchemy rows."""
    sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _iso(ns: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ns / 1e9, UTC).isoformat(timespec="seconds")


