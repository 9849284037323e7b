"""Shared by `mamoru ledger` and `mamoru report`: the inventory, and how it is named."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from scanner.ledger.policy import PolicyError


@contextmanager
def inventory_engine(target: str | None) -> Iterator[Engine]:
    """The inventory's engine; a PolicyError (ja/en message) when there is none."""
    from scanner.inventory.store import DEFAULT_PATH, is_url, open_store

    if not (target and is_url(target)) and not os.path.exists(target or DEFAULT_PATH):
        where = target or DEFAULT_PATH
        raise PolicyError("policy.no_inventory_at_run", where=where)
    store = open_store(target)
    try:
        yield store.engine
    finally:
        store.dispose()


def inventory_name(target: str | None) -> str:
    """The inventory as shown in reports: a URL without its password."""
    from scanner.dbscan.redact import safe_url
    from scanner.inventory.store import DEFAULT_PATH, is_url

    if target and is_url(target):
        return safe_url(target)
    return str(target or DEFAULT_PATH)
