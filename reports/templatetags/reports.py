"""Small markup used in loops of the report pages, written in Python because an include per
row costs a template render per row."""

from django import template
from django.utils.html import format_html

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
