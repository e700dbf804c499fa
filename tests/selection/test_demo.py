import datetime

import pytest

from selection.demo import seed_selections
from selection.models import Selection, StageResult
from tests.factories import AssignmentFactory, PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db

DEMO_TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def city():
    UnitFactory(code="disdik", name="Dinas Pendidikan")
    UnitFactory(code="setdprd", name="Sekretariat DPRD")
    elsewhere = UnitFactory(code="bappeda", name="Bappeda")
    for n in range(12):
        AssignmentFactory(
            position=PositionFactory(
                unit=elsewhere, title=f"Kepala Bidang {n}", jabatan_type="administrator"
            )
        )


def test_the_demo_has_a_finished_and_an_ongoing_selection(city):
    assert seed_selections(seed=1, today=DEMO_TODAY) == 2
    finished = Selection.objects.get(slug="jpt-disdik-2025")
    ongoing = Selection.objects.get(slug="jpt-setdprd-2026")
    assert finished.appointed is not None
    assert ongoing.appointed is None
    # The ongoing one is in its track-record stage: only the administrative result is out.
    announced = ongoing.stages.filter(results_published_at__isnull=False)
    assert list(announced.values_list("kind", flat=True)) == ["pengumuman", "administrasi"]
    assert StageResult.objects.filter(stage__selection=ongoing).count() == 7


def test_the_appointed_candidate_passed_every_stage_with_results(city):
    seed_selections(seed=1, today=DEMO_TODAY)
    finished = Selection.objects.get(slug="jpt-disdik-2025")
    outcomes = set(finished.appointed.results.values_list("outcome", flat=True))
    assert outcomes == {"lulus"}
    assert finished.appointed.results.count() == 7


def test_a_second_run_adds_nothing(city):
    seed_selections(seed=1, today=DEMO_TODAY)
    assert seed_selections(seed=1, today=DEMO_TODAY) == 0
    assert Selection.objects.count() == 2
