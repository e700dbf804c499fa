from django.db import migrations

# The search page is page-cached (portal/cache.py): a rebuilt word list changes its typo
# suggestions, so it moves the cache generation like the other public tables.
TABLE = "portal_searchword"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_search_words"),
        ("reports", "0004_cache_generation"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE TRIGGER cache_generation_words AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION cache_generation_bump();",
            f"DROP TRIGGER IF EXISTS cache_generation_words ON {TABLE};",
        )
    ]
