"""A name search of the public list by the words of the names (reports.ListingKey's
listingkey_name_words index, reports.filters.name_words_statement()).

The index holds each listed report's name words keyed by its period ("3:siti"), through an
IMMUTABLE SQL function that splits a name as the search's word list does (lower case, at
anything not a letter). Building it reads every listed report once (a few seconds a million).
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

import reports.models

FUNCTION = """
CREATE FUNCTION reports_name_word_keys(period bigint, name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT ARRAY(
        SELECT period::text || ':' || word
        FROM regexp_split_to_table(lower(name), '[^[:alpha:]]+') AS word
        WHERE word <> ''
    )
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0008_drop_name_trigram_indexes"),
        ("reports", "0018_staff_list_indexes"),
    ]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION reports_name_word_keys(bigint, text);"),
        migrations.AddIndex(
            model_name="listingkey",
            index=django.contrib.postgres.indexes.GinIndex(
                reports.models.NameWordKeys(models.F("period"), models.F("name")),
                name="listingkey_name_words",
            ),
        ),
    ]
