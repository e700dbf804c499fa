import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from personnel.choices import EmploymentType, JabatanType
from personnel.models import Assignment, Employee, Position, Unit
from tests.factories import AssignmentFactory, EmployeeFactory, PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_two_overlapping_primary_assignments_of_one_employee_are_refused_by_the_database():
    first = AssignmentFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2022, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(employee=first.employee, start=datetime.date(2022, 12, 31))


def test_an_open_ended_primary_assignment_overlaps_every_later_one():
    first = AssignmentFactory(start=datetime.date(2020, 1, 1), end=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(employee=first.employee, start=datetime.date(2030, 1, 1))


def test_consecutive_primary_assignments_are_allowed():
    first = AssignmentFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2022, 12, 31))
    AssignmentFactory(employee=first.employee, start=datetime.date(2023, 1, 1))
    assert Assignment.objects.filter(employee=first.employee).count() == 2


def test_a_secondary_assignment_may_overlap_the_primary_one():
    first = AssignmentFactory(start=datetime.date(2020, 1, 1))
    AssignmentFactory(employee=first.employee, start=datetime.date(2021, 1, 1), is_primary=False)
    assert Assignment.objects.filter(employee=first.employee).count() == 2


def test_overlapping_primary_assignments_of_different_employees_are_fine():
    position = PositionFactory()
    AssignmentFactory(position=position)
    AssignmentFactory(position=position)
    assert position.assignments.count() == 2


def test_an_assignment_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1))


def test_the_nip_is_unique_in_the_database():
    employee = EmployeeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeFactory(nip=employee.nip, birth_date=employee.birth_date)


def test_a_pppk_golongan_is_refused_for_a_pns_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeFactory(golongan="IX")


def test_a_pns_gender_that_contradicts_the_nip_is_refused_by_the_database():
    employee = EmployeeFactory(gender="L")
    with pytest.raises(IntegrityError), transaction.atomic():
        Employee.objects.filter(pk=employee.pk).update(gender="P")


def test_clean_fills_birth_date_tmt_and_gender_of_a_pns_from_the_nip():
    employee = Employee(nip="19850317 201001 2 004", name="Siti Aminah", golongan="III/b")
    employee.full_clean()
    assert employee.nip == "198503172010012004"
    assert employee.birth_date == datetime.date(1985, 3, 17)
    assert employee.tmt_cpns == datetime.date(2010, 1, 1)
    assert employee.gender == "P"


def test_clean_names_a_birth_date_that_contradicts_the_nip():
    employee = Employee(
        nip="198503172010012004",
        name="Siti Aminah",
        golongan="III/b",
        birth_date=datetime.date(1985, 3, 18),
    )
    with pytest.raises(ValidationError) as error:
        employee.full_clean()
    assert "birth_date" in error.value.message_dict


def test_clean_rejects_a_golongan_of_the_other_employment_type():
    employee = Employee(
        nip="202201012345678901",
        employment_type=EmploymentType.PPPK,
        name="Budi",
        gender="L",
        birth_date=datetime.date(1990, 1, 1),
        golongan="III/a",
    )
    with pytest.raises(ValidationError) as error:
        employee.full_clean()
    assert "golongan" in error.value.message_dict


def test_a_pppk_number_needs_only_eighteen_digits():
    employee = Employee(
        nip="202201012345678901",
        employment_type=EmploymentType.PPPK,
        name="Budi",
        gender="L",
        birth_date=datetime.date(1990, 1, 1),
        golongan="IX",
    )
    employee.full_clean()
    assert employee.tmt_cpns is None


def test_the_full_name_keeps_gelar_apart_from_the_name():
    employee = EmployeeFactory.build(gelar_depan="dr.", name="Rina Sari", gelar_belakang="M.Kes.")
    assert employee.full_name == "dr. Rina Sari, M.Kes."
    assert employee.name == "Rina Sari"


def test_every_employee_gets_a_distinct_public_id_unrelated_to_the_nip():
    first, second = EmployeeFactory(), EmployeeFactory()
    assert first.public_id != second.public_id
    assert len(first.public_id) == 12
    assert first.public_id not in first.nip


def test_a_jenjang_must_fit_the_jabatan_type_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(jabatan_type=JabatanType.PELAKSANA, level="ahli_muda")


def test_a_unit_has_at_most_one_head_position():
    unit = UnitFactory()
    PositionFactory(unit=unit, is_head=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(unit=unit, is_head=True)


def test_a_unit_cannot_become_its_own_ancestor():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    root.parent = child
    with pytest.raises(ValidationError):
        root.full_clean()


def test_a_unit_with_positions_cannot_be_deleted():
    position = PositionFactory()
    with pytest.raises(ProtectedError):
        position.unit.delete()
    assert Unit.objects.filter(pk=position.unit.pk).exists()
    assert Position.objects.count() == 1


def test_the_subtree_of_a_unit_holds_it_and_all_units_below_it():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    grandchild = UnitFactory(parent=child)
    UnitFactory()  # unrelated
    assert set(Unit.objects.subtree_of([child])) == {child, grandchild}
    assert set(Unit.objects.subtree_of([root])) == {root, child, grandchild}


def test_the_ancestors_of_a_unit_run_from_the_root_down():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    grandchild = UnitFactory(parent=child)
    assert list(Unit.objects.ancestors_of(grandchild)) == [root, child]
