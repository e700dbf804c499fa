"""Figures in tables: a count, or the mark of a count hidden to protect privacy.

Filters rather than includes: these sit in every cell of the larger tables (the city
dashboard has hundreds), where an include per cell cost a template render per cell.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.filter
def count(value):
    """`value` with thousands separators, or × with its reason when it is suppressed (None)."""
    if value is None:
        return format_html(
            '<abbr class="suppressed" title="{}">×</abbr>',
            gettext("disembunyikan untuk melindungi privasi"),
        )
    return intcomma(value)


@register.filter
def count_and_share(cell):
    """A cell of a predikat table: its count and, when there is one, its share in percent."""
    if cell.value and cell.share is not None:
        return format_html(
            '{} <small class="share">({}%)</small>', count(cell.value), floatformat(cell.share, 0)
        )
    return count(cell.value)
