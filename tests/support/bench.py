"""Load a benchmark script as a module, for the tests that guard its figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """`benchmarks/<name>.py` as module `mamoru_bench_<name>` (loaded once); the folder is
    put on the path for the script's own imports (`wiki_split`, `failures`)."""
    module_name = f"mamoru_bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(module_name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
