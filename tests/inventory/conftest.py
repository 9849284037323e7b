"""A PostgreSQL inventory of its own for a test (real server): `pg_url`."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_url():
    engine = create_engine(SERVER)
    try:
        conn = engine.connect()
    except Exception as exc:  # server down: a failure in CI, a skip elsewhere
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432: {exc}")
    schema = f"test_inventory_{uuid.uuid4().hex[:10]}"
    with conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        conn.commit()
    try:
        yield f"{SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            conn.commit()
        engine.dispose()
