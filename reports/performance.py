"""Unit performance and the city dashboard: how the predikat of published reports are spread.

Aggregates count every current published report, withheld employees included (withholding
hides individual reports, not the totals), and never show a count under the suppression
threshold. Both pages run a fixed number of queries: the unit tree is read once and walked in
Python, and every count is one GROUP BY over reports.PublishedCount, the published reports
already counted per period, unit, predikat, jabatan type and golongan by database triggers
(a few thousand rows a period instead of ~100,000 reports), or over its sums per unit
(reports.PublishedUnitCount) or per jabatan type and golongan (reports.PublishedGradeCount), a
few hundred rows a period, where those suffice.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from personnel.choices import PPPK_GOLONGAN, JabatanType
from personnel.disclosure import Cell, make_cell, suppressed_table, threshold
from personnel.models import Unit
from personnel.tree import UnitNode, ancestors_in, subtree_ids, top_level_units
from portal.links import Link
from portal.prepared import PreparedQuery, instance, instances, json_rows, json_values
from portal.texts import interpolated
from reports import charts
from reports.choices import PeriodKind
from reports.distribution import check_distribution
from reports.models import (
    DistributionRule,
    Period,
    PublishedGradeCount,
    PublishedUnitCount,
    Report,
    UnitRating,
)

TREND_LENGTH = 12  # periods in a trend: a year of months, three of quarters, twelve years
TOTAL = "__total__"
EMPTY: dict = {}  # the counts of a group with none (never written to)
KIND_ORDER = (PeriodKind.ANNUAL, PeriodKind.QUARTERLY, PeriodKind.MONTHLY)
GOLONGAN_GROUPS = (
    ("I", gettext_lazy("Golongan I")),
    ("II", gettext_lazy("Golongan II")),
    ("III", gettext_lazy("Golongan III")),
    ("IV", gettext_lazy("Golongan IV")),
    ("pppk", gettext_lazy("PPPK (semua golongan)")),
)


# --------------------------------------------------------------------------- rows of numbers


class Column(NamedTuple):  # made for every cell of the tables: a named tuple is made quicker
    key: Any
    label: str
    value: int | None  # None: suppressed
    share: float | None  # percent of the row; None when the value or the total is suppressed


@dataclass(frozen=True)
class Row:
    """One line of a predikat table (and one bar of its chart)."""

    key: Any
    label: str
    cells: Sequence[Cell]
    total: Cell
    url: str = ""
    short_label: str = ""

    @property
    def columns(self) -> list[Column]:
        total = self.total.value
        return [
            Column(
                cell.key,
                cell.label,
                cell.value,
                None if cell.value is None or not total else cell.value * 100 / total,
            )
            for cell in self.cells
        ]

    @property
    def bar(self) -> charts.Bar:
        return charts.Bar(self.short_label or self.label, self.cells, self.total)


def predikat_row(key, label, counts: dict, labels=None, **extra) -> Row:
    """A row of predikat counts, suppressed; `labels` the page's charts.predikat_labels()."""
    cells, total = suppressed_table(counts, labels or charts.predikat_labels())
    return Row(key, str(label), cells, total, **extra)


def group_counts(rows: Iterable[Sequence], group=None) -> dict[Any, dict[str, int]]:
    """{key: {predikat: n}} from GROUP BY rows of (key, predikat, n) (json_values()); with
    `group`, {group(key): …}, the counts of the keys in one group added up."""
    counts: dict[Any, dict[str, int]] = defaultdict(dict)
    for key, predikat, n in rows:
        bucket = counts[key if group is None else group(key)]
        bucket[predikat] = bucket.get(predikat, 0) + n
    return counts


@dataclass
class Grid:
    rows: list[Row]
    total: Row
    hidden_in_total: set = field(default_factory=set)


