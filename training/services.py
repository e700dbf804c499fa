"""Writes of the training app: the attendance import, checked, previewed and applied.

The plan is made by `training.importing`; here it is written in one transaction, with the
importing user and the action attached to the audit trail (django-pghistory) of every record it
creates or changes.
"""

import pghistory
from django.db import transaction

from personnel.importing.history import apply_upload, check_upload, run_file
from personnel.importing.writing import bulk_update_rows
from training import importing
from training.models import TrainingImport, TrainingRecord

UPDATED_FIELDS = ["jp", "certificate_number"]


def attendance_import_write(*, plan: importing.TrainingImportPlan) -> importing.TrainingImportPlan:
    """Write a checked attendance plan in one transaction; a plan with errors is refused.

    New records are inserted and known ones (same employee and event) get the file's JP and,
    when the file has the column, its certificate number. Raises IntegrityError, writing
    nothing, when the data moved under the plan: the same attendance recorded meanwhile, or an
    event's JP lowered below a JP in the file (the database trigger refuses it).
    """
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    if plan.applied:
        raise ValueError("this plan has already been applied")
    by = plan.user
    with (
        transaction.atomic(),
        pghistory.context(action="import_training", user=by.pk if by else None),
    ):
        TrainingRecord.objects.bulk_create([planned.record for planned in plan.creates])
        bulk_update_rows(
            TrainingRecord, [planned.record for planned in plan.updates], UPDATED_FIELDS
        )
    plan.applied = True
    return plan


def training_import_check(*, name: str, data: bytes, by) -> TrainingImport:
    """Check an uploaded attendance file and keep it in the history (previewed or rejected).

    An unreadable file raises ImportFileError and leaves no record.
    """
    return check_upload(
        model=TrainingImport, plan_file=importing.plan_file, name=name, data=data, by=by
    )


def training_import_apply(*, record: TrainingImport, by) -> TrainingImport:
    """Apply a previewed attendance upload, checked again against today's data, all or nothing."""
    return apply_upload(
        record=record, plan_file=importing.plan_file, apply=attendance_import_write, by=by
    )


def training_import_run(*, name: str, data: bytes, by=None, dry_run: bool = False):
    """Check and, when clean and not a dry run, apply an attendance file (the command's path)."""
    return run_file(
        model=TrainingImport,
        plan_file=importing.plan_file,
        apply=attendance_import_write,
        name=name,
        data=data,
        by=by,
        dry_run=dry_run,
    )
