"""The message catalogue: id -> (Japanese, English), with `{field}` placeholders.

Use through `Lang.t("id", field=...)`. tests/test_messages.py checks that every id has
both texts, the same placeholders in each, and that every id used in the code is here.
The texts of each command live in `scanner/catalogue/`, merged here into one table.
"""

from __future__ import annotations

import errno
from typing import NamedTuple

from scanner.catalogue import merged
from scanner.i18n import fill

MESSAGES: dict[str, tuple[str, str]] = {
    # command line
    "cli.description": (
        "日本の個人情報（マイナンバー、氏名、住所など）をファイル・リポジトリ・データベースから"
        "見つけ、インベントリに記録し、開発用にマスクします。",
        "Finds Japanese personal data (My Number, names, addresses, ...) in files, "
        "repositories and databases, keeps an inventory of it and masks it for development.",
    ),
    "cli.epilog": (
        "終了コード: 0 問題なし、1 検出あり（検査不合格）、2 エラー。"
        "各コマンドの説明: mamoru help COMMAND",
        "Exit codes: 0 clean, 1 findings (a failed check), 2 error. "
        "Help on a command: mamoru help COMMAND",
    ),
    "cli.unknown_command": ("不明なコマンドです: {name}", "unknown command: {name}"),
    "cli.did_you_mean": ("もしかして: {names}", "did you mean: {names}"),
    "cli.commands_are": ("コマンド: {names}", "commands: {names}"),
    "cli.see_help": ("使い方: mamoru help {command}", "usage: mamoru help {command}"),
    "cli.interrupted": ("中断しました", "interrupted"),
    "cli.bad_env_lang": (
        "環境変数 MAMORU_LANG={value} は ja でも en でもないため無視します",
        "MAMORU_LANG={value} is neither ja nor en and is ignored",
    ),
    "cli.entities_header": ("種別名\t日本語名\t英語名", "name\tJapanese\tEnglish"),
    "cli.unknown_entities": (
        "不明な種別です: {names}。使える種別: {valid}（大文字小文字は区別しません）",
        "unknown entity types: {names}; valid types: {valid} (case does not matter)",
    ),
    "cli.bad_score": (
        "{value} はしきい値になりません。0 以上 1 以下の数にしてください（例 0.5）",
        "{value} is not a threshold: give a number from 0 to 1 (e.g. 0.5)",
    ),
    "cli.bad_count": ("{value} は使えません。{least} 以上の整数にしてください",
                      "{value} is not allowed: give a whole number of at least {least}"),
    "cli.bad_seconds": ("{value} は使えません。正の秒数にしてください（例 30）",
                        "{value} is not allowed: give a positive number of seconds (e.g. 30)"),
    "cli.bad_size": ("{value} は大きさではありません（例 100M、1.5G、4096）",
                     "{value} is not a size (e.g. 100M, 1.5G, 4096)"),
    "git.not_a_repository": ("git リポジトリの中ではありません（{cwd}）",
                             "not in a git repository ({cwd})"),
    # scan (scanner/commands/scan.py)
    "scan.progress": ("走査中", "scanning"),
    "scan.nothing_found": ("個人情報は見つかりませんでした", "no personal data found"),
    "scan.nothing_found_in_read": (
        "読み込んだファイルに個人情報は見つかりませんでした。ただし {unread} 件は読めていません"
        "（一覧: mamoru inventory --problems）",
        "no personal data found in the files read; {unread} could not be read "
        "(mamoru inventory --problems lists them)",
    ),
    "scan.error": ("エラー: {error}", "error: {error}"),
    "scan.summary": (
        "走査 #{scan}: {paths} 件（読込 {read}、未変更 {unchanged}、スキップ {skipped}、"
        "エラー {errors}）、検出 {findings} 件、新規 {new_assets}・変更 {changed_assets}・"
        "消失 {gone_assets}、新しい値 {new_fingerprints}",
        "scan #{scan}: {paths:# path|# paths} (read {read}, unchanged {unchanged}, skipped "
        "{skipped}, errors {errors}), {findings:# finding|# findings}, {new_assets} new / "
        "{changed_assets} changed / {gone_assets} gone assets, "
        "{new_fingerprints:# new value|# new values}",
    ),
    # the hook (scanner/hook/output.py)
    "hook.too_big": ("大きすぎるため検査していません: {path}", "not checked, too big: {path}"),
    "hook.timed_out": ("{seconds:g} 秒を超えたため検査を止めました（file_timeout）: {path}",
                       "check stopped after {seconds:g} s (file_timeout): {path}"),
    "hook.worker_died": ("検査中にワーカープロセスが終了しました: {path}",
                         "the worker process died while checking: {path}"),
    "hook.check_failed": ("検査に失敗しました（{error}）: {path}",
                          "check failed ({error}): {path}"),
    "hook.advice": (
        "個人情報が {count} 件ステージされています。値を削除してください。"
        "誤検知ならその行に `mamoru:allow 種別`（前の行なら `mamoru:allow-next-line`）を書くか、"
        "`mamoru baseline update` で既知として記録するか、"
        "[tool.mamoru] の allowed_values に加えてください。",
        "{count:# finding|# findings} of personal data staged. Remove the values; "
        "for a false positive add `mamoru:allow TYPE` on the line (or "
        "`mamoru:allow-next-line` on the line before), record it with "
        "`mamoru baseline update`, or list it under allowed_values in [tool.mamoru].",
    ),
    # OS errors, worded for people (the path is added by the caller)
    "os.ENOENT": ("ファイルまたはディレクトリがありません", "no such file or directory"),
    "os.EACCES": ("アクセス権がありません", "permission denied"),
    "os.EPERM": ("操作が許可されていません", "operation not permitted"),
    "os.EISDIR": ("ディレクトリです（ファイルを指定してください）", "is a directory"),
    "os.ENOTDIR": ("ディレクトリではありません", "not a directory"),
    "os.EEXIST": ("既にあります", "already exists"),
    "os.ENOSPC": ("ディスクの空きがありません", "no space left on the device"),
    "os.EROFS": ("読み取り専用のファイルシステムです", "read-only file system"),
    "os.EPIPE": ("出力先が閉じられました", "the output was closed"),
    "os.EIO": ("入出力エラーです（ディスクまたはネットワーク共有）",
               "input/output error (disk or network share)"),
    "os.ENAMETOOLONG": ("名前が長すぎます", "file name too long"),
    "os.ELOOP": ("シンボリックリンクが循環しています", "too many levels of symbolic links"),
    "os.ETIMEDOUT": ("時間切れです", "timed out"),
    "os.other": ("OS エラー {code}", "OS error {code}"),
    "os.cannot_read": ("読めません: {path}: {reason}", "cannot read {path}: {reason}"),
    "db.not_a_database": ("データベースのファイルではありません", "file is not a database"),
    "db.cannot_open": ("データベースのファイルを開けません", "unable to open database file"),
    "db.refused": ("接続を拒否されました", "connection refused"),
    "db.auth_failed": ("認証に失敗しました（ユーザー名・パスワード）",
                       "authentication failed (user name or password)"),
    "db.no_database": ("データベースまたは表がありません", "no such database or table"),
    "db.no_role": ("そのユーザー（ロール）はデータベースサーバーにありません",
                   "no such user (role) on the database server"),
    "db.connection_lost": (
        "データベースとの接続が途中で切れました（サーバーによる切断か再起動）",
        "the connection to the database was lost (closed by the server, or a restart)",
    ),
    "os.not_utf8": ("UTF-8 のテキストとして読めません", "not readable as UTF-8 text"),
    "os.cannot_write": ("書き込めません: {path}: {reason}", "cannot write {path}: {reason}"),
}

