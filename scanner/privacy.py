"""Masked previews and keyed fingerprints: personal data is never stored in clear.

The key comes from `MAMORU_KEY` (any string), or from a key file (`MAMORU_KEY_FILE`,
default `~/.config/mamoru/key`) created with mode 0600 on first use. A fingerprint is
HMAC-SHA256 over the normalized value, so the same value gives the same fingerprint in
every scan, file and table, and a 12-digit My Number cannot be recovered by hashing
all 10^11 candidates without the key.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.kanji_variants import drop_selectors, fold_variants

if TYPE_CHECKING:
    from scanner.i18n import Lang

KEY_ENV = "MAMORU_KEY"
_SEPARATORS = re.compile(r"[\s\-()（）.・]")
_LETTER = re.compile(r"[^\W\d_]")
KEY_FILE_ENV = "MAMORU_KEY_FILE"


def default_key_file() -> Path:
    return Path(os.environ.get(KEY_FILE_ENV) or Path.home() / ".config" / "mamoru" / "key")


class KeyMissing(LookupError):
    """No key in the environment and no key file, where one must not be created."""


def key_source() -> str:
    """Where the key comes from, for messages: `MAMORU_KEY` or the key file's path."""
    return KEY_ENV if os.environ.get(KEY_ENV) else str(default_key_file())


def load_key(path: Path | None = None, *, create: bool = True, lang: Lang | None = None) -> bytes:
    """The key: from the environment, else the key file. A missing key file is created
    (mode 0600, said once on stderr with its path), or with `create=False` is KeyMissing."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    path = path or default_key_file()
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        if not create:
            raise KeyMissing(str(path)) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key + b"\n")
    finally:
        os.close(fd)
    from scanner.i18n import Lang, default_lang

    print((lang or Lang(default_lang())).t("privacy.new_key", path=path, key_id=key_id(key)),
          file=sys.stderr)
    return key


KEY_ID_LABEL = b"mamoru key id v1"


def key_id(key: bytes) -> str:
    """A public name of the key (16 hex chars of an HMAC over a fixed label, never the
    key): recorded in inventories, baselines and manifests so mixed keys are refused."""
    return hmac.digest(key, KEY_ID_LABEL, "sha256").hex()[:16]


def canonical(value: str) -> str:
    """The form that is fingerprinted: NFKC, no separators, case-folded, variant kanji
    folded and no variation selectors (髙橋 and 高橋 are one name to look for)."""
    folded = fold_variants(drop_selectors(unicodedata.normalize("NFKC", value)))
    return _SEPARATORS.sub("", folded).casefold()


def fingerprint(value: str, key: bytes, entity_type: str = "") -> str:
    """Keyed fingerprint (hex HMAC-SHA256, 32 chars) of a value of one type."""
    msg = f"{entity_type}\x1f{canonical(value)}".encode()
    return hmac.digest(key, msg, "sha256").hex()[:32]


# What a library's message about a damaged file may quote of it: a quoted literal (str or
# bytes; unterminated: to the end of the line), a run of characters outside ASCII, a word
# with @, five digits or more, single separators between them (090-1234-5678, 10.0.0.1).
_QUOTED_CONTENT = re.compile(
    r"""(?<![A-Za-z0-9])b?'(?:[^'\\\n]|\\.)*(?:'|$)"""
    r"""|(?<![A-Za-z0-9])b?"(?:[^"\\\n]|\\.)*(?:"|$)"""
    r"""|[^\x00-\x7f]+|[^\s'"]*@[^\s'"]*|\d(?:[-.\s]?\d){4,}""", re.M)
_MESSAGE_CHARS = 500


def content_hidden(message: str) -> str:
    """A library's message about a file with what it may quote of the file's content
    hidden (`…`): pypdf's `Unexpected type 'Tel 090-1234-5678'` becomes `Unexpected type
    …`. For messages that are stored in the inventory or printed (unreadable files)."""
    if len(message) > _MESSAGE_CHARS:  # a dictionary's repr can run for pages
        message = message[:_MESSAGE_CHARS] + "…"
    return _QUOTED_CONTENT.sub("…", message)


