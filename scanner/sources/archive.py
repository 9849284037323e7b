"""ZIP, gzip and tar: members read one by one within the limits; zip bombs are not opened.

Declared sizes are checked first and every read is also capped, since headers can lie.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import IO

from scanner.privacy import content_hidden
from scanner.sources.formats import format_by_name
from scanner.sources.model import Budget, Extraction

_XML_PARTS = (".xml", ".rels", ".vml")
_PROLOG_BYTES = 1 << 16
_DOCTYPES = tuple(
    "<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_PROLOG_NOISE = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ROOT_START = re.compile(r"<[^?!]")
MemberReader = Callable[[str, bytes, Budget, int], Extraction]
# Small members compress far beyond any ratio (a page of spaces) without being a bomb.
RATIO_MIN_BYTES = 1 << 20
_CHUNK = 1 << 20
_UTF8_NAME_FLAG = 0x800
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def zip_bomb_reason(sizes: list[tuple[str, int, int]], budget: Budget) -> str | None:
    """Why (name, packed, expanded) sizes of an archive's members look like a bomb."""
    total = sum(expanded for _, _, expanded in sizes)
    if total > budget.bytes_left:
        return f"zip bomb: expands to {total} bytes, over the limit of {budget.bytes_left}"
    ratio = budget.limits.max_ratio
    for name, packed, expanded in sizes:
        if expanded >= RATIO_MIN_BYTES and expanded > max(packed, 1) * ratio:
            return f"zip bomb: {name} expands {packed} bytes to {expanded} (ratio over {ratio})"
    return None


def ooxml_bomb_reason(data: bytes, budget: Budget) -> str | None:
    """The zip-bomb check for an Office document before its library unpacks it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zip_bomb_reason(_zip_sizes(zf.infolist()), budget)


def ooxml_dtd_part(data: bytes) -> str | None:
    """The first XML part of an Office document that declares a DTD, if any.

    Office never writes DTDs; one in a part is an attack (entities, XXE) or damage, and
    the parsers would stop at its first entity and hide the rest. A DTD sits in the
    prolog, so the head of each part is enough; a prolog longer than that is refused too.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.lower().endswith(_XML_PARTS):
                continue
            with zf.open(info) as fh:
                head = fh.read(_PROLOG_BYTES)
            if any(marker in head for marker in _DOCTYPES) or _no_root_in(head):
                return info.filename
    return None


def _no_root_in(head: bytes) -> bool:
    """Only a prolog (declaration, comments, processing instructions) in a full head."""
    if len(head) < _PROLOG_BYTES:
        return False
    text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8",
                       "replace")
    return _ROOT_START.search(_PROLOG_NOISE.sub("", text)) is None


def read_zip(data: bytes, budget: Budget, depth: int, open_member: MemberReader) -> Extraction:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return Extraction("zip", None, error=f"corrupt zip: {content_hidden(str(e))}")
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        reason = zip_bomb_reason(_zip_sizes(infos), budget) or _too_many(len(infos), budget)
        if reason:
            return Extraction("zip", None, skipped=reason)
        budget.members_left -= len(infos)
        members = []
        for info in infos:
            path = _zip_member_name(info)
            if info.file_size > budget.limits.max_file_bytes:
                found = _too_big(path, info.file_size, budget)
            else:
                try:
                    with zf.open(info) as stream:
                        found = _read_member(path, stream, budget, depth, open_member)
                except _READ_ERRORS as e:
                    found = Extraction(format_by_name(path), None,
                                       error=f"unreadable member: {content_hidden(str(e))}")
            members.append((path, found))
    return Extraction("zip", None, members=members)


