"""Benchmark: import N training attendance rows (CSV) through the import service.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_bench \\
        DJANGO_DEBUG=1 .venv/bin/python bench/import_training.py --rows 10000

It migrates the database, loads the demo city (with enough employees) when it has no units,
opens scratch training events of its own (codes `bench-…`, 40 JP, emptied of attendance first),
writes a file of N attendances (employees holding a primary position × the scratch events),
then times four runs of the same code as the command and the admin: a dry run (check only),
the import (all new), the same file again (all unchanged) and the file with other JP and
certificate numbers (all updated in place). It prints one JSON line with the timings and the
peak memory of the process.
"""

import argparse
import csv
import datetime
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from personnel.models import Assignment, Unit  # noqa: E402
from training.importing import COLUMNS, plan_file  # noqa: E402
from training.models import Mode, Topic, TrainingEvent, TrainingRecord  # noqa: E402
from training.services import attendance_import_write  # noqa: E402

PER_EMPLOYEE = 5  # scratch events; each employee attends all of them
START = datetime.date(2025, 6, 2)


def scratch_events() -> list[TrainingEvent]:
    events = []
    for n in range(PER_EMPLOYEE):
        event, _created = TrainingEvent.objects.get_or_create(
            code=f"bench-{n + 1}",
            defaults={
                "title": f"Pelatihan uji beban {n + 1}",
                "topic": Topic.OTHER,
                "provider": "Uji beban",
                "mode": Mode.ONLINE,
                "start": START,
                "end": START,
                "jp": 40,
            },
        )
        events.append(event)
    TrainingRecord.objects.filter(event__in=events).delete()
    return events


def rows(count: int, events: list[TrainingEvent], *, jp: int, suffix: str) -> bytes:
    people = -(-count // len(events))
    nips = list(
        Assignment.objects.primary()
        .current(START)
        .order_by("employee__nip")
        .values_list("employee__nip", flat=True)
        .distinct()[:people]
    )
    if len(nips) < people:
        sys.exit(f"only {len(nips)} employees hold a position; seed more (--employees)")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    written = 0
    for nip in nips:
        for event in events:
            if written == count:
                break
            writer.writerow([nip, "", event.code, jp, f"{event.code.upper()}/{nip[-6:]}{suffix}"])
            written += 1
    return buffer.getvalue().encode("utf-8-sig")


def timed(data: bytes, *, write: bool) -> dict:
    started = time.perf_counter()
    plan = plan_file(name="bench.csv", data=data)
    planned = time.perf_counter()
    assert not plan.errors, [str(error) for error in plan.errors[:5]]
    if write:
        attendance_import_write(plan=plan)
    done = time.perf_counter()
    return {
        "plan_s": round(planned - started, 2),
        "apply_s": round(done - planned, 2),
        "total_s": round(done - started, 2),
        **plan.record_counts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        call_command("seed_demo", employees=args.rows // PER_EMPLOYEE + 400, verbosity=0)
    events = scratch_events()
    data = rows(args.rows, events, jp=40, suffix="")
    changed = rows(args.rows, events, jp=32, suffix="-R")
    result = {"rows": args.rows, "bytes": len(data)}
    result["dry_run"] = timed(data, write=False)
    result["new"] = timed(data, write=True)
    result["unchanged"] = timed(data, write=True)
    result["updated"] = timed(changed, write=True)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
