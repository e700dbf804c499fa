"""Whether a unit's spread of predikat keeps to the rules its predikat organisasi sets.

A unit's own rating caps how its staff's predikat may be spread (DistributionRule: at most /
at least some percent of the staff with a given predikat). The check needs enough reports to
mean anything and must not give away a suppressed count through its percentage.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import formats
from django.utils.translation import gettext as _

from personnel.disclosure import suppressed_table, threshold
from reports.charts import predikat_labels
from reports.choices import IN_PROGRESS_STATUSES, OrganisationPredikat, Predikat, ReportStatus

MAX, MIN = "max", "min"
PUBLISHED = ReportStatus.PUBLISHED


class TooFewReports(ValueError):
    """The check was asked of fewer reports than the suppression threshold."""


@dataclass(frozen=True)
class Breach:
    predikat: str
    kind: str  # MAX or MIN
    limit: int
    percent: float | None  # None: the count behind it is suppressed, so is the percentage

    @property
    def label(self) -> str:
        return str(Predikat(self.predikat).label)

    def __str__(self) -> str:
        values = {"predikat": self.label, "limit": f"{self.limit}%"}
        if self.percent is None:
            if self.kind == MAX:
                return _("%(predikat)s melebihi batas %(limit)s (persentasenya disembunyikan)") % (
                    values
                )
            return (
                _("%(predikat)s di bawah batas minimal %(limit)s (persentasenya disembunyikan)")
                % values
            )
        values["percent"] = format_percent(self.percent)
        if self.kind == MAX:
            return _("%(predikat)s %(percent)s melebihi batas %(limit)s") % values
        return _("%(predikat)s %(percent)s di bawah batas minimal %(limit)s") % values


@dataclass(frozen=True)
class DistributionCheck:
    """What the unit page says about the rules: too few reports, no rules, or the breaches."""

    organisation_predikat: str | None
    total: int
    has_rules: bool
    breaches: list[Breach] = field(default_factory=list)

    @property
    def enough_reports(self) -> bool:
        return self.total >= threshold()

    @property
    def minimum(self) -> int:
        return threshold()


def format_percent(value: float) -> str:
    rounded = round(value, 1)
    places = 0 if rounded == int(rounded) else 1
    return f"{formats.number_format(rounded, places)}%"


def find_breaches(
    *, organisation_predikat: str, rules: Iterable, counts: Mapping[str, int]
) -> list[Breach]:
    """The rules for `organisation_predikat` that `counts` (predikat → reports) break.

    Raises TooFewReports under the suppression threshold: a percentage of three people says
    little and gives them away.
    """
    total = sum(counts.values())
    if total < threshold():
        raise TooFewReports(
            _("Pemeriksaan sebaran memerlukan paling sedikit %(n)s laporan.") % {"n": threshold()}
        )
    cells, _total = suppressed_table(dict(counts), predikat_labels())
    hidden = {cell.key for cell in cells if cell.suppressed}
    breaches = []
    for rule in sorted(rules, key=lambda rule: _order(rule.employee_predikat)):
        if rule.organisation_predikat != organisation_predikat:
            continue
        count = counts.get(rule.employee_predikat, 0)
        shown = None if rule.employee_predikat in hidden else count * 100 / total
        # Compare in whole numbers: 1 of 5 is exactly 20%, not 20.000000001%.
        if rule.max_percent is not None and count * 100 > rule.max_percent * total:
            breaches.append(Breach(rule.employee_predikat, MAX, rule.max_percent, shown))
        if rule.min_percent is not None and count * 100 < rule.min_percent * total:
            breaches.append(Breach(rule.employee_predikat, MIN, rule.min_percent, shown))
    return breaches


def check_distribution(
    *, organisation_predikat: str | None, rules: Iterable, counts: Mapping[str, int]
) -> DistributionCheck:
    rules = list(rules)
    total = sum(counts.values())
    check = DistributionCheck(organisation_predikat, total, has_rules=bool(rules))
    if organisation_predikat is None or not rules or total < threshold():
        return check
    return DistributionCheck(
        organisation_predikat,
        total,
        has_rules=True,
        breaches=find_breaches(
            organisation_predikat=organisation_predikat, rules=rules, counts=counts
        ),
    )


def _order(predikat: str) -> int:
    keys = [key for key, _label in predikat_labels()]
    return keys.index(predikat) if predikat in keys else len(keys)


# --------------------------------------------------------------------------- staff warnings


@dataclass(frozen=True)
class UnitWarning:
    """A rated unit whose reports of a period, as they stand in the workflow, break a rule."""

    unit: Any
    period: Any
    organisation_predikat: str
    breaches: list[Breach]

    def __str__(self) -> str:
        return _(
            "Sebaran predikat %(unit)s pada %(period)s tidak sesuai aturan predikat organisasi "
            "%(organisation)s: %(breaches)s."
        ) % {
            "unit": self.unit.name,
            "period": self.period,
            "organisation": OrganisationPredikat(self.organisation_predikat).label,
            "breaches": "; ".join(str(breach) for breach in self.breaches),
        }


def pipeline_counts(period) -> dict[int, dict[str, int]]:
    """{unit id: {predikat: n}} of the period's reports that are or will be published.

    Every report not withdrawn or superseded counts, drafts included, so staff see a breach
    before they publish it; a published report whose correction is under way counts once, as
    its correction.

    The published ones are read from their tallies (reports.PublishedUnitCount, a few hundred
    rows a period), the few in the workflow from the reports, each with the version it
    corrects: counting the period's reports took ~70 ms on the scale data (100,000 a period),
    at each load of the staff's report list filtered to a period.
    """
    from reports.models import PublishedUnitCount, Report

    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    published = PublishedUnitCount.objects.filter(period=period)
    for unit_id, predikat, total in published.values_list("unit_id", "predikat", "total"):
        counts[unit_id][predikat] += total
    corrected = ("previous__status", "previous__unit_id", "previous__predikat")
    in_progress = (
        Report.objects.filter(period=period, status__in=IN_PROGRESS_STATUSES)
        .order_by()
        .values("unit_id", "predikat", *corrected)
        .annotate(n=Count("pk"))
    )
    for row in in_progress:
        counts[row["unit_id"]][row["predikat"]] += row["n"]
        if row["previous__status"] == PUBLISHED:  # a correction: it counts instead
            counts[row["previous__unit_id"]][row["previous__predikat"]] -= row["n"]
    return {
        unit_id: {predikat: n for predikat, n in by_predikat.items() if n}
        for unit_id, by_predikat in counts.items()
        if any(by_predikat.values())
    }


def staff_warnings(period, units) -> list[UnitWarning]:
    """Warnings for the rated units among `units` (a queryset): five queries, whatever the size.

    A unit's figures include its sub-units, as on its public page.
    """
    from personnel.models import Unit
    from personnel.tree import subtree_ids
    from reports.models import DistributionRule, UnitRating

    ratings = list(
        UnitRating.objects.filter(year=period.year, unit__in=units)
        .select_related("unit")
        .order_by("unit__name")
    )
    if not ratings:
        return []
    rules = list(DistributionRule.objects.all())
    tree = list(Unit.objects.only("id", "parent_id"))
    counts = pipeline_counts(period)
    warnings = []
    for rating in ratings:
        totals: dict[str, int] = defaultdict(int)
        for pk in subtree_ids(tree, rating.unit_id):
            for predikat, n in counts.get(pk, {}).items():
                totals[predikat] += n
        check = check_distribution(
            organisation_predikat=rating.predikat, rules=rules, counts=totals
        )
        if check.breaches:
            warnings.append(UnitWarning(rating.unit, period, rating.predikat, check.breaches))
    return warnings
