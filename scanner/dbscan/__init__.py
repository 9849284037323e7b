"""Database scanning: catalog, read-only sessions, sampling and column classification."""
