"""Report entry and the workflow in the admin, within the clerk's units."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from personnel import roles
from reports.choices import BerAkhlak
from reports.models import Report, Withholding
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EVALUATOR = roles.EVALUATOR  # the staff groups, as the data migrations grant them
VERIFIER = roles.VERIFIER


def staff(group, units):
    return UserFactory(units=units, groups=[Group.objects.get(name=group)])


@pytest.fixture
def unit():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


@pytest.fixture
def nurse(unit):
    return AssignmentFactory(
        position=PositionFactory(unit=unit, title="Perawat Terampil"),
        start=datetime.date(2020, 1, 1),
    ).employee


@pytest.fixture
def period():
    return PeriodFactory(kind="tahunan", year=2025, number=1)


def add_form(employee, period, behaviours=7):
    data = {
        "employee": employee.pk,
        "period": period.pk,
        "hasil_kerja": "di_atas",
        "perilaku": "sesuai",
        "evaluator_notes": "Konsisten",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "indicators-0-kind": "utama",
        "indicators-0-aspect": "kuantitas",
        "indicators-0-order": "0",
        "indicators-0-rhk": "Terlaksananya pelayanan keperawatan",
        "indicators-0-iki": "Jumlah pasien yang dilayani",
        "indicators-0-target": "600 pasien",
        "indicators-0-realisasi": "640 pasien",
        "behaviours-TOTAL_FORMS": str(behaviours),
        "behaviours-INITIAL_FORMS": "0",
        "behaviours-MIN_NUM_FORMS": "0",
        "behaviours-MAX_NUM_FORMS": "7",
    }
    for n, value in enumerate(BerAkhlak.values[:behaviours]):
        data[f"behaviours-{n}-value"] = value
        data[f"behaviours-{n}-rating"] = "sesuai"
    return data


def test_the_add_form_offers_the_seven_berakhlak_values(client, unit):
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.get(reverse("admin:reports_report_add"))
    assert response.status_code == 200
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "behaviours"
    )
    assert [form.initial["value"] for form in formset.formset.forms] == BerAkhlak.values


def test_an_evaluator_enters_a_draft_with_indicators_and_behaviours(client, unit, nurse, period):
    evaluator = staff(EVALUATOR, [unit])
    client.force_login(evaluator)
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, period))
    assert response.status_code == 302, response.context["adminform"].form.errors
    report = Report.objects.get(employee=nurse)
    assert report.status == "draft"
    assert report.predikat == "baik"
    assert report.unit == unit
    assert report.position_title == "Perawat Terampil"
    assert report.created_by == evaluator
    assert report.indicators.count() == 1
    assert report.behaviours.count() == 7


def test_an_evaluator_cannot_enter_a_report_for_an_employee_of_another_unit(client, nurse, period):
    client.force_login(staff(EVALUATOR, [UnitFactory()]))
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, period))
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_a_second_report_for_the_same_employee_and_period_is_refused_with_a_message(
    client, unit, nurse, period
):
    ReportFactory(employee=nurse, period=period, unit=unit)
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, period))
    assert response.status_code == 200
    assert "period" in response.context["adminform"].form.errors
    assert Report.objects.count() == 1


def test_a_closed_period_takes_no_new_report(client, unit, nurse):
    closed = PeriodFactory(kind="tahunan", year=2024, number=1, is_open=False)
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, closed))
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_a_second_draft_for_the_same_employee_and_period_is_a_form_error(
    client, unit, nurse, period
):
    ReportFactory(employee=nurse, period=period, unit=unit)
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, period))
    assert response.status_code == 200
    assert "sudah punya laporan untuk periode tersebut" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_new_report_where_the_report_was_withdrawn_is_a_form_error_not_a_crash(
    client, unit, nurse, period
):
    ReportFactory(employee=nurse, period=period, unit=unit, status="withdrawn")
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.post(reverse("admin:reports_report_add"), add_form(nurse, period))
    assert response.status_code == 200
    assert "sudah punya laporan untuk periode tersebut" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_published_report_opens_read_only_and_a_post_changes_nothing(client, unit):
    report = ReportFactory(unit=unit, status="published")
    client.force_login(staff(VERIFIER, [unit]))
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    client.post(url, {"hasil_kerja": "di_bawah", "perilaku": "di_bawah"})
    report.refresh_from_db()
    assert report.hasil_kerja == "sesuai"


def test_the_bulk_publish_action_publishes_approved_reports_and_names_the_rest(client, unit):
    approved = ReportFactory(unit=unit, status="approved")
    draft = ReportFactory(unit=unit)
    client.force_login(staff(VERIFIER, [unit]))
    response = client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "publish_selected", "_selected_action": [approved.pk, draft.pk]},
        follow=True,
    )
    approved.refresh_from_db()
    draft.refresh_from_db()
    assert approved.status == "published"
    assert draft.status == "draft"
    texts = [str(m) for m in response.context["messages"]]
    assert any("1 laporan diterbitkan" in t for t in texts)
    assert any(str(draft.employee) in t for t in texts)


def test_an_evaluator_does_not_get_the_publish_action(client, unit):
    client.force_login(staff(EVALUATOR, [unit]))
    response = client.get(reverse("admin:reports_report_changelist"))
    actions = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert "submit_selected" in actions
    assert "publish_selected" not in actions


def test_the_workflow_buttons_submit_and_then_withdraw_with_a_reason(client, unit):
    report = ReportFactory(unit=unit)
    client.force_login(staff(VERIFIER, [unit]))
    for action in ("submit", "approve", "publish"):
        url = reverse("admin:reports_report_workflow", args=[report.pk, action])
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    withdraw = reverse("admin:reports_report_workflow", args=[report.pk, "withdraw"])
    response = client.post(withdraw, {"reason": ""})
    assert response.status_code == 200  # the form again: a reason is required
    client.post(withdraw, {"reason": "Dinilai oleh pejabat yang salah"})
    report.refresh_from_db()
    assert report.status == "withdrawn"
    assert report.withdrawal_reason == "Dinilai oleh pejabat yang salah"


def test_the_workflow_of_another_units_report_is_forbidden(client, unit):
    other = ReportFactory(unit=UnitFactory())
    client.force_login(staff(VERIFIER, [unit]))
    url = reverse("admin:reports_report_workflow", args=[other.pk, "submit"])
    assert client.post(url).status_code in (403, 404)
    other.refresh_from_db()
    assert other.status == "draft"


def test_an_unknown_workflow_action_is_forbidden(client, unit):
    report = ReportFactory(unit=unit)
    client.force_login(staff(VERIFIER, [unit]))
    url = reverse("admin:reports_report_workflow", args=[report.pk, "hapus-semua"])
    assert client.post(url).status_code == 403


def test_a_superuser_withholds_an_employee_through_the_admin(client, unit, nurse):
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        reverse("admin:reports_withholding_add"),
        {"employee": nurse.pk, "reason": "Uji konsekuensi: perkara sedang diperiksa"},
    )
    assert response.status_code == 302
    assert Withholding.objects.active().filter(employee=nurse).exists()
    again = client.post(
        reverse("admin:reports_withholding_add"), {"employee": nurse.pk, "reason": "Lagi"}
    )
    assert again.status_code == 200
    assert Withholding.objects.count() == 1


# --------------------------------------------------------------------------- the list at scale


def listed_in_admin(client, **params):
    response = client.get(reverse("admin:reports_report_changelist"), params)
    assert response.status_code == 200
    return [report.pk for report in response.context["cl"].result_list]


def test_the_staff_list_shows_the_latest_entered_first(client, unit):
    made = [ReportFactory(unit=unit) for _ in range(3)]
    client.force_login(staff(VERIFIER, [unit]))

    assert listed_in_admin(client) == [report.pk for report in reversed(made)]


def test_the_staff_search_finds_a_nip_start_a_name_or_a_position_title_word_by_word(
    client, unit, nurse
):
    from personnel.models import Employee

    elsewhere = UnitFactory(code="dishub", name="Dinas Perhubungan")
    siti = ReportFactory(unit=unit, employee=EmployeeFactory(name="Siti Aminah"))
    by_title = ReportFactory(unit=unit, employee=nurse, position=nurse.assignments.get().position)
    ReportFactory(unit=elsewhere, employee=EmployeeFactory(name="Siti Rahma"))  # out of scope
    client.force_login(staff(VERIFIER, [unit]))
    nip = Employee.objects.get(pk=siti.employee_id).nip

    assert listed_in_admin(client, q="siti") == [siti.pk]
    assert listed_in_admin(client, q=nip[:12]) == [siti.pk]
    assert listed_in_admin(client, q=nip[4:12]) == []  # the NIP from its start only
    assert listed_in_admin(client, q="perawat") == [by_title.pk]
    assert listed_in_admin(client, q="siti aminah") == [siti.pk]
    assert listed_in_admin(client, q="siti perawat") == []  # every word must match
    assert listed_in_admin(client, q='"siti aminah"') == [siti.pk]


def test_the_staff_search_passes_a_common_word_s_matches_as_a_subquery(client, unit, monkeypatch):
    from personnel import admin as personnel_admin

    monkeypatch.setattr(personnel_admin, "SEARCH_IDS", 2)
    found = [ReportFactory(unit=unit, employee=EmployeeFactory(name=f"Nur {n}")) for n in range(3)]
    client.force_login(staff(VERIFIER, [unit]))

    assert sorted(listed_in_admin(client, q="nur")) == sorted(report.pk for report in found)


def test_a_long_staff_search_costs_no_more_queries_than_three_words(
    client, unit, django_assert_max_num_queries
):
    siti = ReportFactory(unit=unit, employee=EmployeeFactory(name="Siti Nur Aminah Putri"))
    client.force_login(staff(VERIFIER, [unit]))
    with CaptureQueriesContext(connection) as three:
        assert listed_in_admin(client, q="siti nur aminah") == [siti.pk]

    with django_assert_max_num_queries(len(three)):
        assert listed_in_admin(client, q="siti nur aminah putri " + "siti " * 30) == [siti.pk]


def test_the_staff_list_filters_by_jabatan_type_from_its_choices(client, unit):
    head = ReportFactory(unit=unit, jabatan_type="administrator")
    ReportFactory(unit=unit, jabatan_type="pelaksana")
    client.force_login(staff(VERIFIER, [unit]))

    assert listed_in_admin(client, jabatan_type="administrator") == [head.pk]
    html = client.get(reverse("admin:reports_report_changelist")).content.decode()
    assert "?jabatan_type=jpt" in html  # offered though no report has it: from the choices


@pytest.mark.parametrize("code", ["tidak-ada", "dinkes\x00", "\x00"])
def test_an_unknown_unit_in_the_staff_list_s_filter_lists_nothing_and_breaks_nothing(
    client, unit, code
):
    ReportFactory(unit=unit)
    client.force_login(staff(VERIFIER, [unit]))

    assert listed_in_admin(client, unit=code) == []
