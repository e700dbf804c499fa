import logging

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from forums.models import Commitment, Forum
from personnel.choices import EmployeeStatus, EmploymentType, UnitKind
from personnel.models import Employee, Unit
from portal import search
from portal.forms import SearchForm
from reports.opendata.columns import TYPES
from reports.opendata.datasets import DATASETS, LICENCE, file_url, periods_with_reports
from selection.timeline import status
from selection.views import public_selections

logger = logging.getLogger(__name__)


def open_selections():
    """Announced selections not yet over, soonest first (two queries)."""
    today = timezone.localdate()
    selections = list(
        public_selections()
        .with_schedule()
        .filter(appointed__isnull=True, last_day__gte=today)
        .order_by("first_day")[:5]
    )
    for selection in selections:
        selection.state, selection.current_stage = status(selection, today)
    return selections


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
            open_selections=open_selections(),
            next_forums=list(Forum.objects.public().upcoming().select_related("unit")[:3]),
            overdue_commitments=list(
                Commitment.objects.overdue().select_related("unit").order_by("due_date")[:5]
            ),
            asn=asn,
            opd_count=len(top_units),
            kecamatan_count=kinds.get(UnitKind.KECAMATAN, 0),
            kelurahan_count=kinds.get(UnitKind.KELURAHAN, 0),
            top_units=top_units,
            **kwargs,
        )


class SearchView(TemplateView):
    """/cari/?q=…: one box over units, positions, employees and disclosed indicators."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        form = SearchForm(params) if "q" in params else SearchForm()
        context = {"form": form, "terms": "", "groups": [], "page": None, "cap": search.COUNT_CAP}
        kind = params.get("jenis", "")
        context["unknown_kind"] = bool(kind) and kind not in search.KIND_KEYS
        if form.is_bound and form.is_valid():
            terms = context["terms"] = form.cleaned_data["q"]
            words = search.looked_up(terms)
            context["corrections"] = words.corrections
            if kind in search.KIND_KEYS:
                context["page"] = search.kind_page(words, kind, params.get("page", ""))
                context["groups"] = [context["page"].group]
            else:
                context["groups"] = search.overview(words)
            context["total"] = sum(group.count for group in context["groups"])
        return super().get_context_data(**context, **kwargs)


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


def bench_ping(request):
    """A page that touches no database: the load benchmark's baseline (DJANGO_BENCH_PING=1)."""
    if not settings.BENCH_PING:
        raise Http404
    return HttpResponse("ok", content_type="text/plain")
