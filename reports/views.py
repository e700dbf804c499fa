"""Public report pages: the list of published reports, one report, and one employee's record.

What an individual page may show is decided by the querysets: `disclosed()` and `public()`
leave out drafts and withheld employees, and `public_employee_fields()` keeps the NIP, birth
date and contact data out of memory, so no template can show them by mistake.
"""

import datetime
import re
from collections import Counter
from itertools import pairwise

from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView

from feedback import assessments
from feedback.assessments import rating_counts, summary_of
from personnel.choices import PNS_GOLONGAN, JabatanType
from personnel.disclosure import name_withheld, public_employee_fields
from personnel.models import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    Assignment,
    Employee,
    Position,
    Unit,
)
from portal.prepared import PreparedQuery, instance, instances, json_rows
from reports import charts, listing
from reports.choices import BerAkhlak, IndicatorKind, PeriodKind, Predikat, ReportStatus
from reports.filters import DEFAULT_SORT, ReportFilter
from reports.models import (
    BehaviourRating,
    Indicator,
    Period,
    PublishedCount,
    Report,
)
from reports.paging import ListPaginator, NearerEnd
from training.figures import jp_rows, jp_years

PUBLIC_ID = re.compile(f"[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}")
PERIOD_FIELDS = ("code", "kind", "year", "number", "start", "end")
INDICATOR_PAGE_FIELDS = ("id", "kind", "rhk", "aspect", "iki", "target", "realisasi", "feedback")
BEHAVIOUR_PAGE_FIELDS = ("id", "value", "rating", "notes", "leader_expectation")
VERSION_PAGE_FIELDS = (
    "id",
    "version",
    "status",
    "published_at",
    "withdrawn_at",
    "correction_reason",
    "withdrawal_reason",
)
REPORT_PAGE_FIELDS = (
    "id",
    "version",
    "status",
    "position_title",
    "jabatan_type",
    "golongan",
    "hasil_kerja",
    "perilaku",
    "predikat",
    "evaluator_notes",
    "correction_reason",
    "withdrawal_reason",
    "published_at",
    "withdrawn_at",
    *(f"period__{field}" for field in PERIOD_FIELDS),
    "unit__code",
    "unit__name",
    *public_employee_fields("employee__"),
    *public_employee_fields("evaluator__"),
)
CURRENT_POSITION_FIELDS = (
    "position__id",
    "position__title",
    "position__unit__id",
    "position__unit__code",
    "position__unit__name",
)
EMPLOYEE_REPORT_FIELDS = (
    "id",
    "version",
    "predikat",
    "position_title",
    "published_at",
    *(f"period__{field}" for field in ("id", *PERIOD_FIELDS)),
    "unit__id",
    "unit__code",
    "unit__name",
)
# Lowest first, for the trend's vertical axis.
PREDIKAT_SCALE = (
    Predikat.SANGAT_KURANG,
    Predikat.KURANG,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.BAIK,
    Predikat.SANGAT_BAIK,
)
# The kind a trend follows when an employee has as many reports of two kinds.
KIND_PREFERENCE = (PeriodKind.ANNUAL, PeriodKind.QUARTERLY, PeriodKind.MONTHLY)
TREND_POINTS = 12


def check_public_id(public_id: str) -> None:
    """404 for anything that cannot be a public_id, before it reaches the database."""
    if not PUBLIC_ID.fullmatch(public_id):
        raise Http404(_("Pegawai tidak ditemukan."))


def evaluator_title():
    """The evaluator's primary position title at the end of the report's period."""
    return Subquery(
        Assignment.objects.primary()
        .filter(employee=OuterRef("evaluator_id"), start__lte=OuterRef("period__end"))
        .filter(Q(end__isnull=True) | Q(end__gte=OuterRef("period__end")))
        .order_by("-start")
        .values("position__title")[:1]
    )


def report_page_values(public_id: str, period: str, version: int):
    """One report page in one row: the report, its people, period and unit, and as JSON arrays
    its indicators (RHK utama first), its behaviour ratings and every public version."""
    versions = Report.objects.public().filter(
        employee_id=OuterRef("employee_id"), period_id=OuterRef("period_id")
    )
    return (
        Report.objects.public()
        .not_withheld()
        .filter(employee__public_id=public_id, period__code=period, version=version)
        .annotate(
            evaluator_title=evaluator_title(),
            evaluator_withheld=name_withheld("evaluator_id"),
            indicator_rows=json_rows(
                Indicator.objects.filter(report=OuterRef("pk")).order_by("order", "id"),
                *INDICATOR_PAGE_FIELDS,
            ),
            behaviour_rows=json_rows(
                BehaviourRating.objects.filter(report=OuterRef("pk")).order_by("id"),
                *BEHAVIOUR_PAGE_FIELDS,
            ),
            version_rows=json_rows(versions.order_by("version"), *VERSION_PAGE_FIELDS),
        )
        .values(
            *REPORT_PAGE_FIELDS,
            "period__id",
            "unit__id",
            "evaluator_title",
            "evaluator_withheld",
            "indicator_rows",
            "behaviour_rows",
            "version_rows",
        )
    )