MESSAGES = merged(MESSAGES)

_ERRNO_KEYS = {getattr(errno, name): f"os.{name}" for name in (
    "ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EEXIST", "ENOSPC", "EROFS", "EPIPE",
    "EIO", "ENAMETOOLONG", "ELOOP", "ETIMEDOUT",
)}


def os_reason(exc: OSError, lang) -> str:
    """Why an OS call failed, in the user's language (never the raw `[Errno N] ...`)."""
    key = _ERRNO_KEYS.get(exc.errno or 0)
    if key:
        return lang.t(key)
    name = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return lang.t("os.other", code=name)


def reason_text(text: str, lang) -> str:
    """`path: No such file or directory` (an OS reason as Python words it) in the user's
    language; other text unchanged."""
    import os

    for number, key in _ERRNO_KEYS.items():
        english = os.strerror(number)
        if text.endswith(english):
            return text[: -len(english)] + lang.t(key)
    return text


def os_error(exc: OSError, lang, *, writing: bool = False, path: object = None) -> str:
    """`cannot read PATH: reason` (or write) for an OSError, in the user's language."""
    where = path if path is not None else (exc.filename if exc.filename is not None else "-")
    key = "os.cannot_write" if writing else "os.cannot_read"
    return lang.t(key, path=where, reason=os_reason(exc, lang))


