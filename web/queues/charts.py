"""The dashboard's SVG charts (no CDN, no script): horizontal bars and a line whose every mark is a link
to the list it counts (web/charts.py draws the report screens' grouped bars and lines).

Every chart carries <title> and <desc> for screen readers, and every bar or
point links to the list its number counts; the page shows the same numbers
in a table beside it.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

PALETTE = ("#0b4f8a", "#e0a100", "#2e7d32", "#b3261e")


@dataclass
class Bar:
    label: str
    value: float
    href: str = ""
    series: int = 0  # colour index (grouped bars)


def _a(href: str, inner: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if not href:
        return f"<g>{tip}{inner}</g>"
    return f'<a href="{escape(href)}">{tip}{inner}</a>'


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> str:
    return mark_safe(  # noqa: S308 - every text node and attribute above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svg-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def bar_chart(
    chart_id: str, title: str, bars: list[Bar], *, unit: str = "", legend=(), colours=PALETTE
) -> str:
    """Horizontal bars, one row per label (grouped when several bars share a label); ``series``
    indexes ``legend`` and ``colours``."""
    labels = list(dict.fromkeys(b.label for b in bars))
    per_label = max(1, max((sum(1 for b in bars if b.label == lab) for lab in labels), default=1))
    row_h, bar_h, left, width = 10 + 16 * per_label, 14, 190, 560
    top = 24 if legend else 6
    height = top + row_h * max(1, len(labels)) + 6
    peak = max((b.value for b in bars), default=0) or 1
    span = width - left - 60
    parts = []
    for i, name in enumerate(legend):
        x = left + i * 150
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{colours[i % len(colours)]}"/>'
            f'<text x="{x + 16}" y="16" font-size="12">{escape(str(name))}</text>'
        )
    for row, name in enumerate(labels):
        y0 = top + row * row_h
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(
            f'<text x="{left - 6}" y="{y0 + row_h / 2 + 4}" font-size="12" text-anchor="end">'
            f"<title>{escape(name)}</title>{escape(short)}</text>"
        )
        for k, bar in enumerate(b for b in bars if b.label == name):
            if bar.series and not bar.value:
                continue  # a second series' zero (no overdue) is said by the table, not drawn
            y = y0 + 5 + k * 16
            w = max(1.5, span * bar.value / peak) if bar.value else 0
            colour = colours[bar.series % len(colours)]
            inner = (
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" rx="2"/>'
                f'<text x="{left + w + 4:.1f}" y="{y + 11}" font-size="12" class="value">'
                f"{_number(bar.value)}</text>"
            )
            series = f" ({legend[bar.series % len(legend)]})" if legend else ""
            parts.append(_a(bar.href, inner, f"{name}{series}: {_number(bar.value)}{unit}"))
    desc = "; ".join(f"{b.label}: {_number(b.value)}{unit}" for b in bars)
    return _frame(chart_id, title, desc, width, height, "".join(parts))


def line_chart(chart_id: str, title: str, points: list[Bar], *, unit: str = "") -> str:
    """One series over time (months): a line with a linked dot and its value at each point."""
    width, height, left, bottom, top = 560, 200, 30, 30, 20
    n = max(1, len(points))
    peak = max((p.value for p in points), default=0) or 1
    step = (width - left - 20) / max(1, n - 1)

    def xy(i, value):
        return left + i * step, top + (height - top - bottom) * (1 - value / peak)

    coords = [xy(i, p.value) for i, p in enumerate(points)]
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#d9dde3"/>'
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for (x, y), p in zip(coords, points, strict=True):
        inner = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{PALETTE[0]}"/>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle" class="value">'
            f"{_number(p.value)}</text>"
        )
        parts.append(_a(p.href, inner, f"{p.label}: {_number(p.value)}{unit}"))
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">'
            f"{escape(p.label)}</text>"
        )
    desc = "; ".join(f"{p.label}: {_number(p.value)}{unit}" for p in points)
    return _frame(chart_id, title, desc, width, height, "".join(parts))
