"""The inventory for people and machines: assets by risk, and what changed."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from typing import TextIO

from recognizers.registry import ENTITY_TYPES, label
from scanner.i18n import Lang
from scanner.inventory.changes import AssetChange
from scanner.inventory.coverage import Coverage
from scanner.inventory.lookup import Answer
from scanner.inventory.problems import ProblemAsset
from scanner.inventory.risk import AssetRisk
from scanner.sources.base import format_location

ASSET_COLUMNS = ("path", "violation", "specific", "total", "entities", "shared_values",
                 "format", "encoding", "size", "last_seen_at")


def asset_dict(a: AssetRisk) -> dict:
    return {
        "path": a.path, "violation": a.violation, "specific": a.specific, "total": a.total,
        "entities": {e.entity_type: {"count": e.count, "max_score": round(e.max_score, 4),
                                     "distinct": e.distinct_values,
                                     "locations": list(e.locations)} for e in a.entities},
        "shared_values": a.shared_values, "format": a.format, "encoding": a.encoding,
        "size": a.size, "last_seen_at": a.last_seen_at,
    }


def write_assets(items: Sequence[AssetRisk], fmt: str, out: TextIO, lang: Lang,
                 width: int | None = None) -> None:
    if fmt == "jsonl":
        for a in items:
            out.write(json.dumps(asset_dict(a), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_assets_csv(items, out)
    else:
        _asset_table(items, out, lang, width)


def write_assets_csv(items: Sequence[AssetRisk], out: TextIO) -> None:
    """One clean cell per value, for Excel: a count column per entity type (risk order,
    the same columns every time; a type found twice in an asset is added up)."""
    columns = [c for c in ASSET_COLUMNS if c != "entities"]
    types = list(ENTITY_TYPES) + sorted({e.entity_type for a in items for e in a.entities}
                                        - set(ENTITY_TYPES))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns[:4], *types, *columns[4:]])
    for a in items:
        d = asset_dict(a)
        counts = dict.fromkeys(types, 0)
        for e in a.entities:
            counts[e.entity_type] += e.count
        row = [d[c] for c in columns]
        writer.writerow([*row[:4], *counts.values(), *["" if v is None else v for v in row[4:]]])


def _asset_table(items: Sequence[AssetRisk], out: TextIO, lang: Lang,
                 width: int | None) -> None:
    """Assets by risk for people, laid out like scan's findings: the path on its own line
    (with its flag, total and shared values), then one aligned row per entity type (count,
    top score, first location), so nothing is cut inside a word at any width."""
    from rich.console import Console
    from rich.text import Text

    from reports.lines import location_text
    from reports.table import aligned

    terminal = bool(getattr(out, "isatty", lambda: False)())
    console = Console(file=out, width=width or (None if terminal else 1000), highlight=False,
                      force_terminal=terminal,
                      color_system="auto" if terminal and not os.environ.get("NO_COLOR") else None)
    console.print(Text(lang.t("reports.inventory.title", n=len(items)),
                       style="bold"))
    head = [lang.t("reports.type"), lang.t("reports.inventory.count"),
            lang.t("reports.score"), lang.t("reports.location")]
    cells = [[[label(e.entity_type, lang.code), str(e.count), f"{e.max_score:.2f}",
               location_text(e.locations[0], lang) if e.locations else ""]
              for e in a.entities] for a in items]
    lines = aligned([head, *(row for rows in cells for row in rows)], right=(1,))
    console.print(Text("  " + lines[0].rstrip(), style="dim"), overflow="fold")
    done = 1
    for a, rows in zip(items, cells, strict=True):
        title = Text(a.path, style="bold cyan")
        if a.violation or a.specific:
            title.append("  " + lang.t("reports.inventory.violation" if a.violation
                                       else "reports.inventory.specific"),
                         style="bold red")
        title.append("  " + lang.t("reports.inventory.asset_total", total=a.total))
        if a.shared_values:
            title.append("  " + lang.t("reports.inventory.shared_n", n=a.shared_values))
        console.print(title, overflow="fold")
        for line in lines[done:done + len(rows)]:
            console.print(Text("  " + line.rstrip()), overflow="fold")
        done += len(rows)


def write_changes(changes: Sequence[AssetChange], new_values: dict[str, int],
                  window: tuple[int, int], fmt: str, out: TextIO, lang: Lang,
                  events: Sequence = ()) -> None:
    """New, changed and gone assets, new distinct values, and the recorded events (types
    and values new in a file; database tables, columns and verdicts) in the scan window."""
    if fmt == "jsonl":
        for c in changes:
            out.write(json.dumps({"change": c.kind, "path": c.path, "scan_id": c.scan_id},
                                 ensure_ascii=False) + "\n")
        for e in events:
            record = {"change": e.kind, "path": e.holding, "scan_id": e.scan_id,
                      "column": e.column, "entity_type": e.entity_type, "count": e.count,
                      "detail": e.detail}
            out.write(json.dumps({k: v for k, v in record.items() if v is not None},
                                 ensure_ascii=False) + "\n")
        for entity, n in new_values.items():
            out.write(json.dumps({"change": "new_values", "entity_type": entity, "count": n})
                      + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("change", "path", "scan_id", "column", "entity_type", "count",
                         "detail"))
        writer.writerows((c.kind, c.path, c.scan_id, "", "", "", "") for c in changes)
        writer.writerows((e.kind, e.holding, e.scan_id, e.column or "", e.entity_type or "",
                          "" if e.count is None else e.count, e.detail or "") for e in events)
        writer.writerows(("new_values", "", "", "", entity, n, "")
                         for entity, n in new_values.items())
        return
    first, last = window
    names = {"new": lang.t("reports.inventory.new"), "changed": lang.t("reports.inventory.changed"),
             "gone": lang.t("reports.inventory.gone")}
    out.write(lang.t("reports.inventory.changes_scans", first=first, last=last))
    if not changes and not new_values and not events:
        out.write(lang.t("reports.inventory.no_changes"))
    for c in changes:
        out.write(f"  {names[c.kind]:<8} {c.path}\n")
    for e in events:
        what = " ".join(str(x) for x in (e.column, e.entity_type and label(e.entity_type,
                                                                        lang.code),
                                         e.count, e.detail) if x is not None)
        out.write(f"  {EVENT_NAMES.get(e.kind, (e.kind, e.kind))[lang.code == 'en']:<8} "
                  f"{e.holding}  {what}\n".rstrip() + "\n")
    for entity, n in new_values.items():
        out.write(lang.t("reports.inventory.new_values",
                         label=label(entity, lang.code), n=n))


EVENT_NAMES = {
    "new_type": ("新しい種類", "new type"), "new_values": ("新しい値", "new values"),
    "new_table": ("新しい表", "new table"), "dropped_table": ("削除された表", "dropped table"),
    "new_column": ("新しい列", "new column"), "dropped_column": ("削除された列", "dropped column"),
    "changed_column": ("列の型の変更", "column type changed"),
    "new_verdict": ("新しい判定", "new verdict"), "dropped_verdict": ("消えた判定", "verdict gone"),
    "changed_verdict": ("判定の変更", "verdict changed"),
}


def write_problems(items: Sequence[ProblemAsset], fmt: str, out: TextIO, lang: Lang) -> None:
    """Files that were skipped or could not be read, with the reason."""
    if fmt == "jsonl":
        for p in items:
            out.write(json.dumps({"path": p.path, "status": p.status, "note": p.note,
                                  "format": p.format, "size": p.size,
                                  "last_seen_at": p.last_seen_at}, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("path", "status", "note", "format", "size", "last_seen_at"))
        writer.writerows((p.path, p.status, p.note, p.format, p.size, p.last_seen_at)
                         for p in items)
        return
    names = {"skipped": lang.t("reports.inventory.skipped"),
             "error": lang.t("reports.inventory.error")}
    from scanner.explain import note_text

    for p in items:
        note = note_text(p.note, lang) if p.note else ""
        out.write(f"{names.get(p.status, p.status)}\t{p.path}\t{note}\n")


def write_answers(answers: Sequence[Answer], fmt: str, out: TextIO, lang: Lang,
                  cover: Coverage) -> None:
    """Where each value asked about is held: one JSON line per value, a CSV row per
    place, or a short text per value. Values appear only as their number and previews.
    What the inventory could not examine (`cover`) is said with the answers: a value may
    be there too, so neither "not found" nor a list of places would be the whole truth."""
    gaps = {"unread_files": cover.unread_files, "partial_tables": cover.partial_tables}
    if fmt == "jsonl":
        for a in answers:
            places = [{"kind": p.kind, "path": p.where, "location": p.location,
                       "entity_type": p.entity_type, "preview": p.preview} for p in a.places]
            out.write(json.dumps({"value": a.number, "found": len(places), "places": places,
                                  "not_examined": gaps}, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("value", "kind", "path", "location", "entity_type", "preview"))
        writer.writerows((a.number, p.kind, p.where, format_location(p.location),
                          p.entity_type, p.preview) for a in answers for p in a.places)
        return
    not_found = ("reports.inventory.value_not_found" if cover.complete
                 else "reports.inventory.value_not_found_examined")
    for a in answers:
        if not a.places:
            out.write(lang.t(not_found, number=a.number))
            continue
        out.write(lang.t("reports.inventory.value_places",
                         number=a.number, places_count=len(a.places)))
        for p in a.places:
            where = (format_location(p.location) if p.kind == "file"
                     else lang.t("reports.inventory.column_sampled_values"))
            out.write(f"  {label(p.entity_type, lang.code)}\t{p.preview}\t{p.where}\t{where}\n")
    if not cover.complete:
        parts = [lang.t(f"reports.inventory.{k}", n=n) for k, n in gaps.items() if n]
        out.write(lang.t("reports.inventory.not_examined", last=cover.last_scan_at or "-",
                         parts=lang.t("list.separator").join(parts)))