def suppressed_grid(
    counts: dict[Any, dict[str, int]],
    rows: Sequence[tuple[Any, str, dict]],
    *,
    total_label: str,
    hidden_in_total: Iterable = (),
) -> Grid:
    """A table of groups × predikat with its margins, small cells suppressed in both directions.

    Each row and each column (with the totals as one more row and column) is a sum a reader
    can subtract from. Where a line with a shown sum has exactly one suppressed cell, the next
    smallest cell is suppressed too; where a suppressed sum has every part shown, its smallest
    part is suppressed. Repeated until nothing changes. `hidden_in_total` forces cells of the
    total row hidden, so several tables over the same total agree.

    The cells are one flat list, row after row, each row's total after its cells and the total
    row last (grid_lines()): the city dashboard suppresses three tables at each request.
    """
    labels = charts.predikat_labels()
    columns = [key for key, _label in labels]
    width = len(columns) + 1
    value: list[int] = []
    for key, _label, _extra in rows:
        bucket = counts.get(key, EMPTY)
        line = [bucket.get(c, 0) for c in columns]
        value += line
        value.append(sum(line))
    # Rows may not cover everything counted (reports outside any listed group): the total row
    # is what was counted, so take it from `counts` when that is larger.
    end = len(value)
    totals = [
        max(sum(value[j:end:width]), sum(bucket.get(c, 0) for bucket in counts.values()))
        for j, c in enumerate(columns)
    ]
    value += totals
    value.append(sum(totals))

    limit = threshold()
    hidden = {index for index, n in enumerate(value) if 0 < n < limit}
    hidden |= {end + j for j, c in enumerate(columns) if c in hidden_in_total}
    changed = True
    while changed:
        changed = False
        for members, line_total in grid_lines(len(rows), len(columns)):
            total_hidden = line_total in hidden
            if not total_hidden and hidden.isdisjoint(members):
                continue  # nothing hidden on the line, so nothing to give away (most lines)
            shown = [m for m in members if m not in hidden and value[m] > 0]
            suppressed = [m for m in members if m in hidden]
            # A shown sum minus the other parts gives a lone hidden part away; a hidden sum is
            # the sum of its parts when they are all shown.
            lone = (not suppressed and shown) if total_hidden else len(suppressed) == 1
            if not lone:
                continue
            if shown:
                hidden.add(min(shown, key=lambda m: (value[m], members.index(m))))
            else:  # the lone suppressed cell is the whole line: its total would tell it
                hidden.add(line_total)
            changed = True

    def row_of(first: int, key, label: str, extra: dict) -> Row:
        cells = [
            make_cell((c, column_label, None if index in hidden else value[index]))
            for index, (c, column_label) in enumerate(labels, first)
        ]
        total = first + width - 1
        return Row(
            key,
            label,
            cells,
            make_cell((TOTAL, "", None if total in hidden else value[total])),
            **extra,
        )

    grid_rows = [
        row_of(i * width, key, str(label), extra) for i, (key, label, extra) in enumerate(rows)
    ]
    total = row_of(end, TOTAL, total_label, {})
    return Grid(grid_rows, total, {c for j, c in enumerate(columns) if end + j in hidden})


@functools.lru_cache(maxsize=64)
def grid_lines(rows: int, columns: int) -> tuple[tuple[tuple[int, ...], int], ...]:
    """The lines of suppressed_grid()'s flat cells, each (its cells, its sum): every row with
    its total, the total row included, then every column with its total, the totals' column
    included. Row i's cells start at i * (columns + 1); the total row is row `rows`."""
    width = columns + 1
    return tuple(
        [
            (tuple(range(i * width, i * width + columns)), i * width + columns)
            for i in range(rows + 1)
        ]
        + [(tuple(range(j, rows * width, width)), rows * width + j) for j in range(width)]
    )


# --------------------------------------------------------------------------- periods


def marked_periods():
    """Every period, newest first, annotated with whether it has published reports."""
    return Period.objects.annotate(
        has_published=Exists(Report.objects.published().filter(period=OuterRef("pk")))
    ).order_by("-end", "-start")


CHOICE_PERIOD_FIELDS = ("id", "code", "kind", "year", "number", "start", "end", "has_published")
MARKED_PERIODS = PreparedQuery(lambda: marked_periods().values(*CHOICE_PERIOD_FIELDS))


def choice_period(values: dict) -> Period:
    period = instance(Period, values)
    period.has_published = values["has_published"]
    return period


def periods_for_choice() -> list[Period]:
    """Every period, newest first, marked with whether it has published reports (one query)."""
    return [choice_period(values) for values in MARKED_PERIODS.rows()]


def default_period(periods: Sequence[Period]) -> Period | None:
    """The latest annual period with published reports, else the latest period with any."""
    published = [period for period in periods if period.has_published]
    annual = [period for period in published if period.kind == PeriodKind.ANNUAL]
    return (annual or published or [None])[0]


