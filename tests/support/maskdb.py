"""Real PostgreSQL and MariaDB databases for the `mask-db` tests, one per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import MetaData, create_engine, inspect, select, text

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
MARIA_SERVER = "mysql+pymysql://root@127.0.0.1:3306"


def server(url: str, what: str):
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect():
            pass
        return engine
    except Exception as exc:  # unreachable server
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} unreachable in CI: {exc}")
        pytest.skip(f"{what} not reachable on 127.0.0.1: {type(exc).__name__}")


@contextmanager
def _databases(server_url: str, what: str, n: int, create: str, drop: str,
               url_suffix: str = "") -> Iterator[list[str]]:
    """`n` new databases on a server (URLs), dropped afterwards."""
    admin = server(f"{server_url}/test", what)
    names = [f"maskdb_{uuid.uuid4().hex[:10]}" for _ in range(n)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(create.format(name)))
    try:
        yield [f"{server_url}/{name}{url_suffix}" for name in names]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(drop.format(name)))
        admin.dispose()


def pg_databases(n: int):
    """`n` new PostgreSQL databases (URLs), dropped afterwards."""
    return _databases(PG_SERVER, "PostgreSQL", n, "CREATE DATABASE {}",
                      "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def maria_databases(n: int):
    """`n` new MariaDB databases (URLs), dropped afterwards."""
    return _databases(MARIA_SERVER, "MariaDB", n, "CREATE DATABASE {} CHARACTER SET utf8mb4",
                      "DROP DATABASE IF EXISTS {}", "?charset=utf8mb4")


def run_sql(url: str, statements: list[str], params: dict | None = None) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for stmt in statements:
            conn.execute(text(stmt), params or {})
    engine.dispose()


def table_rows(url: str, table: str, schema: str | None = None, order: str = "id") -> list:
    """The rows of a table as the driver returns them, ordered."""
    engine = create_engine(url)
    md = MetaData()
    with engine.connect() as conn:
        from sqlalchemy import Table

        t = Table(table, md, autoload_with=conn, schema=schema)
        rows = conn.execute(select(t).order_by(t.c[order])).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def all_tables(url: str) -> list[str]:
    """Every table of every non-system schema: `schema.table`."""
    engine = create_engine(url)
    insp = inspect(engine)
    out = []
    schemas = [insp.default_schema_name] if engine.dialect.name != "postgresql" else \
        [s for s in insp.get_schema_names() if s not in ("information_schema",)]
    for schema in schemas:
        out += [f"{schema}.{t}" for t in insp.get_table_names(schema=schema)]
    engine.dispose()
    return sorted(out)


def dump_text(url: str) -> str:
    """Every value of every table, as text (for "no input value remains" checks)."""
    from scanner.masking.database.values import pieces

    engine = create_engine(url)
    parts = []
    with engine.connect() as conn:
        for qualified in all_tables(url):
            schema, name = qualified.split(".", 1)
            from sqlalchemy import Table

            t = Table(name, MetaData(), autoload_with=conn, schema=schema)
            for row in conn.execute(select(t)):
                for value in row:
                    parts += [p.text for p in pieces(value)]
                    parts.append(str(value))
    engine.dispose()
    return "\n".join(parts)
