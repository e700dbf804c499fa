"""The filters of the public report list: period, unit (with its sub-units), predikat and more.

Every value arrives in a bookmarkable GET query string typed by anyone, so each filter is a
closed choice: an unknown value becomes a form error in Indonesian and is left out of the
filtering, never a server error.
"""

import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

import django_filters
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from psycopg.types.numeric import Int8

from personnel.choices import GOLONGAN_CHOICES, JabatanType
from personnel.models import Employee, Unit
from personnel.tree import UnitNode
from portal.filtering import (
    CharFilter,
    ChoiceFilter,
    Kept,
    NormalizedChoices,
    SharedForm,
    TranslatedOnce,
)
from portal.models import SHORTEST, SearchWord
from portal.prepared import CompiledSQL, PreparedQuery, as_dicts, instances, values_sql
from portal.widgets import QuickSelect, QuickTextInput
from reports.choices import PeriodKind, Predikat
from reports.models import (
    LISTED_FIELDS,
    TOTAL_EXAMPLES,
    ListingKey,
    NameWordKeys,
    Period,
    PublishedCount,
    Report,
    Withholding,
    prepared_filters,
)
from reports.paging import SegmentedRows, SlicedRows, from_nearer_end, take

ALL_PERIODS = "semua"
NAME_IDS = 2000  # employees a name filter passes to the report query as a list of ids

# Best first: the order of the PermenPANRB 6/2022 scale.
PREDIKAT_RANK = {value: rank for rank, value in enumerate(Predikat.values)}

SORTS = {
    "nama": ("employee__name", "pk"),
    "-nama": ("-employee__name", "-pk"),
    "predikat": ("predikat_rank", "employee__name", "pk"),
    "-predikat": ("-predikat_rank", "employee__name", "pk"),
    "unit": ("unit__name", "employee__name", "pk"),
    "-unit": ("-unit__name", "employee__name", "pk"),
    "terbit": ("published_at", "pk"),
    "-terbit": ("-published_at", "-pk"),
}
SORT_CHOICES = [
    ("nama", _("Nama (A–Z)")),
    ("-nama", _("Nama (Z–A)")),
    ("predikat", _("Predikat (terbaik dulu)")),
    ("-predikat", _("Predikat (terendah dulu)")),
    ("unit", _("Unit kerja (A–Z)")),
    ("-unit", _("Unit kerja (Z–A)")),
    ("-terbit", _("Terbit (terbaru dulu)")),
    ("terbit", _("Terbit (terlama dulu)")),
]
DEFAULT_SORT = "nama"


def invalid_choice(message):
    return {"invalid_choice": message}


def predikat_rank():
    return Case(
        *[When(predikat=value, then=Value(rank)) for value, rank in PREDIKAT_RANK.items()],
        output_field=IntegerField(),
    )


def periods_with_published_reports():
    """Periods that have at least one published report, newest first (annual before parts)."""
    return (
        Period.objects.filter(Exists(Report.objects.published().filter(period=OuterRef("pk"))))
        .only("id", "code", "kind", "year", "number", "start", "end")
        .order_by("-end", "start")
    )


PERIOD_FIELDS = ("id", "code", "kind", "year", "number", "start", "end")
UNIT_FIELDS = ("id", "parent_id", "code", "name")


def choices_sql() -> tuple[str, list, tuple[str, ...]]:
    """The rows the list's choices are made of: the periods with published reports and every
    unit, each as one json array of arrays of their values (portal.prepared.values_sql()),
    left as text: list_choices() keys what it made of them by that text and decodes it only to
    make new choices."""
    periods, period_params, _fields = values_sql(
        periods_with_published_reports().values(*PERIOD_FIELDS)
    )
    units, unit_params, _fields = values_sql(
        Unit.objects.order_by("name", "code").values(*UNIT_FIELDS)
    )
    sql = f"SELECT ({periods})::text AS periods, ({units})::text AS units"
    return sql, [*period_params, *unit_params], ("periods", "units")


# One prepared statement for both (two until 2026-12-01: a round trip more for every list).
CHOICE_ROWS = CompiledSQL(choices_sql)


KEYED_FILTERS = {"period", "predikat", "unit__in"}


@dataclass(frozen=True)
class KeyedShape:
    """Which of the listing keys' filters a list uses, and which way each part reads."""

    predikat: bool
    unit: bool
    keys_descending: bool  # the ids, read from the nearer end of the index
    rows_descending: bool  # the rows, in the list's own order


