"""A database connection that went away mid-work (the server ended the session, a
restart, a network cut), told apart from every other database error."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, PendingRollbackError


def connection_lost(exc: BaseException) -> bool:
    """SQLAlchemy took the driver's error for a disconnect (and dropped the connection),
    or a later statement met a connection still waiting for its rollback: what is left
    after a disconnect that was caught and not re-raised."""
    if isinstance(exc, PendingRollbackError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
