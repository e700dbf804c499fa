"""Writing the planned demo reports: only what is missing, along the allowed workflow."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pghistory
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from reports.choices import (
    ReportStatus,
)
from reports.demo.planning import (
    ADMIN_USER,
    ALL_STEPS,
    DEFAULT_SEED,
    DEMO_TODAY,
    EVALUATOR_USER,
    VERIFIER_USER,
    DemoPlan,
    PeriodPlan,
    Staff,
    load_staff,
    plan_periods,
    plan_reports,
)
from reports.models import (
    BehaviourRating,
    Indicator,
    Period,
    Report,
    UnitRating,
    Withholding,
)

# --------------------------------------------------------------------------- writing


@dataclass
class ReportSeedResult:
    periods: int = 0
    reports: int = 0
    indicators: int = 0
    behaviours: int = 0
    unit_ratings: int = 0
    withholdings: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"Laporan: {self.periods} periode baru, {self.reports} laporan kinerja baru, "
            f"{self.indicators} indikator baru, {self.behaviours} penilaian perilaku baru, "
            f"{self.unit_ratings} predikat organisasi baru, {self.withholdings} pengecualian "
            f"PPID baru."
        )


def _at(day: date, offset: int, hour: int) -> datetime:
    when = min(day + timedelta(days=offset), DEMO_TODAY - timedelta(days=1))
    return timezone.make_aware(datetime.combine(when, time(hour)))


def seed_reports(*, seed: int = DEFAULT_SEED, today: date = DEMO_TODAY) -> ReportSeedResult:
    """Add the demo periods, reports, unit ratings and withholdings that are not there yet."""
    result = ReportSeedResult()
    periods = plan_periods(today)
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=(ADMIN_USER, VERIFIER_USER, EVALUATOR_USER[0])
        )
    }
    admin = users.get(ADMIN_USER)
    with transaction.atomic(), pghistory.context(action="seed_demo"):
        period_ids = _write_periods(periods, result)
        staff = load_staff(periods)
        plan = plan_reports(seed=seed, staff=staff, periods=periods)
        _write_reports(plan, period_ids, users, result)
        _write_unit_ratings(plan, staff, result)
        if admin is not None:
            _write_withholdings(plan, admin, result)
    return result


def _write_periods(periods: list[PeriodPlan], result: ReportSeedResult) -> dict[str, int]:
    found = dict(
        Period.objects.filter(code__in=[p.code for p in periods]).values_list("code", "pk")
    )
    for plan in periods:
        if plan.code not in found:
            period = Period(
                kind=plan.kind, year=plan.year, number=plan.number, is_open=plan.is_open
            )
            period.save()  # fills code, start and end
            found[plan.code] = period.pk
            result.periods += 1
    return found


COLUMN_TYPES = {
    "created_at": "timestamptz",
    "updated_at": "timestamptz",
    "submitted_at": "timestamptz",
    "approved_at": "timestamptz",
    "published_at": "timestamptz",
    "withdrawn_at": "timestamptz",
    "submitted_by_id": "integer",
    "approved_by_id": "integer",
    "published_by_id": "integer",
    "withdrawn_by_id": "integer",
    "withdrawal_reason": "text",
}


class _Mover:
    """Collects status moves and runs each as one set-based UPDATE with per-row stamps."""

    def __init__(self):
        self.moves = defaultdict(list)

    def add(self, status: str, values: tuple, pk: int):
        self.moves[status].append((pk, *values))

    def run(self, status: str, names: tuple[str, ...]):
        rows = self.moves.get(status, [])
        table = Report._meta.db_table
        assignments = ", ".join(f'"{name}" = v."{name}"' for name in names)
        arrays = ", ".join(f"%s::{COLUMN_TYPES[name]}[]" for name in names)
        columns = ", ".join(f'"{name}"' for name in names)
        sql = (
            f'UPDATE "{table}" AS r SET "status" = %s, {assignments} '
            f'FROM unnest(%s::bigint[], {arrays}) AS v("id", {columns}) WHERE r."id" = v."id"'
        )
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 10000):
                batch = rows[start : start + 10000]
                cursor.execute(sql, [status, *map(list, zip(*batch, strict=True))])


def _insert(plans, period_ids, period_ends, users, previous=None) -> list[Report]:
    evaluator_user, evaluator_opd = users.get(EVALUATOR_USER[0]), EVALUATOR_USER[1]
    admin = users.get(ADMIN_USER)
    rows = []
    for plan in plans:
        holder = plan.holder
        creator = evaluator_user if holder.top == evaluator_opd else admin
        rows.append(
            Report(
                employee_id=holder.employee_id,
                period_id=period_ids[plan.period],
                version=plan.version,
                status=ReportStatus.DRAFT,
                unit_id=holder.unit_id,
                position_id=holder.position_id,
                position_title=holder.position_title,
                jabatan_type=holder.jabatan_type,
                golongan=holder.golongan,
                evaluator_id=holder.evaluator_id,
                evaluator_superior_id=holder.evaluator_superior_id,
                hasil_kerja=plan.hasil_kerja,
                perilaku=plan.perilaku,
                predikat=plan.predikat,
                evaluator_notes=plan.evaluator_notes,
                correction_reason=plan.correction_reason,
                previous_id=previous[plan.holder.nip, plan.period] if previous else None,
                created_by=creator,
            )
        )
    return Report.objects.bulk_create(rows, batch_size=2000)


def _insert_children(plans, reports, result: ReportSeedResult) -> None:
    """Insert the indicators and behaviour ratings of draft reports, straight from tuples:
    building 160,000 model instances would cost more than the insert itself."""
    indicators, behaviours = [], []
    for plan, report in zip(plans, reports, strict=True):
        indicators.extend(
            (report.pk, i.kind, i.rhk, i.aspect, i.iki, i.target, i.realisasi, i.feedback, i.order)
            for i in plan.indicators
        )
        behaviours.extend(
            (report.pk, b.value, b.rating, b.notes, b.leader_expectation) for b in plan.behaviours
        )
    _insert_rows(Indicator, INDICATOR_COLUMNS, indicators)
    _insert_rows(BehaviourRating, BEHAVIOUR_COLUMNS, behaviours)
    result.indicators += len(indicators)
    result.behaviours += len(behaviours)


INDICATOR_COLUMNS = (
    ("report_id", "bigint"),
    ("kind", "text"),
    ("rhk", "text"),
    ("aspect", "text"),
    ("iki", "text"),
    ("target", "text"),
    ("realisasi", "text"),
    ("feedback", "text"),
    ("order", "smallint"),
)
BEHAVIOUR_COLUMNS = (
    ("report_id", "bigint"),
    ("value", "text"),
    ("rating", "text"),
    ("notes", "text"),
    ("leader_expectation", "text"),
)


def _insert_rows(model, columns, rows, batch=10000) -> None:
    names = ", ".join(f'"{name}"' for name, _ in columns)
    arrays = ", ".join(f"%s::{kind}[]" for _, kind in columns)
    sql = f'INSERT INTO "{model._meta.db_table}" ({names}) SELECT * FROM unnest({arrays})'
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.execute(sql, list(map(list, zip(*rows[start : start + batch], strict=True))))


def _move(plans, reports, period_ends, users, *, steps: tuple[str, ...]) -> None:
    """Take freshly inserted drafts through the workflow `steps`, as far as each one goes."""
    evaluator_user, evaluator_opd = users.get(EVALUATOR_USER[0]), EVALUATOR_USER[1]
    admin, verifier = users.get(ADMIN_USER), users.get(VERIFIER_USER)
    verifier_id = verifier.pk if verifier else None
    mover = _Mover()
    for plan, report in zip(plans, reports, strict=True):
        end = period_ends[plan.period]
        created = _at(end, plan.created, 8)
        if ReportStatus.SUBMITTED in steps:
            if plan.submitted is None:  # stays a draft: only its creation date is set
                mover.add(ReportStatus.DRAFT, (created, created), report.pk)
                continue
            submitter = evaluator_user if plan.holder.top == evaluator_opd else admin
            submitted = _at(end, plan.submitted, 10)
            mover.add(
                ReportStatus.SUBMITTED,
                (submitted, submitter.pk if submitter else None, created, submitted),
                report.pk,
            )
        if ReportStatus.APPROVED in steps and plan.approved is not None:
            approved = _at(end, plan.approved, 13)
            mover.add(ReportStatus.APPROVED, (approved, verifier_id, approved), report.pk)
        if ReportStatus.PUBLISHED in steps and plan.published is not None:
            published = _at(end, plan.published, 15)
            mover.add(ReportStatus.PUBLISHED, (published, verifier_id, published), report.pk)
    mover.run(ReportStatus.DRAFT, ("created_at", "updated_at"))
    mover.run(
        ReportStatus.SUBMITTED, ("submitted_at", "submitted_by_id", "created_at", "updated_at")
    )
    mover.run(ReportStatus.APPROVED, ("approved_at", "approved_by_id", "updated_at"))
    mover.run(ReportStatus.PUBLISHED, ("published_at", "published_by_id", "updated_at"))


def _write_reports(plan: DemoPlan, period_ids, users, result: ReportSeedResult) -> None:
    present = set(
        Report.objects.filter(period_id__in=period_ids.values()).values_list(
            "employee_id", "period_id"
        )
    )
    period_ends = {p.code: p.end for p in plan.periods}
    firsts = [
        r for r in plan.reports if (r.holder.employee_id, period_ids[r.period]) not in present
    ]
    reports = _insert(firsts, period_ids, period_ends, users)
    _insert_children(firsts, reports, result)
    _move(firsts, reports, period_ends, users, steps=ALL_STEPS)

    verifier = users.get(VERIFIER_USER)
    verifier_id = verifier.pk if verifier else None
    mover = _Mover()
    for first, report in zip(firsts, reports, strict=True):
        if first.status == ReportStatus.WITHDRAWN:
            when = _at(period_ends[first.period], first.withdrawn, 11)
            mover.add(
                ReportStatus.WITHDRAWN,
                (when, verifier_id, first.withdrawal_reason, when),
                report.pk,
            )
    mover.run(
        ReportStatus.WITHDRAWN,
        ("withdrawn_at", "withdrawn_by_id", "withdrawal_reason", "updated_at"),
    )

    # Corrections: version 2 is drafted, submitted and approved while version 1 is still
    # published; publishing it supersedes version 1 (one published version at a time).
    pairs = [(f, r) for f, r in zip(firsts, reports, strict=True) if f.correction]
    seconds = [first.correction for first, _ in pairs]
    previous = {(f.holder.nip, f.period): r.pk for f, r in pairs}
    corrected = _insert(seconds, period_ids, period_ends, users, previous)
    _insert_children(seconds, corrected, result)
    _move(seconds, corrected, period_ends, users, steps=ALL_STEPS[:2])
    superseded = _Mover()
    for second, (first, report) in zip(seconds, pairs, strict=True):
        when = _at(period_ends[first.period], second.published, 15)
        superseded.add(ReportStatus.SUPERSEDED, (when,), report.pk)
    superseded.run(ReportStatus.SUPERSEDED, ("updated_at",))
    _move(seconds, corrected, period_ends, users, steps=ALL_STEPS[2:])

    result.reports = len(reports) + len(corrected)
    for report in [*firsts, *seconds]:
        result.statuses[report.status] = result.statuses.get(report.status, 0) + 1


def _write_unit_ratings(plan: DemoPlan, staff: Staff, result: ReportSeedResult) -> None:
    ids = {code: pk for code, _name, pk in staff.opds}
    present = set(UnitRating.objects.values_list("unit_id", "year"))
    new = [
        UnitRating(unit_id=ids[code], year=year, predikat=predikat, basis=basis)
        for code, year, predikat, basis in plan.unit_ratings
        if (ids[code], year) not in present
    ]
    UnitRating.objects.bulk_create(new)
    result.unit_ratings = len(new)


def _write_withholdings(plan: DemoPlan, admin, result: ReportSeedResult) -> None:
    # An employee with any withholding, even one lifted since, is left as the PPID left it.
    decided = set(Withholding.objects.values_list("employee_id", flat=True))
    new = [
        Withholding(employee_id=employee_id, reason=reason, decided_by=admin)
        for _nip, employee_id, reason in plan.withholdings
        if employee_id not in decided
    ]
    Withholding.objects.bulk_create(new)
    result.withholdings = len(new)
