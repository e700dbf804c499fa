"""Site search: PostgreSQL full text (Indonesian stemming) plus trigrams for typos.

Each searched table keeps the full-text document of its searched columns in a generated
`search_document` column (`stored_document()`), indexed by GIN (`stored_index()`): a common word
matches hundreds or thousands of rows, and computing `to_tsvector` for each of them, to recheck
and rank it, was most of a search's time. The short columns also have a trigram index.

- Full text: `to_tsvector('indonesian', …) @@ websearch_to_tsquery('indonesian', …)`, so
  "pelayanan", "layanan" and "melayani" all reduce to the stem "layan"; websearch syntax never
  raises on stray quotes or operators.
- Typos: the strict word similarity operator `%>>` (pg_trgm, threshold 0.5), so "pelyanan"
  finds "Pelayanan" but "pelayanan" does not find "pelaksanaan" (the looser `%>` would).
  Only on the short columns (unit names, position titles, employee names): on millions of
  indicator texts a trigram OR makes the planner give up the GIN index (its selectivity
  estimate for %>> is poor) and one common word then matches a large part of the table.
- Rank: an exact match first, then ts_rank plus the trigram similarity.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramStrictWordSimilarity,
)
from django.db import models
from django.db.models import Case, Count, F, FloatField, Func, Q, Value, When, Window
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

CONFIG = "indonesian"


def document(*fields):
    """The tsvector of `fields`, as a `stored_document()` column computes it."""
    return SearchVector(*fields, config=CONFIG)


def query(terms: str, also: str = "") -> SearchQuery:
    """`terms` in websearch syntax, or else `also` (the same words with typos corrected)."""
    found = SearchQuery(terms, search_type="websearch", config=CONFIG)
    if also:
        found |= SearchQuery(also, search_type="websearch", config=CONFIG)
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


def matching(queryset, terms: str, *, trigram_fields=(), also=""):
    """Rows whose document matches `terms` by full text, or `trigram_fields` by a near spelling."""
    condition = Q(search_document=query(terms, also))
    for field in trigram_fields:
        condition |= Q(**{f"{field}__trigram_strict_word_similar": terms})
    return queryset.filter(condition)


def rank(terms: str, *, trigram_fields=(), exact_field, also=""):
    """Exact match first, then full-text rank plus trigram similarity."""
    score = Case(
        When(**{f"{exact_field}__iexact": terms}, then=Value(2.0)),
        default=Value(0.0),
        output_field=FloatField(),
    ) + SearchRank(F("search_document"), Once(query(terms, also)))
    for field in trigram_fields:
        score += TrigramStrictWordSimilarity(Value(terms), field)
    return score


def ranked(queryset, terms: str, *, trigram_fields=(), exact_field):
    """Order by `rank()`, then by name, so equal ranks keep a stable order across pages."""
    return queryset.annotate(
        search_rank=rank(terms, trigram_fields=trigram_fields, exact_field=exact_field),
        search_name=Lower(exact_field),
    ).order_by("-search_rank", "search_name", "pk")


def counted(queryset):
    """`queryset` with the number of all its rows on each one (`search_total`): a window over
    every match, counted before the page's LIMIT, so that a kind's count comes with its page
    from one reading of its matches (portal.search)."""
    return queryset.annotate(search_total=Window(Count("*")))
