"""File readers: bytes of a file in, text units with exact locations out."""

from scanner.sources.extract import Extraction, Limits, SourceError, extract

__all__ = ["Extraction", "Limits", "SourceError", "extract"]
