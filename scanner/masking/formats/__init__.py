"""Writers that mask one file format in place of the original: CSV/TSV, DOCX, JSON, text, XLSX."""