def keyed_filters(filters: dict | None) -> dict | None:
    """`filters` (as count_filters() gives them) when reports.ListingKey's indexes can give
    their rows in name order: one period, with a predikat, one unit, both or neither. None for
    every period, several units, or a filter the keys do not hold (jabatan type, golongan)."""
    if filters is None or "period" not in filters or set(filters) - KEYED_FILTERS:
        return None
    if len(filters.get("unit__in", [0])) != 1:
        return None
    return filters


def keyed_page_values(shape: KeyedShape, period, *args):
    """The list's rows of one page of ListingKey ids: `args` are the predikat and the unit
    (those the shape uses), then the number of rows and the offset."""
    *values, limit, offset = args
    keys = ListingKey.objects.filter(period=period).exclude(
        # NOT IN, which PostgreSQL tests against a hash of the few withheld employees, where
        # NOT EXISTS made it probe the withholdings' index once per row walked.
        employee__in=Withholding.objects.active().values("employee_id")
    )
    if shape.predikat:
        keys = keys.filter(predikat=values.pop(0))
    if shape.unit:
        keys = keys.filter(unit=values.pop(0))
    order = ("-name", "-report") if shape.keys_descending else ("name", "report")
    sql, params = keys.order_by(*order).values("report").query.sql_with_params()
    # The slice as parameters (a queryset slice is written into the SQL), so that one prepared
    # statement serves every page.
    ids = RawSQL(f"{sql} LIMIT %s OFFSET %s", (*params, limit, offset))
    rows = Report.objects.filter(pk__in=ids).for_listing()
    return rows.order_by(*SORTS["-nama" if shape.rows_descending else "nama"])


KEYED_PAGES: dict[KeyedShape, PreparedQuery] = {}


def keyed_page(filters: dict, start: int, stop: int, size: int, *, descending: bool) -> list:
    """Rows [start, stop) of the `size` rows `filters` (keyed_filters()) select in name order,
    their ids read from the nearer end of the listing keys' index; one prepared statement per
    shape, since the index and so the plan are the same whatever the values."""
    start, stop, backwards = from_nearer_end(start, stop, size)
    shape = KeyedShape(
        "predikat" in filters, "unit__in" in filters, descending != backwards, descending
    )
    query = KEYED_PAGES.get(shape)
    if query is None:
        examples = [-7_561, *(["\x1fpredikat"] * shape.predikat), *([-7_562] * shape.unit)]
        query = KEYED_PAGES[shape] = PreparedQuery(
            functools.partial(keyed_page_values, shape),
            *examples,
            Int8(97_531),
            Int8(97_532),
            opaque=True,  # the same plan for any page (portal.prepared.opaqued)
        )
    values = [filters["period"].pk]
    if shape.predikat:
        values.append(filters["predikat"])
    if shape.unit:
        values.append(filters["unit__in"][0])
    return query.rows(*values, Int8(stop - start), Int8(start))


# The sorts a filtered page is read in by one statement compiled once (filtered_page()); the
# others are read one predikat or unit group at a time (ReportFilter.segmented()).
STATEMENT_SORTS = ("nama", "-nama", "terbit", "-terbit")


def first_matches(employees, limit: int):
    """The id ("pk") and name of the first `limit` employees of `employees`, in no order: what
    both readings of a name's matches start from (matching_names(), in_name_order())."""
    return employees.order_by().values("pk", "name")[:limit]


def matching_names(queryset, limit: int) -> tuple[str, str]:
    """The ids of the first `limit` employees of `queryset` and the rank of each one's name in
    name order (equal names, equal ranks), as two texts in the same order ("3,17,42" and
    "2,1,2"; "" and "" for none): read as two values, not a row per employee."""
    sql, params = first_matches(queryset, limit).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(ranked.pk::text, ','), string_agg(ranked.rank::text, ',')"
            " FROM (SELECT matched.pk, dense_rank() OVER (ORDER BY matched.name) AS rank"
            f" FROM ({sql}) AS matched) AS ranked",
            params,
        )
        ids, ranks = cursor.fetchone()
        return ids or "", ranks or ""


