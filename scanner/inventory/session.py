"""Opening the inventory for writing (`scan`, `scan-db`): the writer's lock, then the
key check, with the notices a user must see once (a new inventory, a stale lock taken
over). Every refusal is a `Refused` with a message in both languages."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from scanner.inventory.keyid import Refused, check_key
from scanner.inventory.lock import InventoryLock, Locked
from scanner.inventory.store import Store, open_store
from scanner.inventory.target import sqlite_path
from scanner.privacy import key_id

if TYPE_CHECKING:
    from scanner.i18n import Lang


def open_for_writing(target: str | None, key: bytes, wait: float | None,
                     lang: Lang) -> tuple[Store, InventoryLock]:
    """The store and its held lock. A missing inventory directory is created (0700)
    and a new inventory announced, once each, on stderr: a mistyped path shows."""
    path = sqlite_path(target)
    try:
        if path is not None and not path.parent.is_dir():
            path.parent.mkdir(mode=0o700, parents=True)
            print(lang.t("inventory.created_directory", parent=path.parent), file=sys.stderr)
        store = open_store(target)
    except OSError as exc:  # a directory or file the user may not write
        from scanner.i18n import Lang
        from scanner.messages import Both, os_reason

        raise Refused("inventory.cannot_open", target=target or path,
                      reason=Both(os_reason(exc, Lang("ja")), os_reason(exc, Lang("en")))
                      ) from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        from scanner.i18n import Lang
        from scanner.messages import Both, driver_reason

        raise Refused("inventory.cannot_open", target=target,
                      reason=Both(driver_reason(reason, Lang("ja")), reason)) from None
    lock = InventoryLock(store)
    try:
        lock.acquire(wait)
    except Locked as exc:
        store.dispose()
        held = exc.holder.describe() if exc.holder else "#?"
        raise Refused("inventory.locked", where=store.where, held=held) from None
    try:
        check_key(store.engine, key, store.where, record=True)
    except Refused:
        lock.release()
        store.dispose()
        raise
    store.on_begin = lock.attach
    if store.created:
        print(lang.t("inventory.created", where=store.where, key_id=key_id(key)),
              file=sys.stderr)
    if lock.stale is not None:
        print(lang.t("inventory.took_over_lock",
                     describe=lock.stale.describe()), file=sys.stderr)
    return store, lock
