"""The catalogues: every text in both languages, the same placeholders, every key used
in the code defined, every option of every command with a help text."""

from __future__ import annotations

import ast
import errno
import re
import string
from pathlib import Path

import pytest

from scanner.cli import build_parser
from scanner.help_texts import HELP_TEXTS, help_text
from scanner.i18n import Lang, fill
from scanner.messages import MESSAGES

REPO = Path(__file__).resolve().parents[1]
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_in_both_languages(key: str) -> None:
    ja, en = MESSAGES[key]
    assert ja.strip() and en.strip()
    letters = re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", ja))
    assert JAPANESE.search(ja) or not letters, f"{key}: the Japanese text has no Japanese"
    assert _fields(ja) == _fields(en), f"{key}: placeholders differ"


@pytest.mark.parametrize("key", sorted(HELP_TEXTS))
def test_help_text_in_both_languages(key: str) -> None:
    ja, en = HELP_TEXTS[key]
    assert JAPANESE.search(ja) and en.strip()
    assert "%" not in ja + en


# errors worded by the catalogue: their first argument is a message id
CATALOGUE_ERRORS = {"CatalogueError", "ConfigError", "PolicyError", "BaselineError", "Refused",
                    "MaskInputError", "DbMaskError", "StagingError", "both"}


def _keys_in(source: str) -> set[str]:
    """Literal ids of `*.t("key", ...)` calls and of catalogue errors in `source`."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", None))
        if (name == "t" and isinstance(node.func, ast.Attribute)) or name in CATALOGUE_ERRORS:
            keys.add(node.args[0].value)
    return keys


def _used_keys() -> set[tuple[str, str]]:
    """(file, key) for every message id used with a literal in the code."""
    used = set()
    for package in ("scanner", "reports", "recognizers", "mamoru"):
        for path in (REPO / package).rglob("*.py"):
            used |= {(path.name, key) for key in _keys_in(path.read_text(encoding="utf-8"))}
    return used


def test_every_key_used_is_defined() -> None:
    used = _used_keys()
    assert len(used) >= 10  # the walk finds the calls
    missing = sorted((f, k) for f, k in used if k not in MESSAGES)
    assert missing == []


def test_a_missing_key_is_caught() -> None:
    """The planted failure: a key used but not defined fails loudly, and the walk finds
    ids in errors as well as in `t` calls."""
    with pytest.raises(KeyError):
        Lang("ja").t("no.such.key")
    assert _keys_in('raise ConfigError("config.nope", source=s)\nlang.t("a.b")\n') == {
        "config.nope", "a.b"}
    assert _keys_in('raise Refused("mask.refused.nope")\nboth("mask_db.nope")\n') == {
        "mask.refused.nope", "mask_db.nope"}


def test_every_option_of_every_command_has_help() -> None:
    parser = build_parser(None, Lang("en"))
    assert set(parser.subparsers) >= {"scan", "inventory", "hook", "baseline", "analyze"}
    missing = [f"{name}.{a.dest}" for name, p in parser.subparsers.items()
               for a in p._actions if a.dest != "help"
               and help_text(name, a.dest, max(a.option_strings, key=len, default=None)) is None]
    assert missing == [], "add these to scanner/help_texts.py (Japanese and English)"
    assert all(name in HELP_TEXTS for name in parser.subparsers)


def test_os_errors_are_worded_in_both_languages() -> None:
    from scanner.messages import os_error

    exc = FileNotFoundError(2, "No such file or directory", "/tmp/x.csv")
    assert os_error(exc, Lang("ja")) == (
        "読めません: /tmp/x.csv: ファイルまたはディレクトリがありません")
    assert os_error(exc, Lang("en")) == "cannot read /tmp/x.csv: no such file or directory"
    odd = OSError(errno.EHOSTDOWN, "Host is down")
    assert os_error(odd, Lang("ja"), writing=True, path="p") == (
        "書き込めません: p: OS エラー EHOSTDOWN")


def test_every_text_formats_with_its_placeholders() -> None:
    """`Lang.t` always formats: a stray brace or a bad spec fails here, not in a user's run."""
    for key, (ja, en) in MESSAGES.items():
        for count in (1, 2):
            fields = {f.split(".")[0].split("[")[0]: count for f in _fields(ja)}
            assert fill(ja, **fields) and fill(en, **fields), key


# Fields that hold a count: in English the noun after one agrees with it (`{n:# file|# files}`).
_COUNT_FIELD = re.compile(
    r"\{((?:n|count|total|\w+_count|paths|errors|findings|tables|files|rows|classes|columns"
    r"|violations|gap))\} (?!could\b)[a-z]+"
)


def _bare_counts(en: str) -> list[str]:
    return [m.group(0) for m in _COUNT_FIELD.finditer(en)]


