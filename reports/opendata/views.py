"""Downloads of the open datasets: streamed, cacheable, and answered with 304 when unchanged.

The ETag and Last-Modified of a file come from one cheap query (`file_state`), run before the
file itself, so a client that already has the file costs one query and no rows. A period file
changes when a report of the period is published, corrected or withdrawn, when an employee in
it or a unit is renamed, and when a withholding is decided or lifted; the personnel files when
the audit trail of their tables moves (every insert, change and delete writes an event) or,
for the current assignments in Popolo, when the day changes.
"""

import hashlib

from django.apps import apps
from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import condition, require_safe

from reports.models import Period, Report, Withholding
from reports.opendata.columns import Context, stream_csv, stream_json
from reports.opendata.datasets import DATASETS, LICENCE, SOURCE

FORMAT_VERSION = 1  # bump when columns change, so caches drop their old files
MAX_AGE = 300  # seconds a cache or browser may keep a file without asking again
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
# Whose audit events a personnel file depends on.
EVENT_TABLES = {
    "unit": ("personnel.UnitEvent",),
    "jabatan": ("personnel.UnitEvent", "personnel.PositionEvent"),
    "popolo": (
        "personnel.UnitEvent",
        "personnel.PositionEvent",
        "personnel.EmployeeEvent",
        "personnel.AssignmentEvent",
        "reports.WithholdingEvent",
    ),
}


def period_state(code: str) -> dict | None:
    """The period and what its files depend on, in one query; None for an unknown period."""
    public = Report.objects.public().filter(period=OuterRef("pk")).order_by().values("period")
    withholdings = Withholding._meta.db_table
    unit_events = apps.get_model("personnel.UnitEvent")._meta.db_table
    return (
        Period.objects.filter(code=code)
        .annotate(
            published=Subquery(public.annotate(at=Max("published_at")).values("at")),
            withdrawn=Subquery(public.annotate(at=Max("withdrawn_at")).values("at")),
            renamed=Subquery(public.annotate(at=Max("employee__updated_at")).values("at")),
            count=Subquery(public.annotate(n=Count("pk")).values("n")),
            withheld=RawSQL(
                f"SELECT GREATEST(max(decided_at), max(lifted_at)) FROM {withholdings}", ()
            ),
            withholdings=RawSQL(f"SELECT count(*) FROM {withholdings}", ()),
            # The files carry the unit's current name: a rename changes them too.
            units=RawSQL(f"SELECT max(pgh_id) FROM {unit_events}", ()),
        )
        .values(
            "pk",
            "code",
            "published",
            "withdrawn",
            "renamed",
            "count",
            "withheld",
            "withholdings",
            "units",
        )
        .first()
    )


def events_state(slug: str) -> dict:
    """The latest audit event of each table a personnel file reads, in one query."""
    tables = [apps.get_model(label)._meta.db_table for label in EVENT_TABLES[slug]]
    columns = ", ".join(
        f"(SELECT pgh_created_at FROM {table} ORDER BY pgh_id DESC LIMIT 1), "
        f"(SELECT max(pgh_id) FROM {table})"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        values = cursor.fetchone()
    times = [value for value in values[0::2] if value is not None]
    return {
        "modified": max(times) if times else None,
        "signature": values,
        # Current assignments change at midnight without an event.
        "day": timezone.localdate() if slug == "popolo" else None,
    }


def file_state(request, slug: str, fmt: str, period: str | None = None) -> dict | None:
    """ETag and Last-Modified of a file (cached on the request), or None when it does not exist."""
    cache = request.__dict__.setdefault("_open_data_state", {})
    key = (slug, fmt, period)
    if key in cache:
        return cache[key]
    dataset = DATASETS.get(slug)
    state = None
    if dataset is not None and fmt in dataset.formats:
        if dataset.per_period:
            found = period_state(period)
            if found is not None:
                dates = [found[k] for k in ("published", "withdrawn", "renamed", "withheld")]
                dates = [date for date in dates if date is not None]
                state = {"modified": max(dates) if dates else None, "signature": found}
        else:
            state = events_state(slug)
    if state is not None:
        digest = hashlib.sha256(repr((FORMAT_VERSION, slug, fmt, state)).encode()).hexdigest()
        state["etag"] = digest[:32]
    cache[key] = state
    return state


def etag(request, **kwargs):
    state = file_state(request, **kwargs)
    return state and state["etag"]


def last_modified(request, **kwargs):
    state = file_state(request, **kwargs)
    return state and state["modified"]


def file_name(slug: str, fmt: str, period: str | None) -> str:
    stem = "-".join(part for part in ("tanjungpinang", slug, period) if part)
    return f"{stem}.{fmt}"


@require_safe
@condition(etag_func=etag, last_modified_func=last_modified)
def dataset_file(request, slug: str, fmt: str, period: str | None = None):
    state = file_state(request, slug=slug, fmt=fmt, period=period)
    if state is None:
        raise Http404(_("Berkas data ini tidak ada: periksa kode periode dan formatnya."))
    dataset = DATASETS[slug]
    context = Context(base_url=f"{request.scheme}://{request.get_host()}")
    kwargs = {"period": state["signature"]["pk"]} if dataset.per_period else {}
    if fmt == "csv":
        content = stream_csv(dataset.tables[0], context, **kwargs)
    else:
        head = {}
        if slug != "popolo":  # Popolo documents hold only the Popolo collections
            with override("id"):
                head = {
                    "dataset": slug,
                    "title": str(dataset.title),
                    "period": period,
                    "licence": LICENCE,
                    "source": SOURCE,
                    "dictionary": context.base_url + dataset_page_url(slug),
                }
            if not dataset.per_period:
                del head["period"]
        content = stream_json(head, dataset.tables, context, **kwargs)
    if request.method == "HEAD":  # the headers only: do not open a cursor nobody reads
        content = iter(())
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if fmt == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name(slug, fmt, period)}"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def dataset_page_url(slug: str) -> str:
    from django.urls import reverse

    return reverse("data-detail", args=[slug])
