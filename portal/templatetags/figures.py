"""Figures in tables: a count, or the mark of a count hidden to protect privacy.

Filters rather than includes: these sit in every cell of the larger tables (the city
dashboard has hundreds), where an include per cell cost a template render per cell. For the
same reason they format numbers themselves, with the active language's thousands separator,
instead of going through intcomma and floatformat (which look up the locale's formats at
every call); the output is the same (tests/reports/test_template_filters.py).
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.dates import MONTHS
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()
ONE = Decimal(1)


def grouped(value: int) -> str:
    """12345 as 12.345 in Indonesian, 12,345 in English (what intcomma writes)."""
    return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@functools.lru_cache(maxsize=4096)
def whole_percent(share) -> str:
    """A share rounded half up to a whole number (what floatformat:0 writes for 0–100); kept
    for the shares seen last, since a dashboard writes a few hundred and the same ones at
    every request."""
    return str(int(Decimal(repr(float(share))).quantize(ONE, rounding=ROUND_HALF_UP)))


def suppressed_mark():
    """The × that stands for a count hidden to protect privacy, with its reason."""
    return format_html(
        '<abbr class="suppressed" title="{}">×</abbr>',
        gettext("disembunyikan untuk melindungi privasi"),
    )


@register.filter
def count(value):
    """`value` with thousands separators, or × with its reason when it is suppressed (None)."""
    if value is None:
        return suppressed_mark()
    return grouped(value)


@register.filter
def count_and_share(cell):
    """A cell of a predikat table: its count and, when there is one, its share in percent."""
    if cell.value and cell.share is not None:
        return format_html(
            '{} <small class="share">({}%)</small>', grouped(cell.value), whole_percent(cell.share)
        )
    return count(cell.value)


@register.filter(expects_localtime=True)
def long_date(value):
    """`value|date:"j F Y"` (24 November 2026): the same text, without parsing the format.

    Django's date filter looks the format up and parses it at every call, ~20 µs here; a list
    of reports shows a date per row. An aware datetime arrives in the current time zone
    (expects_localtime), as it does for `date`.
    """
    if not isinstance(value, datetime.date):
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
