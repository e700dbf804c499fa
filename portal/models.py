import re
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from personnel import search
from portal.prepared import CompiledSQL

# A corrected word, or a word searched for in place of a typed one, must be at least this close
# (pg_trgm similarity) to what was typed.
CORRECTION_SIMILARITY = 0.5
WORD = re.compile(r"[^\W\d_]{4,}")  # only words of four letters or more are corrected
TYPED = re.compile(r"[^\W\d_]{3,}")  # the words of a search looked up in the list
SHORTEST = 3  # the shortest word the list holds, and the shortest typed word given near words
SPLIT = "[^[:alpha:]]+"  # what separates the words of a text, for PostgreSQL


def words_sql(words: list[str]) -> tuple[str, list, tuple[str, ...]]:
    """For each of `words`: the known public word nearest to it (itself if it is known, NULL if
    none is near enough, or for a word of three letters: `known`), every known word near it,
    names included (`near`), and its `share` of the indicators if it is known.

    The candidates of each word are read once, from the trigram index (`%`, pg_trgm's looser
    threshold), into a CTE that both answers read. Two subqueries that each compared the word
    with every known word took ~1.6 ms for "pelayanan" among ~800 words (the planner preferred
    a sequential scan of a small table, ~2 µs a word); the index and the CTE take ~0.3.
    """
    table = SearchWord._meta.db_table
    sql = (
        # The CTE in a subquery, so that the statement starts with SELECT (django-pghistory).
        f"SELECT * FROM (WITH candidate AS MATERIALIZED ("
        f"  SELECT typed.word AS typed, known.word, known.public, known.share,"
        f"  similarity(known.word, typed.word) AS closeness"
        f"  FROM unnest(%s) AS typed(word) JOIN {table} known ON known.word %% typed.word)"
        f" SELECT typed.word AS typed, CASE WHEN length(typed.word) > {SHORTEST:d} THEN COALESCE("
        f"  (SELECT word FROM candidate WHERE typed = typed.word AND word = typed.word),"
        f"  (SELECT word FROM candidate WHERE typed = typed.word AND public AND closeness >= %s"
        f"   ORDER BY closeness DESC, word LIMIT 1)) END AS known,"
        f" ARRAY(SELECT word FROM candidate WHERE typed = typed.word AND closeness >= %s"
        f"   ORDER BY word) AS near,"
        f" (SELECT share FROM candidate WHERE typed = typed.word AND word = typed.word) AS share"
        f" FROM unnest(%s) AS typed(word)) AS words"
    )
    params = [words, CORRECTION_SIMILARITY, CORRECTION_SIMILARITY, words]
    return sql, params, ("typed", "known", "near", "share")


# Prepared and opaque (portal.prepared.opaqued()): every search sends it, and its plan (the word
# list's two indexes) is the same for any words; planned at each search, planning took five
# times as long as running it (bench/statements.py).
WORDS = CompiledSQL(words_sql, ["\x1fword"], opaque=True)


@dataclass
class Lookup:
    """What the word list knows of the words of a search (SearchWordQuerySet.lookup())."""

    corrections: dict[str, str] = field(default_factory=dict)  # unknown word -> nearest known
    near: dict[str, list[str]] = field(default_factory=dict)  # word -> known words near it
    shares: dict[str, float] = field(default_factory=dict)  # known word -> SearchWord.share


class SearchWordQuerySet(models.QuerySet):
    def lookup(self, terms: str) -> Lookup:
        """The words of `terms` against the list, in one query (words_sql()): the known public
        word nearest to each unknown word of four letters or more (corrections), the known
        words near each word of three letters or more (near words, names included), and the
        share of the indicators holding each known word."""
        words = list(dict.fromkeys(TYPED.findall(terms.lower())))
        found = Lookup()
        for row in WORDS.rows(words) if words else ():
            typed, known = row["typed"], row["known"]
            if known and known != typed and WORD.fullmatch(typed):
                found.corrections[typed] = known
            if row["near"]:
                found.near[typed] = row["near"]
            if row["share"] is not None:
                found.shares[typed] = row["share"]
        return found

    def corrections(self, terms: str) -> dict[str, str]:
        """The known public word nearest to each unknown word of `terms` (lookup())."""
        return self.lookup(terms).corrections

    def rebuild(self, sources) -> int:
        """Replace the list with the words of `sources`: (queryset of one text column, whether
        its words may be shown as corrections) pairs."""
        parts, params = [], []
        for source, public in sources:
            sql, source_params = source.order_by().query.sql_with_params()
            parts.append(f"(SELECT text, {bool(public)} FROM ({sql}) AS part(text))")
            params.extend(source_params)
        table = self.model._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (word, public) SELECT word, bool_or(public) FROM ("
                f"  SELECT regexp_split_to_table(lower(text), %s) AS word, public"
                f"  FROM ({' UNION ALL '.join(parts)}) AS source(text, public)"
                f") AS words WHERE length(word) BETWEEN {SHORTEST:d} AND 100 GROUP BY word"
                # A name or title saved meanwhile, whose word its trigger added (0004).
                f" ON CONFLICT (word) DO UPDATE SET public = {table}.public OR EXCLUDED.public",
                [SPLIT, *params],
            )
            return cursor.rowcount

    def measure(self, documents, sampled: int) -> None:
        """Set each word's `share`: the part of `sampled` indicators (a sample of all of them)
        whose `documents` (a queryset of the sample's disclosed ones, their search_document)
        hold the word's lexeme, the stem the full-text search matches ("pelayanan": "layan")."""
        sql, params = documents.order_by().query.sql_with_params()
        table = self.model._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET share = 0 WHERE share <> 0")
            cursor.execute(
                f"UPDATE {table} SET share = counted.documents::float8 / %s FROM ("
                f"  SELECT word.word, max(lexeme.documents) AS documents FROM ("
                f"    SELECT word, unnest(tsvector_to_array(to_tsvector(%s::regconfig, word)))"
                f"    FROM {table}) AS word(word, lexeme)"
                f"  JOIN (SELECT lexeme, count(*) AS documents"
                f"    FROM ({sql}) AS sample(document), unnest(sample.document)"
                f"    GROUP BY lexeme) AS lexeme USING (lexeme)"
                f"  GROUP BY word.word"
                f") AS counted WHERE {table}.word = counted.word",
                [max(sampled, 1), search.CONFIG, *params],
            )


class SearchWord(models.Model):
    """A word of the portal's texts, for searches (portal.search): the words of public texts
    (unit names, position titles, indicators) correct a misspelt word, and are shown as the
    correction; those and the employees' names widen a search of names, titles and unit names
    to the known words near each typed one, and the public list's name search finds the name
    words that hold what was typed (reports.filters.name_words_statement()). A name's words
    are never shown.

    Rebuilt nightly (portal.search.refresh_words()); triggers add the words of a unit,
    position or employee written by any path meanwhile (portal/migrations/0004), so that every
    name's words are here: the list's name search depends on it."""

    word = models.CharField(max_length=100, primary_key=True)
    public = models.BooleanField(
        _("boleh ditampilkan"),
        default=True,
        help_text=_("Kata dari teks publik; kata yang hanya ada pada nama pegawai tidak."),
    )

    share = models.FloatField(
        _("bagian indikator"),
        default=0.0,
        db_default=0.0,
        help_text=_(
            "Bagian indikator yang memuat kata dasarnya (dari sampel, dihitung ulang tiap malam)."
        ),
    )

    objects = SearchWordQuerySet.as_manager()

    class Meta:
        indexes = [search.trigram_index("searchword_trgm", "word")]

    def __str__(self):
        return self.word
