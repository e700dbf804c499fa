from django.db import migrations

from personnel import roles

# The panel's secretariat (BKPSDM) reads the residents' input with its authors.
INPUT_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.VERIFIER: ("view_candidateinput", "delete_candidateinput"),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "selection", INPUT_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "selection", INPUT_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("selection", "0003_public_input")]

    operations = [migrations.RunPython(grant, revoke)]
