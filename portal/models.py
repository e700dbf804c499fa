import re

from django.db import connection, models, transaction

from personnel import search
from portal.prepared import preparing_cursor

# A corrected word must be at least this close (pg_trgm similarity) to what was typed.
CORRECTION_SIMILARITY = 0.5
WORD = re.compile(r"[^\W\d_]{4,}")  # only words of four letters or more are corrected


class SearchWordQuerySet(models.QuerySet):
    def corrections(self, terms: str) -> dict[str, str]:
        """The known word nearest to each unknown word of `terms`, in one query.

        A known word is looked up by its key first and kept: the trigram search, the costlier
        part, runs only for the words the list does not have (COALESCE evaluates its second
        argument only when the first is NULL). Prepared, with its values behind `(SELECT …)` as
        portal.prepared.opaqued() puts them: every search sends it, its plan (the word list's
        two indexes) is the same for any words, and planned at each search, planning took five
        times as long as running it (bench/statements.py).
        """
        words = list(dict.fromkeys(WORD.findall(terms.lower())))
        if not words:
            return {}
        table = self.model._meta.db_table
        with preparing_cursor() as cursor:
            cursor.execute(
                f"SELECT typed.word, COALESCE("
                f"  (SELECT known.word FROM {table} known WHERE known.word = typed.word),"
                f"  (SELECT known.word FROM {table} known"
                f"   WHERE known.word %% typed.word"
                f"   AND similarity(known.word, typed.word) >= (SELECT %s)"
                f"   ORDER BY similarity(known.word, typed.word) DESC, known.word LIMIT 1))"
                f" FROM unnest((SELECT %s)::text[]) AS typed(word)",
                [CORRECTION_SIMILARITY, words],
            )
            return {typed: known for typed, known in cursor.fetchall() if known and known != typed}

    def rebuild(self, sources) -> int:
        """Replace the list with the words of `sources` (querysets of one text column each)."""
        parts, params = [], []
        for source in sources:
            sql, source_params = source.order_by().query.sql_with_params()
            parts.append(f"({sql})")
            params.extend(source_params)
        table = self.model._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (word) SELECT DISTINCT word FROM ("
                f"  SELECT regexp_split_to_table(lower(text), '[^[:alpha:]]+') AS word"
                f"  FROM ({' UNION ALL '.join(parts)}) AS source(text)"
                f") AS words WHERE length(word) BETWEEN 4 AND 100",
                params,
            )
            return cursor.rowcount


class SearchWord(models.Model):
    """A word of the portal's public texts, to correct a misspelt search (portal.search)."""

    word = models.CharField(max_length=100, primary_key=True)

    objects = SearchWordQuerySet.as_manager()

    class Meta:
        indexes = [search.trigram_index("searchword_trgm", "word")]

    def __str__(self):
        return self.word
