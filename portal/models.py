import re

from django.db import connection, models, transaction

from personnel import search
from portal.prepared import CompiledSQL

# A corrected word must be at least this close (pg_trgm similarity) to what was typed.
CORRECTION_SIMILARITY = 0.5
WORD = re.compile(r"[^\W\d_]{4,}")  # only words of four letters or more are corrected


def corrections_sql(words: list[str]) -> tuple[str, list, tuple[str, str]]:
    """For each of `words`, the known word nearest to it (itself if it is known, NULL if none
    is near enough).

    A known word is looked up by its key first and kept: the trigram search, the costlier part,
    runs only for the words the list does not have (COALESCE evaluates its second argument only
    when the first is NULL)."""
    table = SearchWord._meta.db_table
    sql = (
        f"SELECT typed.word, COALESCE("
        f"  (SELECT known.word FROM {table} known WHERE known.word = typed.word),"
        f"  (SELECT known.word FROM {table} known"
        f"   WHERE known.word %% typed.word AND similarity(known.word, typed.word) >= %s"
        f"   ORDER BY similarity(known.word, typed.word) DESC, known.word LIMIT 1))"
        f" FROM unnest(%s) AS typed(word)"
    )
    return sql, [CORRECTION_SIMILARITY, words], ("typed", "known")


# Prepared and opaque (portal.prepared.opaqued()): every search sends it, and its plan (the word
# list's two indexes) is the same for any words; planned at each search, planning took five
# times as long as running it (bench/statements.py).
CORRECTIONS = CompiledSQL(corrections_sql, ["\x1fword"], opaque=True)


class SearchWordQuerySet(models.QuerySet):
    def corrections(self, terms: str) -> dict[str, str]:
        """The known word nearest to each unknown word of `terms`, in one query
        (corrections_sql())."""
        words = list(dict.fromkeys(WORD.findall(terms.lower())))
        if not words:
            return {}
        pairs = ((row["typed"], row["known"]) for row in CORRECTIONS.rows(words))
        return {typed: known for typed, known in pairs if known and known != typed}

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
