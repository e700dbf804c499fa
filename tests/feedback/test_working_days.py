from datetime import date

import pytest

from feedback.models import Holiday
from feedback.working_days import (
    add_working_days,
    due_date,
    is_working_day,
    working_days_between,
)

FRIDAY = date(2026, 3, 13)
MONDAY = date(2026, 3, 16)
NYEPI = date(2026, 3, 19)  # a Thursday


def test_weekends_are_not_working_days():
    assert is_working_day(FRIDAY)
    assert not is_working_day(date(2026, 3, 14))
    assert not is_working_day(date(2026, 3, 15))


def test_a_holiday_is_not_a_working_day():
    assert not is_working_day(NYEPI, {NYEPI})


def test_adding_working_days_skips_the_weekend():
    assert add_working_days(FRIDAY, 1) == MONDAY
    assert add_working_days(FRIDAY, 3) == date(2026, 3, 18)
    assert add_working_days(date(2026, 3, 14), 1) == MONDAY  # from a Saturday


def test_adding_working_days_skips_holidays_too():
    assert add_working_days(MONDAY, 3) == NYEPI
    assert add_working_days(MONDAY, 3, {NYEPI}) == date(2026, 3, 20)
    assert add_working_days(MONDAY, 5, {NYEPI, date(2026, 3, 20)}) == date(2026, 3, 25)


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(FRIDAY, 0) == FRIDAY
    with pytest.raises(ValueError):
        add_working_days(FRIDAY, -1)


def test_counting_working_days_between_two_dates():
    assert working_days_between(FRIDAY, MONDAY) == 1
    assert working_days_between(FRIDAY, date(2026, 3, 20)) == 5
    assert working_days_between(FRIDAY, date(2026, 3, 20), {NYEPI}) == 4
    assert working_days_between(MONDAY, FRIDAY) == 0
    assert working_days_between(MONDAY, MONDAY) == 0


def test_counting_and_adding_agree_across_a_month_of_holidays():
    holidays = {date(2026, 3, 19), date(2026, 3, 20), date(2026, 3, 31)}
    for days in range(0, 25):
        end = add_working_days(date(2026, 3, 2), days, holidays)
        assert working_days_between(date(2026, 3, 2), end, holidays) == days


@pytest.mark.django_db
def test_the_due_date_reads_the_holidays_entered_in_the_admin():
    assert due_date(MONDAY, 3) == NYEPI
    Holiday.objects.create(date=NYEPI, name="Hari Suci Nyepi")
    assert due_date(MONDAY, 3) == date(2026, 3, 20)
