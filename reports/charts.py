"""SVG charts of the predikat distribution, drawn on the server (no JS, no fonts, no CDN).

Every chart is a picture of numbers that a <table> beside it also gives, so the SVG is
role="img" with a title, and screen readers are pointed to the table. A suppressed count must
not leak through the picture either: suppressed segments are merged into one hatched
"disembunyikan" segment (its width is the total minus the visible cells, which the table
already tells), and a bar whose total is suppressed is drawn hatched from end to end.

Presentation attributes only (fill, stroke, font-size): the site's CSP forbids inline styles.
"""

import functools
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from personnel.disclosure import Cell
from reports.choices import Predikat

# Fixed order and colours: from the best predikat (darkest) to the worst (lightest), so the
# order survives a greyscale print. CIE L* is about 29, 46, 58, 75 and 90.
PREDIKAT_ORDER: tuple[str, ...] = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
PREDIKAT_COLOURS: dict[str, str] = {
    Predikat.SANGAT_BAIK: "#0b4f33",
    Predikat.BAIK: "#2e7a4f",
    Predikat.BUTUH_PERBAIKAN: "#a8892a",
    Predikat.KURANG: "#f0a86e",
    Predikat.SANGAT_KURANG: "#fadcd2",
}
HIDDEN = "disembunyikan"
INK = "#1b1f23"
MUTED = "#4a5560"
LINE = "#8a948f"

WIDTH = 360  # viewBox units; the SVG itself is as wide as its container
FONT = 13
LEGEND_ROW = 18
MAX_LABEL = 46  # characters of a row label before it is shortened (the table has it in full)


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label and the predikat cells (in any order) with their total."""

    label: str
    cells: Sequence[Cell]
    total: Cell


class Segment(NamedTuple):
    key: str
    label: str
    value: int | None
    share: float  # of the bar, 0..1
    fill: str

    @property
    def hidden(self) -> bool:
        return self.key == HIDDEN


def predikat_labels() -> tuple[tuple[str, str], ...]:
    """(predikat, label) in the fixed order, the labels translated into the active language (a
    lazy label is translated again at each use; these once per language and process)."""
    return labels_in(get_language())


@functools.lru_cache(maxsize=16)
def labels_in(language: str | None) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        return tuple((key, str(Predikat(key).label)) for key in PREDIKAT_ORDER)


def segments(bar: Bar) -> list[Segment]:
    """The visible segments in the fixed order, then all suppressed cells merged into one."""
    return [
        Segment(key, _("disembunyikan") if key == HIDDEN else str(label), value, share, fill)
        for key, label, value, share, fill in _parts(bar)
    ]


def _parts(bar: Bar) -> list[tuple]:
    """segments() as plain tuples, the hidden one without its label: a dashboard's charts
    make several hundred."""
    total = bar.total.value
    if not total:  # no reports, or a suppressed total: nothing to divide
        return []
    by_key = {cell.key: cell for cell in bar.cells}
    parts, rest = [], total
    for key in PREDIKAT_ORDER:
        cell = by_key.get(key)
        if cell is not None and (value := cell.value):
            parts.append((key, cell.label, value, value / total, PREDIKAT_COLOURS[key]))
            rest -= value
    if rest > 0:
        parts.append((HIDDEN, None, None, rest / total, ""))
    return parts


def colour(key: str) -> str:
    return PREDIKAT_COLOURS[key]


@functools.cache
def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return INK if luminance > 0.18 else "#ffffff"


# The percentages' ink on each predikat's colour.
TEXT_COLOURS = {fill: text_colour(fill) for fill in PREDIKAT_COLOURS.values()}


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def decimal(value: float) -> str:
    """A float as f"{round(value, 2)}" writes it, in a third of the time (a dashboard writes
    ~700 coordinates): format ".2f" rounds as round() does (both round the exact binary value
    correctly), and the trailing zeros that round()'s shortest repr leaves out are dropped.
    Only for floats: round() keeps an int an int ("5", where this writes "5.0")."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text[-1] == "." else text


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape(value) -> str:
    """Text for SVG markup. The standard library's html.escape: Django's escape() does the
    same but, wrapped for lazy strings, costs several times more, and a dashboard has
    thousands of attributes."""
    return html.escape(str(value))


def _attribute(value) -> str:
    return str(value) if isinstance(value, int | float) else html.escape(str(value))