def error_reason(exc: Exception, lang) -> str:
    """Why reading or writing failed, in the user's language: OS errors and undecodable
    bytes worded for people; any other error as its own text."""
    if isinstance(exc, OSError):
        return os_reason(exc, lang)
    if isinstance(exc, UnicodeError):
        return lang.t("os.not_utf8")
    return str(exc)



def toml_position(exc: ValueError) -> tuple[str, str]:
    """(line, column) of a TOML syntax error, from tomllib's message."""
    import re

    found = re.search(r"line (\d+), column (\d+)", str(exc))
    return found.groups() if found else ("?", "?")



# drivers' own words for common failures -> catalogue ids
_DRIVER_PHRASES = {"file is not a database": "db.not_a_database",
                   "unable to open database file": "db.cannot_open",
                   "connection refused": "db.refused",
                   "can't connect to mysql server": "db.refused",
                   "password authentication failed": "db.auth_failed",
                   "access denied for user": "db.auth_failed",
                   "role \"": "db.no_role",  # PostgreSQL: role "x" does not exist
                   "does not exist": "db.no_database",
                   "unknown database": "db.no_database",
                   "connection to the database was lost": "db.connection_lost",
                   "terminating connection due to administrator command": "db.connection_lost",
                   "server closed the connection unexpectedly": "db.connection_lost",
                   "lost connection to mysql server": "db.connection_lost",
                   "mysql server has gone away": "db.connection_lost",
                   "connection was killed": "db.connection_lost",
                   "timeout expired": "os.ETIMEDOUT",
                   "timed out": "os.ETIMEDOUT"}


def driver_phrase(text: str) -> str | None:
    """The catalogue id of a database driver's common error (`db.refused`, ...), if it is
    one: found by the driver's own words, which the caller need not print."""
    lowered = text.lower()
    return next((key for phrase, key in _DRIVER_PHRASES.items() if phrase in lowered), None)


def driver_reason(text: str, lang) -> str:
    """A database driver's error in the user's language: in Japanese a common one is
    named by the catalogue (the driver's English left out); English keeps its words."""
    key = driver_phrase(text)
    if key is not None:
        return lang.t(key) if lang.code == "ja" else text
    return reason_text(text, lang)


class Both(NamedTuple):
    """A field value already in both languages (an OS reason, a parser's complaint)."""

    ja: str
    en: str

    def text(self, lang) -> str:
        return self.ja if lang.code == "ja" else self.en


def both(key: str, /, **fields: object) -> Both:
    """The catalogue text `key` in both languages (a notice kept for later)."""
    error = CatalogueError(key, **fields)
    return Both(error._format(0), error._format(1))


class CatalogueError(Exception):
    """An error worded by the catalogue: `text(lang)` in the user's language, `str()` in
    English. Fields that are `Both` or catalogue errors are picked per language."""

    def __init__(self, key: str, /, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(self._format(1))

    def _format(self, which: int) -> str:
        fields = {k: v[which] if isinstance(v, Both)
                  else v._format(which) if isinstance(v, CatalogueError) else v
                  for k, v in self.fields.items()}
        return fill(MESSAGES[self.key][which], **fields)

    def text(self, lang) -> str:
        return self._format(0 if lang.code == "ja" else 1)


def error_text(exc: Exception, lang) -> str:
    """Any error we raise, in the user's language: catalogue errors and errors that carry
    both languages (`text(lang)`), OS errors worded for people, else the error's text."""
    if hasattr(exc, "text"):
        return exc.text(lang)
    if isinstance(exc, OSError):
        return os_error(exc, lang)
    return str(exc)
