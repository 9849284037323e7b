"""Which schemas, tables, views and columns to scan, read from the database catalog.

Patterns are shell globs (`*`, `?`, `[ab]`), matched case-insensitively. A table
pattern matches `table` or `schema.table`; a column pattern matches `column`,
`table.column` or `schema.table.column`. Excludes win over includes.

Default schemas: on PostgreSQL every schema that is not a system schema; elsewhere the
URL's database (MySQL/MariaDB), `main` (SQLite) or the user's default schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from sqlalchemy import select, table, text
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, Inspector
from sqlalchemy.exc import CompileError, DBAPIError

SYSTEM_SCHEMAS = frozenset({
    "information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys",
    "guest", "db_owner", "db_accessadmin", "db_securityadmin", "db_ddladmin",
    "db_backupoperator", "db_datareader", "db_datawriter", "db_denydatareader",
    "db_denydatawriter",
})
SYSTEM_PREFIXES = ("pg_temp_", "pg_toast_temp_")

# Column kinds, from the declared SQL type
TEXT, NUMBER, DATE, BINARY, JSON_KIND, SKIP = "text", "number", "date", "binary", "json", "skip"


@dataclass(frozen=True, slots=True)
class Filters:
    include_schema: tuple[str, ...] = ()
    exclude_schema: tuple[str, ...] = ()
    include_table: tuple[str, ...] = ()
    exclude_table: tuple[str, ...] = ()
    include_column: tuple[str, ...] = ()
    exclude_column: tuple[str, ...] = ()

    def schema_ok(self, schema: str) -> bool:
        return _wanted((schema,), self.include_schema, self.exclude_schema)

    def table_ok(self, schema: str, table: str) -> bool:
        return _wanted((table, f"{schema}.{table}"), self.include_table, self.exclude_table)

    def column_ok(self, schema: str, table: str, column: str) -> bool:
        names = (column, f"{table}.{column}", f"{schema}.{table}.{column}")
        return _wanted(names, self.include_column, self.exclude_column)


def _wanted(names: tuple[str, ...], include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    lowered = [n.lower() for n in names]

    def hit(patterns: tuple[str, ...]) -> bool:
        return any(fnmatchcase(n, p.lower()) for p in patterns for n in lowered)

    return (not include or hit(include)) and not hit(exclude)


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    name: str
    data_type: str
    kind: str


@dataclass(frozen=True, slots=True)
class TableInfo:
    schema: str | None  # None: the connection's default schema (SQLite `main`)
    name: str
    kind: str  # "table" | "view" | "materialized_view"
    columns: tuple[ColumnInfo, ...]
    integer_key: str | None = None  # single-column integer primary key, for range sampling
    all_columns: tuple[str, ...] = field(default=())

    @property
    def schema_label(self) -> str:
        return self.schema or "main"

    @property
    def qualified(self) -> str:
        return f"{self.schema_label}.{self.name}"

    @property
    def signature(self) -> str:
        """Hash of every column's name and type: changes when the schema changes."""
        blob = json.dumps([self.kind, list(self.all_columns)], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]


def column_kind(sql_type: sqltypes.TypeEngine) -> str:
    """How values of a declared type are scanned."""
    if isinstance(sql_type, sqltypes.Boolean | sqltypes.Float | sqltypes.Interval
                  | sqltypes.Time | sqltypes.Uuid):
        return SKIP
    if isinstance(sql_type, sqltypes.JSON | sqltypes.ARRAY):
        return JSON_KIND
    if isinstance(sql_type, sqltypes.LargeBinary | sqltypes.BINARY | sqltypes.VARBINARY):
        return BINARY
    if isinstance(sql_type, sqltypes.Date | sqltypes.DateTime):
        return DATE
    if isinstance(sql_type, sqltypes.Integer | sqltypes.Numeric):
        return NUMBER
    return TEXT  # strings, and types SQLAlchemy does not know (INET, XML, ...)


