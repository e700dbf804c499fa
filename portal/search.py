"""Site search over units, positions, employees and indicators, grouped by kind.

Each kind's queryset decides what matches, how it ranks and what is public (personnel.search;
indicators only from disclosed reports). Here the groups are counted and paged in a fixed number
of queries, whatever the size of the tables, each count capped at COUNT_CAP so that a common word
over millions of indicators never counts them all. The overview (every kind) takes two:

- the word list's corrections of misspelt words, the known words near each typed one and the
  share of the indicators holding each known word, in one query (portal.models.SearchWord;
  looked_up());
- in one statement (overview_statement()): the units' and the positions' best results, each
  with the number of all their matches (a window, personnel.search.counted(), so the matches
  are read once for both); the employees' and the indicators' counts and best results, each
  ranked among their first COUNT_CAP + 1 matches.

The indicators' first COUNT_CAP + 1 matches are read bucket by bucket (bucketed_sql(),
reports.models.SEARCH_BUCKETS): a GIN index gives all of a word's matches at once, so the
full-text index is in parts, each read only if the ones before it held too few matches. One
word that at least COMMON_SHARE of the indicators hold ("pelayanan": a third of them) is common
(Words.common): its first matches usually lie within the first few thousand indicators in their
reports' order, so those are walked first, up to WALK_BUDGET of them (matched_sql()). Both are
plans for any word, so every statement of the search is planned once. The shares are measured
nightly on a sample with the word list (refresh_words()).

A kind's own pages (`jenis`) read its page with its count in one statement, and a large
kind's results by id after it.

Each statement is built from the querysets once per process and shape (which kinds, with or
without corrected words, which slice), and each search only puts its words in their places
(portal.prepared): building and compiling the full-text expressions was a third of the page's
time. Units and positions were counted in the employees' statement and matched again for their
pages: reading them once saved ~2 ms of PostgreSQL a search ("pelayanan" on the scale data).
The statements over units, positions and employees are prepared, with their constants
written in (`inline=True`: when units and positions were matched through expression indexes,
the text search configuration as a parameter matched none; every kind now matches a stored
document, which a parameter does not hide, and the constants stay written in as measured), and
their generic plans start from the same name indexes for any words (a test shows it). The
counts and the pages of units and positions are also `opaque` (portal.prepared.opaqued): their
custom plans, which see the words, looked cheaper, so PostgreSQL planned them at every search
(~3 ms for the counts); now it runs their generic plans. The employees' page was planned for
its words, since ranking all of a common name's matches (siti: 1,551 among 100,000) needed a
plan of its own; ranked among their first COUNT_CAP + 1 matches, they are read through the
names' index for any words, in a plan made once. Until 2026-12-01 the indicators' statement
for a word that was not common was planned for each search's words, since a rare word and one
of middling frequency needed different plans over the one full-text index (~100 ms for some).
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from django.contrib.postgres.fields import ArrayField
from django.db import transaction
from django.db.models import BigIntegerField, Exists, F, OuterRef
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from personnel.models import Employee, Position, Unit
from personnel.search import matching
from portal.models import SearchWord
from portal.prepared import (
    CompiledSQL,
    PreparedQuery,
    as_dicts,
    instance,
    value_names,
    values_sql,
)
from reports.models import SEARCH_BUCKETS, Indicator, Period, Report, Withholding

# Each kind's count stops here ("lebih dari 500"), and its pages show the best COUNT_CAP of
# the first COUNT_CAP + 1 matches (25 pages). It was 1,000 until 2026-12-01: for a common word
# the indicators' first 1,001 matches, read and ranked at each search, were two thirds of the
# search's time in PostgreSQL (bench/README.md), and fifty pages of one word's indicators,
# ranked among matches taken in their reports' order, were no better a list than twenty-five.
COUNT_CAP = 500
# A single word held by at least this share of the indicators is "common": its first COUNT_CAP
# + 1 matches are looked for first by walking the indicators in their reports' order (~4 rows
# a match where they spread evenly), before the buckets (matched_sql()). It was 0.1 until the
# buckets: a word of a tenth needs ~5,000 rows walked, and the buckets read it in ~2-3 ms.
COMMON_SHARE = 0.25
# Plain known words of which one is held by less than this share of the indicators are "rare":
# all their matches (~7,000 at most on 3.6 million) are read from the whole full-text index
# at once, whose one scan starts faster than the buckets' (matched_sql()). A word the list does
# not know (a stop word, which the search drops, or one it holds nowhere) says nothing of the
# others, and "or", quotes or a minus make other queries than "all these words": the buckets.
RARE_SHARE = 0.002
WALK_BUDGET = 4_000  # indicators a common word's walk reads at most (matched_sql())
SHARE_SAMPLE = 30_000  # indicators sampled for the words' shares (refresh_words())
PER_GROUP = 5  # results of each kind on the overview
PER_PAGE = 20  # results on one kind's own pages

# Stand-ins for the words while a statement is compiled (portal.prepared): strings that no
# query holds otherwise.
TERMS = "\x1fterms"
OTHERS = ("\x1fother", "\x1falso")  # the first other words, and the second (the overview's)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    item: Callable[[dict], object]  # a result for the template from a row of its values
    # Ranked among its first COUNT_CAP + 1 matches, read once for the count and the page, and
    # the page's results then read by id (the indicators, millions of rows; the employees, where
    # a common name matches thousands): counted_page_sql().
    large: bool = False
    source: Callable | None = None  # the rows searched, when not all of the model's
    # Whether a misspelt word is replaced by its correction (`also`) rather than searched for
    # with the known words near it (`near`): over millions of indicator texts the near words
    # would widen a common word's matches further.
    corrected: bool = False
    # Whether its matches are read bucket by bucket, a common word's walked first
    # (matched_sql()): the indicators, whose words' shares the word list measures.
    bucketed: bool = False
    # Whether its page's rows carry the count (`search_total`): ranked among all matches.
    counted_with_page: bool = False

    def rows(self):
        return self.source() if self.source else self.model.objects.all()

    def matches(self, terms, near=""):
        """The rows that match `terms` or `near` (counted by counts_statement(): not a large
        kind)."""
        return self.rows().search(terms, near)

    def ranked_matches(self, terms: str, other: str = ""):
        """A large kind's matches of `terms` and `other` (its corrected or near words), ranked."""
        if self.corrected:
            return self.rows().ranked_matches(terms, also=other)
        return self.rows().ranked_matches(terms, other)

    def other_words(self, words: "Words") -> str:
        """What it searches for beside the typed words: their corrections or the near words."""
        return words.also if self.corrected else words.near

    def counted_page(self, words: "Words", start: int, stop: int) -> tuple:
        """(capped count, results start..stop, ranked)."""
        terms, near = words.terms, words.near
        if self.large:
            other = self.other_words(words)
            path = words.path if self.bucketed else "buckets"
            statement = counted_page_statement(self.key, start, stop, bool(other), path)
            rows = statement.rows(*words_of(terms, other))
            if path == "walk" and words.walked_short(rows[0]["total"]):
                return self.counted_page(words.unwalked(), start, stop)
            ids = [row["id"] for row in rows if row["id"] is not None]
            return rows[0]["total"], self.results(ids)
        rows = page_statement(self.key, start, stop, bool(near)).rows(*words_of(terms, near))
        if rows:
            return rows[0]["search_total"], [self.item(row) for row in rows]
        if not start:
            return 0, []
        # A page past the last one holds no row to carry the count: counted alone.
        (count,) = capped_counts([self], words)
        return count, self.page(words, start, stop) if count and start < count else []

    def results(self, ids: list[int], rows: list[dict] | None = None) -> list:
        """The results of a large kind's ranked `ids`, in their order, from their `rows` if
        they were read (overview_statement()), else by result_statement()."""
        if not ids:
            return []
        if rows is None:
            rows = result_statement(self.key).rows(ids)
        by_id = {row["id"]: row for row in rows}
        # An indicator withheld between the two statements is left out.
        return [self.item(by_id[pk]) for pk in ids if pk in by_id]

    def page(self, words: "Words", start: int, stop: int) -> list:
        """Results start..stop, ranked."""
        if self.large:
            return self.counted_page(words, start, stop)[1]
        statement = page_statement(self.key, start, stop, bool(words.near))
        return [self.item(row) for row in statement.rows(*words_of(words.terms, words.near))]


