"""The key an inventory was made with: its public id is recorded on first write, and a
command run with another key is refused (fingerprints from two keys never match, so a
mixed inventory answers disclosure requests wrongly)."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from scanner.inventory.schema import meta
from scanner.messages import CatalogueError
from scanner.privacy import key_id, key_source

KEY_ID = "key_id"


class Refused(CatalogueError):
    """The inventory cannot be used as asked; the message says why, in both languages."""


def recorded_key_id(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.name == KEY_ID)).scalar()


def check_key(engine: Engine, key: bytes, where: str, *, record: bool) -> bool:
    """Refused when the inventory was made with another key; with `record`, an inventory
    without a key id gets this key's. True when the id was recorded now."""
    mine = key_id(key)
    stored = recorded_key_id(engine)
    if stored is None and record:
        try:
            with engine.begin() as conn:
                conn.execute(meta.insert().values(name=KEY_ID, value=mine))
            return True
        except IntegrityError:  # recorded meanwhile by another writer
            stored = recorded_key_id(engine)
    if stored is not None and stored != mine:
        raise mismatch(where, stored, mine)
    return False


def mismatch(where: str, stored: str, mine: str) -> Refused:
    source = key_source()
    return Refused("inventory.other_key",
                   where=where, stored=stored, source=source, mine=mine)
