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


def grant(apps, schema_editor):
    roles.grant_permissions(apps, "reports", REPORTS_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke_permissions(apps, "reports", REPORTS_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_distribution_rules"),
        ("personnel", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
