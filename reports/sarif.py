"""SARIF 2.1.0 over report rows: regions where line and column are known, no raw values.

Used by `mamoru scan --format sarif` and by the git hook. Each result carries the keyed
fingerprint as a partial fingerprint, so code-scanning tools track a value across
commits without ever seeing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from recognizers.registry import SPECIFIC_PERSONAL_INFORMATION, label
from reports.model import ReportRow
from scanner.sources.base import format_location

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "mamoru/v1"


def sarif_log(rows: Sequence[ReportRow], tool_version: str | None = None,
              invocation: dict | None = None) -> dict:
    """A complete SARIF log (one run) as a JSON-ready dict.

    `invocation` says how the run went: `{"executionSuccessful": False, "errors": [...]}`
    for an incomplete scan (files that could not be read); by default a successful one."""
    rule_ids = sorted({r.entity_type for r in rows})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    driver: dict = {"name": "mamoru", "version": tool_version or _version()}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [_rule(rule) for rule in rule_ids]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [_invocation(invocation or {})],
            "columnKind": "unicodeCodePoints",
            "results": [_result(r, index[r.entity_type]) for r in rows],
        }],
    }


def _invocation(given: dict) -> dict:
    errors = list(given.get("errors", ()))
    out: dict = {"executionSuccessful": bool(given.get("executionSuccessful", not errors))}
    if "exitCode" in given:
        out["exitCode"] = given["exitCode"]
    if errors:
        out["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": str(e)}} for e in errors]
    return out


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mamoru")
    except PackageNotFoundError:
        return "0+unknown"


def _information_uri() -> str | None:
    """The project's home page from the package metadata (`[project.urls] Homepage`)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("mamoru").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        name, _, url = entry.partition(",")
        if name.strip().lower() in ("homepage", "home", "documentation", "repository"):
            return url.strip()
    return None


def _rule(entity_type: str) -> dict:
    ja, en = label(entity_type, "ja"), label(entity_type, "en")
    return {
        "id": entity_type,
        "name": entity_type,
        "shortDescription": {"text": f"Personal data: {en} / 個人情報: {ja}"},
        "defaultConfiguration": {"level": _level(entity_type)},
    }


def _level(entity_type: str) -> str:
    return "error" if entity_type in SPECIFIC_PERSONAL_INFORMATION else "warning"


def _result(row: ReportRow, rule_index: int) -> dict:
    physical: dict = {"artifactLocation": {"uri": quote(row.path, safe="/!:@")}}
    region = _region(row)
    if region:
        physical["region"] = region
    return {
        "ruleId": row.entity_type,
        "ruleIndex": rule_index,
        "level": _level(row.entity_type),
        "message": {"text": f"{row.entity_type} {row.preview} "
                            f"(score {row.score:.2f}; {format_location(row.location)})"},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: row.fingerprint},
        "properties": {"score": round(row.score, 4), "preview": row.preview,
                       "location": row.location, "why": row.why},
    }


def _region(row: ReportRow) -> dict:
    loc, end = row.location, row.end_location
    if "line" not in loc:
        return {}
    region = {"startLine": int(loc["line"])}
    if "column" in loc:
        region["startColumn"] = int(loc["column"])
    if "line" in end:
        region["endLine"] = int(end["line"])
        if "column" in end:
            region["endColumn"] = int(end["column"])
    return region