# Compiled once per process; PostgreSQL plans it once per connection (portal/prepared.py).
# The examples are values no report has (versions stop at 32,767, a smallint).
REPORT_PAGE = PreparedQuery(report_page_values, "\x1fpublic_id", "\x1fperiod", 32_761)
MAX_VERSION = 32_767


class ReportListView(FilterView):
    template_name = "reports/report_list.html"
    filterset_class = ReportFilter
    context_object_name = "reports"
    paginate_by = 50
    strict = False  # a bad filter value is reported in the form and left out, not fatal

    def get_queryset(self):
        return Report.objects.disclosed()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so the default period applies to a bare /laporan/ as well.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.filterset.is_valid()  # not strict: a bad value is a form error, left out
        # FilterView builds the filtered queryset here; this list reads its rows by statements
        # of its own whenever the published counts can size it (get_paginator()), and builds
        # the queryset (`filterset.qs`) only where they cannot.
        self.object_list = None
        context = self.get_context_data(filter=self.filterset)
        return self.render_to_response(context)

    def get_paginator(self, queryset, per_page, **kwargs):
        filterset = self.filterset
        rows = filterset.segmented()
        if rows is None:
            # The total comes from the published counts (a few rows) instead of COUNT(*) over
            # a period's ~100,000 reports, whenever the filters allow it. The rows are read as
            # the values the list shows (reports.listing); counted without them, so that a
            # COUNT(*) joins no table the filters do not need.
            filters = filterset.count_filters()
            if filters is None:  # a name search, or a filter the counts cannot answer
                rows = filterset.by_matched_name()
                if rows is None:
                    queryset = filterset.qs
                    rows = NearerEnd(queryset.for_listing(), queryset.count(), from_counts=False)
            else:
                total = PublishedCount.objects.disclosed_total(**filters)
                rows = filterset.by_name(total)
                if rows is None:
                    rows = filterset.by_statement(total)
                if rows is None:
                    rows = NearerEnd(filterset.qs.for_listing(), total, from_counts=True)
        return ListPaginator(rows, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        """Like ListView's, but a page number that is not a page shows the nearest one, and so
        does a page too deep in a list read by walking (reports.paging.ListPaginator)."""
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get(self.page_kwarg, "")
        page = paginator.get_page(requested)
        page.object_list = listing.listed(
            page.object_list, self.filterset.periods_by_id, self.filterset.units_by_id
        )
        self.out_of_reach = paginator.out_of_reach
        self.page_corrected = bool(requested) and requested != str(page.number)
        self.page_corrected &= not self.out_of_reach
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.filterset.form.cleaned_data.get("urut") or DEFAULT_SORT
        directions = {"": "ascending", "-": "descending"}
        columns = {
            key: {
                "next": f"-{key}" if current == key else key,
                "aria_sort": next(
                    (aria for sign, aria in directions.items() if current == f"{sign}{key}"), ""
                ),
            }
            for key in ("nama", "unit", "predikat")
        }
        period = self.filterset.period
        return {
            **context,
            "period": period,
            "columns": columns,
            "page_corrected": self.page_corrected,
            "out_of_reach": self.out_of_reach,
            "texts": listing.list_texts(period, context["page_obj"]),
        }


class ReportDetailView(TemplateView):
    """One version of one report, read in one prepared query (`REPORT_PAGE`)."""

    template_name = "reports/report_detail.html"

    def get_report(self) -> tuple[Report, dict]:
        """The report with its employee, evaluator, period and unit, and the page's row."""
        check_public_id(self.kwargs["public_id"])
        version = self.kwargs["version"]
        row = (
            REPORT_PAGE.row(self.kwargs["public_id"], self.kwargs["period"], version)
            if version <= MAX_VERSION
            else None
        )
        if row is None:
            raise Http404(_("Laporan tidak ditemukan."))
        report = instance(Report, row)
        report.employee = instance(Employee, row, "employee__")
        report.evaluator = instance(Employee, row, "evaluator__") if row["evaluator__id"] else None
        report.period = instance(Period, row, "period__")
        report.unit = instance(Unit, row, "unit__")
        report.evaluator_title = row["evaluator_title"]
        report.evaluator_withheld = row["evaluator_withheld"]
        return report, row

    def get_context_data(self, **kwargs):
        report, row = self.get_report()
        indicators = instances(Indicator, row["indicator_rows"])
        behaviour_order = {value: n for n, value in enumerate(BerAkhlak.values)}
        versions = instances(Report, row["version_rows"])
        for older, newer in pairwise(versions):
            older.superseded_at = newer.published_at
        current = next((v for v in versions if v.status == ReportStatus.PUBLISHED), versions[-1])
        return super().get_context_data(
            report=report,
            # RHK utama first, then tambahan; a group without indicators is left out.
            indicator_groups=[
                (label, group)
                for kind, label in IndicatorKind.choices
                if (group := [i for i in indicators if i.kind == kind])
            ],
            behaviours=sorted(
                instances(BehaviourRating, row["behaviour_rows"]),
                key=lambda b: behaviour_order[b.value],
            ),
            versions=versions,
            current_version=current,
            pangkat=PNS_GOLONGAN.get(report.golongan, ""),
            jabatan_label=label_of(JabatanType, report.jabatan_type),
            **kwargs,
        )


def employee_page_values(public_id: str, today, since):
    """One employee page in one row: the public fields, whether the PPID withheld the reports,
    and as JSON arrays the current primary positions, the published reports (none when withheld),
    the training hours per year and the penilaian masyarakat since `since`."""
    pk = OuterRef("pk")
    current = Assignment.objects.primary().current(today).filter(employee=pk).order_by("-start")
    reports = (
        Report.objects.disclosed().filter(employee=pk).order_by("-period__end", "period__start")
    )
    return (
        Employee.objects.filter(public_id=public_id)
        .annotate(
            withheld=name_withheld(),
            assignment_rows=json_rows(current, *CURRENT_POSITION_FIELDS),
            report_rows=json_rows(reports, *EMPLOYEE_REPORT_FIELDS),
            training_rows=json_rows(jp_rows(pk), "year", "jp", "events"),
            rating_rows=json_rows(rating_counts(since, employee=pk), "rating", "n"),
        )
        .values(
            *public_employee_fields(),
            "withheld",
            "assignment_rows",
            "report_rows",
            "training_rows",
            "rating_rows",
        )
        .order_by()
    )


# Today and the start of the assessments' year are arguments: the query is compiled only once.
EMPLOYEE_PAGE = PreparedQuery(
    employee_page_values,
    "\x1fpublic_id",
    datetime.date(1801, 2, 3),
    datetime.datetime(1801, 2, 3, tzinfo=datetime.UTC),
)


class EmployeeReportsView(TemplateView):
    """One employee's published reports, position, training and assessments: one prepared query."""

    template_name = "reports/employee_detail.html"

    def get_context_data(self, **kwargs):
        check_public_id(self.kwargs["public_id"])
        row = EMPLOYEE_PAGE.row(
            self.kwargs["public_id"], timezone.localdate(), assessments.summary_since()
        )
        if row is None:
            raise Http404(_("Pegawai tidak ditemukan."))
        employee = instance(Employee, row)
        employee.withheld = row["withheld"]
        assignment = None
        if row["assignment_rows"]:
            first = row["assignment_rows"][0]
            assignment = Assignment(
                position=Position(
                    title=first["position__title"],
                    unit=Unit(
                        code=first["position__unit__code"], name=first["position__unit__name"]
                    ),
                )
            )
        reports = []
        for values in row["report_rows"]:
            report = instance(Report, values)
            report.employee = employee
            report.period = instance(Period, values, "period__")
            report.unit = instance(Unit, values, "unit__")
            reports.append(report)
        trend = predikat_trend(reports)
        return super().get_context_data(
            employee=employee,
            assignment=assignment,
            reports=reports,
            trend=trend,
            trend_figure=charts.predikat_trend(trend) if trend else "",
            training_years=jp_years(row["training_rows"]),
            assessment=summary_of(row["rating_rows"]),
            **kwargs,
        )


def label_of(choices, value) -> str:
    return choices(value).label if value in choices.values else value


def predikat_trend(reports, *, step=56, row=28, left=150, top=16, bottom=40):
    """Coordinates of a small server-drawn chart of predikat over one kind of period."""
    if not reports:
        return None
    kinds = Counter(report.period.kind for report in reports)
    kind = max(KIND_PREFERENCE, key=lambda k: (kinds[k], -KIND_PREFERENCE.index(k)))
    chosen = sorted(
        (report for report in reports if report.period.kind == kind),
        key=lambda report: report.period.start,
    )[-TREND_POINTS:]
    height = top + row * (len(PREDIKAT_SCALE) - 1) + bottom

    def y_of(predikat):
        return top + row * (len(PREDIKAT_SCALE) - 1 - PREDIKAT_SCALE.index(predikat))

    levels = [
        {"label": Predikat(value).label, "y": y_of(value), "text_y": y_of(value) + 4}
        for value in PREDIKAT_SCALE
    ]
    points = [
        {
            "x": left + step * n + step // 2,
            "y": y_of(report.predikat),
            "report": report,
            "predikat": report.predikat,
        }
        for n, report in enumerate(chosen)
    ]
    return {
        "kind": PeriodKind(kind).label,
        "width": left + step * len(points),
        "height": height,
        "axis_x": left,
        "label_x": left - 8,
        "label_y": height - bottom + 24,
        "levels": levels,
        "points": points,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "truncated": len(chosen) < sum(1 for r in reports if r.period.kind == kind),
    }