class PeriodChoiceMixin:
    """?periode=<code> picks the period; an unknown code says so and falls back to the default."""

    def choose_period(self, periods: Sequence[Period] | None = None) -> dict:
        if periods is None:
            periods = periods_for_choice()
        code = self.request.GET.get("periode", "").strip()
        period = next((p for p in periods if p.code == code), None) if code else None
        unknown = bool(code) and period is None
        if period is None:
            period = default_period(periods)
        groups = []
        for kind in KIND_ORDER:
            listed = [p for p in periods if p.kind == kind and (p.has_published or p == period)]
            if listed:
                groups.append({"label": PeriodKind(kind).label, "periods": listed})
        return {
            "period": period,
            "periods": periods,
            "period_groups": groups,
            "unknown_period": code if unknown else "",
        }


# --------------------------------------------------------------------------- unit page


UNIT_FIELDS = ("id", "parent_id", "code", "name")
RULE_FIELDS = ("id", "organisation_predikat", "employee_predikat", "max_percent", "min_percent")
RATING_FIELDS = ("id", "unit_id", "year", "predikat", "basis")


def unit_page_values(code: str):
    """The unit, the whole unit tree and every period (with whether it has published reports),
    in one row: what the unit page needs before it knows which counts to read."""
    return (
        Unit.objects.active()
        .filter(code=code)
        .annotate(
            tree=json_rows(Unit.objects.order_by(), *UNIT_FIELDS),
            period_rows=json_rows(marked_periods(), *CHOICE_PERIOD_FIELDS),
        )
        .values(*UNIT_FIELDS, "tree", "period_rows")
        .order_by()
    )


UNIT_PAGE = PreparedQuery(unit_page_values, "\x1fcode")


def unit_counts_values(period_id: int, subtree: list[int], trend_periods: list[int], unit_id: int):
    """The published counts the unit page shows, in one row: per predikat of the period, in the
    city and in the unit's subtree, and per period and predikat of the trend in the subtree;
    with the unit's organisation predikat of the period's year and the distribution rules for
    it (at most one rating, as an array)."""
    published = PublishedUnitCount.objects.order_by()
    per_predikat = (
        published.filter(period=OuterRef("pk"))
        .values("predikat")
        .annotate(n=Sum("total"), in_unit=Sum("total", filter=Q(unit__any_of=subtree)))
    )
    trend = (
        published.filter(unit__any_of=subtree, period__any_of=trend_periods)
        .values("period_id", "predikat")
        .annotate(n=Sum("total"))
    )
    rating = UnitRating.objects.filter(unit=unit_id, year=OuterRef("year")).annotate(
        rule_rows=json_rows(
            DistributionRule.objects.filter(organisation_predikat=OuterRef("predikat")),
            *RULE_FIELDS,
        )
    )
    return (
        Period.objects.filter(pk=period_id)
        .annotate(
            count_rows=json_rows(per_predikat, "predikat", "n", "in_unit"),
            trend_rows=json_values(trend, "period_id", "predikat", "n"),
            rating_rows=json_rows(rating, *RATING_FIELDS, "rule_rows"),
        )
        .values("count_rows", "trend_rows", "rating_rows")
        .order_by()
    )


# The lists are array parameters (portal/lookups.py), so one statement serves every unit.
UNIT_COUNTS = PreparedQuery(unit_counts_values, -7_531, [-7_532], [-7_533], -7_534, opaque=True)


def unit_texts(name: str) -> dict[str, str]:
    """The unit page's sentences that name the unit (portal.texts: its blocktranslate tags
    were an eighth of the page's Python calls)."""
    return {
        "title": interpolated(_("Kinerja %(name)s"), name=name),
        "description": interpolated(
            _(
                "Sebaran predikat kinerja ASN di %(name)s dibandingkan dengan seluruh kota, "
                "trennya, dan predikat organisasinya."
            ),
            name=name,
        ),
        "feed": interpolated(_("Terbitan laporan kinerja %(name)s"), name=name),
        "heading": interpolated(_("Kinerja pegawai %(name)s"), name=name),
    }


def period_texts(period: Period) -> dict[str, str]:
    """The unit page's sentences that name the period (see unit_texts())."""
    label = str(period)
    return {
        "lead": interpolated(
            _(
                "Sebaran predikat kinerja pada %(period)s, dihitung dari semua laporan yang "
                "terbit di unit ini dan seluruh sub-unitnya, termasuk laporan pegawai yang "
                "dikecualikan dari publikasi perorangan."
            ),
            period=label,
        ),
        "table": interpolated(_("Predikat kinerja, %(period)s"), period=label),
        "list_link": interpolated(_("Lihat laporan perorangan unit ini, %(period)s"), period=label),
        "csv_note": interpolated(_("semua laporan terbit %(period)s, seluruh kota"), period=label),
        "organisation": interpolated(_("Predikat organisasi %(year)s"), year=period.year),
        "trend": interpolated(
            _("Tren per periode %(kind)s"), kind=period.get_kind_display().lower()
        ),
    }


