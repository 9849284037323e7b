"""Which columns of which tables `mask-db` masks, and how, from a sample of each table.

A column is classified by its name (`scanner.dbscan.names`) and a sample of its values
analyzed together with the engine: when most values are, whole, one type, every cell is
replaced whole (fast, and the same way in every table). Other text columns are scanned
value by value. Primary and foreign key columns are masked whole or kept, and a foreign
key always gets its parent column's plan, so joins still match after masking.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Table, select
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection

from scanner.masking.masker import Masker
from scanner.masking.tables import (
    DETECT,
    ENTITY,
    KEEP,
    SAMPLE_ROWS,
    ColumnPlan,
    as_text,
    classify_columns,
    plan_columns,
)


@dataclass
class TablePlan:
    table: Table
    plans: list[ColumnPlan]
    rare: dict[int, set[str]]

    @property
    def key(self) -> tuple[str | None, str]:
        return self.table.schema, self.table.name

    @property
    def display(self) -> str:
        """`schema.table`, or the bare name in the source's default schema."""
        return self.table.name if self.table.schema is None \
            else f"{self.table.schema}.{self.table.name}"


def column_kind(col_type: sqltypes.TypeEngine) -> str:
    """text, number (long integers read by content), structured (JSON, arrays, binary:
    read by content, `values`), date, or skip (cannot hold a personal value)."""
    if isinstance(col_type, sqltypes.Boolean | sqltypes.Float | sqltypes.Interval
                  | sqltypes.Time) or type(col_type).__name__ == "BIT":
        return "skip"
    if isinstance(col_type, sqltypes.JSON | sqltypes.ARRAY | sqltypes._Binary):
        return "structured"
    if isinstance(col_type, sqltypes.Date | sqltypes.DateTime):
        return "date"
    if isinstance(col_type, sqltypes.Integer | sqltypes.Numeric):
        return "number"
    return "text"


def key_columns(table: Table) -> frozenset[str]:
    names = {c.name for c in table.primary_key.columns}
    for fk in table.foreign_keys:
        names.add(fk.parent.name)
    for other in table.metadata.tables.values():
        for fk in other.foreign_keys:
            if fk.column.table is table:
                names.add(fk.column.name)
    return frozenset(names)


def classify_sample(masker: Masker, table: Table, rows: list) -> dict[str, str]:
    """Column -> entity type, for columns whose sampled values are mostly one type whole."""
    columns = {
        col.name: [r[i] for r in rows]
        for i, col in enumerate(table.columns)
        if column_kind(col.type) not in ("skip", "structured")
    }
    return classify_columns(masker, columns)


def plan_table(masker: Masker, conn: Connection, table: Table) -> TablePlan:
    rows = conn.execute(select(table).limit(SAMPLE_ROWS)).all()
    classified = classify_sample(masker, table, rows)
    headers = [c.name for c in table.columns]
    keys = key_columns(table)
    display = table.name if table.schema is None else f"{table.schema}.{table.name}"
    plans = plan_columns(masker, headers, table=display, keys=keys, classified=classified)
    fixed = []
    for col, plan in zip(table.columns, plans, strict=True):
        kind = column_kind(col.type)
        if plan.action == DETECT and (kind in ("skip", "date") or plan.key):
            plan = replace(plan, action=KEEP)  # not text, or a key no type was found in
        fixed.append(plan)
    return TablePlan(table, fixed, rare_values(masker, conn, table))


def rare_values(masker: Masker, conn: Connection, table: Table) -> dict[int, set[str]]:
    """Quasi-identifier values seen fewer than k times (anonymized profile)."""
    from sqlalchemy import func

    policy = masker.policy
    if not (policy.generalize_rare and policy.quasi):
        return {}
    out: dict[int, set[str]] = {}
    for i, col in enumerate(table.columns):
        if col.name in policy.quasi:
            q = select(col).group_by(col).having(func.count() < policy.k)
            out[i] = {t for (v,) in conn.execute(q) if (t := as_text(v)) is not None}
    return out


def link_foreign_keys(plans: dict[tuple[str | None, str], TablePlan]) -> None:
    """A foreign key column and the column it references get one plan (parent first)."""
    for _ in range(2):  # twice: a child may decide for its parent, then for siblings
        for tp in plans.values():
            for fk in tp.table.foreign_keys:
                parent = plans.get((fk.column.table.schema, fk.column.table.name))
                if parent is None:
                    continue
                ci = _index(tp.table, fk.parent.name)
                pi = _index(parent.table, fk.column.name)
                child_plan, parent_plan = tp.plans[ci], parent.plans[pi]
                chosen = parent_plan if parent_plan.action == ENTITY else child_plan
                if chosen.action != ENTITY:
                    continue
                tp.plans[ci] = replace(child_plan, action=ENTITY, entity=chosen.entity,
                                       operator=chosen.operator, key=True)
                parent.plans[pi] = replace(parent_plan, action=ENTITY, entity=chosen.entity,
                                           operator=chosen.operator, key=True)


def _index(table: Table, name: str) -> int:
    return [c.name for c in table.columns].index(name)
