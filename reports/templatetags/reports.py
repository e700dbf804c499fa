"""Small markup used in loops of the report pages, written in Python because an include per
row costs a template render per row."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def predikat_badge(report):
    """The predikat as a coloured label: <span class="predikat predikat-baik">Baik</span>."""
    return format_html(
        '<span class="predikat predikat-{}">{}</span>',
        report.predikat,
        report.get_predikat_display(),
    )