class UnitPerformanceView(PeriodChoiceMixin, TemplateView):
    template_name = "reports/unit_performance.html"

    def get_context_data(self, **kwargs):
        row = UNIT_PAGE.row(self.kwargs["code"])
        if row is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        unit = instance(Unit, row)
        texts = unit_texts(unit.name)
        # The tree is read once: the breadcrumb and the sub-units come from it, and the counts
        # below get the sub-units as a list of ids, which the planner estimates well (a
        # recursive subquery it cannot, and on a million reports it then scans them all).
        tree = [UnitNode.from_row(values) for values in row["tree"]]
        periods = [choice_period(values) for values in row["period_rows"]]
        context = super().get_context_data(
            unit=unit,
            ancestors=ancestors_in(tree, unit),
            texts=texts,
            **self.choose_period(periods),
            **kwargs,
        )
        period = context["period"]
        if period is None:
            return context
        texts.update(period_texts(period))
        subtree = subtree_ids(tree, unit.pk)
        trend_periods = self.trend_periods(context["periods"], period)
        counts = UNIT_COUNTS.row(period.pk, subtree, [p.pk for p in trend_periods], unit.pk)
        unit_counts = {
            row["predikat"]: row["in_unit"] for row in counts["count_rows"] if row["in_unit"]
        }
        city_counts = {row["predikat"]: row["n"] for row in counts["count_rows"]}
        labels = charts.predikat_labels()
        unit_row = predikat_row(unit.pk, unit.name, unit_counts, labels)
        city_row = predikat_row(TOTAL, _("Seluruh Kota Tanjungpinang"), city_counts, labels)
        trend_counts = group_counts(counts["trend_rows"])
        trend_rows = [
            predikat_row(
                p.pk,
                p,
                trend_counts.get(p.pk, {}),
                labels,
                short_label=p.code,
                url=f"?periode={p.code}",
            )
            for p in trend_periods
        ]

        # The organisation predikat with the distribution rules for it.
        rating = next(iter(counts["rating_rows"]), None)
        rules = instances(DistributionRule, rating["rule_rows"]) if rating else []
        rating = instance(UnitRating, rating) if rating else None
        context.update(
            unit_row=unit_row,
            city_row=city_row,
            comparison=list(zip(unit_row.columns, city_row.columns, strict=True)),
            comparison_chart=charts.stacked_bars(
                [unit_row.bar, city_row.bar],
                title=_("Sebaran predikat kinerja %(unit)s dan seluruh kota, %(period)s")
                % {"unit": unit.name, "period": period},
                chart_id="grafik-sebaran",
            ),
            trend_rows=trend_rows,
            trend_chart=charts.trend_chart(
                [row.bar for row in trend_rows],
                title=_("Tren sebaran predikat kinerja %(unit)s per periode %(kind)s")
                % {"unit": unit.name, "kind": period.get_kind_display().lower()},
                chart_id="grafik-tren",
            ),
            rating=rating,
            check=check_distribution(
                organisation_predikat=rating.predikat if rating else None,
                rules=rules,
                counts=unit_counts,
            ),
            report_list_url=report_list_url(unit, period),
            predikat_columns=labels,
        )
        return context

    @staticmethod
    def trend_periods(periods: Sequence[Period], period: Period) -> list[Period]:
        """The latest periods of the chosen one's kind with published reports, oldest first."""
        same_kind = [
            p for p in periods if p.kind == period.kind and (p.has_published or p == period)
        ]
        return same_kind[:TREND_LENGTH][::-1]


def report_list_url(unit: Unit | None, period: Period) -> str:
    query = f"?periode={period.code}"
    if unit is not None:
        query = f"?unit={unit.code}&periode={period.code}"
    return reverse("reports:report-list") + query


# --------------------------------------------------------------------------- city dashboard


def golongan_group(golongan: str) -> str:
    if "/" in golongan:
        return golongan.split("/")[0]
    if golongan in PPPK_GOLONGAN:
        return "pppk"
    return ""


DASHBOARD_GROUPS = ("unit_id", "jabatan_type", "golongan")


