import datetime

import pytest

from tests.factories import AssignmentFactory, PositionFactory, UnitFactory
from training.demo import seed_training
from training.models import TrainingEvent, TrainingRecord

pytestmark = pytest.mark.django_db

DEMO_TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def staff():
    unit = UnitFactory(code="dinkes")
    position = PositionFactory(unit=unit)
    return [AssignmentFactory(position=position).employee for _ in range(40)]


def test_the_demo_has_events_of_both_years_and_attendance_only_for_past_ones(staff):
    events, records = seed_training(seed=7, today=DEMO_TODAY)
    assert events > 40 and records > 0
    assert TrainingEvent.objects.filter(end__year=2025).exists()
    assert TrainingEvent.objects.filter(end__year=2026).exists()
    assert not TrainingRecord.objects.filter(event__end__gt=DEMO_TODAY).exists()


def test_a_second_run_adds_nothing(staff):
    seed_training(seed=7, today=DEMO_TODAY)
    before = TrainingRecord.objects.count()
    assert seed_training(seed=7, today=DEMO_TODAY) == (0, 0)
    assert TrainingRecord.objects.count() == before
