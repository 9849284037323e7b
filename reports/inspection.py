"""The self-inspection report as one self-contained HTML page (no scripts, no fonts,
no network: a Content-Security-Policy forbids every outside resource) with the trend
drawn as inline SVG."""

from __future__ import annotations

from importlib.resources import files

from recognizers.registry import label
from reports.ledger import breach_rows, ledger_rows, violation_rows
from scanner.i18n import Lang
from scanner.ledger.build import Ledger
from scanner.ledger.inspection import Inspection, TrendPoint

TEMPLATE = "inspection.html.j2"
WIDTH, HEIGHT, PAD = 640, 240, 44
LINE, BAR = "#c2410c", "#93c5fd"


def render_report(ledger: Ledger, inspection: Inspection, lang: Lang, about: dict) -> str:
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    template = env.from_string(files("reports").joinpath(TEMPLATE).read_text("utf-8"))
    return template.render(
        t=lang, lang=lang.code, about=about, totals=inspection.totals,
        categories=[{**c, "items": [label(i, lang.code) for i in c["items"]]}
                    for c in inspection.categories],
        holdings=ledger_rows(ledger, lang, {}), violations=violation_rows(ledger, lang),
        breach=breach_rows(ledger, lang), problems=inspection.problems,
        table_errors=inspection.table_errors, scans=inspection.scans,
        partial_tables=inspection.partial_tables,
        chart=chart(inspection.trend), trend=inspection.trend, line=LINE, bar=BAR,
        notes=[lang(ja, en) for ja, en in ledger.notes])


def chart(points: list[TrendPoint]) -> dict:
    """Coordinates of the trend chart: a line of values held, bars of new values."""
    top = max([p.values for p in points] + [p.new_values for p in points] + [1])
    top = _nice(top)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(1, len(points))
    out = []
    for i, p in enumerate(points):
        x = PAD + step * (i + 0.5)
        out.append({"x": round(x, 1), "y": round(HEIGHT - PAD - inner_h * p.values / top, 1),
                    "bar_y": round(HEIGHT - PAD - inner_h * p.new_values / top, 1),
                    "bar_h": round(inner_h * p.new_values / top, 1),
                    "bar_w": round(step * 0.5, 1), "label": p.at[5:10], "point": p})
    ticks = [{"y": round(HEIGHT - PAD - inner_h * k / 4, 1), "value": top * k // 4}
             for k in range(5)]
    return {"width": WIDTH, "height": HEIGHT, "pad": PAD, "points": out, "ticks": ticks,
            "polyline": " ".join(f"{p['x']},{p['y']}" for p in out)}


def _nice(n: int) -> int:
    """The next round number at or above n, divisible by 4."""
    magnitude = 10 ** max(0, len(str(n)) - 1)
    for m in (1, 2, 4, 5, 8, 10):
        if m * magnitude >= n and (m * magnitude) % 4 == 0:
            return m * magnitude
    return -(-n // 4) * 4
