from django.contrib.auth.management import create_permissions
from django.db import migrations

from personnel.roles import ALL_GROUPS, PERSONNEL_PERMISSIONS


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ALL_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        codenames = PERSONNEL_PERMISSIONS.get(name, ())
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="personnel", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
