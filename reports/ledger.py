"""The 個人情報管理台帳 as XLSX (ledger, violations, breach estimates, notes), CSV with
a BOM (the ledger sheet) or JSONL; and the columns people filled in, read back from
the previous ledger so that regenerating keeps them.

Only names of places, types, counts and policy text are written: never a value.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from recognizers.registry import ENTITY_TYPES, SPECIFIC_PERSONAL_INFORMATION, label
from scanner.i18n import Lang
from scanner.ledger.build import Ledger
from scanner.ledger.holdings import ARCHIVE, TABLE, Holding

# (key, Japanese header, English header); the person-filled keys are read back.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "管理番号", "ID"),
    ("category", "個人情報の名称", "category"),
    ("category_id", "カテゴリID", "category id"),
    ("items", "項目", "data items"),
    ("purposes", "利用目的", "purposes"),
    ("location", "保管場所", "location"),
    ("medium", "媒体", "medium"),
    ("persons", "件数（推定本人数）", "persons (estimate)"),
    ("persons_method", "件数の数え方", "how persons are counted"),
    ("sensitive", "要配慮個人情報", "sensitive data"),
    ("my_number", "特定個人情報", "My Numbers"),
    ("owner", "管理責任者", "owner"),
    ("access", "アクセス権者", "who can read it"),
    ("retention", "保存期間", "retention"),
    ("updated", "最終更新", "last modified"),
    ("detected", "最終検出", "last detected"),
    ("acquisition", "取得方法", "how obtained"),
    ("disposal", "廃棄方法", "disposal"),
    ("entrusted_to", "委託先", "entrusted to"),
    ("provided_to", "提供先", "provided to"),
    ("remarks", "備考", "remarks"),
)
PERSON_COLUMNS = ("acquisition", "disposal", "entrusted_to", "provided_to", "remarks")
VIOLATION_COLUMNS = (("id", "管理番号", "ID"), ("kind", "違反の種類", "violation"),
                     ("category_id", "カテゴリID", "category id"),
                     ("location", "保管場所", "location"), ("detail", "内容", "detail"))
BREACH_COLUMNS = (("id", "管理番号", "ID"), ("location", "保管場所", "location"),
                  ("persons", "推定本人数", "persons (estimate)"),
                  ("persons_method", "数え方", "how counted"),
                  ("sensitive", "要配慮個人情報", "sensitive data"),
                  ("financial", "財産的被害のおそれ", "financial damage"),
                  ("over_1000", "1,000人超", "over 1,000 persons"),
                  ("my_number_over_100", "特定個人情報 100人超", "My Numbers over 100"),
                  ("reportable", "報告対象", "must be reported"))
_HEADER_KEYS = {name: key for key, ja, en in COLUMNS for name in (ja, en, key)}


def ledger_rows(ledger: Ledger, lang: Lang,
                previous: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """One dict per holding, keyed by column key; person columns from `previous`."""
    yes, no = lang.t("reports.ledger.yes"), lang.t("reports.ledger.no")
    out = []
    for h in ledger.holdings:
        c = h.category
        row: dict[str, object] = {
            "id": h.id,
            "category": c.name if c else lang.t("reports.ledger.unregistered"),
            "category_id": h.category_id,
            "items": lang.t("list.separator").join(label(t, lang.code) for t in _ordered(h.items)),
            "purposes": lang.t("reports.ledger.purpose_separator").join(c.purposes) if c else "",
            "location": h.location + (f" ({', '.join(h.columns)})" if h.columns else ""),
            "medium": _medium(h, lang),
            "persons": h.persons.count,
            "persons_method": h.persons.method(lang),
            "sensitive": yes if h.sensitive else no,
            "my_number": yes if set(h.items) & SPECIFIC_PERSONAL_INFORMATION else no,
            "owner": c.owner if c else "",
            "access": h.access.describe(lang),
            "retention": c.retention.text if c else "",
            "updated": h.updated_at,
            "detected": h.last_seen_at,
        }
        kept = previous.get(h.id, {})
        row.update({k: kept.get(k, "") for k in PERSON_COLUMNS})
        out.append(row)
    return out


def violation_rows(ledger: Ledger, lang: Lang) -> list[dict[str, object]]:
    return [{"id": v.holding_id, "kind": v.kind_label(lang), "category_id": v.category_id,
             "location": v.location, "detail": v.detail(lang)} for v in ledger.violations]


def breach_rows(ledger: Ledger, lang: Lang) -> list[dict[str, object]]:
    yes, no = lang.t("reports.ledger.applies"), lang.t("reports.ledger.does_not_apply")
    rows = []
    for h in ledger.holdings:
        i = ledger.impacts[h.id]
        rows.append({
            "id": h.id, "location": h.location, "persons": i.persons.count,
            "persons_method": i.persons.method(lang),
            "sensitive": yes if i.sensitive else no, "financial": yes if i.financial else no,
            "over_1000": yes if i.over_persons else no,
            "my_number_over_100": yes if i.over_my_numbers else no,
            "reportable": lang.t("reports.ledger.reportable") if i.reportable else no})
    return rows


def _ordered(items: dict[str, int]) -> list[str]:
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    return sorted(items, key=lambda t: (order.get(t, 99), t))


def _medium(h: Holding, lang: Lang) -> str:
    if h.kind == TABLE:
        return lang.t("reports.ledger.database")
    if h.kind == ARCHIVE:
        return lang.t("reports.ledger.archive_file_share")
    return lang.t("reports.ledger.file_share")


def format_of(path: str, given: str | None) -> str:
    """xlsx, csv or jsonl: `--format` wins, else the output's suffix (default xlsx; csv
    on stdout, `-`)."""
    if given:
        return given
    if path == "-":
        return "csv"
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "csv", "jsonl") else "xlsx"


# ---- writing -------------------------------------------------------------------------

def write_ledger(ledger: Ledger, path: str, fmt: str, lang: Lang,
                 previous: dict[str, dict[str, str]], about: list[tuple[str, str]]) -> None:
    """Write atomically (a temp file in the same folder, then renamed); `-` is stdout,
    where CSV has no BOM and a workbook goes out as bytes."""
    rows = ledger_rows(ledger, lang, previous)
    if path == "-":
        if fmt == "xlsx":
            with tempfile.TemporaryDirectory(prefix="mamoru-") as directory:
                book = os.path.join(directory, "ledger.xlsx")
                _xlsx(book, ledger, rows, lang, about)
                with open(book, "rb") as fh:
                    sys.stdout.buffer.write(fh.read())
            sys.stdout.buffer.flush()
        else:
            _text(sys.stdout, ledger, rows, fmt, lang)
            sys.stdout.flush()
        return
    with _atomic(path) as tmp:
        if fmt == "xlsx":
            _xlsx(tmp, ledger, rows, lang, about)
        else:
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
            with open(tmp, "w", encoding=encoding, newline="") as fh:
                _text(fh, ledger, rows, fmt, lang)


def _text(fh: TextIO, ledger: Ledger, rows: list[dict[str, object]], fmt: str,
          lang: Lang) -> None:
    if fmt == "csv":
        _csv(fh, COLUMNS, rows, lang)
    else:
        fh.writelines(jsonl_records(ledger, rows, lang))


def jsonl_records(ledger: Ledger, rows: list[dict[str, object]], lang: Lang) -> Iterator[str]:
    """`{"record": "holding", ...}` per holding (with its breach flags), then
    `{"record": "violation", ...}` per violation; keys are the column keys."""
    for row, h in zip(rows, ledger.holdings, strict=True):
        i = ledger.impacts[h.id]
        record = {"record": "holding", **row, "entity_types": _ordered(h.items),
                  "persons_basis": h.persons.basis, "sensitive": h.sensitive,
                  "my_number": bool(set(h.items) & SPECIFIC_PERSONAL_INFORMATION),
                  "breach": {"reportable": i.reportable, "sensitive": i.sensitive,
                             "financial": i.financial, "over_1000": i.over_persons,
                             "my_number_over_100": i.over_my_numbers}}
        yield json.dumps(record, ensure_ascii=False) + "\n"
    for v in ledger.violations:
        yield json.dumps({"record": "violation", "id": v.holding_id, "kind": v.kind,
                          "category_id": v.category_id, "location": v.location,
                          "detail": v.detail(lang)}, ensure_ascii=False) + "\n"


def _csv(fh, columns, rows, lang: Lang) -> None:
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow([lang(ja, en) for _, ja, en in columns])
    for row in rows:
        writer.writerow([row.get(key, "") for key, _, _ in columns])


def _xlsx(tmp: str, ledger: Ledger, rows, lang: Lang, about: list[tuple[str, str]]) -> None:
    """Written in openpyxl's write-only mode: styles on the header row only, so that
    thousands of rows cost little."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    person_fill = PatternFill("solid", fgColor="FFF2CC")
    sheets = ((lang.t("reports.ledger.ledger"), COLUMNS, rows),
              (lang.t("reports.ledger.violations"), VIOLATION_COLUMNS,
               violation_rows(ledger, lang)),
              (lang.t("reports.ledger.breach_reporting"), BREACH_COLUMNS,
               breach_rows(ledger, lang)))
    for n, (title, columns, data) in enumerate(sheets):
        ws = wb.create_sheet(title)
        for i, (key, ja, en) in enumerate(columns, start=1):
            width = max([len(lang(ja, en))] + [len(str(r.get(key, ""))) for r in data[:200]])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width * 1.6))
        ws.freeze_panes = "B2"
        if data:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(data) + 1}"
        header = []
        for key, ja, en in columns:
            cell = WriteOnlyCell(ws, value=lang(ja, en))
            cell.font = bold
            cell.fill = person_fill if key in PERSON_COLUMNS and n == 0 else head_fill
            header.append(cell)
        ws.append(header)
        for row in data:
            ws.append([row.get(key, "") for key, _, _ in columns])
    ws = wb.create_sheet(lang.t("reports.ledger.about"))
    ws.column_dimensions["A"].width = 120
    for ja, en in about:
        ws.append([lang(ja, en)])
    wb.save(tmp)


