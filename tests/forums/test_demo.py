import datetime

import pytest

from feedback.models import Submission
from forums.demo import seed_forums
from forums.models import Commitment, Forum
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

DEMO_TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def city():
    for code in ("kec-bukit-bestari", "kec-tanjungpinang-kota", "dinkes", "dpupr", "dlh"):
        UnitFactory(code=code)
    for code in ("disdukcapil", "dishub", "dpmptsp"):
        UnitFactory(code=code)


def test_the_demo_has_held_forums_with_minutes_and_commitments_and_an_upcoming_one(city):
    forums, commitments = seed_forums(seed=3, today=DEMO_TODAY)
    assert forums == 2 * 14 and commitments > 10
    held = Forum.objects.filter(starts_at__date__lt=DEMO_TODAY)
    assert not held.filter(minutes="").exists()
    assert Forum.objects.filter(starts_at__date__gt=DEMO_TODAY, capacity__isnull=False).exists()
    assert Commitment.objects.overdue(DEMO_TODAY).exists()
    assert Commitment.objects.filter(status="selesai", progress=100).exists()


def test_a_second_run_adds_nothing(city):
    seed_forums(seed=3, today=DEMO_TODAY)
    assert seed_forums(seed=3, today=DEMO_TODAY) == (0, 0)


def test_residents_ask_in_public_about_some_late_commitments(city):
    seed_forums(seed=3, today=DEMO_TODAY)
    asked = Submission.objects.published().filter(target_type="komitmen")
    assert asked.exists()
    for submission in asked:
        commitment = submission.target
        assert commitment.due_date < DEMO_TODAY and commitment.status != "selesai"


def test_a_second_run_adds_no_feedback_either(city):
    seed_forums(seed=3, today=DEMO_TODAY)
    before = Submission.objects.count()
    seed_forums(seed=3, today=DEMO_TODAY)
    assert Submission.objects.count() == before
