"""Share bars as an SVG drawn on the server: one bar per row, its share (0–100 %) as length.

Presentation attributes only (the CSP forbids inline styles); the table beside it has the
same numbers, and a suppressed share is drawn as no bar with a dash.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_START, BAR_WIDTH, ROW, WIDTH = 48, 240, 24, 340


def share_bars(points, *, title: str, chart_id: str) -> SafeString:
    rows = []
    for n, point in enumerate(points):
        y = n * ROW + 8
        share = point.share
        label = format_html(
            '<text x="0" y="{}" font-size="13" fill="#1b1f23">{}</text>', y + 12, point.label
        )
        if share is None:
            bar = format_html(
                '<text x="{}" y="{}" font-size="13" fill="#4a5560">–</text>', BAR_START, y + 12
            )
        else:
            length = round(BAR_WIDTH * share / 100, 1)
            bar = format_html(
                '<rect x="{}" y="{}" width="{}" height="14" fill="#2e7a4f"></rect>'
                '<text x="{}" y="{}" font-size="13" fill="#1b1f23">{}%</text>',
                BAR_START,
                y + 1,
                length,
                BAR_START + length + 4,
                y + 12,
                round(share),
            )
        rows.append((label, bar))
    height = len(points) * ROW + 12
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-judul">'
        '<title id="{}-judul">{}</title>'
        '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="#8a948f"></line>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        title,
        BAR_START,
        BAR_START,
        height,
        format_html_join("", "{}{}", rows),
    )