def words_of(terms: str, *others: str) -> tuple[str, ...]:
    """The arguments of a statement compiled with examples() of which `others` are given: the
    words, then each of the other words (corrected, near) that is not empty."""
    return (terms, *(other for other in others if other))


def examples(*others: bool) -> tuple[str, ...]:
    """The stand-ins a statement is compiled with: the words, then a stand-in for each of the
    other words (corrected, near) that it is compiled with."""
    return (TERMS, *(stand_in for stand_in, used in zip(OTHERS, others, strict=False) if used))


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
    Kind("unit", _("Unit kerja"), Unit, unit_item, counted_with_page=True),
    Kind("jabatan", _("Jabatan"), Position, position_item, counted_with_page=True),
    Kind("pegawai", _("Pegawai"), Employee, employee_item, large=True, source=unwithheld_employees),
    Kind(
        "indikator",
        _("Indikator kinerja"),
        Indicator,
        indicator_item,
        large=True,
        corrected=True,
        bucketed=True,
    ),
)
KIND_KEYS = [kind.key for kind in KINDS]
BY_KEY = {kind.key: kind for kind in KINDS}


def capped_sql(queryset, cap: int = COUNT_CAP) -> tuple[str, list]:
    """The ids of the first cap + 1 rows of `queryset`, in no particular order."""
    return queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()


