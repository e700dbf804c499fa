"""Each public page's queries on the scale data: how many, how long, and the plans of slow ones.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    DJANGO_DEBUG=1 .venv/bin/python bench/explain_pages.py            # --slow 20 (ms)

Renders every page of bench/load.py in-process (page cache off), twice so the second run sees
warm PostgreSQL buffers, and prints per page the number of queries and their time; for each
query slower than --slow milliseconds it prints EXPLAIN (ANALYZE, BUFFERS).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ["DJANGO_PAGE_CACHE"] = "0"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from personnel.models import Unit  # noqa: E402
from reports.filters import periods_with_published_reports  # noqa: E402
from reports.models import Report  # noqa: E402


def urls() -> list[str]:
    period = periods_with_published_reports().first()
    report = (
        Report.objects.disclosed()
        .filter(period=period)
        .select_related("employee", "period")
        .order_by("employee__name", "pk")[5000]
    )
    unit = (
        Unit.objects.active()
        .filter(parent__parent__isnull=True, parent__isnull=False)
        .annotate(n=Count("reports"))
        .order_by("-n")
        .first()
    )
    return [
        "/laporan/",
        f"/laporan/?unit={unit.code}&predikat=baik&urut=-terbit",
        "/laporan/?q=siti&page=2",
        "/laporan/?urut=predikat",
        "/laporan/?urut=predikat&page=1000",
        "/laporan/?urut=-unit&page=1500",
        "/laporan/?periode=semua",
        report.get_absolute_url(),
        f"/asn/{report.employee.public_id}/",
        f"/unit/{unit.code}/kinerja/",
        "/kinerja/",
        "/cari/?q=pelayanan",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=float, default=20.0, help="explain queries slower (ms)")
    parser.add_argument("--url", action="append", help="these paths instead of the usual pages")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    for url in args.url or urls():
        for _attempt in (1, 2):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
        times = [float(q["time"]) * 1000 for q in captured.captured_queries]
        print(f"{url}  HTTP {status}  {len(times)} queries, {sum(times):.1f} ms "
              f"(slowest {max(times, default=0):.1f} ms)")  # fmt: skip
        for query, ms in zip(captured.captured_queries, times, strict=True):
            if ms >= args.slow and query["sql"] is None:
                print(f"  {ms:.1f} ms: a prepared statement (portal/prepared.py)")
            elif ms >= args.slow:
                print(f"  {ms:.1f} ms: {query['sql'][:300]}")
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    for (line,) in cursor.fetchall():
                        print("    " + line)


if __name__ == "__main__":
    main()
