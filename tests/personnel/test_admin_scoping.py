"""Unit scoping in the admin: anonymous, another unit's clerk and the unit's own clerk."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from personnel.models import Assignment, Employee, Position
from personnel.roles import VERIFIER
from tests.factories import AssignmentFactory, PositionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    clinic = UnitFactory(code="puskesmas", name="UPTD Puskesmas", parent=health)
    roads = UnitFactory(code="dispupr", name="Dinas PUPR", parent=root)
    own = AssignmentFactory(position=PositionFactory(unit=clinic, title="Perawat"))
    other = AssignmentFactory(position=PositionFactory(unit=roads, title="Pengawas Jalan"))
    return {
        "root": root,
        "health": health,
        "clinic": clinic,
        "roads": roads,
        "own": own,
        "other": other,
    }


@pytest.fixture
def clerk(city):
    """A BKPSDM-style verifier whose scope is the health office and everything below it."""
    return UserFactory(units=[city["health"]], groups=[Group.objects.get(name=VERIFIER)])


def objects_of(city, side):
    assignment = city[side]
    return {
        "unit": assignment.position.unit,
        "position": assignment.position,
        "employee": assignment.employee,
        "assignment": assignment,
    }


MODELS = ["unit", "position", "employee", "assignment"]


def changelist(model):
    return reverse(f"admin:personnel_{model}_changelist")


def change(model, obj):
    return reverse(f"admin:personnel_{model}_change", args=[obj.pk])


@pytest.mark.parametrize("model", MODELS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, city, model):
    for url in (changelist(model), change(model, objects_of(city, "own")[model])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_sees_their_own_units_rows_in_the_changelist(client, city, clerk, model):
    client.force_login(clerk)
    response = client.get(changelist(model))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert objects_of(city, "own")[model] in shown
    assert objects_of(city, "other")[model] not in shown


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_opens_a_row_of_their_own_unit(client, city, clerk, model):
    client.force_login(clerk)
    assert client.get(change(model, objects_of(city, "own")[model])).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_is_forbidden_a_row_of_another_unit(client, city, clerk, model):
    client.force_login(clerk)
    assert client.get(change(model, objects_of(city, "other")[model])).status_code == 403


@pytest.mark.parametrize("model", MODELS)
def test_a_staff_user_without_any_unit_sees_no_rows(client, city, model):
    client.force_login(UserFactory(groups=[Group.objects.get(name=VERIFIER)]))
    response = client.get(changelist(model))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_sees_every_unit(client, city, model):
    client.force_login(UserFactory(is_superuser=True))
    shown = set(client.get(changelist(model)).context["cl"].result_list)
    assert {objects_of(city, "own")[model], objects_of(city, "other")[model]} <= shown


def test_the_unit_autocomplete_offers_only_units_in_scope(client, city, clerk):
    client.force_login(clerk)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "personnel", "model_name": "position", "field_name": "unit", "term": ""},
    )
    assert response.status_code == 200
    offered = {item["text"] for item in response.json()["results"]}
    assert offered == {"Dinas Kesehatan", "UPTD Puskesmas"}


def test_the_position_autocomplete_offers_only_positions_in_scope(client, city, clerk):
    client.force_login(clerk)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "personnel", "model_name": "assignment", "field_name": "position"},
    )
    offered = {item["id"] for item in response.json()["results"]}
    assert offered == {str(city["own"].position.pk)}


def test_a_clerk_cannot_create_a_position_in_another_unit(client, city, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("admin:personnel_position_add"),
        {"unit": city["roads"].pk, "title": "Penyusup", "jabatan_type": "pelaksana", "level": ""},
    )
    assert response.status_code == 200  # the form again, with an error
    assert "unit" in response.context["adminform"].form.errors
    assert not Position.objects.filter(title="Penyusup").exists()


def test_a_clerk_creates_a_position_in_their_own_unit(client, city, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("admin:personnel_position_add"),
        {"unit": city["clinic"].pk, "title": "Bidan", "jabatan_type": "pelaksana", "level": ""},
    )
    assert response.status_code == 302
    assert Position.objects.filter(title="Bidan", unit=city["clinic"]).exists()


def test_a_clerk_cannot_move_a_unit_under_another_units_tree(client, city, clerk):
    client.force_login(clerk)
    clinic = city["clinic"]
    response = client.post(
        change("unit", clinic),
        {
            "code": clinic.code,
            "name": clinic.name,
            "kind": clinic.kind,
            "parent": city["roads"].pk,
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    clinic.refresh_from_db()
    assert clinic.parent == city["health"]


def test_a_clerk_can_save_the_top_unit_of_their_scope_without_changing_its_parent(
    client, city, clerk
):
    client.force_login(clerk)
    health = city["health"]
    response = client.post(
        change("unit", health),
        {
            "code": health.code,
            "name": "Dinas Kesehatan Kota",
            "kind": health.kind,
            "parent": city["root"].pk,
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    health.refresh_from_db()
    assert health.name == "Dinas Kesehatan Kota"


def test_the_delete_action_never_reaches_another_units_rows(client, city, clerk):
    client.force_login(clerk)
    client.post(
        changelist("assignment"),
        {
            "action": "delete_selected",
            "_selected_action": [city["own"].pk, city["other"].pk],
            "post": "yes",
        },
    )
    assert Assignment.objects.filter(pk=city["other"].pk).exists()
    assert not Assignment.objects.filter(pk=city["own"].pk).exists()


def test_a_clerk_adding_an_employee_must_place_them_in_their_own_unit(client, city, clerk):
    client.force_login(clerk)
    data = {
        "nip": "198503172010012004",
        "employment_type": "pns",
        "name": "Siti Aminah",
        "golongan": "III/b",
        "status": "aktif",
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-position": "",
        "assignments-0-start": "",
    }
    response = client.post(reverse("admin:personnel_employee_add"), data)
    assert response.status_code == 200
    assert not Employee.objects.filter(nip="198503172010012004").exists()

    data["assignments-0-position"] = city["own"].position.pk
    data["assignments-0-start"] = "2024-01-02"
    data["assignments-0-is_primary"] = "on"
    response = client.post(reverse("admin:personnel_employee_add"), data)
    assert response.status_code == 302
    employee = Employee.objects.get(nip="198503172010012004")
    assert employee.gender == "P"  # decoded from the NIP


def test_the_employee_unit_filter_ignores_a_unit_outside_the_scope(client, city, clerk):
    client.force_login(clerk)
    response = client.get(changelist("employee"), {"unit": "dispupr"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_employee_unit_filter_includes_sub_units(client, city, clerk):
    client.force_login(clerk)
    response = client.get(changelist("employee"), {"unit": "dinkes"})
    assert list(response.context["cl"].result_list) == [city["own"].employee]


def test_the_employee_changelist_finds_an_employee_by_the_start_of_the_nip(client, city, clerk):
    client.force_login(clerk)
    employee = city["own"].employee
    response = client.get(changelist("employee"), {"q": employee.nip[:10]})
    assert list(response.context["cl"].result_list) == [employee]


def test_the_employee_search_matches_the_nip_s_start_or_the_name_word_by_word(client, city, clerk):
    client.force_login(clerk)
    employee = city["own"].employee
    Employee.objects.filter(pk=employee.pk).update(name="Siti Aminah", gelar_depan="Dr.")

    def found(q):
        response = client.get(changelist("employee"), {"q": q})
        return list(response.context["cl"].result_list)

    assert found("aminah") == found("SITI amin") == found(employee.nip[:6]) == [employee]
    assert found(employee.nip[6:14]) == found("siti rahma") == found("Dr.") == []


def test_the_assignment_search_matches_the_nip_s_start_the_name_or_the_title_in_scope(
    client, city, clerk
):
    client.force_login(clerk)
    own, other = city["own"], city["other"]
    # Names no NIP starts with and neither shares a word of (the factory's hold a number).
    Employee.objects.filter(pk=own.employee_id).update(name="Siti Aminah")
    Employee.objects.filter(pk=other.employee_id).update(name="Budi Santoso")
    own.employee.refresh_from_db()
    other.employee.refresh_from_db()

    def found(q):
        response = client.get(changelist("assignment"), {"q": q})
        return list(response.context["cl"].result_list)

    assert found("perawat") == found(own.employee.nip[:8]) == found(own.employee.name) == [own]
    assert found("pengawas jalan") == found(other.employee.name) == []  # out of scope
    assert found("perawat " + own.employee.name) == [own]


def test_the_report_form_s_employee_box_finds_employees_in_scope_by_name_or_nip(
    client, city, clerk
):
    client.force_login(clerk)
    employee = city["own"].employee
    # A name that shares no word with the clerk's employee's (the factory's hold a number).
    Employee.objects.filter(pk=city["other"].employee_id).update(name="Budi Santoso")
    params = {"app_label": "reports", "model_name": "report", "field_name": "employee"}

    def offered(term):
        response = client.get(reverse("admin:autocomplete"), {**params, "term": term})
        return [item["id"] for item in response.json()["results"]]

    assert offered(employee.name[:5]) == offered(employee.nip[:8]) == [str(employee.pk)]
    assert offered("Budi Santoso") == []  # out of the clerk's scope


def test_the_employee_changelist_runs_a_constant_number_of_queries(
    client, city, clerk, django_assert_max_num_queries
):
    client.force_login(clerk)
    for _ in range(30):
        AssignmentFactory(position=city["own"].position)
    with django_assert_max_num_queries(14):
        assert client.get(changelist("employee")).status_code == 200