@lru_cache(maxsize=256)
def page_statement(key: str, start: int, stop: int, near: bool = False) -> PreparedQuery:
    """The prepared statement of one kind's results start..stop (a few shapes: the overview's
    and each page of a kind's own, up to COUNT_CAP), with or without near words."""
    kind = BY_KEY[key]
    return PreparedQuery(
        lambda terms, near="": kind.rows().search_rows(terms, near, start, stop),
        *examples(near),
        inline=True,
        opaque=True,
    )


@lru_cache(maxsize=16)
def counts_statement(keys: tuple[str, ...], near: bool = False) -> CompiledSQL:
    """The prepared statement of the capped counts of the kinds `keys`, one column each."""
    kinds = [BY_KEY[key] for key in keys]

    def build(terms, near=""):
        parts, params = [], []
        for kind in kinds:
            sql, part_params = capped_sql(kind.matches(terms, near))
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")
            params.extend(part_params)
        return "SELECT " + ", ".join(parts), params, keys

    return CompiledSQL(build, *examples(near), inline=True, opaque=True)


def rank_keys(matches) -> list[str]:
    """What a large kind's ranked matches are ordered by before their ids: the rank, then (the
    employees) the name, so that equal ranks keep one order across pages."""
    named = "search_name" in matches.query.annotation_select
    return ["search_rank", *(["search_name"] if named else [])]


def rank_order(keys, pk: str) -> str:
    return ", ".join(f"{key} DESC" if key == "search_rank" else key for key in [*keys, pk])


def counted_page_sql(matches, start: int, stop: int) -> tuple[str, list, tuple[str, ...]]:
    """The capped count (`total`) of `matches` (a large kind's ranked_matches()) and the ids
    of its results start..stop, ranked (`id`, then what they are ordered by: rank_keys()):
    counted_page_statement()."""
    matched = matches[: COUNT_CAP + 1].query.sql_with_params()
    return counted_sql(matched, rank_keys(matches), start, stop)