class _atomic:
    """A temp path next to `path`, moved over it when the block succeeds."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> str:
        directory = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=".mamoru-", suffix=".tmp", dir=directory)
        os.close(fd)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


# ---- reading back --------------------------------------------------------------------

def read_previous(path: str) -> dict[str, dict[str, str]]:
    """Person-filled columns of a ledger written before (xlsx, csv or jsonl, either
    language), by 管理番号; rows where people wrote nothing are left out."""
    fmt = format_of(path, None)
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        table = [r for r in records if r.get("record") == "holding"]
    elif fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            table = _keyed(list(reader))
    else:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            values = [["" if v is None else str(v) for v in row]
                      for row in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
        table = _keyed(values)
    out = {}
    for row in table:
        kept = {k: str(row.get(k) or "") for k in PERSON_COLUMNS if str(row.get(k) or "")}
        if row.get("id") and kept:
            out[str(row["id"])] = kept
    return out


def _keyed(values: list[list[str]]) -> list[dict[str, str]]:
    if not values:
        return []
    keys = [_HEADER_KEYS.get(h.strip()) for h in values[0]]
    if "id" not in keys:
        raise ValueError("no 管理番号/ID column")
    return [{k: v for k, v in zip(keys, row, strict=False) if k} for row in values[1:]]
