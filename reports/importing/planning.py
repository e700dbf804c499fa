"""Planning: rows grouped into reports, every report checked against the database.

The database is read in a fixed number of queries however long the file is: the periods, the
employees and evaluators by NIP, the user's units, the primary assignments around the periods'
ends, and the reports that already exist for those employees and periods.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from personnel.importing.base import IN_CHUNK, SourceRow
from personnel.models import Assignment, Employee
from reports import services
from reports.choices import ReportStatus
from reports.importing.base import (
    BERAKHLAK_COLUMNS,
    COLUMNS,
    PERMISSION,
    PlannedReport,
    SkpImportPlan,
)
from reports.importing.checking import SkpRowChecker
from reports.importing.reading import parse_file
from reports.models import BehaviourRating, Indicator, Period, Report

# new_report_errors speaks of the form's fields; the file has columns.
_COLUMN_OF_FIELD = {"period": "periode", "employee": "nip"}


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Group:
    """The rows of one report (one employee, one period), in file order."""

    nip: str
    period_code: str
    checkers: list[SkpRowChecker]
    values: dict  # report-level column -> (value, row it came from)

    @property
    def first(self) -> SkpRowChecker:
        return self.checkers[0]


def plan_import(*, rows: list[SourceRow], user=None) -> SkpImportPlan:
    """Check every row and report and work out the writes; reads only, in fixed queries.

    `user` None means the command line (no unit scope); otherwise the user needs the import
    permission and may import only reports of employees who were in their units at the end of
    the period.
    """
    if user is not None and not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Anda tidak berhak mengimpor hasil penilaian SKP."))
    plan = SkpImportPlan(rows_read=len(rows), user=user)
    checkers = [SkpRowChecker(source, plan.errors) for source in rows]
    for checker in checkers:
        checker.check()
    groups = _group(checkers)
    db = _load(groups, user)
    for group in groups:
        _plan_report(plan, group, db)
    order = {column: index for index, column in enumerate(COLUMNS)}
    plan.errors.sort(key=lambda error: (error.row, order.get(error.column, len(order))))
    return plan


def _group(checkers: list[SkpRowChecker]) -> list[_Group]:
    """Rows of the same NIP and period make one report; its report-level values must agree."""
    groups: dict[tuple[str, str], _Group] = {}
    for checker in checkers:
        row = checker.row
        if row.nip is None or row.period_code is None:
            continue  # already an error; it cannot be placed in a report
        key = (row.nip, row.period_code)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(row.nip, row.period_code, [], {})
        group.checkers.append(checker)
        for column, value in row.report_values.items():
            if column not in group.values:
                group.values[column] = (value, row.number)
            elif group.values[column][0] != value:
                first_value, first_row = group.values[column]
                checker.error(
                    column,
                    _(
                        "Berbeda dengan isian baris %(row)s («%(value)s») untuk laporan yang "
                        "sama (NIP dan periode yang sama). Kolom tingkat laporan harus sama di "
                        "semua baris laporan itu, atau dikosongkan setelah baris pertamanya."
                    )
                    % {"row": first_row, "value": first_value},
                )
    failed = {(error.row, error.column) for error in checkers[0].errors} if checkers else set()
    for group in groups.values():
        for column in ("rating_hasil_kerja", "rating_perilaku"):
            if column not in group.values and not any(
                (checker.row.number, column) in failed for checker in group.checkers
            ):
                group.first.error(
                    column,
                    _("Wajib diisi, sekurang-kurangnya pada baris pertama laporan ini."),
                )
    return list(groups.values())


@dataclass
class _Database:
    periods: dict[str, Period]
    employees: dict[str, Employee]
    allowed_unit_ids: set[int] | None  # None: every unit
    evaluators_in_scope: set[str] | None  # None: every employee
    assignments: dict[int, list[Assignment]]
    existing: dict[tuple[int, int], list[Report]]


def _load(groups: list[_Group], user) -> _Database:
    codes = sorted({group.period_code for group in groups})
    periods = {period.code: period for period in Period.objects.filter(code__in=codes)}
    evaluator_nips = {
        group.values[column][0]
        for group in groups
        for column in ("nip_penilai", "nip_atasan_penilai")
        if column in group.values
    }
    nips = sorted({group.nip for group in groups} | evaluator_nips)
    employees: dict[str, Employee] = {}
    for chunk in _chunks(nips):
        employees.update((e.nip, e) for e in Employee.objects.filter(nip__in=chunk))

    allowed = services.allowed_unit_ids(user)
    in_scope = None
    if allowed is not None:
        in_scope = set()
        for chunk in _chunks(sorted(evaluator_nips)):
            in_scope.update(
                Employee.objects.in_units(list(allowed))
                .filter(nip__in=chunk)
                .values_list("nip", flat=True)
            )

    employee_ids = sorted({employees[g.nip].pk for g in groups if g.nip in employees})
    used = [periods[code] for code in codes if code in periods]
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    existing: dict[tuple[int, int], list[Report]] = defaultdict(list)
    if used and employee_ids:
        earliest = min(period.end for period in used)
        latest = max(period.end for period in used)
        for chunk in _chunks(employee_ids):
            # Every primary assignment that may cover one of the periods' last days.
            for assignment in (
                Assignment.objects.primary()
                .filter(employee_id__in=chunk, start__lte=latest)
                .filter(Q(end__isnull=True) | Q(end__gte=earliest))
                .select_related("position")
            ):
                assignments[assignment.employee_id].append(assignment)
            for report in Report.objects.filter(
                employee_id__in=chunk, period_id__in=[period.pk for period in used]
            ):
                existing[(report.employee_id, report.period_id)].append(report)
    return _Database(periods, employees, allowed, in_scope, assignments, existing)


def _assignment_on(assignments: list[Assignment], day) -> Assignment | None:
    # Primary assignments of one employee never overlap: at most one covers the day.
    for assignment in assignments:
        if assignment.start <= day and (assignment.end is None or assignment.end >= day):
            return assignment
    return None


def _plan_report(plan: SkpImportPlan, group: _Group, db: _Database) -> None:
    first = group.first
    employee = db.employees.get(group.nip)
    if employee is None:
        first.error("nip", _("NIP tidak dikenal di portal. Impor atau tambahkan pegawainya dulu."))
    period = db.periods.get(group.period_code)
    if period is None:
        first.error(
            "periode",
            _("Periode %(code)s belum dibuat di portal (Laporan kinerja → Periode penilaian).")
            % {"code": group.period_code},
        )
    people = {}
    for column in ("nip_penilai", "nip_atasan_penilai"):
        if column not in group.values:
            continue
        nip, number = group.values[column]
        checker = next(c for c in group.checkers if c.row.number == number)
        person = db.employees.get(nip)
        if person is None:
            checker.error(column, _("NIP tidak dikenal di portal."))
        elif nip == group.nip:
            checker.error(column, _("Pegawai tidak dapat menilai dirinya sendiri."))
        elif db.evaluators_in_scope is not None and nip not in db.evaluators_in_scope:
            checker.error(column, _("Pegawai dengan NIP ini di luar cakupan unit Anda."))
        else:
            people[column] = person
    if employee is None or period is None:
        return

    existing = db.existing.get((employee.pk, period.pk), [])
    draft = next((r for r in existing if r.status == ReportStatus.DRAFT), None)
    snapshot = None
    if draft is not None:
        unit_id = draft.unit_id  # a draft keeps the snapshot it was made with
    else:
        assignment = _assignment_on(db.assignments.get(employee.pk, []), period.end)
        if assignment is not None:
            assignment.employee = employee
            snapshot = services.snapshot_of(assignment=assignment)
        unit_id = snapshot["unit_id"] if snapshot else None
    errors = services.new_report_errors(
        period=period,
        existing=existing,
        unit_id=unit_id,
        allowed_unit_ids=db.allowed_unit_ids,
        replace_draft=True,
    )
    for field_name, messages in errors.items():
        for message in messages:
            first.error(_COLUMN_OF_FIELD[field_name], message)
    if any(checker.failed for checker in group.checkers):
        return

    values = {column: value for column, (value, _row) in group.values.items()}
    if draft is not None:
        report, action = draft, "replace"
    else:
        report, action = Report(employee=employee, period=period, **snapshot), "create"
        report.created_by = plan.user
    report.hasil_kerja = values["rating_hasil_kerja"]
    report.perilaku = values["rating_perilaku"]
    report.evaluator = people.get("nip_penilai")
    report.evaluator_superior = people.get("nip_atasan_penilai")
    report.evaluator_notes = values.get("catatan_penilai", "")
    report.derive_predikat()
    planned = PlannedReport(
        row=first.row.number,
        rows=[checker.row.number for checker in group.checkers],
        nip=employee.nip,
        name=employee.full_name,
        period=group.period_code,
        action=action,
        report=report,
    )
    for order, checker in enumerate(group.checkers):
        row = checker.row
        planned.indicators.append(
            Indicator(
                report=report,
                kind=row.kind,
                rhk=row.rhk,
                aspect=row.aspect,
                iki=row.iki,
                target=row.target,
                realisasi=row.realisasi,
                feedback=row.feedback,
                order=order,
            )
        )
    for column in BERAKHLAK_COLUMNS:
        if column in values:
            planned.behaviours.append(
                BehaviourRating(
                    report=report, value=column.removeprefix("berakhlak_"), rating=values[column]
                )
            )
    plan.reports.append(planned)


def plan_file(*, name: str, data: bytes, user=None) -> SkpImportPlan:
    """Parse and plan in one go; file-level problems raise ImportFileError."""
    parsed = parse_file(name=name, data=data)
    plan = plan_import(rows=parsed.rows, user=user)
    plan.warnings[:0] = parsed.warnings
    return plan