def counted_sql(matched: tuple[str, list], keys, start: int, stop: int):
    """counted_page_sql() of `matched`, the SQL of the first COUNT_CAP + 1 matches with their
    `pk` and their `keys`."""
    sql, params = matched
    sql = (
        # The CTE in a subquery, so that the statement starts with SELECT: a WITH in front
        # made django-pghistory put its context before it, as a second command.
        f"SELECT * FROM (WITH matched AS MATERIALIZED ({sql})"
        " SELECT (SELECT count(*) FROM matched) AS total, page.pk AS id,"
        f" {', '.join(f'page.{key}' for key in keys)} FROM (SELECT 1) AS one"
        f" LEFT JOIN (SELECT pk, {', '.join(keys)} FROM matched"
        f" ORDER BY {rank_order(keys, 'pk')} LIMIT {stop - start:d} OFFSET {start:d}) AS page"
        f" ON TRUE) AS counted ORDER BY {rank_order(keys, 'id')}"
    )
    return sql, list(params), ("total", "id", *keys)


def read_from(queryset, rows: tuple[str, list], name: str) -> tuple[str, list]:
    """The SQL of `queryset` reading its model's rows from `rows` (the SQL of a query whose
    columns are those the queryset reads), named `name`, instead of from its table."""
    sql, params = queryset.query.sql_with_params()
    table = f'FROM "{queryset.model._meta.db_table}"'
    if sql.count(table) != 1:
        raise ValueError(f"{table} is not read once in {sql}")
    rows_sql, rows_params = rows
    sql = sql.replace(table, f'FROM {name} AS "{queryset.model._meta.db_table}"')
    return f"WITH {name} AS ({rows_sql}) {sql}", [*rows_params, *params]


# What the indicators' ranked() reads of each row.
BUCKET_COLUMNS = ("id", "report_id", "iki", "search_document")


def bucketed_sql(kind: Kind, terms: str, also: str) -> tuple[str, list]:
    """The SQL of the indicators' first COUNT_CAP + 1 matches, ranked: read bucket by bucket
    (reports.models.SEARCH_BUCKETS), each through its own part of the full-text index, until
    there are enough; a bucket is read only if those before it held too few. A plan for any
    word: the generic plan of a prepared statement serves a rare word and one of middling
    frequency alike (reading the whole index cost up to ~3 ms for the latter, and the plans
    made for the words at each search walked the indicators for some, ~100 ms)."""
    parts, params = [], []
    for bucket in range(SEARCH_BUCKETS):
        rows = kind.model.objects.filter(search_bucket=bucket).order_by()
        sql, part_params = (
            matching(rows, terms, also=also).values(*BUCKET_COLUMNS).query.sql_with_params()
        )
        parts.append(f"({sql})")
        params.extend(part_params)
    return ranked_from(kind, terms, also, (" UNION ALL ".join(parts), params), "bucketed")


def ranked_from(kind: Kind, terms: str, also: str, matches: tuple[str, list], name: str):
    """The SQL of the first COUNT_CAP + 1 of `matches` (the SQL of the matching rows, named
    `name`) that are disclosed, ranked."""
    ranked = kind.rows().disclosed().ranked(terms, also=also)[: COUNT_CAP + 1]
    return read_from(ranked, matches, name)


def matched_sql(kind: Kind, terms: str, also: str, path: str) -> tuple[str, list]:
    """The SQL of a bucketed kind's first COUNT_CAP + 1 matches, ranked, read by `path`
    (Words.path): the whole full-text index for a rare word ("index"), bucket by bucket
    (bucketed_sql(), "buckets"), or, for a common word ("walk"), the first ones met walking at
    most WALK_BUDGET indicators in their reports' order (if those are too few, the search reads
    the buckets after: Kind.counted_page()).

    A word that a quarter of the indicators hold has its first matches within the first few
    thousand of them, unless they gather in some units' reports ("pendidikan", one in three
    indicators, all of the education office's): a walk without a budget then read until it
    found them (8 ms; 80 ms for "kota", one in ten). The buckets read a common word's matches
    in ~4-5 ms, the walk in ~1.5; in one statement with the walk, the buckets' 32 scans, though
    never run, cost ~1.5 ms to start."""
    if path == "buckets":
        return bucketed_sql(kind, terms, also)
    if path == "index":
        rows = matching(kind.model.objects.order_by().values(*BUCKET_COLUMNS), terms, also=also)
        return ranked_from(kind, terms, also, rows.query.sql_with_params(), "indexed")
    rows = kind.model.objects.order_by("report_id").values(*BUCKET_COLUMNS)[:WALK_BUDGET]
    walking = kind.rows().ranked_matches(terms, also=also, indexed=False)[: COUNT_CAP + 1]
    return read_from(walking, rows.query.sql_with_params(), "walked")


