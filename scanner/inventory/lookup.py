"""Where the inventory holds given values: the answer to a disclosure or deletion request
(開示・削除等の請求) about one person, without any value stored or printed.

Each value asked about is fingerprinted with the inventory's key as every entity type
(the fingerprint covers the type) and looked up among the findings of present files and
the values of database columns that `scan-db` kept fingerprints of (a sample: a column
not matched may still hold the value). Values are numbered in the order given; only
those numbers, masked previews and places are reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from recognizers.registry import ENTITY_TYPES
from scanner.inventory.db_schema import db_columns, db_fingerprints, db_tables
from scanner.inventory.schema import assets, findings
from scanner.privacy import fingerprint, preview

_CHUNK = 500
FILE, DATABASE = "file", "database"


@dataclass(frozen=True, slots=True)
class Place:
    """One place a value was found: a spot in a file, or a database column."""

    kind: str  # FILE | DATABASE
    where: str  # file path (archive members as `a.zip!b.csv`), or `target schema.table.column`
    location: dict  # {"line": 3, "column": 7}; {} for a database column
    entity_type: str
    preview: str


@dataclass
class Answer:
    """What the inventory holds of the `number`-th value asked about."""

    number: int
    places: list[Place] = field(default_factory=list)


def find_values(engine: Engine, values: Iterable[str], key: bytes) -> list[Answer]:
    """An answer per non-blank value, in the order given (blank lines are not counted)."""
    answers: list[Answer] = []
    wanted: dict[str, tuple[Answer, str]] = {}  # fingerprint -> answer, masked value
    for value in (v.strip() for v in values):
        if not value:
            continue
        answer = Answer(len(answers) + 1)
        answers.append(answer)
        for entity in ENTITY_TYPES:
            wanted.setdefault(fingerprint(value, key, entity), (answer, preview(value, entity)))
    fps = list(wanted)
    with engine.connect() as conn:
        for start in range(0, len(fps), _CHUNK):
            chunk = fps[start : start + _CHUNK]
            for fp, place in _in_files(conn, chunk):
                wanted[fp][0].places.append(place)
            for fp, place in _in_databases(conn, chunk):
                answer, masked = wanted[fp]
                answer.places.append(Place(DATABASE, place.where, {}, place.entity_type, masked))
    return answers


def _in_files(conn, chunk: list[str]) -> list[tuple[str, Place]]:
    a, f = assets.c, findings.c
    rows = conn.execute(
        select(f.fingerprint, a.path, f.location, f.entity_type, f.preview)
        .join(assets, a.id == f.asset_id)
        .where(f.fingerprint.in_(chunk), a.gone_scan.is_(None))
        .order_by(a.path, f.id)
    )
    return [(r.fingerprint, Place(FILE, r.path, r.location, r.entity_type, r.preview))
            for r in rows]


def _in_databases(conn, chunk: list[str]) -> list[tuple[str, Place]]:
    t, c, fp = db_tables.c, db_columns.c, db_fingerprints.c
    rows = conn.execute(
        select(fp.fingerprint, t.target, t.schema_name, t.table_name, c.column_name,
               c.entity_type)
        .join(db_columns, c.id == fp.column_id).join(db_tables, t.id == c.table_id)
        .where(fp.fingerprint.in_(chunk))
        .order_by(t.target, t.schema_name, t.table_name, c.column_name)
    )
    return [
        (r.fingerprint, Place(DATABASE, f"{r.target} {r.schema_name}.{r.table_name}."
                                        f"{r.column_name}", {}, r.entity_type, ""))
        for r in rows
    ]