@functools.cache
def _attribute_name(name: str) -> str:
    """The SVG name of a keyword: text_anchor → text-anchor, class_ → class."""
    return name.rstrip("_").replace("_", "-")


def _attrs(**attrs) -> str:
    return " ".join(
        [f'{_attribute_name(name)}="{_attribute(value)}"' for name, value in attrs.items()]
    )


# A dashboard draws several hundred rectangles and labels: the two are written without the
# keyword juggling of _attrs() for the attributes every one of them has (same output).


def _text(x, y, content, font_size=FONT, fill=INK, **attrs) -> str:
    # The attributes in the order they always had: the given ones, then font-size and fill.
    head = f'<text x="{_attribute(x)}" y="{_attribute(y)}"'
    if attrs:
        head += " " + _attrs(**attrs)
    return (
        f'{head} font-size="{_attribute(font_size)}" fill="{_attribute(fill)}">'
        f"{html.escape(str(content))}</text>"
    )


def _rect(x, y, width, height, fill, **attrs) -> str:
    # The four numbers are numbers (an f-string writes them as str() does); the fill is text.
    return (
        f'<rect x="{round(x, 2)}" y="{y}" width="{round(width, 2)}" height="{height}" '
        f'fill="{html.escape(fill)}"{" " + _attrs(**attrs) if attrs else ""}/>'
    )


def _hatch_id(chart_id: str) -> str:
    return f"{chart_id}-arsir"


def _defs(chart_id: str) -> str:
    # Grey diagonal hatching: visibly "no number here", in colour and in greyscale alike.
    return (
        f'<defs><pattern id="{escape(_hatch_id(chart_id))}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{LINE}" stroke-width="3"/>'
        f"</pattern></defs>"
    )


def _legend(y: int, chart_id: str, with_hidden: bool) -> tuple[list[str], int]:
    items = [(str(label), colour(key)) for key, label in predikat_labels()]
    if with_hidden:
        items.append((_("disembunyikan"), f"url(#{_hatch_id(chart_id)})"))
    parts, column_width = [], WIDTH / 2
    for index, (label, fill) in enumerate(items):
        x, row_y = (index % 2) * column_width, y + (index // 2) * LEGEND_ROW
        # As _rect() and _text() write them, the fixed attributes spelled out (see stacked_bars).
        parts.append(
            f'<rect x="{round(x, 2)}" y="{row_y}" width="12" height="12" '
            f'fill="{html.escape(fill)}" stroke="{LINE}" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x + 17}" y="{row_y + 10}" font-size="{FONT - 1}" fill="{INK}">'
            f"{html.escape(str(label))}</text>"
        )
    rows = (len(items) + 1) // 2
    return parts, y + rows * LEGEND_ROW + 6


def _svg(chart_id: str, title: str, height: int, body: list[str]) -> SafeString:
    title_id = f"{chart_id}-judul"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f"{_attrs(id=chart_id, viewBox=f'0 0 {WIDTH} {height}', aria_label=title)} "
        f'aria-labelledby="{escape(title_id)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f"{_defs(chart_id)}{''.join(body)}</svg>"
    )


def _any_hidden(bars: Sequence[Bar]) -> bool:
    return any(bar.total.value is None or any(s.hidden for s in segments(bar)) for bar in bars)


def stacked_bars(bars: Sequence[Bar], *, title: str, chart_id: str) -> SafeString:
    """One horizontal 100% bar per row, labelled, with the predikat legend on top.

    The dashboard draws a bar for every OPD: the usual elements of a bar (its two labels, its
    segments, their percentages, its frame) are written here with their fixed attributes
    spelled out, as _text() and _rect() would write them.
    """
    drawn = [(bar, _parts(bar)) for bar in bars]
    # The hidden segment, if any, is a bar's last (_parts()).
    with_hidden = any(
        bar.total.value is None or (parts and parts[-1][0] == HIDDEN) for bar, parts in drawn
    )
    body, y = _legend(0, chart_id, with_hidden)
    bar_height = 22
    hatch = html.escape(f"url(#{_hatch_id(chart_id)})")
    for bar, parts in drawn:
        label = html.escape(shorten(bar.label))
        count = html.escape(_n_label(bar.total.value))
        body.append(
            f'<text x="0" y="{y + FONT}" font-size="{FONT}" fill="{INK}">{label}</text>'
            f'<text x="{WIDTH}" y="{y + FONT}" text-anchor="end" font-size="{FONT - 1}" '
            f'fill="{MUTED}">{count}</text>'
        )
        y += FONT + 4
        body.append(_bar_segments(bar, parts, y, bar_height, chart_id, hatch))
        y += bar_height + 10
    return _svg(chart_id, title, y, body)


