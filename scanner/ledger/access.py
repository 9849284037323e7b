"""Who can read a holding: POSIX owner, group and mode of files; SELECT grants on tables.

Files are stat'ed when the ledger is made (the inventory keeps no modes). Database
grants are read from the catalog: PostgreSQL `pg_class.relacl` (every grant, whoever
asks, `PUBLIC` included) and MariaDB `information_schema` table, schema and global
privileges (complete when read as an administrator).
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

PUBLIC = "PUBLIC"


@dataclass
class Access:
    """Readers of one holding; `world` when anyone (others, PUBLIC) can read it."""

    readers: list[str] = field(default_factory=list)
    world: bool = False
    world_items: list[str] = field(default_factory=list)  # which files / grants
    known: bool = True

    def describe(self, lang) -> str:
        if not self.known:
            return lang.t("ledger.unknown_could_not_checked")
        text_ = "; ".join(self.readers)
        if self.world:
            text_ = lang.t("ledger.readable_by_everyone") + f" — {text_}"
        return text_


def file_access(paths: list[str]) -> Access:
    """Owner:group and mode of each file, counted; world-readable files listed."""
    combos: Counter[str] = Counter()
    world: list[str] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        combos[f"{_user(st.st_uid)}:{_group(st.st_gid)} {stat.filemode(st.st_mode)}"] += 1
        if st.st_mode & stat.S_IROTH:
            world.append(path)
    if not combos:
        return Access(known=False)
    readers = [f"{combo} ×{n}" if n > 1 else combo for combo, n in sorted(combos.items())]
    return Access(readers, bool(world), world)


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


_PG_GRANTS = text("""
SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS who,
       pg_get_userbyid(c.relowner) AS owner
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
     aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
WHERE n.nspname = :s AND c.relname = :t AND a.privilege_type = 'SELECT'
UNION
SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END
       || ' (' || att.attname || ')', pg_get_userbyid(c.relowner)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute att ON att.attrelid = c.oid AND att.attacl IS NOT NULL,
     aclexplode(att.attacl) a
WHERE n.nspname = :s AND c.relname = :t AND a.privilege_type = 'SELECT'
""")

_MARIA_GRANTS = text("""
SELECT GRANTEE AS who FROM information_schema.TABLE_PRIVILEGES
 WHERE TABLE_SCHEMA = :s AND TABLE_NAME = :t AND PRIVILEGE_TYPE = 'SELECT'
UNION SELECT CONCAT(GRANTEE, ' (', COLUMN_NAME, ')') FROM information_schema.COLUMN_PRIVILEGES
 WHERE TABLE_SCHEMA = :s AND TABLE_NAME = :t AND PRIVILEGE_TYPE = 'SELECT'
UNION SELECT CONCAT(GRANTEE, ' (', TABLE_SCHEMA, '.*)') FROM information_schema.SCHEMA_PRIVILEGES
 WHERE TABLE_SCHEMA = :s AND PRIVILEGE_TYPE = 'SELECT'
UNION SELECT CONCAT(GRANTEE, ' (*.*)') FROM information_schema.USER_PRIVILEGES
 WHERE PRIVILEGE_TYPE = 'SELECT'
""")


def table_access(engine: Engine, schema: str, table: str) -> Access:
    """SELECT grantees of one table (PostgreSQL, MariaDB/MySQL); unknown elsewhere."""
    dialect = engine.dialect.name
    if dialect == "postgresql":
        with engine.connect() as conn:
            rows = conn.execute(_PG_GRANTS, {"s": schema, "t": table}).all()
        owner = rows[0].owner if rows else None
        who = sorted({r.who for r in rows} | ({f"{owner} (owner)"} if owner else set()))
        who = [w for w in who if w != owner]
        public = [w for w in who if w == PUBLIC or w.startswith(PUBLIC + " (")]
        return Access(who, bool(public), public)
    if dialect in ("mysql", "mariadb"):
        with engine.connect() as conn:
            who = sorted({r.who for r in conn.execute(_MARIA_GRANTS, {"s": schema, "t": table})})
        public = [w for w in who if w.startswith(("'PUBLIC'@", "''@"))]
        return Access(who, bool(public), public)
    return Access(known=False)
