"""Charts as server-side SVG: no script, no CDN, nothing for the CSP to refuse.

Two shapes, enough for the report and dashboard screens:

    bar_chart(title=..., categories=[...], series=[("2026", [..]), ("2025", [..])])
    line_chart(title=..., categories=[...], series=[("Nộp", [..]), ("Hoàn thành", [..])])

Every text is escaped; numbers are formatted the Vietnamese way ("1.234"). The SVG scales to
its container (viewBox) and carries a <title> and a small table-like legend for screen readers.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0b4f8a", "#e08a00", "#2e7d32", "#8e24aa", "#c62828", "#00838f")


def number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def _nice_max(value: float) -> float:
    """A round top for the axis (1, 2, 5 × 10^n) at or above ``value``."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _frame(title, width, height, body, legend):
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold" '
        f'fill="#1d2330">{escape(title)}</text>',
        *body,
        *legend,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def _legend(series, width, y):
    out = []
    x = 60
    for i, (name, _values) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{x + 16}" y="{y}" font-size="12" fill="#1d2330">{escape(name)}</text>')
        x += 28 + 7 * len(str(name))
    return out


def _axis(top, left, plot_w, plot_h, peak, unit):
    out = []
    for i in range(5):
        value = peak * i / 4
        y = top + plot_h - plot_h * i / 4
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#d9dde3" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#5b6472">'
            f"{number(value)}</text>"
        )
    if unit:
        out.append(f'<text x="{left}" y="{top - 8}" font-size="11" fill="#5b6472">{escape(unit)}</text>')
    return out


def _label(x, y, text, rotate):
    text = str(text)
    short = text if len(text) <= 22 else text[:21] + "…"
    transform = f' transform="rotate(-30 {x:.1f} {y})"' if rotate else ""
    anchor = "end" if rotate else "middle"
    return (
        f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}" font-size="11" fill="#1d2330"{transform}>'
        f"<title>{escape(text)}</title>{escape(short)}</text>"
    )


def bar_chart(
    *,
    title: str,
    categories: list,
    series: list[tuple[str, list]],
    unit: str = "",
    width: int = 720,
    height: int = 320,
) -> SafeString:
    """Grouped vertical bars: one group per category, one bar per series."""
    rotate = len(categories) > 6 or any(len(str(c)) > 14 for c in categories)
    left, top, bottom = 60, 40, 90
    if rotate:
        # A slanted label of 22 characters falls about 80 px below the axis: the legend goes
        # under it, not over it, and the plot keeps its height.
        bottom += 25
        height += 25
    plot_w, plot_h = width - left - 20, height - top - bottom
    peak = _nice_max(max([v or 0 for _n, values in series for v in values] or [0]))
    body = _axis(top, left, plot_w, plot_h, peak, unit)
    group_w = plot_w / max(1, len(categories))
    bar_w = max(2.0, group_w * 0.8 / max(1, len(series)))
    for i, category in enumerate(categories):
        gx = left + i * group_w + group_w * 0.1
        for j, (name, values) in enumerate(series):
            value = values[i] or 0
            h = plot_h * value / peak
            x = gx + j * bar_w
            y = top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(category)} – {escape(name)}: '
                f"{number(values[i])}</title></rect>"
            )
            if value:
                body.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" '
                    f'fill="#1d2330">{number(values[i])}</text>'
                )
        body.append(_label(left + i * group_w + group_w / 2, top + plot_h + 14, category, rotate))
    return _frame(title, width, height, body, _legend(series, width, height - 8))


def line_chart(
    *,
    title: str,
    categories: list,
    series: list[tuple[str, list]],
    unit: str = "",
    width: int = 720,
    height: int = 300,
) -> SafeString:
    """One polyline per series over the categories (e.g. months)."""
    left, top, bottom = 60, 40, 70
    plot_w, plot_h = width - left - 20, height - top - bottom
    peak = _nice_max(max([v or 0 for _n, values in series for v in values] or [0]))
    body = _axis(top, left, plot_w, plot_h, peak, unit)
    step = plot_w / max(1, len(categories) - 1)
    for j, (name, values) in enumerate(series):
        color = PALETTE[j % len(PALETTE)]
        points = [(left + i * step, top + plot_h - plot_h * (v or 0) / peak) for i, v in enumerate(values)]
        body.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            + '"/>'
        )
        for (x, y), v, c in zip(points, values, categories, strict=False):
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}">'
                f"<title>{escape(c)} – {escape(name)}: {number(v)}</title></circle>"
            )
    for i, category in enumerate(categories):
        body.append(_label(left + i * step, top + plot_h + 14, category, len(categories) > 8))
    return _frame(title, width, height, body, _legend(series, width, height - 8))
