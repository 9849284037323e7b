"""Shared by `mamoru ledger` and `mamoru report`: the inventory, and how it is named."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from scanner.ledger.policy import PolicyError


@contextmanager
def inventory_engine(target: str | None) -> Iterator[Engine]:
    """The inventory's engine; a PolicyError (ja/en message) when there is none, or when
    it cannot be read (a corrupt file, a database gone away)."""
    from sqlalchemy.exc import SQLAlchemyError

    from scanner.inventory.store import open_store
    from scanner.inventory.target import DEFAULT_PATH, is_url

    where = target or DEFAULT_PATH
    if not (target and is_url(target)) and not os.path.exists(where):
        raise PolicyError("policy.no_inventory_at_run", where=where)
    try:
        store = open_store(target)
    except SQLAlchemyError as exc:
        raise _unreadable(where, exc) from None
    try:
        yield store.engine
    except SQLAlchemyError as exc:
        raise _unreadable(where, exc) from None
    finally:
        store.dispose()


def _unreadable(where: str, exc: Exception) -> PolicyError:
    reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
    return PolicyError("policy.cannot_open_inventory", where=inventory_name(where),
                       reason=reason)


def inventory_name(target: str | None) -> str:
    """The inventory as shown in reports: a URL without its password."""
    from scanner.dbscan.redact import safe_url
    from scanner.inventory.target import DEFAULT_PATH, is_url

    if target and is_url(target):
        return safe_url(target)
    return str(target or DEFAULT_PATH)
