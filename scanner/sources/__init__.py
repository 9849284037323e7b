"""File readers: bytes of a file in, text units with exact locations out.

The readers (`scanner.sources.readers`) load on first use of these names, not with the
package: a scan's parent process needs only `scanner.sources.base`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.sources.readers import Extraction, Limits, SourceError, extract

__all__ = ["Extraction", "Limits", "SourceError", "extract"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from scanner.sources import readers

    return getattr(readers, name)