def in_name_order(queryset, name: str, *, descending: bool) -> list[str] | None:
    """The ids of the reports of `queryset` whose employee's name contains `name`, as texts, in
    the order of the names, then of the reports' ids; None when more than NAME_IDS employees
    match (the list then filters by the name in the join: filter_name()).

    The statement is name_order_sql()'s; the report list runs it compiled once per set of
    filters (name_order_statement()), and this reads it for any queryset.
    """
    sql, params = name_order_sql(queryset, name, descending=descending)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (ordered,) = cursor.fetchone()
    return ids_in_order(ordered)


def ids_in_order(ordered: str | None) -> list[str] | None:
    """name_order_sql()'s one value as a list of ids (texts), or None when it is NULL."""
    if ordered is None:
        return None
    return ordered.split(",") if ordered else []


def name_order_sql(queryset, name: str, *, descending: bool) -> tuple[str, tuple]:
    """The statement of in_name_order(): one row, one column of the ids ("3,17,42"), NULL when
    more than NAME_IDS employees match.

    One statement reads the matching employees (at most NAME_IDS + 1, as matching_names() does)
    and their reports, in the same order as SORTS["nama"] (or "-nama"). Read in two, the first
    sent the employees' ids and ranks back to Python and the second sent them to PostgreSQL
    again, as arrays of up to 2,000 numbers that it parsed anew (~3 ms of ~10 for "siti").
    The reports are found by their employees' ids, as an array, so that PostgreSQL probes
    (period, employee) once per employee, in the index alone (report_published_employee holds
    the reports' ids): joined to the employees, it estimated the matches too many and read the
    whole period's reports instead.

    Withheld employees are never matched (NOT IN, tested against a hash of the few active
    withholdings), so `queryset` need not leave them out: a NOT EXISTS on each report probed
    the withholdings' index once per report (~1,250 times for "siti").
    """
    employees = Employee.objects.filter(name__icontains=name).exclude(
        pk__in=Withholding.objects.active().values("employee_id")
    )
    matched, matched_params = first_matches(employees, NAME_IDS + 1).query.sql_with_params()
    reports, report_params = (
        queryset.filter(employee_id__in=RawSQL("SELECT unnest(ARRAY(SELECT pk FROM matched))", ()))
        .order_by()
        .values("pk", "employee_id")
        .query.sql_with_params()
    )
    direction = " DESC" if descending else ""
    sql = (
        f"SELECT CASE WHEN (SELECT count(*) FROM matched) > %s THEN NULL ELSE"
        f" (SELECT coalesce(string_agg(report.pk::text, ',' ORDER BY matched.name{direction},"
        f" report.pk{direction}), '') FROM ({reports}) AS report"
        " JOIN matched ON matched.pk = report.employee_id) END AS ids"
    )
    # The employees as a CTE in a subquery, so that the statement starts with SELECT: a WITH in
    # front made django-pghistory put its context before it, as a second command.
    sql = f"SELECT ids FROM (WITH matched AS MATERIALIZED ({matched}) {sql}) AS ordered"
    return sql, (*matched_params, NAME_IDS, *report_params)


NAME_STANDIN = "\x1fnama"  # the name a statement is compiled with: no employee has it


def like_pattern(name: str) -> str:
    """`name` as Django's `icontains` passes it to LIKE: its %, _ and \\ escaped, between %."""
    return f"%{connection.ops.prep_for_like_query(name)}%"


@functools.cache
def name_order_statement(names: tuple[str, ...], descending: bool) -> CompiledSQL:
    """name_order_sql() over one period's published reports under the filters `names` (as
    TOTAL_EXAMPLES names them), compiled once per shape: the period, the filters' values, then
    the name as like_pattern() gives it. Building and compiling the two querysets took ~1.5 ms
    of the worker's time at each request. Not prepared: the best plan depends on the name (a
    common one matches a thousand employees, a rare one a few)."""

    def build(period, *args):
        *values, _pattern = args  # the stand-in's pattern, where icontains puts it
        reports = Report.objects.published().filter(
            period=period, **dict(zip(names, values, strict=True))
        )
        sql, params = name_order_sql(reports, NAME_STANDIN, descending=descending)
        return sql, params, ("ids",)

    examples = (TOTAL_EXAMPLES[name] for name in names)
    return CompiledSQL(build, -7_591, *examples, like_pattern(NAME_STANDIN), prepare=False)


