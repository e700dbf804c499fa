"""The published counts per period, unit and predikat (reports.PublishedUnitCount).

The trigger functions of 0008 are replaced by ones that write both tables from the same delta:
the fine counts as before, then the same delta grouped by (period, unit, predikat) into this
table, in key order too, so two bulk statements cannot deadlock on it either. The truncate and
rebuild functions empty and recount both. The reverse puts 0008's functions back.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

OLD = importlib.import_module("reports.migrations.0008_published_counts")
GROUP = OLD.GROUP
UNIT_GROUP = "period_id, unit_id, predikat"


def delta_function(name: str, delta: str) -> str:
    """0008's function, which also adds the delta grouped by UNIT_GROUP to the unit counts."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reports_publishedcount AS c ({GROUP}, total)
    SELECT {GROUP}, sum(n) FROM ({delta}) AS delta
    GROUP BY {GROUP} HAVING sum(n) <> 0 ORDER BY {GROUP}
    ON CONFLICT ({GROUP}) DO UPDATE SET total = c.total + EXCLUDED.total;
    DELETE FROM reports_publishedcount WHERE total = 0;
    INSERT INTO reports_publishedunitcount AS c ({UNIT_GROUP}, total)
    SELECT {UNIT_GROUP}, sum(n) FROM ({delta}) AS delta
    GROUP BY {UNIT_GROUP} HAVING sum(n) <> 0 ORDER BY {UNIT_GROUP}
    ON CONFLICT ({UNIT_GROUP}) DO UPDATE SET total = c.total + EXCLUDED.total;
    DELETE FROM reports_publishedunitcount WHERE total = 0;
    RETURN NULL;
END;
$$;
"""


# The reverse: 0008's functions put back (its triggers call them by name), its triggers kept.
OLD_FUNCTIONS = OLD.FUNCTIONS.split("\nCREATE TRIGGER")[0].replace(
    "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"
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
    DELETE FROM reports_publishedcount;
    DELETE FROM reports_publishedunitcount;
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
    GROUP BY {GROUP} ORDER BY {GROUP};
    DELETE FROM reports_publishedunitcount;
    INSERT INTO reports_publishedunitcount ({UNIT_GROUP}, total)
    SELECT {UNIT_GROUP}, sum(total) FROM reports_publishedcount
    GROUP BY {UNIT_GROUP} ORDER BY {UNIT_GROUP};
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
