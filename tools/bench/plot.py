"""A small SVG line chart of time against N, written by hand: no plotting library, no JS.

Both axes are logarithmic, so linear growth is a straight line of slope 1; a dashed line
of slope 1 through each series' first point shows what linear scaling would look like.
The output depends only on the numbers given (fixed precision, fixed order), so
re-running on the same numbers gives the same file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 180, 30, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b")


def _ticks(low: float, high: float) -> list[float]:
    """Powers of ten (and 2x, 5x when the range is narrow) between low and high."""
    ticks = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for step in (1, 2, 5) if math.log10(high / low) < 2.5 else (1,):
            value = step * 10.0**exponent
            if low <= value <= high:
                ticks.append(value)
    return ticks


def _label(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def line_chart(
    series: Mapping[str, Sequence[tuple[float, float]]], x_label: str, y_label: str
) -> str:
    """The SVG text of a log-log chart of each named series of (x, y) points."""
    points = [p for values in series.values() for p in values if p[0] > 0 and p[1] > 0]
    if not points:
        raise ValueError("line_chart: no positive points to draw")
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_low, x_high = min(xs) / 1.3, max(xs) * 1.3
    y_low, y_high = min(ys) / 2, max(ys) * 2
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_at(value: float) -> float:
        return LEFT + plot_w * math.log(value / x_low) / math.log(x_high / x_low)

    def y_at(value: float) -> float:
        return TOP + plot_h * (1 - math.log(value / y_low) / math.log(y_high / y_low))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(y_label)} against {escape(x_label)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#444"/>',
    ]
    for value in _ticks(x_low, x_high):
        x = x_at(value)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{_label(value)}</text>'
        )
    for value in _ticks(y_low, y_high):
        y = y_at(value)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_label(value)}</text>')
    out.append(
        f'<text x="{LEFT + plot_w / 2:.0f}" y="{HEIGHT - 12}" text-anchor="middle">'
        f"{escape(x_label)} (log scale)</text>"
    )
    out.append(
        f'<text transform="translate(16 {TOP + plot_h / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)} (log scale)</text>'
    )
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        shown = sorted((x, y) for x, y in values if x > 0 and y > 0)
        if not shown:
            continue
        path = " ".join(f"{x_at(x):.1f},{y_at(y):.1f}" for x, y in shown)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in shown:
            out.append(f'<circle cx="{x_at(x):.1f}" cy="{y_at(y):.1f}" r="3" fill="{colour}"/>')
        (x0, y0), x1 = shown[0], shown[-1][0]
        if x1 > x0:
            y1 = min(y0 * x1 / x0, y_high)
            out.append(
                f'<line x1="{x_at(x0):.1f}" y1="{y_at(y0):.1f}" x2="{x_at(y1 / y0 * x0):.1f}" '
                f'y2="{y_at(y1):.1f}" stroke="{colour}" stroke-dasharray="4 4" opacity="0.6"/>'
            )
        legend_y = TOP + 10 + 20 * index
        out.append(
            f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y}" x2="{WIDTH - RIGHT + 32}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="2"/>'
        )
        out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{legend_y + 4}">{escape(name)}</text>')
    legend_y = TOP + 10 + 20 * len(series)
    out.append(
        f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y}" x2="{WIDTH - RIGHT + 32}" '
        f'y2="{legend_y}" stroke="#444" stroke-dasharray="4 4"/>'
    )
    out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{legend_y + 4}">linear growth</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