# A name search the names' words answer (name_words_statement()): words of the letters a to z
# only (where Python and PostgreSQL surely agree on what is a letter and on its lower case), at
# most NAME_WORDS of them, one of at least three letters (the word list's shortest words), under
# these filters besides the period.
NAME_WORDS = 4
LETTERS = re.compile(r"[a-z]*")
NAME_WORD_FILTERS = {"unit__any_of", "predikat"}


def name_words(name: str) -> list[str] | None:
    """The words of `name` that narrow a name_words_statement() (three letters or more), or None
    when that statement cannot answer it: anything but the letters a to z and spaces, more than
    NAME_WORDS words, or none long enough."""
    parts = name.lower().split(" ")
    if len(parts) > NAME_WORDS or not all(LETTERS.fullmatch(part) for part in parts):
        return None
    words = [part for part in parts if len(part) >= SHORTEST]
    return words or None


class Overlaps(Func):
    arg_joiner = " && "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def word_stand_in(number: int) -> str:
    return like_pattern(f"{NAME_STANDIN}{number}")


@functools.cache
def name_words_statement(
    names: tuple[str, ...], words: int, phrase: bool, descending: bool
) -> CompiledSQL:
    """The ids of one period's listed reports under the filters `names` (a subset of
    NAME_WORD_FILTERS) whose employee's name holds what was typed, as name_order_sql() gives
    them: one text ("3,17,42"), in the order of the names, then of the reports' ids; NULL when
    more than NAME_IDS match. The arguments: the period, the filters' values, the `words`
    words of name_words() and, when what was typed is more than one word (`phrase`), the whole
    of it, each as like_pattern() gives it.

    A name holds a word of letters (case aside) exactly where one of its words does, since a
    name's words are split at anything but a letter: so the words of the search's word list that
    contain it (portal.models.SearchWord, which holds every name's words), each keyed by the
    period ("3:siti"), are looked up in reports.ListingKey's listingkey_name_words index, which
    gives the period's matching reports with their names. A name that holds several words
    typed with spaces between them holds each of them: the index gives the names holding all,
    and those are checked for the whole of what was typed (ILIKE, as name_order_sql()).

    name_order_sql() found the employees by a trigram index, rechecked each one's row (~950 heap
    pages for "siti" on the scale data), probed the period's reports once per employee (~1,250)
    and sorted them: ~14 ms of PostgreSQL against ~2.7 here (bench/README.md).
    """

    def build(period, *args):
        values, patterns = args[: len(names)], args[len(names) : len(names) + words]
        keys = ListingKey.objects.filter(**dict(zip(names, values, strict=True))).exclude(
            employee_id__in=Withholding.objects.active().values("employee_id")
        )
        for pattern in patterns:
            known = RawSQL(
                f"ARRAY(SELECT %s::text || ':' || word FROM {SearchWord._meta.db_table}"
                " WHERE word LIKE %s)",
                (period, pattern),
            )
            keys = keys.filter(Overlaps(NameWordKeys(F("period"), F("name")), known))
        if phrase:  # several words: their order and the spaces between them
            # The stand-in, which icontains makes its example's pattern (name_order_statement()).
            keys = keys.filter(name__icontains=NAME_STANDIN)
        # No condition on the period but the keys': with one, PostgreSQL ANDed the period's
        # ~100,000 entries of another index with the few the keys give (6 of 8 ms for "siti").
        keys = keys.order_by().values("report_id", "name")
        sql, params = keys[: NAME_IDS + 1].query.sql_with_params()
        direction = " DESC" if descending else ""
        # The first NAME_IDS + 1 matches, counted; sorted only when they are all: a common
        # piece of a name ("ani") stops reading there.
        sql = (
            f"SELECT ids FROM (WITH matched AS MATERIALIZED ({sql})"
            f" SELECT CASE WHEN (SELECT count(*) FROM matched) > %s THEN NULL ELSE"
            f" (SELECT coalesce(string_agg(report_id::text, ',' ORDER BY name{direction},"
            f" report_id{direction}), '') FROM matched) END AS ids) AS ordered"
        )
        return sql, (*params, NAME_IDS), ("ids",)

    examples = (TOTAL_EXAMPLES[name] for name in names)
    stand_ins = [word_stand_in(number) for number in range(words)]
    if phrase:
        stand_ins.append(like_pattern(NAME_STANDIN))
    return CompiledSQL(build, -7_591, *examples, *stand_ins, prepare=False)


