"""Keep database passwords out of output, logs, errors and the inventory."""

from __future__ import annotations

from urllib.parse import quote, quote_plus

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

MASK = "***"


def safe_url(url: URL | str) -> str:
    """The URL as text with its password replaced by `***`."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


def scrub(text: str, url: URL | str) -> str:
    """`text` with every spelling of the URL's password replaced by `***`."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:  # unparsable: hide the whole URL text
        return text.replace(str(url), MASK) if str(url) else text
    password = parsed.password
    if not password:
        return text
    for spelling in sorted({password, quote_plus(password), quote(password, safe="")},
                           key=len, reverse=True):
        text = text.replace(spelling, MASK)
    return text
