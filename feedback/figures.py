"""Responsiveness of units to feedback: pure computations over routing rows, and their reads.

Counts of submissions, not of people: nothing is suppressed, but a unit with fewer than
MIN_SUBMISSIONS routed submissions gets no figures ("belum cukup data").
"""

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.utils import timezone

from feedback import working_days
from feedback.choices import Status
from feedback.models import Routing

MIN_SUBMISSIONS = 5


@dataclass
class UnitFigures:
    unit_id: int
    name: str = ""
    code: str = ""
    submissions: int = 0
    answered: int = 0
    on_time: int = 0
    decided: int = 0  # answered, or past the deadline unanswered
    open_overdue: int = 0
    days: list = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.submissions >= MIN_SUBMISSIONS

    @property
    def median_days(self):
        return median(self.days) if self.enough and self.days else None

    @property
    def on_time_share(self):
        if not self.enough or not self.decided:
            return None
        return 100 * self.on_time / self.decided


ROW_FIELDS = (
    "unit_id",
    "unit__name",
    "unit__code",
    "routed_at",
    "responded_at",
    "respond_due",
    "submission__status",
)


def figures_from_rows(rows, *, today, holidays=()) -> dict[int, UnitFigures]:
    """Per unit: routed submissions, answered, answered on time, open overdue, working days."""
    result: dict[int, UnitFigures] = {}
    for unit_id, name, code, routed_at, responded_at, due, status in rows:
        figures = result.setdefault(unit_id, UnitFigures(unit_id, name, code))
        figures.submissions += 1
        if responded_at is not None:
            answered_on = timezone.localdate(responded_at)
            figures.answered += 1
            figures.decided += 1
            figures.days.append(
                working_days.working_days_between(
                    timezone.localdate(routed_at), answered_on, holidays
                )
            )
            if due is None or answered_on <= due:
                figures.on_time += 1
        elif due is not None and due < today:
            figures.decided += 1
            if status == Status.DITERUSKAN:
                figures.open_overdue += 1
    return result


def _rows(queryset):
    return queryset.values_list(*ROW_FIELDS)


def _holidays(rows):
    if not rows:
        return frozenset()
    first = min(timezone.localdate(r[3]) for r in rows)
    return working_days.holidays(first, timezone.localdate() + timedelta(days=1))


def unit_figures(unit, today=None) -> UnitFigures:
    """Two queries: the unit's routings and the holidays they span."""
    today = today or timezone.localdate()
    rows = list(_rows(Routing.objects.filter(unit=unit)))
    figures = figures_from_rows(rows, today=today, holidays=_holidays(rows))
    return figures.get(unit.pk) or UnitFigures(unit.pk, unit.name, unit.code)


def scoreboard(today=None) -> list[UnitFigures]:
    """Every unit that received feedback, best first: on-time share, then median days."""
    today = today or timezone.localdate()
    rows = list(_rows(Routing.objects.filter(unit__is_active=True)))
    units = figures_from_rows(rows, today=today, holidays=_holidays(rows)).values()

    def key(figures):
        if not figures.enough:
            return (1, 0, 0, figures.name)
        share = figures.on_time_share if figures.on_time_share is not None else -1
        days = figures.median_days if figures.median_days is not None else 10**6
        return (0, -share, days, figures.name)

    return sorted(units, key=key)


@dataclass(frozen=True)
class TrendPoint:
    """One quarter of a unit's responsiveness (share answered on time, median working days)."""

    label: str
    figures: UnitFigures

    @property
    def share(self):
        return self.figures.on_time_share


TREND_QUARTERS = 4


def quarter_of(day) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def unit_trend(rows, *, today, holidays=()) -> list[TrendPoint]:
    """The last TREND_QUARTERS quarters by the date of routing, oldest first, from the same
    rows as the unit's figures (no query of its own)."""
    year, number = quarter_of(today)
    quarters = []
    for _ in range(TREND_QUARTERS):
        quarters.append((year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    points = []
    for year, number in reversed(quarters):
        chosen = [r for r in rows if quarter_of(timezone.localdate(r[3])) == (year, number)]
        figures = figures_from_rows(chosen, today=today, holidays=holidays)
        unit_figures = next(iter(figures.values()), UnitFigures(0))
        points.append(TrendPoint(f"{year}-T{number}", unit_figures))
    return points


def unit_figures_and_trend(unit, today=None) -> tuple[UnitFigures, list[TrendPoint]]:
    """Two queries, as unit_figures: the unit's routings and the holidays they span."""
    today = today or timezone.localdate()
    rows = list(_rows(Routing.objects.filter(unit=unit)))
    holidays = _holidays(rows)
    figures = figures_from_rows(rows, today=today, holidays=holidays)
    found = figures.get(unit.pk) or UnitFigures(unit.pk, unit.name, unit.code)
    return found, unit_trend(rows, today=today, holidays=holidays)
