"""Plain text: spans replaced, every other byte kept, same encoding."""

from __future__ import annotations

from pathlib import Path

from scanner.masking.masker import Masker
from scanner.masking.textcodec import decode_bytes, splice_bytes


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    data = src.read_bytes()
    text, encoding = decode_bytes(data)
    findings = masker.detect([text])[0]
    reps = masker.with_known(text, masker.replacements(findings))
    dst.write_bytes(splice_bytes(data, text, encoding, reps))
