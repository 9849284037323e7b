"""Profiles and policy files: which operator each entity type and column gets.

Profiles:
- `dev-test`: realistic keyed surrogates everywhere (consistent across files, tables, runs).
- `pseudonymized` (仮名加工情報, APPI Art. 41): identification codes, names, card numbers
  and contact data replaced by keyed hashes (non-restorable values); addresses and
  postal codes coarsened; dates of birth kept.
- `anonymized` (匿名加工情報, Art. 43): everything replaced by tags or generalized, key
  columns hashed with a key used for this run only (no link to other data), rare
  quasi-identifier values generalized, k-anonymity reported.

A policy file (TOML or YAML) starts from a profile and overrides rules:

    profile = "dev-test"
    min_score = 0.5
    lang = "ja"                       # tag language
    quasi = ["birth_year", "city"]    # k-anonymity report columns
    k = 5
    [entities.PERSON]
    operator = "tag"
    [columns."customers.memo"]        # "table.column" or a bare column / CSV header
    entity = "PERSON"                 # the whole cell is this type
    [columns.internal_note]
    operator = "keep"                 # or: drop = true
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from recognizers.registry import ENTITY_TYPES as REGISTERED_TYPES
from scanner.i18n import Lang
from scanner.masking.operators import OPERATOR_NAMES
from scanner.messages import Both, CatalogueError, os_reason, toml_position

PROFILES = ("dev-test", "pseudonymized", "anonymized")
ENTITY_TYPES = tuple(REGISTERED_TYPES)  # the one registry of entity names


class PolicyError(CatalogueError, ValueError):
    """A policy file that cannot be used (bad syntax, unknown operator or type)."""


@dataclass(frozen=True, slots=True)
class Rule:
    operator: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ColumnRule:
    entity: str | None = None  # the whole cell is this type
    operator: str | None = None  # overrides the entity's rule ("keep" leaves it alone)
    drop: bool = False


@dataclass(frozen=True, slots=True)
class Policy:
    profile: str
    rules: dict[str, Rule]
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    min_score: float = 0.5
    lang: str = "ja"
    quasi: tuple[str, ...] = ()
    k: int = 5
    # anonymized: key columns are hashed with a key made for this run only
    run_key_for_keys: bool = False

    def rule(self, entity_type: str) -> Rule:
        return self.rules.get(entity_type, self.rules["DEFAULT"])

    @property
    def masked_types(self) -> frozenset[str]:
        """Entity types that must not remain in an output (the leak check's types)."""
        return frozenset(e for e in ENTITY_TYPES if self.rule(e).operator != "keep")

    @property
    def generalize_rare(self) -> bool:
        return self.profile == "anonymized"

    def column(self, table: str | None, column: str) -> ColumnRule | None:
        """The rule naming `table.column` or the bare column, if any."""
        if table is not None and f"{table}.{column}" in self.columns:
            return self.columns[f"{table}.{column}"]
        return self.columns.get(column)


def profile_policy(profile: str) -> Policy:
    """The built-in policy of a profile."""
    if profile == "dev-test":
        rules = {e: Rule("pseudonym") for e in ENTITY_TYPES}
        rules["DEFAULT"] = Rule("pseudonym")
        return Policy(profile, rules)
    if profile == "pseudonymized":
        rules = {e: Rule("keyed_hash") for e in ENTITY_TYPES}
        rules.update(
            JP_ADDRESS=Rule("generalize"), JP_POSTAL_CODE=Rule("generalize"),
            DATE_OF_BIRTH=Rule("keep"), JP_CORPORATE_NUMBER=Rule("keep"),
            DEFAULT=Rule("keyed_hash"),
        )
        return Policy(profile, rules)
    if profile == "anonymized":
        rules = {e: Rule("tag") for e in ENTITY_TYPES}
        rules.update(
            JP_ADDRESS=Rule("generalize"), JP_POSTAL_CODE=Rule("generalize"),
            DATE_OF_BIRTH=Rule("generalize"), JP_CORPORATE_NUMBER=Rule("keep"),
            DEFAULT=Rule("tag"),
        )
        return Policy(profile, rules, run_key_for_keys=True)
    raise PolicyError("mask.policy.unknown_profile", profile=profile)


def load_policy(path: Path | None, profile: str | None) -> Policy:
    """The profile's policy with a policy file's overrides (`--profile` wins)."""
    data = _read(path) if path is not None else {}
    base = profile or data.get("profile") or "dev-test"
    if base not in PROFILES:
        raise PolicyError("mask.policy.unknown_profile", profile=base)
    policy = profile_policy(base)
    rules = dict(policy.rules)
    for entity, spec in (data.get("entities") or {}).items():
        _check_entity(entity)
        rules[entity] = _rule(spec, f"entities.{entity}")
    columns = {name: _column(spec, name) for name, spec in (data.get("columns") or {}).items()}
    quasi = data.get("quasi") or ()
    if isinstance(quasi, str):
        quasi = [q.strip() for q in quasi.split(",") if q.strip()]
    return replace(
        policy, rules=rules, columns=columns,
        min_score=float(data.get("min_score", policy.min_score)),
        lang=str(data.get("lang", policy.lang)), quasi=tuple(quasi),
        k=int(data.get("k", policy.k)),
    )


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError("mask.policy.cannot_read", path=path,
                          reason=Both(os_reason(exc, Lang("ja")), exc.strerror)) from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw.decode("utf-8")) or {}
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        from scanner.messages import MESSAGES

        raise PolicyError("mask.policy.cannot_read", path=path,
                          reason=Both(*MESSAGES["os.not_utf8"])) from None
    except Exception as exc:  # syntax errors of either parser
        raise PolicyError("mask.policy.syntax", path=path,
                          error=Both(_position(exc), str(exc))) from exc
    if not isinstance(data, dict):
        raise PolicyError("mask.policy.not_mapping", path=path)
    return data


def _position(exc: Exception) -> str:
    """Where a TOML or YAML syntax error is, in Japanese (the parsers word it in English)."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:
        line, column = toml_position(exc)
    return f"{line} 行目、{column} 列"


def _check_entity(entity: str) -> None:
    if entity not in ENTITY_TYPES and entity != "DEFAULT":
        raise PolicyError("mask.policy.unknown_entity", entity=entity)


def _rule(spec: object, where: str) -> Rule:
    if isinstance(spec, str):
        spec = {"operator": spec}
    if not isinstance(spec, dict) or spec.get("operator") not in OPERATOR_NAMES:
        raise PolicyError("mask.policy.bad_operator", where=where,
                          operators=", ".join(OPERATOR_NAMES))
    params = {k: v for k, v in spec.items() if k != "operator"}
    return Rule(spec["operator"], params)


def _column(spec: object, name: str) -> ColumnRule:
    if not isinstance(spec, dict):
        raise PolicyError("mask.policy.not_table", name=name)
    entity = spec.get("entity")
    if entity is not None:
        _check_entity(entity)
    operator = spec.get("operator")
    if operator is not None and operator not in OPERATOR_NAMES:
        raise PolicyError("mask.policy.bad_operator", where=f"columns.{name}",
                          operators=", ".join(OPERATOR_NAMES))
    return ColumnRule(entity=entity, operator=operator, drop=bool(spec.get("drop", False)))
