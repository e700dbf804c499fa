from django.db import migrations

from personnel import roles

# BKPSDM runs the selections; the other groups have nothing to do here.
SELECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.VERIFIER: tuple(
        f"{action}_{model}"
        for model in ("selection", "stage", "panelmember", "candidate", "stageresult")
        for action in ("view", "add", "change", "delete")
    ),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "selection", SELECTION_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "selection", SELECTION_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0001_initial"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
