import logging

from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from personnel.choices import EmployeeStatus, EmploymentType, UnitKind
from personnel.models import Employee, Unit
from portal import search
from portal.forms import SearchForm

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
            also, context["corrections"] = search.corrected(terms)
            if kind in search.KIND_KEYS:
                context["page"] = search.kind_page(terms, kind, params.get("page", ""), also)
                context["groups"] = [context["page"].group]
            else:
                context["groups"] = search.overview(terms, also)
            context["total"] = sum(group.count for group in context["groups"])
        return super().get_context_data(**context, **kwargs)


class AboutView(TemplateView):
    template_name = "portal/about.html"


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