@functools.cache
def rows_by_id(sort: str) -> PreparedQuery:
    """The list's rows of the reports whose ids are given (a list, as one array), in the order
    of `sort`: a page of by_matched_name()'s ids, in one statement prepared once per sort."""
    return PreparedQuery(
        lambda ids: (
            Report.objects.disclosed().filter(pk__any_of=ids).for_listing().order_by(*SORTS[sort])
        ),
        [-7_563],
    )


def reversed_order(order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key[1:] if key.startswith("-") else f"-{key}" for key in order)


@functools.cache
def filtered_page(order: tuple[str, ...], names: tuple[str, ...]) -> CompiledSQL:
    """The list's rows of one period under the filters `names` (as TOTAL_EXAMPLES names them:
    the units as an array), in `order`, a slice at a time: the period, the filters' values,
    then the number of rows and the offset.

    Compiled once per shape, since building and compiling the queryset cost more than running
    it; not prepared, since its best plan depends on the values (a school or the whole
    education office, a common predikat or a rare one) and PostgreSQL plans it for each.

    In publication order the slice's ids are read first, from the report_published_at_filters
    index alone (it holds every column the filters test), and only its rows are then read from
    the table: walking the index and testing each report's row skipped ~700 rows for a page of
    50 Baik reports of one office, ~620 table pages against ~20 of the index.
    """

    def build(period, *args):
        *values, limit, offset = args
        reports = Report.objects.disclosed().filter(
            period=period, **dict(zip(names, values, strict=True))
        )
        by_id = order[0].lstrip("-") == "published_at"
        rows = reports.order_by(*order)
        rows = rows.values("pk") if by_id else rows.for_listing()
        sql, params = rows.query.sql_with_params()
        # The slice as parameters: a queryset slice is written into the SQL.
        sql, params = f"{sql} LIMIT %s OFFSET %s", (*params, limit, offset)
        if by_id:
            page = Report.objects.filter(pk__in=RawSQL(sql, params)).for_listing()
            sql, params = page.order_by(*order).query.sql_with_params()
        return sql, params, LISTED_FIELDS

    examples = (TOTAL_EXAMPLES[name] for name in names)
    return CompiledSQL(build, -7_581, *examples, Int8(97_581), Int8(97_582), prepare=False)


@dataclass(frozen=True)
class ListChoices:
    """What the list's filter makes of the periods and units it reads for its choices."""

    periods: dict[str, Period]  # by code, the latest first
    periods_by_id: dict[int, Period]
    default_period: Period | None
    period_choices: NormalizedChoices
    units: list[UnitNode]  # in the database's own order of names, which the unit sort follows
    unit_ids: dict[str, int]
    units_by_id: dict[int, UnitNode]
    children: dict[int | None, tuple[int, ...]]
    units_by_name: list[list[int]]  # the units' ids grouped by name, in the order of the names
    unit_choices: NormalizedChoices


def made_choices(period_rows: str, unit_rows: str) -> ListChoices:
    """The choices made of choices_sql()'s two json texts."""
    periods = instances(Period, as_dicts(PERIOD_FIELDS, json.loads(period_rows)))
    units = [UnitNode.from_row(row) for row in as_dicts(UNIT_FIELDS, json.loads(unit_rows))]
    # A citizen's first question is the year's evaluation, not the latest monthly pilot.
    annual = [period for period in periods if period.kind == PeriodKind.ANNUAL]
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit.pk)
    return ListChoices(
        periods={period.code: period for period in periods},
        periods_by_id={period.pk: period for period in periods},
        default_period=(annual or periods or [None])[0],
        period_choices=NormalizedChoices(
            [*((period.code, str(period)) for period in periods), (ALL_PERIODS, _("Semua periode"))]
        ),
        units=units,
        unit_ids={unit.code: unit.pk for unit in units},
        units_by_id={unit.pk: unit for unit in units},
        children={parent: tuple(ids) for parent, ids in children.items()},
        units_by_name=[[u.pk for u in same] for _name, same in groupby(units, lambda u: u.name)],
        unit_choices=NormalizedChoices((unit.code, unit.name) for unit in units),
    )


CHOICES_KEPT = 8
_made = Kept(CHOICES_KEPT)


