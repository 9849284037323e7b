"""Project configuration: `[tool.mamoru]` in `pyproject.toml`, or a `.mamoru.toml`.

```toml
[tool.mamoru]                      # in .mamoru.toml: the same keys at the top level
exclude = ["tests/fixtures/**", "*.min.js"]
entities = ["JP_MY_NUMBER", "PHONE_NUMBER"]      # default: every type
min_score = 0.6                                  # default: the engine's threshold
allowed_values = ["03-1234-5678"]                # anyone's type ...
[tool.mamoru.allowed_values]                     # ... or per type
PHONE_NUMBER = ["03-1234-5678"]
baseline = ".mamoru-baseline.json"
```

`.mamoru.toml` wins over `pyproject.toml` when both exist. The result is a frozen
`ProjectConfig` passed down; nothing here is global.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scanner.privacy import canonical
from scanner.scanfiles.ignore import ExcludeRules

CONFIG_FILE = ".mamoru.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_BASELINE = ".mamoru-baseline.json"
DEFAULT_MIN_SCORE = 0.5
KEYS = ("exclude", "entities", "min_score", "allowed_values", "baseline", "policy")
# `policy` is read by scanner.ledger.policy; here it is opaque.
ANY_TYPE = "*"


class ConfigError(ValueError):
    """The configuration file cannot be used; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """Settings of one project, as read from its configuration file."""

    exclude: tuple[str, ...] = ()
    entities: frozenset[str] | None = None  # None: every registered type
    min_score: float = DEFAULT_MIN_SCORE
    # canonical value -> the types it is allowed for (ANY_TYPE: all of them)
    allowed_values: tuple[tuple[str, str], ...] = ()
    baseline: str = DEFAULT_BASELINE
    source: str | None = None  # the file the settings came from

    def is_excluded(self, path: str) -> bool:
        """True when a repository-relative POSIX path matches an exclude glob."""
        return _excluded(path, self.exclude)

    def is_allowed_value(self, value: str, entity_type: str) -> bool:
        """True when the value (compared canonically) is listed as allowed for its type."""
        canon = canonical(value)
        return any(
            canon == allowed and kind in (ANY_TYPE, entity_type)
            for allowed, kind in self.allowed_values
        )


def load_config(root: Path) -> ProjectConfig:
    """The configuration of the project at `root` (defaults when there is none)."""
    own = root / CONFIG_FILE
    if own.is_file():
        return parse_config(_read_toml(own), str(own))
    pyproject = root / PYPROJECT
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("mamoru")
        if table is not None:
            return parse_config(table, f"{pyproject} [tool.mamoru]")
    return ProjectConfig()


def parse_config(table: object, source: str) -> ProjectConfig:
    """Check and convert one `[tool.mamoru]`-style table."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: expected a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown keys {unknown}; known: {list(KEYS)}")
    entities = table.get("entities")
    min_score = table.get("min_score", DEFAULT_MIN_SCORE)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise ConfigError(f"{source}: min_score must be a number")
    if not 0.0 <= min_score <= 1.0:
        raise ConfigError(f"{source}: min_score must be between 0 and 1")
    baseline = table.get("baseline", DEFAULT_BASELINE)
    if not isinstance(baseline, str) or not baseline:
        raise ConfigError(f"{source}: baseline must be a path")
    return ProjectConfig(
        exclude=_strings(table.get("exclude", []), source, "exclude"),
        entities=None if entities is None else frozenset(_strings(entities, source, "entities")),
        min_score=float(min_score),
        allowed_values=_allowed(table.get("allowed_values", []), source),
        baseline=baseline,
        source=source,
    )


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None


def _strings(value: object, source: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key} must be a list of strings")
    return tuple(value)


def _allowed(value: object, source: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, list):
        return tuple((canonical(v), ANY_TYPE) for v in _strings(value, source, "allowed_values"))
    if isinstance(value, dict):
        return tuple(
            (canonical(v), kind)
            for kind, values in value.items()
            for v in _strings(values, source, f"allowed_values.{kind}")
        )
    raise ConfigError(f"{source}: allowed_values must be a list or a table of lists")


def glob_match(path: str, pattern: str) -> bool:
    """Whether a gitignore-style pattern excludes a path (or a directory above it)."""
    return _excluded(path, (pattern,))


@cache
def _rules(patterns: tuple[str, ...]) -> ExcludeRules:
    return ExcludeRules(list(patterns))


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    rules = _rules(patterns)
    parts = path.split("/")
    return any(
        rules.excluded("/".join(parts[:i]), is_dir=i < len(parts))
        for i in range(1, len(parts) + 1)
    )
