from django.contrib.auth.management import create_permissions
from django.db import migrations

from personnel import roles

# codenames in the reports app, per staff group (the group names live in personnel.roles)
REPORTS_PERMISSIONS: dict[str, tuple[str, ...]] = {
    roles.EVALUATOR: (
        "view_report",
        "add_report",
        "change_report",
        "delete_report",
        "view_indicator",
        "add_indicator",
        "change_indicator",
        "delete_indicator",
        "view_behaviourrating",
        "add_behaviourrating",
        "change_behaviourrating",
        "delete_behaviourrating",
        "submit_report",
        "view_period",
    ),
    roles.VERIFIER: (
        *(
            f"{action}_{model}"
            for model in (
                "period",
                "report",
                "indicator",
                "behaviourrating",
                "unitrating",
                "distributionrule",
                "withholding",
            )
            for action in ("view", "add", "change")
        ),
        "submit_report",
        "approve_report",
        "publish_report",
    ),
    roles.MODERATOR: ("view_report",),
    roles.UNIT_RESPONDER: ("view_report",),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in REPORTS_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in REPORTS_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_distribution_rules"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