def list_choices(period_rows: str, unit_rows: str) -> ListChoices:
    """The list's choices made from these rows (choices_sql()'s json texts), the same objects
    while the database returns the same rows and the language is the same (the periods' labels
    are in it).

    The rows are read at every request; only what is made of them is kept, for the latest
    CHOICES_KEPT sets of rows: a unit renamed or a period published reads other rows, which
    make new choices. Making them (a period instance, a unit node, two choices of each) and
    keying the filter form by their value was a tenth of the list's Python. Nothing here is
    changed after it is made; the filterset, its form and the listed rows only read it.
    """
    key = (translation.get_language(), period_rows, unit_rows)
    return _made.get(key, lambda: made_choices(period_rows, unit_rows))


class ReportFilter(SharedForm, TranslatedOnce, django_filters.FilterSet):
    periode = ChoiceFilter(
        widget=QuickSelect,
        label=_("Periode"),
        method="filter_periode",
        empty_label=None,
        error_messages=invalid_choice(
            _("Periode «%(value)s» tidak dikenal; yang ditampilkan periode terbaru.")
        ),
    )
    unit = ChoiceFilter(
        widget=QuickSelect,
        label=_("Unit kerja (termasuk sub-unit)"),
        method="filter_unit",
        empty_label=_("Semua unit kerja"),
        error_messages=invalid_choice(_("Unit kerja «%(value)s» tidak dikenal; filter diabaikan.")),
    )
    predikat = ChoiceFilter(
        widget=QuickSelect,
        label=_("Predikat"),
        choices=Predikat.choices,
        empty_label=_("Semua predikat"),
        error_messages=invalid_choice(_("Predikat «%(value)s» tidak dikenal; filter diabaikan.")),
    )
    jabatan = ChoiceFilter(
        widget=QuickSelect,
        label=_("Jenis jabatan"),
        field_name="jabatan_type",
        choices=JabatanType.choices,
        empty_label=_("Semua jenis jabatan"),
        error_messages=invalid_choice(
            _("Jenis jabatan «%(value)s» tidak dikenal; filter diabaikan.")
        ),
    )
    golongan = ChoiceFilter(
        widget=QuickSelect,
        label=_("Golongan"),
        choices=GOLONGAN_CHOICES,
        empty_label=_("Semua golongan"),
        error_messages=invalid_choice(_("Golongan «%(value)s» tidak dikenal; filter diabaikan.")),
    )
    q = CharFilter(
        widget=QuickTextInput,
        label=_("Nama pegawai"),
        method="filter_name",
        max_length=100,
    )
    urut = ChoiceFilter(
        widget=QuickSelect,
        label=_("Urutkan"),
        method="sort",
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages=invalid_choice(
            _("Urutan «%(value)s» tidak dikenal; diurutkan menurut nama.")
        ),
    )

    def __init__(self, data=None, *args, **kwargs):
        # One prepared statement for the period and unit choices; the defaults follow from
        # them, and the list's rows take their periods and units from them.
        rows = CHOICE_ROWS.row()
        choices = list_choices(rows["periods"], rows["units"])
        self.default_period = choices.default_period
        self.periods = choices.periods
        self.periods_by_id = choices.periods_by_id
        self.unit_ids = choices.unit_ids
        self.units_by_id = choices.units_by_id
        self.units = choices.units
        self.children = choices.children
        self.units_by_name = choices.units_by_name
        self.name_deferred = False  # filter_name() leaves the name to by_matched_name()
        self.many_names = False  # the name matched more than NAME_IDS employees
        data = data.copy() if data is not None else None
        if data is not None:
            if not data.get("periode") and self.default_period:
                data["periode"] = self.default_period.code
            if not data.get("urut"):
                data["urut"] = DEFAULT_SORT
        super().__init__(data, *args, **kwargs)
        self.filters["periode"].extra["choices"] = choices.period_choices
        self.filters["unit"].extra["choices"] = choices.unit_choices

    @property
    def period(self):
        """The period shown: the one chosen, else the latest (None for every period)."""
        code = self.form.cleaned_data.get("periode") if self.is_bound else None
        if code == ALL_PERIODS:
            return None
        return self.periods.get(code, self.default_period)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("periode") and self.default_period:
            # An unknown period code falls back to the latest period, not to every period.
            queryset = queryset.filter(period=self.default_period)
        if not self.form.cleaned_data.get("urut"):
            queryset = self.sort(queryset, "urut", DEFAULT_SORT)
        return queryset

    def filter_periode(self, queryset, name, value):
        if value == ALL_PERIODS:
            return queryset
        return queryset.filter(period=self.periods[value])

    def filter_name(self, queryset, name, value):
        if self.name_deferred:  # by_matched_name() reads the matches with their reports
            return queryset
        # The matching employees first (a trigram index scan), then their reports by id: joined
        # instead, the planner walks the name index for the sort and filters most of it away.
        # A name matching very many employees is filtered in the join as before.
        ids = None
        if not self.many_names:
            ids, _ranks = matching_names(
                Employee.objects.filter(name__icontains=value), NAME_IDS + 1
            )
        if ids is None or ids.count(",") + 1 > NAME_IDS:
            return queryset.filter(employee__name__icontains=value)
        # As a set to join, not a list to filter by: "employee_id = ANY(list)" made the planner
        # scan the whole period's index and test each row against the list (50,000 rows for
        # "siti"); "IN (SELECT unnest(list))" probes (period, employee) once per employee.
        # The ids go back as the text of an array, as they came: passed as a list, psycopg
        # wrote each of up to 2,000 numbers in Python, for the count and again for the page.
        return queryset.filter(
            employee_id__in=RawSQL("SELECT unnest(%s::bigint[])", (f"{{{ids}}}",))
        )

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__in=self.subtree(value))

    def subtree(self, code) -> list[int]:
        # The sub-units are found in the tree already loaded for the choices, and passed as a
        # list of ids: the planner estimates a list well, a recursive subquery it cannot.
        found, stack = set(), [self.unit_ids[code]]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(self.children.get(pk, ()))
        return sorted(found)

    def count_filters(self, *, with_name: bool = False) -> dict | None:
        """The filters applied, as PublishedCount.objects.disclosed_total() takes them.

        None when a filter the counts cannot answer is in use (the name search, or any filter
        added later and not listed here): the list then counts its rows with COUNT(*).
        `with_name`: the other filters of a name search (by_matched_name() applies the name).
        """
        data = {name: value for name, value in self.form.cleaned_data.items() if value}
        known = {"periode", "unit", "predikat", "jabatan", "golongan", "urut"}
        if set(data) - known - ({"q"} if with_name else set()):
            return None
        filters = {}
        periode = data.get("periode")
        if periode and periode != ALL_PERIODS:
            filters["period"] = self.periods[periode]
        elif not periode and self.default_period:
            filters["period"] = self.default_period
        if "unit" in data:
            filters["unit__in"] = self.subtree(data["unit"])
        for name, field in (("predikat", "predikat"), ("jabatan", "jabatan_type")):
            if name in data:
                filters[field] = data[name]
        if "golongan" in data:
            filters["golongan"] = data["golongan"]
        return filters

    def segmented(self) -> SegmentedRows | None:
        """The filtered rows read one predikat or unit group at a time (reports.paging), when
        the list is sorted by one of them and the published counts can size the groups."""
        sort = self.form.cleaned_data.get("urut") or DEFAULT_SORT
        key = sort.lstrip("-")
        filters = self.count_filters() if key in ("predikat", "unit") else None
        if filters is None:
            return None
        if key == "predikat":
            groups, field = [[value] for value in PREDIKAT_RANK], "predikat"
        else:
            groups, field = self.units_by_name, "unit"
        if sort.startswith("-"):
            groups = groups[::-1]
        counts = PublishedCount.objects.disclosed_by(field, **filters)
        sizes = [sum(counts.get(value, 0) for value in group) for group in groups]
        total = sum(sizes)

        def own(group) -> dict:
            return {"predikat": group[0]} if field == "predikat" else {"unit__in": group}

        def part(piece):
            size, end = sizes[piece.segment], piece.offset + piece.limit
            group = groups[piece.segment]
            keyed = keyed_filters({**filters, **own(group)})
            if keyed is not None:  # a group is in name order, whichever way the list is sorted
                return keyed_page(keyed, piece.offset, end, size, descending=False)
            rows = self.qs.for_listing().filter(**{f"{field}__in": group})
            # A large group in name order, as the name index gives it: reaching row `end` walks
            # about end * total / size names. A small one is cheaper sorted whole; its order
            # then names the group first, which no index gives, so PostgreSQL sorts it.
            walk = size * size > min(end, size - piece.offset) * total
            order = ("employee__name", "pk") if walk else SORTS[sort]
            return take(rows.order_by(*order), piece.offset, end, size)

        def fetch(pieces):
            if len(pieces) <= 2:
                return [row for piece in pieces for row in part(piece)]
            # The groups between the first and the last are whole and fit in the page: one
            # query sorts their few rows.
            inner = [value for piece in pieces[1:-1] for value in groups[piece.segment]]
            middle = self.qs.for_listing().filter(**{f"{field}__in": inner})
            middle = middle.order_by(*SORTS[sort])
            return [*part(pieces[0]), *middle, *part(pieces[-1])]

        # A group the listing keys cannot give in name order is walked (take()).
        walked = [keyed_filters({**filters, **own(group)}) is None for group in groups]
        return SegmentedRows(sizes, fetch, walked=walked)

    def by_name(self, size: int) -> SlicedRows | None:
        """The rows, when the list is sorted by name and its filters are ones reports.ListingKey
        can order (keyed_filters()); `size` is their number, from the counts."""
        sort = self.form.cleaned_data.get("urut") or DEFAULT_SORT
        filters = keyed_filters(self.count_filters()) if sort.lstrip("-") == "nama" else None
        if filters is None:
            return None
        descending = sort.startswith("-")
        return SlicedRows(
            size,
            lambda start, stop: keyed_page(filters, start, stop, size, descending=descending),
        )

    def by_matched_name(self) -> SlicedRows | None:
        """The rows of a name search in name order, when the name matches few enough employees
        to be read by id (NAME_IDS).

        Their reports' ids are read once, in order, with the matching employees (one statement:
        in_name_order()): their number is the total, and a page is its slice of them, read by
        id. Counted and paged as a queryset, each of the two probed every matching employee's
        reports, and the page then joined and sorted every match by name (~1,250 for "siti":
        ~12 ms of PostgreSQL a page).
        """
        sort = self.form.cleaned_data.get("urut") or DEFAULT_SORT
        name = self.form.cleaned_data.get("q")
        if not name or sort.lstrip("-") != "nama":
            return None
        descending = sort.startswith("-")
        filters = self.count_filters(with_name=True)
        prepared = prepared_filters(filters) if filters is not None else None
        if prepared is not None:
            period, others = prepared
            names = tuple(sorted(others))
            words = name_words(name) if set(names) <= NAME_WORD_FILTERS else None
            if words:
                phrase = words != [name.lower()]
                statement = name_words_statement(names, len(words), phrase, descending)
                patterns = [like_pattern(word) for word in words]  # the list is in lower case
                patterns += [like_pattern(name)] if phrase else []
            else:
                statement = name_order_statement(names, descending)
                patterns = [like_pattern(name)]
            row = statement.row(period, *map(others.get, names), *patterns)
            ids = ids_in_order(row["ids"])
        else:  # every period, or a filter the statement does not take
            self.name_deferred = True  # every filter but the name's: in_name_order() applies it
            try:
                # Published, not disclosed(): in_name_order() leaves the withheld employees out.
                queryset = self.filter_queryset(Report.objects.published())
            finally:
                self.name_deferred = False
            ids = in_name_order(queryset, name, descending=descending)
        if ids is None:  # too many employees: the list filters by the name in the join
            self.many_names = True
            return None
        rows = rows_by_id(sort)

        def fetch(start, stop):
            return rows.rows([int(pk) for pk in ids[start:stop]])

        return SlicedRows(len(ids), fetch, from_counts=False)

    def by_statement(self, size: int) -> SlicedRows | None:
        """The rows, when the list is sorted by name or publication and the counts can answer
        its filters (a period, and any of units, predikat, jabatan type and golongan); `size`
        is their number. Each slice is read from the nearer end by filtered_page()."""
        sort = self.form.cleaned_data.get("urut") or DEFAULT_SORT
        filters = self.count_filters() if sort in STATEMENT_SORTS else None
        prepared = prepared_filters(filters) if filters is not None else None
        if prepared is None:
            return None
        period, others = prepared
        names = tuple(sorted(others))
        values = [others[name] for name in names]

        def fetch(start, stop):
            start, stop, backwards = from_nearer_end(start, stop, size)
            order = reversed_order(SORTS[sort]) if backwards else SORTS[sort]
            rows = filtered_page(order, names).rows(
                period, *values, Int8(stop - start), Int8(start)
            )
            return rows[::-1] if backwards else rows

        return SlicedRows(size, fetch)

    def sort(self, queryset, name, value):
        if value.lstrip("-") == "predikat":
            queryset = queryset.annotate(predikat_rank=predikat_rank())
        return queryset.order_by(*SORTS[value])
