"""A small SVG chart renderer: horizontal bars, 100 % stacked bars, stacked columns.

Pure functions from numbers and labels to one ``<svg>`` element each, inline in a page: no
script, no external font or stylesheet, nothing fetched at view time.  Every label comes from data
(licence names, model ids, outcome labels) and is escaped; numbers are formatted here.  Each
shape carries a ``<title>`` (the browser's tooltip) and the chart an ``aria-label``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = (
    "#3b6ea5", "#d1743b", "#5a9e5a", "#b9484e", "#7d62a8", "#8c6d46", "#c45f9c", "#6f7b85",
    "#b3a33a", "#3aa3a3", "#a0a0d0", "#d0a0a0",
)  # fmt: skip
FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif"
LABEL_WIDTH = 230
ROW_HEIGHT = 22
WIDTH = 760


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str = ""  # the value as written beside the bar (default: the number)


@dataclass(frozen=True)
class Stack:
    """One 100 % bar: a label and its parts, in series order."""

    label: str
    values: tuple[float, ...]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def horizontal_bars(bars: Sequence[Bar], *, title: str) -> str:
    """One bar per row, longest first as given, the value written at the bar's end."""
    top = max((bar.value for bar in bars), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 130  # room for the value written after the longest bar
    height = ROW_HEIGHT * len(bars) + 10
    shapes = []
    for row, bar in enumerate(bars):
        y = 5 + row * ROW_HEIGHT
        width = max(1.0, plot * bar.value / top) if bar.value > 0 else 0.0
        shown = bar.shown or _number(bar.value)
        shapes.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{_clip(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}" '
            f'fill="{colour(0)}"><title>{escape(bar.label)}: {escape(shown)}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{escape(shown)}</text>'
        )
    return _svg(title, height, "".join(shapes))


def stacked_bars(stacks: Sequence[Stack], series: Sequence[str], *, title: str) -> str:
    """Each stack as a 100 % bar split into its series' shares, with a legend below."""
    plot = WIDTH - LABEL_WIDTH - 20
    shapes = []
    for row, stack in enumerate(stacks):
        y = 5 + row * (ROW_HEIGHT + 6)
        total = sum(stack.values) or 1
        label = _clip(stack.label)
        shapes.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">{label}</text>')
        x = float(LABEL_WIDTH)
        for index, value in enumerate(stack.values):
            if value <= 0:
                continue
            width = plot * value / total
            tip = f"{series[index]}: {_number(value)} ({100 * value / total:.1f} %)"
            shapes.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{max(width, 0.5):.1f}" '
                f'height="{ROW_HEIGHT}" fill="{colour(index)}"><title>{escape(tip)}</title></rect>'
            )
            x += width
    legend_y = 10 + len(stacks) * (ROW_HEIGHT + 6)
    legend, height = _legend(series, legend_y)
    return _svg(title, height, "".join(shapes) + legend)


def stacked_columns(
    columns: Sequence[Stack], series: Sequence[str], *, title: str, shares: bool = False
) -> str:
    """One column per label (months), stacked by series; heights are counts (or shares)."""
    plot_height, left, bottom = 220, 56, 250
    step = (WIDTH - left - 10) / max(1, len(columns))
    totals = [sum(column.values) for column in columns]
    top = 1.0 if shares else float(max(totals, default=0) or 1)
    shapes = [
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{bottom - plot_height + 4}" text-anchor="end">'
        f"{'100 %' if shares else _number(top)}</text>",
        f'<text x="{left - 6}" y="{bottom + 4}" text-anchor="end">0</text>',
    ]
    for position, (column, total) in enumerate(zip(columns, totals, strict=True)):
        x = left + position * step
        y = float(bottom)
        for index, value in enumerate(column.values):
            if value <= 0:
                continue
            height = plot_height * (value / (total or 1) if shares else value / top)
            y -= height
            tip = f"{column.label}, {series[index]}: {_number(value)}"
            shapes.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                f'height="{height:.1f}" fill="{colour(index)}"><title>{escape(tip)}</title></rect>'
            )
        if _labelled(position, len(columns)):
            shapes.append(
                f'<text x="{x + step / 2:.1f}" y="{bottom + 14}" text-anchor="middle" '
                f'font-size="10">{escape(column.label)}</text>'
            )
    legend, height = _legend(series, bottom + 26)
    return _svg(title, height, "".join(shapes) + legend)


def _labelled(position: int, count: int) -> bool:
    """Label every column when few, else about a dozen of them, evenly spaced."""
    return position % max(1, -(-count // 12)) == 0


def _legend(series: Sequence[str], y: float) -> tuple[str, float]:
    items, x, row = [], 10.0, 0
    for index, name in enumerate(series):
        width = 24 + 7 * len(name)
        if x + width > WIDTH and x > 10:
            x, row = 10.0, row + 1
        top = y + row * 20
        items.append(
            f'<rect x="{x:.0f}" y="{top:.0f}" width="12" height="12" fill="{colour(index)}"/>'
            f'<text x="{x + 16:.0f}" y="{top + 11:.0f}">{escape(name)}</text>'
        )
        x += width
    return "".join(items), y + (row + 1) * 20 + 4


def _svg(title: str, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{WIDTH}" height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'style="{FONT};font-size:12px"><title>{escape(title)}</title>{body}</svg>'
    )


def _clip(label: str, limit: int = 34) -> str:
    shown = label if len(label) <= limit else label[: limit - 1] + "…"
    return escape(shown)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
