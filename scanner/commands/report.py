"""`mamoru report -o 点検報告.html`: the self-inspection report as one HTML page.

Exit codes: 0 written, 2 no inventory, a wrong policy or the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.i18n import Lang

HELP = "self-inspection report (HTML) / 定期点検報告（HTML）"
EXIT_OK, EXIT_USAGE = 0, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--inventory", metavar="PATH|URL", default=None,
                   help="inventory SQLite path or SQLAlchemy URL "
                        "(default ./.mamoru/inventory.sqlite)")
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration with [policy] (default: the nearest .mamoru.toml)")
    p.add_argument("--output", "-o", metavar="FILE", required=True, help="the HTML file")
    p.add_argument("--db", action="append", default=[], metavar="URL",
                   help="database URL with password, to read table grants (repeatable)")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from reports.inspection import render_report
    from reports.output import report_stream
    from scanner.inventory.store import utc_now
    from scanner.ledger.build import build_ledger
    from scanner.ledger.inspection import inspect
    from scanner.ledger.load import inventory_engine, inventory_name
    from scanner.ledger.policy import PolicyError, load_project

    try:
        policy, project = load_project(args.config)
        args.inventory = args.inventory or project.inventory
        with inventory_engine(args.inventory) as engine:
            ledger = build_ledger(engine, policy, args.db)
            inspection = inspect(engine, ledger, policy)
            about = {"generated_at": utc_now(), "policy": policy.source,
                     "inventory": inventory_name(args.inventory),
                     **_key_id(inspection.scans)}
            page = render_report(ledger, inspection, lang, about)
        with report_stream(args.output) as out:
            out.write(page)
    except PolicyError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}",
              file=sys.stderr)
        return EXIT_USAGE
    print(lang.t("ledger.written",
                 output=args.output, holdings_count=len(ledger.holdings),
                 violations_count=len(ledger.violations)), file=sys.stderr)
    return EXIT_OK


def _key_id(scans: list[dict]) -> dict:
    """The key id the scans recorded, else the id of the key in use now."""
    from scanner.privacy import key_id, load_key

    recorded = sorted({s["settings"]["key_id"] for s in scans if s["settings"].get("key_id")})
    if recorded:
        return {"key_id": ", ".join(recorded), "key_recorded": True}
    return {"key_id": key_id(load_key()), "key_recorded": False}
