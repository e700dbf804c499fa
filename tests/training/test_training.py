"""Training: JP per employee and year, the 20 JP share per unit (suppressed), the pages."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from personnel.models import Unit
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PositionFactory,
    TrainingEventFactory,
    TrainingRecordFactory,
    UnitFactory,
)
from training import figures

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def staff(unit, count, **employee):
    position = PositionFactory(unit=unit)
    return [
        AssignmentFactory(position=position, employee=EmployeeFactory(**employee)).employee
        for _ in range(count)
    ]


def pppk(n=[0]):  # noqa: B006 - a counter for distinct PPPK numbers
    n[0] += 1
    return EmployeeFactory(
        employment_type="pppk", golongan="IX", nip=f"2022010123456{n[0]:05d}", tmt_cpns=None
    )


def trained(employee, jp, year=YEAR):
    event = TrainingEventFactory(jp=jp, start=datetime.date(year, 3, 2))
    return TrainingRecordFactory(employee=employee, event=event)


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    education = UnitFactory(code="disdik", name="Dinas Pendidikan", parent=root)
    return root, health, education


# --------------------------------------------------------------------------- the data


def test_credited_jp_cannot_exceed_the_trainings_jp():
    event = TrainingEventFactory(jp=12)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingRecordFactory(event=event, jp=13)


def test_an_employee_attends_a_training_once():
    record = TrainingRecordFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingRecordFactory(employee=record.employee, event=record.event)


def test_jp_add_up_per_year_for_an_employee():
    employee = EmployeeFactory()
    trained(employee, 12)
    trained(employee, 8)
    trained(employee, 16, year=YEAR - 1)
    assert figures.jp_per_year(employee) == [
        {"year": YEAR, "jp": 20, "events": 2, "reached": True},
        {"year": YEAR - 1, "jp": 16, "events": 1, "reached": False},
    ]


def test_a_units_share_counts_its_sub_units_and_only_active_pns(city):
    _root, health, _education = city
    puskesmas = UnitFactory(code="pkm", parent=health)
    people = staff(health, 4) + staff(puskesmas, 4)
    for _ in range(3):
        AssignmentFactory(position=PositionFactory(unit=health), employee=pppk())
    staff(health, 2, status="pensiun")
    for employee in people[:5]:
        trained(employee, 20)
    figure = figures.unit_achievement(health, YEAR)
    # Three short of 20 JP is under five: hidden, and so is the other side of the split.
    assert (figure.reached.value, figure.short.value, figure.total.value) == (None, None, 8)
    assert figure.share is None


def test_a_unit_with_enough_people_on_both_sides_shows_its_share(city):
    _root, health, _education = city
    people = staff(health, 10)
    for employee in people[:5]:
        trained(employee, 24)
    figure = figures.unit_achievement(health, YEAR)
    assert figure.share == 50


def test_the_counts_add_each_pns_s_trainings_of_the_year_and_count_each_pns_once(city):
    _root, health, education = city
    moved, summed, split_years, short = staff(health, 4)
    # `moved` was in the education office before health, and helps there still (not as the
    # primary assignment): counted once, in health.
    AssignmentFactory(
        position=PositionFactory(unit=education),
        employee=moved,
        start=datetime.date(2010, 1, 1),
        end=datetime.date(2010, 12, 31),
    )
    AssignmentFactory(position=PositionFactory(unit=education), employee=moved, is_primary=False)
    trained(moved, 20)
    trained(summed, 12)
    trained(summed, 8)  # 12 + 8 in the year: reached
    trained(split_years, 12)
    trained(split_years, 8, year=YEAR - 1)  # 8 of them in another year: short
    trained(short, 19)

    counts = figures.counts_by_unit(YEAR)

    assert counts == {health.pk: {figures.REACHED: 2, figures.SHORT: 2}}


def test_the_city_table_never_leaves_a_lone_hidden_split(city):
    _root, health, education = city
    small = UnitFactory(code="dishub", name="Dinas Perhubungan", parent=city[0])
    for unit, count, reached in ((health, 10, 5), (education, 12, 6), (small, 6, 3)):
        for employee in staff(unit, count)[:reached]:
            trained(employee, 20)
    rows, total = figures.city_achievement(YEAR)
    hidden = [row.label for row in rows if row.share is None]
    # Perhubungan (3 of 6) hides its split; the city's sums would give it away, so the
    # smallest other unit hides its split too.
    assert hidden == ["Dinas Kesehatan", "Dinas Perhubungan"]
    assert total.share == 50


# --------------------------------------------------------------------------- pages


def test_the_calendar_lists_the_years_events_with_suppressed_participant_counts(client):
    event = TrainingEventFactory(title="Literasi Digital ASN")
    for _ in range(3):
        TrainingRecordFactory(event=event)
    html = client.get(reverse("training:calendar")).content.decode()
    assert "Literasi Digital ASN" in html
    assert "12 JP" in html
    assert "kurang dari lima" in html or "disembunyikan" in html


def test_a_bad_year_or_topic_is_explained_not_an_error(client):
    response = client.get(reverse("training:calendar"), {"tahun": "abc", "rumpun": "<b>x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tahun «abc» tidak tersedia" in html
    assert "Rumpun «&lt;b&gt;x» tidak dikenal" in html


def test_the_achievement_page_shows_units_and_the_city(client, city):
    _root, health, _education = city
    for employee in staff(health, 10)[:5]:
        trained(employee, 24)
    response = client.get(reverse("training:achievement"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Kesehatan" in html and "50%" in html
    assert "<svg" in html


def test_the_achievement_page_costs_the_same_queries_for_more_units(
    client, city, django_assert_max_num_queries
):
    root = city[0]
    for n in range(15):
        unit = UnitFactory(code=f"opd-{n}", parent=root)
        for employee in staff(unit, 2):
            trained(employee, 20)
    with django_assert_max_num_queries(8):
        client.get(reverse("training:achievement"))


def test_the_unit_page_shows_its_training_figure(client, city):
    _root, health, _education = city
    for employee in staff(health, 10)[:5]:
        trained(employee, 24)
    html = client.get(reverse("personnel:unit-detail", args=["dinkes"])).content.decode()
    assert "50% PNS aktif di unit ini" in html


def test_the_employee_page_shows_jp_per_year(client, city):
    _root, health, _education = city
    (employee,) = staff(health, 1)
    trained(employee, 12)
    html = client.get(
        reverse("reports:employee-detail", args=[employee.public_id])
    ).content.decode()
    assert "Jam pelajaran (JP) pelatihan per tahun" in html
    assert f'<th scope="row">{YEAR}</th>' in html


def test_a_units_figure_is_one_query(city, django_assert_num_queries):
    health = Unit.objects.get(code="dinkes")
    with django_assert_num_queries(1):
        figures.unit_achievement(health, YEAR)
