"""Triggers that add the words of a unit, position or employee written by any path (the admin,
an import, a bulk load) to the search's word list (portal.models.SearchWord), which is rebuilt
only nightly: a name's words must be there at once for the public list's name search
(reports.filters.name_words_statement()), and a new title is found with a typo the same day.

The migration adds the words of the rows already written. Statement-level, with transition
tables: an import of thousands of employees splits their names in one statement. On an
update, only the rows whose name (or title) changed. A unit's words are public while it is
active; a position's title is public; a name's words never are (an existing public word stays
public). Trigger names do not start with `pgtrigger_`, so pgtrigger's pruning
leaves them alone.
"""

from django.db import migrations

# (table, column, whether its words may be shown as a correction, as SQL over the new row)
SOURCES = [
    ("personnel_unit", "name", "changed.is_active"),
    ("personnel_position", "title", "TRUE"),
    ("personnel_employee", "name", "FALSE"),
]


def function(table: str, column: str, public: str, changed: str) -> str:
    unchanged = (
        f"AND NOT EXISTS (SELECT 1 FROM before"
        f" WHERE before.id = changed.id AND before.{column} = changed.{column})"
        if changed == "updated"
        else ""
    )
    words = f"""
        SELECT word, bool_or({public}) AS public
        FROM changed, regexp_split_to_table(lower(changed.{column}), '[^[:alpha:]]+') AS word
        WHERE length(word) BETWEEN 3 AND 100 {unchanged}
        GROUP BY word"""
    # Written only when a word is new, or newly public: a write to the list moves the page
    # cache's generation (portal.cache), which a rename that keeps its words should not.
    return f"""
CREATE FUNCTION {table}_search_words_{changed}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM ({words}) AS typed
        WHERE NOT EXISTS (
            SELECT 1 FROM portal_searchword AS known
            WHERE known.word = typed.word AND (known.public OR NOT typed.public)
        )
    ) THEN
        INSERT INTO portal_searchword (word, public) {words}
        ON CONFLICT (word) DO UPDATE SET public = TRUE
        WHERE EXCLUDED.public AND NOT portal_searchword.public;
    END IF;
    RETURN NULL;
END $$;"""


def forwards() -> str:
    parts = []
    for table, column, public in SOURCES:
        parts.append(function(table, column, public, "inserted"))
        parts.append(function(table, column, public, "updated"))
        parts.append(
            f"CREATE TRIGGER {table}_search_words_inserted AFTER INSERT ON {table}"
            f" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {table}_search_words_inserted();"
        )
        parts.append(
            f"CREATE TRIGGER {table}_search_words_updated AFTER UPDATE ON {table}"
            f" REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {table}_search_words_updated();"
        )
    return "\n".join(parts)


# The words already written, so that the list's name search finds every name from the
# migration on (refresh_search_words, nightly, does the same with the public texts).
FILL = """
INSERT INTO portal_searchword (word, public)
SELECT word, bool_or(public) FROM (
    SELECT regexp_split_to_table(lower(name), '[^[:alpha:]]+'), is_active FROM personnel_unit
    UNION ALL
    SELECT regexp_split_to_table(lower(title), '[^[:alpha:]]+'), TRUE FROM personnel_position
    UNION ALL
    SELECT regexp_split_to_table(lower(name), '[^[:alpha:]]+'), FALSE FROM personnel_employee
) AS words(word, public)
WHERE length(word) BETWEEN 3 AND 100
GROUP BY word
ON CONFLICT (word) DO UPDATE SET public = TRUE
WHERE EXCLUDED.public AND NOT portal_searchword.public;
"""


def backwards() -> str:
    parts = []
    for table, _column, _public in SOURCES:
        for changed in ("inserted", "updated"):
            parts.append(f"DROP TRIGGER {table}_search_words_{changed} ON {table};")
            parts.append(f"DROP FUNCTION {table}_search_words_{changed}();")
    return "\n".join(parts)


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0008_drop_name_trigram_indexes"),
        ("portal", "0003_searchword_public"),
    ]

    operations = [
        migrations.RunSQL(forwards(), backwards()),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
