"""Bar charts drawn on the server as SVG: no JavaScript and nothing fetched from elsewhere.

Each chart names itself (role="img" with a title and a description), and the page shows the
same numbers in a table beside it, so the chart is never the only way to read them.
"""

from dataclasses import dataclass
from html import escape

WIDTH = 640
BAR_AREA_TOP = 10
AXIS_LABEL_HEIGHT = 40
LEFT_MARGIN = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above value: a readable axis top."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for multiple in (1, 2, 5):
            if step * multiple >= value:
                return step * multiple
        step *= 10


def bar_chart_svg(bars: list[Bar], *, title: str, description: str, chart_id: str, height: int = 240) -> str:
    """An SVG bar chart. Labels and titles are escaped here: callers pass plain text."""
    top = nice_ceiling(max((bar.value for bar in bars), default=0))
    plot_height = height - BAR_AREA_TOP - AXIS_LABEL_HEIGHT
    slot = (WIDTH - LEFT_MARGIN) / max(len(bars), 1)
    bar_width = max(slot * 0.7, 1)
    # Label every bar when there is room; otherwise every few, so labels never overlap.
    label_every = max(1, round(len(bars) / 10))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="waymark-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="waymark-chart__axis" x1="{LEFT_MARGIN}" y1="{BAR_AREA_TOP + plot_height}" '
        f'x2="{WIDTH}" y2="{BAR_AREA_TOP + plot_height}"/>',
        f'<text class="waymark-chart__tick" x="{LEFT_MARGIN - 6}" y="{BAR_AREA_TOP + 4}" text-anchor="end">{top}</text>',
        f'<text class="waymark-chart__tick" x="{LEFT_MARGIN - 6}" y="{BAR_AREA_TOP + plot_height}" '
        f'text-anchor="end">0</text>',
    ]
    for index, bar in enumerate(bars):
        bar_height = plot_height * bar.value / top
        x = LEFT_MARGIN + index * slot + (slot - bar_width) / 2
        y = BAR_AREA_TOP + plot_height - bar_height
        parts.append(
            f'<rect class="waymark-chart__bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}"><title>{escape(bar.label)}: {bar.value}</title></rect>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text class="waymark-chart__label" x="{x + bar_width / 2:.1f}" '
                f'y="{BAR_AREA_TOP + plot_height + 18}" text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