def schemas_to_scan(conn: Connection, inspector: Inspector, filters: Filters) -> list[str | None]:
    """The schemas to look in, in name order."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return [None] if filters.schema_ok("main") else []
    if dialect == "postgresql" or filters.include_schema:
        names = [
            s for s in inspector.get_schema_names()
            if s.lower() not in SYSTEM_SCHEMAS and not s.startswith(SYSTEM_PREFIXES)
        ]
    else:
        names = [inspector.default_schema_name] if inspector.default_schema_name else []
    return sorted(s for s in names if filters.schema_ok(s))


def list_relations(
    conn: Connection, inspector: Inspector, schema: str | None, filters: Filters
) -> Iterator[tuple[str | None, str, str]]:
    """(schema, name, kind) of the tables and views of one schema that pass the filters."""
    label = schema or "main"
    kinds = [("table", inspector.get_table_names(schema=schema)),
             ("view", inspector.get_view_names(schema=schema))]
    if conn.dialect.name == "postgresql":
        kinds.append(("materialized_view", inspector.get_materialized_view_names(schema=schema)))
    for kind, names in kinds:
        for name in sorted(names):
            if filters.table_ok(label, name):
                yield schema, name, kind


def describe(
    conn: Connection, inspector: Inspector, schema: str | None, name: str, kind: str,
    filters: Filters,
) -> TableInfo:
    """A table's columns (those passing the filters), signature and integer key."""
    label = schema or "main"
    columns: list[ColumnInfo] = []
    signature: list[str] = []
    types: dict[str, sqltypes.TypeEngine] = {}
    for col in _reflect_columns(conn, inspector, schema, name):
        data_type = _type_name(col["type"], conn)
        signature.append(f"{col['name']}:{data_type}")
        types[col["name"]] = col["type"]
        if filters.column_ok(label, name, col["name"]):
            columns.append(ColumnInfo(col["name"], data_type, column_kind(col["type"])))
    key = None
    if kind == "table":
        pk = inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or []
        pk = [c.replace("``", "`") if conn.dialect.name in ("mysql", "mariadb") else c
              for c in pk]
        if len(pk) == 1 and isinstance(types.get(pk[0]), sqltypes.Integer):
            key = pk[0]
    return TableInfo(schema, name, kind, tuple(columns), key, tuple(signature))


def _reflect_columns(
    conn: Connection, inspector: Inspector, schema: str | None, name: str
) -> list[dict]:
    """Reflected columns; for a view the user may read but not describe (MySQL needs
    SHOW VIEW to reflect one), the names its result has, types unknown."""
    try:
        with conn.begin_nested():
            columns = inspector.get_columns(name, schema=schema)
        return _true_names(conn, schema, name, columns)
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise
    result = conn.execute(select(text("*")).select_from(table(name, schema=schema)).limit(0))
    names = list(result.keys())
    return [{"name": key, "type": sqltypes.NullType()} for key in names]


def _true_names(
    conn: Connection, schema: str | None, name: str, columns: list[dict]
) -> list[dict]:
    """MySQL/MariaDB reflection parses SHOW CREATE TABLE and keeps a back-tick in a
    column name doubled (`tel``no`), which the dialect's quoting would double again; the
    catalog's own names replace them, matched by position."""
    if conn.dialect.name not in ("mysql", "mariadb"):
        return columns
    names = conn.exec_driver_sql(
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = %(s)s AND TABLE_NAME = %(t)s ORDER BY ORDINAL_POSITION",
        {"s": schema or conn.exec_driver_sql("SELECT DATABASE()").scalar(), "t": name},
    ).scalars().all()
    if len(names) != len(columns):
        return columns
    return [{**col, "name": true} for col, true in zip(columns, names, strict=True)]


def _type_name(sql_type: sqltypes.TypeEngine, conn: Connection) -> str:
    if isinstance(sql_type, sqltypes.NullType):
        return "unknown"
    try:
        return str(sql_type.compile(dialect=conn.dialect))
    except CompileError:  # a reflected type the dialect cannot render (rare): its repr
        return repr(sql_type)
