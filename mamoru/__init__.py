"""mamoru: find, inventory and mask Japanese personal data.

The public import name. `mamoru.analyze(text)` runs the default engine; build an
`Engine` with an `EngineConfig` to choose settings. The implementation lives in the
`scanner`, `recognizers` and `reports` packages; import from here.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from scanner import analyze
from scanner.engine import Engine, EngineConfig
from scanner.findings import Finding

try:
    __version__ = version("mamoru")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Engine", "EngineConfig", "Finding", "__version__", "analyze"]
