"""Writers that mask one file format in place of the original: CSV/TSV, DOCX, e-mail,
JSON, text, XLSX."""

from scanner.messages import CatalogueError


class Refused(CatalogueError):
    """A file that cannot be masked (its reason is shown, the file is not written)."""
