"""PDF: the text layer of each page, located by page, line and column."""

from __future__ import annotations

import io
import logging

from scanner.privacy import content_hidden, library_error
from scanner.sources.base import LineLocator, TextUnit
from scanner.sources.model import SourceError


def pdf_units(data: bytes, max_pages: int) -> tuple[list[TextUnit], list[str]]:
    """(units, page errors): one unit per page with text, the first `max_pages` pages; a
    page that fails is listed, and so are pages left unread.

    Raises SourceError for a file that is not a PDF or is encrypted with a password.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage is reported, not logged
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("encrypted PDF (password needed)")
        pages = reader.pages
        count = len(pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        raise SourceError(f"corrupt or unsupported PDF: {content_hidden(str(e))}") from None
    units: list[TextUnit] = []
    errors: list[str] = []
    if count > max_pages:
        errors.append(f"too many pages: {count}, only the first {max_pages} read")
    for number in range(1, min(count, max_pages) + 1):
        try:
            text = pages[number - 1].extract_text()
        except Exception as e:  # pypdf raises many types on damaged content streams
            errors.append(f"page {number}: {library_error(e)}")
            continue
        if text.strip():
            units.append(TextUnit(text=text, locate=LineLocator(text, extra={"page": number})))
    return units, errors
