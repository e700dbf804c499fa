"""The public list's order of the published reports (reports.ListingKey), kept by triggers.

Statement-level triggers on reports_report, with transition tables as for the counts (0008):
the rows of old published versions are deleted and those of new published ones inserted, with
the employee's name read under a share lock of the employee's row, so that a concurrent change
of name waits for the publication (or the publication for it) and neither misses the other. A
row-level trigger on personnel_employee copies a changed name to the employee's rows.
`reports_listing_key_rebuild()` fills the table from scratch (here, and for data loaded with
triggers off); `manage.py rebuild_published_counts` calls it. Trigger names do not start with
`pgtrigger_`, so pgtrigger's pruning leaves them alone.
"""

import django.db.models.deletion
from django.db import migrations, models


COLUMNS = "report_id, period_id, predikat, unit_id, employee_id, name"
PUBLISHED = f"""
    INSERT INTO reports_listingkey ({COLUMNS})
    SELECT n.id, n.period_id, n.predikat, n.unit_id, n.employee_id, e.name
    FROM new_rows AS n JOIN personnel_employee AS e ON e.id = n.employee_id
    WHERE n.status = 'published'
    ORDER BY n.id
    FOR SHARE OF e;"""
UNPUBLISHED = """
    DELETE FROM reports_listingkey AS k USING old_rows AS o
    WHERE k.report_id = o.id AND o.status = 'published';"""


def function(name: str, body: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{body}
    RETURN NULL;
END;
$$;
"""


FUNCTIONS = "".join(
    [
        function("reports_listing_key_insert", PUBLISHED),
        function("reports_listing_key_update", UNPUBLISHED + PUBLISHED),
        function("reports_listing_key_delete", UNPUBLISHED),
        function("reports_listing_key_truncate", "\n    DELETE FROM reports_listingkey;"),
        function(
            "personnel_employee_listing_key_name",
            "\n    UPDATE reports_listingkey SET name = NEW.name WHERE employee_id = NEW.id;",
        ),
        f"""
CREATE FUNCTION reports_listing_key_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    listed bigint;
BEGIN
    LOCK TABLE reports_report IN SHARE MODE;  -- no report changes while listing
    LOCK TABLE personnel_employee IN SHARE MODE;  -- nor changes of name
    DELETE FROM reports_listingkey;
    INSERT INTO reports_listingkey ({COLUMNS})
    SELECT r.id, r.period_id, r.predikat, r.unit_id, r.employee_id, e.name
    FROM reports_report AS r JOIN personnel_employee AS e ON e.id = r.employee_id
    WHERE r.status = 'published'
    ORDER BY r.period_id, e.name, r.id;
    GET DIAGNOSTICS listed = ROW_COUNT;
    RETURN listed;
END;
$$;

CREATE TRIGGER listing_key_insert AFTER INSERT ON reports_report
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_listing_key_insert();
CREATE TRIGGER listing_key_update AFTER UPDATE ON reports_report
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_listing_key_update();
CREATE TRIGGER listing_key_delete AFTER DELETE ON reports_report
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_listing_key_delete();
CREATE TRIGGER listing_key_truncate AFTER TRUNCATE ON reports_report
    FOR EACH STATEMENT EXECUTE FUNCTION reports_listing_key_truncate();
CREATE TRIGGER listing_key_name AFTER UPDATE OF name ON personnel_employee
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION personnel_employee_listing_key_name();

SELECT reports_listing_key_rebuild();
""",
    ]
)

DROP = """
DROP TRIGGER IF EXISTS listing_key_name ON personnel_employee;
DROP TRIGGER IF EXISTS listing_key_insert ON reports_report;
DROP TRIGGER IF EXISTS listing_key_update ON reports_report;
DROP TRIGGER IF EXISTS listing_key_delete ON reports_report;
DROP TRIGGER IF EXISTS listing_key_truncate ON reports_report;
DROP FUNCTION reports_listing_key_rebuild();
DROP FUNCTION personnel_employee_listing_key_name();
DROP FUNCTION reports_listing_key_truncate();
DROP FUNCTION reports_listing_key_delete();
DROP FUNCTION reports_listing_key_update();
DROP FUNCTION reports_listing_key_insert();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('personnel', '0005_list_indexes'),
        ('reports', '0014_published_sums'),
    ]

    operations = [
        migrations.CreateModel(
            name='ListingKey',
            fields=[
                ('report', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='reports.report')),
                ('predikat', models.CharField(max_length=16)),
                ('name', models.CharField(max_length=150)),
                ('employee', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='personnel.employee')),
                ('period', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.period')),
                ('unit', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='personnel.unit')),
            ],
            options={
                'verbose_name': 'urutan daftar laporan terbit',
                'verbose_name_plural': 'urutan daftar laporan terbit',
                'indexes': [models.Index(fields=['period', 'name', 'report'], include=('employee',), name='listingkey_by_name'), models.Index(fields=['period', 'predikat', 'name', 'report'], include=('employee', 'unit'), name='listingkey_by_predikat'), models.Index(fields=['period', 'unit', 'name', 'report'], include=('employee', 'predikat'), name='listingkey_by_unit')],
            },
        ),
        migrations.RunSQL(FUNCTIONS, DROP),
    ]
