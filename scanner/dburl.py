"""Database URLs as people write them: `postgres://`, `postgresql://`, `mysql://`,
`mariadb://` (what pdscan and most tools accept) and a plain SQLite file path, turned
into SQLAlchemy URLs with the drivers mamoru ships; anything unusable is a clear error."""

from __future__ import annotations

import os

from scanner.i18n import Lang

# scheme as typed -> SQLAlchemy dialect+driver installed with mamoru
ALIASES = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "pgsql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}
EXAMPLES = "postgres://USER@HOST/DB, mysql://USER@HOST/DB, mariadb://USER@HOST/DB, sqlite:///PATH"


class BadUrl(ValueError):
    """A database URL that cannot be used; the message says why and what works."""


def database_url(text: str, lang: Lang, *, path_ok: bool = True) -> str:
    """The SQLAlchemy URL for `text` (an alias, a full URL, or with `path_ok` an existing
    SQLite file); BadUrl when it names no database mamoru can open."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    if "://" not in text:
        if path_ok and os.path.isfile(text):
            return f"sqlite:///{os.path.abspath(text)}"
        raise BadUrl(lang.t("url.neither_url_nor_file", text=text, examples=EXAMPLES))
    scheme, rest = text.split("://", 1)
    url_text = f"{ALIASES.get(scheme.lower(), scheme)}://{rest}"
    try:
        dialect = make_url(url_text).get_dialect()
    except NoSuchModuleError:
        raise BadUrl(lang.t("url.unsupported_type",
                            scheme=scheme, examples=EXAMPLES)) from None
    except (ArgumentError, ValueError):
        raise BadUrl(lang.t("url.cannot_parse", examples=EXAMPLES)) from None
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        raise BadUrl(lang.t("url.driver_not_installed", scheme=scheme, name=exc.name)) from None
    return url_text