def _n_label(n: int | None) -> str:
    if n is None:
        return _("n disembunyikan")
    return f"n = {n}"


def _bar_segments(
    bar: Bar, parts: list[tuple], y: int, height: int, chart_id: str, hatch: str
) -> str:
    """A bar's segments, their percentages and its frame; `hatch` the escaped fill of hidden
    segments."""
    if bar.total.value is None:
        return _rect(0, y, WIDTH, height, f"url(#{_hatch_id(chart_id)})", stroke=LINE) + _text(
            WIDTH / 2, y + 15, _("disembunyikan"), text_anchor="middle"
        )
    if not bar.total.value:
        return _rect(0, y, WIDTH, height, "#ffffff", stroke=LINE, stroke_dasharray="4 3") + _text(
            WIDTH / 2, y + 15, _("belum ada laporan"), text_anchor="middle", fill=MUTED
        )
    drawn, x = [], 0.0
    for key, _label, _value, share, fill in parts:
        width = share * WIDTH
        rect = (
            f'<rect x="{decimal(x)}" y="{y}" width="{decimal(width)}" height="{height}" '
            f'fill="{hatch if key == HIDDEN else fill}"/>'  # else a colour of PREDIKAT_COLOURS
        )
        if key != HIDDEN and width >= 30:
            rect += (
                f'<text x="{decimal(x + width / 2)}" y="{y + 15}" text-anchor="middle" '
                f'font-size="{FONT - 1}" fill="{TEXT_COLOURS[fill]}">{percent(share)}</text>'
            )
        drawn.append(rect)
        x += width
    drawn.append(
        f'<rect x="0" y="{y}" width="{WIDTH}" height="{height}" fill="none" stroke="{LINE}" '
        f'stroke-width="0.5"/>'
    )
    return "".join(drawn)


def trend_chart(bars: Sequence[Bar], *, title: str, chart_id: str) -> SafeString:
    """One vertical 100% column per period (oldest first), labelled below with its short code."""
    body, top = _legend(0, chart_id, _any_hidden(bars))
    axis, plot_height = 34, 160
    slot = (WIDTH - axis) / max(len(bars), 1)
    column = min(slot * 0.7, 48)
    rotate = slot < 56
    for tick in (0, 50, 100):
        y = top + plot_height * (1 - tick / 100)
        body.append(_text(axis - 4, y + 4, f"{tick}%", text_anchor="end", font_size=FONT - 2))
        body.append(
            f"<line {_attrs(x1=axis, x2=WIDTH, y1=y, y2=y, stroke='#d5dbd8', stroke_width=1)}/>"
        )
    for index, bar in enumerate(bars):
        x = axis + index * slot + (slot - column) / 2
        body.extend(_column(bar, round(x, 2), top, round(column, 2), plot_height, chart_id))
        centre = round(x + column / 2, 2)
        label_y = top + plot_height + 14
        label = html.escape(shorten(bar.label, 12))
        if rotate:
            body.append(
                f'<text x="{centre}" y="{label_y}" text-anchor="end" '
                f'transform="rotate(-45 {centre} {label_y})" font-size="{FONT - 2}" '
                f'fill="{INK}">{label}</text>'
            )
        else:
            count = html.escape(_n_label(bar.total.value))
            body.append(
                f'<text x="{centre}" y="{label_y}" text-anchor="middle" font-size="{FONT}" '
                f'fill="{INK}">{label}</text>'
                f'<text x="{centre}" y="{label_y + 14}" text-anchor="middle" '
                f'font-size="{FONT - 2}" fill="{MUTED}">{count}</text>'
            )
    height = top + plot_height + (60 if rotate else 36)
    return _svg(chart_id, title, height, body)


