"""How many PNS reached their 20 JP: per unit, per top-level unit, for the city, per year.

A PNS counts for a unit when their primary assignment on the reference day (today for the
current year, 31 December for a past one) is in it. Counts go through personnel.disclosure:
a unit with fewer than five PNS, or fewer than five on either side of the line, shows no
share at all.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnel.choices import EmployeeStatus, EmploymentType
from personnel.disclosure import Cell, suppressed_table
from personnel.models import Assignment, Unit
from personnel.tree import top_level_units
from training.models import YEARLY_JP_RIGHT, TrainingRecord

REACHED, SHORT = "reached", "short"
LABELS = [(REACHED, _("Mencapai 20 JP")), (SHORT, _("Belum mencapai 20 JP"))]


@dataclass(frozen=True)
class Achievement:
    """Reached / short of 20 JP for one group, already suppressed."""

    key: object
    label: str
    reached: Cell
    short: Cell
    total: Cell
    url: str = ""

    @property
    def share(self) -> float | None:
        if self.reached.value is None or self.short.value is None or not self.total.value:
            return None
        return self.reached.value * 100 / self.total.value


def reference_day(year: int, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today if year >= today.year else date(year, 12, 31)


def counts_by_unit(year: int, today: date | None = None, units=None) -> dict[int, dict[str, int]]:
    """{unit id: {REACHED: n, SHORT: n}} of active PNS by their unit on the reference day,
    optionally only in `units` (a queryset of units).

    An employee has at most one primary assignment on a day (the exclusion constraint
    assignment_no_overlapping_primary), so counting the day's primary assignments counts the
    people. Those who reached their JP are found once, by one grouping of the year's training
    records, which PostgreSQL tests each assignment against as a hash: a sum of each
    employee's records per assignment, and the count of distinct employees, took ~70 ms for
    the 100,000 employees of the scale data (~25 ms now).
    """
    reached = (
        TrainingRecord.objects.filter(event__end__year=year)
        .order_by()
        .values("employee")
        .annotate(total=Sum("jp"))
        .filter(total__gte=YEARLY_JP_RIGHT)
        .values("employee")
    )
    rows = (
        Assignment.objects.primary()
        .current(reference_day(year, today))
        .filter(
            employee__status=EmployeeStatus.ACTIVE,
            employee__employment_type=EmploymentType.PNS,
        )
        .filter(position__unit__in=units if units is not None else Unit.objects.all())
        .order_by()
        .values("position__unit_id")
        .annotate(people=Count("pk"), reached=Count("pk", filter=Q(employee__in=reached)))
    )
    return {
        row["position__unit_id"]: {REACHED: row["reached"], SHORT: row["people"] - row["reached"]}
        for row in rows
    }


def achievement(key, label, counts: dict[str, int], url: str = "") -> Achievement:
    (reached, short), total = suppressed_table(counts, LABELS)
    return Achievement(key, str(label), reached, short, total, url)


def _add(into: dict[str, int], counts: dict[str, int]) -> None:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + n


def unit_achievement(unit: Unit, year: int, today: date | None = None) -> Achievement:
    """The unit with its sub-units (one query)."""
    totals: dict[str, int] = {}
    subtree = Unit.objects.subtree_of([unit]).values("pk")
    for counts in counts_by_unit(year, today, units=subtree).values():
        _add(totals, counts)
    return achievement(unit.pk, unit.name, totals)


def city_achievement(year: int, today: date | None = None) -> tuple[list[Achievement], Achievement]:
    """One row per top-level unit, and the city (two queries)."""
    from django.urls import reverse

    units = list(Unit.objects.only("id", "parent_id", "code", "name", "is_active").order_by())
    top, owner = top_level_units(units)
    by_top: dict[int, dict[str, int]] = defaultdict(dict)
    city: dict[str, int] = {}
    for unit_id, counts in counts_by_unit(year, today).items():
        _add(by_top[owner.get(unit_id, unit_id)], counts)
        _add(city, counts)
    rows = [
        achievement(
            unit.pk,
            unit.name,
            by_top.get(unit.pk, {}),
            reverse("personnel:unit-detail", args=[unit.code]) if unit.is_active else "",
        )
        for unit in sorted(top, key=lambda unit: unit.name.casefold())
        if unit.is_active or by_top.get(unit.pk)
    ]
    return protect_columns(rows, by_top), achievement("city", _("Seluruh kota"), city)


def protect_columns(rows: list[Achievement], counts: dict) -> list[Achievement]:
    """Hide a second row where only one row hides its split, so the city's column sums cannot
    give it away; a row hides both of its cells or none."""
    hidden = {row.key for row in rows if row.reached.value is None or row.short.value is None}
    while len(hidden) == 1:
        shown = [row for row in rows if row.key not in hidden and row.total.value]
        if not shown:
            break
        hidden.add(min(shown, key=lambda row: (row.total.value, row.label)).key)
    # Likewise a lone hidden head count would be the city's minus the others'.
    hide_totals = any(row.total.value is None for row in rows if row.key in hidden)
    return [
        Achievement(
            row.key,
            row.label,
            Cell(REACHED, row.reached.label, None),
            Cell(SHORT, row.short.label, None),
            Cell(row.total.key, "", None) if hide_totals else row.total,
            row.url,
        )
        if row.key in hidden
        else row
        for row in rows
    ]


def city_trend(years: list[int], today: date | None = None) -> list[Achievement]:
    """The city's figure for each year (one query a year)."""
    trend = []
    for year in years:
        city: dict[str, int] = {}
        for counts in counts_by_unit(year, today).values():
            _add(city, counts)
        trend.append(achievement(year, str(year), city))
    return trend


def jp_rows(employee):
    """[{year, jp, events}] of one employee, newest first (`employee` may be an OuterRef)."""
    return (
        TrainingRecord.objects.filter(employee=employee)
        .values(year=F("event__end__year"))
        .annotate(jp=Sum("jp"), events=Count("pk"))
        .order_by("-year")
    )


def jp_years(rows) -> list[dict]:
    return [{**row, "reached": row["jp"] >= YEARLY_JP_RIGHT} for row in rows]


def jp_per_year(employee) -> list[dict]:
    """[{year, jp, events, reached}] of one employee, newest first (one query)."""
    return jp_years(jp_rows(employee))
