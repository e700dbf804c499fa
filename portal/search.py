"""Site search over units, positions, employees and indicators, grouped by kind.

Each kind's queryset decides what matches, how it ranks and what is public (personnel.search;
indicators only from disclosed reports). Here the groups are counted and paged in a fixed number
of queries, whatever the size of the tables: the typo corrections from the word list in one
query, all counts in one statement, each capped at COUNT_CAP so a common word over millions of
indicators never counts them all, then one query per group that has results.

Those statements are built from the querysets once per process and shape (which kinds, with or
without corrected words, which slice), and each search only puts its words in their places
(portal.prepared, `prepare=False`): building and compiling the full-text expressions was a
third of the page's time. They are not prepared, so PostgreSQL still plans each search for its
own words: a common word and a rare one need different plans over the indicators.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from personnel.models import Employee, Position, Unit
from portal.models import SearchWord
from portal.prepared import CompiledSQL, PreparedQuery, instance
from reports.models import Indicator, Period, Report, Withholding

COUNT_CAP = 1000
PER_GROUP = 5  # results of each kind on the overview
PER_PAGE = 20  # results on one kind's own pages


# Stand-ins for the words while a statement is compiled (portal.prepared): strings that no
# query holds otherwise.
TERMS = "\x1fterms"
ALSO = "\x1falso"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    item: Callable[[dict], object]  # a result for the template from a row of search_rows()
    corrected: bool = False  # searched with misspelt words corrected from the word list
    source: Callable | None = None  # the rows searched, when not all of the model's

    def rows(self):
        return self.source() if self.source else self.model.objects.all()

    def matches(self, terms, also=""):
        if self.corrected:
            return self.rows().search(terms, also=also)
        return self.rows().search(terms)

    def search_rows(self, terms, start, stop, also=""):
        if self.corrected:
            return self.rows().search_rows(terms, start, stop, also=also)
        return self.rows().search_rows(terms, start, stop)

    def page(self, terms, start, stop, also=""):
        """Results start..stop, ranked."""
        query = page_statement(self.key, start, stop, bool(also and self.corrected))
        return [self.item(row) for row in query.rows(*words(terms, also, self.corrected))]


def words(terms: str, also: str, corrected: bool = True) -> tuple[str, ...]:
    """The arguments of a statement compiled with (TERMS, ALSO), or with TERMS alone."""
    return (terms, also) if also and corrected else (terms,)


def unit_item(row: dict) -> Unit:
    return instance(Unit, row)


def position_item(row: dict) -> Position:
    position = instance(Position, row)
    position.unit = instance(Unit, row, "unit__")
    return position


def employee_item(row: dict) -> Employee:
    employee = instance(Employee, row)
    employee.position_title = row["position_title"]
    employee.unit_code = row["unit_code"]
    employee.unit_name = row["unit_name"]
    return employee


def indicator_item(row: dict) -> Indicator:
    report = instance(Report, row, "report__")
    report.employee = instance(Employee, row, "report__employee__")
    report.period = instance(Period, row, "report__period__")
    indicator = instance(Indicator, row)
    indicator.report = report
    return indicator


def unwithheld_employees():
    """Employees whose reports the PPID has not withheld: a withheld name is not searchable
    (the disclosure scan asserts it appears nowhere)."""
    return Employee.objects.exclude(
        Exists(Withholding.objects.active().filter(employee_id=OuterRef("pk")))
    )


KINDS = (
    Kind("unit", _("Unit kerja"), Unit, unit_item),
    Kind("jabatan", _("Jabatan"), Position, position_item),
    Kind("pegawai", _("Pegawai"), Employee, employee_item, source=unwithheld_employees),
    # Names and titles are short enough for a trigram index of their own (personnel.search);
    # millions of indicator texts are not, so a typo there is corrected from the word list.
    Kind("indikator", _("Indikator kinerja"), Indicator, indicator_item, corrected=True),
)
KIND_KEYS = [kind.key for kind in KINDS]
BY_KEY = {kind.key: kind for kind in KINDS}


def examples(also: bool) -> tuple[str, ...]:
    """The stand-ins a statement is compiled with: the words, and the corrected words if any."""
    return (TERMS, ALSO) if also else (TERMS,)


@lru_cache(maxsize=256)
def page_statement(key: str, start: int, stop: int, also: bool) -> PreparedQuery:
    """The statement of one kind's results start..stop (a few shapes: the overview's and each
    page of a kind's own, up to COUNT_CAP)."""
    kind = BY_KEY[key]

    def build(terms, also=""):
        return kind.search_rows(terms, start, stop, also)

    return PreparedQuery(build, *examples(also), prepare=False)


