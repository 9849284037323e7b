"""Plain text: spans replaced, every other byte kept, same encoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scanner.masking.leakcheck import CheckUnit
from scanner.masking.masker import Masker
from scanner.masking.textcodec import decode_bytes, splice_bytes


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    data = src.read_bytes()
    text, encoding = decode_bytes(data)
    findings = masker.detect([text])[0]
    dst.write_bytes(splice_bytes(data, text, encoding, masker.replacements(findings)))


def check_units(path: Path, name: str) -> Iterator[CheckUnit]:
    from scanner.sources.base import LineLocator

    text, _ = decode_bytes(path.read_bytes())
    lines = LineLocator(text)

    def locate(_index: int, offset: int) -> str:
        loc = lines(offset)
        return f"{name}:{loc['line']}:{loc['column']}"

    yield CheckUnit([text], [name], locate=locate)