def test_english_counts_agree_with_their_nouns() -> None:
    """`1 tables`, `1 errors`, `1 chars before` read as unfinished: every count before a
    noun picks the singular for one."""
    assert {k: _bare_counts(en) for k, (_, en) in MESSAGES.items() if _bare_counts(en)} == {}
    assert Lang("en").t("scan_db.summary", tables=1, carried_over=0, columns=2, errors=1) == (
        "1 table (0 unchanged since the last scan), 2 columns with personal data, 1 error")
    assert Lang("ja").t("scan_db.summary", tables=1, carried_over=0, columns=2, errors=1) == (
        "1 表（前回から変更なし 0）、個人情報を含む列 2、エラー 1")
    assert fill("{n:# file|# files}, {n:was|were} {x:.1f}", n=1, x=2) == "1 file, was 2.0"
    assert fill("{n:# file|# files}", n=0) == "0 files"


def test_a_bare_count_is_caught() -> None:
    """The planted failure for the test above."""
    assert _bare_counts("{tables} tables (0 unchanged), {errors} errors") == [
        "{tables} tables", "{errors} errors"]
    assert _bare_counts("{tables:# table|# tables}; {unread} could not be read") == []


def test_the_parts_of_the_catalogue_do_not_clash() -> None:
    from scanner.catalogue import merged

    with pytest.raises(ValueError, match="defined twice"):
        merged({"analyze.line": ("x", "x")})


# commands and modules whose texts all come from the catalogue (no inline pairs left)
MIGRATED = ["scanner/cli.py", "scanner/cliargs.py", "scanner/dburl.py", "scanner/privacy.py",
            *(str(p.relative_to(REPO)) for p in (REPO / "scanner/commands").glob("*.py")),
            "scanner/inventory/session.py", "scanner/inventory/keyid.py",
            "scanner/ledger/impact.py", "scanner/ledger/persons.py",
            "scanner/ledger/violations.py", "scanner/ledger/access.py",
            "reports/ledger.py", "reports/inventory.py", "reports/table.py", "reports/lines.py",
            "mamoru/spark/__main__.py",
            *(str(p.relative_to(REPO)) for p in (REPO / "scanner/masking").rglob("*.py"))]


def _is_pair(args: list[ast.expr]) -> bool:
    """Two literal texts (f-strings too), the first one Japanese: a (ja, en) pair."""
    literal = (ast.Constant, ast.JoinedStr)
    if len(args) != 2 or not all(isinstance(a, literal) for a in args):
        return False
    first = args[0]
    parts = [first] if isinstance(first, ast.Constant) else first.values
    return any(isinstance(p, ast.Constant) and isinstance(p.value, str)
               and JAPANESE.search(p.value) for p in parts)


def _inline_pairs(source: str) -> list[int]:
    """Lines of `lang("...", "...")` calls with two literal texts, of errors raised with a
    Japanese and an English text (or an unnamed language picker called with them), and of
    (ja, en) notices appended to a list."""
    literal = (ast.Constant, ast.JoinedStr)
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None)) or ""
        picker = name == "lang" and len(node.args) == 2 and all(
            isinstance(a, literal) for a in node.args)
        error = (name.endswith("Error") or name in ("Refused", "")) and _is_pair(node.args)
        notice = name == "append" and len(node.args) == 1 and isinstance(
            node.args[0], ast.Tuple) and _is_pair(node.args[0].elts)
        if picker or error or notice:
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", MIGRATED)
def test_no_inline_text_pairs_left(path: str) -> None:
    assert _inline_pairs((REPO / path).read_text(encoding="utf-8")) == []


def test_an_inline_pair_is_caught() -> None:
    """The planted failure for the test above."""
    assert _inline_pairs('print(lang(f"読めません: {p}", f"cannot read {p}"))\n') == [1]
    assert _inline_pairs('print(lang.t("scan.error", error=e))\n') == []
    assert _inline_pairs('raise DbMaskError(f"表がありません: {t}",\n  f"no table {t}")\n') == [1]
    assert _inline_pairs('notices.append((f"削除しました: {n}", f"removed {n}"))\n') == [1]
    assert _inline_pairs('print((lang or Lang("ja"))(f"鍵: {p}", f"key: {p}"))\n') == [1]
    assert _inline_pairs('LABELS = {"x": ("東京", "Tokyo")}\n') == []  # a label table
    assert _inline_pairs('raise DbMaskError("mask_db.no_tables", url=u)\n') == []


@pytest.mark.parametrize("driver_text", [
    "terminating connection due to administrator command",  # pg_terminate_backend
    "consuming input failed: server closed the connection unexpectedly",  # psycopg
    "(2013, 'Lost connection to MySQL server during query')",  # MariaDB KILL
    "(2006, 'MySQL server has gone away')",
    "the connection to the database was lost (closed by the server, or a restart)",
])
def test_a_lost_connection_is_named_in_japanese(driver_text: str) -> None:
    from scanner.messages import driver_reason

    assert driver_reason(driver_text, Lang("ja")) == MESSAGES["db.connection_lost"][0]
    assert driver_reason(driver_text, Lang("en")) == driver_text  # English keeps its words
