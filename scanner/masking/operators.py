"""Masking operators as presidio-anonymizer `Operator`s, and the engine that runs them.

Built in: `redact`, `keep`. Registered here: `tag` (`<氏名>`/`<PERSON>`), `partial_mask`
(`090-****-5678`, `****-****-9018`), `keyed_hash` (HMAC, non-restorable without the
key), `pseudonym` (keyed realistic surrogates) and `generalize`.
Presidio is imported only when an `OperatorEngine` is built; spans are spliced by
`scanner.masking.masker` so that every character outside them stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scanner.masking.generalize import generalize, mask_digits_after
from scanner.masking.keyed import keyed_hex
from scanner.masking.tags import tag
from scanner.privacy import preview

if TYPE_CHECKING:
    from scanner.masking.policy import Rule
    from scanner.masking.surrogates.pseudonyms import Surrogates

OPERATOR_NAMES = ("redact", "keep", "tag", "partial_mask", "keyed_hash", "pseudonym", "generalize")


def _import_presidio_anonymizer() -> None:
    """Import presidio-anonymizer without its optional Azure helper, which pulls in all of
    presidio-analyzer and spaCy (seconds of start-up) just to probe for Azure credentials.
    A `None` entry in `sys.modules` makes that one optional import fail as if absent."""
    import sys

    helper = "presidio_analyzer.llm_utils.azure_auth_helper"
    if "presidio_anonymizer" in sys.modules or "presidio_analyzer" in sys.modules:
        return
    sys.modules[helper] = None  # type: ignore[assignment]
    try:
        import presidio_anonymizer  # noqa: F401
    finally:
        del sys.modules[helper]


def _operator_classes() -> list[type]:
    _import_presidio_anonymizer()
    from presidio_anonymizer.entities import InvalidParamError
    from presidio_anonymizer.operators import Operator, OperatorType

    class _Anonymizer(Operator):
        name = ""

        def operator_name(self) -> str:
            return self.name

        def operator_type(self) -> OperatorType:
            return OperatorType.Anonymize

        def validate(self, params: dict | None = None) -> None:
            for needed in self.needs:
                if not (params or {}).get(needed):
                    raise InvalidParamError(f"{self.name}: missing parameter '{needed}'")

        needs: tuple[str, ...] = ()

    class Tag(_Anonymizer):
        name = "tag"

        def operate(self, text: str, params: dict | None = None) -> str:
            return tag(params["entity_type"], params.get("lang", "ja"))

    class PartialMask(_Anonymizer):
        name = "partial_mask"

        def operate(self, text: str, params: dict | None = None) -> str:
            return partial_mask(params["entity_type"], text)

    class KeyedHash(_Anonymizer):
        name = "keyed_hash"
        needs = ("key",)

        def operate(self, text: str, params: dict | None = None) -> str:
            return keyed_hex(params["key"], params["entity_type"], text, params.get("length", 16))

    class Pseudonym(_Anonymizer):
        name = "pseudonym"
        needs = ("surrogates",)

        def operate(self, text: str, params: dict | None = None) -> str:
            return params["surrogates"].make(params["entity_type"], text)

    class Generalize(_Anonymizer):
        name = "generalize"

        def operate(self, text: str, params: dict | None = None) -> str:
            return generalize(params["entity_type"], text, params.get("lang", "ja"))

    return [Tag, PartialMask, KeyedHash, Pseudonym, Generalize]


class OperatorEngine:
    """presidio-anonymizer's operator factory with mamoru's operators registered."""

    def __init__(self, runtime: dict) -> None:
        _import_presidio_anonymizer()
        from presidio_anonymizer import AnonymizerEngine

        engine = AnonymizerEngine()
        for cls in _operator_classes():
            engine.add_anonymizer(cls)
        self.runtime = runtime  # key, surrogates, lang: handed to every operator
        self._instances = {
            name: cls() for name, cls in engine.operators_factory.get_anonymizers().items()
        }

    def mask_value(self, entity_type: str, value: str, rule: Rule) -> str:
        """One value (a finding's text or a whole cell) through the rule's operator."""
        op = self._instances.get(rule.operator)
        if op is None:
            raise ValueError(f"unknown operator: {rule.operator}")
        params = {**self.runtime, **rule.params, "entity_type": entity_type}
        op.validate(params)
        return op.operate(value, params)


def partial_mask(entity_type: str, value: str) -> str:
    """`090-****-5678`, `****-****-9018`, `1985年*月**日`, `〒100-****`."""
    if entity_type == "DATE_OF_BIRTH":
        return mask_digits_after(value, 4)
    if entity_type == "JP_POSTAL_CODE":
        return mask_digits_after(value, 3)
    return preview(value, entity_type)


def runtime_params(key: bytes, surrogates: Surrogates, lang: str) -> dict:
    """Parameters every operator may use."""
    return {"key": key, "surrogates": surrogates, "lang": lang}
