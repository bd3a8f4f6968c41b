"""Charts drawn at build time as inline SVG: no JavaScript library, nothing fetched."""

from __future__ import annotations

from datetime import date
from html import escape

from ..campaign.phases import effective_start
from ..records.campaign import Campaign

BAR_COLOURS = ("#1f6fb2", "#2e9d5b", "#c9861a", "#b23a3a")


def bar_chart(rows: list[tuple[str, list[int]]], legend: list[str], title: str) -> str:
    """Horizontal stacked bars: one row per label, one segment per series."""
    # Wide enough for the longest label (12 px per Chinese character), e.g. 县劳动和社会保障局.
    longest = max((len(label) for label, _ in rows), default=0)
    label_w, bar_w, row_h = max(110, 12 * longest + 12), 360, 22
    total_max = max((sum(values) for _, values in rows), default=0) or 1
    height = row_h * len(rows) + 34
    parts = [
        f'<svg class="xf-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {label_w + bar_w + 50} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, values) in enumerate(rows):
        y = i * row_h + 4
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        x = float(label_w)
        for j, value in enumerate(values):
            w = bar_w * value / total_max
            if w:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                    f'fill="{BAR_COLOURS[j % len(BAR_COLOURS)]}"><title>{escape(label)} '
                    f"{escape(legend[j])}：{value}</title></rect>"
                )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="12">{sum(values)}</text>')
    y = len(rows) * row_h + 16
    x = label_w
    for j, name in enumerate(legend):
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{BAR_COLOURS[j % len(BAR_COLOURS)]}"/>'
        )
        parts.append(f'<text x="{x + 14}" y="{y + 9}" font-size="12">{escape(name)}</text>')
        x += 14 + 13 * len(name) + 16
    parts.append("</svg>")
    return "".join(parts)


def phase_timeline(campaign: Campaign, as_of: date) -> str:
    """The campaign's phases on one line, with the as-of date marked."""
    start, end = campaign.start, campaign.end
    span = max((end - start).days, 1)
    width, left = 720, 10

    def x_of(day: date) -> float:
        clamped = min(max(day, start), end)
        return left + (width - 2 * left) * (clamped - start).days / span

    def label(x: float, y: int, text: str, colour: str = "#333") -> str:
        # Keep labels inside the picture: anchor them at the edges near the ends.
        anchor = "start" if x < 60 else "end" if x > width - 60 else "middle"
        return (
            f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}" font-size="11" '
            f'fill="{colour}">{escape(text)}</text>'
        )

    parts = [
        f'<svg class="xf-timeline" role="img" aria-label="活动阶段" viewBox="0 0 {width} 96" '
        f'xmlns="http://www.w3.org/2000/svg"><title>活动阶段</title>'
    ]
    for i, phase in enumerate(sorted(campaign.phases, key=lambda p: p.start)):
        x1, x2 = x_of(effective_start(campaign, phase)), x_of(phase.end)
        colour = BAR_COLOURS[i % len(BAR_COLOURS)]
        parts.append(
            f'<rect x="{x1:.1f}" y="34" width="{max(x2 - x1, 3):.1f}" height="16" fill="{colour}"/>'
        )
        parts.append(
            label(x1 if i == 0 else (x1 + x2) / 2, 12 if i % 2 == 0 else 27, phase.name, colour)
        )
    parts.append(label(left, 66, str(start)))
    parts.append(label(width - left, 66, str(end)))
    if start <= as_of <= end:
        x = x_of(as_of)
        parts.append(
            f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="56" stroke="#b23a3a" stroke-width="3"/>'
        )
        parts.append(label(x, 88, f"统计日 {as_of}", "#b23a3a"))
    parts.append("</svg>")
    return "".join(parts) + _phase_list(campaign, as_of)


def _phase_list(campaign: Campaign, as_of: date) -> str:
    """The phases as lines of text, for a phone: there the picture's labels would be too
    small to read (the stylesheet shows one or the other)."""
    items = []
    for i, phase in enumerate(sorted(campaign.phases, key=lambda p: p.start)):
        begin = effective_start(campaign, phase)
        now = begin <= as_of <= phase.end
        colour = BAR_COLOURS[i % len(BAR_COLOURS)]
        mark = ' class="xf-now"' if now else ""
        items.append(
            f'<li{mark}><span class="xf-swatch" style="background:{colour}">'
            f"</span>{escape(phase.name)}　{begin.month}月{begin.day}日至{phase.end.month}月{phase.end.day}日"
            f"{'（统计日 ' + str(as_of) + ' 在此阶段）' if now else ''}</li>"
        )
    return f'<ol class="xf-phase-list">{"".join(items)}</ol>'
