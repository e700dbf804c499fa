import logging

from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from personnel.choices import EmployeeStatus, EmploymentType, UnitKind
from personnel.models import Employee, Unit
from reports.opendata.columns import TYPES
from reports.opendata.datasets import DATASETS, LICENCE, file_url, periods_with_reports

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        active = Employee.objects.filter(status=EmployeeStatus.ACTIVE)
        asn = active.aggregate(
            total=Count("pk"),
            pns=Count("pk", filter=Q(employment_type=EmploymentType.PNS)),
            pppk=Count("pk", filter=Q(employment_type=EmploymentType.PPPK)),
        )
        kinds = dict(Unit.objects.active().values_list("kind").annotate(n=Count("pk")))
        top_units = (
            Unit.objects.active()
            .filter(parent__parent__isnull=True, parent__isnull=False)
            .order_by("order", "name")
            .only("code", "name", "kind")
        )
        return super().get_context_data(
            asn=asn,
            opd_count=len(top_units),
            kecamatan_count=kinds.get(UnitKind.KECAMATAN, 0),
            kelurahan_count=kinds.get(UnitKind.KELURAHAN, 0),
            top_units=top_units,
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "portal/about.html"


def downloads(dataset, periods):
    """The files of a dataset: one line per period for per-period datasets, else one line."""
    if not dataset.per_period:
        files = [(fmt, file_url(dataset.slug, fmt)) for fmt in dataset.formats]
        return [{"period": None, "files": files}]
    return [
        {
            "period": period,
            "files": [(f, file_url(dataset.slug, f, period.code)) for f in dataset.formats],
        }
        for period in periods
    ]


class DataIndexView(TemplateView):
    """The open-data index: every dataset, its files and the feeds."""

    template_name = "portal/data_index.html"

    def get_context_data(self, **kwargs):
        periods = list(periods_with_reports().only("code", "kind", "year", "number"))
        latest = periods[0] if periods else None
        return super().get_context_data(
            datasets=[
                {
                    "dataset": dataset,
                    "downloads": downloads(dataset, periods[:1]),
                }
                for dataset in DATASETS.values()
            ],
            latest=latest,
            licence=LICENCE,
            **kwargs,
        )


class DatasetView(TemplateView):
    """One dataset: what it holds, its data dictionary, licence, formats and file addresses."""

    template_name = "portal/dataset.html"

    def get_context_data(self, **kwargs):
        dataset = DATASETS.get(kwargs["slug"])
        if dataset is None:
            raise Http404(_("Dataset ini tidak ada."))
        periods = []
        if dataset.per_period:
            periods = list(periods_with_reports().only("code", "kind", "year", "number"))
        return super().get_context_data(
            dataset=dataset,
            downloads=downloads(dataset, periods),
            licence=LICENCE,
            types=TYPES,
            **kwargs,
        )


@never_cache
def healthz(request):
    """Liveness for the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database, embedded server start included
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
