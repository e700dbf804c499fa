"""Writing the demo city: only what is missing is added, so a second run adds nothing."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from personnel import roles
from personnel.demo.organisation import ROOT_CODE, UnitSpec
from personnel.demo.people import EmployeePlan, Generator
from personnel.models import (
    Assignment,
    Employee,
    Position,
    StaffScope,
    Unit,
)

DEMO_PASSWORD = "tanjungpinang-demo"
DEFAULT_SEED = 1784  # the year Tanjungpinang counts as its founding
DEFAULT_EMPLOYEES = 5000

# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class DemoUser:
    username: str
    group: str | None
    scope: str | None
    superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", None, None, superuser=True),
    DemoUser("verifikator", roles.VERIFIER, ROOT_CODE),
    DemoUser("evaluator.dinkes", roles.EVALUATOR, "dinkes"),
    DemoUser("moderator", roles.MODERATOR, ROOT_CODE),
    DemoUser("responder.diskominfo", roles.UNIT_RESPONDER, "diskominfo"),
)


@dataclass
class SeedResult:
    units: int = 0
    positions: int = 0
    employees: int = 0
    assignments: int = 0
    users: int = 0

    def summary(self) -> str:
        return (
            f"Demo: {self.units} unit baru, {self.positions} jabatan baru, "
            f"{self.employees} pegawai baru, {self.assignments} penempatan baru, "
            f"{self.users} pengguna baru."
        )


def seed_demo(*, seed: int = DEFAULT_SEED, employees: int = DEFAULT_EMPLOYEES) -> SeedResult:
    """Add the demo organisation, employees and staff users that are not there yet."""
    generator = Generator(seed=seed, employees=employees)
    people = generator.employees()
    result = SeedResult()
    with transaction.atomic():
        units = _write_units(generator.units, result)
        positions = _write_positions(generator.units, units, result)
        _write_employees(people, positions, result)
        _write_users(units, result)
    return result


def _write_units(specs: list[UnitSpec], result: SeedResult) -> dict[str, Unit]:
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[s.code for s in specs])}
    for spec in specs:  # parents come first, so a new child always finds its parent
        if spec.code not in units:
            units[spec.code] = Unit.objects.create(
                code=spec.code,
                name=spec.name,
                kind=spec.kind,
                parent=units[spec.parent] if spec.parent else None,
                order=spec.order,
            )
            result.units += 1
    return units


def _write_positions(specs, units, result) -> dict[tuple[str, str], int]:
    by_id = {unit.pk: code for code, unit in units.items()}
    existing = Position.objects.filter(unit__in=units.values()).values_list(
        "unit_id", "title", "is_head", "pk"
    )
    found = {(by_id[unit_id], title): pk for unit_id, title, _, pk in existing}
    headed = {by_id[unit_id] for unit_id, _, is_head, _ in existing if is_head}
    new = []
    for spec in specs:
        for position in spec.positions:
            if (spec.code, position.title) in found:
                continue
            # A unit that already has another head (real data) keeps it.
            is_head = position is spec.head and spec.code not in headed
            new.append(
                Position(
                    unit=units[spec.code],
                    title=position.title,
                    jabatan_type=position.jabatan_type,
                    level=position.level,
                    is_head=is_head,
                )
            )
    Position.objects.bulk_create(new)
    result.positions = len(new)
    found.update({(by_id[p.unit_id], p.title): p.pk for p in new})
    return found


def _write_employees(people: list[EmployeePlan], positions, result: SeedResult) -> None:
    present = set(
        Employee.objects.filter(nip__in=[p.nip for p in people]).values_list("nip", flat=True)
    )
    people = [person for person in people if person.nip not in present]
    employees = Employee.objects.bulk_create(
        [
            Employee(
                nip=p.nip,
                employment_type=p.employment_type,
                gelar_depan=p.gelar_depan,
                name=p.name,
                gelar_belakang=p.gelar_belakang,
                gender=p.gender,
                birth_date=p.birth_date,
                tmt_cpns=p.tmt_cpns,
                golongan=p.golongan,
                status=p.status,
                public_id=p.public_id,
            )
            for p in people
        ],
        batch_size=1000,
    )
    assignments = [
        Assignment(
            employee=employee,
            position_id=positions[(a.unit, a.title)],
            start=a.start,
            end=a.end,
            is_primary=True,
            decree=a.decree,
        )
        for person, employee in zip(people, employees, strict=True)
        for a in person.assignments
    ]
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    result.employees, result.assignments = len(employees), len(assignments)


def _write_users(units: dict[str, Unit], result: SeedResult) -> None:
    User = get_user_model()
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                is_staff=True,
                is_superuser=spec.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            result.users += 1
        if spec.group:
            user.groups.add(Group.objects.get(name=spec.group))
        if spec.scope:
            StaffScope.objects.get_or_create(user=user, unit=units[spec.scope])
