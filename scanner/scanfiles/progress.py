"""Progress on a terminal (rich: files, MB, rate, ETA); nothing when stderr is not one."""

from __future__ import annotations

import sys
from typing import Protocol


class Progress(Protocol):
    def start(self, files: int, total_bytes: int) -> None: ...
    def advance(self, nbytes: int) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    """For cron and pipes: stay quiet (the command prints a JSON summary at the end)."""

    def start(self, files: int, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        pass

    def close(self) -> None:
        pass


class BarProgress:
    """A rich progress bar on stderr over bytes, with a file counter."""

    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"), BarColumn(),
            TextColumn("{task.fields[files]}"), DownloadColumn(), TransferSpeedColumn(),
            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
        )
        self._label = label
        self._task = None
        self._files_total = 0
        self._files_done = 0

    def start(self, files: int, total_bytes: int) -> None:
        self._files_total = files
        self._bar.start()
        self._task = self._bar.add_task(self._label, total=max(total_bytes, 1),
                                        files=f"0/{files}")

    def advance(self, nbytes: int) -> None:
        self._files_done += 1
        self._bar.update(self._task, advance=nbytes,
                         files=f"{self._files_done}/{self._files_total}")

    def close(self) -> None:
        self._bar.stop()


def make_progress(label: str, enabled: bool | None = None) -> Progress:
    """A bar when stderr is a terminal (or when forced), else silence."""
    on = sys.stderr.isatty() if enabled is None else enabled
    return BarProgress(label) if on else NoProgress()
