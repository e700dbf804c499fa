"""Writing a checked plan of SKP results in one transaction."""

import pghistory
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from personnel.importing.writing import bulk_update_rows
from reports.choices import ReportStatus
from reports.importing.base import SkpImportPlan
from reports.models import BehaviourRating, Indicator, Report

REPLACED_FIELDS = [
    "hasil_kerja",
    "perilaku",
    "predikat",
    "evaluator",
    "evaluator_superior",
    "evaluator_notes",
    "updated_at",
]


def apply_import(*, plan: SkpImportPlan) -> SkpImportPlan:
    """Write a checked plan in one transaction; a plan with errors is refused.

    New reports are created as drafts; a draft already there for the same employee and period
    keeps its row (version, correction reason, snapshot) and has its evaluation, indicators
    and BerAKHLAK ratings replaced by the file's. Raises IntegrityError, writing nothing, when
    one of those drafts left draft since the plan was made.
    """
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    if plan.applied:
        raise ValueError("this plan has already been applied")
    by = plan.user
    replaced = [planned.report for planned in plan.replaces]
    created = [planned.report for planned in plan.creates]
    with transaction.atomic(), pghistory.context(action="import_skp", user=by.pk if by else None):
        if replaced:
            ids = [report.pk for report in replaced]
            # Locked, so no one submits them while they are rewritten; the database triggers
            # would refuse the rewrite of a report that is no longer a draft anyway.
            statuses = dict(
                Report.objects.select_for_update()
                .filter(pk__in=ids)
                .order_by()
                .values_list("pk", "status")
            )
            if any(statuses.get(pk) != ReportStatus.DRAFT for pk in ids):
                raise IntegrityError("a draft to be replaced is no longer a draft")
            _delete_children(ids)
            now = timezone.now()
            for report in replaced:
                report.updated_at = now
            bulk_update_rows(Report, replaced, REPLACED_FIELDS)
        Report.objects.bulk_create(created)
        Indicator.objects.bulk_create(
            indicator for planned in plan.reports for indicator in planned.indicators
        )
        BehaviourRating.objects.bulk_create(
            behaviour for planned in plan.reports for behaviour in planned.behaviours
        )
    plan.applied = True
    return plan


def _delete_children(report_ids: list[int]) -> None:
    """Delete the indicators and BerAKHLAK ratings of these reports, one statement per table.

    QuerySet.delete() would first read the rows and then delete them in batches of a hundred;
    the rows have no cascades to follow, and the database's own triggers (freezing, audit)
    fire on a plain DELETE all the same.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (Indicator, BehaviourRating):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE report_id = ANY(%s)",
                [report_ids],
            )
