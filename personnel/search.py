"""Site search: PostgreSQL full text (Indonesian stemming), with typos tolerated through the
portal's word list.

Each searched table keeps the full-text document of its searched columns in a generated
`search_document` column (`stored_document()`), indexed by GIN (`stored_index()`): a common word
matches hundreds or thousands of rows, and computing `to_tsvector` for each of them, to recheck
and rank it, was most of a search's time.

- Full text: `to_tsvector('indonesian', …) @@ websearch_to_tsquery('indonesian', …)`, so
  "pelayanan", "layanan" and "melayani" all reduce to the stem "layan"; websearch syntax never
  raises on stray quotes or operators.
- Typos (portal.models.SearchWord, portal.search): the word list holds every word of the
  public texts and of the employees' names. A search of names, titles and unit names also
  looks for the known words near each typed one (pg_trgm similarity 0.5: "pelyanan" finds
  "pelayanan", "sit" finds "siti", "muhamad rizki" finds "Muhammad Rizky", but "pelayanan" not
  "pelaksanaan"), as an OR in the same full-text query (`near`), so the GIN index serves it.
  They were matched by trigram indexes of the columns themselves (`%>>`), which for any word
  read the posting lists of the common trigrams of 100,000 names, and ranked by a trigram
  similarity computed for each match: two thirds of the search's time in PostgreSQL
  (bench/README.md). The indicators' misspelt words are corrected from the same list (`also`).
- Rank: an exact match first, then ts_rank of the typed words, plus ts_rank of the near ones (a
  typed word found as typed ranks above its neighbours).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

CONFIG = "indonesian"


def document(*fields):
    """The tsvector of `fields`, as a `stored_document()` column computes it."""
    return SearchVector(*fields, config=CONFIG)


def query(terms: str, also: str = "", near: str = "") -> SearchQuery:
    """`terms` in websearch syntax, or else `also` (the same words with typos corrected), or
    else `near` (each typed word or a known word near it, in to_tsquery syntax: portal.search)."""
    found = SearchQuery(terms, search_type="websearch", config=CONFIG)
    if also:
        found |= SearchQuery(also, search_type="websearch", config=CONFIG)
    if near:
        found |= SearchQuery(near, search_type="raw", config=CONFIG)
    return found


class Once(Func):
    """`expression` as a scalar subquery, which PostgreSQL computes once per statement.

    In a plan that does not see the words (a prepared statement's generic plan), the ranking
    otherwise parses and stems them again for each row it ranks (~4 µs a row: the positions'
    page for a common word 1.7 → 1.4 ms). Only for the rank: in a WHERE clause the subquery hides
    the words from the planner, which then gives up the full-text index.
    """

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class Matches(Func):
    """`document @@ query`, as a condition (a lookup would wrap an expression as the query in
    a plainto_tsquery())."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def stored_document(*fields) -> models.GeneratedField:
    """A `search_document` column PostgreSQL keeps: the document of `fields`, computed when a
    row is written instead of for each row a search rechecks or ranks."""
    return models.GeneratedField(
        expression=document(*fields),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("dokumen pencarian"),
    )


def stored_index(name: str) -> GinIndex:
    """The full-text index of a `stored_document()` column."""
    return GinIndex(fields=["search_document"], name=name)


def trigram_index(name: str, field: str) -> GinIndex:
    return GinIndex(OpClass(F(field), name="gin_trgm_ops"), name=name)


def matching(queryset, terms: str, near: str = "", *, also: str = "", indexed: bool = True):
    """Rows whose document matches `terms`, their corrected words (`also`) or the words near
    them (`near`).

    `indexed=False` tests the document as an expression (COALESCE) that its full-text index
    cannot serve, so that the rows are found by reading them in whatever order the query asks
    for, each tested as it is read: for a word so common that a few rows in the order hold the
    matches needed (portal.search.matched_sql()). Through the index, every match of such
    a word is collected before the first is read (~100 ms for "pelayanan" among 3.6 million
    indicators), and a statement planned once cannot tell a common word from a rare one."""
    if indexed:
        return queryset.filter(search_document=query(terms, also, near))
    unindexed = Coalesce("search_document", Value("", output_field=SearchVectorField()))
    # The query computed once (Once): tested row by row, it was parsed and stemmed for each.
    return queryset.filter(Matches(unindexed, Once(query(terms, also, near))))


def exactly(field: str, terms: str) -> Q:
    """`field` is `terms` but for case: the lengths compared first, which is cheap, and only
    then UPPER() of both (~0.9 µs a row with a libc collation: 0.8 of the 3.4 ms the indicators'
    statement took for a common word, which ranks 1,001 matches; bench/README.md)."""
    same_length = Exact(Length(field), Length(Value(terms)))
    return Q(same_length) & Q(**{f"{field}__iexact": terms})


def rank(terms: str, *, exact_field, also: str = "", near: str = ""):
    """Exact match first, then the full-text rank of the typed (or corrected) words and of the
    near ones."""
    score = Case(
        When(exactly(exact_field, terms), then=Value(2.0)),
        default=Value(0.0),
        output_field=FloatField(),
    ) + SearchRank(F("search_document"), Once(query(terms, also)))
    if near:
        near_only = SearchQuery(near, search_type="raw", config=CONFIG)
        score += SearchRank(F("search_document"), Once(near_only))
    return score


def ranked(queryset, terms: str, *, exact_field, near: str = ""):
    """Order by `rank()`, then by name, so equal ranks keep a stable order across pages."""
    return queryset.annotate(
        search_rank=rank(terms, exact_field=exact_field, near=near),
        search_name=Lower(exact_field),
    ).order_by("-search_rank", "search_name", "pk")


def counted(queryset):
    """`queryset` with the number of all its rows on each one (`search_total`): a window over
    every match, counted before the page's LIMIT, so that a kind's count comes with its page
    from one reading of its matches (portal.search)."""
    return queryset.annotate(search_total=Window(Count("*")))
