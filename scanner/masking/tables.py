"""Masking tabular data (CSV, XLSX sheets, database tables) column by column.

Each column gets a plan from the policy, its header and the DB classification:
- `entity`: every cell is one value of a type (names, addresses: the recognizers see
  too little in a bare cell, the header decides), replaced whole;
- `detect`: cells analyzed as one batch with the header as context, spans replaced;
- `reading`: a kana reading column, filled with the reading of the row's name surrogate;
- `postal`: a postal-code column, filled with the code of the row's address surrogate;
- `keep` / `drop`: named by the policy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from scanner.interrupts import checkpoint
from scanner.masking.masker import Masker

DETECT, ENTITY, READING, POSTAL = "detect", "entity", "reading", "postal"
KEEP, DROP = "keep", "drop"
# Types whose cells are taken whole when the header names them.
HEADER_DECIDES = frozenset({"PERSON", "JP_ADDRESS"})
# Header strength needed (scanner.dbscan.names): a bare `name` (weak) is enough to
# mask a column as names; over-masking a product name is the safe mistake.
HEADER_STRENGTH = 0.4
_READING = re.compile(r"フリガナ|ふりがな|カナ|かな|kana|yomi|読み|よみ|furigana", re.IGNORECASE)
RARE_MARK = "*"
SAMPLE_ROWS = 500  # rows sampled to classify columns
WHOLE_SHARE = 0.6  # share of sampled values that must be one type, whole
WHOLE_COVER = 0.8  # a finding covering this much of a value is the value
MIXED_CHARS = 24  # a typed cell longer than this (and twice the median) is analyzed


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    name: str
    action: str
    entity: str | None = None
    operator: str | None = None  # a policy's per-column operator
    source: int | None = None  # reading/postal: index of the name/address column
    key: bool = False  # part of a primary or foreign key
    context: tuple[str, ...] = ()


def plan_columns(
    masker: Masker,
    headers: Sequence[str],
    table: str | None = None,
    keys: frozenset[str] = frozenset(),
    classified: dict[str, str] | None = None,
) -> list[ColumnPlan]:
    """One plan per column (see the module docstring); `classified` names columns whose
    sampled values are, whole, one type (`classify_columns`)."""
    from scanner.dbscan.names import header_context, name_signal

    plans: list[ColumnPlan] = []
    for name in headers:
        context = tuple(header_context(name)) if name else ()
        rule = masker.policy.column(table, name)
        is_key = name in keys
        if rule is not None and rule.drop:
            plans.append(ColumnPlan(name, DROP))
        elif rule is not None and rule.entity is None and rule.operator == "keep":
            plans.append(ColumnPlan(name, KEEP))
        elif rule is not None and rule.entity is not None:
            plans.append(ColumnPlan(name, ENTITY, rule.entity, rule.operator, key=is_key,
                                    context=context))
        else:
            entity = (classified or {}).get(name)
            signal = name_signal(name) if name else None
            if entity is None and signal is not None and signal.strength >= HEADER_STRENGTH \
                    and signal.entity_type in HEADER_DECIDES:
                entity = signal.entity_type
            operator = rule.operator if rule is not None else None
            if entity is not None and entity in masker.policy.masked_types:
                plans.append(ColumnPlan(name, ENTITY, entity, operator, key=is_key,
                                        context=context))
            else:
                plans.append(ColumnPlan(name, DETECT, operator=operator, key=is_key,
                                        context=context))
    return _link(plans)


def classify_columns(masker: Masker, columns: dict[str, list[object]]) -> dict[str, str]:
    """Column -> entity type, when most sampled values are, whole, one type."""
    from scanner.dbscan.names import header_context

    out: dict[str, str] = {}
    for name, values in columns.items():
        texts = [t for v in values if (t := as_text(v)) is not None and t.strip()]
        if not texts:
            continue
        whole: Counter[str] = Counter()
        for text, findings in zip(texts, masker.detect(texts, header_context(name)),
                                  strict=True):
            size = len(text.strip())
            for f in findings:
                if f.end - f.start >= WHOLE_COVER * size:
                    whole[f.entity_type] += 1
                    break
        if whole:
            entity, count = whole.most_common(1)[0]
            if count >= WHOLE_SHARE * len(texts):
                out[name] = entity
    return out


def _link(plans: list[ColumnPlan]) -> list[ColumnPlan]:
    """Reading columns follow their name column, postal codes their address column."""
    names = [i for i, p in enumerate(plans)
             if p.action == ENTITY and p.entity == "PERSON" and not _READING.search(p.name)]
    addresses = [i for i, p in enumerate(plans) if p.action == ENTITY and p.entity == "JP_ADDRESS"]
    out = []
    for p in plans:
        if p.action == ENTITY and p.entity == "PERSON" and _READING.search(p.name) and names:
            p = ColumnPlan(p.name, READING, "PERSON", source=names[0], key=p.key,
                           context=p.context)
        elif p.action in (DETECT, ENTITY) and addresses and _is_postal_header(p.name):
            p = ColumnPlan(p.name, POSTAL, "JP_POSTAL_CODE", source=addresses[0], key=p.key,
                           context=p.context)
        out.append(p)
    return out


def _is_postal_header(name: str) -> bool:
    from scanner.dbscan.names import name_signal

    signal = name_signal(name) if name else None
    return signal is not None and signal.entity_type == "JP_POSTAL_CODE"


@dataclass
class TableMasker:
    """Masks batches of rows; consistent across batches, tables and files."""

    masker: Masker
    plans: list[ColumnPlan]
    rare: dict[int, set[str]] = field(default_factory=dict)  # column -> values to generalize
    # called with the text of every finding detected in the input (the leak check's
    # record of input values)
    seen: Callable[[str], None] | None = None

    def mask_rows(self, rows: Sequence[Sequence[object]]) -> list[list[object]]:
        """The rows with every column masked by its plan; dropped columns left out."""
        columns = []
        for i in range(len(self.plans)):
            checkpoint()  # a signal during mask-db stops here, between columns
            columns.append(self._mask_column(i, [r[i] for r in rows], rows))
        keep = [i for i, p in enumerate(self.plans) if p.action != DROP]
        return [[columns[i][n] for i in keep] for n in range(len(rows))]

    def _mask_column(
        self, index: int, values: list[object], rows: Sequence[Sequence[object]]
    ) -> list[object]:
        plan = self.plans[index]
        rare = self.rare.get(index)
        if rare:
            values = [RARE_MARK if as_text(v) in rare else v for v in values]
        if plan.action == KEEP:
            for value in values:
                if (text := as_text(value)) is not None:
                    self.masker.values.add_kept(text)
            return values
        if plan.action == DROP:
            return values
        if any(is_structured(v) for v in values):
            return self._detect_structured(plan, values)
        if plan.action == DETECT:
            return self._checked(self._detect(plan, values))
        mixed = self._mixed(plan, values)
        out: list[object] = []
        for n, value in enumerate(values):
            text = as_text(value)
            if text is None or not text.strip() or text == RARE_MARK:
                out.append(value)
                continue
            if n in mixed:  # more than one value in a typed cell: every entity replaced
                out.append(self._typed(value, self.masker.replace_findings(text, mixed[n])))
                continue
            source = as_text(rows[n][plan.source]) if plan.source is not None else None
            if plan.action == READING:
                new = self.masker.reading(source or "", text)
            elif plan.action == POSTAL:
                new = self.masker.postal_for(source or "", text)
            elif plan.key:
                new = self.masker.mask_key_value(plan.entity, text)
            else:
                new = self.masker.mask_value(plan.entity, text, plan.operator)
            out.append(self._typed(value, new))
        return self._checked(out)

    def _mixed(self, plan: ColumnPlan, values: list[object]) -> dict[int, list]:
        """Cells of a typed column much longer than its values, whose findings do not
        cover them (`080-…（担当 佐々木健一様 …）`): row -> findings."""
        if plan.action != ENTITY or plan.key:
            return {}
        texts = {n: t for n, v in enumerate(values)
                 if (t := as_text(v)) is not None and t.strip() and t != RARE_MARK}
        if not texts:
            return {}
        sizes = sorted(len(t) for t in texts.values())
        limit = max(MIXED_CHARS, 2 * sizes[len(sizes) // 2])
        long = [n for n, t in texts.items() if len(t) > limit]
        if not long:
            return {}
        found = self.masker.detect([texts[n] for n in long], plan.context)
        return {n: f for n, f in zip(long, found, strict=True)
                if f and sum(x.end - x.start for x in f) < WHOLE_COVER * len(texts[n].strip())}

    def _checked(self, values: list[object]) -> list[object]:
        """Numbers whose check digit passes, left in any cell (a My Number under the
        phone header, boxed digits), replaced as what they are."""
        from scanner.masking.leakcheck.findings import checked_numbers, checked_types

        types = checked_types(self.masker)
        produced = self.masker.surrogates.is_produced
        out = list(values)
        for n, value in enumerate(values):
            text = as_text(value)
            if text is None or len(text) < 12:
                continue
            reps = [(a, b, self.masker.mask_value(kind, text[a:b]))
                    for a, b, kind in checked_numbers(text, types) if not produced(text[a:b])]
            if reps:
                from scanner.masking.masker import splice

                out[n] = self._typed(value, splice(text, reps))
        return out

    def _typed(self, original: object, new: str) -> object:
        """`new` in the column's type; a date written back is remembered as written."""
        typed = typed_like(original, new)
        if not isinstance(typed, str) and (text := as_text(typed)) is not None:
            self.masker.surrogates.remember(text)
        return typed

    def _detect(self, plan: ColumnPlan, values: list[object]) -> list[object]:
        texts_at = {n: t for n, v in enumerate(values)
                    if (t := _cell_text(v)) is not None and t.strip()}
        if not texts_at:
            return values
        idx, texts = list(texts_at), list(texts_at.values())
        found = self._found(texts, plan.context)
        out = list(values)
        for n, text in zip(idx, texts, strict=True):
            findings = found[text]
            if not findings:
                continue
            if plan.key:  # a key is replaced whole, the same way wherever it occurs
                new = self.masker.mask_key_value(findings[0].entity_type, text)
            else:
                new = self.masker.replace_findings(text, findings, plan.operator)
            out[n] = self._typed(values[n], new)
        return out

    def _found(self, texts: list[str], context: Sequence[str]) -> dict[str, list]:
        """text -> findings; repeated values are analyzed once."""
        unique = list(dict.fromkeys(texts))
        found = dict(zip(unique, self.masker.detect(unique, context), strict=True))
        if self.seen is not None:
            for findings in found.values():
                for f in findings:
                    self.seen(f.text)
        return found

    def _detect_structured(self, plan: ColumnPlan, values: list[object]) -> list[object]:
        """JSON documents, arrays and binary text: their texts analyzed by JSON key."""
        from scanner.dbscan.names import header_context
        from scanner.masking.database.values import mask_structured, pieces

        by_label: dict[str, list[str]] = {}
        for v in values:
            for p in pieces(v):
                if p.text.strip():
                    by_label.setdefault(p.label, []).append(p.text)
        found = {
            label: self._found(texts, (*plan.context, *header_context(label)) if label
                               else plan.context)
            for label, texts in by_label.items()
        }

        def mask(text: str, label: str) -> str:
            findings = found.get(label, {}).get(text)
            if not findings:
                return text
            return self.masker.replace_findings(text, findings, plan.operator)

        return [mask_structured(v, mask) if is_structured(v) else
                self._typed(v, mask(t, "")) if (t := _cell_text(v)) is not None else v
                for v in values]


def is_structured(value: object) -> bool:
    from scanner.masking.database.values import is_structured as structured

    return structured(value)


def _cell_text(value: object) -> str | None:
    from scanner.masking.database.values import integral_text

    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return integral_text(value)
    return as_text(value)


def as_text(value: object) -> str | None:
    """The text of a cell value that may hold personal data (None for others)."""
    if value is None or isinstance(value, bool | float):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(int(value)) if value.is_finite() and value == int(value) else None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return None


def typed_like(original: object, new: str) -> object:
    """`new` converted back to the type of `original` where it fits (ints, dates)."""
    if isinstance(original, bool | str):
        return new
    if isinstance(original, int | Decimal):
        from scanner.masking.database.values import number_like

        return number_like(original, new)
    if isinstance(original, date):
        day = _as_date(new)
        if day is None:
            return None
        return datetime.combine(day, datetime.min.time()) if isinstance(original, datetime) \
            else day
    return new


def _as_date(text: str) -> date | None:
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
