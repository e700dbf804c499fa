"""Staff are warned in the admin when a rated unit's predikat spread breaks the rules."""

from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from personnel import roles
from personnel.models import Unit
from reports.choices import IN_PROGRESS_STATUSES
from reports.distribution import pipeline_counts, staff_warnings
from reports.models import DistributionRule, UnitRating
from tests.factories import PeriodFactory, ReportFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


@pytest.fixture
def period():
    return PeriodFactory(kind="tahunan", year=2025, number=1)


@pytest.fixture
def istimewa(unit):
    DistributionRule.objects.update_or_create(
        organisation_predikat="istimewa",
        employee_predikat="sangat_baik",
        defaults={"max_percent": 20, "min_percent": None},
    )
    return UnitRating.objects.create(unit=unit, year=2025, predikat="istimewa")


def reports(unit, period, *, excellent, good, status="draft"):
    """`excellent` Sangat Baik and `good` Baik reports of `unit` in `period`."""
    made = [
        ReportFactory(
            unit=unit, period=period, hasil_kerja="di_atas", perilaku="di_atas", status=status
        )
        for _ in range(excellent)
    ]
    made += [ReportFactory(unit=unit, period=period, status=status) for _ in range(good)]
    return made


def verifier(units):
    return UserFactory(units=units, groups=[Group.objects.get(name=roles.VERIFIER)])


def warnings_on(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_drafts_already_count_so_staff_see_a_breach_before_publishing(unit, period, istimewa):
    reports(unit, period, excellent=5, good=5)
    (warning,) = staff_warnings(period, Unit.objects.all())
    assert "Dinas Kesehatan" in str(warning)
    assert "Sangat Baik 50% melebihi batas 20%" in str(warning)


def test_a_spread_within_the_rules_gives_no_warning(unit, period, istimewa):
    reports(unit, period, excellent=2, good=8)
    assert staff_warnings(period, Unit.objects.all()) == []


def test_a_sub_units_reports_count_toward_the_rated_unit(unit, period, istimewa):
    puskesmas = UnitFactory(parent=unit, code="pkm-1", name="Puskesmas Satu")
    reports(puskesmas, period, excellent=4, good=6)
    assert [w.unit for w in staff_warnings(period, Unit.objects.all())] == [unit]


def test_a_unit_outside_the_staff_scope_is_not_reported(unit, period, istimewa):
    reports(unit, period, excellent=4, good=6)
    elsewhere = UnitFactory(code="disdik")
    assert staff_warnings(period, Unit.objects.filter(pk=elsewhere.pk)) == []


def test_a_published_report_being_corrected_counts_once(unit, period, istimewa):
    from reports import services

    published = reports(unit, period, excellent=2, good=8, status="published")
    user = UserFactory(is_superuser=True)
    services.report_correct(report=published[0], by=user, reason="Salah ketik")
    # Counted twice it would be 3 of 11 (27%), over the cap; counted once it is 2 of 10.
    assert staff_warnings(period, Unit.objects.all()) == []


def test_the_report_list_filtered_to_a_period_warns_of_a_breach(client, unit, period, istimewa):
    reports(unit, period, excellent=4, good=6)
    client.force_login(verifier([unit]))
    response = client.get(
        reverse("admin:reports_report_changelist"), {"period__id__exact": period.pk}
    )
    assert response.status_code == 200
    assert any("melebihi batas 20%" in text for text in warnings_on(response))


def test_an_odd_period_filter_gives_no_warning_and_no_error(client, unit, period, istimewa):
    reports(unit, period, excellent=4, good=6)
    client.force_login(verifier([unit]))
    response = client.get(
        reverse("admin:reports_report_changelist"), {"period__id__exact": "abc"}, follow=True
    )
    assert response.status_code == 200


def test_publishing_in_bulk_warns_of_the_breach_it_makes(client, unit, period, istimewa):
    approved = reports(unit, period, excellent=4, good=6, status="approved")
    client.force_login(verifier([unit]))
    response = client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "publish_selected", "_selected_action": [r.pk for r in approved]},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any("10 laporan diterbitkan" in t for t in texts)
    assert any("Dinas Kesehatan" in t and "melebihi batas 20%" in t for t in texts)


def test_the_unit_rating_list_for_a_year_warns_of_a_breach(client, unit, period, istimewa):
    reports(unit, period, excellent=4, good=6)
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("admin:reports_unitrating_changelist"), {"year": "2025"})
    assert any("Dinas Kesehatan" in text for text in warnings_on(response))


def test_the_warnings_cost_the_same_queries_for_many_units(
    unit, period, istimewa, django_assert_max_num_queries
):
    for n in range(20):
        rated = UnitFactory(code=f"opd-{n}")
        UnitRating.objects.create(unit=rated, year=2025, predikat="istimewa")
    reports(unit, period, excellent=4, good=6)
    with django_assert_max_num_queries(5):
        staff_warnings(period, Unit.objects.all())


def test_the_counts_in_the_workflow_are_those_of_the_reports_themselves(unit, period):
    from reports import services
    from reports.models import Report

    other = UnitFactory(code="dishub", name="Dinas Perhubungan", parent=unit.parent)
    user = UserFactory(is_superuser=True)
    published = reports(unit, period, excellent=3, good=5, status="published")
    reports(other, period, excellent=1, good=2, status="published")
    reports(unit, period, excellent=2, good=1)  # drafts
    reports(other, period, excellent=1, good=1, status="approved")
    reports(unit, period, excellent=0, good=2, status="withdrawn")
    # A Sangat Baik report being corrected to Baik, and another corrected and published again.
    correction = services.report_correct(report=published[0], by=user, reason="Salah ketik")
    Report.objects.filter(pk=correction.pk).update(
        hasil_kerja="sesuai", perilaku="sesuai", predikat="baik"
    )
    done = services.report_correct(report=published[1], by=user, reason="Data salah")
    for step in (services.report_submit, services.report_approve, services.report_publish):
        step(report=done, by=user)
    rows = (
        Report.objects.filter(period=period, status__in=[*IN_PROGRESS_STATUSES, "published"])
        .exclude(status="published", correction__status__in=IN_PROGRESS_STATUSES)
        .values_list("unit_id", "predikat")
    )
    expected = defaultdict(Counter)
    for unit_id, predikat in rows:
        expected[unit_id][predikat] += 1

    assert pipeline_counts(period) == {key: dict(value) for key, value in expected.items()}
