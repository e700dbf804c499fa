"""The published-report counts (reports.PublishedCount), kept exact by triggers on reports_report.

Statement-level triggers with transition tables: one publication is one upsert, and a bulk
statement (an import, `QuerySet.update()`, psql) is one grouped upsert however many rows it
touches. A row counts while its status is 'published'; the delta of a statement is +1 per new
row that is published and -1 per old row that was, grouped by (period, unit, predikat, jabatan
type, golongan). Groups that reach zero are deleted, so the table holds only non-zero counts.
Concurrent publications of the same group serialise on the row lock of ON CONFLICT DO UPDATE,
and the groups are written in key order, so two bulk statements cannot deadlock on them.

`reports_published_count_rebuild()` recounts from scratch (for data loaded with triggers off,
e.g. bench/generate_scale.py, or after a restore of a partial dump);
`manage.py rebuild_published_counts` calls it. Trigger names do not start with `pgtrigger_`,
so pgtrigger's pruning leaves them alone.
"""

import django.db.models.deletion
from django.db import migrations, models


GROUP = "period_id, unit_id, predikat, jabatan_type, golongan"


def delta_function(name: str, delta: str) -> str:
    """A trigger function that adds the grouped `delta` (a SELECT of GROUP and n) to the counts."""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reports_publishedcount AS c ({GROUP}, total)
    SELECT {GROUP}, sum(n) FROM ({delta}) AS delta
    GROUP BY {GROUP} HAVING sum(n) <> 0 ORDER BY {GROUP}
    ON CONFLICT ({GROUP}) DO UPDATE SET total = c.total + EXCLUDED.total;
    DELETE FROM reports_publishedcount WHERE total = 0;
    RETURN NULL;
END;
$$;
"""


PUBLISHED_NEW = f"SELECT {GROUP}, 1 AS n FROM new_rows WHERE status = 'published'"
PUBLISHED_OLD = f"SELECT {GROUP}, -1 AS n FROM old_rows WHERE status = 'published'"

FUNCTIONS = "\n".join(
    [
        delta_function("reports_published_count_insert", PUBLISHED_NEW),
        delta_function(
            "reports_published_count_update", f"{PUBLISHED_NEW} UNION ALL {PUBLISHED_OLD}"
        ),
        delta_function("reports_published_count_delete", PUBLISHED_OLD),
        f"""
CREATE FUNCTION reports_published_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM reports_publishedcount;
    RETURN NULL;
END;
$$;

CREATE FUNCTION reports_published_count_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    counted bigint;
BEGIN
    LOCK TABLE reports_report IN SHARE MODE;  -- no report changes while counting
    DELETE FROM reports_publishedcount;
    INSERT INTO reports_publishedcount ({GROUP}, total)
    SELECT {GROUP}, count(*) FROM reports_report WHERE status = 'published'
    GROUP BY {GROUP} ORDER BY {GROUP};
    SELECT coalesce(sum(p.total), 0) INTO counted FROM reports_publishedcount AS p;
    RETURN counted;
END;
$$;

CREATE TRIGGER published_count_insert AFTER INSERT ON reports_report
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_published_count_insert();
CREATE TRIGGER published_count_update AFTER UPDATE ON reports_report
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_published_count_update();
CREATE TRIGGER published_count_delete AFTER DELETE ON reports_report
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_published_count_delete();
CREATE TRIGGER published_count_truncate AFTER TRUNCATE ON reports_report
    FOR EACH STATEMENT EXECUTE FUNCTION reports_published_count_truncate();

SELECT reports_published_count_rebuild();
""",
    ]
)

DROP = """
DROP TRIGGER IF EXISTS published_count_insert ON reports_report;
DROP TRIGGER IF EXISTS published_count_update ON reports_report;
DROP TRIGGER IF EXISTS published_count_delete ON reports_report;
DROP TRIGGER IF EXISTS published_count_truncate ON reports_report;
DROP FUNCTION reports_published_count_rebuild();
DROP FUNCTION reports_published_count_truncate();
DROP FUNCTION reports_published_count_delete();
DROP FUNCTION reports_published_count_update();
DROP FUNCTION reports_published_count_insert();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0004_search_indexes'),
        ('reports', '0007_skpimport'),
    ]

    operations = [
        migrations.CreateModel(
            name='PublishedCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('predikat', models.CharField(max_length=16)),
                ('jabatan_type', models.CharField(max_length=30)),
                ('golongan', models.CharField(max_length=6)),
                ('total', models.IntegerField()),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.period')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='personnel.unit')),
            ],
            options={
                'verbose_name': 'jumlah laporan terbit',
                'verbose_name_plural': 'jumlah laporan terbit',
                'constraints': [models.UniqueConstraint(fields=('period', 'unit', 'predikat', 'jabatan_type', 'golongan'), name='publishedcount_one_per_group')],
            },
        ),
        migrations.AddIndex(
            model_name='publishedcount',
            index=models.Index(condition=models.Q(('total', 0)), fields=['id'], name='publishedcount_zero'),
        ),
        migrations.RunSQL(FUNCTIONS, DROP),
    ]
