"""Planning: every row checked against the database, read in a fixed number of queries.

The events by code, the employees by NIP, those of them in the user's units, and the
attendance already recorded for those employees at those events: the same handful of queries
for ten rows or ten thousand.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from personnel import scoping
from personnel.importing.base import IN_CHUNK, SourceRow
from personnel.importing.checking import _display
from personnel.models import Employee
from training.importing.base import (
    COLUMNS,
    PERMISSION,
    PlannedAttendance,
    TrainingImportPlan,
)
from training.importing.checking import AttendanceRowChecker
from training.importing.reading import parse_file
from training.models import TrainingEvent, TrainingRecord


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan_import(*, rows: list[SourceRow], user=None) -> TrainingImportPlan:
    """Check every row and work out the writes; reads only, in a fixed number of queries.

    `user` None means the command line (no unit scope); otherwise the user needs the import
    permission and may record attendance only for employees now in their units.
    """
    if user is not None and not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Anda tidak berhak mengimpor kehadiran pelatihan."))
    plan = TrainingImportPlan(
        rows_read=len(rows),
        user=user,
        certificates=bool(rows) and "nomor_sertifikat" in rows[0].cells,
    )
    checkers = [AttendanceRowChecker(source, plan.errors) for source in rows]
    for checker in checkers:
        checker.check()

    first_row: dict[tuple[str, str], int] = {}
    for checker in checkers:
        row = checker.row
        if row.nip is None or not row.event_code:
            continue
        key = (row.nip, row.event_code.lower())
        if key in first_row:
            checker.error(
                "kode_pelatihan",
                _(
                    "Kehadiran pegawai ini di pelatihan ini sudah ada di baris %(first)s berkas "
                    "ini: satu baris untuk satu pegawai per pelatihan."
                )
                % {"first": first_row[key]},
            )
        else:
            first_row[key] = row.number

    db = _load(checkers, user)
    for checker in checkers:
        _plan_row(plan, checker, db)
    order = {column: index for index, column in enumerate(COLUMNS)}
    plan.errors.sort(key=lambda error: (error.row, order.get(error.column, len(order))))
    return plan


@dataclass
class _Database:
    events: dict[str, TrainingEvent]  # by code as written, and by its lower case
    employees: dict[str, Employee]
    in_scope_nips: set[str] | None  # None: every employee
    records: dict[tuple[int, int], TrainingRecord]


def _load(checkers: list[AttendanceRowChecker], user) -> _Database:
    keys = sorted({c.row.event_code.lower() for c in checkers if c.row.event_code})
    events: dict[str, TrainingEvent] = {}
    found = list(
        TrainingEvent.objects.annotate(code_key=Lower("code"))
        .filter(code_key__in=keys)
        .order_by("code")
    )
    for event in found:
        events.setdefault(event.code_key, event)
    for event in found:
        events[event.code] = event  # an exact match wins over one in another case

    nips = sorted({c.row.nip for c in checkers if c.row.nip})
    restricted = user is not None and not scoping.is_unrestricted(user)
    employees: dict[str, Employee] = {}
    in_scope = set() if restricted else None
    for chunk in _chunks(nips):
        employees.update((e.nip, e) for e in Employee.objects.filter(nip__in=chunk))
        if restricted:
            in_scope.update(
                scoping.scoped_queryset(Employee, user)
                .filter(nip__in=chunk)
                .values_list("nip", flat=True)
            )

    records: dict[tuple[int, int], TrainingRecord] = {}
    event_ids = sorted({event.pk for event in events.values()})
    employee_ids = sorted(employee.pk for employee in employees.values())
    if event_ids:
        for chunk in _chunks(employee_ids):
            records.update(
                ((record.employee_id, record.event_id), record)
                for record in TrainingRecord.objects.filter(
                    employee_id__in=chunk, event_id__in=event_ids
                )
            )
    return _Database(events, employees, in_scope, records)


def _in_scope(db: _Database, nip: str) -> bool:
    return db.in_scope_nips is None or nip in db.in_scope_nips


def _plan_row(plan: TrainingImportPlan, checker: AttendanceRowChecker, db: _Database) -> None:
    row = checker.row
    event = None
    if row.event_code:
        event = db.events.get(row.event_code) or db.events.get(row.event_code.lower())
        if event is None:
            checker.error(
                "kode_pelatihan",
                _(
                    "Kode pelatihan tidak dikenal di portal. Tambahkan pelatihannya dulu "
                    "(Pelatihan ASN → Pelatihan), lalu pakai kodenya di sini."
                ),
            )
        elif event.start > timezone.localdate():
            checker.error(
                "kode_pelatihan",
                _(
                    "Pelatihan ini baru mulai %(date)s; kehadirannya dicatat setelah "
                    "pelatihan berlangsung."
                )
                % {"date": f"{event.start:%d-%m-%Y}"},
            )
            event = None
    if event is not None and row.jp is not None and row.jp > event.jp:
        checker.error(
            "jp",
            _("Melebihi JP pelatihan %(code)s, yaitu %(jp)s JP.")
            % {"code": event.code, "jp": event.jp},
        )

    employee = db.employees.get(row.nip) if row.nip else None
    if row.nip and employee is None:
        checker.error(
            "nip", _("NIP tidak dikenal di portal. Impor atau tambahkan pegawainya dulu.")
        )
    elif employee is not None and not _in_scope(db, row.nip):
        checker.error("nip", _("Pegawai dengan NIP ini di luar cakupan unit Anda."))
    if checker.failed or employee is None or event is None:
        return

    record = db.records.get((employee.pk, event.pk))
    planned = PlannedAttendance(
        row=row.number,
        nip=employee.nip,
        name=employee.full_name,
        event_code=event.code,
        action="create",
        record=record,
    )
    if record is None:
        planned.record = TrainingRecord(
            employee=employee, event=event, jp=row.jp, certificate_number=row.certificate or ""
        )
        planned.details.append(
            _("baru: %(jp)s JP, sertifikat «%(number)s»")
            % {"jp": row.jp, "number": row.certificate}
            if row.certificate
            else _("baru: %(jp)s JP, tanpa nomor sertifikat") % {"jp": row.jp}
        )
        plan.creates.append(planned)
        return
    if record.jp != row.jp:
        planned.details.append(_("JP: %(old)s → %(new)s") % {"old": record.jp, "new": row.jp})
        record.jp = row.jp
    if row.certificate is not None and record.certificate_number != row.certificate:
        planned.details.append(
            _("nomor sertifikat: «%(old)s» → «%(new)s»")
            % {"old": _display(record.certificate_number), "new": row.certificate}
        )
        record.certificate_number = row.certificate
    if planned.details:
        planned.action = "update"
        plan.updates.append(planned)
    else:
        planned.action = "unchanged"
        plan.unchanged.append(planned)


def plan_file(*, name: str, data: bytes, user=None) -> TrainingImportPlan:
    """Parse and plan in one go; file-level problems raise ImportFileError."""
    parsed = parse_file(name=name, data=data)
    plan = plan_import(rows=parsed.rows, user=user)
    plan.warnings[:0] = parsed.warnings
    return plan