@lru_cache(maxsize=128)
def counted_page_statement(key: str, start: int, stop: int, other: bool, path: str = "buckets"):
    """The statement of a large kind's capped count (`total`) and the ids of its results
    start..stop, ranked (`id`…), with (`other`) or without its corrected or near words, and
    (the indicators) read by `path` (Words.path, matched_sql()).

    Ranking needs the rank of every match, and a common word matches a third of the millions of
    indicators: only the first COUNT_CAP + 1 matches are read, each ranked from the row it was
    tested on, and kept in a materialized CTE; their number is the count, and the page is
    sorted from them. So every one of the COUNT_CAP results the pages show is ranked among the
    same matches (ranking the first 500 left pages 26 to 50 empty), and no match is read twice:
    ranking 500 of them afterwards, by id, cost more than ranking all of them as they are read
    (~1.9 against ~2.5 ms for "pelayanan" on the scale data). There is always one row; with no
    results, its other columns are NULL.

    It reads only ids: the results' report, employee and period are read by result_statement().
    Planned once: the employees' first matches are read through the names' index, the
    indicators' bucket by bucket, for any words."""
    kind = BY_KEY[key]

    def build(terms, other=""):
        if kind.bucketed:
            matched = matched_sql(kind, terms, other, path)
            return counted_sql(matched, ["search_rank"], start, stop)
        return counted_page_sql(kind.ranked_matches(terms, other), start, stop)

    return CompiledSQL(build, *examples(other), inline=True, opaque=True)


@lru_cache(maxsize=4)
def result_statement(key: str) -> PreparedQuery:
    """The prepared statement of a large kind's results by id (a list, as one array); its plan
    is the same for any ids, so it is planned once (`opaque`)."""
    kind = BY_KEY[key]
    return PreparedQuery(lambda ids: kind.rows().result_rows(ids), [-7_581], opaque=True)


def capped_counts(kinds, words: "Words") -> list[int]:
    """The capped count of each of `kinds` (none of them large) for `words`, in one query."""
    keys = tuple(kind.key for kind in kinds)
    row = counts_statement(keys, bool(words.near)).row(*words_of(words.terms, words.near))
    return [row[key] for key in keys]


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


def group(kind: Kind, terms: str, count: int, results: list) -> Group:
    url = kind_url(terms, kind.key)
    return Group(kind, min(count, COUNT_CAP), count > COUNT_CAP, results, url)


def kind_url(terms: str, kind: str, page: int = 1) -> str:
    query = {"q": terms, "jenis": kind} | ({"page": page} if page > 1 else {})
    return reverse("search") + "?" + urlencode(query)