def dashboard_values(period_id: int):
    """Every unit, and the period's published counts per predikat and unit, jabatan type and
    golongan, in one row: each a GROUP BY over the sums of the counts (per unit, or per jabatan
    type and golongan; a few hundred rows a period instead of the ~5,000 counts)."""
    groups = {
        f"{key}_rows": json_values(
            (PublishedUnitCount if key == "unit_id" else PublishedGradeCount)
            .objects.filter(period=OuterRef("pk"))
            .order_by()
            .values(key, "predikat")
            .annotate(n=Sum("total")),
            key,
            "predikat",
            "n",
        )
        for key in DASHBOARD_GROUPS
    }
    units = json_rows(Unit.objects.order_by(), "id", "parent_id", "code", "name", "is_active")
    return (
        Period.objects.filter(pk=period_id)
        .annotate(unit_rows=units, **groups)
        .values("unit_rows", *groups)
        .order_by()
    )


DASHBOARD_COUNTS = PreparedQuery(dashboard_values, -7_541)
UNIT_PERFORMANCE_LINK = Link("reports:unit-performance", "code")


class CityDashboardView(PeriodChoiceMixin, TemplateView):
    template_name = "reports/city_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**self.choose_period(), **kwargs)
        period = context["period"]
        if period is None:
            return context
        row = DASHBOARD_COUNTS.row(period.pk)
        units = [UnitNode.from_row(values) for values in row["unit_rows"]]
        by_unit, by_type, by_golongan = (row[f"{key}_rows"] for key in DASHBOARD_GROUPS)

        top, owner = top_level_units(units)
        unit_counts = group_counts(by_unit, owner.get)
        top_ids = {unit.pk for unit in top}
        unit_link = UNIT_PERFORMANCE_LINK.bound()
        unit_rows = [
            (unit.pk, unit.name, {"url": unit_link(unit.code)} if unit.is_active else {})
            for unit in sorted(top, key=lambda unit: unit.name.casefold())
            if unit.is_active or unit_counts.get(unit.pk)
        ]
        # Reports filed on the root itself (above every top-level unit) get their own row.
        unit_rows += [
            (pk, _("%(name)s (langsung)") % {"name": name}, {})
            for pk, name in sorted(
                (unit.pk, unit.name)
                for unit in units
                if unit.pk not in top_ids and unit_counts.get(unit.pk)
            )
        ]

        type_counts = group_counts(by_type)
        type_labels = dict(JabatanType.choices)
        type_rows = [(key, label, {}) for key, label in JabatanType.choices]
        type_rows += [
            (key, type_labels.get(key, key) or _("tidak tercatat"), {})
            for key in sorted(type_counts)
            if key not in type_labels
        ]

        golongan_counts = group_counts(by_golongan, golongan_group)
        golongan_rows = [(key, label, {}) for key, label in GOLONGAN_GROUPS]
        if golongan_counts.get(""):
            golongan_rows.append(("", _("golongan tidak tercatat"), {}))

        city = _("Seluruh kota")
        tables = [
            (unit_counts, unit_rows),
            (type_counts, type_rows),
            (golongan_counts, golongan_rows),
        ]
        forced: set = set()
        while True:  # the three tables share the city row: hide there what any of them hides
            grids = [
                suppressed_grid(counts, rows, total_label=city, hidden_in_total=forced)
                for counts, rows in tables
            ]
            hidden = set().union(*(grid.hidden_in_total for grid in grids))
            if hidden <= forced:
                break
            forced |= hidden
        unit_grid, type_grid, golongan_grid = grids
        title = _("Sebaran predikat kinerja %(group)s, %(period)s")
        context.update(
            total=unit_grid.total,
            total_chart=charts.stacked_bars(
                [unit_grid.total.bar],
                title=title % {"group": _("seluruh kota"), "period": period},
                chart_id="grafik-kota",
            ),
            unit_grid=unit_grid,
            unit_chart=charts.stacked_bars(
                [row.bar for row in unit_grid.rows],
                title=title % {"group": _("per perangkat daerah"), "period": period},
                chart_id="grafik-opd",
            ),
            type_grid=type_grid,
            type_chart=charts.stacked_bars(
                [row.bar for row in type_grid.rows],
                title=title % {"group": _("per jenis jabatan"), "period": period},
                chart_id="grafik-jabatan",
            ),
            golongan_grid=golongan_grid,
            golongan_chart=charts.stacked_bars(
                [row.bar for row in golongan_grid.rows],
                title=title % {"group": _("per golongan"), "period": period},
                chart_id="grafik-golongan",
            ),
            report_list_url=report_list_url(None, period),
            predikat_columns=charts.predikat_labels(),
        )
        return context