def read_gzip(
    name: str, data: bytes, budget: Budget, depth: int, open_member: MemberReader
) -> Extraction:
    """One member, named after the file without ".gz" (".tgz" gives ".tar")."""
    raw = io.BytesIO(data)
    chunks = []
    total = 0
    cap = min(budget.limits.max_file_bytes, budget.bytes_left)
    ratio = budget.limits.max_ratio
    try:
        with gzip.GzipFile(fileobj=raw) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total >= RATIO_MIN_BYTES and total > raw.tell() * ratio:
                    reason = (
                        f"zip bomb: {raw.tell()} bytes expand past {total} (ratio over {ratio})"
                    )
                    return Extraction("gzip", None, skipped=reason)
                if total > cap:
                    return Extraction("gzip", None, skipped=f"too big: expands past {cap} bytes")
                chunks.append(chunk)
    except (gzip.BadGzipFile, zlib.error, EOFError, OSError) as e:
        return Extraction("gzip", None, error=f"corrupt gzip: {content_hidden(str(e))}")
    inner = _gunzipped_name(name)
    budget.members_left -= 1
    budget.bytes_left -= total
    found = tag_units(inner, open_member(inner, b"".join(chunks), budget, depth + 1))
    return Extraction("gzip", None, members=[(inner, found)])


def read_tar(data: bytes, budget: Budget, depth: int, open_member: MemberReader) -> Extraction:
    """Regular files of an uncompressed tar (gzip around it is its own layer)."""
    members: list[tuple[str, Extraction]] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tf:
            for info in tf:
                if not info.isfile():
                    continue
                if budget.members_left <= 0:
                    reason = f"too many members: over {budget.limits.max_members}"
                    return Extraction("tar", None, members=members, skipped=reason)
                budget.members_left -= 1
                if info.size > min(budget.limits.max_file_bytes, budget.bytes_left):
                    members.append((info.name, _too_big(info.name, info.size, budget)))
                    continue
                stream = tf.extractfile(info)
                if stream is not None:
                    found = _read_member(info.name, stream, budget, depth, open_member)
                    members.append((info.name, found))
    except (tarfile.TarError, OSError, EOFError) as e:
        return Extraction("tar", None, members=members,
                          error=f"corrupt tar: {content_hidden(str(e))}")
    return Extraction("tar", None, members=members)


def _read_member(
    path: str, stream: IO[bytes], budget: Budget, depth: int, open_member: MemberReader
) -> Extraction:
    """Read with a hard cap (declared sizes may lie), then extract the member's bytes."""
    cap = min(budget.limits.max_file_bytes, budget.bytes_left)
    content = stream.read(cap + 1)
    if len(content) > cap:
        return Extraction(format_by_name(path), None, skipped=f"zip bomb: expands past {cap} bytes")
    budget.bytes_left -= len(content)
    return tag_units(path, open_member(path, content, budget, depth + 1))


def tag_units(path: str, found: Extraction) -> Extraction:
    """Prefix the member path of every unit below, so each names its way from the top."""
    found.units = [
        replace(u, member=path if u.member is None else f"{path}!{u.member}") for u in found.units
    ]
    for _, nested in found.members:
        tag_units(path, nested)
    return found


def _too_big(path: str, size: int, budget: Budget) -> Extraction:
    limit = min(budget.limits.max_file_bytes, budget.bytes_left)
    return Extraction(format_by_name(path), None, skipped=f"too big: {size} bytes (limit {limit})")


def _too_many(count: int, budget: Budget) -> str | None:
    if count > budget.members_left:
        return f"too many members: {count} (limit {budget.members_left})"
    return None


def _zip_sizes(infos: list[zipfile.ZipInfo]) -> list[tuple[str, int, int]]:
    return [(info.filename, info.compress_size, info.file_size) for info in infos]


def _zip_member_name(info: zipfile.ZipInfo) -> str:
    """Names without the UTF-8 flag are CP932 in zips made on Japanese Windows."""
    if info.flag_bits & _UTF8_NAME_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp932")
    except UnicodeError:
        return info.filename


def _gunzipped_name(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    lower = base.lower()
    if lower.endswith(".tgz"):
        return base[:-4] + ".tar"
    if lower.endswith(".gz"):
        return base[:-3]
    return base
