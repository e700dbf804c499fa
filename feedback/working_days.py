"""Working days: Monday to Friday, less the holidays staff enter (feedback.Holiday).

The functions are pure: they take the holidays as a set of dates, so tests pass any calendar
and any "today" without freezing the clock. `holidays()` reads the set from the database.
"""

from collections.abc import Collection
from datetime import date, timedelta

# Service deadlines, in working days.
VERIFY_DAYS = 3  # from submission to verification
RESPOND_DAYS = 5  # from routing to the unit's first response
CLOSE_DAYS = 10  # from a response to closing, when the submitter does not object


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """The working day `days` working days after `start` (which itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not later."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def holidays(start: date | None = None, end: date | None = None) -> frozenset[date]:
    """The holiday dates entered in the admin, optionally only those in [start, end]."""
    from feedback.models import Holiday

    queryset = Holiday.objects.all()
    if start:
        queryset = queryset.filter(date__gte=start)
    if end:
        queryset = queryset.filter(date__lte=end)
    return frozenset(queryset.values_list("date", flat=True))


def due_date(start: date, days: int) -> date:
    """`add_working_days` with the holidays of the next few months from the database."""
    return add_working_days(start, days, holidays(start, start + timedelta(days=days * 3 + 60)))
