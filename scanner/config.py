"""Project configuration, one for every command: `.mamoru.toml`, or `[tool.mamoru]` in
`pyproject.toml`, found from the current directory upward (or `--config FILE`).

```toml
[tool.mamoru]                      # in .mamoru.toml: the same keys at the top level
exclude = ["tests/fixtures/**", "*.min.js"]      # scan and hook: gitignore-style globs
entities = ["JP_MY_NUMBER", "PHONE_NUMBER"]      # default: every type
min_score = 0.6                                  # default: the engine's threshold
allow_mynumber = ["*/payroll/*"]                 # inventory: where My Numbers may be kept
recognizers = "recognizers.yaml"                 # extra recognizers (Presidio YAML)
mask_policy = "mask-policy.toml"                 # mask, mask-db: the masking policy file
inventory = ".mamoru/inventory.sqlite"           # scan, scan-db, inventory: path or URL
allowed_values = ["03-1234-5678"]                # hook: anyone's type ...
[tool.mamoru.allowed_values]                     # ... or per type
PHONE_NUMBER = ["03-1234-5678"]
baseline = ".mamoru-baseline.json"
skipped_files = "fail"     # hook: stop on staged files it cannot read ("warn": let them by)
file_timeout = 120         # scan, hook: seconds one file may take (then it is an error)
[tool.mamoru.policy]                             # read by scanner.ledger.policy
```

Relative paths in the file are relative to the file's directory. `.mamoru.toml` wins
over `pyproject.toml` in the same directory. Unknown keys are errors with a "did you
mean". The result is a frozen `ProjectConfig` passed down; nothing here is global.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.i18n import Lang
from scanner.messages import Both, CatalogueError
from scanner.privacy import canonical
from scanner.scanfiles.ignore import ExcludeRules

if TYPE_CHECKING:
    from scanner.i18n import Lang

CONFIG_FILE = ".mamoru.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_BASELINE = ".mamoru-baseline.json"
DEFAULT_MIN_SCORE = 0.5
SETTINGS = ("exclude", "entities", "min_score", "allow_mynumber", "recognizers",
            "mask_policy", "inventory", "allowed_values", "baseline", "skipped_files",
            "file_timeout")
# Tables kept as data for the module that reads them (`policy`: scanner.ledger.policy).
PASS_THROUGH = ("policy",)
KEYS = (*SETTINGS, *PASS_THROUGH)
ANY_TYPE = "*"
SKIPPED_FILES = ("fail", "warn")


class ConfigError(CatalogueError, ValueError):
    """The configuration cannot be used; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """Settings of one project, as read from its configuration file."""

    exclude: tuple[str, ...] = ()
    entities: frozenset[str] | None = None  # None: every registered type
    min_score: float = DEFAULT_MIN_SCORE
    allow_mynumber: tuple[str, ...] = ()
    recognizers: str | None = None  # absolute path of a Presidio YAML file
    mask_policy: str | None = None  # absolute path of a masking policy file
    inventory: str | None = None  # path (absolute) or SQLAlchemy URL
    # canonical value -> the types it is allowed for (ANY_TYPE: all of them)
    allowed_values: tuple[tuple[str, str], ...] = ()
    baseline: str = DEFAULT_BASELINE
    source: str | None = None  # the file the settings came from
    min_score_set: bool = False  # min_score written in the file (not the default)
    skipped_files: str = "fail"  # hook: "fail" (exit 1) or "warn" on files it cannot read
    file_timeout: float | None = None  # scan, hook: seconds per file (None: the command's)
    tables: dict = field(default_factory=dict, hash=False)  # PASS_THROUGH tables, as read

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


def add_config_argument(parser) -> None:
    """`--config FILE` on a command's parser."""
    parser.add_argument("--config", metavar="FILE", default=None,
                        help=f"configuration file (default: the nearest {CONFIG_FILE} or "
                             f"{PYPROJECT} [tool.mamoru], upward)")


