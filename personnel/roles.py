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
