"""The cache generation: one number that every change to public data moves on.

Public pages are cached under a key that includes this number (portal/cache.py), so a cached
page is never read again once anything it could show has changed, in any gunicorn worker or
host: each request reads the number (one indexed single-row SELECT) before looking in its
cache. The number is moved by statement-level triggers, so every path that writes (the admin,
services, imports, `QuerySet.update()`, psql) invalidates, and a bulk statement bumps it once,
not once per row. It is a row, not a sequence: a sequence would move before the writing
transaction commits, and a page rendered from the old data in that window would be cached
under the new number; the row's new value becomes visible together with the data.

Reports bump only when a row in a public status (published, superseded, withdrawn) is written,
which covers publication, correction and withdrawal (the workflow trigger never lets a public
status go back); drafts being edited all day do not flush anyone's cache. Withholdings, unit
ratings, distribution rules, periods, units, positions, employees and assignments bump on
every change (they change rarely, and each is shown somewhere). Indicators and behaviour
ratings need nothing: they can only change while their report is a draft.

The triggers are plain SQL, not pgtrigger declarations: they span two apps, and statement-level
triggers with transition tables are outside what pgtrigger declares. Their names do not start
with `pgtrigger_`, so pgtrigger's pruning leaves them alone.
"""

from django.db import migrations

PUBLIC_STATUSES = "('published', 'superseded', 'withdrawn')"
# table -> whether only rows in a public status count
TABLES = {
    "reports_report": True,
    "reports_withholding": False,
    "reports_unitrating": False,
    "reports_distributionrule": False,
    "reports_period": False,
    "personnel_unit": False,
    "personnel_position": False,
    "personnel_employee": False,
    "personnel_assignment": False,
}

FUNCTIONS = f"""
CREATE TABLE cache_generation (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    value bigint NOT NULL
);
INSERT INTO cache_generation (id, value) VALUES (true, 1);

CREATE FUNCTION cache_generation_bump_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_ARGV[0] = 'public' THEN
        PERFORM 1 FROM changed WHERE status IN {PUBLIC_STATUSES} LIMIT 1;
    ELSE
        PERFORM 1 FROM changed LIMIT 1;
    END IF;
    IF FOUND THEN
        UPDATE cache_generation SET value = value + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION cache_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cache_generation SET value = value + 1;
    RETURN NULL;
END;
$$;
"""


def triggers(table: str, public_only: bool) -> str:
    argument = "'public'" if public_only else "'any'"
    sql = []
    for event, transition in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        sql.append(
            f"CREATE TRIGGER cache_generation_{event.lower()} AFTER {event} ON {table}"
            f" REFERENCING {transition} TABLE AS changed"
            f" FOR EACH STATEMENT EXECUTE FUNCTION cache_generation_bump_rows({argument});"
        )
    sql.append(
        f"CREATE TRIGGER cache_generation_truncate AFTER TRUNCATE ON {table}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION cache_generation_bump();"
    )
    return "\n".join(sql)


def drop_triggers(table: str) -> str:
    return "\n".join(
        f"DROP TRIGGER IF EXISTS cache_generation_{event} ON {table};"
        for event in ("insert", "update", "delete", "truncate")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0003_audit_trail"),
        ("reports", "0003_report_permissions"),
    ]

    operations = [
        migrations.RunSQL(
            FUNCTIONS,
            "DROP FUNCTION cache_generation_bump();"
            " DROP FUNCTION cache_generation_bump_rows();"
            " DROP TABLE cache_generation;",
        ),
        *(
            migrations.RunSQL(triggers(table, public_only), drop_triggers(table))
            for table, public_only in TABLES.items()
        ),
    ]
