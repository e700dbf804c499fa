"""A unit's responsiveness per quarter, from the same routing rows as its figures."""

import datetime

from django.utils import timezone

from feedback.figures import unit_trend

TODAY = datetime.date(2026, 11, 29)


def routed(day, answered_after_days=None, due_after_days=7):
    routed_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    responded_at = (
        routed_at + datetime.timedelta(days=answered_after_days)
        if answered_after_days is not None
        else None
    )
    due = day + datetime.timedelta(days=due_after_days)
    return (1, "Dinas Kesehatan", "dinkes", routed_at, responded_at, due, "ditanggapi")


def test_the_trend_covers_the_last_four_quarters_oldest_first():
    points = unit_trend([], today=TODAY)
    assert [point.label for point in points] == ["2026-T1", "2026-T2", "2026-T3", "2026-T4"]


def test_each_quarter_counts_its_own_routings_and_hides_a_share_under_five():
    rows = [routed(datetime.date(2026, 8, 3), 2) for _ in range(4)]  # T3: only four
    rows += [routed(datetime.date(2026, 10, 5), 2) for _ in range(3)]  # T4: three on time
    rows += [routed(datetime.date(2026, 10, 5), 12) for _ in range(2)]  # two late
    by_label = {point.label: point for point in unit_trend(rows, today=TODAY)}
    assert by_label["2026-T3"].figures.submissions == 4
    assert by_label["2026-T3"].share is None
    assert by_label["2026-T4"].figures.submissions == 5
    assert by_label["2026-T4"].share == 60
    assert by_label["2026-T1"].figures.submissions == 0
