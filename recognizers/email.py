"""メールアドレス: also when glued to Japanese text (`メールはtaro@example.jpです`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Document, Ladder, Recognizer

_LOCAL_REVERSED = re.compile(r"[A-Za-z0-9._%+\-]{1,64}")
_DOMAIN = re.compile(
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)


class EmailRecognizer(Recognizer):
    """Anchored on each `@`: bounded work per `@`, so no backtracking blow-ups."""

    entity = "EMAIL_ADDRESS"
    context = ("メール", "mail", "e-mail", "email", "連絡先")
    needs = "@"

    def analyze(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        at = text.find("@")
        while at != -1:
            found = self._match_at(text, at)
            if found is not None:
                start, end = found
                context = self.find_context(doc, start, end)
                yield Candidate(
                    self.entity, start, end, Ladder.DISTINCT_FORMAT, "address", "DISTINCT_FORMAT",
                    validator="RFC 5321 shape",
                    context=context.description if context else None, value=text[start:end],
                )
            at = text.find("@", at + 1)

    @staticmethod
    def _match_at(text: str, at: int) -> tuple[int, int] | None:
        dom = _DOMAIN.match(text, at)
        if dom is None:
            return None
        # The local part, read backwards from the `@` (at most 64 characters).
        local = _LOCAL_REVERSED.match(text[max(0, at - 64) : at][::-1])
        if local is None:
            return None
        start = at - local.end()
        while start < at and text[start] in "._%+-":
            start += 1  # a local part does not start with punctuation
        if start == at or text[at - 1] == ".":
            return None
        if text.startswith("git@", start) and text[dom.end() : dom.end() + 1] == ":":
            return None  # git@host:org/repo is a remote, not a mailbox
        return start, dom.end()
