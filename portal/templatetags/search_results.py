"""The site search's lists of results, written in Python.

The overview shows up to twenty results in four lists; as a template loop with an include per
list, a branch per kind and a tag per value, they cost about half of the search page's Python
(~6,500 function calls a search). The markup is what templates/portal/_search_results.html
wrote, less its indentation.
"""

import unicodedata
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from portal.links import Link
from portal.templatetags.figures import grouped
from portal.texts import interpolated

register = template.Library()
EMPLOYEE_LINK = Link("reports:employee-detail", "public_id")
TRUNCATED = 160  # characters of an indicator's texts (the truncatechars filter)


def unit_item(unit) -> str:
    return (
        f'<li><a href="{escape(unit.get_absolute_url())}">{escape(unit.name)}</a> '
        f'<span class="tag">{escape(str(unit.get_kind_display()))}</span></li>'
    )


def position_item(position) -> str:
    unit = position.unit
    return (
        f'<li><a href="{escape(unit.get_absolute_url())}">{escape(position.title)}</a>'
        f'<span class="result-meta">{escape(unit.name)} · '
        f"{escape(str(position.get_jabatan_type_display()))}</span></li>"
    )


def employee_item(employee) -> str:
    if employee.position_title:
        meta = f"{escape(employee.position_title)} · {escape(employee.unit_name)}"
    else:
        meta = escape(gettext("Tidak ada jabatan utama yang tercatat saat ini."))
    return (
        f'<li><a href="{escape(EMPLOYEE_LINK(employee.public_id))}">'
        f'{escape(employee.full_name)}</a><span class="result-meta">{meta}</span></li>'
    )


def truncated(text: str) -> str:
    """`text` cut to TRUNCATED characters with an ellipsis, as the truncatechars filter cuts it.
    A text no longer than that (composed, as Truncator composes it) needs no cut, so it is not
    handed to Truncator, which looks at each of its characters in Python (~10 µs for an
    indicator's text, ten of them on the overview)."""
    composed = unicodedata.normalize("NFC", text)
    return composed if len(composed) <= TRUNCATED else Truncator(text).chars(TRUNCATED)


def indicator_item(indicator) -> str:
    report = indicator.report
    url = report.get_absolute_url()
    rhk = gettext("RHK")  # outside the f-string: makemessages does not read inside one
    whose = interpolated(
        gettext("%(name)s, laporan %(period)s"),
        name=report.employee.full_name,
        period=str(report.period),
    )
    return (
        f'<li><a href="{escape(url)}">{escape(truncated(indicator.iki))}</a>'
        f'<span class="result-meta">{whose}</span>'
        f'<span class="result-meta">{escape(rhk)}: '
        f"{escape(truncated(indicator.rhk))}</span></li>"
    )


ITEMS = {"unit": unit_item, "jabatan": position_item, "pegawai": employee_item}


@register.simple_tag
def search_results(group) -> str:
    """<ol class="search-results"> with a <li> per result of `group` (portal.search.Group)."""
    item = ITEMS.get(group.kind.key, indicator_item)
    return mark_safe(
        '<ol class="search-results">\n'
        + "\n".join(item(result) for result in group.results)
        + "\n</ol>"
    )


@register.filter
def result_count(group) -> str:
    """How many results `group` has: "207", or "lebih dari 1.000" past the cap. A filter rather
    than an include: the overview writes it twice for each kind."""
    count = grouped(group.count)
    if group.capped:
        return interpolated(gettext("lebih dari %(count)s"), count=count)
    return count
