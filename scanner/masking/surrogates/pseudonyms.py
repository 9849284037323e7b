"""One keyed pseudonym per entity type, and the record of every replacement written.

The leak check ignores exactly the replacements of this run (by keyed digest of their
text): a valid surrogate My Number next to a keyword is found again by the scanner, and
must not count as a leak, while any other value still does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

from scanner.masking.keyed import canonical
from scanner.masking.surrogates import address as surrogate_address
from scanner.masking.surrogates import contact as surrogate_contact
from scanner.masking.surrogates import ids as surrogate_ids
from scanner.masking.surrogates import names as surrogate_names
from scanner.masking.surrogates.dates import shift_date

_REDRAWS = 32  # tries for a surrogate that is not one of the run's input values
# Types whose surrogates fill a small space that the inputs can fill whole (every day of
# a range is someone's birth date): a few tries, as more rarely help and cost 33 draws a
# value (12 s for 20,000 distinct dates). Another person's date or postal code names no one.
_DENSE_REDRAWS = {"DATE_OF_BIRTH": 4, "JP_POSTAL_CODE": 4}
# Pieces of a text that may be a value whole: runs between punctuation, and their words.
_SEGMENT = re.compile(r"[^\n\t,，、。:：;；/|()（）「」『』【】\[\]<>＜＞\"'=&!]+")
_WORD = re.compile(r"[^\s\u3000]+")

_MAKERS: dict[str, Callable[[bytes, str], str]] = {
    "JP_MY_NUMBER": surrogate_ids.my_number,
    "JP_CORPORATE_NUMBER": surrogate_ids.corporate_number,
    "CREDIT_CARD": surrogate_ids.card_number,
    "IP_ADDRESS": surrogate_ids.ip_address,
    "PHONE_NUMBER": surrogate_contact.phone_number,
    "EMAIL_ADDRESS": surrogate_contact.email_address,
    "PERSON": surrogate_names.person_name,
    "JP_ADDRESS": surrogate_address.address_text,
    "JP_POSTAL_CODE": surrogate_address.postal_code,
}


class Values:
    """Keyed 64-bit digests of canonical values: the values found in a run's inputs, and
    the values its policy keeps (the leak check's two sets; no value is held)."""

    def __init__(self, key: bytes) -> None:
        self._key = hashlib.sha256(b"mamoru-values\x1f" + key).digest()
        self.inputs: dict[int, str] = {}  # digest -> entity type ("" when unknown)
        self.kept: set[int] = set()

    def digest(self, text: str) -> int | None:
        data = canonical(text).encode()
        if not data:
            return None
        return int.from_bytes(hashlib.blake2b(data, key=self._key, digest_size=8).digest(),
                              "big")

    def add_input(self, text: str, entity_type: str = "") -> None:
        if (d := self.digest(text)) is not None and not self.inputs.get(d):
            self.inputs[d] = entity_type

    def known_pieces(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) of the pieces of `text` that are, whole, input values of a
        known type: runs between punctuation, and their words (`山田 太郎`, `山田`)."""
        if not self.inputs:
            return []
        out: list[tuple[int, int, str]] = []
        for seg in _SEGMENT.finditer(text):
            pieces = [seg] if " " not in seg.group() and "\u3000" not in seg.group() else \
                [seg, *_WORD.finditer(text, seg.start(), seg.end())]
            for m in pieces:
                if (len(m.group()) >= 2 and (not out or m.start() >= out[-1][1])
                        and (kind := self.inputs.get(self.digest(m.group())))):
                    out.append((m.start(), m.end(), kind))
        return out

    def add_kept(self, text: str) -> None:
        if (d := self.digest(text)) is not None:
            self.kept.add(d)

    def is_input(self, text: str) -> bool:
        return self.digest(text) in self.inputs


class Surrogates:
    """Keyed, deterministic surrogates, never one of the run's input values (`avoid`),
    and 64-bit keyed digests of every replacement written since the last `forget()`
    (memory: 8 bytes of digest per distinct value)."""

    def __init__(self, key: bytes, avoid: Values | None = None) -> None:
        self.key = key
        self.avoid = avoid
        self._digest_key = hashlib.sha256(b"mamoru-produced\x1f" + key).digest()
        self.produced: set[int] = set()
        # Repeated values (a column of few distinct values) are made once.
        self._cached = lru_cache(maxsize=1 << 16)(self._make)

    def make(self, entity_type: str, value: str) -> str:
        """The surrogate of `value`: same value and key, same surrogate, always."""
        return self._cached(entity_type, value)

    def digest(self, text: str) -> int:
        """The keyed digest `remember` records for `text`."""
        return self._digest(text)

    def _digest(self, text: str) -> int:
        data = text.strip().encode()
        return int.from_bytes(
            hashlib.blake2b(data, key=self._digest_key, digest_size=8).digest(), "big"
        )

    def remember(self, replacement: str) -> None:
        self.produced.add(self._digest(replacement))

    def forget(self) -> None:
        """Start a new record (after a chunk has been checked)."""
        self.produced.clear()

    def is_produced(self, text: str) -> bool:
        """`text` is exactly a replacement written since the last `forget()`."""
        return self._digest(text) in self.produced

    def reading(self, name: str, reading_template: str) -> str:
        """The kana reading of the surrogate of `name` (for a reading column)."""
        out = surrogate_names.reading_of(self.key, name, reading_template)
        self.remember(out)
        return out

    def postal_for_address(self, address: str, postal_template: str) -> str:
        """The postal code of the surrogate of `address` (for a postal-code column)."""
        out = surrogate_address.address(self.key, address).postal(postal_template)
        self.remember(out)
        return out

    def _make(self, entity_type: str, value: str) -> str:
        """A surrogate that is not an input value: redrawn with a derived key if it is
        (a common surname drawn for another surname, a shifted date of birth landing on
        another person's)."""
        out = self._draw(self.key, entity_type, value)
        n, tries = 0, _DENSE_REDRAWS.get(entity_type, _REDRAWS)
        while self.avoid is not None and self.avoid.is_input(out) and n < tries:
            n += 1
            out = self._draw(self.key + b"\x1fredraw%d" % n, entity_type, value)
        return out

    @staticmethod
    def _draw(key: bytes, entity_type: str, value: str) -> str:
        if entity_type == "DATE_OF_BIRTH":
            return shift_date(key, value) or surrogate_ids.same_shape(key, value, entity_type)
        # Other identification codes (passport, licence, account...): same shape.
        maker = _MAKERS.get(entity_type)
        if maker is not None:
            return maker(key, value)
        return surrogate_ids.same_shape(key, value, entity_type)
