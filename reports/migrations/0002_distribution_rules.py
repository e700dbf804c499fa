from django.db import migrations

# Default caps on how many of a unit's staff may receive a predikat, given the unit's own
# predikat organisasi. They are editable defaults only: BKPSDM must check every row against the
# lampiran of PermenPANRB 6/2022 (distribusi predikat kinerja pegawai) and adjust them in the
# admin. Rows for other combinations are deliberately absent: no limit applies to them.
# (organisation_predikat, employee_predikat, max_percent, min_percent)
DEFAULT_RULES = (
    ("istimewa", "sangat_baik", 20, None),
    ("baik", "sangat_baik", 10, None),
    ("butuh_perbaikan", "sangat_baik", 5, None),
    ("kurang", "sangat_baik", 2, None),
    ("sangat_kurang", "sangat_baik", 1, None),
)


def add_rules(apps, schema_editor):
    DistributionRule = apps.get_model("reports", "DistributionRule")
    for organisation, employee, max_percent, min_percent in DEFAULT_RULES:
        # A rule BKPSDM already set is kept as it is.
        DistributionRule.objects.get_or_create(
            organisation_predikat=organisation,
            employee_predikat=employee,
            defaults={"max_percent": max_percent, "min_percent": min_percent},
        )


def remove_rules(apps, schema_editor):
    DistributionRule = apps.get_model("reports", "DistributionRule")
    for organisation, employee, _max, _min in DEFAULT_RULES:
        DistributionRule.objects.filter(
            organisation_predikat=organisation, employee_predikat=employee
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