def library_error(exc: BaseException) -> str:
    """`Class: message` of a library's exception, its quotes of the content hidden."""
    text = content_hidden(str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# The most of a value's characters (separators aside) a preview may show, whatever the
# span: half of a name or an address, two thirds of a number (`090-****-5678`).
PREVIEW_SHARE = {"PERSON": 1 / 2, "JP_ADDRESS": 1 / 2}
DEFAULT_PREVIEW_SHARE = 2 / 3


def preview(value: str, entity_type: str = "") -> str:
    """A masked preview that shows shape, not content: `090-****-5678`, `山田 **`; never
    more than its type's share of the characters (an e-mail's domain aside)."""
    shown = _preview(value, entity_type)
    body, shown_body = value, shown
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        body, shown_body = value.partition("@")[0], shown.partition("@")[0]
    total = _shown_chars(body)
    share = PREVIEW_SHARE.get(entity_type, DEFAULT_PREVIEW_SHARE)
    if _shown_chars(shown_body) <= total * share:
        return shown
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        return "***@" + value.partition("@")[2]
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if len(positions) >= 4:  # fewer last digits, the shape kept: 045-***-*121
        for keep_last in (3, 2, 1):
            shown = _mask_digits(value, positions, keep_last)
            if _shown_chars(shown) <= total * share:
                return shown
    keep = int(total * share) // 2
    if entity_type in PREVIEW_SHARE and total * share >= 1:
        keep = max(1, keep)  # 髙橋 健 -> 髙***, not ****
    return _mask_tail(value, keep_head=keep)


def _shown_chars(text: str) -> int:
    """Characters of a value or preview that are not separators or masked."""
    return len(_SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).replace("*", ""))


def _preview(value: str, entity_type: str) -> str:
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if entity_type in ("PERSON",):
        return _mask_name(value)
    if entity_type == "JP_ADDRESS":
        return _mask_tail(value, keep_head=min(6, max(1, len(value) // 3)))
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if len(positions) >= 4:
        return _mask_digits(value, positions, keep_last=4 if len(positions) >= 10 else 2)
    return _mask_tail(value, keep_head=1)


def _mask_digits(value: str, positions: list[int], keep_last: int) -> str:
    total = len(positions)
    keep_first = 0
    if value.lstrip("(（").startswith(("0", "０")) and total >= 10:
        head = value.lstrip("(（")
        group = len(head) - len(head.lstrip("0123456789０１２３４５６７８９"))
        keep_first = group if 2 <= group <= 5 and group < len(head) else 3
    out = list(_LETTER.sub("*", value))
    for i in positions[keep_first : total - keep_last]:
        out[i] = "*"
    return "".join(out)


def _mask_name(value: str) -> str:
    parts = value.replace("\u3000", " ").split()
    if len(parts) >= 2:
        return parts[0] + " " + "*" * 2
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + "*" * 2


def _mask_tail(value: str, keep_head: int) -> str:
    return value[:keep_head] + "*" * max(2, min(8, len(value) - keep_head))


class Masker:
    """Preview and fingerprint of values under one key, remembered per value: names,
    phone numbers and addresses recur across the rows of a file and the files of a
    share, so most findings are values already masked once."""

    __slots__ = ("_key", "_limit", "_seen")

    def __init__(self, key: bytes, limit: int = 100_000) -> None:
        self._key, self._limit = key, limit
        self._seen: dict[tuple[str, str], tuple[str, str]] = {}

    def __call__(self, value: str, entity_type: str) -> tuple[str, str]:
        """(preview, fingerprint) of `value` as `entity_type`."""
        hit = self._seen.get((value, entity_type))
        if hit is None:
            if len(self._seen) >= self._limit:
                self._seen.clear()
            hit = preview(value, entity_type), fingerprint(value, self._key, entity_type)
            self._seen[(value, entity_type)] = hit
        return hit
