from django.db import migrations

from personnel import roles

# Moderators run the forums and record the commitments; a unit's responders report progress
# on their own unit's commitments (the admin scopes them to their units).
FORUMS_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.MODERATOR: (
        *(
            f"{action}_{model}"
            for model in ("forum", "commitment", "commitmentupdate")
            for action in ("view", "add", "change")
        ),
        "view_registration",
        "change_registration",
    ),
    roles.UNIT_RESPONDER: (
        "view_commitment",
        "change_commitment",
        "view_commitmentupdate",
        "add_commitmentupdate",
        "change_commitmentupdate",
    ),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "forums", FORUMS_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "forums", FORUMS_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
