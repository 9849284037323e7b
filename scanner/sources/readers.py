"""`extract(name, data)`: the one entry point that turns a file's bytes into text units."""

from __future__ import annotations

import csv

from scanner.privacy import library_error
from scanner.sources.archive import (
    ooxml_bomb_reason,
    ooxml_dtd_part,
    read_gzip,
    read_tar,
    read_zip,
)
from scanner.sources.base import TextUnit
from scanner.sources.degrade import decode_lenient
from scanner.sources.formats import SQLITE, detect_format
from scanner.sources.gc_pause import gc_paused
from scanner.sources.jsondoc import is_json_lines, json_units, jsonl_units
from scanner.sources.mail import read_eml
from scanner.sources.model import Budget, Extraction, Limits, SourceError
from scanner.sources.tabular import sniff_delimiter, table_units
from scanner.sources.text import blank_markup, text_units

__all__ = ["Extraction", "Limits", "SourceError", "extract"]

_ARCHIVES = {"zip", "gzip", "tar"}
_DEFAULT_LIMITS = Limits()


def extract(
    name: str, data: bytes, *, limits: Limits = _DEFAULT_LIMITS, depth: int = 0
) -> Extraction:
    """Read one file (its name picks the format with its magic bytes). Never raises on bad
    content: unreadable files come back with `error`, unread ones with `skipped`."""
    return read_member(name, data, Budget.of(limits), depth)


def read_member(name: str, data: bytes, budget: Budget, depth: int) -> Extraction:
    """`extract` within what is left of the budget of the archive around the file."""
    limits = budget.limits
    fmt, binary_kind = detect_format(name, data)
    if len(data) > limits.max_file_bytes:
        reason = f"too big: {len(data)} bytes (limit {limits.max_file_bytes})"
        return Extraction(fmt, None, skipped=reason)
    if fmt == "binary" and binary_kind == SQLITE:
        fmt = "sqlite"
    elif fmt == "binary":
        return Extraction("binary", None, skipped=f"binary ({binary_kind}): no extractor")
    if fmt in _ARCHIVES and depth >= limits.max_depth:
        reason = f"too deep: archive inside {depth} archives (limit {limits.max_depth})"
        return Extraction(fmt, None, skipped=reason)
    try:
        with gc_paused():
            return _dispatch(fmt, name, data, budget, depth)
    except SourceError as e:
        return Extraction(fmt, None, error=f"unreadable {fmt}: {e}")
    except Exception as e:  # corrupt content makes the libraries raise almost anything
        return Extraction(fmt, None, error=f"unreadable {fmt}: {library_error(e)}")


def _dispatch(fmt: str, name: str, data: bytes, budget: Budget, depth: int) -> Extraction:
    match fmt:
        case "xlsx" | "docx" | "pptx":
            return _read_office(fmt, data, budget)
        case "xls":
            from scanner.sources.spreadsheet import xls_units

            return Extraction("xls", None, xls_units(data))
        case "pdf":
            return _read_pdf(data, budget.limits.max_pdf_pages)
        case "sqlite":
            from scanner.sources.sqlitedb import sqlite_units

            units, error = sqlite_units(data, budget.limits.max_db_cells)
            return Extraction("sqlite", None, units, error=error)
        case "eml":
            return read_eml(data, budget, depth, read_member)
        case "zip":
            return read_zip(data, budget, depth, read_member)
        case "gzip":
            return read_gzip(name, data, budget, depth, read_member)
        case "tar":
            return read_tar(data, budget, depth, read_member)
        case _:
            return _read_text_format(fmt, data)


def _read_text_format(fmt: str, data: bytes) -> Extraction:
    try:
        decoded = decode_lenient(data)
    except SourceError as e:
        return Extraction("binary", None, skipped=f"binary ({e}): no extractor")
    fmt, units = _text_format_units(fmt, decoded.text)
    return Extraction(fmt, decoded.encoding, units, bad_bytes=decoded.bad_bytes)


def _text_format_units(fmt: str, text: str) -> tuple[str, list[TextUnit]]:
    """(format actually read, units): a file that does not parse as its name says is read
    as what it is (JSON Lines in a ".json", or plain text), never dropped."""
    if fmt in ("csv", "tsv"):
        try:
            return fmt, table_units(text, sniff_delimiter(text, fmt))
        except csv.Error:
            return "text", text_units(text)
    if fmt == "json":
        try:
            return fmt, json_units(text)
        except (ValueError, RecursionError):
            if is_json_lines(text):
                return "jsonl", jsonl_units(text)
            return "text", text_units(text)
    if fmt == "jsonl":
        return fmt, jsonl_units(text)
    if fmt in ("xml", "html"):
        return fmt, text_units(blank_markup(text))
    return fmt, text_units(text)


def _read_office(fmt: str, data: bytes, budget: Budget) -> Extraction:
    reason = ooxml_bomb_reason(data, budget)
    if reason:
        return Extraction(fmt, None, skipped=reason)
    part = ooxml_dtd_part(data)
    if part is not None:
        raise SourceError(f"{part} declares a DTD (refused: entities could hide or fetch "
                          "content)")
    if fmt == "xlsx":
        from scanner.sources.spreadsheet import xlsx_units

        return Extraction(fmt, None, xlsx_units(data))
    from scanner.sources.office import docx_units, pptx_units

    return Extraction(fmt, None, docx_units(data) if fmt == "docx" else pptx_units(data))


def _read_pdf(data: bytes, max_pages: int) -> Extraction:
    from scanner.sources.pdf import pdf_units

    units, page_errors = pdf_units(data, max_pages)
    error = "; ".join(page_errors) or None
    skipped = None if units or error else "no text layer (scanned images?)"
    return Extraction("pdf", None, units, skipped=skipped, error=error)
