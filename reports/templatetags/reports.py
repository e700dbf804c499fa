"""Small markup used in loops of the report pages, written in Python because an include per
row costs a template render per row."""

from html import escape

from django import template
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.links import querystring
from portal.templatetags.figures import suppressed_mark, whole_percent
from portal.widgets import text
from reports import listing
from reports.choices import Predikat

register = template.Library()
LABELS = dict(Predikat.choices)  # the filter takes any object with a predikat, not only a Report


@register.filter
def predikat_badge(report):
    """The predikat as a coloured label: <span class="predikat predikat-baik">Baik</span>."""
    return format_html(
        '<span class="predikat predikat-{}">{}</span>',
        report.predikat,
        LABELS.get(report.predikat, report.predikat),
    )


@register.simple_tag
def report_rows(reports):
    """The rows of the report list (reports.listing.rows_html)."""
    return listing.rows_html(reports)


@register.simple_tag
def employee_report_rows(reports):
    """The rows of the employee page's reports (reports.listing.employee_rows_html)."""
    return listing.employee_rows_html(reports)


def sort_header(parameters, column, label) -> str:
    """A sortable column's header: its link sorts by it (the other way when it already does),
    from the first page, keeping the other filters; aria-sort marks the column sorted by."""
    url = querystring(parameters, urut=column["next"], page=None)
    aria = format_html_join(
        "", ' aria-sort="{}"', [(column["aria_sort"],)] if column["aria_sort"] else []
    )
    return format_html('<th scope="col"{}><a href="{}">{}</a></th>', aria, url, label)


@register.simple_tag(takes_context=True)
def sort_headers(context, columns):
    """The report list's header cells, the sortable ones with their links (sort_header()),
    in one tag instead of a translate and a tag per column. Separated as the template's
    lines were, so the page is the same to the byte."""
    parameters = context.request.GET
    # The labels outside the f-strings: makemessages does not look inside one.
    position, period = escape(gettext("Jabatan")), escape(gettext("Periode"))
    cells = [
        sort_header(parameters, columns["nama"], gettext("Nama")),
        f'<th scope="col">{position}</th>',
        sort_header(parameters, columns["unit"], gettext("Unit kerja")),
        f'<th scope="col">{period}</th>',
        sort_header(parameters, columns["predikat"], gettext("Predikat")),
    ]
    return mark_safe("\n          ".join(cells))


def counter():
    """`figures.count` for the cells of one table: the language's thousands separator and the
    suppression mark looked up once, not at every cell."""
    separator = get_format("THOUSAND_SEPARATOR")
    hidden = suppressed_mark()

    def count(value):
        return hidden if value is None else f"{value:,}".replace(",", separator)

    return count


@register.simple_tag
def comparison_rows(comparison):
    """The unit page's rows of a unit's and the city's counts per predikat, each with its share
    (or the suppression mark): what the page's template loop wrote."""
    count = counter()

    def share(cell):
        return count(None) if cell.share is None else f"{whole_percent(cell.share)}%"

    return mark_safe(
        "".join(
            f'<tr><th scope="row">{conditional_escape(own.label)}</th>'
            f'<td class="num">{count(own.value)}</td><td class="num">{share(own)}</td>'
            f'<td class="num">{count(city.value)}</td><td class="num">{share(city)}</td></tr>'
            for own, city in comparison
        )
    )


@register.simple_tag(takes_context=True)
def period_form(context):
    """The period chooser of the unit page and the dashboard (a GET form; periods grouped by
    kind), with the notice for an unknown period code: what _perf_period_form.html wrote."""
    period, unknown = context.get("period"), context.get("unknown_period")
    parts = []
    if unknown:
        if period:
            notice = gettext("Periode «%(code)s» tidak dikenal. Ditampilkan %(period)s.") % {
                "code": conditional_escape(unknown),
                "period": conditional_escape(period),
            }
        else:
            notice = gettext("Periode «%(code)s» tidak dikenal.") % {
                "code": conditional_escape(unknown)
            }
        parts.append(f'<p class="notice" role="status">{notice}</p>')
    groups = context.get("period_groups")
    if groups:
        chosen = getattr(period, "pk", None)
        label, show = gettext("Periode"), gettext("Tampilkan")
        options = "".join(
            f'<optgroup label="{conditional_escape(group["label"])}">'
            + "".join(
                f'<option value="{escape(option.code)}"'
                f"{' selected' if option.pk == chosen else ''}>{escape(str(option))}"
                "</option>"
                for option in group["periods"]
            )
            + "</optgroup>"
            for group in groups
        )
        parts.append(
            f'<form method="get" class="period-form"><label for="periode">{label}</label>'
            f'<select id="periode" name="periode">{options}</select>'
            f'<button type="submit">{show}</button></form>'
        )
    return mark_safe("".join(parts))


@register.simple_tag
def perf_table(rows, total_row, caption, row_heading, predikat_columns):
    """A predikat table: rows (and an optional total row) of reports by predikat, each count
    with its share; suppressed counts marked. What reports/_perf_table.html wrote, in Python:
    the city dashboard has hundreds of cells."""
    # Translated outside the f-strings below: makemessages does not read inside one.
    total_heading = conditional_escape(gettext("Jumlah"))
    no_data = conditional_escape(gettext("Belum ada data."))
    count = counter()

    def line(row, label):
        # Each cell's share as Row.columns gives it (none when its count or the row's total is
        # suppressed or zero), without making the Column of every cell.
        total = row.total.value
        cells = [f'<tr><th scope="row">{label}</th>']
        for _key, _label, value in row.cells:
            if value and total:
                cells.append(
                    f'<td class="num">{count(value)} <small class="share">'
                    f"({whole_percent(value * 100 / total)}%)</small></td>"
                )
            else:
                cells.append(f'<td class="num">{count(value)}</td>')
        cells.append(f'<td class="num">{count(total)}</td></tr>')
        return "".join(cells)

    caption = conditional_escape(caption)
    heads = "".join(
        f'<th scope="col" class="num">{conditional_escape(label)}</th>'
        for _, label in predikat_columns
    )
    body = [
        line(
            row,
            f'<a href="{text(row.url)}">{text(row.label)}</a>' if row.url else text(row.label),
        )
        for row in rows or ()
    ]
    if not body and not total_row:
        body.append(f'<tr><td colspan="7">{no_data}</td></tr>')
    foot = (
        f"<tfoot>{line(total_row, conditional_escape(total_row.label))}</tfoot>"
        if total_row
        else ""
    )
    return mark_safe(
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{caption}">'
        f'<table class="wide perf-table"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{conditional_escape(row_heading)}</th>{heads}'
        f'<th scope="col" class="num">{total_heading}</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>{foot}</table></div>"
    )
