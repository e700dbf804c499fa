from django.db import migrations

from personnel import roles

# BKPSDM keeps the training records.
TRAINING_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.VERIFIER: tuple(
        f"{action}_{model}"
        for model in ("trainingevent", "trainingrecord")
        for action in ("view", "add", "change", "delete")
    ),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "training", TRAINING_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "training", TRAINING_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
