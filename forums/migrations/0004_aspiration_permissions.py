from django.db import migrations

from personnel import roles

# Moderators enter the aspirations raised at a forum (each becomes a feedback submission).
ASPIRATION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.MODERATOR: ("view_forumaspiration", "add_forumaspiration"),
}


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "forums", ASPIRATION_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "forums", ASPIRATION_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_aspirations")]

    operations = [migrations.RunPython(grant, revoke)]
