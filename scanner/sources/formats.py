"""Decide a file's format cheaply: magic bytes first, then the file name's extension."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

_BY_EXTENSION = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "xml",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".docm": "docx",
    ".pptx": "pptx",
    ".pptm": "pptx",
    ".pdf": "pdf",
    ".eml": "eml",
    ".zip": "zip",
    ".gz": "gzip",
    ".tgz": "gzip",
    ".tar": "tar",
}
_OOXML = {"xlsx", "docx", "pptx"}
SQLITE = "SQLite database"  # binary, but read (scanner.sources.sqlitedb)
# The part that names each Office Open XML document type inside its zip.
_OOXML_MAIN_PART = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF = 1 << 16
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# The stream of a legacy Excel workbook in its OLE directory: "Workbook" (Excel 97 and
# later), "Book" (Excel 5 and 95).
_WORKBOOK_STREAMS = frozenset({"Workbook", "Book"})
# A message saved without a name (Maildir, spools) starts with a header only mail has, and
# has a blank line after its headers.
_MAIL_HEADER = re.compile(rb"(?:Return-Path|Received|Delivered-To|Message-ID|MIME-Version):[ \t]")
# Binary formats without an extractor, named so that the skip reason says what they are.
_BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (_OLE_MAGIC, "OLE document (legacy Office)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"SQLite format 3\x00", SQLITE),
)


def format_by_name(name: str) -> str:
    """The format a file name suggests, without reading it ("text" when unknown)."""
    return _BY_EXTENSION.get(PurePosixPath(name).suffix.lower(), "text")


def detect_format(name: str, data: bytes) -> tuple[str, str | None]:
    """(format, binary kind): the format name, and for "binary" what the magic bytes say.

    Text formats come from the extension; a text name on a file with another format's
    magic bytes follows the bytes. Unknown names are "text" until decoding says otherwise.
    """
    by_name = _BY_EXTENSION.get(PurePosixPath(name).suffix.lower())
    if data.startswith(_ZIP_MAGIC):
        return (by_name if by_name in _OOXML else _zip_kind(data)), None
    if data.startswith(b"\x1f\x8b"):
        return "gzip", None
    if data.startswith(b"%PDF-") or (by_name == "pdf" and b"%PDF-" in data[:1024]):
        return "pdf", None
    if data[257:262] == b"ustar":
        return "tar", None
    if by_name in _OOXML and data.startswith(_OLE_MAGIC):
        return "binary", "encrypted or legacy Office document"
    if data.startswith(_OLE_MAGIC) and _legacy_workbook(name, data):
        return "xls", None
    if by_name is not None:
        return by_name, None
    if _MAIL_HEADER.match(data) and (b"\n\n" in data[:_SNIFF] or b"\r\n\r\n" in data[:_SNIFF]):
        return "eml", None
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return "binary", kind
    return "text", None


def _legacy_workbook(name: str, data: bytes) -> bool:
    """An OLE document named .xls, or whose directory holds a workbook stream (a Word
    document that mentions "Workbook" in its text is none)."""
    if PurePosixPath(name).suffix.lower() in (".xls", ".xlt"):
        return True
    from xlrd.compdoc import CompDoc

    try:
        directory = CompDoc(data, logfile=io.StringIO()).dirlist
    except Exception:  # a damaged container: what the bytes say, an OLE document
        return False
    return any(entry.name in _WORKBOOK_STREAMS for entry in directory)


def _zip_kind(data: bytes) -> str:
    """An Office document is a zip with its main part; anything else is an archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if "[Content_Types].xml" in names:
        for part, kind in _OOXML_MAIN_PART:
            if part in names:
                return kind
    return "zip"
