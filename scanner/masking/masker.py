"""The masker: detection with the engine, then the policy's operator on each span.

One `Masker` serves a whole run (all files, all tables): its surrogates stay consistent
and it remembers every replacement it wrote, so the leak check can tell them apart.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scanner.masking.operators import OperatorEngine, runtime_params
from scanner.masking.policy import Policy, Rule
from scanner.masking.surrogates.pseudonyms import Surrogates, Values

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.findings import Finding

# A postal code this close before an address belongs to it (〒100-0001 東京都…).
_POSTAL_GAP = 3


class Masker:
    """Finds and replaces personal data according to a policy, with one key."""

    def __init__(self, policy: Policy, key: bytes, engine: Engine | None = None) -> None:
        from scanner.engine import Engine, EngineConfig

        self.policy = policy
        self.values = Values(key)  # input and kept values, for the leak check
        self.surrogates = Surrogates(key, self.values)
        self.ops = OperatorEngine(runtime_params(key, self.surrogates, policy.lang))
        self.engine = engine or Engine(EngineConfig(min_score=policy.min_score))
        self.entities = sorted(policy.masked_types & set(self.engine.entities))
        # Key columns under the anonymized profile: hashed with a key of this run only.
        self.key_rule = Rule("keyed_hash", {"key": secrets.token_bytes(32)}) \
            if policy.run_key_for_keys else None

    # -- detection ---------------------------------------------------------------------
    def detect(self, texts: Sequence[str], context: Sequence[str] = ()) -> list[list[Finding]]:
        """Findings of the masked types, evidence pooled over `texts` (one column)."""
        if not self.entities:
            return [[] for _ in texts]
        return self.engine.analyze_batch(
            texts, entities=self.entities, min_score=self.policy.min_score, context=context
        )

    # -- replacement ---------------------------------------------------------------------
    def mask_texts(self, texts: Sequence[str], context: Sequence[str] = ()) -> list[str]:
        """Each text with its personal data replaced, everything else kept; pieces that
        are, whole, values already replaced elsewhere in the run (a name repeated in a
        formula, a list, a property) are replaced as those values."""
        return [
            splice(text, self.with_known(text, self.replacements(findings)))
            for text, findings in zip(texts, self.detect(texts, context), strict=True)
        ]

    def with_known(
        self, text: str, reps: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """`reps` plus the pieces of `text` outside them that are, whole, values this run
        replaced elsewhere (a name the engine sees in a table but not alone in a header)."""
        known = self.values.known_pieces(text)
        if not known:
            return reps
        from bisect import bisect_left

        ends = [b for _, b, _ in reps]  # reps are ordered and do not overlap
        extra = []
        for s, e, kind in known:
            i = bisect_left(ends, s + 1)  # the first rep ending after s
            if i < len(reps) and reps[i][0] < e:
                continue  # overlaps a finding
            extra.append((s, e, self.mask_value(kind, text[s:e])))
        return sorted([*reps, *extra]) if extra else reps

    def replace_findings(
        self, text: str, findings: Sequence[Finding], operator: str | None = None
    ) -> str:
        """`text` with the replacement of each finding spliced in; `operator` overrides
        the policy's rule for every type (a column's operator)."""
        return splice(text, self.replacements(findings, operator))

    def replacements(
        self, findings: Sequence[Finding], operator: str | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, new text) per finding, in order (findings do not overlap)."""
        ordered = sorted(findings, key=lambda f: f.start)
        return [
            (f.start, f.end,
             self._replacement(f, ordered[i + 1] if i + 1 < len(ordered) else None, operator))
            for i, f in enumerate(ordered)
        ]

    def mask_value(
        self, entity_type: str, value: str, operator: str | None = None, *, known: bool = True
    ) -> str:
        """A whole value of a known type (a classified column's cell); `known=False` for
        values replaced whole that need not be personal data (a document's author field,
        often a program's name): not looked for elsewhere as a value of the run."""
        if not value.strip():
            return value
        rule = Rule(operator) if operator else self.policy.rule(entity_type)
        if rule.operator == "keep":
            self.values.add_kept(value)
            return value
        if known:
            self.values.add_input(value, entity_type)
        out = self.ops.mask_value(entity_type, value, rule)
        self.surrogates.remember(out)
        return out

    def mask_key_value(self, entity_type: str, value: str) -> str:
        """A value in a primary or foreign key: consistent, so joins still match."""
        if self.key_rule is None:
            return self.mask_value(entity_type, value)
        self.values.add_input(value, entity_type)
        out = self.ops.mask_value(entity_type, value, self.key_rule)
        self.surrogates.remember(out)
        return out

    def reading(self, name: str, reading: str) -> str:
        """The reading column of a masked name column, matching its surrogate."""
        if self.policy.rule("PERSON").operator != "pseudonym" or not name.strip():
            return self.mask_value("PERSON", reading)
        return self.surrogates.reading(name, reading)

    def postal_for(self, address: str, postal: str) -> str:
        """The postal-code column of a masked address column, matching its surrogate."""
        if (
            self.policy.rule("JP_POSTAL_CODE").operator != "pseudonym"
            or self.policy.rule("JP_ADDRESS").operator != "pseudonym"
            or not address.strip()
        ):
            return self.mask_value("JP_POSTAL_CODE", postal)
        return self.surrogates.postal_for_address(address, postal)

    def _replacement(
        self, finding: Finding, following: Finding | None, operator: str | None
    ) -> str:
        if (
            operator is None
            and finding.entity_type == "JP_POSTAL_CODE"
            and following is not None
            and following.entity_type == "JP_ADDRESS"
            and following.start - finding.end <= _POSTAL_GAP
        ):
            return self.postal_for(following.text, finding.text)
        return self.mask_value(finding.entity_type, finding.text, operator)


def splice(text: str, replacements: Sequence[tuple[int, int, str]]) -> str:
    """`text` with ordered, non-overlapping (start, end, new) replacements applied."""
    out: list[str] = []
    pos = 0
    for start, end, new in replacements:
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)