def refresh_words() -> int:
    """Rebuild the search's word list from the public texts and the employees' names; returns
    its size."""
    indicators = Indicator.objects.disclosed()
    # Every step-th indicator, whatever its report, for the words' shares.
    step = max(1, -(-Indicator.objects.count() // SHARE_SAMPLE))
    sample = Indicator.objects.alias(slot=F("pk") % step).filter(slot=0)
    with transaction.atomic():
        size = SearchWord.objects.rebuild(
            [
                (Unit.objects.active().values_list("name"), True),
                (Position.objects.filter(unit__is_active=True).values_list("title"), True),
                (indicators.values_list("rhk"), True),
                (indicators.values_list("iki"), True),
                # Every name, withheld ones too (the words only look a name up, their
                # employee's rows still decide what is shown), never shown as a correction.
                (Employee.objects.values_list("name"), False),
            ]
        )
        SearchWord.objects.measure(
            sample.disclosed().values_list("search_document"), sample.count()
        )
    return size


@dataclass(frozen=True)
class Words:
    """What is searched for: the typed `terms`, and what the word list makes of them."""

    terms: str
    also: str = ""  # the terms with misspelt words corrected, for the indicators
    near: str = ""  # each typed word or a known word near it (near_query()), for the others
    corrections: dict[str, str] = field(default_factory=dict)  # shown: typed -> corrected
    # One word, as typed, that at least COMMON_SHARE of the indicators hold (matched_sql()).
    common: bool = False
    # Plain words, each known, one of them held by less than RARE_SHARE of the indicators.
    rare: bool = False

    @property
    def path(self) -> str:
        """How the indicators' matches are read (matched_sql())."""
        return "walk" if self.common else "index" if self.rare else "buckets"

    def walked_short(self, count: int) -> bool:
        """Whether a common word's walk found too few matches (`count`), so that its indicators
        are read from the buckets instead (unwalked())."""
        return self.common and count <= COUNT_CAP

    def unwalked(self) -> "Words":
        return dataclasses.replace(self, common=False)


def near_query(terms: str, near: dict[str, list[str]]) -> str:
    """`terms` in to_tsquery syntax, each word as a choice of itself and the known words near it
    ("(siti | sitti) & (aminah)"); "" when no word has a near word but itself, or when `terms`
    are not plain words (digits, punctuation, websearch's quotes and minus: the typed words are
    then searched as typed). Only letters reach the query, so it never has a syntax error."""
    typed = list(dict.fromkeys(terms.lower().split()))
    if not typed or not all(word.isalpha() for word in typed):
        return ""
    choices = [[word, *(known for known in near.get(word, ()) if known != word)] for word in typed]
    if all(len(choice) == 1 for choice in choices):
        return ""
    return " & ".join(f"({' | '.join(choice)})" for choice in choices)


def looked_up(terms: str) -> Words:
    """`terms` with what the word list knows of them, in one query: the corrections of the
    unknown words (shown, and searched for among the indicators), and the near words."""
    found = SearchWord.objects.lookup(terms)
    corrections = found.corrections
    also = ""
    if corrections:
        also = " ".join(corrections.get(word.lower(), word) for word in terms.split())
    typed = terms.split()
    common = (
        len(typed) == 1
        and typed[0].isalpha()
        and found.shares.get(typed[0].lower(), 0.0) >= COMMON_SHARE
    )
    rare = (
        not corrections
        and all(word.isalpha() and word.lower() != "or" for word in typed)
        and all(word.lower() in found.shares for word in typed)
        and min((found.shares[word.lower()] for word in typed), default=1.0) < RARE_SHARE
    )
    return Words(terms, also, near_query(terms, found.near), corrections, common, rare)


def corrected(terms: str) -> tuple[str, dict[str, str]]:
    """`terms` with each unknown word replaced by the nearest known one ("" when none is)."""
    words = looked_up(terms)
    return words.also, words.corrections


@lru_cache(maxsize=16)
def overview_statement(near: bool, also: bool, path: str) -> CompiledSQL:
    """The overview's statement: the best PER_GROUP results of each kind counted with its page
    (a json array of the values of each, the count among them), and of each large kind its
    capped count and best PER_GROUP results (results_sql()); with (`near`) or without the words
    near the typed ones, with (`also`) or without the indicators' corrected words, and the
    indicators read by `path` (Words.path, matched_sql()).

    One statement where there were six, each a round trip with its own share of work in the
    worker and in PostgreSQL. Each part's plan is the same for any words, so the statement is
    planned once (`opaque`)."""

    def build(terms, *others):
        given = iter(others)
        near_words = next(given) if near else ""
        also_words = next(given) if also else ""
        parts, params, columns = [], [], []
        for kind in KINDS:
            if kind.counted_with_page:
                sql, part_params, _fields = values_sql(page_rows(kind, terms, near_words))
            elif kind.bucketed:
                matched = matched_sql(kind, terms, also_words, path)
                counted = counted_sql(matched, ["search_rank"], 0, PER_GROUP)
                sql, part_params = results_sql(kind, counted)
            else:  # the employees
                matches = kind.ranked_matches(terms, near_words)
                sql, part_params = results_sql(kind, counted_page_sql(matches, 0, PER_GROUP))
            parts.append(f"{sql} AS {kind.key}")
            params.extend(part_params)
            columns.append(kind.key)
        return "SELECT " + ", ".join(parts), params, columns

    return CompiledSQL(build, *examples(near, also), inline=True, opaque=True)


def results_sql(kind: Kind, counted: tuple[str, list, tuple[str, ...]]) -> tuple[str, list]:
    """A json array of a large kind's capped count, the ids of its best results, ranked, and
    those results' values (a json array of arrays of the values of result_rows(), in no order),
    from `counted` (counted_page_sql()): the two statements of counted_page() in one."""
    sql, params, columns = counted
    ids = RawSQL("counted.ids", [], output_field=ArrayField(BigIntegerField()))
    results, result_params, _fields = values_sql(kind.rows().result_rows(ids))
    sql = (
        f"(SELECT json_build_array(counted.total, counted.ids, {results}) FROM ("
        " SELECT max(total) AS total,"
        f" array_remove(array_agg(id ORDER BY {rank_order(columns[2:], 'id')}), NULL) AS ids"
        f" FROM ({sql}) AS page) AS counted)"
    )
    return sql, [*result_params, *params]  # in the order of their places


@lru_cache(maxsize=4)
def result_fields(key: str) -> tuple[str, ...]:
    """The names of the values of a large kind's result_rows(), in their order."""
    return value_names(BY_KEY[key].rows().result_rows([]))


def page_rows(kind: Kind, terms: str, near: str):
    """The values of a kind's best PER_GROUP results, for overview_statement()."""
    return kind.rows().search_rows(terms, near, 0, PER_GROUP)


@lru_cache(maxsize=4)
def page_fields(key: str) -> tuple[str, ...]:
    """The names of the values of page_rows(), in their order."""
    return value_names(page_rows(BY_KEY[key], TERMS, ""))


def overview(words: Words) -> list[Group]:
    """Every kind with its capped count and its best PER_GROUP results, in one statement
    (overview_statement())."""
    statement = overview_statement(bool(words.near), bool(words.also), words.path)
    row = statement.row(*words_of(words.terms, words.near, words.also))
    groups = []
    for kind in KINDS:
        if kind.counted_with_page:
            rows = as_dicts(page_fields(kind.key), row[kind.key] or ())
            count = rows[0]["search_total"] if rows else 0
            results = [kind.item(values) for values in rows]
        else:
            count, ids, values = row[kind.key]
            if kind.bucketed and words.walked_short(count):  # two more queries
                count, results = kind.counted_page(words.unwalked(), 0, PER_GROUP)
            else:
                results = kind.results(ids, as_dicts(result_fields(kind.key), values))
        groups.append(group(kind, words.terms, count, results))
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


def pages_of(count: int) -> int:
    return max(1, -(-min(count, COUNT_CAP) // PER_PAGE))


def kind_page(words: Words, key: str, requested: str) -> KindPage:
    """One page of one kind's results; a page number that is not a page shows the nearest.

    The requested page is read with its count; only a number past the last page costs a second
    read, of the last page.
    """
    kind = BY_KEY[key]
    number = int(requested) if requested.isdigit() and len(requested) < 6 else 1
    number = min(max(number, 1), pages_of(COUNT_CAP))
    count, results = kind.counted_page(words, (number - 1) * PER_PAGE, number * PER_PAGE)
    if number > pages_of(count):
        if words.walked_short(count):  # counted_page() read the buckets: so does the last page
            words = words.unwalked()
        number = pages_of(count)
        start = (number - 1) * PER_PAGE
        results = kind.page(words, start, start + PER_PAGE) if count else []
    return KindPage(
        group(kind, words.terms, count, results),
        number,
        pages_of(count),
        bool(requested) and requested != str(number),
        words.terms,
    )
