"""Writing a checked plan of SKP results in one transaction."""

import pghistory
from django.db import IntegrityError, transaction
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
                Report.objects.select_for_update().filter(pk__in=ids).values_list("pk", "status")
            )
            if any(statuses.get(pk) != ReportStatus.DRAFT for pk in ids):
                raise IntegrityError("a draft to be replaced is no longer a draft")
            Indicator.objects.filter(report_id__in=ids).delete()
            BehaviourRating.objects.filter(report_id__in=ids).delete()
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
