"""What a file scan is asked to do. Light on imports: the scan command builds these
and starts its workers before it loads the inventory's database layer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from scanner.scanfiles.ignore import ExcludeRules
from scanner.scanfiles.worker import WorkerConfig

ENGINE_FLOOR = 0.5  # findings are stored from this score up, whatever --min-score says
FILE_TIMEOUT_S = 300.0  # one file's reading and detection, archives included


@dataclass
class ScanOptions:
    roots: list[str]
    excludes: ExcludeRules = field(default_factory=ExcludeRules)
    exclude_patterns: list[str] = field(default_factory=list)  # for the scan record
    follow_symlinks: bool = False
    max_file_size: int = 100 * 1024 * 1024
    jobs: int = 1
    file_timeout: float = FILE_TIMEOUT_S
    full: bool = False
    verify_hash: bool = False
    min_score: float = ENGINE_FLOOR
    entities: tuple[str, ...] | None = None
    recognizers: str | None = None  # extra recognizers (Presidio YAML), from the config
    skip_paths: frozenset[str] = frozenset()  # absolute paths never read (the inventory)

    def settings(self) -> dict:
        return {
            "excludes": self.exclude_patterns, "follow_symlinks": self.follow_symlinks,
            "max_file_size": self.max_file_size, "jobs": self.jobs, "full": self.full,
            "file_timeout": self.file_timeout,
            "verify_hash": self.verify_hash, "min_score": self.min_score,
            "entities": list(self.entities) if self.entities else None,
            "recognizers": self.recognizers,
        }

    @property
    def floor(self) -> float:
        return min(self.min_score, ENGINE_FLOOR)

    def digest(self) -> str:
        """Settings the stored results depend on; a change forces a re-read."""
        text = (f"{self.floor}|{','.join(sorted(self.entities or ()))}|{self.max_file_size}"
                f"{'|' + self.recognizers if self.recognizers else ''}")
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def worker_config(self, key: bytes) -> WorkerConfig:
        return WorkerConfig(key, self.floor, self.entities, self.max_file_size,
                            self.recognizers)
