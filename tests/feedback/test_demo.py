import pytest

from feedback.choices import CLOSED_STATUSES
from feedback.demo import ITEMS, seed_feedback
from feedback.models import Submission
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    root = UnitFactory(code="pemkot", kind="pemkot")
    for code in {item[1] for item in ITEMS if item[1]}:
        UnitFactory(code=code, parent=root)


def test_the_demo_feedback_covers_every_step_and_a_second_run_adds_nothing(units):
    first = seed_feedback()
    assert first.submissions == len(ITEMS)
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {"baru", "diverifikasi", "diteruskan", "ditanggapi", "selesai", "ditolak"} == statuses
    assert not Submission.objects.filter(status__in=CLOSED_STATUSES, closed_at=None).exists()
    assert Submission.objects.filter(routings__unit__code="diskominfo").exists()
    again = seed_feedback()
    assert (again.submissions, again.events) == (0, 0)
    assert Submission.objects.count() == len(ITEMS)


def test_the_demo_skips_units_that_are_not_there():
    UnitFactory(code="pemkot", kind="pemkot")
    result = seed_feedback()
    assert result.submissions == sum(1 for item in ITEMS if item[1] is None)


def test_the_demo_has_late_answers_overdue_items_and_holidays(units):
    from feedback import figures
    from feedback.demo import DEMO_TODAY
    from feedback.models import Holiday, Routing

    seed_feedback()
    assert Holiday.objects.exists()
    assert not Submission.objects.exclude(verify_due__isnull=False).exists()
    answered = Routing.objects.filter(responded_at__isnull=False)
    assert answered.exists()
    assert any(r.responded_at.date() > r.respond_due for r in answered)
    assert Submission.objects.overdue(DEMO_TODAY).exists()
    board = figures.scoreboard(DEMO_TODAY)
    # The front-office units have enough history for real figures, and they differ.
    ranked = [unit for unit in board if unit.enough]
    assert len(ranked) >= 8
    assert len({round(unit.on_time_share) for unit in ranked}) > 3
    assert Submission.objects.filter(status="ditanggapi", close_due__isnull=True).count() == 0
