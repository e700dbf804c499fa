"""Planning: every row against the database, read in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from personnel import scoping
from personnel.choices import (
    EmployeeStatus,
)
from personnel.importing.base import (
    COLUMNS,
    EMPLOYEE_FIELD_COLUMNS,
    IN_CHUNK,
    PERMISSION,
    ImportPlan,
    PlannedChange,
    SourceRow,
)
from personnel.importing.checking import _display, _RowChecker
from personnel.importing.reading import parse_file
from personnel.models import Assignment, Employee, Position, Unit

# --------------------------------------------------------------------------- planning


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _when(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def plan_import(*, rows: list[SourceRow], user=None) -> ImportPlan:
    """Check every row and work out the writes; reads only, in a fixed number of queries.

    `user` None means the command line (no unit scope); otherwise the user needs the
    import permission and may touch only the units and employees in their scope.
    """
    if user is not None and not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Anda tidak berhak mengimpor data pegawai."))
    plan = ImportPlan(rows_read=len(rows))
    checked = [_RowChecker(source, plan.errors) for source in rows]
    for checker in checked:
        checker.check()

    first_row_of_nip: dict[str, int] = {}
    for checker in checked:
        nip = checker.row.nip
        if nip is None:
            continue
        if nip in first_row_of_nip:
            checker.error(
                "nip",
                _("NIP ini muncul dua kali dalam berkas: di baris %(first)s dan baris %(row)s.")
                % {"first": first_row_of_nip[nip], "row": checker.row.number},
            )
            checker.row.nip = None  # judged once, at its first row
        else:
            first_row_of_nip[nip] = checker.row.number

    db = _load(checked, user)
    for checker in checked:
        _plan_row(plan, checker, db)
    plan.errors.sort(key=lambda error: (error.row, COLUMNS.index(error.column)))
    return plan


@dataclass
class _Database:
    units: dict[str, Unit]
    allowed_unit_ids: set[int] | None  # None: every unit
    employees: dict[str, Employee]
    in_scope_nips: set[str] | None  # None: every employee
    latest: dict[int, Assignment]
    positions: dict[tuple[int, str], Position]


def _load(checked: list[_RowChecker], user) -> _Database:
    codes = sorted({c.row.unit_code for c in checked if c.row.unit_code})
    nips = sorted({c.row.nip for c in checked if c.row.nip})
    titles = sorted({c.row.title for c in checked if c.row.title})
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    restricted = user is not None and not scoping.is_unrestricted(user)
    allowed = set(scoping.units_for(user).values_list("pk", flat=True)) if restricted else None

    employees, in_scope = {}, set() if restricted else None
    for chunk in _chunks(nips):
        employees.update((e.nip, e) for e in Employee.objects.filter(nip__in=chunk))
        if restricted:
            in_scope.update(
                scoping.scoped_queryset(Employee, user)
                .filter(nip__in=chunk)
                .values_list("nip", flat=True)
            )
    latest = {}
    employee_ids = sorted(e.pk for e in employees.values())
    for chunk in _chunks(employee_ids):
        # The latest primary assignment is the open one, if any: assignments never overlap.
        latest.update(
            (a.employee_id, a)
            for a in Assignment.objects.primary()
            .filter(employee_id__in=chunk)
            .select_related("position", "position__unit")
            .order_by("employee_id", "-start")
            .distinct("employee_id")
        )
    positions = {
        (p.unit_id, p.title): p
        for p in Position.objects.filter(
            unit_id__in=[u.pk for u in units.values()], title__in=titles
        ).select_related("unit")
    }
    return _Database(units, allowed, employees, in_scope, latest, positions)


def _position_label(position: Position) -> str:
    return f"«{position.title}» ({position.unit.code})"


def _plan_row(plan: ImportPlan, checker: _RowChecker, db: _Database) -> None:
    row = checker.row
    unit = None
    if row.unit_code:
        unit = db.units.get(row.unit_code)
        if unit is None:
            checker.error("unit_kode", _("Kode unit tidak dikenal di portal."))
        elif db.allowed_unit_ids is not None and unit.pk not in db.allowed_unit_ids:
            checker.error("unit_kode", _("Unit ini di luar cakupan unit Anda."))
            unit = None
        elif not unit.is_active:
            checker.error("unit_kode", _("Unit ini sudah tidak aktif."))
            unit = None

    employee = db.employees.get(row.nip) if row.nip else None
    if employee is not None and db.in_scope_nips is not None and row.nip not in db.in_scope_nips:
        checker.error("nip", _("Pegawai dengan NIP ini di luar cakupan unit Anda."))
        return

    position = None
    if unit is not None and row.title and row.jabatan_type is not None:
        key = (unit.pk, row.title)
        position = db.positions.get(key)
        if position is None:
            position = Position(
                unit=unit, title=row.title, jabatan_type=row.jabatan_type, level=row.level
            )
            position._import_row = row.number
            db.positions[key] = position
            plan.new_positions.append(position)
        elif (position.jabatan_type, position.level) != (row.jabatan_type, row.level):
            where = (
                _("di baris %(row)s berkas ini") % {"row": position._import_row}
                if position.pk is None
                else _("di portal")
            )
            checker.error(
                "jenis_jabatan",
                _(
                    "Jabatan «%(title)s» di unit %(unit)s sudah tercatat %(where)s sebagai "
                    "%(type)s%(level)s; samakan jenis jabatan dan jenjangnya."
                )
                % {
                    "title": row.title,
                    "unit": unit.code,
                    "where": where,
                    "type": position.jabatan_type,
                    "level": f" {position.level}" if position.level else "",
                },
                value=f"{row.jabatan_type} {row.level}".strip(),
            )
            position = None

    if checker.failed or row.nip is None:
        return

    target = {
        "employment_type": row.employment_type,
        "name": row.name,
        "golongan": row.golongan,
        "gender": row.gender,
        "birth_date": row.birth_date,
        "tmt_cpns": row.decoded.tmt_cpns if row.decoded else None,
    }
    for column, field_name in (
        ("gelar_depan", "gelar_depan"),
        ("gelar_belakang", "gelar_belakang"),
        ("email", "email"),
        ("telepon", "phone"),
    ):
        if column in row.present:
            target[field_name] = getattr(row, field_name)
    if row.status:
        target["status"] = row.status
    elif employee is None:
        target["status"] = EmployeeStatus.ACTIVE

    if employee is None:
        employee = Employee(nip=row.nip, **target)
        if not _model_checks(checker, employee):
            return
        plan.new_employees.append(employee)
        plan.new_assignments.append(
            Assignment(employee=employee, position=position, start=row.tmt, is_primary=True)
        )
        plan.creates.append(
            PlannedChange(
                row=row.number,
                nip=row.nip,
                name=employee.full_name,
                action="create",
                details=[
                    _("pegawai baru; jabatan %(position)s mulai %(date)s")
                    % {"position": _position_label(position), "date": _when(row.tmt)}
                ],
            )
        )
        return

    details, changed = [], []
    for field_name, value in target.items():
        old = getattr(employee, field_name)
        if old != value:
            changed.append(field_name)
            details.append(
                f"{EMPLOYEE_FIELD_COLUMNS[field_name]}: «{_display(old)}» → «{_display(value)}»"
            )
            setattr(employee, field_name, value)
    if changed and not _model_checks(checker, employee):
        return

    latest = db.latest.get(employee.pk)
    move = None
    if latest is None:
        move = (None, row.tmt)
    elif (
        position.pk is not None
        and latest.position_id == position.pk
        and (latest.end is None or latest.start == row.tmt)
    ):
        pass  # already holds this position
    elif latest.end is None:
        if row.tmt <= latest.start:
            checker.error(
                "tmt_jabatan",
                _(
                    "TMT jabatan baru harus setelah TMT jabatan sekarang, %(position)s "
                    "mulai %(date)s."
                )
                % {"position": _position_label(latest.position), "date": _when(latest.start)},
            )
            return
        move = (latest, row.tmt)
    elif row.tmt <= latest.end:
        checker.error(
            "tmt_jabatan",
            _("TMT jabatan harus setelah jabatan terakhir %(position)s berakhir (%(date)s).")
            % {"position": _position_label(latest.position), "date": _when(latest.end)},
        )
        return
    else:
        move = (None, row.tmt)

    if move is not None:
        ended, start = move
        if ended is not None:
            ended.end = start - timedelta(days=1)
            plan.ended_assignments.append(ended)
        plan.new_assignments.append(
            Assignment(employee=employee, position=position, start=start, is_primary=True)
        )
        details.append(
            _("jabatan: %(old)s → %(new)s mulai %(date)s")
            % {
                "old": _position_label(latest.position) if latest else _("(belum ada)"),
                "new": _position_label(position),
                "date": _when(start),
            }
        )
    change = PlannedChange(row=row.number, nip=row.nip, name=employee.full_name, action="")
    if changed:
        plan.changed_employees.append(employee)
        plan.changed_fields.update(changed)
    if details:
        change.action, change.details = "update", details
        plan.updates.append(change)
    else:
        change.action = "unchanged"
        plan.unchanged.append(change)


def _model_checks(checker: _RowChecker, employee: Employee) -> bool:
    """Run the model's own field checks (no queries) as a last guard before writing."""
    try:
        employee.clean_fields(exclude=["public_id"])
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = EMPLOYEE_FIELD_COLUMNS.get(field_name, field_name)
            checker.error(column, " ".join(messages))
        return False
    return True


def plan_file(*, name: str, data: bytes, user=None) -> ImportPlan:
    """Parse and plan in one go; file-level problems raise ImportFileError."""
    parsed = parse_file(name=name, data=data)
    plan = plan_import(rows=parsed.rows, user=user)
    plan.warnings[:0] = parsed.warnings
    return plan
