"""Sums of the published counts: per period, unit and predikat (reports.PublishedUnitCount),
and per period, jabatan type, golongan and predikat (reports.PublishedGradeCount).

The trigger functions of 0008 are replaced by ones that write every table from the same delta:
the fine counts as before, then the same delta grouped by each sum's key into its table, in key
order too, so two bulk statements cannot deadlock on them either. The truncate and rebuild
functions empty and recount them all. The reverse puts 0008's functions back.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

OLD = importlib.import_module("reports.migrations.0008_published_counts")
GROUP = OLD.GROUP
SUMS = {
    "reports_publishedunitcount": "period_id, unit_id, predikat",
    "reports_publishedgradecount": "period_id, jabatan_type, golongan, predikat",
}


def upsert(table: str, group: str, source: str) -> str:
    """Add the rows of `source` (group columns and n), grouped by `group`, to `table`."""
    return f"""
    INSERT INTO {table} AS c ({group}, total)
    SELECT {group}, sum(n) FROM ({source}) AS delta
    GROUP BY {group} HAVING sum(n) <> 0 ORDER BY {group}
    ON CONFLICT ({group}) DO UPDATE SET total = c.total + EXCLUDED.total;
    DELETE FROM {table} WHERE total = 0;"""


def delta_function(name: str, delta: str) -> str:
    """0008's function, which also adds the delta to each of the sums."""
    writes = "".join(
        upsert(table, group, delta)
        for table, group in {"reports_publishedcount": GROUP, **SUMS}.items()
    )
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{writes}
    RETURN NULL;
END;
$$;
"""


# The reverse: 0008's functions put back (its triggers call them by name), its triggers kept.
OLD_FUNCTIONS = OLD.FUNCTIONS.split("\nCREATE TRIGGER")[0].replace(
    "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"
)
EMPTY_SUMS = "".join(f"\n    DELETE FROM {table};" for table in SUMS)
RECOUNT_SUMS = "".join(
    f"""
    DELETE FROM {table};
    INSERT INTO {table} ({group}, total)
    SELECT {group}, sum(total) FROM reports_publishedcount
    GROUP BY {group} ORDER BY {group};"""
    for table, group in SUMS.items()
)

FUNCTIONS = "\n".join(
    [
        delta_function("reports_published_count_insert", OLD.PUBLISHED_NEW),
        delta_function(
            "reports_published_count_update", f"{OLD.PUBLISHED_NEW} UNION ALL {OLD.PUBLISHED_OLD}"
        ),
        delta_function("reports_published_count_delete", OLD.PUBLISHED_OLD),
        f"""
CREATE OR REPLACE FUNCTION reports_published_count_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM reports_publishedcount;{EMPTY_SUMS}
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION reports_published_count_rebuild() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    counted bigint;
BEGIN
    LOCK TABLE reports_report IN SHARE MODE;  -- no report changes while counting
    DELETE FROM reports_publishedcount;
    INSERT INTO reports_publishedcount ({GROUP}, total)
    SELECT {GROUP}, count(*) FROM reports_report WHERE status = 'published'
    GROUP BY {GROUP} ORDER BY {GROUP};{RECOUNT_SUMS}
    SELECT coalesce(sum(p.total), 0) INTO counted FROM reports_publishedcount AS p;
    RETURN counted;
END;
$$;

SELECT reports_published_count_rebuild();
""",
    ]
)


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0005_list_indexes'),
        ('reports', '0013_publishedcount_unit_period_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='PublishedGradeCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jabatan_type', models.CharField(max_length=30)),
                ('golongan', models.CharField(max_length=6)),
                ('predikat', models.CharField(max_length=16)),
                ('total', models.IntegerField()),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.period')),
            ],
            options={
                'verbose_name': 'jumlah laporan terbit per jenis jabatan dan golongan',
                'verbose_name_plural': 'jumlah laporan terbit per jenis jabatan dan golongan',
                'indexes': [models.Index(condition=models.Q(('total', 0)), fields=['id'], name='publishedgradecount_zero')],
                'constraints': [models.UniqueConstraint(fields=('period', 'jabatan_type', 'golongan', 'predikat'), name='publishedgradecount_one_per_group')],
            },
        ),
        migrations.CreateModel(
            name='PublishedUnitCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('predikat', models.CharField(max_length=16)),
                ('total', models.IntegerField()),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.period')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='personnel.unit')),
            ],
            options={
                'verbose_name': 'jumlah laporan terbit per unit',
                'verbose_name_plural': 'jumlah laporan terbit per unit',
                'indexes': [models.Index(condition=models.Q(('total', 0)), fields=['id'], name='publishedunitcount_zero'), models.Index(fields=['unit', 'period'], include=('predikat', 'total'), name='publishedunitcount_unit_period')],
                'constraints': [models.UniqueConstraint(fields=('period', 'unit', 'predikat'), name='publishedunitcount_one_per_group')],
            },
        ),
        migrations.RunSQL(FUNCTIONS, OLD_FUNCTIONS),
    ]
