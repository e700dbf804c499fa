"""Benchmark: import N personnel rows (CSV) through the same service the command uses.

    createdb -h 127.0.0.1 -U postgres portal_bench   # a scratch database, once
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_bench \
        DJANGO_DEBUG=1 .venv/bin/python bench/import_personnel.py --rows 10000

It migrates the database, loads the demo city when it has no units, writes a file of N new
employees spread over the demo units, then times three imports of it: all new, the same file
again (all unchanged), and a file that moves every one of them to another position. It prints
one JSON line with the timings and the peak memory of the process.
"""

import argparse
import csv
import datetime
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

from personnel.importing import COLUMNS, apply_import, plan_file  # noqa: E402
from personnel.models import Employee, Unit  # noqa: E402
from personnel.nip import compose_pns_nip  # noqa: E402


def rows(count: int, seed: int, position_suffix: str) -> bytes:
    rng = random.Random(seed)
    units = list(Unit.objects.filter(is_active=True).values_list("code", flat=True))
    taken = set(Employee.objects.values_list("nip", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    made = 0
    while made < count:
        birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=rng.randrange(0, 12000))
        tmt = datetime.date(birth.year + rng.randint(20, 34), rng.randint(1, 12), 1)
        gender = rng.choice("LP")
        nip = compose_pns_nip(birth, tmt, gender, rng.randint(1, 999))
        if nip in taken or tmt > datetime.date(2025, 12, 1):
            continue
        taken.add(nip)
        made += 1
        writer.writerow(
            [nip, "PNS", "", f"Pegawai Uji {made}", "S.E.", "", "", "III/b",
             rng.choice(units), f"Analis Uji {made % 40}{position_suffix}", "pelaksana", "",
             f"{2024 + (position_suffix != ''):d}-01-02", "", "", "aktif"]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def timed_import(data: bytes) -> dict:
    started = time.perf_counter()
    plan = plan_file(name="bench.csv", data=data)
    planned = time.perf_counter()
    assert not plan.errors, plan.errors[:5]
    apply_import(plan=plan)
    done = time.perf_counter()
    return {
        "plan_s": round(planned - started, 2),
        "apply_s": round(done - planned, 2),
        "total_s": round(done - started, 2),
        "created": len(plan.creates),
        "updated": len(plan.updates),
        "unchanged": len(plan.unchanged),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        call_command("seed_demo", employees=50, verbosity=0)
    first = rows(args.rows, args.seed, "")
    result = {"rows": args.rows, "bytes": len(first), "new": timed_import(first)}
    result["again"] = timed_import(first)
    # The same people, each moved to another position a year later.
    moved = first.replace(b"Analis Uji", b"Analis Pindahan").replace(
        b";2024-01-02;", b";2025-01-02;"
    )
    result["moved"] = timed_import(moved)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