def _column(bar: Bar, x, top, width, height, chart_id) -> list[str]:
    # As _rect() and _text() write them, the fixed attributes spelled out (see stacked_bars).
    if bar.total.value is None:
        return [_rect(x, top, width, height, f"url(#{_hatch_id(chart_id)})", stroke=LINE)]
    if not bar.total.value:
        return [_rect(x, top, width, height, "#ffffff", stroke=LINE, stroke_dasharray="4 3")]
    parts, y = [], float(top)
    x, width = round(x, 2), round(width, 2)
    hatch = html.escape(f"url(#{_hatch_id(chart_id)})")
    for segment in segments(bar):
        segment_height = segment.share * height
        fill = hatch if segment.hidden else segment.fill  # a colour of PREDIKAT_COLOURS
        parts.append(
            f'<rect x="{x}" y="{decimal(y)}" width="{width}" '
            f'height="{decimal(segment_height)}" fill="{fill}"/>'
        )
        if not segment.hidden and segment_height >= 14 and width >= 28:
            parts.append(
                f'<text x="{round(x + width / 2, 2)}" y="{decimal(y + segment_height / 2 + 4)}" '
                f'text-anchor="middle" font-size="{FONT - 2}" fill="{text_colour(segment.fill)}">'
                f"{percent(segment.share)}</text>"
            )
        y += segment_height
    parts.append(
        f'<rect x="{x}" y="{top}" width="{width}" height="{height}" fill="none" '
        f'stroke="{LINE}" stroke-width="0.5"/>'
    )
    return parts


def predikat_trend(trend: dict) -> SafeString:
    """One employee's predikat per period as a line over five levels, with its data table.

    `trend` comes from reports.views.predikat_trend (the coordinates). Written here rather than
    as a template because its four loops were a fifth of the employee page's rendering time.
    """
    points = trend["points"]
    kind = str(trend["kind"])
    labels = [(str(p["report"].period), str(Predikat(p["predikat"]).label)) for p in points]
    width, height = trend["width"], trend["height"]
    # Outside the f-strings: makemessages does not look inside them.
    title = _("Predikat kinerja per periode (%(kind)s)") % {"kind": kind}
    table_caption = _("Data tren predikat (%(kind)s)") % {"kind": kind}
    period_heading, predikat_heading = _("Periode"), _("Predikat")
    body = [
        f'<title id="tren-judul">{escape(title)}</title>',
        f'<desc id="tren-isi">{escape("; ".join(f"{p}: {label}" for p, label in labels))}</desc>',
    ]
    for level in trend["levels"]:
        body.append(
            f'<line class="trend-grid" x1="{trend["axis_x"]}" x2="{width}" '
            f'y1="{level["y"]}" y2="{level["y"]}"/>'
            f'<text class="trend-label" x="{trend["label_x"]}" y="{level["text_y"]}" '
            f'text-anchor="end">{escape(level["label"])}</text>'
        )
    if len(points) > 1:
        body.append(f'<polyline class="trend-line" points="{trend["line"]}"/>')
    for point in points:
        body.append(
            f'<circle class="trend-mark predikat-{escape(point["predikat"])}" cx="{point["x"]}" '
            f'cy="{point["y"]}" r="7"/>'
            f'<text class="trend-label" x="{point["x"]}" y="{trend["label_y"]}" '
            f'text-anchor="middle">{escape(point["report"].period.code)}</text>'
        )
    caption = _(
        "Setiap titik adalah predikat satu periode %(kind)s, dari Sangat Kurang (bawah) sampai "
        "Sangat Baik (atas). Angka yang sama ada di tabel berikut."
    ) % {"kind": kind.lower()}
    if trend["truncated"]:
        caption += " " + ngettext(
            "Hanya %(counter)s periode terakhir yang digambar.",
            "Hanya %(counter)s periode terakhir yang digambar.",
            len(points),
        ) % {"counter": len(points)}
    rows = "".join(
        f'<tr><th scope="row">{escape(p)}</th><td>{escape(label)}</td></tr>' for p, label in labels
    )
    return mark_safe(
        '<figure class="trend">\n'
        '  <div class="scroll" role="region" tabindex="0" aria-labelledby="tren-judul">\n'
        f'    <svg role="img" aria-labelledby="tren-judul tren-isi" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"{''.join(body)}</svg>\n  </div>\n"
        f'  <figcaption class="note">{escape(caption)}</figcaption>\n</figure>\n'
        '<div class="scroll" role="region" tabindex="0" aria-labelledby="tabel-tren">\n'
        f'  <table>\n    <caption id="tabel-tren">{escape(table_caption)}</caption>\n'
        f'    <thead><tr><th scope="col">{escape(period_heading)}</th>'
        f'<th scope="col">{escape(predikat_heading)}</th></tr></thead>\n'
        f"    <tbody>{rows}</tbody>\n  </table>\n</div>"
    )
