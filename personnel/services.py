"""Writes of the personnel app that touch several models or leave an audit record."""

from personnel.importing import ImportPlan, apply_import, plan_file
from personnel.importing.history import (
    ImportAlreadyProcessed,
    apply_upload,
    check_upload,
    run_file,
)
from personnel.models import PersonnelImport

__all__ = [
    "ImportAlreadyProcessed",
    "personnel_import_apply",
    "personnel_import_check",
    "personnel_import_run",
]


def personnel_import_check(*, name: str, data: bytes, by) -> PersonnelImport:
    """Check an uploaded file and keep it in the history, previewed or rejected with its errors.

    An unreadable file raises ImportFileError and leaves no record.
    """
    return check_upload(model=PersonnelImport, plan_file=plan_file, name=name, data=data, by=by)


def personnel_import_apply(*, record: PersonnelImport, by) -> PersonnelImport:
    """Apply a previewed upload, checked again against today's data, all or nothing."""
    return apply_upload(record=record, plan_file=plan_file, apply=apply_import, by=by)


def personnel_import_run(*, name: str, data: bytes, by=None, dry_run: bool = False) -> ImportPlan:
    """Check and, when clean and not a dry run, apply a file in one go (the command's path)."""
    return run_file(
        model=PersonnelImport,
        plan_file=plan_file,
        apply=apply_import,
        name=name,
        data=data,
        by=by,
        dry_run=dry_run,
    )
