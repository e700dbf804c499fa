"""Writes of the personnel app that touch several models or leave an audit record."""

from django.db import transaction
from django.utils import timezone

from personnel.importing import ImportFileError, ImportPlan, apply_import, plan_file
from personnel.models import ImportStatus, PersonnelImport


class ImportAlreadyProcessed(Exception):
    """The upload was applied or rejected before (a second click, another tab)."""


def _history_row(*, name: str, data: bytes, by, plan: ImportPlan, applied: bool) -> PersonnelImport:
    return PersonnelImport.objects.create(
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
        # A rejected file wrote nothing, so its history row counts nothing but errors.
        created_count=0 if plan.errors else len(plan.creates),
        updated_count=0 if plan.errors else len(plan.updates),
        unchanged_count=0 if plan.errors else len(plan.unchanged),
        error_count=len(plan.errors),
        errors=[error.as_dict() for error in plan.errors],
    )


def personnel_import_check(*, name: str, data: bytes, by) -> PersonnelImport:
    """Check an uploaded file and keep it in the history, previewed or rejected with its errors.

    An unreadable file raises ImportFileError and leaves no record.
    """
    plan = plan_file(name=name, data=data, user=by)
    return _history_row(name=name, data=data, by=by, plan=plan, applied=False)


def personnel_import_apply(*, record: PersonnelImport, by) -> PersonnelImport:
    """Apply a previewed upload, checked again against today's data, all or nothing.

    The file is re-read from the history row, so what was previewed is what is applied. On an
    error the row is marked rejected with the errors and no employee data is written. Raises
    ImportAlreadyProcessed when the row was applied or rejected before, and IntegrityError
    when the data changed under the import (nothing is written then either).
    """
    with transaction.atomic():
        # The row lock makes a double click apply the file once.
        record = PersonnelImport.objects.select_for_update().get(pk=record.pk)
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
        apply_import(plan=plan)
        record.status = ImportStatus.APPLIED
        record.applied_at = timezone.now()
        record.created_count = len(plan.creates)
        record.updated_count = len(plan.updates)
        record.unchanged_count = len(plan.unchanged)
        record.error_count = 0
        record.errors = []
        record.save()
    return record


def personnel_import_run(*, name: str, data: bytes, by=None, dry_run: bool = False) -> ImportPlan:
    """Check and, when clean and not a dry run, apply a file in one go (the command's path).

    With `by`, the user's permission scope applies and the run is kept in the import history
    (applied or rejected) in the same transaction as the data. Raises ImportFileError for an
    unreadable file.
    """
    plan = plan_file(name=name, data=data, user=by)
    if dry_run:
        return plan
    with transaction.atomic():
        if not plan.errors:
            apply_import(plan=plan)
        if by is not None:
            _history_row(name=name, data=data, by=by, plan=plan, applied=not plan.errors)
    return plan