@lru_cache(maxsize=16)
def counts_statement(keys: tuple[str, ...], also: bool) -> CompiledSQL:
    """The statement of the capped counts of the kinds `keys` (see capped_counts_sql)."""
    kinds = [BY_KEY[key] for key in keys]

    def build(terms, also=""):
        return capped_counts_sql([kind.matches(terms, also) for kind in kinds])

    return CompiledSQL(build, *examples(also), columns=keys, prepare=False)


@dataclass
class Group:
    kind: Kind
    count: int  # at most COUNT_CAP
    capped: bool  # more than COUNT_CAP matches
    results: list = field(default_factory=list)
    url: str = ""  # this kind's own pages

    @property
    def has_more(self) -> bool:
        return self.capped or self.count > len(self.results)


def capped_counts_sql(querysets: list, cap: int = COUNT_CAP) -> tuple[str, list]:
    """One statement: how many rows each queryset has, counting no further than cap + 1."""
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")
        params.extend(part_params)
    return "SELECT " + ", ".join(parts), params


def capped_counts(kinds, terms: str, also: str = "") -> list[int]:
    """The capped count of each of `kinds` for `terms`, in one query."""
    keys = tuple(kind.key for kind in kinds)
    corrected = bool(also) and any(kind.corrected for kind in kinds)
    row = counts_statement(keys, corrected).row(*words(terms, also, corrected))
    return [row[key] for key in keys]


def kind_url(terms: str, kind: str, page: int = 1) -> str:
    query = {"q": terms, "jenis": kind} | ({"page": page} if page > 1 else {})
    return reverse("search") + "?" + urlencode(query)


def refresh_words() -> int:
    """Rebuild the word list for typo correction from the public texts; returns its size."""
    indicators = Indicator.objects.disclosed()
    return SearchWord.objects.rebuild(
        [
            Unit.objects.active().values_list("name"),
            Position.objects.filter(unit__is_active=True).values_list("title"),
            indicators.values_list("rhk"),
            indicators.values_list("iki"),
        ]
    )


def corrected(terms: str) -> tuple[str, dict[str, str]]:
    """`terms` with each unknown word replaced by the nearest known one ("" when none is)."""
    corrections = SearchWord.objects.corrections(terms)
    if not corrections:
        return "", {}
    words = [corrections.get(word.lower(), word) for word in terms.split()]
    return " ".join(words), corrections


def overview(terms: str, also: str = "") -> list[Group]:
    """Every kind with its capped count and its best PER_GROUP results."""
    counts = capped_counts(KINDS, terms, also)
    groups = []
    for kind, count in zip(KINDS, counts, strict=True):
        group = Group(kind, min(count, COUNT_CAP), count > COUNT_CAP, url=kind_url(terms, kind.key))
        if count:
            group.results = kind.page(terms, 0, PER_GROUP, also)
        groups.append(group)
    return groups


@dataclass
class KindPage:
    group: Group
    number: int
    pages: int
    corrected: bool  # the requested page did not exist
    terms: str

    @property
    def previous_url(self):
        return kind_url(self.terms, self.group.kind.key, self.number - 1)

    @property
    def next_url(self):
        return kind_url(self.terms, self.group.kind.key, self.number + 1)


def kind_page(terms: str, key: str, requested: str, also: str = "") -> KindPage:
    """One page of one kind's results; a page number that is not a page shows the nearest."""
    kind = BY_KEY[key]
    (count,) = capped_counts([kind], terms, also)
    shown = min(count, COUNT_CAP)
    pages = max(1, -(-shown // PER_PAGE))
    number = int(requested) if requested.isdigit() and len(requested) < 6 else 1
    number = min(max(number, 1), pages)
    group = Group(kind, shown, count > COUNT_CAP, url=kind_url(terms, key))
    if count:
        start = (number - 1) * PER_PAGE
        group.results = kind.page(terms, start, start + PER_PAGE, also)
    return KindPage(group, number, pages, bool(requested) and requested != str(number), terms)
