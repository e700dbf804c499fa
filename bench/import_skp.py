"""Benchmark: import N SKP evaluations (CSV, 3–5 indicators each) through the import service.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_bench \\
        DJANGO_DEBUG=1 .venv/bin/python bench/import_skp.py --reports 1000

It migrates the database, loads the demo city (with enough employees) when it has no units,
opens a scratch period of its own (monthly, 2030-12, emptied of reports first), writes a file
of N evaluations of employees holding a primary position, 3 to 5 indicators each and all seven
BerAKHLAK ratings, then times three runs of the same code as the command and the admin:
a dry run (check only), the import (all new drafts), and the same file again (every draft
replaced). It prints one JSON line with the timings and the peak memory of the process.
"""

import argparse
import csv
import io
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from personnel.models import Assignment, Unit  # noqa: E402
from reports.choices import Aspect, BerAkhlak, Rating  # noqa: E402
from reports.importing import COLUMNS, apply_import, plan_file  # noqa: E402
from reports.models import Period, Report  # noqa: E402

PERIOD = {"kind": "bulanan", "year": 2030, "number": 12}


def scratch_period() -> Period:
    period, _created = Period.objects.get_or_create(**PERIOD, defaults={"is_open": True})
    drafts = Report.objects.filter(period=period)
    if drafts.exclude(status="draft").exists():
        sys.exit(f"period {period.code} has reports out of draft; use a scratch database")
    with connection.cursor() as cursor:
        # Children first (their delete triggers look at the parent), then the drafts.
        ids = list(drafts.values_list("pk", flat=True))
        for table in ("reports_indicator", "reports_behaviourrating", "reports_report"):
            column = "id" if table == "reports_report" else "report_id"
            cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", [ids])
    return period


def rows(count: int, seed: int, period: Period) -> tuple[bytes, int]:
    rng = random.Random(seed)
    nips = list(
        Assignment.objects.primary()
        .current(period.end)
        .order_by("employee__nip")
        .values_list("employee__nip", flat=True)
        .distinct()[: count + 1]
    )
    if len(nips) < count + 1:
        sys.exit(f"only {len(nips)} employees hold a position; seed more (--employees)")
    evaluator, nips = nips[0], nips[1:]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    indicators = 0
    for nip in nips:
        report = {
            "nip": nip,
            "periode": period.code,
            "rating_hasil_kerja": rng.choice(Rating.values),
            "rating_perilaku": rng.choice(Rating.values),
            "nip_penilai": evaluator,
            "catatan_penilai": "Hasil kerja sesuai rencana.",
            **{f"berakhlak_{value}": rng.choice(Rating.values) for value in BerAkhlak.values},
        }
        for n in range(rng.randint(3, 5)):
            indicators += 1
            values = {
                **report,
                "jenis_rhk": "utama" if n < 3 else "tambahan",
                "rhk": f"Rencana hasil kerja uji {n}",
                "aspek": rng.choice(Aspect.values),
                "iki": f"Indikator kinerja individu uji {n}",
                "target": "100 %",
                "realisasi": f"{rng.randint(80, 110)} %",
            }
            writer.writerow([values.get(column, "") for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig"), indicators


def timed(data: bytes, *, write: bool) -> dict:
    started = time.perf_counter()
    plan = plan_file(name="bench.csv", data=data)
    planned = time.perf_counter()
    assert not plan.errors, [str(error) for error in plan.errors[:5]]
    if write:
        apply_import(plan=plan)
    done = time.perf_counter()
    return {
        "plan_s": round(planned - started, 2),
        "apply_s": round(done - planned, 2),
        "total_s": round(done - started, 2),
        **plan.record_counts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        call_command("seed_demo", employees=args.reports + 50, verbosity=0)
    period = scratch_period()
    data, indicators = rows(args.reports, args.seed, period)
    result = {"reports": args.reports, "indicators": indicators, "bytes": len(data)}
    result["dry_run"] = timed(data, write=False)
    result["new"] = timed(data, write=True)
    result["replace"] = timed(data, write=True)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
