"""Site search over units, positions, employees and indicators, grouped by kind.

Each kind's queryset decides what matches, how it ranks and what is public (personnel.search;
indicators only from disclosed reports). Here the groups are counted and paged in a fixed number
of queries, whatever the size of the tables: the typo corrections from the word list in one
query, all counts in one statement, each capped at COUNT_CAP so a common word over millions of
indicators never counts them all, then one query per group that has results.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from personnel.models import Employee, Position, Unit
from portal.models import SearchWord
from reports.models import Indicator, Withholding

COUNT_CAP = 1000
PER_GROUP = 5  # results of each kind on the overview
PER_PAGE = 20  # results on one kind's own pages


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    corrected: bool = False  # searched with misspelt words corrected from the word list
    source: Callable | None = None  # the rows searched, when not all of the model's

    def rows(self):
        return self.source() if self.source else self.model.objects.all()

    def matches(self, terms, also=""):
        if self.corrected:
            return self.rows().search(terms, also=also)
        return self.rows().search(terms)

    def page(self, terms, start, stop, also=""):
        if self.corrected:
            return self.rows().search_page(terms, start, stop, also=also)
        return self.rows().search_page(terms, start, stop)


def unwithheld_employees():
    """Employees whose reports the PPID has not withheld: a withheld name is not searchable
    (the disclosure scan asserts it appears nowhere)."""
    return Employee.objects.exclude(
        Exists(Withholding.objects.active().filter(employee_id=OuterRef("pk")))
    )


KINDS = (
    Kind("unit", _("Unit kerja"), Unit),
    Kind("jabatan", _("Jabatan"), Position),
    Kind("pegawai", _("Pegawai"), Employee, source=unwithheld_employees),
    # Names and titles are short enough for a trigram index of their own (personnel.search);
    # millions of indicator texts are not, so a typo there is corrected from the word list.
    Kind("indikator", _("Indikator kinerja"), Indicator, corrected=True),
)
KIND_KEYS = [kind.key for kind in KINDS]


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


def capped_counts(querysets: list, cap: int = COUNT_CAP) -> list[int]:
    """How many rows each queryset has, counting no further than cap + 1, in one query."""
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


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
    counts = capped_counts([kind.matches(terms, also) for kind in KINDS])
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
    kind = next(kind for kind in KINDS if kind.key == key)
    (count,) = capped_counts([kind.matches(terms, also)])
    shown = min(count, COUNT_CAP)
    pages = max(1, -(-shown // PER_PAGE))
    number = int(requested) if requested.isdigit() and len(requested) < 6 else 1
    number = min(max(number, 1), pages)
    group = Group(kind, shown, count > COUNT_CAP, url=kind_url(terms, key))
    if count:
        start = (number - 1) * PER_PAGE
        group.results = kind.page(terms, start, start + PER_PAGE, also)
    return KindPage(group, number, pages, bool(requested) and requested != str(number), terms)
