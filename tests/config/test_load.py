"""Project configuration: where it is read from, what it accepts, how globs match."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import ConfigError, ProjectConfig, glob_match, load_config, parse_config


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path):
    assert load_config(tmp_path) == ProjectConfig()


def test_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", """
[project]
name = "x"
[tool.mamoru]
exclude = ["tests/fixtures/**"]
entities = ["JP_MY_NUMBER", "PHONE_NUMBER"]
min_score = 0.7
allowed_values = ["03-1234-5678"]
baseline = "ci/baseline.json"
""")
    config = load_config(tmp_path)
    assert config.exclude == ("tests/fixtures/**",)
    assert config.entities == frozenset({"JP_MY_NUMBER", "PHONE_NUMBER"})
    assert config.min_score == 0.7
    assert config.allowed_values == (("0312345678", "*"),)
    assert config.baseline == "ci/baseline.json"
    assert config.source == f"{tmp_path / 'pyproject.toml'} [tool.mamoru]"


def test_pyproject_without_table_gives_defaults(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path) == ProjectConfig()


def test_own_file_wins_over_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.mamoru]\nmin_score = 0.9\n")
    write(tmp_path / ".mamoru.toml", "min_score = 0.6\n")
    assert load_config(tmp_path).min_score == 0.6


def test_allowed_values_per_type_compare_canonically():
    config = parse_config(
        {"allowed_values": {"PHONE_NUMBER": ["０３（１２３４）５６７８"]}}, "test"
    )
    assert config.is_allowed_value("03-1234-5678", "PHONE_NUMBER")
    assert not config.is_allowed_value("03-1234-5678", "JP_BANK_ACCOUNT")
    assert not config.is_allowed_value("03-1234-5679", "PHONE_NUMBER")
    anyone = parse_config({"allowed_values": ["info@Example.co.jp"]}, "test")
    assert anyone.is_allowed_value("INFO@example.co.jp", "EMAIL_ADDRESS")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"exclude": "x"}, "test: exclude must be a list of strings"),
        ({"entities": [1]}, "test: entities must be a list of strings"),
        ({"min_score": "high"}, "test: min_score must be a number"),
        ({"min_score": True}, "test: min_score must be a number"),
        ({"min_score": 1.5}, "test: min_score must be between 0 and 1"),
        ({"baseline": ""}, "test: baseline must be a path"),
        ({"allowed_values": 3}, "test: allowed_values must be a list or a table of lists"),
        ({"allowed_values": {"PHONE_NUMBER": "x"}},
         "test: allowed_values.PHONE_NUMBER must be a list of strings"),
        ({"excludes": []}, "test: unknown key 'excludes' (did you mean 'exclude'?); known: "
         "exclude, entities, min_score, allow_mynumber, recognizers, mask_policy, inventory, "
         "allowed_values, baseline, skipped_files, file_timeout, policy"),
        ({"allow_my_number": []}, "test: unknown key 'allow_my_number' (did you mean "
         "'allow_mynumber'?); known: exclude, entities, min_score, allow_mynumber, "
         "recognizers, mask_policy, inventory, allowed_values, baseline, skipped_files, "
         "file_timeout, policy"),
        ({"skipped_files": "ignore"}, "test: skipped_files must be one of fail, warn"),
        ({"file_timeout": 0}, "test: file_timeout must be a number of seconds above 0"),
        ({"file_timeout": "60"}, "test: file_timeout must be a number of seconds above 0"),
        ({"file_timeout": float("inf")}, "test: file_timeout must be a number of seconds above 0"),
        ({"entities": ["PHONE"]},
         "test: entities: unknown entity type 'PHONE' (did you mean 'PHONE_NUMBER'?)"),
    ],
)
def test_bad_values_name_the_key(table, message):
    with pytest.raises(ConfigError) as info:
        parse_config(table, "test")
    assert str(info.value) == message


def test_broken_toml_names_the_file(tmp_path):
    path = write(tmp_path / ".mamoru.toml", "exclude = [\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("tests/fixtures/a.csv", "tests/fixtures/**", True),
        ("tests/fixtures/deep/a.csv", "tests/fixtures/**", True),
        ("tests/fixtures/a.csv", "tests/fixtures", True),
        ("tests/fixtures/a.csv", "fixtures/", True),
        ("src/tests/fixtures/a.csv", "tests/fixtures/**", False),
        ("src/app.min.js", "*.min.js", True),
        ("src/app.js", "*.min.js", False),
        ("a/b/c.txt", "a/*.txt", False),
        ("a/b/c.txt", "a/**/*.txt", True),
        ("a/c.txt", "a/**/*.txt", True),
        ("data1.csv", "data[0-9].csv", True),
        ("datax.csv", "data[!0-9].csv", True),
        ("data1.csv", "data[!0-9].csv", False),
        ("a.txt", "?.txt", True),
        ("/abs.txt".lstrip("/"), "/abs.txt", True),
        ("sub/abs.txt", "/abs.txt", False),
    ],
)
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected


def test_is_excluded():
    config = ProjectConfig(exclude=("*.log", "vendor/"))
    assert config.is_excluded("logs/app.log")
    assert config.is_excluded("vendor/lib/x.py")
    assert not config.is_excluded("src/vendor.py")
