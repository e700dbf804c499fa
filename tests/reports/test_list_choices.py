"""The report list's filter makes its period and unit choices once per set of rows read."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from reports import filters
from reports.filters import ReportFilter
from reports.models import Report
from tests.factories import PeriodFactory, ReportFactory, UnitFactory, advance

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")


def a_filter(**params):
    return ReportFilter(RequestFactory().get(LIST, params).GET, queryset=Report.objects.disclosed())


@pytest.fixture
def published():
    return advance(
        ReportFactory(unit=UnitFactory(code="dinkes", name="Dinas Kesehatan")), "published"
    )


def test_two_lists_of_the_same_rows_share_their_choices(published):
    first, second = a_filter(), a_filter(unit="dinkes")

    assert first.units is second.units and first.periods is second.periods
    assert first.filters["unit"].extra["choices"] is second.filters["unit"].extra["choices"]
    assert second.default_period == published.period


def test_a_renamed_unit_is_offered_and_listed_under_its_new_name_at_once(client, published):
    before = a_filter()
    unit = published.unit
    unit.name = "Dinas Kesehatan dan Keluarga Berencana"
    unit.save()

    after = a_filter()
    html = client.get(LIST).content.decode()

    assert after.units is not before.units
    assert ("dinkes", "Dinas Kesehatan dan Keluarga Berencana") in after.filters["unit"].extra[
        "choices"
    ]
    assert html.count("Dinas Kesehatan dan Keluarga Berencana") >= 2  # the choice and the row


def test_a_period_published_since_becomes_the_default_at_once(published):
    before = a_filter()
    later = PeriodFactory(kind="tahunan", year=published.period.year + 1)
    advance(ReportFactory(period=later), "published")

    after = a_filter()

    assert before.default_period == published.period
    assert after.default_period == later
    assert later.code in after.periods and later.code not in before.periods


def test_each_language_has_its_own_period_labels(published):
    with translation.override("id"):
        indonesian = dict(a_filter().filters["periode"].extra["choices"])
    with translation.override("en"):
        english = dict(a_filter().filters["periode"].extra["choices"])

    code = published.period.code
    assert indonesian[code] == f"Tahun {published.period.year}"
    assert english[code] == f"Year {published.period.year}"


def test_the_sub_units_of_a_unit_come_from_the_shared_tree(published):
    parent = published.unit
    child = UnitFactory(code="puskesmas-a", name="Puskesmas A", parent=parent)
    UnitFactory(code="puskesmas-b", name="Puskesmas B", parent=child)

    chosen = a_filter(unit="dinkes")

    assert chosen.subtree("dinkes") == sorted([parent.pk, child.pk, chosen.unit_ids["puskesmas-b"]])
    assert chosen.subtree("puskesmas-b") == [chosen.unit_ids["puskesmas-b"]]


def test_only_the_latest_sets_of_choices_are_kept(published):
    filters._made.clear()
    for number in range(filters.CHOICES_KEPT + 3):
        UnitFactory(code=f"unit-{number}", name=f"Unit {number}")
        a_filter()

    assert len(filters._made) == filters.CHOICES_KEPT
