from django.contrib.auth.management import create_permissions
from django.db import migrations

from personnel import roles

# codenames in the feedback app, per staff group (the group names live in personnel.roles).
# Moderation, routing and answers add their own codenames in later migrations.
FEEDBACK_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.MODERATOR: ("view_submission", "view_timelineevent", "moderate_submission"),
    roles.UNIT_RESPONDER: ("view_submission", "view_timelineevent"),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in FEEDBACK_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in FEEDBACK_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
