"""What each Python worker builds once and keeps (module-level caches).

Spark reuses its Python workers between tasks (`spark.python.worker.reuse`, on by
default), so the engine, the masker and its surrogates are built on the first task a
worker runs and kept for the next ones. Nothing here is pickled from the driver: the
closures carry only settings and key bytes made on the driver.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.masking.masker import Masker
    from scanner.masking.policy import Policy
    from scanner.scanfiles.worker import WorkerConfig


def file_worker(config: WorkerConfig) -> None:
    """The file scanner's worker state (`scanner.scanfiles.worker`) for `config`."""
    from scanner.scanfiles import worker

    loaded = worker._loaded
    if loaded is None or loaded.config != config:
        worker.init_worker(config)


@lru_cache(maxsize=4)
def engine(min_score: float = 0.0, entities: frozenset[str] | None = None) -> Engine:
    """One engine per settings per worker."""
    from scanner.engine import Engine, EngineConfig

    return Engine(EngineConfig(min_score=min_score, entities=entities))


@lru_cache(maxsize=2)
def db_engine(thorough: bool = False) -> Engine:
    """The engine `scan-db` classifies columns with (its context window)."""
    from scanner.dbscan.batch import DB_CONTEXT_WINDOW
    from scanner.engine import Engine, EngineConfig

    return Engine(EngineConfig(thorough=thorough, context_window=DB_CONTEXT_WINDOW))


_maskers: dict[str, Masker] = {}


def masker(run: str, policy: Policy, key: bytes, run_key: bytes | None) -> Masker:
    """The masker of run `run` (a token made on the driver), built on first use; the
    key and the per-run key both come from the driver."""
    found = _maskers.get(run)
    if found is None:
        from scanner.masking.masker import Masker
        from scanner.masking.policy import Rule

        found = Masker(policy, key, engine(policy.min_score))
        found.key_rule = Rule("keyed_hash", {"key": run_key}) if run_key is not None else None
        _maskers.clear()  # one run at a time per worker
        _maskers[run] = found
    return found
