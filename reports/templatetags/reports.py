"""Small markup used in loops of the report pages, written in Python because an include per
row costs a template render per row."""

from django import template
from django.template.defaulttags import querystring
from django.utils.html import format_html, format_html_join

from reports import listing
from reports.choices import Predikat

register = template.Library()
LABELS = dict(Predikat.choices)  # get_predikat_display() rebuilds this dict at every call


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


@register.simple_tag(takes_context=True)
def sort_header(context, column, label):
    """A sortable column's header: its link sorts by it (the other way when it already does),
    from the first page, keeping the other filters; aria-sort marks the column sorted by."""
    url = querystring(context, urut=column["next"], page=None)
    aria = format_html_join(
        "", ' aria-sort="{}"', [(column["aria_sort"],)] if column["aria_sort"] else []
    )
    return format_html('<th scope="col"{}><a href="{}">{}</a></th>', aria, url, label)
