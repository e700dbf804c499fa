from django.db import migrations

from personnel import roles

FEEDBACK_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.MODERATOR: (
        "view_ban",
        "view_routing",
        "view_flag",
        "view_holiday",
        "add_holiday",
        "change_holiday",
        "delete_holiday",
    ),
    roles.UNIT_RESPONDER: ("view_routing", "respond_submission"),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "feedback", FEEDBACK_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "feedback", FEEDBACK_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_deadlines")]

    operations = [migrations.RunPython(grant, revoke)]
