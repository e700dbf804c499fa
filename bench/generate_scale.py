"""Benchmark data at city-wide scale, written with COPY: 100,000 ASN and 1.2 million reports.

    createdb -h 127.0.0.1 -U postgres bench_scale
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale DJANGO_DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/generate_scale.py            # --employees 100000 --seed 1784

What it writes (deterministic: the same seed gives the same rows, ids included):

- the demo organisation of Tanjungpinang (personnel.demo) with its positions, and the demo
  generator's employees (valid PNS NIPs, PPPK numbers, names, golongan) scaled to --employees,
  with their primary assignments;
- twelve periods (the years 2023–2025, the quarters of 2025 and the first three of 2026, the
  months September and October 2026) and one report per employee per period, in the unit and
  position of their current post. Most are published; in the latest month some are still
  draft, submitted or approved; 1 % of the rest were corrected (version 1 superseded, version
  2 published with a reason) and 0.5 % withdrawn with a reason. Each employee has a usual
  predikat (17 % Sangat Baik, 72 % Baik, 8 % Butuh Perbaikan, 2 % Kurang, 1 % Sangat Kurang)
  kept in 80 % of the periods; the two ratings are drawn to match it (the database checks the
  PermenPANRB matrix);
- two to four indicators (RHK/IKI, target, realisasi) per report, the seven BerAKHLAK ratings
  for every annual report, a withholding (PPID) for 0.1 % of the employees and an organisation
  predikat per OPD and year.

Speed: each table is one COPY in a single transaction that first sets
`session_replication_role = replica`. In that mode PostgreSQL fires no ordinary trigger: not
the audit triggers (django-pghistory would write one event row per inserted row, doubling the
volume), not the workflow triggers (pgtrigger's FSM and freezing triggers would refuse a report
inserted as published, or an indicator of a report that is no longer a draft: the real path
inserts drafts and moves them along), not the cache-generation and published-count triggers,
and not the foreign key checks (which are triggers too). Check, unique and exclusion
constraints still apply, so every row must satisfy them; foreign keys are right by
construction (ids are assigned here).
pgtrigger's own `pgtrigger.ignore()` would only skip its triggers, one context per trigger
name, and not pghistory's, so the session setting is both simpler and complete. It needs a
superuser (the machine's `postgres`). Afterwards the identity sequences are moved past the ids
used, the cache generation is bumped once, the published counts are recounted and the list's
keys listed (`reports_published_count_rebuild()`, `reports_listing_key_rebuild()`), the
search's word list built (`portal.search.refresh_words()`, the nightly job), and VACUUM
ANALYZE gives the planner its statistics and the index-only scans their visibility map. The
timings of each step are printed.

The generator does not model careers across periods: everyone is reported in the unit and
position of their latest post, retirees included.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from personnel.demo.people import Generator  # noqa: E402
from portal import search  # noqa: E402
from reports.choices import (  # noqa: E402
    PREDIKAT_MATRIX,
    Aspect,
    BerAkhlak,
    IndicatorKind,
    PeriodKind,
    Predikat,
    Rating,
    ReportStatus,
)
from reports.models import period_bounds, period_code  # noqa: E402

PERIODS = (
    (PeriodKind.ANNUAL, 2023, 1),
    (PeriodKind.ANNUAL, 2024, 1),
    (PeriodKind.ANNUAL, 2025, 1),
    *((PeriodKind.QUARTERLY, 2025, n) for n in (1, 2, 3, 4)),
    *((PeriodKind.QUARTERLY, 2026, n) for n in (1, 2, 3)),
    (PeriodKind.MONTHLY, 2026, 9),
    (PeriodKind.MONTHLY, 2026, 10),
)
PREDIKAT_SHARES = {
    Predikat.SANGAT_BAIK: 0.17,
    Predikat.BAIK: 0.72,
    Predikat.BUTUH_PERBAIKAN: 0.08,
    Predikat.KURANG: 0.02,
    Predikat.SANGAT_KURANG: 0.01,
}
KEEP_PREDIKAT = 0.8
CORRECTED = 0.01
WITHDRAWN = 0.005
WITHHELD = 0.001
# The latest month is still being evaluated.
LATEST_MIX = (
    (ReportStatus.PUBLISHED, 0.9),
    (ReportStatus.APPROVED, 0.04),
    (ReportStatus.SUBMITTED, 0.03),
    (ReportStatus.DRAFT, 0.03),
)
PAIRS_BY_PREDIKAT: dict[str, list[tuple[str, str]]] = {}
for pair, predikat in PREDIKAT_MATRIX.items():
    PAIRS_BY_PREDIKAT.setdefault(predikat, []).append(pair)

RHK = (
    ("Terlaksananya pelayanan administrasi {unit}",
     "Jumlah dokumen layanan yang diselesaikan", Aspect.KUANTITAS, "{n} dokumen"),
    ("Tersedianya data dan informasi {unit} yang mutakhir",
     "Persentase data yang dimutakhirkan tepat waktu", Aspect.WAKTU, "{p} %"),
    ("Terkendalinya realisasi anggaran {unit}",
     "Persentase realisasi anggaran terhadap rencana", Aspect.BIAYA, "{p} %"),
    ("Meningkatnya kualitas pelayanan publik {unit}",
     "Indeks kepuasan masyarakat atas layanan", Aspect.KUALITAS, "{p} poin"),
    ("Terselesaikannya tindak lanjut aduan masyarakat",
     "Jumlah aduan yang ditindaklanjuti dalam 5 hari kerja", Aspect.KUANTITAS, "{n} aduan"),
    ("Tersusunnya laporan kinerja {unit}", "Laporan disampaikan tepat waktu", Aspect.WAKTU,
     "{n} laporan"),
)  # fmt: skip
BEHAVIOUR_NOTES = {
    Rating.ABOVE: "Menjadi teladan bagi rekan kerja.",
    Rating.AS_EXPECTED: "",
    Rating.BELOW: "Perlu pembinaan dari atasan langsung.",
}


class Clock:
    def __init__(self):
        self.started = self.last = time.perf_counter()

    def step(self, label: str, rows: int | None = None) -> None:
        now = time.perf_counter()
        spent = now - self.last
        rate = f"  ({rows / spent:,.0f} rows/s)" if rows and spent else ""
        count = f"{rows:>11,} rows" if rows is not None else " " * 16
        print(f"{label:<44} {count} {spent:8.1f} s{rate}", flush=True)
        self.last = now

    def total(self) -> None:
        print(f"{'total':<61} {time.perf_counter() - self.started:8.1f} s", flush=True)


def stamp(day: date, days: int = 0, hour: int = 9) -> str:
    moment = datetime.combine(day + timedelta(days=days), datetime.min.time())
    return f"{moment:%Y-%m-%d} {hour:02d}:00:00+07"


def copy(cursor, table: str, columns: tuple[str, ...], rows) -> int:
    names = ", ".join(f'"{column}"' for column in columns)
    count = 0
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as writer:
        for row in rows:
            writer.write_row(row)
            count += 1
    return count


def generate(*, seed: int, employees: int) -> None:
    clock = Clock()
    rng = random.Random(seed)
    generator = Generator(seed=seed, employees=employees)
    people = generator.employees()
    clock.step("plan the employees (personnel.demo)", len(people))

    now = "2026-11-29 09:00:00+07"
    units = generator.units
    unit_id = {spec.code: n for n, spec in enumerate(units, start=1)}
    position_id, position_spec = {}, {}
    for spec in units:
        for position in spec.positions:
            position_id[spec.code, position.title] = len(position_id) + 1
            position_spec[spec.code, position.title] = position
    heads = {spec.code: spec.head.title for spec in units if spec.head}
    parent = {spec.code: spec.parent for spec in units}
    names = {spec.code: spec.name for spec in units}

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM personnel_employee")
        if cursor.fetchone()[0]:
            sys.exit("The database already has employees: generate into a fresh, migrated one.")
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined)"
            " VALUES ('!', false, 'ppid-bench', '', '', '', false, false, now()) RETURNING id"
        )
        ppid = cursor.fetchone()[0]

        n = copy(
            cursor,
            "personnel_unit",
            ("id", "code", "name", "kind", "parent_id", "order", "is_active"),
            (
                (unit_id[s.code], s.code, s.name, s.kind, unit_id.get(s.parent), s.order, True)
                for s in units
            ),
        )
        n += copy(
            cursor,
            "personnel_position",
            ("id", "unit_id", "title", "jabatan_type", "level", "is_head"),
            (
                (pk, unit_id[code], title, p.jabatan_type, p.level, heads.get(code) == title)
                for (code, title), pk in position_id.items()
                for p in [position_spec[code, title]]
            ),
        )
        clock.step("COPY units and positions", n)

        n = copy(
            cursor,
            "personnel_employee",
            (
                "id", "nip", "employment_type", "gelar_depan", "name", "gelar_belakang",
                "gender", "birth_date", "tmt_cpns", "golongan", "email", "phone", "status",
                "public_id", "created_at", "updated_at",
            ),
            (
                (pk, p.nip, p.employment_type, p.gelar_depan, p.name, p.gelar_belakang,
                 p.gender, p.birth_date, p.tmt_cpns, p.golongan, "", "", p.status,
                 p.public_id, now, now)
                for pk, p in enumerate(people, start=1)
            ),
        )  # fmt: skip
        clock.step("COPY employees", n)
        n = copy(
            cursor,
            "personnel_assignment",
            ("employee_id", "position_id", "start", "end", "is_primary", "decree"),
            (
                (pk, position_id[a.unit, a.title], a.start, a.end, True, a.decree)
                for pk, p in enumerate(people, start=1)
                for a in p.assignments
            ),
        )
        clock.step("COPY assignments", n)

        # Who holds each unit's head post now: they evaluate the unit's staff.
        head_of = {}
        for pk, p in enumerate(people, start=1):
            post = p.assignments[-1]
            if post.end is None and heads.get(post.unit) == post.title:
                head_of.setdefault(post.unit, pk)

        periods = []
        for pk, (kind, year, number) in enumerate(PERIODS, start=1):
            start, end = period_bounds(kind, year, number)
            periods.append((pk, kind, year, number, period_code(kind, year, number), start, end))
        n = copy(
            cursor,
            "reports_period",
            ("id", "kind", "year", "number", "code", "start", "end", "is_open"),
            (
                (pk, kind, y, num, code, s, e, pk == len(periods))
                for pk, kind, y, num, code, s, e in periods
            ),
        )
        clock.step("COPY periods", n)

        predikat_values = list(PREDIKAT_SHARES)
        predikat_weights = list(PREDIKAT_SHARES.values())
        usual = rng.choices(predikat_values, predikat_weights, k=len(people))
        staff = []
        for pk, p in enumerate(people, start=1):
            post = p.assignments[-1]
            position = position_spec[post.unit, post.title]
            evaluated_by = head_of.get(post.unit)
            if evaluated_by == pk or evaluated_by is None:
                evaluated_by = head_of.get(parent[post.unit])
            staff.append((
                pk, unit_id[post.unit], position_id[post.unit, post.title], post.title,
                position.jabatan_type, p.golongan, evaluated_by, names[post.unit],
            ))  # fmt: skip

        report_columns = (
            "id", "employee_id", "period_id", "version", "status", "unit_id", "position_id",
            "position_title", "jabatan_type", "golongan", "evaluator_id", "hasil_kerja",
            "perilaku", "predikat", "evaluator_notes", "correction_reason", "previous_id",
            "withdrawal_reason", "created_at", "updated_at", "submitted_at", "approved_at",
            "published_at", "withdrawn_at",
        )  # fmt: skip
        indicator_columns = (
            "report_id", "kind", "rhk", "aspect", "iki", "target", "realisasi", "feedback",
            "order",
        )  # fmt: skip
        behaviour_columns = ("report_id", "value", "rating", "notes", "leader_expectation")
        reports, indicators, behaviours = [], [], []
        counts = {"reports": 0, "indicators": 0, "behaviours": 0}
        next_id = 1

        def flush():
            counts["reports"] += copy(cursor, "reports_report", report_columns, reports)
            counts["indicators"] += copy(cursor, "reports_indicator", indicator_columns, indicators)
            counts["behaviours"] += copy(
                cursor, "reports_behaviourrating", behaviour_columns, behaviours
            )
            reports.clear(), indicators.clear(), behaviours.clear()

        for period_pk, kind, _year, _number, _code, _start, end in periods:
            latest = period_pk == len(periods)
            created, submitted, approved, published = (
                stamp(end, 3),
                stamp(end, 10),
                stamp(end, 17),
                stamp(end, 24),
            )
            for index, (
                pk,
                unit,
                position,
                title,
                jabatan,
                golongan,
                evaluator,
                unit_name,
            ) in enumerate(staff):
                predikat = usual[index]
                if rng.random() > KEEP_PREDIKAT:
                    predikat = rng.choices(predikat_values, predikat_weights)[0]
                hasil, perilaku = rng.choice(PAIRS_BY_PREDIKAT[predikat])
                status = ReportStatus.PUBLISHED
                if latest:
                    draw, status = rng.random(), None
                    for candidate, share in LATEST_MIX:
                        draw -= share
                        if draw <= 0:
                            status = candidate
                            break
                    status = status or ReportStatus.DRAFT
                fate = rng.random() if not latest else 1.0
                public = status == ReportStatus.PUBLISHED
                first = [
                    next_id, pk, period_pk, 1, status, unit, position, title, jabatan, golongan,
                    evaluator, hasil, perilaku, predikat, "", "", None, "", created, now,
                    submitted if status != ReportStatus.DRAFT else None,
                    approved if status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED) else None,
                    published if public else None, None,
                ]  # fmt: skip
                reports.append(first)
                ids = [next_id]
                next_id += 1
                if fate < CORRECTED:
                    first[4] = ReportStatus.SUPERSEDED
                    hasil2, perilaku2 = rng.choice(list(PREDIKAT_MATRIX))
                    reports.append([
                        next_id, pk, period_pk, 2, ReportStatus.PUBLISHED, unit, position, title,
                        jabatan, golongan, evaluator, hasil2, perilaku2,
                        PREDIKAT_MATRIX[hasil2, perilaku2], "",
                        "Realisasi indikator salah input; dikoreksi atas keberatan pegawai.",
                        first[0], "", stamp(end, 40), now, stamp(end, 42), stamp(end, 44),
                        stamp(end, 45), None,
                    ])  # fmt: skip
                    ids.append(next_id)
                    next_id += 1
                elif fate < CORRECTED + WITHDRAWN:
                    first[4] = ReportStatus.WITHDRAWN
                    first[17] = "Ditarik karena pegawai sedang menjalani pemeriksaan disiplin."
                    first[23] = stamp(end, 50)
                for report_id in ids:
                    for order in range(rng.randint(2, 4)):
                        rhk, iki, aspect, target = RHK[(index + order) % len(RHK)]
                        amount, percent = rng.randint(4, 60), rng.randint(80, 100)
                        reached = rng.random() < 0.85
                        indicators.append((
                            report_id,
                            IndicatorKind.TAMBAHAN if order == 3 else IndicatorKind.UTAMA,
                            rhk.format(unit=unit_name), aspect, iki,
                            target.format(n=amount, p=percent),
                            target.format(n=amount if reached else amount - 2,
                                          p=percent if reached else percent - 7),
                            "", order,
                        ))  # fmt: skip
                    if kind == PeriodKind.ANNUAL:
                        for value in BerAkhlak.values:
                            rating = perilaku if rng.random() < 0.7 else Rating.AS_EXPECTED
                            note = BEHAVIOUR_NOTES[rating]
                            behaviours.append((report_id, value, rating, note, ""))
            before = counts["reports"] + counts["indicators"] + counts["behaviours"]
            flush()
            clock.step(
                f"COPY period {_code}: reports and their rows",
                counts["reports"] + counts["indicators"] + counts["behaviours"] - before,
            )
        print(
            f"{'':<44} {counts['reports']:,} reports, {counts['indicators']:,} indicators, "
            f"{counts['behaviours']:,} behaviour ratings"
        )

        withheld = rng.sample(range(1, len(people) + 1), max(1, round(len(people) * WITHHELD)))
        copy(
            cursor,
            "reports_withholding",
            ("employee_id", "reason", "decided_by_id", "decided_at"),
            (
                (pk, "Uji konsekuensi PPID: sedang dalam proses hukum.", ppid, now)
                for pk in withheld
            ),
        )
        opds = [spec.code for spec in units if spec.parent == units[0].code]
        copy(
            cursor,
            "reports_unitrating",
            ("unit_id", "year", "predikat", "basis"),
            (
                (unit_id[code], year, rng.choices(("istimewa", "baik", "butuh_perbaikan"),
                                                   (0.12, 0.76, 0.12))[0], "Evaluasi SAKIP")
                for code in opds
                for year in (2023, 2024, 2025)
            ),
        )  # fmt: skip
        clock.step("COPY withholdings and unit ratings", len(withheld) + 3 * len(opds))

        for table in (
            "personnel_unit", "personnel_position", "personnel_employee", "personnel_assignment",
            "reports_period", "reports_report", "reports_indicator", "reports_behaviourrating",
            "reports_withholding", "reports_unitrating",
        ):  # fmt: skip
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("SELECT to_regclass('cache_generation')")
        if cursor.fetchone()[0]:
            cursor.execute("UPDATE cache_generation SET value = value + 1")
        # The published-report counts' and listing keys' triggers did not fire either: count
        # and list them once.
        cursor.execute("SELECT reports_published_count_rebuild()")
        cursor.execute("SELECT reports_listing_key_rebuild()")
        clock.step("sequences, cache generation, published counts, listing keys, commit")

    # The search's word list for typo correction, as the nightly `refresh_search_words`
    # builds it in production: without it every search skips the correction's lookups.
    words = search.refresh_words()
    clock.step("search word list (refresh_search_words)", words)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    clock.step("VACUUM ANALYZE")
    clock.total()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1784)
    args = parser.parse_args()
    generate(seed=args.seed, employees=args.employees)


if __name__ == "__main__":
    main()
