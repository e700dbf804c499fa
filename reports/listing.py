"""The rows of the public report list, and of an employee's reports, written in Python.

A page of the list shows fifty reports. Read as model instances (a report with its employee,
period and unit: four objects a row) and rendered by a template loop (about ten nodes a row),
the rows cost the uncached list more than its queries. Here a row is read as the ten values it
shows; its period and unit are taken from those the list's filter has already read for its
choices (every unit, every period with a published report), so the query joins only the
employee; and the rows are written by `rows_html()` with the same markup the template wrote.
The employee page's table of reports is written the same way (`employee_rows_html()`).
"""

from dataclasses import dataclass
from html import escape

from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from personnel.models import UNIT_LINK, Unit, full_name
from personnel.tree import UnitNode
from portal.links import Link
from portal.templatetags.figures import long_date
from portal.texts import interpolated
from reports.choices import Predikat
from reports.models import LISTED_FIELDS, REPORT_LINK, Period

FIELDS = LISTED_FIELDS  # the values of a row: Report.objects.for_listing()
DATASET_LINK = Link("data-detail", "slug")


@dataclass(frozen=True, slots=True)
class ListedEmployee:
    public_id: str
    gelar_depan: str
    name: str
    gelar_belakang: str

    @property
    def full_name(self) -> str:
        return full_name(self.gelar_depan, self.name, self.gelar_belakang)


@dataclass(frozen=True, slots=True)
class ListedReport:
    """What the list shows of a report; `period` and `unit` are the filter's own objects."""

    pk: int
    version: int
    predikat: str
    position_title: str
    employee: ListedEmployee
    period: Period
    unit: UnitNode

    def get_absolute_url(self) -> str:
        return REPORT_LINK(self.employee.public_id, self.period.code, self.version)


def listed(rows: list[dict], periods: dict[int, Period], units: dict[int, UnitNode]) -> list:
    """The value rows of `FIELDS` as ListedReports, with their periods and units by id."""
    # A period or unit the filter did not read, because it was added since: read it here.
    missing = {row["period_id"] for row in rows} - periods.keys()
    if missing:
        periods = {**periods, **Period.objects.in_bulk(missing)}
    missing = {row["unit_id"] for row in rows} - units.keys()
    if missing:
        found = Unit.objects.filter(pk__in=missing).values_list("id", "parent_id", "code", "name")
        units = {**units, **{values[0]: UnitNode(*values) for values in found}}
    return [
        ListedReport(
            pk=row["id"],
            version=row["version"],
            predikat=row["predikat"],
            position_title=row["position_title"],
            employee=ListedEmployee(
                row["employee__public_id"],
                row["employee__gelar_depan"],
                row["employee__name"],
                row["employee__gelar_belakang"],
            ),
            period=periods[row["period_id"]],
            unit=units[row["unit_id"]],
        )
        for row in rows
    ]


def list_texts(period: Period | None, page) -> dict[str, str]:
    """The list's sentences with values in them (portal.texts): its heading's count, its title
    and the download note that name the period, and the table's page number, written once here
    instead of by a `{% blocktranslate %}` tag each (about a tenth of the list's rendering).
    Numbers are localized as a template writes them."""
    count = page.paginator.count
    texts = {
        "count": interpolated(
            ngettext("%(counter)s laporan", "%(counter)s laporan", count), counter=localize(count)
        ),
        "page": interpolated(
            _("halaman %(number)s dari %(total)s"),
            number=localize(page.number),
            total=localize(page.paginator.num_pages),
        ),
    }
    if period is not None:
        label = str(period)
        texts["title"] = interpolated(_("Laporan kinerja ASN %(period)s"), period=label)
        texts["download"] = interpolated(
            _(
                'semua laporan terbit %(period)s, seluruh kota; <a href="%(url)s">kamus data '
                "dan format lain</a>"
            ),
            period=label,
            url=DATASET_LINK("laporan"),
        )
    return texts


def predikat_badges() -> dict[str, str]:
    """Each predikat's coloured label in the current language, as the `predikat_badge` filter
    writes it: <span class="predikat predikat-baik">Baik</span>."""
    return {
        value: f'<span class="predikat predikat-{value}">{escape(str(label))}</span>'
        for value, label in Predikat.choices
    }


def badge(badges: dict[str, str], predikat: str) -> str:
    """The badge of `predikat`; an unknown value (none is stored) written the same way."""
    if predikat in badges:
        return badges[predikat]
    return f'<span class="predikat predikat-{escape(predikat)}">{escape(predikat)}</span>'


def rows_html(reports: list[ListedReport]) -> str:
    """The table rows of the list, as the template's loop wrote them.

    The values are plain strings from the database, escaped as Django's `escape` does
    (`html.escape`), without its lazy-text wrapping, which cost more than the rows' writing.
    """
    badges = predikat_badges()
    report_link, unit_link = REPORT_LINK.bound(), UNIT_LINK.bound()  # get_absolute_url()s
    periods, units = {}, {}
    parts = []
    for report in reports:
        period = report.period
        if period.pk not in periods:
            periods[period.pk] = escape(str(period))
        unit = report.unit
        if unit.pk not in units:
            units[unit.pk] = (escape(unit_link(unit.code)), escape(unit.name))
        unit_url, unit_name = units[unit.pk]
        url = report_link(report.employee.public_id, period.code, report.version)
        parts.append(
            f'<tr><th scope="row"><a href="{escape(url)}">'
            f"{escape(report.employee.full_name)}</a></th>"
            f"<td>{escape(report.position_title or '—')}</td>"
            f'<td><a href="{unit_url}">{unit_name}</a></td>'
            f"<td>{periods[period.pk]}</td>"
            f"<td>{badge(badges, report.predikat)}</td></tr>"
        )
    return mark_safe("\n".join(parts))


def employee_rows_html(reports) -> str:
    """The rows of the employee page's table of published reports (model instances with their
    period and unit), as its template's loop wrote them."""
    badges = predikat_badges()
    parts = []
    for report in reports:
        version = ""
        if report.version > 1:
            label = _("versi %(number)s") % {"number": report.version}
            version = f' <span class="tag">{label}</span>'
        unit = report.unit
        parts.append(
            f'<tr><th scope="row"><a href="{escape(report.get_absolute_url())}">'
            f"{escape(str(report.period))}</a>{version}</th>"
            f"<td>{badge(badges, report.predikat)}</td>"
            f"<td>{escape(report.position_title or '—')}</td>"
            f'<td><a href="{escape(unit.get_absolute_url())}">{escape(unit.name)}</a></td>'
            f"<td>{long_date(template_localtime(report.published_at))}</td></tr>"
        )
    return mark_safe("\n".join(parts))
