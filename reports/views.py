"""Public report pages: the list of published reports, one report, and one employee's record.

What an individual page may show is decided by the querysets: `disclosed()` and `public()`
leave out drafts and withheld employees, and `public_employee_fields()` keeps the NIP, birth
date and contact data out of memory, so no template can show them by mistake.
"""

import re
from collections import Counter
from itertools import pairwise

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from personnel.choices import PNS_GOLONGAN, JabatanType
from personnel.disclosure import name_withheld, public_employee_fields
from personnel.models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, Assignment, Employee
from reports.choices import BerAkhlak, IndicatorKind, PeriodKind, Predikat, ReportStatus
from reports.filters import DEFAULT_SORT, ReportFilter
from reports.models import BehaviourRating, Indicator, PublishedCount, Report, Withholding
from reports.paging import NearerEnd

PUBLIC_ID = re.compile(f"[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}")
PERIOD_FIELDS = ("code", "kind", "year", "number", "start", "end")
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


def report_page(queryset):
    """The shape of one report page: the report with its indicators and behaviour ratings."""
    return (
        queryset.select_related("employee", "evaluator", "period", "unit")
        .only(*REPORT_PAGE_FIELDS)
        .annotate(
            evaluator_title=evaluator_title(), evaluator_withheld=name_withheld("evaluator_id")
        )
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")),
            Prefetch("behaviours", queryset=BehaviourRating.objects.order_by("id")),
        )
    )


class ReportListView(FilterView):
    template_name = "reports/report_list.html"
    filterset_class = ReportFilter
    context_object_name = "reports"
    paginate_by = 50
    strict = False  # a bad filter value is reported in the form and left out, not fatal

    def get_queryset(self):
        return Report.objects.disclosed().for_listing()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so the default period applies to a bare /laporan/ as well.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_paginator(self, queryset, per_page, **kwargs):
        rows = self.filterset.segmented(queryset)
        if rows is None:
            # The total comes from the published counts (a few rows) instead of COUNT(*) over
            # a period's ~100,000 reports, whenever the filters allow it.
            filters = self.filterset.count_filters()
            if filters is None:
                rows = NearerEnd(queryset, queryset.count(), from_counts=False)
            else:
                total = PublishedCount.objects.disclosed_total(**filters)
                rows = NearerEnd(queryset, total, from_counts=True)
        return Paginator(rows, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        """Like ListView's, but a page number that is not a page shows the nearest one."""
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get(self.page_kwarg, "")
        page = paginator.get_page(requested)
        self.page_corrected = bool(requested) and requested != str(page.number)
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
        return {
            **context,
            "period": self.filterset.period,
            "columns": columns,
            "page_corrected": self.page_corrected,
        }


class ReportDetailView(DetailView):
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return report_page(Report.objects.public().not_withheld())

    def get_object(self, queryset=None):
        check_public_id(self.kwargs["public_id"])
        return get_object_or_404(
            self.get_queryset() if queryset is None else queryset,
            employee__public_id=self.kwargs["public_id"],
            period__code=self.kwargs["period"],
            version=self.kwargs["version"],
        )

    def get_context_data(self, **kwargs):
        report = self.object
        indicators = list(report.indicators.all())
        behaviour_order = {value: n for n, value in enumerate(BerAkhlak.values)}
        versions = list(
            Report.objects.public()
            .filter(employee_id=report.employee_id, period_id=report.period_id)
            .only(
                "id",
                "version",
                "status",
                "published_at",
                "withdrawn_at",
                "correction_reason",
                "withdrawal_reason",
            )
            .order_by("version")
        )
        for older, newer in pairwise(versions):
            older.superseded_at = newer.published_at
        current = next((v for v in versions if v.status == ReportStatus.PUBLISHED), versions[-1])
        return super().get_context_data(
            # RHK utama first, then tambahan; a group without indicators is left out.
            indicator_groups=[
                (label, group)
                for kind, label in IndicatorKind.choices
                if (group := [i for i in indicators if i.kind == kind])
            ],
            behaviours=sorted(report.behaviours.all(), key=lambda b: behaviour_order[b.value]),
            versions=versions,
            current_version=current,
            pangkat=PNS_GOLONGAN.get(report.golongan, ""),
            jabatan_label=label_of(JabatanType, report.jabatan_type),
            **kwargs,
        )


class EmployeeReportsView(DetailView):
    template_name = "reports/employee_detail.html"
    context_object_name = "employee"
    slug_field = "public_id"
    slug_url_kwarg = "public_id"

    def get_queryset(self):
        return (
            Employee.objects.only(*public_employee_fields())
            .with_current_assignment()
            .annotate(withheld=Exists(Withholding.objects.active().filter(employee=OuterRef("pk"))))
        )

    def get_object(self, queryset=None):
        check_public_id(self.kwargs["public_id"])
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        employee = self.object
        reports = []
        if not employee.withheld:
            reports = list(
                Report.objects.published()
                .filter(employee=employee)
                .select_related("period", "unit")
                .only(
                    "id",
                    "version",
                    "predikat",
                    "position_title",
                    "published_at",
                    *(f"period__{field}" for field in PERIOD_FIELDS),
                    "unit__code",
                    "unit__name",
                )
                .order_by("-period__end", "period__start")
            )
        assignments = employee.current_assignments
        return super().get_context_data(
            assignment=assignments[0] if assignments else None,
            reports=reports,
            trend=predikat_trend(reports),
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
