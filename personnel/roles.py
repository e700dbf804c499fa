"""The staff roles (Django groups) and the permissions each carries.

Each app adds its own permissions to these groups in a data migration; this module is the
single place that lists the group names.
"""

EVALUATOR = "Evaluator"
VERIFIER = "Verifier"
MODERATOR = "Moderator"
UNIT_RESPONDER = "Unit responder"

ALL_GROUPS = (EVALUATOR, VERIFIER, MODERATOR, UNIT_RESPONDER)

# codenames in the personnel app, per group
PERSONNEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    EVALUATOR: ("view_unit", "view_position", "view_employee", "view_assignment"),
    VERIFIER: (
        "view_unit",
        "add_unit",
        "change_unit",
        "view_position",
        "add_position",
        "change_position",
        "view_employee",
        "add_employee",
        "change_employee",
        "view_assignment",
        "add_assignment",
        "change_assignment",
        "delete_assignment",
        "view_personnelimport",
        "import_personnel",
    ),
    MODERATOR: ("view_unit",),
    UNIT_RESPONDER: ("view_unit", "view_position"),
}


def grant_permissions(apps, app_label: str, permissions: dict[str, tuple[str, ...]]) -> None:
    """Give each group its codenames of `app_label` (for the apps' data migrations)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in permissions.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def revoke_permissions(apps, app_label: str, permissions: dict[str, tuple[str, ...]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in permissions.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
