import datetime

import pytest
from django.urls import reverse

from personnel.choices import EmploymentType, JabatanType
from tests.factories import AssignmentFactory, EmployeeFactory, PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def health():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    unit = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    UnitFactory(code="puskesmas-sei-jang", name="UPTD Puskesmas Sei Jang", parent=unit)
    return unit


def staff(unit, count, **position):
    position = PositionFactory(unit=unit, **position)
    return [AssignmentFactory(position=position) for _ in range(count)]


def test_the_unit_directory_shows_the_tree_with_suppressed_small_counts(client, health):
    staff(health, 7)
    staff(health.children.get(), 3)
    response = client.get(reverse("personnel:unit-directory"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Kesehatan" in html and "UPTD Puskesmas Sei Jang" in html
    tree = response.context["tree"]
    city = tree[0]
    assert city["unit"].code == "pemkot"
    assert city["staff"] == 10
    puskesmas = city["children"][0]["children"][0]
    assert puskesmas["staff"] is None  # 3 people: suppressed


def test_the_unit_page_names_the_head_and_counts_staff_by_jabatan_type(client, health):
    head = AssignmentFactory(
        position=PositionFactory(
            unit=health,
            title="Kepala Dinas Kesehatan",
            jabatan_type=JabatanType.JPT,
            level="pratama",
            is_head=True,
        ),
        employee=EmployeeFactory(gelar_depan="dr.", name="Rina Sari", gelar_belakang="M.Kes."),
    )
    staff(health, 12)
    response = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "dr. Rina Sari, M.Kes." in html
    assert "Kepala Dinas Kesehatan" in html
    cells = {cell.key: cell.value for cell in response.context["type_cells"]}
    # one JPT alone is suppressed, and so is the only other cell, else 13 - 12 would give it away
    assert cells[JabatanType.JPT] is None
    assert cells[JabatanType.PELAKSANA] is None
    assert response.context["total"].value == 13
    assert head.employee.nip not in html


def test_a_lone_small_cell_is_hidden_together_with_the_next_smallest(client, health):
    staff(health, 20)
    staff(
        health,
        6,
        title="Perawat Terampil",
        jabatan_type="fungsional_keterampilan",
        level="terampil",
    )
    staff(health, 2, title="Kepala Seksi", jabatan_type="pengawas")
    response = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    cells = {cell.key: cell.value for cell in response.context["type_cells"]}
    assert cells["pengawas"] is None
    assert cells["fungsional_keterampilan"] is None  # else 28 - 20 - 6 gives the 2 away
    assert cells["pelaksana"] == 20


def test_the_unit_page_counts_sub_units_and_lists_them(client, health):
    staff(health.children.get(), 6)
    response = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    assert response.context["total"].value == 6
    assert "UPTD Puskesmas Sei Jang" in response.content.decode()


def test_the_unit_page_leaves_out_ended_assignments_and_retired_staff(client, health):
    position = PositionFactory(unit=health)
    for _ in range(5):
        AssignmentFactory(position=position)
    AssignmentFactory(
        position=position, start=datetime.date(2010, 1, 1), end=datetime.date(2015, 1, 1)
    )
    AssignmentFactory(position=position, employee=EmployeeFactory(status="pensiun"))
    response = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    assert response.context["total"].value == 5


def test_the_unit_page_counts_pns_and_pppk_apart(client, health):
    staff(health, 6)
    position = PositionFactory(unit=health)
    for n in range(5):
        AssignmentFactory(
            position=position,
            employee=EmployeeFactory(
                employment_type=EmploymentType.PPPK,
                nip=f"20220101000000{n:04d}",
                golongan="IX",
                tmt_cpns=None,
            ),
        )
    response = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    cells = {cell.key: cell.value for cell in response.context["employment_cells"]}
    assert cells == {"pns": 6, "pppk": 5}


def test_an_unknown_unit_code_is_a_404_in_indonesian(client, health):
    response = client.get("/unit/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_an_inactive_unit_has_no_public_page(client, health):
    health.is_active = False
    health.save()
    assert client.get(reverse("personnel:unit-detail", args=["dinkes"])).status_code == 404


@pytest.mark.parametrize("employees", [10, 500])
def test_the_unit_page_runs_a_constant_number_of_queries(
    client, health, employees, django_assert_num_queries
):
    position = PositionFactory(unit=health)
    EmployeeFactory.create_batch(employees)
    from personnel.models import Assignment, Employee

    Assignment.objects.bulk_create(
        Assignment(employee=e, position=position, start=datetime.date(2020, 1, 1))
        for e in Employee.objects.all()
    )
    # Four for the unit itself (the tree with the unit, staff counts, head, positions), one
    # for its training figure, two for its forums and commitments, two for its feedback
    # (routings, recent items; a third, the holidays, once it has routings), one for its
    # penilaian masyarakat.
    with django_assert_num_queries(10):
        assert client.get(reverse("personnel:unit-detail", args=["dinkes"])).status_code == 200


@pytest.mark.parametrize("employees", [10, 500])
def test_the_unit_directory_runs_a_constant_number_of_queries(
    client, health, employees, django_assert_num_queries
):
    staff(health, employees)
    with django_assert_num_queries(2):
        assert client.get(reverse("personnel:unit-directory")).status_code == 200