def find_config(start: Path) -> Path | None:
    """The nearest `.mamoru.toml`, or `pyproject.toml` with `[tool.mamoru]`, upward."""
    for directory in (start, *start.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and "mamoru" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def command_config(explicit: str | None = None, start: Path | None = None) -> ProjectConfig:
    """The configuration a command runs with: `--config FILE`, else the nearest one
    upward from `start` (the current directory), else the defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config.not_found", explicit=explicit)
    else:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return ProjectConfig()
    return read_config(path)


def read_config(path: Path) -> ProjectConfig:
    """One configuration file (`pyproject.toml`: its `[tool.mamoru]` table)."""
    data = _read_toml(path)
    base = path.resolve().parent
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("mamoru")
        return ProjectConfig() if table is None else parse_config(
            table, f"{path} [tool.mamoru]", base)
    return parse_config(data, str(path), base)


def load_config(root: Path) -> ProjectConfig:
    """The configuration of the project at `root` (defaults when there is none)."""
    own = root / CONFIG_FILE
    if own.is_file():
        return read_config(own)
    pyproject = root / PYPROJECT
    if pyproject.is_file():
        return read_config(pyproject)
    return ProjectConfig()


def parse_config(table: object, source: str, base: Path | None = None) -> ProjectConfig:
    """Check and convert one `[tool.mamoru]`-style table."""
    if not isinstance(table, dict):
        raise ConfigError("config.expected_table", source=source)
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint_en = f" (did you mean {close[0]!r}?)" if close else ""
            hint_ja = f"（{close[0]!r} のことですか？）" if close else ""
            raise ConfigError("config.unknown_key_known",
                              source=source, key=key, hint=Both(hint_ja, hint_en),
                              keys=", ".join(KEYS))
    min_score = table.get("min_score", DEFAULT_MIN_SCORE)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise ConfigError("config.min_score_must_number", source=source)
    if not 0.0 <= min_score <= 1.0:
        raise ConfigError("config.min_score_must_between", source=source)
    baseline = table.get("baseline", DEFAULT_BASELINE)
    if not isinstance(baseline, str) or not baseline:
        raise ConfigError("config.baseline_must_path", source=source)
    skipped_files = table.get("skipped_files", "fail")
    if skipped_files not in SKIPPED_FILES:
        raise ConfigError("config.skipped_files_must_one",
                          source=source, skipped_files=", ".join(SKIPPED_FILES))
    file_timeout = table.get("file_timeout")
    if file_timeout is not None and (isinstance(file_timeout, bool) or not isinstance(
            file_timeout, int | float) or not 0 < file_timeout < float("inf")):
        raise ConfigError("config.file_timeout_must_number", source=source)
    entities = table.get("entities")
    if entities is not None:  # types of extra recognizers are known only once loaded
        entities = (frozenset(_strings(entities, source, "entities")) if "recognizers" in table
                    else _entities(entities, source))
    return ProjectConfig(
        exclude=_strings(table.get("exclude", []), source, "exclude"),
        entities=entities,
        min_score=float(min_score),
        allow_mynumber=_strings(table.get("allow_mynumber", []), source, "allow_mynumber"),
        recognizers=_path(table, "recognizers", source, base),
        mask_policy=_path(table, "mask_policy", source, base),
        inventory=_path(table, "inventory", source, base, url_ok=True),
        allowed_values=_allowed(table.get("allowed_values", []), source),
        baseline=baseline,
        source=source,
        min_score_set="min_score" in table,
        skipped_files=skipped_files,
        file_timeout=None if file_timeout is None else float(file_timeout),
        tables={k: table[k] for k in PASS_THROUGH if k in table},
    )


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        from scanner.messages import toml_position

        line, column = toml_position(exc)
        raise ConfigError("config.bad_toml", path=path, line=line, column=column) from None
    except UnicodeDecodeError:
        from scanner.messages import MESSAGES

        raise ConfigError("config.unreadable", path=path,
                          reason=Both(*MESSAGES["os.not_utf8"])) from None
    except OSError as exc:
        from scanner.messages import os_reason

        raise ConfigError("config.unreadable", path=path,
                          reason=Both(os_reason(exc, Lang("ja")), exc.strerror)) from None


def _strings(value: object, source: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError("config.must_list_strings", source=source, key=key)
    return tuple(value)


def _entities(value: object, source: str) -> frozenset[str]:
    from recognizers.registry import ENTITY_TYPES

    names = _strings(value, source, "entities")
    for name in names:
        if name not in ENTITY_TYPES:
            close = difflib.get_close_matches(name, list(ENTITY_TYPES), n=1, cutoff=0.5)
            hint_en = f" (did you mean {close[0]!r}?)" if close else ""
            hint_ja = f"（{close[0]!r} のことですか？）" if close else ""
            raise ConfigError("config.entities_unknown_entity_type",
                              source=source, name=name, hint=Both(hint_ja, hint_en))
    return frozenset(names)


def _path(table: dict, key: str, source: str, base: Path | None,
          url_ok: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError("config.must_path", source=source, key=key)
    if (url_ok and "://" in value) or base is None:
        return value
    return os.path.join(base, os.path.expanduser(value))


def _allowed(value: object, source: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, list):
        return tuple((canonical(v), ANY_TYPE) for v in _strings(value, source, "allowed_values"))
    if isinstance(value, dict):
        return tuple(
            (canonical(v), kind)
            for kind, values in value.items()
            for v in _strings(values, source, f"allowed_values.{kind}")
        )
    raise ConfigError("config.allowed_values_must_list", source=source)


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


def extra_recognizers(config: ProjectConfig) -> tuple:
    """The recognizers of the configuration's `recognizers` file (none without one)."""
    if not config.recognizers:
        return ()
    from scanner.presidio_bridge import recognizers_from_yaml

    try:
        return tuple(recognizers_from_yaml(config.recognizers))
    except Exception as exc:  # Presidio raises many kinds; the file is what is wrong
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise ConfigError("config.recognizers_cannot_load",
                          source=config.source, recognizers=config.recognizers,
                          reason=reason) from None
