"""The life of an uploaded file, shared by every import: checked, previewed, applied or rejected.

An import brings three things: its history model (a subclass of `ImportRecord`), a planner
`plan_file(*, name, data, user)` whose plan has `errors` and `record_counts()`, and a writer
`apply(plan=...)`. These functions keep the file with its record, re-check it at apply time
against the data of that moment, and write all or nothing.
"""

from django.db import transaction
from django.utils import timezone

from personnel.importing.base import ImportFileError
from personnel.models import ImportStatus


class ImportAlreadyProcessed(Exception):
    """The upload was applied or rejected before (a second click, another tab)."""


def _counts(model, plan, *, rejected: bool) -> dict:
    # A rejected file wrote nothing, so its history row counts nothing but errors.
    counts = plan.record_counts()
    return {name: 0 if rejected else counts.get(name, 0) for name in model.COUNT_FIELDS}


def history_row(*, model, name: str, data: bytes, by, plan, applied: bool):
    """Keep one file in `model`'s history: previewed, applied, or rejected with its errors."""
    return model.objects.create(
        file_name=name[:255],
        content=data,
        uploaded_by=by,
        status=(
            ImportStatus.APPLIED
            if applied
            else ImportStatus.REJECTED
            if plan.errors
            else ImportStatus.PREVIEWED
        ),
        applied_at=timezone.now() if applied else None,
        error_count=len(plan.errors),
        errors=[error.as_dict() for error in plan.errors],
        **_counts(model, plan, rejected=bool(plan.errors)),
    )


def check_upload(*, model, plan_file, name: str, data: bytes, by):
    """Check an uploaded file and keep it in the history, previewed or rejected with its errors.

    An unreadable file raises ImportFileError and leaves no record.
    """
    plan = plan_file(name=name, data=data, user=by)
    return history_row(model=model, name=name, data=data, by=by, plan=plan, applied=False)


def apply_upload(*, record, plan_file, apply, by):
    """Apply a previewed upload, checked again against today's data, all or nothing.

    The file is re-read from the history row, so what was previewed is what is applied. On an
    error the row is marked rejected with the errors and nothing else is written. Raises
    ImportAlreadyProcessed when the row was applied or rejected before, and IntegrityError
    when the data changed under the import (nothing is written then either).
    """
    model = type(record)
    with transaction.atomic():
        # The row lock makes a double click apply the file once.
        record = model.objects.select_for_update().get(pk=record.pk)
        if record.status != ImportStatus.PREVIEWED:
            raise ImportAlreadyProcessed
        try:
            plan = plan_file(name=record.file_name, data=bytes(record.content), user=by)
        except ImportFileError as error:
            errors = [{"row": "", "column": "", "value": "", "message": str(error)}]
        else:
            errors = [error.as_dict() for error in plan.errors]
        if errors:
            record.status = ImportStatus.REJECTED
            record.errors = errors
            record.error_count = len(errors)
            record.save(update_fields=["status", "errors", "error_count"])
            return record
        apply(plan=plan)
        record.status = ImportStatus.APPLIED
        record.applied_at = timezone.now()
        for field_name, value in _counts(model, plan, rejected=False).items():
            setattr(record, field_name, value)
        record.error_count = 0
        record.errors = []
        record.save()
    return record


def run_file(*, model, plan_file, apply, name: str, data: bytes, by=None, dry_run: bool = False):
    """Check and, when clean and not a dry run, apply a file in one go (the commands' path).

    With `by`, the user's permission scope applies and the run is kept in the import history
    (applied or rejected) in the same transaction as the data. Raises ImportFileError for an
    unreadable file.
    """
    plan = plan_file(name=name, data=data, user=by)
    if dry_run:
        return plan
    with transaction.atomic():
        if not plan.errors:
            apply(plan=plan)
        if by is not None:
            history_row(
                model=model, name=name, data=data, by=by, plan=plan, applied=not plan.errors
            )
    return plan
