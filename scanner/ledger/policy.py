"""The `[policy]` part of the project configuration: categories of personal data.

```toml
[[policy.categories]]
id = "employees"                       # stable key (letters, digits, - and _)
name = "従業員等に関する個人情報"
purposes = ["人事管理の手続き", "給与管理の手続き"]
owner = "総務部"
retention = "7y"                       # "90d", "6m", "3y" or "indefinite"
locations = ["hr/**", "db:hr.*"]       # gitignore-style globs on paths relative to a
                                       # scanned root; db:SCHEMA.TABLE[.COLUMN] for scan-db
my_number = true                       # 特定個人情報 may be held here (default false)
entrusted = false                      # data entrusted by a client, 委託 (default false)
entities = ["PERSON", "JP_ADDRESS"]    # optional: the types expected here
sensitive = false                      # optional: 要配慮個人情報 is held here by design
```

Errors are `PolicyError`s that carry the message in Japanese and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from recognizers.registry import ENTITY_TYPES
from scanner.config import CONFIG_FILE, ConfigError, ProjectConfig, command_config, glob_match
from scanner.i18n import Lang
from scanner.messages import CatalogueError

DB_PREFIX = "db:"
KEYS = {"id", "name", "purposes", "owner", "retention", "locations", "my_number",
        "entrusted", "entities", "sensitive"}
REQUIRED = ("id", "name", "purposes", "owner", "retention", "locations")
INDEFINITE = ("indefinite", "無期限")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_RETENTION = re.compile(r"^\s*(\d{1,4})\s*([dmy])\s*$")
_DAYS = {"d": 1, "m": 30, "y": 365}


class PolicyError(CatalogueError, ValueError):
    """A policy that cannot be used; the message names the file and the key."""

    @property
    def ja(self) -> str:
        return self.text(Lang("ja"))

    @property
    def en(self) -> str:
        return str(self)


@dataclass(frozen=True, slots=True)
class Retention:
    text: str
    days: int | None  # None: indefinite


@dataclass(frozen=True, slots=True)
class DbPattern:
    schema: str
    table: str
    column: str | None  # None: every column of the table

    def matches(self, schema: str, table: str, column: str | None = None) -> bool:
        """Case-insensitive shell-glob match; a column pattern needs a column."""
        parts = [(self.schema, schema), (self.table, table)]
        if self.column is not None:
            if column is None:
                return False
            parts.append((self.column, column))
        return all(fnmatchcase(value.casefold(), pat.casefold()) for pat, value in parts)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    purposes: tuple[str, ...]
    owner: str
    retention: Retention
    locations: tuple[str, ...]  # as written
    paths: tuple[str, ...]  # file globs
    tables: tuple[DbPattern, ...]
    my_number: bool = False
    entrusted: bool = False
    entities: frozenset[str] | None = None  # None: any type is expected
    sensitive: bool = False

    def covers_path(self, relpath: str) -> bool:
        return any(glob_match(relpath, pattern) for pattern in self.paths)

    def covers_column(self, schema: str, table: str, column: str) -> bool:
        return any(p.matches(schema, table, column) for p in self.tables)


@dataclass(frozen=True, slots=True)
class Policy:
    categories: tuple[Category, ...]
    source: str

    def category(self, category_id: str | None) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def for_path(self, relpath: str) -> Category | None:
        """The first category (in file order) whose locations cover a file."""
        return next((c for c in self.categories if c.covers_path(relpath)), None)

    def for_column(self, schema: str, table: str, column: str) -> Category | None:
        return next((c for c in self.categories if c.covers_column(schema, table, column)),
                    None)


def load_project(config: str | None, start: Path | None = None
                 ) -> tuple[Policy, ProjectConfig]:
    """The policy and settings of `--config FILE`, else of the configuration found
    upward from `start` (the current directory)."""
    try:
        project = command_config(config, start)
    except ConfigError as exc:
        raise PolicyError(exc.key, **exc.fields) from None
    if project.source is None:
        raise PolicyError("policy.no_configuration_file", config_file=CONFIG_FILE)
    if "policy" not in project.tables:
        raise PolicyError("policy.no_policy_table", source=project.source)
    return parse_policy(project.tables["policy"], project.source), project


def load_policy(config: str | None, start: Path | None = None) -> Policy:
    return load_project(config, start)[0]


def parse_policy(table: object, source: str) -> Policy:
    """Check and convert the `[policy]` table."""
    if not isinstance(table, dict) or set(table) - {"categories"}:
        raise PolicyError("policy.policy_takes_only_categories", source=source)
    items = table.get("categories")
    if not isinstance(items, list) or not items:
        raise PolicyError("policy.no_policy_categories", source=source)
    categories = [_category(item, f"{source}: policy.categories[{i}]")
                  for i, item in enumerate(items)]
    seen: set[str] = set()
    for c in categories:
        if c.id in seen:
            raise PolicyError("policy.duplicate_id", source=source, id=c.id)
        seen.add(c.id)
    return Policy(tuple(categories), source)


def parse_retention(text: object, where: str = "retention") -> Retention:
    if isinstance(text, str) and text.strip() in INDEFINITE:
        return Retention(text.strip(), None)
    m = _RETENTION.match(text) if isinstance(text, str) else None
    if not m:
        raise PolicyError("policy.bad_retention", where=where)
    return Retention(text.strip(), int(m.group(1)) * _DAYS[m.group(2)])


def _category(item: object, where: str) -> Category:
    if not isinstance(item, dict):
        raise PolicyError("policy.not_table", where=where)
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise PolicyError("policy.unknown_keys",
                          where=where, unknown=unknown, keys=sorted(KEYS))
    missing = [k for k in REQUIRED if k not in item]
    if missing:
        raise PolicyError("policy.missing_required_keys", where=where, missing=missing)
    cid = item["id"]
    if not isinstance(cid, str) or not _ID.match(cid):
        raise PolicyError("policy.bad_id", where=where)
    where = f"{where} ({cid})"
    for key in ("name", "owner"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise PolicyError("policy.must_non_empty_string", where=where, key=key)
    purposes = _strings(item["purposes"], f"{where}.purposes")
    locations = _strings(item["locations"], f"{where}.locations")
    flags = {k: item.get(k, False) for k in ("my_number", "entrusted", "sensitive")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise PolicyError("policy.must_true_false", where=where, key=key)
    entities = None
    if "entities" in item:
        entities = frozenset(_strings(item["entities"], f"{where}.entities"))
        unknown = sorted(entities - set(ENTITY_TYPES))
        if unknown:
            raise PolicyError("policy.entities_unknown_types", where=where, unknown=unknown)
    return Category(
        id=cid, name=item["name"].strip(), purposes=purposes, owner=item["owner"].strip(),
        retention=parse_retention(item["retention"], f"{where}.retention"),
        locations=locations,
        paths=tuple(p for p in locations if not p.startswith(DB_PREFIX)),
        tables=tuple(_db_pattern(p, f"{where}.locations") for p in locations
                     if p.startswith(DB_PREFIX)),
        entities=entities, **flags)


def _db_pattern(text: str, where: str) -> DbPattern:
    parts = text[len(DB_PREFIX):].split(".")
    if len(parts) not in (2, 3) or not all(parts):
        raise PolicyError("policy.must_db_schema_table", where=where, text=text)
    return DbPattern(parts[0], parts[1], parts[2] if len(parts) == 3 else None)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if (not isinstance(value, list) or not value
            or not all(isinstance(v, str) and v.strip() for v in value)):
        raise PolicyError("policy.must_non_empty_list", where=where)
    return tuple(v.strip() for v in value)
