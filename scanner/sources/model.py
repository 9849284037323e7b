"""What an extractor returns, the limits it works within, and its one error type."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.sources.base import TextUnit


class SourceError(Exception):
    """The bytes cannot be read as the format they claim (not text, corrupt container)."""


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile or huge file from taking the scan down."""

    max_file_bytes: int = 100 * 2**20  # bigger files: skipped with reason
    max_depth: int = 3  # archives opened inside archives
    max_members: int = 10_000  # per archive, nested members included
    max_expanded_bytes: int = 1 * 2**30  # total uncompressed per archive, nested included
    max_ratio: int = 200  # compression ratio that marks a zip bomb
    max_pdf_pages: int = 2000  # pages read per PDF; the rest make the file an error
    max_db_cells: int = 2_000_000  # cells read per SQLite file; the rest make it an error


@dataclass
class Extraction:
    """The text units of one file, or the members of an archive, or why there are none.

    Units of an archive member carry `member`: the member paths from the outer file down,
    joined with "!" (`dir/inner.zip!b.csv`).
    """

    format: str
    encoding: str | None
    units: list[TextUnit] = field(default_factory=list)
    members: list[tuple[str, Extraction]] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None
    bad_bytes: int = 0  # bytes of a text file that could not be decoded (replaced)


@dataclass
class Budget:
    """What is left of the limits while one file and its nested archives are opened."""

    limits: Limits
    members_left: int
    bytes_left: int

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits, limits.max_members, limits.max_expanded_bytes)
